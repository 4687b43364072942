"""One pooled requests Session for every adapter: timeouts, safe retries, and platform errors mapped to ForwardError.

Every forward has a total time budget (GATEKEEPER_FORWARD_MAX_SECONDS, 15 s by
default): retries and the platform's own timeout are cut to what is left, so
a request thread is never held for retries x timeout.
"""
from __future__ import annotations

import contextvars
import datetime as dt
import email.utils
import math
import os
import time
from contextlib import contextmanager

import requests

_session = requests.Session()
_session.headers["User-Agent"] = "gatekeeper/1.0"

RETRY_DELAYS = (0.2, 0.6)
DEFAULT_BUDGET_SECONDS = 15.0
MIN_ATTEMPT_SECONDS = 0.5  # no retry is started with less time than this left

_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar("forward_deadline", default=None)


def budget_seconds() -> float:
    return float(os.environ.get("GATEKEEPER_FORWARD_MAX_SECONDS", DEFAULT_BUDGET_SECONDS))


@contextmanager
def time_budget(seconds: float):
    """Every request made inside shares one deadline `seconds` from now."""
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def _remaining() -> float | None:
    deadline = _deadline.get()
    return None if deadline is None else deadline - time.monotonic()


# -- Retry-After: always delta-seconds or an HTTP date -----------------------------------------

def _http_date(value: str) -> str | None:
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.timezone.utc)
    return email.utils.format_datetime(parsed.astimezone(dt.timezone.utc), usegmt=True)


def seconds_until(reset: str | None, now: float | None = None) -> str | None:
    """A platform's reset time as delta-seconds: an epoch (X, Bluesky), an ISO 8601 time (Mastodon) or already seconds."""
    if not reset:
        return None
    value = reset.strip()
    now = time.time() if now is None else now
    if value.isdigit():
        number = int(value)
        # Epoch seconds are > 10^9; a smaller number is a delay already.
        return str(max(0, math.ceil(number - now)) if number > 1_000_000_000 else number)
    try:
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return str(max(0, math.ceil(when.timestamp() - now)))


def retry_after(response: requests.Response, reset_header: str | None = None) -> str | None:
    """When to try again, as Retry-After allows: the platform's own Retry-After if valid, else its reset header."""
    own = (response.headers.get("Retry-After") or "").strip()
    if own.isdigit():
        return str(int(own))
    if own and _http_date(own):
        return _http_date(own)
    return seconds_until(response.headers.get(reset_header)) if reset_header else None


def reset_epoch(value: str | None, now: float | None = None) -> int | None:
    """The other way round, for clients that want an epoch (X's x-rate-limit-reset): from delta-seconds or an HTTP date."""
    if not value:
        return None
    now = time.time() if now is None else now
    if str(value).isdigit():
        return int(now) + int(value)
    try:
        return int(email.utils.parsedate_to_datetime(str(value)).timestamp())
    except (TypeError, ValueError, IndexError):
        return None


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

    retry = retry_after(response, "x-rate-limit-reset" if "x-rate-limit-reset" in response.headers else "ratelimit-reset")
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
        remaining = _remaining()
        if remaining is not None and remaining < min(MIN_ATTEMPT_SECONDS, timeout):
            raise ForwardError("timeout", f"the forward ran out of its {budget_seconds():g} s budget")
        # A retry is only started if its delay and a useful attempt fit in what is left.
        last = attempt == attempts - 1 or (
            remaining is not None and remaining - RETRY_DELAYS[attempt] < MIN_ATTEMPT_SECONDS)
        this_timeout = timeout if remaining is None else max(min(timeout, remaining), 0.05)
        try:
            response = _session.post(url, timeout=this_timeout, allow_redirects=False, **kwargs)
        except requests.ConnectionError as exc:
            if isinstance(exc, requests.ConnectTimeout) or "Connection refused" in str(exc) or "Name or service" in str(exc):
                if not last:
                    time.sleep(RETRY_DELAYS[attempt])
                    continue
                raise ForwardError("unreachable", "the platform could not be reached") from None
            if idempotent and not last:
                time.sleep(RETRY_DELAYS[attempt])
                continue
            raise ForwardError("unreachable", "the connection to the platform broke after the post was sent; it may have been "
                                              "published", maybe_sent=True) from None
        except requests.Timeout:
            if idempotent and not last:
                time.sleep(RETRY_DELAYS[attempt])
                continue
            raise ForwardError("timeout", f"the platform did not answer within {this_timeout:g} s; the post may have been "
                                          "published", maybe_sent=True) from None
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
