"""The workbench pages. Every action calls the Gate method the API calls, so the rules are the same."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging

from flask import (Blueprint, Response, abort, flash, g, redirect, render_template, request, stream_with_context,
                   url_for)
from werkzeug.exceptions import HTTPException

from ..app import ApiError, current_gate, validate_post
from ..checks import CHECKS, known_rule_ids
from ..pipeline import PIPELINE_RULES
from ..rules.policy import PolicyInvalid
from ..store import entry_hash, export_row, log_time
from . import auth, drafts
from .text import by_severity, highlight, lexicon_lines, remaining, whole_post

log = logging.getLogger(__name__)

bp = Blueprint("ui", __name__, url_prefix="/ui", template_folder="templates", static_folder="static",
               static_url_path="/static")

VERDICTS = ("allow", "warn", "review", "block")
PAGE_SIZE = 50
EXPORT_LIMIT = 100_000
WHAT_IF_MAX = 1000


# -- plumbing ------------------------------------------------------------------------------
def _control_character(value: str) -> bool:
    return any((ord(c) < 32 and c not in "\t\n\r") or ord(c) == 127 for c in value)


@bp.before_request
def refuse_forged_posts():
    """Every state-changing form carries the session's CSRF token; without it nothing happens."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    if not auth.csrf_ok():
        abort(400, "This form is out of date or did not come from the workbench (CSRF token missing or wrong). "
                   "Nothing was changed: reload the page and try again.")
    for name, value in request.form.items(multi=True):
        if _control_character(value):
            abort(400, f"'{name}' contains a control character (such as NUL); nothing was changed.")


