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
import time
import unicodedata
import uuid
from dataclasses import dataclass, field

from . import ops, shared_state
from .checks.pii import engine as pii_engine
from .checks import known_rule_ids
from .forwarding import ForwardError, Outbound, forward
from .native import native_texts
from .pipeline import evaluate, warm
from .redact import redact
from .rules.policy import PolicyStore
from .store import Store, canonical, iso_ago

log = logging.getLogger(__name__)

DEFAULT_REVIEW_EXPIRY_HOURS = 72
WITHHELD = "<text withheld: it could not be redacted>"
FIELD_SEPARATOR = "\n\n"


@dataclass
class Settings:
    policy_dir: str = "policies"
    database_url: str | None = None
    max_body_bytes: int = 64 * 1024
    policy_reload_seconds: float = 1.0
    # A post still `sending` after this long was interrupted (no forward takes this long): reconcile it.
    reconcile_after_seconds: float = 300.0
    policy_settle_seconds: float = 2.0

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        env = os.environ
        values = {
            "policy_dir": env.get("GATEKEEPER_POLICY_DIR", "policies"),
            "database_url": env.get("GATEKEEPER_DATABASE_URL") or None,
            "max_body_bytes": int(env.get("GATEKEEPER_MAX_BODY_BYTES", 64 * 1024)),
            "policy_reload_seconds": float(env.get("GATEKEEPER_POLICY_RELOAD_SECONDS", 1.0)),
            "reconcile_after_seconds": float(env.get("GATEKEEPER_RECONCILE_AFTER_SECONDS", 300)),
            "policy_settle_seconds": float(env.get("GATEKEEPER_POLICY_SETTLE_SECONDS", 2.0)),
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

    @property
    def scope(self) -> list[str] | None:
        """The accounts this key may see, or None for all of them."""
        return None if self.role == "admin" or "*" in self.accounts else list(self.accounts)


def same_person(a: str | None, b: str | None) -> bool:
    """Names compared as people read them: case, surrounding and repeated spaces, compatibility forms ignored."""
    if not a or not b:
        return False

    def norm(name: str) -> str:
        # Accents and dots off too: "ALİCE" (dotted capital I) folds to "ali̇ce", which is still alice.
        folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", name).casefold())
        return " ".join("".join(c for c in folded if not unicodedata.combining(c)).split())

    return norm(a) == norm(b) != ""


@dataclass
class Outcome:
    status: int
    body: dict
    headers: dict = field(default_factory=dict)


def _retry_after(exc: ForwardError) -> dict:
    """A platform's rate-limit reset, passed on to the client."""
    return {"Retry-After": str(exc.retry_after)} if exc.kind == "rate_limited" and exc.retry_after else {}


def kept_forward(forward: dict) -> dict:
    """What is stored of a forward's result: the platform's id, url and status, never its answer's body (X and
    Mastodon echo the post's full text there; the log keeps only the redacted text)."""
    return {k: v for k, v in forward.items() if k != "response"}


def kept_response(body: dict) -> dict:
    """A response body as an idempotent replay stores it: without the platform's echo of the post."""
    return {**body, "forward": kept_forward(body["forward"])} if isinstance(body.get("forward"), dict) else body


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
        self.policies = PolicyStore(settings.policy_dir, known_rule_ids(), settings.policy_reload_seconds, on_load=self._prepare,
                                    settle=settings.policy_settle_seconds)
        # Rate limits, the idempotency in-flight lock and the link-verdict cache: Redis, or one file per instance.
        self.shared = shared_state.backend_from_env(settings.database_url)
        shared_state.configure(self.shared)
        # A crash between publishing and logging left posts `sending`: queue them for a person.
        self.reconcile()

    @staticmethod
    def _prepare(policy) -> None:
        pii_engine.warm(policy)  # raises for a configured NER model that is not installed: the policy is refused
        warm(policy)

    # -- keys ---------------------------------------------------------------
    def authenticate(self, secret: str | None) -> Caller | None:
        # Read on every request (one indexed lookup) so a revocation takes effect at once, on every instance.
        if not secret:
            return None
        row = self.store.key_by_secret(secret)
        return Caller(row["name"], row["role"], row["accounts"]) if row else None

    # -- deciding -------------------------------------------------------------
    def evaluate(self, payload: dict, policy=None):
        """Decide without logging: the normalised post, the decision and the redacted text."""
        policy = policy or self.policies.current()
        fields = native_texts(payload.get("native"))
        if fields:
            return self._evaluate_with_fields(payload, fields, policy)
        post, decision = evaluate(payload, policy)  # normalising counts against the checks' time budget
        try:
            redacted = redact(payload["text"], [d.span for d in pii_engine.detect(post, policy)])
        except Exception:
            # Never store raw text because redaction broke: keep the hash, withhold the text.
            log.exception("redaction failed; the decision log gets no text for this post")
            redacted = WITHHELD
        return post, decision, redacted

    def _evaluate_with_fields(self, payload: dict, fields: list[tuple[str, str]], policy):
        """Check a post whose other fields (a content warning, poll options) also reach the platform.

        The texts are checked as one, each after a blank line, so every check sees every word once;
        a finding in another field says so (details.field) and its span counts from that field's start.
        """
        text = payload["text"]
        combined, segments = text, []
        for name, value in fields:
            combined += FIELD_SEPARATOR
            segments.append((name, len(combined), len(combined) + len(value)))
            combined += value
        post, decision = evaluate({**payload, "text": combined}, policy)
        for item in decision.findings:
            if item.start < len(text):
                item.end = min(item.end, len(text))
                continue
            name, start, end = next(((n, s, e) for n, s, e in segments if item.start < e), segments[-1])
            item.start, item.end = max(item.start - start, 0), max(min(item.end, end) - start, 0)
            item.details = {**item.details, "field": name}
        try:
            spans = [d.span for d in pii_engine.detect(post, policy)]
            redacted = redact(text, [(k, a, min(b, len(text))) for k, a, b in spans if a < len(text)])
            decision.fields_redacted = {
                name: redact(combined[start:end], [(k, a - start, min(b, end) - start) for k, a, b in spans if start <= a < end])
                for name, start, end in segments
            }
        except Exception:
            log.exception("redaction failed; the decision log gets no text for this post")
            redacted = WITHHELD
            decision.fields_redacted = {name: WITHHELD for name, _, _ in segments}
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
            **({"fields_redacted": decision.fields_redacted} if getattr(decision, "fields_redacted", None) else {}),
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
        started = time.perf_counter()
        post, decision, redacted = self.evaluate(payload)
        decision_id = uuid.uuid4().hex
        self.store.append("decision", decision_id, self._log_fields(payload, caller, decision, redacted, True))
        ops.decided("check", payload["account"], decision, decision_id, time.perf_counter() - started)
        return Outcome(200, self._response(decision_id, decision, redacted, False))

    def post(self, payload: dict, caller: Caller, idempotency_key: str | None = None) -> Outcome:
        """Decide, log, then forward, hold or refuse."""
        if not idempotency_key:
            return self._post(payload, caller, None)
        scope = f"{caller.name}:{idempotency_key}"
        request_hash = hashlib.sha256(canonical(payload).encode()).hexdigest()
        earlier = self.store.idempotency_lookup(scope)
        if earlier is not None and earlier.get("response") is not None:
            return self._replay(earlier, request_hash)  # finished: replay without taking the lock
        # The shared in-flight lock turns a concurrent twin away before it touches the database;
        # the database claim below stays the record of what was done.
        with shared_state.inflight(self.shared, scope) as mine:
            if not mine:
                return self._replay(earlier or {"request_hash": request_hash}, request_hash)
            return self._post_once(payload, caller, scope)

    def replay(self, payload: dict, caller: Caller, idempotency_key: str) -> Outcome | None:
        """The stored answer of a finished request with this key (or 422 for a different request), else None."""
        earlier = self.store.idempotency_lookup(f"{caller.name}:{idempotency_key}")
        if earlier is None or earlier.get("response") is None:
            return None
        return self._replay(earlier, hashlib.sha256(canonical(payload).encode()).hexdigest())

    def _post_once(self, payload: dict, caller: Caller, scope: str) -> Outcome:
        if scope:
            request_hash = hashlib.sha256(canonical(payload).encode()).hexdigest()
            earlier = self.store.idempotency_begin(scope, request_hash)
            if earlier is not None and "retry_of" not in earlier:
                return self._replay(earlier, request_hash)
            if earlier is not None:
                # The earlier attempt failed cleanly: its copy leaves the review queue, so one key publishes once.
                sent = self._withdraw_failed(earlier["retry_of"])
                if sent is not None:
                    self.store.idempotency_finish(scope, sent.status, sent.body)
                    return sent
        try:
            outcome = self._post(payload, caller, scope)
        except BaseException:
            if scope:
                self.store.idempotency_release(scope)
            raise
        if scope:
            if outcome.body.get("error") == "upstream_failed":
                # The platform refused it and nothing was published: a retry with the same key may try again.
                self.store.idempotency_retryable(scope)
            else:
                # Done, or possibly published (upstream_unknown): a retry gets this answer, never a second post.
                self.store.idempotency_finish(scope, outcome.status, kept_response(outcome.body))
        return outcome

    def _withdraw_failed(self, decision_id: str | None) -> Outcome | None:
        """Take an earlier attempt's failed forward out of the review queue before its request is retried. If a
        reviewer has sent it meanwhile, the answer (409) says so and nothing is posted again."""
        held = self.store.held(decision_id) if decision_id else None
        if held is None:
            return None
        with self.store.transaction():
            if self.store.held_move(decision_id, ("forward_failed",), "withdrawn", purge=True,
                                    reason="its request was retried with the same Idempotency-Key"):
                self.store.append("review.withdrawn", decision_id, {
                    "account": held["account"], "reason": "the client retried this request with the same Idempotency-Key"})
                return None
        held = self.store.held(decision_id)
        if held and held["status"] in ("sending", "sent", "unknown"):
            return Outcome(409, {"error": "sent_from_review", "decision_id": decision_id, "field": "Idempotency-Key",
                                 "message": "The earlier attempt of this request was approved from the review queue and "
                                            "has been sent (or is being sent); it is not posted again."})
        return None  # rejected or expired meanwhile: this attempt is a new one

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
        started = time.perf_counter()
        policy = self.policies.current()
        post, decision, redacted = self.evaluate(payload, policy)
        decision_id = uuid.uuid4().hex
        account = policy.accounts[payload["account"]]
        ack = payload.get("acknowledgement")
        verdict = decision.verdict
        fields = self._log_fields(payload, caller, decision, redacted, False)
        will_send = verdict == "allow" or (verdict == "warn" and ack)
        fields["forward"] = {"status": "pending"} if will_send else {"status": "not_sent"}
        expires = None
        # The decision and the post kept with it commit together: a held post is never logged without
        # its text, and a post being sent is kept until its outcome is logged (see reconcile).
        with self.store.transaction():
            self.store.append("decision", decision_id, fields)
            if verdict == "review":
                expiry = policy.setting("review_expiry_hours", DEFAULT_REVIEW_EXPIRY_HOURS)
                expires = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=expiry)).isoformat()
                reason = "; ".join(f.message for f in decision.findings if f.action == "review")
                self.store.hold(decision_id, payload["account"], payload.get("author"), caller.name, payload, reason, expires)
            elif will_send:
                self.store.hold(decision_id, payload["account"], payload.get("author"), caller.name, payload, "being sent", None,
                                status="sending")
            if scope:
                self.store.idempotency_decided(scope, decision_id)
        ops.decided("post", payload["account"], decision, decision_id, time.perf_counter() - started)

        if verdict == "block":
            return Outcome(422, self._response(decision_id, decision, redacted, False))
        if verdict == "review":
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
        # Sent: the kept copy goes (a direct post leaves no trace in the review queue).
        result, exc = self._send(decision_id, account, payload, lambda: self.store.held_delete(decision_id, "sending"))
        if exc is not None and exc.maybe_sent:
            return Outcome(502, self._response(
                decision_id, decision, redacted, False, forward=exc.as_dict(), error="upstream_unknown",
                message=f"{exc}. It waits in the review queue (status unknown) until a person checks the platform "
                        "and resolves it; do not send it again."))
        if exc is not None:
            return Outcome(502, self._response(decision_id, decision, redacted, False, forward=exc.as_dict(),
                                               error="upstream_failed", message=str(exc)), _retry_after(exc))
        return Outcome(201, self._response(decision_id, decision, redacted, True, forward=result))

    def _send(self, decision_id: str, account: dict, payload: dict, sent) -> tuple[dict | None, ForwardError | None]:
        """Forward a post kept as `sending` once, and log how it went.

        On failure the kept post moves to forward_failed (to be approved again or rejected); once
        sent, `sent` settles the kept copy in the same transaction as the `forwarded` entry. A
        process that dies in between leaves it `sending`, for reconcile().
        """
        try:
            result = forward(outbound_for(decision_id, account, payload), self)
        except ForwardError as exc:
            log.warning("forwarding decision %s to %s failed: %s", decision_id, account["id"], exc)
            if exc.maybe_sent:
                # It may be on the platform: never sent again by itself; a person checks and resolves it.
                with self.store.transaction():
                    self.store.held_move(decision_id, ("sending",), "unknown", reason=f"no answer from the platform: {exc}")
                    self.store.append("forward.unknown", decision_id, {"account": account["id"], "forward": exc.as_dict()})
                return None, exc
            with self.store.transaction():
                self.store.held_move(decision_id, ("sending", "unknown"), "forward_failed", reason=f"forward failed: {exc}")
                self.store.append("forward_failed", decision_id, {"account": account["id"], "forward": exc.as_dict()})
            return None, exc
        with self.store.transaction():
            self.store.append("forwarded", decision_id, {"account": account["id"], "forward": kept_forward(result)})
            sent()
        return result, None

    # -- reconciling interrupted sends -------------------------------------------------
    def reconcile(self, older_than_seconds: float | None = None) -> list[str]:
        """Posts left `sending` (the process died between publishing and logging) become `unknown`.

        Whether they reached the platform is not known, so they are never sent again by
        themselves: each gets a `forward.unknown` entry in the log and waits in the review queue
        (status=unknown) until a person resolves it. Only posts older than the reconcile window
        are touched, so another instance's send in flight is left alone.
        """
        after = self.settings.reconcile_after_seconds if older_than_seconds is None else older_than_seconds
        found = []
        for row in self.store.held_stale("sending", iso_ago(after)):
            with self.store.transaction():
                if not self.store.held_move(row["decision_id"], ("sending",), "unknown",
                                            reason="interrupted while being sent: it may or may not have been published"):
                    continue
                self.store.append("forward.unknown", row["decision_id"], {
                    "account": row["account"], "forward": {"status": "unknown"},
                    "message": "Gatekeeper stopped between sending this post and logging the outcome; "
                               "check the platform, then resolve it in the review queue."})
            log.warning("decision %s was interrupted while being sent; queued for review as unknown", row["decision_id"])
            found.append(row["decision_id"])
        return found

    # -- the review queue -------------------------------------------------------
    def _expire_due(self) -> None:
        """Held posts past their approval window are never sent: mark them expired and drop their text.

        Interrupted sends are reconciled here too, so they reach the queue without a restart.
        """
        self.reconcile()
        now = dt.datetime.now(dt.timezone.utc).isoformat()
        for decision_id in self.store.held_expired(now):
            held = self.store.held(decision_id)
            if held and self.store.held_move(decision_id, ("held",), "expired", purge=True):
                self.store.append("review.expired", decision_id, {"account": held["account"], "expired_at": now})

    def reviews(self, caller: Caller, status: str | None = "held", account: str | None = None,
                author: str | None = None, limit: int = 50) -> list[dict]:
        self._expire_due()
        scope = caller.scope
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
                "text_kept": "text" in payload,
                "fields": dict(native_texts(payload.get("native"))),
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
        # Decided on the key that approves and the key and author that posted, never on `by` alone.
        posted_by = held["key_name"] or (self.store.decision(decision_id) or {}).get("key_name")
        if any(same_person(a, b) for a in (caller.name, by) for b in (held["author"], posted_by)):
            return Outcome(403, {"error": "own_post", "message": "Authors cannot approve their own posts: "
                                 "the approving key or name is the key or author that posted it."})
        if "text" not in held["payload"]:
            return Outcome(409, {"error": "text_not_kept", "message": "Gatekeeper no longer holds this post's text, so it cannot "
                                 "send it; reject it and post it again."})
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
                                 lambda: self.store.held_move(decision_id, ("sending",), "sent", purge=True))
        if exc is not None:
            return Outcome(502, {"decision_id": decision_id, "forwarded": False, "forward": exc.as_dict(),
                                 "error": "upstream_unknown" if exc.maybe_sent else "upstream_failed", "message": str(exc)},
                           _retry_after(exc))
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

    def resolve(self, decision_id: str, caller: Caller, outcome: str, by: str | None = None, note: str | None = None) -> Outcome:
        """A person settles a post whose send was interrupted, after looking at the platform.

        "sent": it was published; the kept text goes. "not_sent": it was not; it becomes
        forward_failed, to be approved (sent, explicitly) or rejected like any failed forward.
        """
        held, problem = self._reviewable(decision_id, caller, statuses=("unknown",))
        if problem:
            return problem
        resolver = by or caller.name
        to_status = "sent" if outcome == "sent" else "forward_failed"
        with self.store.transaction():
            if not self.store.held_move(decision_id, ("unknown",), to_status, purge=outcome == "sent",
                                        reason=f"resolved by {resolver}: {'published' if outcome == 'sent' else 'not published'}"):
                return Outcome(409, {"error": "not_pending", "message": "This post was already resolved."})
            self.store.append("review.resolved", decision_id, {
                "account": held["account"], "by": resolver, "key_name": caller.name, "note": note, "outcome": outcome,
                "forward": {"status": "sent", "confirmed_by": resolver} if outcome == "sent" else {"status": "not_sent"}})
        return Outcome(200, {"decision_id": decision_id, "status": to_status, "forwarded": outcome == "sent", "resolved_by": resolver})

    def _reviewable(self, decision_id: str, caller: Caller, statuses: tuple[str, ...] = ("held", "forward_failed")):
        self._expire_due()
        held = self.store.held(decision_id)
        if held is None:
            return None, Outcome(404, {"error": "not_found", "message": f"No held post '{decision_id}'."})
        if not caller.may_use(held["account"]):
            # As absent as a decision outside an auditor's accounts: its existence is not confirmed.
            return None, Outcome(404, {"error": "not_found", "message": f"No held post '{decision_id}'."})
        if held["status"] == "expired":
            return None, Outcome(410, {"error": "expired", "message": "The approval window for this post has passed; it will never be sent."})
        if held["status"] == "unknown" and "unknown" not in statuses:
            return None, Outcome(409, {"error": "outcome_unknown", "message": "Sending this post was interrupted and it may have been "
                                       "published. Check the platform, then resolve it (POST /v1/reviews/<id>/resolve) before anything else."})
        if held["status"] not in statuses:
            return None, Outcome(409, {"error": "not_pending", "message": f"This post is {held['status']}, not {' or '.join(statuses)}."})
        return held, None
