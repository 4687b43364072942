"""One pooled requests Session for every adapter: timeouts, safe retries, and platform errors mapped to ForwardError."""
from __future__ import annotations

import os
import time

import requests

_session = requests.Session()
_session.headers["User-Agent"] = "gatekeeper/1.0"

RETRY_DELAYS = (0.2, 0.6)


def credential(upstream: dict, name: str) -> str:
    """A secret named by environment variable in the account's credentials_env; never from the policy itself."""
    from . import ForwardError

    env_name = upstream.get("credentials_env", {}).get(name)
    if not env_name:
        raise ForwardError("misconfigured", f"the account's upstream names no environment variable for '{name}' (credentials_env.{name})")
    value = os.environ.get(env_name)
    if not value:
        raise ForwardError("misconfigured", f"environment variable {env_name} is not set")
    return value


def default_errors(response: requests.Response):
    """Map a generic HTTP failure; adapters pass their own for platform error bodies."""
    from . import ForwardError

    retry = response.headers.get("Retry-After") or response.headers.get("x-rate-limit-reset") or response.headers.get("ratelimit-reset")
    if response.status_code == 429:
        return ForwardError("rate_limited", "the platform is rate-limiting this account", 429, retry)
    if response.status_code in (401, 403):
        return ForwardError("auth", "the platform refused the account's credentials", response.status_code)
    if response.status_code == 409:
        return ForwardError("duplicate", "the platform says this post is a duplicate", 409)
    return ForwardError("rejected", f"the platform answered HTTP {response.status_code}", response.status_code)


def post(url: str, timeout: float, errors=default_errors, idempotent: bool = False, **kwargs) -> requests.Response:
    """POST and return a 2xx response, or raise ForwardError.

    A request that never reached the platform (connection refused) is retried
    with backoff; a timeout or a 5xx is retried only when the platform
    de-duplicates (idempotent), because otherwise a retry could post twice.
    """
    from . import ForwardError

    attempts = len(RETRY_DELAYS) + 1
    for attempt in range(attempts):
        last = attempt == attempts - 1
        try:
            response = _session.post(url, timeout=timeout, allow_redirects=False, **kwargs)
        except requests.ConnectionError as exc:
            if isinstance(exc, requests.ConnectTimeout) or "Connection refused" in str(exc) or "Name or service" in str(exc):
                if not last:
                    time.sleep(RETRY_DELAYS[attempt])
                    continue
                raise ForwardError("unreachable", "the platform could not be reached") from None
            if idempotent and not last:
                time.sleep(RETRY_DELAYS[attempt])
                continue
            raise ForwardError("unreachable", "the connection to the platform failed; the post may not have been published") from None
        except requests.Timeout:
            if idempotent and not last:
                time.sleep(RETRY_DELAYS[attempt])
                continue
            raise ForwardError("timeout", f"the platform did not answer within {timeout} s") from None
        if response.status_code >= 500 and idempotent and not last:
            time.sleep(RETRY_DELAYS[attempt])
            continue
        if response.status_code >= 400:
            raise errors(response)
        return response
    raise ForwardError("unreachable", "the platform could not be reached")


def json_or_empty(response: requests.Response) -> dict:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
