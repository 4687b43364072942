"""The gate: decide a post, log the decision, then act on it.

HTTP-free on purpose: the API, the CLI and the drop-in endpoints all call the
same methods, so a post is judged and logged the same way whichever door it
came in by.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import uuid
from dataclasses import dataclass, field

from cachetools import TTLCache

from . import pii_engine
from .checks import known_rule_ids
from .forwarding import ForwardError, Outbound, forward
from .pipeline import evaluate, warm
from .redact import redact
from .rules.policy import PolicyStore
from .store import Store, canonical

log = logging.getLogger(__name__)

DEFAULT_REVIEW_EXPIRY_HOURS = 72
WITHHELD = "<text withheld: it could not be redacted>"


@dataclass
class Settings:
    policy_dir: str = "policies"
    database_url: str | None = None
    max_body_bytes: int = 64 * 1024
    policy_reload_seconds: float = 1.0

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        env = os.environ
        values = {
            "policy_dir": env.get("GATEKEEPER_POLICY_DIR", "policies"),
            "database_url": env.get("GATEKEEPER_DATABASE_URL") or None,
            "max_body_bytes": int(env.get("GATEKEEPER_MAX_BODY_BYTES", 64 * 1024)),
            "policy_reload_seconds": float(env.get("GATEKEEPER_POLICY_RELOAD_SECONDS", 1.0)),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


@dataclass
class Caller:
    """Who is asking: the key's name, role and the accounts it may use."""

    name: str
    role: str
    accounts: list[str] = field(default_factory=list)

    def may_use(self, account_id: str) -> bool:
        return self.role == "admin" or "*" in self.accounts or account_id in self.accounts


@dataclass
class Outcome:
    status: int
    body: dict
    headers: dict = field(default_factory=dict)


def _retry_after(exc: ForwardError) -> dict:
    """A platform's rate-limit reset, passed on to the client."""
    return {"Retry-After": str(exc.retry_after)} if exc.kind == "rate_limited" and exc.retry_after else {}


def outbound_for(decision_id: str, account: dict, payload: dict) -> Outbound:
    """What the adapter sends. `native` carries a drop-in client's own platform fields (media ids, spoiler text)."""
    native = payload.get("native") or {}
    return Outbound(decision_id, account, payload["text"], payload.get("visibility", "public"), payload.get("in_reply_to"),
                    extra={native["platform"]: native.get("body", {})} if native.get("platform") else {})


