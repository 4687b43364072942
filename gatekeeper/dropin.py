"""Drop-in endpoints: Gatekeeper answering on the platforms' own paths.

An existing client needs only a new base URL:
  Mastodon  http://gatekeeper/platform/mastodon/<account>   (POST /api/v1/statuses)
  X (v2)    http://gatekeeper/platform/twitter/<account>    (POST /2/tweets)
The client's access token is its Gatekeeper key. Each request is mapped to a
Gatekeeper post, decided, and forwarded with the account's own credentials;
the platform's answer comes back as is. A post that is not sent gets an error
in the platform's own format, carrying the findings under "gatekeeper". To
send a warned post anyway, re-send it with the headers X-Gatekeeper-Ack-By and
X-Gatekeeper-Ack-Reason.

Besides the text, only the fields listed in gatekeeper/native.py are accepted;
their texts (a content warning, poll options) are checked with the post, and
anything else is refused with a 400 naming the field.
"""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qsl

from flask import Blueprint, current_app, g, request

from .app import (ApiError, idempotency_key, post_or_replay, read_json_body, require_json_content_type, requires,
                  validate_post)
from .forwarding.http import reset_epoch
from .native import NativeFieldError, mastodon_body, twitter_body

bp = Blueprint("dropin", __name__, url_prefix="/platform")


def _gate():
    return current_app.extensions["gatekeeper"]


def _ack() -> dict | None:
    by, reason = request.headers.get("X-Gatekeeper-Ack-By"), request.headers.get("X-Gatekeeper-Ack-Reason")
    return {"by": by, "reason": reason} if by and reason else None


def _post_native(platform: str, account: str, text: str, visibility: str, native: dict, reply_id) -> tuple[int, dict, dict]:
    """A platform request as a Gatekeeper post; the client's accepted fields ride along to the adapter."""
    payload = {"account": account, "text": text, "visibility": visibility}
    if reply_id:
        payload["in_reply_to"] = {"id": str(reply_id)}
    ack = _ack()
    if ack:
        payload["acknowledgement"] = ack
    gate = _gate()
    try:
        validate_post(gate, g.caller, payload, allow_ack=True)
    except ApiError as exc:
        if exc.field == "text" and platform == "mastodon":
            exc.field, exc.message = "status", exc.message.replace("'text'", "'status'")
        raise
    key = idempotency_key()
    try:
        body = mastodon_body(native) if platform == "mastodon" else twitter_body(native)
    except NativeFieldError as exc:
        raise ApiError(400, "invalid_request", str(exc), exc.field) from None
    if body:
        payload["native"] = {"platform": platform, "body": body}
    outcome = post_or_replay(gate, g.caller, payload, key)
    return outcome.status, outcome.body, outcome.headers


def _gatekeeper_summary(body: dict) -> dict:
    return {k: body.get(k) for k in ("decision_id", "verdict", "findings", "policy_version", "forwarded", "redacted_text", "forward") if k in body}


def _why(body: dict) -> str:
    reasons = "; ".join(f["message"] for f in body.get("findings", []) if f.get("action") != "allow")
    return {"block": "Blocked by Gatekeeper", "warn": "Not sent: Gatekeeper warns about this post",
            "review": "Held by Gatekeeper for review"}.get(body.get("verdict"), "Not sent") + (f": {reasons}" if reasons else "")


def _rate_headers(body: dict) -> dict:
    forward = body.get("forward") or {}
    return {"Retry-After": str(forward["retry_after"])} if forward.get("error") == "rate_limited" and forward.get("retry_after") else {}


# -- Mastodon -----------------------------------------------------------------------

def _mastodon_error(status: int, message: str, extra: dict | None = None, headers: dict | None = None):
    body = {"error": message}
    if extra:
        body["gatekeeper"] = extra
    return body, status, headers or {}


@bp.errorhandler(ApiError)
def _platform_error(exc: ApiError):
    if request.path.startswith("/platform/twitter/"):
        return {"title": exc.error.replace("_", " ").title(), "detail": exc.message, "type": "about:blank",
                "status": exc.status, "gatekeeper": {"error": exc.error, "field": exc.field}}, exc.status, exc.headers
    return _mastodon_error(exc.status, exc.message, {"error": exc.error, "field": exc.field}, exc.headers)


_FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")
_INDEXED = re.compile(r"(.+)\[(\d{1,3})\]")


def _mastodon_request() -> dict:
    if request.is_json:
        data = read_json_body()
    elif request.mimetype in _FORMS:
        data = _form_fields()
    else:
        raise ApiError(415, "unsupported_media_type", "Send the status as JSON or as a form, not "
                       f"'{request.content_type or 'none'}'.", "Content-Type")
    if not isinstance(data, dict):
        raise ApiError(422, "invalid_request", "Validation failed: the body must be an object", "status")
    return data


