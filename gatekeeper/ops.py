"""What operators need around the API: request logs, /metrics, /readyz, rate limits.

`install(app, gate)` wires it into the Flask app; the gate and the views call
`decided`, `enforce_rate_limit` and `note` at the points where they know
something worth logging or counting.
"""
from __future__ import annotations

import json
import logging
import os
import time

from flask import Response, g, has_request_context, request

from . import logs, metrics, ratelimit

log = logging.getLogger(__name__)

# Paths a separate metrics port answers (GATEKEEPER_METRICS_PORT); the API is never served there.
OPS_PATHS = ("/metrics", "/healthz", "/readyz")

# Set by the gunicorn worker on SIGTERM: /readyz then says "not ready" while in-flight requests finish.
draining = False


def metrics_enabled() -> bool:
    return os.environ.get("GATEKEEPER_METRICS", "on").lower() not in ("off", "0", "false", "no")


def metrics_port() -> int | None:
    value = os.environ.get("GATEKEEPER_METRICS_PORT")
    return int(value) if value else None


def note(**fields) -> None:
    """Add fields to this request's log line (no-op outside a request)."""
    if has_request_context():
        g.setdefault("gk_log", {}).update({k: v for k, v in fields.items() if v is not None})


def decided(mode: str, account: str, decision, decision_id: str, seconds: float) -> None:
    """A decision was made and logged: count it and put it on the request's log line."""
    try:
        metrics.decided(mode, account, decision, seconds)
    except Exception:  # metrics must never cost a decision
        log.exception("could not record metrics for decision %s", decision_id)
    note(account=account, verdict=decision.verdict, decision_id=decision_id)


def enforce_rate_limit(gate, caller, account: str, mode: str) -> None:
    """Raise a 429 if the caller's key or the account is over its limit ("post" or "check")."""
    refusal = ratelimit.check(gate, gate.policies.current(), caller.name, account, mode)
    if refusal is None:
        return
    note(account=account, decision_id=refusal.decision_id, verdict="rate_limited")
    what = f"the account '{account}'" if refusal.setting == "per_account" else f"the key '{caller.name}'"
    raise _rate_limited_error()(
        429, "rate_limited", f"Too many requests for {what}: the limit is {refusal.rate}. "
                             f"Try again in {refusal.retry_after} s. Nothing was sent.",
        None, {"Retry-After": str(refusal.retry_after)}, refusal=refusal)


_RateLimited = None


def _rate_limited_error():
    """A 429 ApiError whose JSON body also carries retry_after, the limit and the logged event's id."""
    global _RateLimited
    if _RateLimited is None:
        from .app import ApiError  # app imports this module: resolved at first use

        class RateLimited(ApiError):
            def __init__(self, *args, refusal, **kwargs):
                super().__init__(*args, **kwargs)
                self.refusal = refusal

            def response(self):
                resp = super().response()
                body = resp.get_json()
                body.update({"limit": self.refusal.setting, "retry_after": self.refusal.retry_after,
                             "decision_id": self.refusal.decision_id})
                resp.set_data(json.dumps(body, ensure_ascii=False))
                return resp

        _RateLimited = RateLimited
    return _RateLimited


# -- readiness ----------------------------------------------------------------------------------

def readiness(gate) -> tuple[bool, dict]:
    checks: dict = {}
    policy = gate.policies.current()
    checks["policy"] = {"ok": policy is not None, "version": policy.version if policy else None,
                        "refused_change": bool(gate.policies.last_error)}
    # Models and matchers are built when a policy version loads (before it is put in force).
    checks["models"] = {"ok": policy is not None and gate.policies.prepared_version == policy.version}
    try:
        gate.store.db.fetchone("SELECT 1 AS one")
        checks["database"] = {"ok": True}
    except Exception as exc:
        checks["database"] = {"ok": False, "error": type(exc).__name__}
    try:
        checks["shared_state"] = {"ok": bool(gate.shared.ping()), "backend": gate.shared.name}
    except Exception as exc:
        checks["shared_state"] = {"ok": False, "backend": gate.shared.name, "error": type(exc).__name__}
    checks["accepting"] = {"ok": not draining}
    return all(c["ok"] for c in checks.values()), checks


# -- wiring --------------------------------------------------------------------------------------

def install(app, gate) -> None:
    logs.setup()
    port = metrics_port()

    @app.before_request
    def _start():
        g.gk_started = time.perf_counter()
        g.gk_request_id = logs.request_id(request.headers.get("X-Request-Id"))
        if port is not None and request.environ.get("SERVER_PORT") == str(port) and request.path not in OPS_PATHS:
            from .app import ApiError

            raise ApiError(404, "not_found", "This port serves only /metrics, /healthz and /readyz.")

    @app.after_request
    def _finish(response):
        started = g.get("gk_started")
        latency_ms = round((time.perf_counter() - started) * 1000, 3) if started else None
        rid = g.get("gk_request_id") or logs.request_id(None)
        response.headers["X-Request-Id"] = rid
        caller = g.get("caller")
        route = request.url_rule.rule if request.url_rule is not None else "(unmatched)"
        fields = {"request_id": rid, "method": request.method, "path": request.path[:200], "route": route,
                  "status": response.status_code, "latency_ms": latency_ms,
                  "key": caller.name if caller is not None else None, "account": None, "verdict": None, "decision_id": None}
        fields.update(g.get("gk_log") or {})
        if fields["decision_id"] is None and request.method == "POST" and response.is_json:
            _from_body(response, fields)  # an idempotent replay, or a drop-in answer
        try:
            metrics.REQUESTS.labels(request.method, route, str(response.status_code)).inc()
        except Exception:
            log.exception("could not count request")
        logs.write(fields)
        return response

    @app.get("/readyz")
    def readyz():
        ready, checks = readiness(gate)
        return {"ready": ready, "checks": checks}, 200 if ready else 503

    if metrics_enabled():
        @app.get("/metrics")
        def prometheus_metrics():
            if port is not None and request.environ.get("SERVER_PORT") != str(port):
                from .app import ApiError

                raise ApiError(404, "not_found", f"Metrics are served on port {port}.")
            body, content_type = metrics.render(gate)
            return Response(body, content_type=content_type)


def _from_body(response, fields: dict) -> None:
    """A replayed or drop-in answer carries its decision in the body: take the id and verdict, nothing else."""
    try:
        body = response.get_json(silent=True)
    except Exception:
        return
    if not isinstance(body, dict):
        return
    summary = body.get("gatekeeper") if isinstance(body.get("gatekeeper"), dict) else body
    for name in ("decision_id", "verdict"):
        value = summary.get(name)
        if isinstance(value, str) and fields.get(name) is None:
            fields[name] = value
