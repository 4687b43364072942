"""State that every worker process, and with Redis every instance, must see the same way.

Three things live here: rate-limit buckets, the idempotency in-flight lock and
the link-verdict cache. With GATEKEEPER_REDIS_URL set they live in Redis and
are shared by every instance. Without it they live in a small SQLite file
that all worker processes of one instance open (in the temporary runtime
folder `gatekeeper serve` makes, or next to the SQLite database), so a limit
of 5 lets 5 through, not 5 per worker.

Rate limits are a GCRA (a token bucket kept as one timestamp): "60/minute"
lets a burst of 60 through, then one a second. Both of a request's buckets
(per key and per account) are taken together or not at all.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import random
import sqlite3
import tempfile
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass

from cachetools import TTLCache

from .db import connect_sqlite

log = logging.getLogger(__name__)

RUNTIME_DIR_ENV = "GATEKEEPER_RUNTIME_DIR"


@dataclass(frozen=True)
class Bucket:
    """One limit on one subject: `limit` requests per `period` seconds."""

    key: str
    limit: int
    period: float

    @property
    def interval(self) -> float:
        return self.period / self.limit


@dataclass
class Taken:
    allowed: bool
    retry_after: float = 0.0
    bucket: Bucket | None = None  # the bucket that refused


class Backend:
    name = "?"

    def take(self, buckets: list[Bucket]) -> Taken:
        raise NotImplementedError

    def lock(self, key: str, ttl: float) -> str | None:
        """Claim `key` for `ttl` seconds; the owner token, or None if someone holds it."""
        raise NotImplementedError

    def unlock(self, key: str, owner: str) -> None:
        raise NotImplementedError

    def get(self, key: str) -> str | None:
        raise NotImplementedError

    def set(self, key: str, value: str, ttl: float) -> None:
        raise NotImplementedError

    def ping(self) -> bool:
        raise NotImplementedError


# -- Redis: shared by every instance ------------------------------------------------

# Times come from the Redis server (TIME), so instances with skewed clocks still agree.
_TAKE_LUA = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local news = {}
for i, key in ipairs(KEYS) do
  local interval = tonumber(ARGV[2 * i - 1])
  local period = tonumber(ARGV[2 * i])
  local tat = tonumber(redis.call('GET', key) or '0')
  if tat < now then tat = now end
  local new = tat + interval
  if new - now > period + 0.000001 then
    return {0, i, tostring(new - period - now)}
  end
  news[i] = new
end
for i, key in ipairs(KEYS) do
  redis.call('SET', key, string.format('%.6f', news[i]), 'PX', math.ceil((news[i] - now) * 1000) + 1000)
end
return {1, 0, '0'}
"""

_UNLOCK_LUA = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


class RedisBackend(Backend):
    name = "redis"

    def __init__(self, url: str, prefix: str = "gatekeeper:"):
        import redis

        self.prefix = prefix
        self.client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2, health_check_interval=30)
        self._take = self.client.register_script(_TAKE_LUA)
        self._unlock = self.client.register_script(_UNLOCK_LUA)

    def take(self, buckets: list[Bucket]) -> Taken:
        args = []
        for b in buckets:
            args += [repr(b.interval), repr(b.period)]
        ok, index, retry = self._take(keys=[self.prefix + "rl:" + b.key for b in buckets], args=args)
        if ok:
            return Taken(True)
        return Taken(False, float(retry), buckets[int(index) - 1])

    def lock(self, key: str, ttl: float) -> str | None:
        owner = uuid.uuid4().hex
        return owner if self.client.set(self.prefix + "lock:" + key, owner, nx=True, px=int(ttl * 1000)) else None

    def unlock(self, key: str, owner: str) -> None:
        self._unlock(keys=[self.prefix + "lock:" + key], args=[owner])

    def get(self, key: str) -> str | None:
        value = self.client.get(self.prefix + "cache:" + key)
        return value.decode() if value is not None else None

    def set(self, key: str, value: str, ttl: float) -> None:
        self.client.set(self.prefix + "cache:" + key, value, px=int(ttl * 1000))

    def ping(self) -> bool:
        return bool(self.client.ping())


# -- SQLite: shared by the worker processes of one instance ----------------------------

_SQLITE_SCHEMA = """
CREATE TABLE IF NOT EXISTS buckets (key TEXT PRIMARY KEY, tat REAL NOT NULL);
CREATE TABLE IF NOT EXISTS locks (key TEXT PRIMARY KEY, owner TEXT NOT NULL, expires REAL NOT NULL);
CREATE TABLE IF NOT EXISTS cache (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires REAL NOT NULL)
"""