def _form_fields() -> dict:
    """A form body (as Mastodon.py sends it): repeated keys such as media_ids[] stay lists, and indexed keys
    (poll[options][0], poll[options][1]) become one list in index order. Text that is not UTF-8 is refused, not
    replaced."""
    if request.mimetype == "application/x-www-form-urlencoded":
        try:
            pairs = parse_qsl(request.get_data(cache=True).decode("ascii"), keep_blank_values=True, encoding="utf-8",
                              errors="strict", max_num_fields=1000)
        except (UnicodeDecodeError, ValueError):
            raise ApiError(400, "invalid_utf8", "The form body is not valid UTF-8 text.", "(body)") from None
    else:
        pairs = [(k, v) for k, values in request.form.lists() for v in values]
    lists: dict[str, list] = {}
    indexed: dict[str, list] = {}
    for key, value in pairs:
        found = _INDEXED.fullmatch(key)
        if found:
            indexed.setdefault(found.group(1) + "[]", []).append((int(found.group(2)), value))
        else:
            lists.setdefault(key, []).append(value)
    for key, items in indexed.items():
        lists.setdefault(key, []).extend(v for _, v in sorted(items, key=lambda item: item[0]))
    return {k: (values[0] if len(values) == 1 and not k.endswith("[]") else values) for k, values in lists.items()}


@bp.post("/mastodon/<account>/api/v1/statuses")
@requires("poster")
def mastodon_status(account):
    native = _mastodon_request()
    text = native.get("status")
    if not isinstance(text, str) or not text.strip():
        raise ApiError(422, "invalid_request", "Validation failed: Text can't be blank", "status")
    visibility = "direct" if native.get("visibility") == "direct" else "public"
    status, body, headers = _post_native("mastodon", account, text, visibility, native, native.get("in_reply_to_id"))
    if status == 201:
        forward = body.get("forward") or {}
        if forward.get("upstream") == "mastodon" and forward.get("response"):
            return forward["response"], 200, headers
        return _synthetic_status(account, text, native, forward, body), 200, headers
    if status == 202:
        return _mastodon_error(202, _why(body), _gatekeeper_summary(body))
    if status == 502:
        forward = body.get("forward") or {}
        code = 429 if forward.get("error") == "rate_limited" else 502
        return _mastodon_error(code, body.get("message", "The platform did not take the post"), _gatekeeper_summary(body), _rate_headers(body))
    if status in (409, 422) and "verdict" in body:
        return _mastodon_error(422, _why(body), _gatekeeper_summary(body))
    return _mastodon_error(status, body.get("message", "Not sent"), body)


def _synthetic_status(account: str, text: str, native: dict, forward: dict, body: dict) -> dict:
    """A Status for posts the account sends somewhere other than Mastodon (the sandbox, a webhook)."""
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    post_id = str(forward.get("id") or body["decision_id"])
    return {"id": post_id, "uri": f"gatekeeper:{account}:{post_id}", "url": None, "created_at": now, "content": text,
            "visibility": native.get("visibility", "public"), "in_reply_to_id": native.get("in_reply_to_id"),
            "sensitive": bool(native.get("sensitive", False)), "spoiler_text": native.get("spoiler_text", ""),
            "account": {"id": account, "username": account, "acct": account}, "media_attachments": [], "mentions": [],
            "tags": [], "emojis": [], "reblogs_count": 0, "favourites_count": 0, "replies_count": 0,
            "gatekeeper": _gatekeeper_summary(body)}


@bp.get("/mastodon/<account>/api/v1/instance")
@bp.get("/mastodon/<account>/api/v2/instance")
@requires("poster", "reviewer", "auditor")
def mastodon_instance(account):
    # Mastodon.py may ask for the server version; Gatekeeper speaks the 4.x statuses API.
    if account not in _gate().policies.current().accounts or not g.caller.may_use(account):
        return _mastodon_error(404, "Record not found")
    return {"uri": request.host, "domain": request.host, "title": "Gatekeeper", "version": "4.2.0",
            "description": "Gatekeeper drop-in endpoint", "urls": {}, "configuration": {"statuses": {"max_characters": 500}}}


# -- X (Twitter) v2 ---------------------------------------------------------------------

def _problem(status: int, title: str, detail: str, extra: dict | None = None, headers: dict | None = None):
    body = {"title": title, "detail": detail, "type": "about:blank", "status": status}
    if extra:
        body["gatekeeper"] = extra
    return body, status, headers or {}


@bp.post("/twitter/<account>/2/tweets")
@requires("poster")
def twitter_tweet(account):
    require_json_content_type()
    native = read_json_body()
    if not isinstance(native, dict):
        raise ApiError(400, "invalid_request", "The request body must be a JSON object.", "(body)")
    text = native.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ApiError(400, "invalid_request", "The `text` field is required.", "text")
    reply_id = (native.get("reply") or {}).get("in_reply_to_tweet_id") if isinstance(native.get("reply"), dict) else None
    status, body, headers = _post_native("twitter", account, text, "public", native, reply_id)
    if status == 201:
        forward = body.get("forward") or {}
        if forward.get("upstream") == "twitter" and forward.get("response"):
            return forward["response"], 201, headers
        return {"data": {"id": str(forward.get("id") or body["decision_id"]), "text": text}, "gatekeeper": _gatekeeper_summary(body)}, 201, headers
    if status == 202:
        return _problem(202, "Held", _why(body), _gatekeeper_summary(body))
    if status == 502:
        forward = body.get("forward") or {}
        if forward.get("error") == "rate_limited":
            return _problem(429, "Too Many Requests", body.get("message", ""), _gatekeeper_summary(body),
                            {"x-rate-limit-reset": str(reset_epoch(forward.get("retry_after")) or ""), **_rate_headers(body)})
        return _problem(502, "Bad Gateway", body.get("message", "The platform did not take the post"), _gatekeeper_summary(body))
    if status in (409, 422) and "verdict" in body:
        return _problem(403, "Forbidden", _why(body), _gatekeeper_summary(body))
    return _problem(status, "Error", body.get("message", "Not sent"), body)
