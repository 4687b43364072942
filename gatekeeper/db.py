"""A thin layer over SQLite (the embedded default) and PostgreSQL.

SQL is written once with '?' placeholders and portable types; this module
adapts placeholders, connections and the lock that serialises the hash chain.
"""
from __future__ import annotations

import contextlib
import os
import random
import sqlite3
import threading
import time
from urllib.parse import urlparse

DEFAULT_SQLITE_FILE = "gatekeeper.db"


def connect_sqlite(path: str, timeout: float, synchronous: str) -> sqlite3.Connection:
    """A connection in WAL mode that waits up to `timeout` seconds for other writers."""
    conn = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
    # Switching a new file to WAL upgrades a read lock to a write lock; while another process
    # writes, SQLite answers "locked" at once instead of waiting (the busy handler is skipped
    # to avoid a deadlock). Workers starting together on a fresh file meet exactly that.
    deadline = time.monotonic() + timeout
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            break
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                conn.close()
                raise
            time.sleep(0.005 + random.random() * 0.02)
    conn.execute(f"PRAGMA synchronous={synchronous}")
    return conn


class Database:
    def __init__(self, url: str | None = None):
        self.url = url or f"sqlite:///{os.path.abspath(DEFAULT_SQLITE_FILE)}"
        parsed = urlparse(self.url)
        if parsed.scheme in ("postgresql", "postgres"):
            self.dialect = "postgresql"
        elif parsed.scheme == "sqlite":
            self.dialect = "sqlite"
            # sqlite:///relative.db and sqlite:////abs/path.db, as SQLAlchemy spells them.
            self.path = self.url[len("sqlite:///"):] or DEFAULT_SQLITE_FILE
        else:
            raise ValueError(f"GATEKEEPER_DATABASE_URL must start with sqlite:/// or postgresql://, not {parsed.scheme or self.url!r}")
        self._local = threading.local()

    # -- connections --------------------------------------------------------
    def _connect(self):
        if self.dialect == "sqlite":
            # WAL + NORMAL: a commit is in the WAL file before the answer goes back, so it
            # survives the process dying; FULL also survives power loss, at an fsync per decision.
            return connect_sqlite(self.path, 30, os.environ.get("GATEKEEPER_SQLITE_SYNCHRONOUS", "NORMAL"))
        import psycopg

        return psycopg.connect(self.url, autocommit=True)

    def connection(self):
        conn = getattr(self._local, "conn", None)
        if conn is None or (self.dialect == "postgresql" and conn.closed):
            conn = self._connect()
            self._local.conn = conn
        return conn

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.dialect == "postgresql" else sql

    # -- statements ---------------------------------------------------------
    def execute(self, sql: str, params=()):
        cur = self.connection().execute(self._sql(sql), params)
        return cur

    def fetchall(self, sql: str, params=()) -> list[dict]:
        cur = self.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def fetchone(self, sql: str, params=()) -> dict | None:
        rows = self.fetchall(sql, params)
        return rows[0] if rows else None

    @contextlib.contextmanager
    def transaction(self, exclusive: bool = False):
        """A transaction; `exclusive` serialises writers (one hash-chain append at a time).

        Nested calls join the outer transaction, so several writes (a decision and its
        held post) commit together or not at all. An outer transaction that may write
        should be exclusive: SQLite cannot upgrade a reader without risking a deadlock.
        """
        conn = self.connection()
        depth = getattr(self._local, "depth", 0)
        if depth:
            self._local.depth = depth + 1
            try:
                if exclusive and self.dialect == "postgresql":
                    conn.execute("SELECT pg_advisory_xact_lock(7468201)")
                yield self
            finally:
                self._local.depth = depth
            return
        self._local.depth = 1
        try:
            if self.dialect == "sqlite":
                conn.execute("BEGIN IMMEDIATE" if exclusive else "BEGIN")
                try:
                    yield self
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            else:
                with conn.transaction():
                    if exclusive:
                        conn.execute("SELECT pg_advisory_xact_lock(7468201)")
                    yield self
        finally:
            self._local.depth = 0

    def executescript(self, script: str) -> None:
        for statement in script.split(";"):
            if statement.strip():
                self.execute(statement)
