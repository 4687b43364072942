"""One pooled requests Session for every adapter, and one way to map HTTP failures."""
from __future__ import annotations

import requests

_session = requests.Session()
_session.headers["User-Agent"] = "gatekeeper/1.0"


def post(url: str, timeout: float, **kwargs) -> requests.Response:
    """POST once (never retried here: a retry could post twice); map failures to ForwardError."""
    from . import ForwardError

    try:
        response = _session.post(url, timeout=timeout, allow_redirects=False, **kwargs)
    except requests.Timeout:
        raise ForwardError("timeout", f"the upstream did not answer within {timeout} s") from None
    except requests.RequestException as exc:
        raise ForwardError("unreachable", f"the upstream could not be reached ({type(exc).__name__})") from None
    if response.status_code == 429:
        raise ForwardError("rate_limited", "the upstream is rate-limiting this account", 429,
                           response.headers.get("Retry-After") or response.headers.get("x-rate-limit-reset"))
    if response.status_code in (401, 403):
        raise ForwardError("auth", "the upstream refused Gatekeeper's credentials for this account", response.status_code)
    if response.status_code == 409:
        raise ForwardError("duplicate", "the upstream says this post is a duplicate", 409)
    if response.status_code >= 400:
        raise ForwardError("rejected", f"the upstream answered HTTP {response.status_code}", response.status_code)
    return response
