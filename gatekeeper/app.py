"""The HTTP API: a Flask app factory over the gate."""
from __future__ import annotations

import json
import logging
import unicodedata
from functools import wraps

from flask import Flask, g, jsonify, request
from werkzeug.exceptions import HTTPException

from .api_schema import control_character_error, control_characters_in, request_error, whole_number
from .forwarding import sends_direct
from .openapi import openapi_document
from .ops import enforce_rate_limit
from .ops import install as install_ops
from .service import Caller, Gate, Settings
from .store import log_time

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
    install_ops(app, gate)  # request logs, /metrics, /readyz
    from .dropin import bp as dropin

    app.register_blueprint(dropin)
    from .ui import init_app as init_workbench

    init_workbench(app)
    return app


def _register_errors(app: Flask) -> None:
    @app.before_request
    def refuse_control_characters():
        # Before any lookup: PostgreSQL cannot even compare a text column with a string holding NUL.
        problem = control_character_error(request.path)
        if problem:
            raise ApiError(400, "invalid_request", f"The path {problem}.", "(path)")
        for name, value in request.args.items(multi=True):
            problem = control_character_error(name) or control_character_error(value)
            if problem:
                raise ApiError(400, "invalid_request", f"The query parameter '{name}' {problem}.", name)

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


def _no_duplicate_keys(pairs):
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen = set()
        duplicate = next(k for k, _ in pairs if k in seen or seen.add(k))
        raise DuplicateKey(duplicate)
    return obj


