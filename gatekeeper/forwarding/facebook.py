"""Facebook Graph API page feed: POST /{version}/{page-id}/feed.

Request (form): message, link, access_token (a Page access token). Answer:
{"id": "<page>_<post>"}. Errors: {"error": {"message", "type", "code",
"error_subcode", "fbtrace_id"}}; code 190 is an expired or invalid token,
4/17/32/613 are rate limits, 506 a duplicate post. Credentials:
credentials_env.page_access_token; options.page_id.
"""
from __future__ import annotations

from .http import credential, json_or_empty, post, retry_after

DEFAULT_BASE = "https://graph.facebook.com/v21.0"
RATE_LIMIT_CODES = {4, 17, 32, 613}


def errors(response):
    from . import ForwardError

    error = json_or_empty(response).get("error") or {}
    code, message = error.get("code"), error.get("message", "")
    if code in RATE_LIMIT_CODES or response.status_code == 429:
        return ForwardError("rate_limited", f"Facebook is rate-limiting this page: {message}".rstrip(": "), 429,
                            retry_after(response))
    if code == 190 or code == 102 or response.status_code == 401:
        return ForwardError("auth", f"Facebook refused the page token: {message}".rstrip(": "), response.status_code)
    if code == 506:
        return ForwardError("duplicate", "Facebook refused a duplicate post", response.status_code)
    return ForwardError("rejected", f"Facebook answered HTTP {response.status_code}: {message}".rstrip(": "), response.status_code)


def send(outbound, upstream: dict, context) -> dict:
    from . import ForwardError

    token = credential(upstream, "page_access_token")
    page_id = upstream.get("options", {}).get("page_id")
    if not page_id:
        raise ForwardError("misconfigured", "the account's upstream needs options.page_id")
    base = (upstream.get("base_url") or DEFAULT_BASE).rstrip("/")
    data = {"message": outbound.text, "access_token": token}
    link = (outbound.extra.get("facebook") or {}).get("link")
    if link:
        data["link"] = link
    response = post(f"{base}/{page_id}/feed", timeout=upstream.get("timeout_seconds", 10), errors=errors, data=data)
    reply = json_or_empty(response)
    return {"id": reply.get("id"), "http_status": response.status_code, "response": reply}
