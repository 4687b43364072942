"""X (Twitter) API v2: POST /2/tweets.

Request: {"text", "reply": {"in_reply_to_tweet_id"}, "reply_settings"}; answer
201 {"data": {"id", "text"}}. Errors come as problem documents
({"title", "detail", "type", "status"}) or {"errors": [...]}; the rate limit
resets at the x-rate-limit-reset header. Credentials: credentials_env.bearer_token
(an OAuth 2.0 user-context token).
"""
from __future__ import annotations

from .http import credential, json_or_empty, post, retry_after

DEFAULT_BASE = "https://api.twitter.com"
REPLY_SETTINGS = ("everyone", "mentionedUsers", "following", "subscribers", "verified")


def body_for(outbound, upstream: dict) -> dict:
    native = dict(outbound.extra.get("twitter") or {})
    body = {k: v for k, v in native.items() if k not in ("text",)}
    body["text"] = outbound.text
    reply_id = (outbound.in_reply_to or {}).get("id")
    if reply_id and "reply" not in body:
        body["reply"] = {"in_reply_to_tweet_id": str(reply_id)}
    setting = upstream.get("options", {}).get("reply_settings")
    if setting in REPLY_SETTINGS and "reply_settings" not in body and setting != "everyone":
        body["reply_settings"] = setting
    return body


def errors(response):
    from . import ForwardError

    body = json_or_empty(response)
    detail = body.get("detail") or body.get("title") or "; ".join(e.get("message", "") for e in body.get("errors", []) if isinstance(e, dict))
    if response.status_code == 429:
        return ForwardError("rate_limited", "X is rate-limiting this account", 429, retry_after(response, "x-rate-limit-reset"))
    if response.status_code == 401:
        return ForwardError("auth", f"X refused the account's token: {detail or 'unauthorized'}", 401)
    if response.status_code == 403 and "duplicate" in (detail or "").lower():
        return ForwardError("duplicate", "X refused a duplicate post", 403)
    if response.status_code == 403:
        return ForwardError("rejected", f"X refused the post: {detail or 'forbidden'}", 403)
    return ForwardError("rejected", f"X answered HTTP {response.status_code}: {detail}".rstrip(": "), response.status_code)


def send(outbound, upstream: dict, context) -> dict:
    token = credential(upstream, "bearer_token")
    base = (upstream.get("base_url") or DEFAULT_BASE).rstrip("/")
    response = post(f"{base}/2/tweets", timeout=upstream.get("timeout_seconds", 10), errors=errors,
                    json=body_for(outbound, upstream), headers={"Authorization": f"Bearer {token}"})
    reply = json_or_empty(response)
    data = reply.get("data") or {}
    return {"id": data.get("id"), "http_status": response.status_code, "response": reply}
