"""Send an allowed post to where its account says: one adapter per upstream type."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from .. import metrics
from . import bluesky, facebook, http, linkedin, mastodon, sandbox, twitter, webhook

log = logging.getLogger(__name__)

ADAPTERS = {
    "sandbox": sandbox,
    "webhook": webhook,
    "twitter": twitter,
    "mastodon": mastodon,
    "facebook": facebook,
    "linkedin": linkedin,
    "bluesky": bluesky,
}


@dataclass
class Outbound:
    """What an adapter needs to publish one post."""

    decision_id: str
    account: dict
    text: str
    visibility: str = "public"
    in_reply_to: dict | None = None
    extra: dict = field(default_factory=dict)


class ForwardError(Exception):
    """The upstream did not take the post. `kind` says why, for the client and the log."""

    def __init__(self, kind: str, message: str, http_status: int | None = None, retry_after: str | None = None,
                 maybe_sent: bool = False):
        """`retry_after` is delta-seconds or an HTTP date, as the Retry-After header takes it. `maybe_sent`: the
        request reached the platform and no answer came back (a timeout, a dropped connection), so the post may
        have been published."""
        super().__init__(message)
        self.kind = kind  # unreachable, timeout, auth, rate_limited, duplicate, rejected, misconfigured
        self.http_status = http_status
        self.retry_after = retry_after
        self.maybe_sent = maybe_sent

    def as_dict(self) -> dict:
        out = {"status": "unknown" if self.maybe_sent else "failed", "error": self.kind, "message": str(self)}
        if self.http_status is not None:
            out["http_status"] = self.http_status
        if self.retry_after is not None:
            out["retry_after"] = self.retry_after
        return out


def sends_direct(account: dict) -> bool:
    """Can the account's upstream deliver a direct message? The others (X's and LinkedIn's post endpoints,
    Facebook pages, Bluesky) publish everything publicly, so a post checked as direct must never reach them."""
    upstream = account.get("upstream") or {"type": "sandbox"}
    return bool(getattr(ADAPTERS.get(upstream.get("type")), "DIRECT_MESSAGES", False))


def forward(outbound: Outbound, context) -> dict:
    """Publish; return {"status": "sent", "upstream", "id", ...} or raise ForwardError."""
    upstream = outbound.account.get("upstream") or {"type": "sandbox"}
    adapter = ADAPTERS.get(upstream["type"])
    if adapter is None:
        raise ForwardError("misconfigured", f"no adapter for upstream type {upstream['type']!r}")
    if outbound.visibility == "direct" and not sends_direct(outbound.account):
        # Checked as a direct message (private data allowed): published, it would be public.
        raise ForwardError("misconfigured", f"the account's {upstream['type']} upstream cannot send direct messages; "
                                            "this post was checked as one and is not published")
    try:
        with http.time_budget(http.budget_seconds()):
            result = adapter.send(outbound, upstream, context)
    except ForwardError as exc:
        metrics.forwarded(upstream["type"], exc.kind)
        raise
    except (KeyError, TypeError, ValueError) as exc:
        # A setting the adapter needs is missing or malformed: nothing was sent.
        log.exception("upstream %s for account %s is misconfigured", upstream["type"], outbound.account.get("id"))
        metrics.forwarded(upstream["type"], "misconfigured")
        raise ForwardError("misconfigured", f"the account's {upstream['type']} upstream is missing a setting ({type(exc).__name__}: {exc})") from None
    metrics.forwarded(upstream["type"], "sent")
    return {"status": "sent", "upstream": upstream["type"], **result}
