"""Bluesky (AT Protocol): com.atproto.server.createSession, then com.atproto.repo.createRecord.

The record is an app.bsky.feed.post {"$type", "text", "createdAt"}. Answer:
{"uri", "cid"}. Errors: {"error", "message"} (ExpiredToken, RateLimitExceeded,
AuthenticationRequired). Credentials: credentials_env.identifier (the handle
or DID) and credentials_env.app_password.
"""
from __future__ import annotations

import datetime as dt

from .http import credential, json_or_empty, post

DEFAULT_BASE = "https://bsky.social"


def errors(response):
    from . import ForwardError

    body = json_or_empty(response)
    name, message = body.get("error", ""), body.get("message", "")
    if response.status_code == 429 or name == "RateLimitExceeded":
        return ForwardError("rate_limited", "Bluesky is rate-limiting this account", 429, response.headers.get("ratelimit-reset"))
    if response.status_code == 401 or name in ("ExpiredToken", "InvalidToken", "AuthenticationRequired", "AuthFactorTokenRequired"):
        return ForwardError("auth", f"Bluesky refused the account's credentials: {message or name}", response.status_code)
    return ForwardError("rejected", f"Bluesky answered HTTP {response.status_code}: {message or name}".rstrip(": "), response.status_code)


def record_for(outbound) -> dict:
    record = {"$type": "app.bsky.feed.post", "text": outbound.text,
              "createdAt": dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")}
    reply = (outbound.extra.get("bluesky") or {}).get("reply")
    if reply:
        record["reply"] = reply
    return record


def send(outbound, upstream: dict, context) -> dict:
    identifier = credential(upstream, "identifier")
    password = credential(upstream, "app_password")
    base = (upstream.get("base_url") or DEFAULT_BASE).rstrip("/")
    timeout = upstream.get("timeout_seconds", 10)
    session = json_or_empty(post(f"{base}/xrpc/com.atproto.server.createSession", timeout=timeout, errors=errors,
                                 idempotent=True, json={"identifier": identifier, "password": password}))
    response = post(f"{base}/xrpc/com.atproto.repo.createRecord", timeout=timeout, errors=errors,
                    json={"repo": session.get("did") or identifier, "collection": "app.bsky.feed.post", "record": record_for(outbound)},
                    headers={"Authorization": f"Bearer {session.get('accessJwt', '')}"})
    reply = json_or_empty(response)
    return {"id": reply.get("uri"), "cid": reply.get("cid"), "http_status": response.status_code, "response": reply}