@bp.after_request
def security_headers(response):
    response.headers.setdefault("Content-Security-Policy",
                                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if response.mimetype == "text/html":
        response.headers.setdefault("Cache-Control", "no-store")
    return response


@bp.app_context_processor
def page_globals():
    if not request.blueprint == "ui":
        return {}
    caller = auth.current_caller()
    pages = [(name, label) for name, label in (("reviews", "Review queue"), ("decisions", "Decision log"),
                                               ("policy", "Policy"), ("try", "Try a post"), ("what-if", "What would change"))
             if auth.may_use_page(caller, name)]
    return {"caller": caller, "pages": pages, "csrf_token": auth.csrf_token, "remaining": remaining}


@bp.errorhandler(HTTPException)
def http_error(exc: HTTPException):
    return render_template("error.html", code=exc.code, title=exc.name, message=exc.description), exc.code


@bp.errorhandler(Exception)
def unexpected(exc: Exception):
    log.exception("workbench error on %s %s", request.method, request.path)
    return render_template("error.html", code=500, title="Something went wrong",
                           message="The workbench could not do this. Nothing was sent."), 500


# -- signing in and out ----------------------------------------------------------------------
@bp.get("/")
def home():
    caller = auth.current_caller()
    if caller is None:
        return redirect(url_for("ui.login"))
    return render_template("home.html")


@bp.route("/login", methods=["GET", "POST"])
def login():
    error = None
    if request.method == "POST":
        if auth.sign_in(request.form.get("key", "").strip()):
            return redirect(auth.safe_next(request.form.get("next")), 303)
        error = "This key is not valid or has been revoked."
    status = 401 if error else 200
    return render_template("login.html", error=error, next=request.values.get("next", "")), status


@bp.post("/logout")
def logout():
    auth.sign_out()
    flash("You are signed out.", "ok")
    return redirect(url_for("ui.login"), 303)


# -- review queue ------------------------------------------------------------------------------
# The queue's sections, in page order: what each status is called on the page.
QUEUE_SECTIONS = (("held", "Held for review"), ("forward_failed", "Failed forwards"), ("unknown", "Interrupted sends"))


def _queue_filter() -> str | None:
    """The `status` shown (None: every section), as `GET /v1/reviews?status=` names it."""
    status = request.args.get("status") or None
    if status and status not in dict(QUEUE_SECTIONS):
        abort(400, f"'status' must be one of: {', '.join(s for s, _ in QUEUE_SECTIONS)}.")
    return status


def _review_cards(caller, shown: str | None) -> dict[str, list[dict]]:
    gate = current_gate()
    cards = {}
    for status, _ in QUEUE_SECTIONS:
        if shown and status != shown:
            continue
        items = gate.reviews(caller, status, limit=500)
        # Newest first: the queue is a to-do list, and the freshest post is the one someone is waiting on.
        items.sort(key=lambda i: i["created_at"], reverse=True)
        for item in items:
            if status == "forward_failed":
                item["forward"] = (gate.store.decision(item["decision_id"]) or {}).get("forward")
            item["runs"] = highlight(item["text"] or "", item["findings"])
            item["whole"] = whole_post(item["findings"])
        cards[status] = items
    return cards


@bp.get("/reviews")
@auth.page("reviews")
def reviews(error: str | None = None, code: int = 200):
    shown = _queue_filter()
    cards = _review_cards(g.caller, shown)
    return render_template("reviews.html", cards=cards, shown=shown, sections=QUEUE_SECTIONS, error=error), code


def _field(name: str, required: bool = False) -> str | None:
    value = (request.form.get(name) or "").strip()
    if len(value) > 2000:
        abort(400, f"'{name}' is longer than 2000 characters.")
    if required and not value:
        abort(400, f"'{name}' is required.")
    return value or None


def _back_to_queue():
    """After an action, back to the queue as it was filtered (only a known status is carried over)."""
    status = request.args.get("status")
    return redirect(url_for("ui.reviews", status=status if status in dict(QUEUE_SECTIONS) else None), 303)


@bp.post("/reviews/<decision_id>/approve")
@auth.page("reviews")
def approve(decision_id):
    # As `POST /v1/reviews/<id>/approve` without `by`: the approving key is the signed-in key, and
    # Gate.approve refuses it if it is the key or the author that posted (case and spaces ignored).
    outcome = current_gate().approve(decision_id, g.caller, None, _field("note"))
    if outcome.status == 200:
        flash(f"Approved and sent ({decision_id[:8]}).", "ok")
        return _back_to_queue()
    if outcome.status == 502:
        flash(f"Approved, but the platform refused it: {outcome.body['message']}. It is listed under failed "
              "forwards and can be approved again.", "error")
        return _back_to_queue()
    return reviews(error=outcome.body["message"], code=outcome.status)


@bp.post("/reviews/<decision_id>/reject")
@auth.page("reviews")
def reject(decision_id):
    reason = (request.form.get("reason") or "").strip()
    if not reason:
        return reviews(error="Give a reason for rejecting: the author sees it.", code=400)
    outcome = current_gate().reject(decision_id, g.caller, _field("reason", required=True))
    if outcome.status == 200:
        flash(f"Rejected ({decision_id[:8]}); it will never be sent.", "ok")
        return _back_to_queue()
    return reviews(error=outcome.body["message"], code=outcome.status)


@bp.post("/reviews/<decision_id>/resolve")
@auth.page("reviews")
def resolve(decision_id):
    """An interrupted send, settled by a person who looked at the platform (`POST /v1/reviews/<id>/resolve`)."""
    result = request.form.get("outcome")
    if result not in ("sent", "not_sent"):
        return reviews(error="Say whether the post was published: choose \"It was published\" or "
                             "\"It was not published\".", code=400)
    outcome = current_gate().resolve(decision_id, g.caller, result, None, _field("note"))
    if outcome.status != 200:
        return reviews(error=outcome.body["message"], code=outcome.status)
    if result == "sent":
        flash(f"Recorded as published ({decision_id[:8]}); it will not be sent again.", "ok")
    else:
        flash(f"Recorded as not published ({decision_id[:8]}); it is now under failed forwards: approve it to "
              "send it, or reject it.", "ok")
    return _back_to_queue()


# -- decision log ------------------------------------------------------------------------------
def _decision_filter(caller) -> dict:
    args = request.args
    account = args.get("account") or None
    if account and not caller.may_use(account):
        abort(403, f"The key '{caller.name}' may not read '{account}'.")
    verdict = args.get("verdict") or None
    if verdict and verdict not in VERDICTS:
        abort(400, "'verdict' must be one of: allow, warn, review, block.")
    times = {}
    for name in ("since", "until"):
        value = (args.get(name) or "").strip()
        if value:
            try:
                log_time(value)  # the store's own reading of it: what passes here, the query takes
            except ValueError:
                abort(400, f"'{name}' must be a date or time such as 2026-11-25 or 2026-11-25T14:30.")
        times[name] = value or None
    return {"account": account, "verdict": verdict, "rule": (args.get("rule") or "").strip() or None,
            "key_name": (args.get("key") or "").strip() or None, **times}


def _decisions(caller, filters: dict, limit: int, offset: int = 0, before_seq: int | None = None) -> list[dict]:
    """The log, newest first, filtered, and only for accounts the key may read: one query, as `GET /v1/decisions`."""
    return current_gate().store.decisions(**filters, limit=limit, offset=offset, before_seq=before_seq,
                                          accounts=caller.scope)


def _all_decisions(caller, filters: dict):
    """Every decision matching the filter (up to EXPORT_LIMIT), newest first, in the key's scope, for export."""
    rows, before = [], None
    while len(rows) < EXPORT_LIMIT:
        batch = _decisions(caller, filters, min(500, EXPORT_LIMIT - len(rows)), before_seq=before)
        rows += batch
        if len(batch) < 500:
            break
        before = batch[-1]["seq"]
    return rows


@bp.get("/decisions")
@auth.page("decisions")
def decisions(verify: dict | None = None):
    filters = _decision_filter(g.caller)
    try:
        offset = max(int(request.args.get("offset", 0)), 0)
    except ValueError:
        abort(400, "'offset' must be a whole number.")
    if offset > 10_000_000:
        abort(400, "'offset' is too large.")
    items = _decisions(g.caller, filters, PAGE_SIZE + 1, offset)
    more, items = len(items) > PAGE_SIZE, items[:PAGE_SIZE]
    query = {k: v for k, v in request.args.items() if k != "offset" and v}
    return render_template("decisions.html", items=items, filters=filters, args=request.args, more=more, offset=offset,
                           page_size=PAGE_SIZE, query=query, accounts=auth.visible_accounts(g.caller),
                           rule_ids=sorted(_rule_table_ids()), verify=verify)


@bp.get("/decisions/verify")
@auth.page("decisions")
def verify_chain():
    result = current_gate().store.verify()
    if not result["ok"] and result.get("decision_id"):
        record = current_gate().store.decision(result["decision_id"])
        if record and not g.caller.may_use(record.get("account") or ""):
            result.pop("decision_id")  # the entry is outside this key's accounts: its number is enough
    return decisions(verify=result)


EXPORT_COLUMNS = ["seq", "time", "decision_id", "account", "key_name", "author", "visibility", "automated", "verdict",
                  "rules", "policy_version", "dry_run", "text_redacted", "text_sha256", "acknowledgement", "forward"]


@bp.get("/decisions/export.<fmt>")
@auth.page("decisions")
def export(fmt):
    if fmt not in ("csv", "jsonl"):
        abort(404)
    filters = _decision_filter(g.caller)
    rows = _all_decisions(g.caller, filters)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")

    def jsonl():
        for row in rows:
            yield json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n"

    def csv_rows():
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=EXPORT_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow(export_row(row))
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()

    body, mime = (jsonl, "application/x-ndjson") if fmt == "jsonl" else (csv_rows, "text/csv")
    return Response(stream_with_context(body()), mimetype=mime, headers={
        "Content-Disposition": f'attachment; filename="gatekeeper-decisions-{stamp}.{fmt}"'})


@bp.get("/decisions/<decision_id>")
@auth.page("decisions")
def decision(decision_id):
    store = current_gate().store
    record = store.decision(decision_id)
    # Outside the key's accounts a decision is as good as absent (as in the API): its existence is not confirmed.
    if record is None or not g.caller.may_use(record.get("account") or ""):
        abort(404, f"No decision '{decision_id}'.")
    chain = []
    for link in store.chain_links(decision_id):
        chain.append({**link, "intact": entry_hash(link["prev_hash"], link["record"]) == link["hash"]})
    return render_template("decision.html", d=record, findings=by_severity(record.get("findings", [])), chain=chain)


# -- policy ------------------------------------------------------------------------------------
def _rule_table_ids() -> set[str]:
    policy = current_gate().policies.current()
    return known_rule_ids() | {f"lexicon.{e['id']}" for e in policy.lexicon("terms").get("entries", [])}


def _rule_table(policy) -> list[dict]:
    rows = []
    for module in CHECKS:
        for rule in module.RULES:
            if module.NAME == "lexicon":
                continue  # the family placeholder; its real rules are the terms entries below
            rows.append({"id": rule.id, "check": module.NAME, "default": rule.action, "message": rule.message})
    for rule in PIPELINE_RULES:
        rows.append({"id": rule.id, "check": rule.id.split(".")[0], "default": rule.action, "message": rule.message})
    for entry in policy.lexicon("terms").get("entries", []):
        rows.append({"id": f"lexicon.{entry['id']}", "check": "lexicon", "default": entry["action"],
                     "message": entry["message"], "expires": entry.get("expires"), "accounts": entry.get("accounts")})
    for row in rows:
        override = policy.rule_override(row["id"]) or {}
        row["action"] = override.get("action", row["default"])
        row["message"] = override.get("message", row["message"])
        row["overridden"] = bool(override)
        row["enabled"] = policy.check_enabled(row["check"]) if row["check"] not in ("policy", "pipeline") else True
    return rows


@bp.get("/policy")
@auth.page("policy")
def policy_page():
    gate = current_gate()
    policy = gate.policies.current()
    error = gate.policies.last_error
    q = (request.args.get("q") or "").strip()
    lexicons = []
    for name in sorted(policy.lexicons):
        lines = lexicon_lines(policy.lexicons[name])
        matches = [line for line in lines if q.lower() in line[1].lower() or q.lower() in line[0].lower()] if q else lines
        lexicons.append({"name": name, "size": len(lines), "lines": matches})
    loaded = dt.datetime.fromtimestamp(policy.loaded_at, dt.timezone.utc).isoformat(timespec="seconds")
    return render_template("policy.html", policy=policy, loaded=loaded, refused=error.errors if error else [],
                           rules=_rule_table(policy), lexicons=lexicons, q=q)


# -- try a post ----------------------------------------------------------------------------------
@bp.route("/try", methods=["GET", "POST"])
@auth.page("try")
def try_post():
    caller = g.caller
    accounts = auth.visible_accounts(caller)
    form = request.form if request.method == "POST" else {}
    result, error, status = None, None, 200
    if request.method == "POST":
        payload = {"account": form.get("account", ""), "text": form.get("text", ""),
                   "visibility": form.get("visibility", "public"), "automated": form.get("automated") == "on"}
        parent = (form.get("parent_text") or "").strip()
        parent_author = (form.get("parent_author") or "").strip()
        if parent or parent_author:
            payload["in_reply_to"] = {"author": parent_author or None, "text": parent or None}
        draft = (form.get("draft") or "").strip()
        try:
            validate_post(current_gate(), caller, payload, allow_ack=False)
            if draft:
                if caller.role != "admin":
                    abort(403, "Only an admin key may try a post against a draft policy folder.")
                policy = drafts.load_draft(draft)
                post, decision, redacted = current_gate().evaluate(payload, policy)
                body = {"verdict": decision.verdict, "findings": [f.as_dict() for f in decision.findings],
                        "policy_version": decision.policy_version, "redacted_text": redacted, "decision_id": None}
            else:
                # Exactly what POST /v1/check does: decided, logged as a dry run, never sent.
                body = current_gate().check(payload, caller).body
        except ApiError as exc:
            error, status = exc.message, exc.status
        except PolicyInvalid as exc:
            error, status = "The draft policy is invalid:\n" + "\n".join(str(e) for e in exc.errors), 400
        else:
            result = {**body, "runs": highlight(payload["text"], body["findings"]), "whole": whole_post(body["findings"]),
                      "draft": draft or None}
    return render_template("try.html", accounts=accounts, form=form, result=result, error=error,
                           may_see_log=auth.may_use_page(caller, "decisions")), status


# -- what would change -------------------------------------------------------------------------
@bp.get("/what-if")
@auth.page("what-if")
def what_if():
    draft = (request.args.get("draft") or "").strip()
    try:
        n = min(max(int(request.args.get("n", 200)), 1), WHAT_IF_MAX)
    except ValueError:
        abort(400, "'n' must be a whole number.")
    report, error, status = None, None, 200
    if draft:
        try:
            policy = drafts.load_draft(draft)
        except PolicyInvalid as exc:
            error, status = "The draft policy is invalid:\n" + "\n".join(str(e) for e in exc.errors), 400
        else:
            records = current_gate().store.decisions(limit=n)
            report = drafts.what_would_change(records, current_gate().policies.current(), policy)
            report["draft_version"] = policy.version
            report["asked"] = len(records)
    return render_template("whatif.html", draft=draft, n=n, report=report, error=error,
                           live_version=current_gate().policies.current().version), status