class DuplicateKey(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def require_json_content_type() -> None:
    """Bodies are JSON, and must say so: a text/plain body is not quietly read as JSON."""
    mimetype = request.mimetype or ""
    if mimetype != "application/json" and not (mimetype.startswith("application/") and mimetype.endswith("+json")):
        raise ApiError(415, "unsupported_media_type", f"Send the body as JSON with 'Content-Type: application/json', not "
                       f"'{request.content_type or 'none'}'.", "Content-Type")


def read_json_body() -> object:
    """The body as JSON: valid UTF-8, not nested too deeply, no duplicate keys, no NaN."""
    raw = request.get_data(cache=True)
    if not raw:
        raise ApiError(400, "invalid_json", "The request body is empty; send a JSON object.", "(body)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, "invalid_utf8", f"The request body is not valid UTF-8 (byte {exc.start}).", "(body)") from None
    try:
        payload = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicate_keys)
    except DuplicateKey as exc:
        raise ApiError(400, "invalid_json", f"The key '{exc.key}' appears twice in one object; send it once.", exc.key) from None
    except ValueError as exc:
        raise ApiError(400, "invalid_json", f"The request body is not valid JSON: {exc}", "(body)") from None
    except RecursionError:
        raise ApiError(400, "invalid_json", "The request body is nested too deeply.", "(body)") from None
    try:
        json.dumps(payload, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise ApiError(400, "invalid_utf8", "The request contains an unpaired surrogate (\\ud800-\\udfff); text must be valid Unicode.", "(body)") from None
    return payload


def _visible(char: str) -> bool:
    """A character a reader sees: not a space, a control or a format character (zero-width, direction marks)."""
    return not char.isspace() and unicodedata.category(char)[0] not in ("C", "Z")


def idempotency_key() -> str | None:
    """The request's Idempotency-Key header, refused (400) unless it is 1 to 255 printable characters."""
    key = request.headers.get("Idempotency-Key")
    if key is not None and not (1 <= len(key) <= 255 and key.isprintable()):
        raise ApiError(400, "invalid_request", "Idempotency-Key must be 1 to 255 printable characters.", "Idempotency-Key")
    return key


def post_or_replay(gate: Gate, caller: Caller, payload: dict, key: str | None):
    """The stored answer of a finished request with this key, or the post decided (and sent) now. A replay posts
    nothing, so only a new post is counted against the rate limits."""
    replay = gate.replay(payload, caller, key) if key else None
    if replay is not None:
        return replay
    enforce_rate_limit(gate, caller, payload["account"], "post")
    return gate.post(payload, caller, key)


def read_post_request(gate: Gate, caller: Caller, allow_ack: bool) -> tuple[dict, object]:
    require_json_content_type()
    payload = read_json_body()
    return payload, validate_post(gate, caller, payload, allow_ack)


def validate_post(gate: Gate, caller: Caller, payload, allow_ack: bool):
    """Check a post request (shape, length, characters, account, key scope); return the policy in force.

    Only the documented fields are accepted: anything else could reach a platform unchecked.
    """
    problem = request_error(payload) or control_characters_in(payload)
    if problem:
        raise ApiError(400, "invalid_request", problem[1], problem[0])
    if not allow_ack and "acknowledgement" in payload:
        raise ApiError(400, "invalid_request", "'acknowledgement' is only used with POST /v1/posts.", "acknowledgement")
    policy = gate.policies.current()
    limit = policy.setting("max_text_length", 10000)
    if len(payload["text"]) > limit:
        raise ApiError(400, "text_too_long", f"'text' is {len(payload['text'])} characters; the limit is {limit}.", "text")
    if not any(_visible(c) for c in payload["text"]):
        # Spaces, or characters nobody sees (zero-width, direction marks): nothing to post, nothing to check.
        raise ApiError(400, "invalid_request", "'text' is empty: it has no visible character.", "text")
    if payload["account"] not in policy.accounts:
        raise ApiError(404, "unknown_account", f"There is no account '{payload['account']}' in the policy.", "account")
    if not caller.may_use(payload["account"]):
        raise ApiError(403, "account_not_allowed", f"The key '{caller.name}' may not post to '{payload['account']}'.", "account")
    if allow_ack and payload.get("visibility") == "direct" and not sends_direct(policy.accounts[payload["account"]]):
        # A direct post may hold a customer's own details; this account's platform would publish it.
        upstream = (policy.accounts[payload["account"]].get("upstream") or {}).get("type")
        raise ApiError(400, "direct_not_supported", f"Account '{payload['account']}' posts through {upstream}, which Gatekeeper "
                       "cannot send as a direct message: it would be public. Send it as a public post, or as a direct "
                       "message another way.", "visibility")
    ack = payload.get("acknowledgement")
    if ack:
        for name in ("by", "reason"):
            if not ack[name].strip():
                raise ApiError(400, "invalid_request", f"'acknowledgement.{name}' is blank; say who sends this and why.",
                               f"acknowledgement.{name}")
    return policy


REVIEW_STATUSES = ("held", "forward_failed", "unknown", "sending", "sent", "rejected", "expired", "withdrawn", "all")


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
        enforce_rate_limit(gate, g.caller, payload["account"], "check")
        outcome = gate.check(payload, g.caller)
        return outcome.body, outcome.status

    @app.post("/v1/posts")
    @requires("poster")
    def posts():
        payload, _ = read_post_request(gate, g.caller, allow_ack=True)
        outcome = post_or_replay(gate, g.caller, payload, idempotency_key())
        return outcome.body, outcome.status, outcome.headers

    def paging(*names: str) -> dict:
        values = {}
        for name in names:
            try:
                values[name] = whole_number(request.args, name, {"limit": 50, "offset": 0}.get(name))
            except ValueError as exc:
                raise ApiError(400, "invalid_request", f"{exc}.", name) from None
        return values

    def readable_account(account: str | None) -> None:
        if account and not g.caller.may_use(account):
            raise ApiError(403, "account_not_allowed", f"The key '{g.caller.name}' may not read '{account}'.", "account")

    @app.get("/v1/decisions")
    @requires("auditor")
    def decisions():
        args = request.args
        page = paging("limit", "cursor", "offset")
        verdict = args.get("verdict")
        if verdict and verdict not in ("allow", "warn", "review", "block"):
            raise ApiError(400, "invalid_request", "'verdict' must be one of: allow, warn, review, block.", "verdict")
        readable_account(args.get("account"))
        for name in ("since", "until"):
            try:
                log_time(args[name]) if args.get(name) else None
            except ValueError:
                raise ApiError(400, "invalid_request", f"'{name}' must be an ISO date or time, e.g. 2026-11-25 or "
                               "2026-11-25T14:30:00Z.", name) from None
        items = gate.store.decisions(account=args.get("account"), verdict=verdict, rule=args.get("rule"),
                                     since=args.get("since"), until=args.get("until"), key_name=args.get("key"),
                                     limit=page["limit"], before_seq=page["cursor"], offset=page["offset"],
                                     accounts=g.caller.scope)
        next_cursor = str(items[-1]["seq"]) if items and len(items) == page["limit"] else None
        return {"decisions": items, "next_cursor": next_cursor}

    @app.get("/v1/decisions/<decision_id>")
    @requires("auditor")
    def decision(decision_id):
        item = gate.store.decision(decision_id)
        # Outside the key's accounts a decision is as good as absent: its existence is not confirmed.
        if item is None or (item.get("account") and not g.caller.may_use(item["account"])):
            raise ApiError(404, "not_found", f"No decision '{decision_id}'.")
        return item

    @app.get("/v1/sandbox")
    @requires("poster", "reviewer", "auditor")
    def sandbox():
        account = request.args.get("account")
        readable_account(account)
        limit = paging("limit")["limit"]
        cursor = request.args.get("cursor")
        before = None
        if cursor:
            created_at, _, post_id = cursor.rpartition("~")
            if not (created_at and len(cursor) <= 80 and len(post_id) == 32 and all(c in "0123456789abcdef" for c in post_id)):
                raise ApiError(400, "invalid_request", "'cursor' must be a next_cursor from an earlier page.", "cursor")
            before = (created_at, post_id)
        items = gate.store.sandbox_list(account, limit, before, accounts=g.caller.scope)
        next_cursor = f"{items[-1]['created_at']}~{items[-1]['id']}" if items and len(items) == limit else None
        return {"posts": items, "next_cursor": next_cursor}

    @app.get("/v1/reviews")
    @requires("reviewer")
    def reviews():
        args = request.args
        status = args.get("status", "held")
        if status not in REVIEW_STATUSES:
            raise ApiError(400, "invalid_request", f"'status' must be one of: {', '.join(REVIEW_STATUSES)}.", "status")
        limit = paging("limit")["limit"]
        items = gate.reviews(g.caller, None if status == "all" else status, args.get("account"), args.get("author"), limit)
        return {"reviews": items}

    def _review_body(required: tuple[str, ...] = (), allowed: tuple[str, ...] = ("by", "note", "reason")) -> dict:
        if request.get_data():
            require_json_content_type()
            body = read_json_body()
        else:
            body = {}
        if not isinstance(body, dict):
            raise ApiError(400, "invalid_request", "The body must be a JSON object.", "(body)")
        for key, value in body.items():
            if key not in allowed:
                raise ApiError(400, "invalid_request", f"unknown field '{key}'", key)
            if not isinstance(value, str) or not value.strip() or len(value) > 2000:
                raise ApiError(400, "invalid_request", f"'{key}' must be a non-empty string", key)
            problem = control_character_error(value)
            if problem:
                raise ApiError(400, "invalid_request", f"'{key}' {problem}", key)
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

    @app.post("/v1/reviews/<decision_id>/resolve")
    @requires("reviewer")
    def resolve(decision_id):
        body = _review_body(("outcome",), ("outcome", "by", "note"))
        if body["outcome"] not in ("sent", "not_sent"):
            raise ApiError(400, "invalid_request", "'outcome' must be 'sent' (it was published) or 'not_sent' (it was not).", "outcome")
        outcome = gate.resolve(decision_id, g.caller, body["outcome"], body.get("by"), body.get("note"))
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
