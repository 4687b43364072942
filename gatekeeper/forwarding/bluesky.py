"""Bluesky (AT Protocol): com.atproto.server.createSession, then com.atproto.repo.createRecord.

The record is an app.bsky.feed.post {"$type", "text", "createdAt"}. Answer:
{"uri", "cid"}. Errors: {"error", "message"} (ExpiredToken, RateLimitExceeded,
AuthenticationRequired). Credentials: credentials_env.identifier (the handle
or DID) and credentials_env.app_password.

A session is kept per account and process and reused: its access token is
renewed with com.atproto.server.refreshSession when it expires (or is about
to), and only if that fails does Gatekeeper log in again. Logging in for
every post would run into createSession's own, much tighter, rate limit.
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import threading
import time
from dataclasses import dataclass

from .http import credential, json_or_empty, post, retry_after

DEFAULT_BASE = "https://bsky.social"
RENEW_BEFORE_SECONDS = 60  # renew an access token this long before it expires


def errors(response):
    from . import ForwardError

    body = json_or_empty(response)
    name, message = body.get("error", ""), body.get("message", "")
    if response.status_code == 429 or name == "RateLimitExceeded":
        return ForwardError("rate_limited", "Bluesky is rate-limiting this account", 429, retry_after(response, "ratelimit-reset"))
    if response.status_code == 401 or name in ("ExpiredToken", "InvalidToken", "AuthenticationRequired", "AuthFactorTokenRequired"):
        return ForwardError("auth", f"Bluesky refused the account's credentials: {message or name}", response.status_code)
    return ForwardError("rejected", f"Bluesky answered HTTP {response.status_code}: {message or name}".rstrip(": "), response.status_code)


def record_for(outbound) -> dict:
    record = {"$type": "app.bsky.feed.post", "text": outbound.text,
              "createdAt": dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")}
    reply = (outbound.extra.get("bluesky") or {}).get("reply")
    if reply:
        record["reply"] = reply
    return record


def _expiry(jwt: str) -> float | None:
    """The `exp` claim of a JWT (read, not verified: it only tells us when to renew)."""
    try:
        payload = jwt.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        return float(claims["exp"])
    except (IndexError, KeyError, TypeError, ValueError):
        return None


@dataclass
class Session:
    did: str
    access: str
    refresh: str | None
    expires: float | None

    @classmethod
    def from_reply(cls, reply: dict, identifier: str) -> "Session":
        access = reply.get("accessJwt", "")
        return cls(reply.get("did") or identifier, access, reply.get("refreshJwt"), _expiry(access))

    def fresh(self) -> bool:
        return bool(self.access) and (self.expires is None or self.expires - time.time() > RENEW_BEFORE_SECONDS)


class Sessions:
    """Sessions by (server, identifier, password): a changed password starts a new one."""

    def __init__(self):
        self._sessions: dict[tuple, Session] = {}
        self._lock = threading.Lock()

    @staticmethod
    def key(base: str, identifier: str, password: str) -> tuple:
        return base, identifier, hashlib.sha256(password.encode()).hexdigest()

    def get(self, key: tuple) -> Session | None:
        with self._lock:
            return self._sessions.get(key)

    def put(self, key: tuple, session: Session | None) -> None:
        with self._lock:
            if session is None:
                self._sessions.pop(key, None)
            else:
                self._sessions[key] = session

    def clear(self) -> None:
        with self._lock:
            self._sessions.clear()


SESSIONS = Sessions()


def _login(base: str, identifier: str, password: str, timeout: float) -> Session:
    reply = json_or_empty(post(f"{base}/xrpc/com.atproto.server.createSession", timeout=timeout, errors=errors,
                               idempotent=True, json={"identifier": identifier, "password": password}))
    return Session.from_reply(reply, identifier)


def _renew(base: str, session: Session, identifier: str, timeout: float) -> Session | None:
    """A new access token from the refresh token; None if that is refused (then log in again)."""
    from . import ForwardError

    if not session.refresh:
        return None
    try:
        # Not retried: refreshing rotates the refresh token, so a second try would be refused anyway.
        reply = json_or_empty(post(f"{base}/xrpc/com.atproto.server.refreshSession", timeout=timeout, errors=errors,
                                   headers={"Authorization": f"Bearer {session.refresh}"}))
    except ForwardError as exc:
        if exc.kind in ("auth", "rejected"):
            return None
        raise
    return Session.from_reply(reply, session.did or identifier)


def _session(key: tuple, base: str, identifier: str, password: str, timeout: float, stale: bool = False) -> Session:
    session = SESSIONS.get(key)
    if session is not None and session.fresh() and not stale:
        return session
    renewed = _renew(base, session, identifier, timeout) if session is not None else None
    session = renewed or _login(base, identifier, password, timeout)
    SESSIONS.put(key, session)
    return session


def _create(base: str, session: Session, outbound, timeout: float):
    return post(f"{base}/xrpc/com.atproto.repo.createRecord", timeout=timeout, errors=errors,
                json={"repo": session.did, "collection": "app.bsky.feed.post", "record": record_for(outbound)},
                headers={"Authorization": f"Bearer {session.access}"})


def send(outbound, upstream: dict, context) -> dict:
    from . import ForwardError

    identifier = credential(upstream, "identifier")
    password = credential(upstream, "app_password")
    base = (upstream.get("base_url") or DEFAULT_BASE).rstrip("/")
    timeout = upstream.get("timeout_seconds", 10)
    key = SESSIONS.key(base, identifier, password)
    session = _session(key, base, identifier, password, timeout)
    try:
        response = _create(base, session, outbound, timeout)
    except ForwardError as exc:
        if exc.kind != "auth":
            raise
        # The token was refused (expired early, or revoked), so nothing was posted: renew once and try again.
        session = _session(key, base, identifier, password, timeout, stale=True)
        response = _create(base, session, outbound, timeout)
    reply = json_or_empty(response)
    return {"id": reply.get("uri"), "cid": reply.get("cid"), "http_status": response.status_code, "response": reply}
