"""Who is signed in to the workbench, what their key may do, and the CSRF token.

The session cookie holds the key's *name*, never the key. Each request looks
the name up among the active keys, so a revoked key is signed out at once and a
changed scope applies at once. Roles and account scopes are the API's: the role
test is `app.role_allows`, the account test is `Caller.may_use` and the accounts a
key may read are `Caller.scope`.
"""
from __future__ import annotations

import hmac
import os
import secrets
import time
from functools import wraps
from pathlib import Path

from flask import abort, g, redirect, request, session, url_for
from flask.sessions import SecureCookieSessionInterface

from ..app import current_gate, role_allows
from ..service import Caller

SESSION_HOURS = 8
SECRET_ENV = "GATEKEEPER_SECRET_KEY"
SECRET_FILE = "gatekeeper-ui.secret"

# The pages and the roles that may use them: the same roles as the API endpoints they mirror
# (admin may use every page, as in the API).
PAGE_ROLES = {
    "reviews": ("reviewer",),            # GET /v1/reviews, POST /v1/reviews/<id>/approve|reject
    "decisions": ("auditor",),           # GET /v1/decisions, /v1/decisions/<id>
    "policy": ("admin", "auditor"),      # GET /v1/policy
    "try": ("poster", "reviewer"),       # POST /v1/check
    "what-if": ("admin",),               # reads a draft policy folder on the server
}


class WorkbenchSessions(SecureCookieSessionInterface):
    """Signed cookie: HttpOnly, SameSite=Strict, and Secure whenever the request came over TLS."""

    def get_cookie_secure(self, app) -> bool:
        return bool(app.config.get("SESSION_COOKIE_SECURE")) or request.is_secure


def secret_key(settings) -> bytes:
    """The key that signs session cookies: the environment's, else one kept next to the database.

    Every process of one instance must sign with the same key, so a generated one is written
    once (atomically: the first process to link it wins) and read by the others. Several
    instances on several machines need GATEKEEPER_SECRET_KEY.
    """
    if os.environ.get(SECRET_ENV):
        return os.environ[SECRET_ENV].encode()
    url = settings.database_url or ""
    folder = Path(url[len("sqlite:///"):]).parent if url.startswith("sqlite:///") else Path.cwd()
    path = folder / SECRET_FILE
    if not path.exists():
        tmp = folder / f".{SECRET_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    return path.read_text().strip().encode()


def current_caller() -> Caller | None:
    """The signed-in key as the API would see it, or None (signed out, expired or revoked)."""
    if "caller" in g:
        return g.caller
    caller = None
    name = session.get("key_name")
    if name and time.time() - session.get("signed_in_at", 0) < SESSION_HOURS * 3600:
        for row in current_gate().store.list_keys():
            if row["name"] == name and not row["revoked_at"]:
                caller = Caller(row["name"], row["role"], row["accounts"])
                break
    g.caller = caller
    return caller


def sign_in(secret: str) -> Caller | None:
    """Check a key exactly as the API does; on success start a fresh session for it."""
    caller = current_gate().authenticate(secret)
    if caller is None:
        return None
    session.clear()
    session.permanent = True
    session["key_name"] = caller.name
    session["signed_in_at"] = time.time()
    session["csrf"] = secrets.token_urlsafe(32)
    g.caller = caller
    return caller


def sign_out() -> None:
    session.clear()
    g.caller = None


def csrf_token() -> str:
    token = session.get("csrf")
    if not token:
        token = session["csrf"] = secrets.token_urlsafe(32)
    return token


def csrf_ok() -> bool:
    sent = request.form.get("csrf_token", "")
    expected = session.get("csrf", "")
    return bool(sent and expected) and hmac.compare_digest(sent.encode(), expected.encode())


def may_use_page(caller: Caller | None, page: str) -> bool:
    return caller is not None and role_allows(caller, PAGE_ROLES[page])


def page(name: str):
    """Require a signed-in key whose role may use page `name`: 403 otherwise (a sign-in redirect if signed out)."""
    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            caller = current_caller()
            if caller is None:
                if request.method == "GET":
                    return redirect(url_for("ui.login", next=request.full_path.rstrip("?")))
                abort(401)
            if not may_use_page(caller, name):
                abort(403, f"A {caller.role} key may not use this page.")
            return view(*args, **kwargs)
        return wrapper
    return decorator


def visible_accounts(caller: Caller) -> list[str]:
    policy = current_gate().policies.current()
    return [a for a in sorted(policy.accounts) if caller.may_use(a)]


def safe_next(target: str | None) -> str:
    """Only follow a `next` that stays inside the workbench (no open redirect)."""
    if target and target.startswith("/ui/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("ui.home")


def configure(app) -> None:
    if not app.secret_key:
        app.secret_key = secret_key(app.extensions["gatekeeper"].settings)
    app.session_interface = WorkbenchSessions()
    app.config.update(
        SESSION_COOKIE_NAME="gatekeeper_ui",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_PATH="/ui",
        PERMANENT_SESSION_LIFETIME=SESSION_HOURS * 3600,
    )
