"""The HTTP API: a Flask app factory over the gate."""
from __future__ import annotations

import json
import logging
from functools import wraps

from flask import Flask, g, jsonify, request
from werkzeug.exceptions import HTTPException

from .api_schema import request_error
from .openapi import openapi_document
from .service import Caller, Gate, Settings

log = logging.getLogger(__name__)


class ApiError(Exception):
    def __init__(self, status: int, error: str, message: str, field: str | None = None, headers: dict | None = None):
        super().__init__(message)
        self.status, self.error, self.message, self.field = status, error, message, field
        self.headers = headers or {}

    def response(self):
        body = {"error": self.error, "message": self.message}
        if self.field:
            body["field"] = self.field
        resp = jsonify(body)
        resp.status_code = self.status
        resp.headers.update(self.headers)
        return resp


def create_app(settings: Settings | None = None, **overrides) -> Flask:
    settings = settings or Settings.from_env(**overrides)
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.json.sort_keys = False
    gate = Gate(settings)
    app.extensions["gatekeeper"] = gate
    _register_errors(app)
    _register_routes(app, gate)
    from .dropin import bp as dropin

    app.register_blueprint(dropin)
    from .ui import init_app as init_workbench

    init_workbench(app)
    return app


def _register_errors(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def api_error(exc: ApiError):
        return exc.response()

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        names = {413: "body_too_large", 404: "not_found", 405: "method_not_allowed"}
        message = exc.description or exc.name
        if exc.code == 413:
            message = f"The request body is over the limit of {app.config['MAX_CONTENT_LENGTH']} bytes."
        return ApiError(exc.code or 500, names.get(exc.code, exc.name.lower().replace(" ", "_")), message).response()

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        # Logged with its traceback for operators; the client gets no internals.
        log.exception("unhandled error on %s %s", request.method, request.path)
        return ApiError(500, "internal_error", "Gatekeeper could not process this request. Nothing was sent.").response()


def _authenticate(gate: Gate) -> Caller:
    header = request.headers.get("Authorization", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise ApiError(401, "unauthorized", "Send your key as 'Authorization: Bearer <key>'.",
                       headers={"WWW-Authenticate": 'Bearer realm="gatekeeper"'})
    caller = gate.authenticate(secret.strip())
    if caller is None:
        raise ApiError(401, "unauthorized", "This key is not valid or has been revoked.",
                       headers={"WWW-Authenticate": 'Bearer realm="gatekeeper", error="invalid_token"'})
    return caller


def role_allows(caller: Caller, roles) -> bool:
    """Admin may do anything; any other key only what one of `roles` may."""
    return caller.role == "admin" or caller.role in roles


def requires(*roles: str):
    """Authenticate the caller and require one of `roles` (admin may do anything)."""
    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            caller = _authenticate(current_gate())
            if not role_allows(caller, roles):
                raise ApiError(403, "forbidden", f"A {caller.role} key may not do this; it needs one of: {', '.join(roles)}.")
            g.caller = caller
            return view(*args, **kwargs)
        return wrapper
    return decorator


def current_gate() -> Gate:
    from flask import current_app

    return current_app.extensions["gatekeeper"]


def _reject_constant(name):
    raise ValueError(f"{name} is not valid JSON")


def read_json_body() -> object:
    raw = request.get_data(cache=True)
    if not raw:
        raise ApiError(400, "invalid_json", "The request body is empty; send a JSON object.", "(body)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, "invalid_utf8", f"The request body is not valid UTF-8 (byte {exc.start}).", "(body)") from None
    try:
        payload = json.loads(text, parse_constant=_reject_constant)
    except ValueError as exc:
        raise ApiError(400, "invalid_json", f"The request body is not valid JSON: {exc}", "(body)") from None
    except RecursionError:
        raise ApiError(400, "invalid_json", "The request body is nested too deeply.", "(body)") from None
    try:
        json.dumps(payload, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise ApiError(400, "invalid_utf8", "The request contains an unpaired surrogate (\\ud800-\\udfff); text must be valid Unicode.", "(body)") from None
    return payload


def read_post_request(gate: Gate, caller: Caller, allow_ack: bool) -> tuple[dict, object]:
    payload = read_json_body()
    return payload, validate_post(gate, caller, payload, allow_ack)


def validate_post(gate: Gate, caller: Caller, payload, allow_ack: bool):
    """Check a post request (shape, length, account, key scope); return the policy in force.

    A drop-in request's platform fields ride along under "native" and are not part of the API shape.
    """
    problem = request_error({k: v for k, v in payload.items() if k != "native"} if isinstance(payload, dict) else payload)
    if problem:
        raise ApiError(400, "invalid_request", problem[1], problem[0])
    if not allow_ack and "acknowledgement" in payload:
        raise ApiError(400, "invalid_request", "'acknowledgement' is only used with POST /v1/posts.", "acknowledgement")
    policy = gate.policies.current()
    limit = policy.setting("max_text_length", 10000)
    if len(payload["text"]) > limit:
        raise ApiError(400, "text_too_long", f"'text' is {len(payload['text'])} characters; the limit is {limit}.", "text")
    if not payload["text"].strip():
        raise ApiError(400, "invalid_request", "'text' is empty.", "text")
    if payload["account"] not in policy.accounts:
        raise ApiError(404, "unknown_account", f"There is no account '{payload['account']}' in the policy.", "account")
    if not caller.may_use(payload["account"]):
        raise ApiError(403, "account_not_allowed", f"The key '{caller.name}' may not post to '{payload['account']}'.", "account")
    return policy


def _register_routes(app: Flask, gate: Gate) -> None:
    @app.get("/healthz")
    def health():
        policy = gate.policies.current()
        return {"status": "ok", "policy_version": policy.version}

    @app.get("/openapi.json")
    def openapi():
        return openapi_document()

    @app.post("/v1/check")
    @requires("poster", "reviewer")
    def check():
        payload, _ = read_post_request(gate, g.caller, allow_ack=False)
        outcome = gate.check(payload, g.caller)
        return outcome.body, outcome.status

    @app.post("/v1/posts")
    @requires("poster")
    def posts():
        payload, _ = read_post_request(gate, g.caller, allow_ack=True)
        key = request.headers.get("Idempotency-Key")
        if key is not None and not (1 <= len(key) <= 255 and key.isprintable()):
            raise ApiError(400, "invalid_request", "Idempotency-Key must be 1 to 255 printable characters.", "Idempotency-Key")
        outcome = gate.post(payload, g.caller, key)
        return outcome.body, outcome.status, outcome.headers

    @app.get("/v1/decisions")
    @requires("auditor")
    def decisions():
        args = request.args
        try:
            limit = min(max(int(args.get("limit", 50)), 1), 500)
            before = int(args["cursor"]) if args.get("cursor") else None
            offset = max(int(args.get("offset", 0)), 0)
        except ValueError:
            raise ApiError(400, "invalid_request", "'limit', 'offset' and 'cursor' must be whole numbers.", "limit") from None
        verdict = args.get("verdict")
        if verdict and verdict not in ("allow", "warn", "review", "block"):
            raise ApiError(400, "invalid_request", "'verdict' must be one of: allow, warn, review, block.", "verdict")
        items = gate.store.decisions(account=args.get("account"), verdict=verdict, rule=args.get("rule"),
                                     since=args.get("since"), until=args.get("until"), key_name=args.get("key"),
                                     limit=limit, before_seq=before, offset=offset)
        next_cursor = str(items[-1]["seq"]) if len(items) == limit else None
        return {"decisions": items, "next_cursor": next_cursor}

    @app.get("/v1/decisions/<decision_id>")
    @requires("auditor")
    def decision(decision_id):
        item = gate.store.decision(decision_id)
        if item is None:
            raise ApiError(404, "not_found", f"No decision '{decision_id}'.")
        return item

    @app.get("/v1/sandbox")
    @requires("poster", "reviewer", "auditor")
    def sandbox():
        account = request.args.get("account")
        if account and not g.caller.may_use(account):
            raise ApiError(403, "account_not_allowed", f"The key '{g.caller.name}' may not read '{account}'.", "account")
        items = gate.store.sandbox_list(account)
        if not account:
            items = [i for i in items if g.caller.may_use(i["account"])]
        return {"posts": items}

    @app.get("/v1/reviews")
    @requires("reviewer")
    def reviews():
        args = request.args
        status = args.get("status", "held")
        if status not in ("held", "forward_failed", "sending", "sent", "rejected", "expired", "all"):
            raise ApiError(400, "invalid_request", "'status' must be one of: held, forward_failed, sending, sent, rejected, expired, all.", "status")
        try:
            limit = min(max(int(args.get("limit", 50)), 1), 500)
        except ValueError:
            raise ApiError(400, "invalid_request", "'limit' must be a whole number.", "limit") from None
        items = gate.reviews(g.caller, None if status == "all" else status, args.get("account"), args.get("author"), limit)
        return {"reviews": items}

    def _review_body(required: tuple[str, ...] = ()) -> dict:
        body = read_json_body() if request.get_data() else {}
        if not isinstance(body, dict):
            raise ApiError(400, "invalid_request", "The body must be a JSON object.", "(body)")
        allowed = {"by", "note", "reason"}
        for key, value in body.items():
            if key not in allowed:
                raise ApiError(400, "invalid_request", f"unknown field '{key}'", key)
            if not isinstance(value, str) or not value.strip() or len(value) > 2000:
                raise ApiError(400, "invalid_request", f"'{key}' must be a non-empty string", key)
        for key in required:
            if key not in body:
                raise ApiError(400, "invalid_request", f"'{key}' is required", key)
        return body

    @app.post("/v1/reviews/<decision_id>/approve")
    @requires("reviewer")
    def approve(decision_id):
        body = _review_body()
        outcome = gate.approve(decision_id, g.caller, body.get("by"), body.get("note"))
        return outcome.body, outcome.status

    @app.post("/v1/reviews/<decision_id>/reject")
    @requires("reviewer")
    def reject(decision_id):
        body = _review_body(("reason",))
        outcome = gate.reject(decision_id, g.caller, body["reason"], body.get("by"))
        return outcome.body, outcome.status

    @app.get("/v1/policy")
    @requires("admin", "auditor")
    def policy_status():
        policy = gate.policies.current()
        error = gate.policies.last_error
        return {
            "version": policy.version,
            "accounts": sorted(policy.accounts),
            "refused_change": [e.as_dict() for e in error.errors] if error else None,
        }
