"""Rate limits per key and per account, set in gatekeeper.yaml.

    settings:
      rate_limits:
        per_key: "60/minute"        # posts per key (POST /v1/posts and the drop-ins' creates)
        per_account: "300/minute"   # posts per account, whichever key sends them
        checks_per_key: "600/minute"  # POST /v1/check per key

A limit lets a burst of that many through, then refills evenly (60/minute:
one a second). A refused request gets a 429 with Retry-After and is logged as
a `rate_limited` event in the decision log. The counts live in the shared
state (Redis, or one file for the workers of an instance): see shared_state.py.
"""
from __future__ import annotations

import logging
import math
import re
import uuid
from dataclasses import dataclass

from . import metrics
from .shared_state import Bucket

log = logging.getLogger(__name__)

PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
RATE = re.compile(r"([1-9][0-9]{0,8})/(second|minute|hour|day)")  # the schema enforces the same shape

# What each mode is limited by: (policy setting, subject of the bucket).
LIMITS = {"post": (("per_key", "key"), ("per_account", "account")), "check": (("checks_per_key", "key"),)}


def parse_rate(text: str) -> tuple[int, int]:
    """'60/minute' -> (60, 60): that many requests per that many seconds."""
    match = RATE.fullmatch(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a rate such as '60/minute'")
    return int(match.group(1)), PERIODS[match.group(2)]


@dataclass(frozen=True)
class Refusal:
    setting: str
    rate: str
    retry_after: int
    decision_id: str


def _rates(policy) -> dict:
    def build(p):
        return {name: (text, *parse_rate(text)) for name, text in (p.setting("rate_limits") or {}).items()}

    return policy.compiled("rate_limits", build)


def check(gate, policy, key_name: str, account: str, mode: str) -> Refusal | None:
    """Take one request from the caller's buckets; a Refusal (already logged) if a limit is reached."""
    rates = _rates(policy)
    chosen = []
    for setting, subject in LIMITS[mode]:
        if setting in rates:
            text, limit, period = rates[setting]
            who = key_name if subject == "key" else account
            chosen.append((setting, text, Bucket(f"{mode}:{subject}:{who}:{limit}/{period}", limit, period)))
    if not chosen:
        return None
    try:
        taken = gate.shared.take([b for _, _, b in chosen])
    except Exception:
        # A limit protects platforms from floods; it is not a compliance check, so an outage lets posts be decided.
        log.exception("rate-limit state unavailable; request not limited")
        return None
    if taken.allowed:
        return None
    setting, text = next((s, t) for s, t, b in chosen if b == taken.bucket)
    refusal = Refusal(setting, text, max(1, math.ceil(taken.retry_after)), uuid.uuid4().hex)
    gate.store.append("rate_limited", refusal.decision_id, {
        "key_name": key_name, "account": account, "mode": mode, "limit": setting, "rate": text,
        "retry_after_seconds": refusal.retry_after,
    })
    metrics.RATE_LIMITED.labels(setting, mode).inc()
    return refusal