class Gate:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.store = Store(settings.database_url)
        # Models and matchers are built once per policy version, when it loads, never on a user's post.
        self.policies = PolicyStore(settings.policy_dir, known_rule_ids(), settings.policy_reload_seconds, on_load=self._prepare)
        self._keys = TTLCache(maxsize=1024, ttl=10)

    @staticmethod
    def _prepare(policy) -> None:
        pii_engine.warm(policy)  # raises for a configured NER model that is not installed: the policy is refused
        warm(policy)

    # -- keys ---------------------------------------------------------------
    def authenticate(self, secret: str | None) -> Caller | None:
        if not secret:
            return None
        digest = hashlib.sha256(secret.encode("utf-8", "replace")).hexdigest()
        row = self._keys.get(digest)
        if row is None:
            row = self.store.key_by_secret(secret) or False
            self._keys[digest] = row
        return Caller(row["name"], row["role"], row["accounts"]) if row else None

    # -- deciding -------------------------------------------------------------
    def evaluate(self, payload: dict, policy=None):
        """Decide without logging: the normalised post, the decision and the redacted text."""
        policy = policy or self.policies.current()
        post, decision = evaluate(payload, policy)  # normalising counts against the checks' time budget
        try:
            redacted = redact(payload["text"], [d.span for d in pii_engine.detect(post, policy)])
        except Exception:
            # Never store raw text because redaction broke: keep the hash, withhold the text.
            log.exception("redaction failed; the decision log gets no text for this post")
            redacted = WITHHELD
        return post, decision, redacted

    def _log_fields(self, payload: dict, caller: Caller, decision, redacted: str, dry_run: bool) -> dict:
        reply = payload.get("in_reply_to") or None
        return {
            "key_name": caller.name,
            "author": payload.get("author"),
            "account": payload["account"],
            "visibility": payload.get("visibility", "public"),
            "automated": bool(payload.get("automated", False)),
            "in_reply_to_author": reply.get("author") if reply else None,
            "verdict": decision.verdict,
            "findings": [f.as_dict() for f in decision.findings],
            "policy_version": decision.policy_version,
            "text_redacted": redacted,
            "text_sha256": hashlib.sha256(payload["text"].encode("utf-8")).hexdigest(),
            "dry_run": dry_run,
            "acknowledgement": payload.get("acknowledgement"),
        }

    def _response(self, decision_id: str, decision, redacted: str, forwarded: bool, **extra) -> dict:
        return {
            "decision_id": decision_id,
            "verdict": decision.verdict,
            "findings": [f.as_dict() for f in decision.findings],
            "policy_version": decision.policy_version,
            "forwarded": forwarded,
            "redacted_text": redacted,
            **extra,
        }

    def check(self, payload: dict, caller: Caller) -> Outcome:
        """Decide, log as a dry run, do not send."""
        post, decision, redacted = self.evaluate(payload)
        decision_id = uuid.uuid4().hex
        self.store.append("decision", decision_id, self._log_fields(payload, caller, decision, redacted, True))
        return Outcome(200, self._response(decision_id, decision, redacted, False))

    def post(self, payload: dict, caller: Caller, idempotency_key: str | None = None) -> Outcome:
        """Decide, log, then forward, hold or refuse."""
        scope = None
        if idempotency_key:
            scope = f"{caller.name}:{idempotency_key}"
            request_hash = hashlib.sha256(canonical(payload).encode()).hexdigest()
            earlier = self.store.idempotency_begin(scope, request_hash)
            if earlier is not None:
                return self._replay(earlier, request_hash)
        try:
            outcome = self._post(payload, caller, scope)
        except BaseException:
            if scope:
                self.store.idempotency_release(scope)
            raise
        if scope:
            if outcome.status == 502:
                # Nothing was published: let a retry with the same key try again.
                self.store.idempotency_release(scope)
            else:
                self.store.idempotency_finish(scope, outcome.status, outcome.body)
        return outcome

    def _replay(self, earlier: dict, request_hash: str) -> Outcome:
        if earlier["request_hash"] != request_hash:
            return Outcome(422, {"error": "idempotency_key_reused", "field": "Idempotency-Key",
                                 "message": "This Idempotency-Key was already used for a different request."})
        if earlier.get("response") is None:
            return Outcome(409, {"error": "request_in_progress", "field": "Idempotency-Key",
                                 "decision_id": earlier.get("decision_id"),
                                 "message": "A request with this Idempotency-Key is in progress or was interrupted; "
                                            "look up its decision before retrying with a new key."})
        return Outcome(earlier["status_code"], earlier["response"], {"Idempotent-Replayed": "true"})

    def _post(self, payload: dict, caller: Caller, scope: str | None) -> Outcome:
        policy = self.policies.current()
        post, decision, redacted = self.evaluate(payload, policy)
        decision_id = uuid.uuid4().hex
        account = policy.accounts[payload["account"]]
        ack = payload.get("acknowledgement")
        verdict = decision.verdict
        fields = self._log_fields(payload, caller, decision, redacted, False)
        will_send = verdict == "allow" or (verdict == "warn" and ack)
        fields["forward"] = {"status": "pending"} if will_send else {"status": "not_sent"}
        self.store.append("decision", decision_id, fields)
        if scope:
            self.store.idempotency_decided(scope, decision_id)

        if verdict == "block":
            return Outcome(422, self._response(decision_id, decision, redacted, False))
        if verdict == "review":
            expiry = policy.setting("review_expiry_hours", DEFAULT_REVIEW_EXPIRY_HOURS)
            expires = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=expiry)).isoformat()
            reason = "; ".join(f.message for f in decision.findings if f.action == "review")
            self.store.hold(decision_id, payload["account"], payload.get("author"), caller.name, payload, reason, expires)
            return Outcome(202, self._response(decision_id, decision, redacted, False, held_until=expires))
        if verdict == "warn" and not ack:
            return Outcome(409, self._response(
                decision_id, decision, redacted, False,
                acknowledgement_required=True,
                message="Not sent. Read the warnings; to send anyway, re-send with "
                        "\"acknowledgement\": {\"by\": \"<who>\", \"reason\": \"<why>\"}.",
            ))
        return self._forward(decision_id, decision, redacted, account, payload)

    def _forward(self, decision_id: str, decision, redacted: str, account: dict, payload: dict) -> Outcome:
        def keep(exc: ForwardError) -> None:
            # Keep the post so it can be retried or approved again: never lost.
            self.store.hold(decision_id, account["id"], payload.get("author"), None, payload,
                            f"forward failed: {exc}", None, status="forward_failed")

        result, exc = self._send(decision_id, account, payload, keep)
        if exc is not None:
            return Outcome(502, self._response(decision_id, decision, redacted, False, forward=exc.as_dict(),
                                               error="upstream_failed", message=str(exc)), _retry_after(exc))
        return Outcome(201, self._response(decision_id, decision, redacted, True, forward=result))

    def _send(self, decision_id: str, account: dict, payload: dict, keep) -> tuple[dict | None, ForwardError | None]:
        """Forward once and log how it went; on failure `keep` stores the post before the failure is logged."""
        try:
            result = forward(outbound_for(decision_id, account, payload), self)
        except ForwardError as exc:
            log.warning("forwarding decision %s to %s failed: %s", decision_id, account["id"], exc)
            keep(exc)
            self.store.append("forward_failed", decision_id, {"account": account["id"], "forward": exc.as_dict()})
            return None, exc
        self.store.append("forwarded", decision_id, {"account": account["id"], "forward": result})
        return result, None

    # -- the review queue -------------------------------------------------------
    def _expire_due(self) -> None:
        """Held posts past their approval window are never sent: mark them expired and drop their text."""
        now = dt.datetime.now(dt.timezone.utc).isoformat()
        for decision_id in self.store.held_expired(now):
            held = self.store.held(decision_id)
            if held and self.store.held_move(decision_id, ("held",), "expired", purge=True):
                self.store.append("review.expired", decision_id, {"account": held["account"], "expired_at": now})

    def reviews(self, caller: Caller, status: str | None = "held", account: str | None = None,
                author: str | None = None, limit: int = 50) -> list[dict]:
        self._expire_due()
        scope = None if caller.role == "admin" or "*" in caller.accounts else caller.accounts
        items = []
        for held in self.store.held_list(scope, status, account, author, limit):
            decision = self.store.decision(held["decision_id"]) or {}
            payload = held["payload"]
            items.append({
                "decision_id": held["decision_id"],
                "status": held["status"],
                "account": held["account"],
                "author": held["author"],
                "key_name": held["key_name"],
                "text": payload.get("text"),
                "visibility": payload.get("visibility", "public"),
                "automated": payload.get("automated", False),
                "in_reply_to": payload.get("in_reply_to"),
                "reason": held["reason"],
                "findings": decision.get("findings", []),
                "policy_version": decision.get("policy_version"),
                "created_at": held["created_at"],
                "expires_at": held["expires_at"],
            })
        return items

    def approve(self, decision_id: str, caller: Caller, by: str | None = None, note: str | None = None) -> Outcome:
        held, problem = self._reviewable(decision_id, caller)
        if problem:
            return problem
        approver = by or caller.name
        if approver in (held["author"], held["key_name"]) or caller.name == held["key_name"]:
            return Outcome(403, {"error": "own_post", "message": "Authors cannot approve their own posts."})
        # Exactly once: only the request that moves the post out of the queue may send it.
        if not self.store.held_move(decision_id, ("held", "forward_failed"), "sending"):
            return Outcome(409, {"error": "not_pending", "message": "This post was already approved, rejected or expired."})
        self.store.append("review.approved", decision_id, {"account": held["account"], "by": approver,
                                                           "key_name": caller.name, "note": note})
        policy = self.policies.current()
        account = policy.accounts.get(held["account"])
        if account is None:
            self.store.held_move(decision_id, ("sending",), "forward_failed")
            return Outcome(409, {"error": "unknown_account", "message": f"Account '{held['account']}' is no longer in the policy."})
        result, exc = self._send(decision_id, account, held["payload"],
                                 lambda exc: self.store.held_move(decision_id, ("sending",), "forward_failed"))
        if exc is not None:
            return Outcome(502, {"decision_id": decision_id, "forwarded": False, "forward": exc.as_dict(),
                                 "error": "upstream_failed", "message": str(exc)}, _retry_after(exc))
        self.store.held_move(decision_id, ("sending",), "sent", purge=True)
        return Outcome(200, {"decision_id": decision_id, "status": "sent", "forwarded": True, "forward": result, "approved_by": approver})

    def reject(self, decision_id: str, caller: Caller, reason: str, by: str | None = None) -> Outcome:
        held, problem = self._reviewable(decision_id, caller)
        if problem:
            return problem
        if not self.store.held_move(decision_id, ("held", "forward_failed"), "rejected", purge=True):
            return Outcome(409, {"error": "not_pending", "message": "This post was already approved, rejected or expired."})
        rejecter = by or caller.name
        self.store.append("review.rejected", decision_id, {"account": held["account"], "by": rejecter,
                                                           "key_name": caller.name, "reason": reason})
        return Outcome(200, {"decision_id": decision_id, "status": "rejected", "forwarded": False, "rejected_by": rejecter})

    def _reviewable(self, decision_id: str, caller: Caller):
        self._expire_due()
        held = self.store.held(decision_id)
        if held is None:
            return None, Outcome(404, {"error": "not_found", "message": f"No held post '{decision_id}'."})
        if not caller.may_use(held["account"]):
            return None, Outcome(403, {"error": "account_not_allowed", "message": f"The key '{caller.name}' may not review '{held['account']}'."})
        if held["status"] == "expired":
            return None, Outcome(410, {"error": "expired", "message": "The approval window for this post has passed; it will never be sent."})
        if held["status"] not in ("held", "forward_failed"):
            return None, Outcome(409, {"error": "not_pending", "message": f"This post is already {held['status']}."})
        return held, None
