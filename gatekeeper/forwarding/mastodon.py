"""Mastodon: POST /api/v1/statuses.

Request: status, visibility (public, unlisted, private, direct), in_reply_to_id,
spoiler_text, sensitive, language; Mastodon de-duplicates by the
Idempotency-Key header, so a retry cannot post twice. Answer: a Status
({"id", "url", ...}). Errors: {"error": "..."}. Credentials:
credentials_env.access_token.
"""
from __future__ import annotations

from .http import credential, json_or_empty, post, retry_after

DIRECT_MESSAGES = True  # visibility "direct": only the people mentioned see it

VISIBILITIES = ("public", "unlisted", "private", "direct")


def body_for(outbound, upstream: dict) -> dict:
    native = dict(outbound.extra.get("mastodon") or {})
    body = {k: v for k, v in native.items() if k != "status"}
    body["status"] = outbound.text
    if outbound.visibility == "direct":
        body["visibility"] = "direct"
    elif body.get("visibility") not in VISIBILITIES:
        body["visibility"] = upstream.get("options", {}).get("visibility", "public")
    reply_id = (outbound.in_reply_to or {}).get("id")
    if reply_id and "in_reply_to_id" not in body:
        body["in_reply_to_id"] = str(reply_id)
    return body


def errors(response):
    from . import ForwardError

    message = json_or_empty(response).get("error", "")
    if response.status_code == 429:
        return ForwardError("rate_limited", "Mastodon is rate-limiting this account", 429, retry_after(response, "X-RateLimit-Reset"))
    if response.status_code in (401, 403):
        return ForwardError("auth", f"Mastodon refused the account's token: {message or 'unauthorized'}", response.status_code)
    return ForwardError("rejected", f"Mastodon answered HTTP {response.status_code}: {message}".rstrip(": "), response.status_code)


def send(outbound, upstream: dict, context) -> dict:
    from . import ForwardError

    if not upstream.get("base_url"):
        raise ForwardError("misconfigured", "a Mastodon upstream needs base_url (the instance, e.g. https://mastodon.social)")
    token = credential(upstream, "access_token")
    base = upstream["base_url"].rstrip("/")
    response = post(f"{base}/api/v1/statuses", timeout=upstream.get("timeout_seconds", 10), errors=errors, idempotent=True,
                    json=body_for(outbound, upstream),
                    headers={"Authorization": f"Bearer {token}", "Idempotency-Key": outbound.decision_id})
    status = json_or_empty(response)
    return {"id": status.get("id"), "url": status.get("url"), "http_status": response.status_code, "response": status}
