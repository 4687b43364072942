"""LinkedIn Posts API: POST /rest/posts.

Headers: Authorization: Bearer, LinkedIn-Version (YYYYMM),
X-Restli-Protocol-Version: 2.0.0. Body: {"author": "urn:li:organization:…",
"commentary", "visibility": "PUBLIC", "distribution": {"feedDistribution":
"MAIN_FEED", "targetEntities": [], "thirdPartyDistributionChannels": []},
"lifecycleState": "PUBLISHED", "isReshareDisabledByAuthor": false}. Answer:
201 with the post URN in the x-restli-id header. Errors: {"status",
"message", "serviceErrorCode"}; 422 with "duplicate" is a duplicate post.
Credentials: credentials_env.access_token; options.author_urn.

`commentary` is in LinkedIn's "little" text format, where \\ | { } @ [ ] ( ) < > # * _ ~
are markup (mentions, hashtags, ...): LinkedIn cuts a post at the first
unescaped one, so each is sent escaped with a backslash and shows as typed.
"""
from __future__ import annotations

from .http import credential, json_or_empty, post, retry_after

DEFAULT_BASE = "https://api.linkedin.com"
DEFAULT_VERSION = "202411"
LITTLE_RESERVED = frozenset("\\|{}@[]()<>#*_~")


def little_text(text: str) -> str:
    """Plain text as LinkedIn's little format: every reserved character escaped."""
    return "".join("\\" + c if c in LITTLE_RESERVED else c for c in text)


def body_for(outbound, upstream: dict) -> dict:
    return {
        "author": upstream.get("options", {}).get("author_urn"),
        "commentary": little_text(outbound.text),
        "visibility": "PUBLIC",
        "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": [], "thirdPartyDistributionChannels": []},
        "lifecycleState": "PUBLISHED",
        "isReshareDisabledByAuthor": False,
    }


def errors(response):
    from . import ForwardError

    message = json_or_empty(response).get("message", "")
    if response.status_code == 429:
        return ForwardError("rate_limited", "LinkedIn is rate-limiting this account", 429, retry_after(response))
    if response.status_code in (401, 403):
        return ForwardError("auth", f"LinkedIn refused the account's token: {message}".rstrip(": "), response.status_code)
    if response.status_code == 422 and "duplicate" in message.lower():
        return ForwardError("duplicate", "LinkedIn refused a duplicate post", 422)
    return ForwardError("rejected", f"LinkedIn answered HTTP {response.status_code}: {message}".rstrip(": "), response.status_code)


def send(outbound, upstream: dict, context) -> dict:
    from . import ForwardError

    if not upstream.get("options", {}).get("author_urn"):
        raise ForwardError("misconfigured", "the account's upstream needs options.author_urn (urn:li:organization:…)")
    token = credential(upstream, "access_token")
    base = (upstream.get("base_url") or DEFAULT_BASE).rstrip("/")
    headers = {"Authorization": f"Bearer {token}", "X-Restli-Protocol-Version": "2.0.0",
               "LinkedIn-Version": str(upstream.get("options", {}).get("version", DEFAULT_VERSION))}
    response = post(f"{base}/rest/posts", timeout=upstream.get("timeout_seconds", 10), errors=errors,
                    json=body_for(outbound, upstream), headers=headers)
    return {"id": response.headers.get("x-restli-id"), "http_status": response.status_code}