class SQLiteBackend(Backend):
    """A small file every worker opens; nothing in it outlives a restart that matters."""

    name = "local"

    def __init__(self, path: str):
        self.path = path
        self._local = threading.local()

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect_sqlite(self.path, 10, "OFF")  # counters and locks, not records: speed over durability
            for statement in _SQLITE_SCHEMA.split(";"):
                conn.execute(statement)
            self._local.conn = conn
        return conn

    @contextmanager
    def _transaction(self):
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def take(self, buckets: list[Bucket]) -> Taken:
        now = time.time()
        with self._transaction() as conn:
            news = []
            for b in buckets:
                row = conn.execute("SELECT tat FROM buckets WHERE key = ?", (b.key,)).fetchone()
                new = max(row[0] if row else 0.0, now) + b.interval
                if new - now > b.period + 1e-6:
                    return Taken(False, new - b.period - now, b)
                news.append((b.key, new))
            conn.executemany("INSERT INTO buckets (key, tat) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET tat = excluded.tat", news)
            if random.random() < 0.01:  # keep the file small: buckets that are full again carry no state
                conn.execute("DELETE FROM buckets WHERE tat < ?", (now,))
        return Taken(True)

    def lock(self, key: str, ttl: float) -> str | None:
        owner, now = uuid.uuid4().hex, time.time()
        with self._transaction() as conn:
            conn.execute("DELETE FROM locks WHERE key = ? AND expires < ?", (key, now))
            cur = conn.execute("INSERT OR IGNORE INTO locks (key, owner, expires) VALUES (?, ?, ?)", (key, owner, now + ttl))
            return owner if cur.rowcount == 1 else None

    def unlock(self, key: str, owner: str) -> None:
        self._conn().execute("DELETE FROM locks WHERE key = ? AND owner = ?", (key, owner))

    def get(self, key: str) -> str | None:
        row = self._conn().execute("SELECT value FROM cache WHERE key = ? AND expires >= ?", (key, time.time())).fetchone()
        return row[0] if row else None

    def set(self, key: str, value: str, ttl: float) -> None:
        now = time.time()
        with self._transaction() as conn:
            conn.execute("INSERT INTO cache (key, value, expires) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires = excluded.expires",
                         (key, value, now + ttl))
            if random.random() < 0.01:
                conn.execute("DELETE FROM cache WHERE expires < ?", (now,))

    def ping(self) -> bool:
        self._conn().execute("SELECT 1").fetchone()
        return True


def local_state_path(database_url: str | None) -> str:
    """Where the worker processes of one instance meet: the serve runtime folder, else beside the database."""
    runtime = os.environ.get(RUNTIME_DIR_ENV)
    if runtime:
        return os.path.join(runtime, "shared-state.db")
    if database_url and database_url.startswith("sqlite:///") and database_url != "sqlite:///:memory:":
        return database_url[len("sqlite:///"):] + ".shared-state"
    if not database_url:
        return os.path.abspath("gatekeeper.db") + ".shared-state"
    digest = hashlib.sha256(database_url.encode()).hexdigest()[:16]
    return os.path.join(tempfile.gettempdir(), f"gatekeeper-{digest}.shared-state")


def backend_from_env(database_url: str | None) -> Backend:
    url = os.environ.get("GATEKEEPER_REDIS_URL")
    if url:
        return RedisBackend(url, os.environ.get("GATEKEEPER_REDIS_PREFIX", "gatekeeper:"))
    return SQLiteBackend(local_state_path(database_url))


# -- the process-wide backend ------------------------------------------------------------

_backend: Backend | None = None
_backend_lock = threading.Lock()


def configure(backend: Backend) -> None:
    global _backend
    _backend = backend


def current(database_url: str | None = None) -> Backend:
    global _backend
    if _backend is None:
        with _backend_lock:
            if _backend is None:
                _backend = backend_from_env(database_url)
    return _backend


@contextmanager
def inflight(backend: Backend, key: str, ttl: float = 120.0):
    """Hold `key` while a request runs; yields False if another request holds it.

    The lock expires after `ttl` so a process that died never blocks the key for good.
    """
    try:
        owner = backend.lock("idem:" + key, ttl)
    except Exception:
        # The database claim behind this lock still keeps one request per key.
        log.exception("shared lock unavailable; relying on the database claim")
        yield True
        return
    if owner is None:
        yield False
        return
    try:
        yield True
    finally:
        try:
            backend.unlock("idem:" + key, owner)
        except Exception:
            log.exception("could not release shared lock; it expires in %s s", ttl)


class VerdictCache:
    """A two-level cache for link verdicts: this process first, then the shared backend.

    Values are stored as JSON (never pickle): `encode` turns a value into
    JSON-able data, `decode` turns it back.
    """

    def __init__(self, namespace: str, maxsize: int, ttl: float, encode=lambda v: v, decode=lambda v: v, backend: Backend | None = None):
        self.namespace, self.ttl = namespace, ttl
        self.encode, self.decode = encode, decode
        self.local: TTLCache = TTLCache(maxsize=maxsize, ttl=ttl)
        self._backend = backend

    @property
    def backend(self) -> Backend | None:
        # Shared only where there is something to share with: other instances (Redis) or other
        # worker processes (a serve runtime folder). A single process keeps its verdicts to itself.
        if self._backend is None and not (os.environ.get("GATEKEEPER_REDIS_URL") or os.environ.get(RUNTIME_DIR_ENV)):
            return None
        if self._backend is None:
            try:
                self._backend = current()
            except Exception:
                log.exception("shared cache unavailable; caching in this process only")
        return self._backend

    def _key(self, key) -> str:
        return self.namespace + ":" + hashlib.sha256(json.dumps(key, sort_keys=True, default=str).encode()).hexdigest()

    def get(self, key, default=None):
        value = self.local.get(key)
        if value is not None:
            return value
        backend = self.backend
        if backend is None:
            return default
        try:
            raw = backend.get(self._key(key))
        except Exception:
            log.warning("shared cache read failed", exc_info=True)
            return default
        if raw is None:
            return default
        value = self.decode(json.loads(raw))
        self.local[key] = value
        return value

    def __setitem__(self, key, value) -> None:
        self.local[key] = value
        backend = self.backend
        if backend is None:
            return
        try:
            backend.set(self._key(key), json.dumps(self.encode(value)), self.ttl)
        except Exception:
            log.warning("shared cache write failed", exc_info=True)

    def __contains__(self, key) -> bool:
        return self.get(key) is not None

    def clear(self) -> None:
        self.local.clear()
