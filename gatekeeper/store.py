"""Everything Gatekeeper keeps: the decision log, keys, held posts, the sandbox.

The decision log is append-only and hash-chained: every entry carries the
hash of the one before, so an edited or deleted entry breaks the chain at the
point where it happened.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import uuid
from dataclasses import dataclass

from .db import Database

# The tables as release a4457f0 made them, without a version. Never edit: add a migration below.
SCHEMA_V1 = """
CREATE TABLE IF NOT EXISTS decision_log (
    seq BIGINT PRIMARY KEY,
    entry_id TEXT NOT NULL UNIQUE,
    decision_id TEXT NOT NULL,
    event TEXT NOT NULL,
    created_at TEXT NOT NULL,
    account TEXT,
    verdict TEXT,
    key_name TEXT,
    rules TEXT,
    record TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS decision_log_decision ON decision_log (decision_id);
CREATE INDEX IF NOT EXISTS decision_log_time ON decision_log (created_at);
CREATE TABLE IF NOT EXISTS chain_head (
    id INTEGER PRIMARY KEY,
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS api_keys (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    accounts TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE TABLE IF NOT EXISTS held_posts (
    decision_id TEXT PRIMARY KEY,
    account TEXT NOT NULL,
    author TEXT,
    key_name TEXT,
    payload TEXT NOT NULL,
    reason TEXT,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT
);
CREATE TABLE IF NOT EXISTS sandbox_posts (
    id TEXT PRIMARY KEY,
    decision_id TEXT NOT NULL,
    account TEXT NOT NULL,
    platform TEXT,
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS idempotency (
    scope TEXT PRIMARY KEY,
    request_hash TEXT NOT NULL,
    status_code INTEGER,
    response TEXT,
    decision_id TEXT,
    created_at TEXT NOT NULL
)
"""

SCHEMA_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
)
"""

GENESIS = "0" * 64
# Events that say how a decision's forwarding went; the newest one is its forward status.
FORWARD_EVENTS = ("forwarded", "forward_failed", "forward.unknown", "review.resolved")
RETRYABLE = 502  # idempotency status_code of an attempt whose forward failed cleanly: a retry may take the key over
ROLES = ("poster", "reviewer", "auditor", "admin")


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


def iso_ago(seconds: float) -> str:
    """now_iso() of `seconds` ago, comparable as text with the times this store writes."""
    then = dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=seconds)
    return then.isoformat(timespec="microseconds").replace("+00:00", "Z")


def canonical(obj) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def entry_hash(prev_hash: str, record: str) -> str:
    return hashlib.sha256((prev_hash + "\n" + record).encode()).hexdigest()


def log_time(value: str) -> str:
    """An ISO date or time (2026-11-25, 2026-11-25T14:30, ...+02:00, ...Z; no zone means UTC) written as the log
    writes its times, so comparing the two strings compares the times. ValueError if it is none."""
    try:
        parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=dt.timezone.utc)
        return parsed.astimezone(dt.timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")
    except (ValueError, OverflowError):
        raise ValueError(f"not a date or time: {value!r} (e.g. 2026-11-25 or 2026-11-25T14:30:00Z)") from None


def _time_window(where: list, params: list, since: str | None, until: str | None) -> None:
    """Add "since (inclusive) .. until (exclusive)" on the entry time to a WHERE clause (ValueError for a bad time)."""
    if since:
        where.append("created_at >= ?")
        params.append(log_time(since))
    if until:
        where.append("created_at < ?")
        params.append(log_time(until))


def _queue_pending_from_before_versions(db: Database) -> None:
    """Decisions an earlier release left `pending` (a crash between publishing and logging) get a
    `sending` row in held_posts, so reconciliation lists them for a person. Their text was never
    kept, so they can be confirmed or rejected but not sent again."""
    rows = db.fetchall("SELECT decision_id, account, key_name, created_at, record FROM decision_log"
                       " WHERE event = 'decision' AND record LIKE ?", ('%"forward":{"status":"pending"}%',))
    for row in rows:
        later = db.fetchone("SELECT seq FROM decision_log WHERE decision_id = ? AND event IN ('forwarded', 'forward_failed')",
                            (row["decision_id"],))
        if later or db.fetchone("SELECT decision_id FROM held_posts WHERE decision_id = ?", (row["decision_id"],)):
            continue
        record = json.loads(row["record"])
        db.execute(
            "INSERT INTO held_posts (decision_id, account, author, key_name, payload, reason, status, created_at, expires_at, status_at)"
            " VALUES (?, ?, ?, ?, ?, ?, 'sending', ?, NULL, ?)",
            (row["decision_id"], row["account"], record.get("author"), row["key_name"], canonical({"purged": True}),
             "left pending by an earlier release", row["created_at"], row["created_at"]),
        )


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    step: object  # SQL statements separated by ';', or a function taking the Database


# Applied in order at start-up, each once, inside one transaction per start-up. Append new ones
# at the end with the next version number; never edit or reorder one that has been released.
MIGRATIONS: list[Migration] = [
    Migration(1, "tables of release a4457f0", SCHEMA_V1),
    Migration(2, "held_posts.status_at: when a post entered its current state",
              "ALTER TABLE held_posts ADD COLUMN status_at TEXT;"
              " CREATE INDEX IF NOT EXISTS held_posts_status ON held_posts (status, status_at)"),
    Migration(3, "auditor keys made without --accounts keep reading every account, as they did",
              "UPDATE api_keys SET accounts = '[\"*\"]' WHERE role = 'auditor' AND accounts = '[]'"),
    Migration(4, "decisions left pending by an earlier release are queued for reconciliation",
              _queue_pending_from_before_versions),
]


def migrate(db: Database, migrations: list[Migration] | None = None) -> list[int]:
    """Bring the database to the newest schema; return the versions applied now.

    Serialised (an exclusive transaction; on PostgreSQL an advisory lock), so instances starting
    together apply each migration once. A database newer than this release is refused.
    """
    migrations = MIGRATIONS if migrations is None else migrations
    applied_now = []
    with db.transaction(exclusive=True):
        # Inside the lock: PostgreSQL's CREATE TABLE IF NOT EXISTS is not safe against a concurrent one.
        db.executescript(SCHEMA_VERSION_TABLE)
        applied = {row["version"] for row in db.fetchall("SELECT version FROM schema_version")}
        newest = max((m.version for m in migrations), default=0)
        if applied and max(applied) > newest:
            raise RuntimeError(f"the database is at schema version {max(applied)}, newer than this release knows ({newest}); "
                               "upgrade Gatekeeper instead of running an older one against it")
        for migration in migrations:
            if migration.version in applied:
                continue
            if callable(migration.step):
                migration.step(db)
            else:
                db.executescript(migration.step)
            db.execute("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                       (migration.version, migration.name, now_iso()))
            applied_now.append(migration.version)
    return applied_now


class Store:
    def __init__(self, url: str | None = None):
        self.db = Database(url)
        migrate(self.db)

    def transaction(self):
        """Several writes that commit together (e.g. a decision and its held post)."""
        return self.db.transaction(exclusive=True)

    def schema_version(self) -> int:
        row = self.db.fetchone("SELECT MAX(version) AS version FROM schema_version")
        return row["version"] if row and row["version"] is not None else 0

    # -- decision log -------------------------------------------------------
    def append(self, event: str, decision_id: str, fields: dict) -> dict:
        """Append one entry to the hash chain and commit it before returning."""
        with self.db.transaction(exclusive=True):
            head = self.db.fetchone("SELECT seq, hash FROM chain_head WHERE id = 1")
            seq = head["seq"] + 1 if head else 1
            prev = head["hash"] if head else GENESIS
            record = {
                "seq": seq,
                "entry_id": uuid.uuid4().hex,
                "decision_id": decision_id,
                "event": event,
                "time": now_iso(),
                **fields,
            }
            body = canonical(record)
            digest = entry_hash(prev, body)
            rules = " ".join(sorted({f["rule"] for f in fields.get("findings", [])}))
            self.db.execute(
                "INSERT INTO decision_log (seq, entry_id, decision_id, event, created_at, account, verdict, key_name, rules, record, prev_hash, hash)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (seq, record["entry_id"], decision_id, event, record["time"], fields.get("account"),
                 fields.get("verdict"), fields.get("key_name"), f" {rules} " if rules else None, body, prev, digest),
            )
            if head:
                self.db.execute("UPDATE chain_head SET seq = ?, hash = ? WHERE id = 1", (seq, digest))
            else:
                self.db.execute("INSERT INTO chain_head (id, seq, hash) VALUES (1, ?, ?)", (seq, digest))
        return record

    def decision(self, decision_id: str) -> dict | None:
        rows = self.db.fetchall("SELECT record FROM decision_log WHERE decision_id = ? ORDER BY seq", (decision_id,))
        if not rows:
            return None
        entries = [json.loads(r["record"]) for r in rows]
        first = next((e for e in entries if e["event"] == "decision"), entries[0])
        out = dict(first)
        out["events"] = [e for e in entries if e is not first]
        forwards = [e for e in entries if e["event"] in FORWARD_EVENTS and "forward" in e]
        if forwards:
            out["forward"] = forwards[-1]["forward"]
        return out

    def decisions(self, account=None, verdict=None, rule=None, since=None, until=None, key_name=None, limit=50,
                  before_seq=None, offset=0, accounts: list[str] | None = None) -> list[dict]:
        """Decisions, newest first; `accounts` (None: all) is the reader's scope."""
        where, params = ["event = 'decision'"], []
        if accounts is not None:
            if not accounts:
                return []
            where.append(f"account IN ({', '.join('?' for _ in accounts)})")
            params.extend(accounts)
        for column, value in (("account", account), ("verdict", verdict), ("key_name", key_name)):
            if value:
                where.append(f"{column} = ?")
                params.append(value)
        if rule:
            # The rule id as written: "%" and "_" in it are no wildcards (pii_phone is not pii.phone).
            escaped = rule.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            where.append("rules LIKE ? ESCAPE '\\'")
            params.append(f"% {escaped} %")
        _time_window(where, params, since, until)
        if before_seq:
            where.append("seq < ?")
            params.append(before_seq)
        rows = self.db.fetchall(
            f"SELECT record FROM decision_log WHERE {' AND '.join(where)} ORDER BY seq DESC LIMIT ? OFFSET ?", (*params, limit, offset)
        )
        return [json.loads(r["record"]) for r in rows]

    def entries(self, since: str | None = None, until: str | None = None):
        where, params = [], []
        _time_window(where, params, since, until)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        for row in self.db.fetchall(f"SELECT record FROM decision_log {clause} ORDER BY seq", params):
            yield json.loads(row["record"])

    def chain_links(self, decision_id: str) -> list[dict]:
        """One decision's entries as chain links: seq, event, stored record, the hash before and their own."""
        return self.db.fetchall(
            "SELECT seq, event, record, prev_hash, hash FROM decision_log WHERE decision_id = ? ORDER BY seq", (decision_id,))

    def verify(self) -> dict:
        """Walk the chain; name the first entry that was altered, removed or added out of order."""
        prev, expected_seq, count = GENESIS, 1, 0
        rows = self.db.fetchall(
            "SELECT seq, entry_id, decision_id, event, created_at, account, verdict, key_name, record, prev_hash, hash FROM decision_log ORDER BY seq"
        )
        for row in rows:
            if row["seq"] != expected_seq:
                return {"ok": False, "seq": expected_seq, "problem": f"entry {expected_seq} is missing (next present is {row['seq']})", "checked": count}
            try:
                record = json.loads(row["record"])
            except ValueError:
                return {"ok": False, "seq": row["seq"], "problem": f"entry {row['seq']} is unreadable", "checked": count}
            if row["prev_hash"] != prev or entry_hash(prev, row["record"]) != row["hash"]:
                what = "does not follow the entry before it" if row["prev_hash"] != prev else "was altered"
                return {"ok": False, "seq": row["seq"], "decision_id": row["decision_id"], "problem": f"entry {row['seq']} {what}", "checked": count}
            for column in ("entry_id", "decision_id", "event", "account", "verdict", "key_name"):
                if record.get(column) != row[column]:
                    return {"ok": False, "seq": row["seq"], "decision_id": row["decision_id"], "problem": f"entry {row['seq']} was altered ({column})", "checked": count}
            if record["seq"] != row["seq"]:
                return {"ok": False, "seq": row["seq"], "problem": f"entry {row['seq']} was altered (seq)", "checked": count}
            prev, expected_seq, count = row["hash"], expected_seq + 1, count + 1
        head = self.db.fetchone("SELECT seq, hash FROM chain_head WHERE id = 1")
        if head and (head["seq"] != expected_seq - 1 or head["hash"] != prev):
            return {"ok": False, "seq": expected_seq, "problem": f"entries after {expected_seq - 1} are missing (the chain head records {head['seq']})", "checked": count}
        return {"ok": True, "checked": count, "head": prev}

    # -- keys -----------------------------------------------------------------
    def add_key(self, name: str, role: str, accounts: list[str]) -> str:
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}")
        key = "gk_" + secrets.token_urlsafe(32)
        with self.db.transaction():
            if self.db.fetchone("SELECT name FROM api_keys WHERE name = ?", (name,)):
                raise ValueError(f"a key named {name!r} already exists")
            self.db.execute(
                "INSERT INTO api_keys (name, role, accounts, key_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                (name, role, json.dumps(accounts), hash_key(key), now_iso()),
            )
        return key

    def revoke_key(self, name: str) -> bool:
        cur = self.db.execute("UPDATE api_keys SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", (now_iso(), name))
        return cur.rowcount > 0

    def list_keys(self) -> list[dict]:
        rows = self.db.fetchall("SELECT name, role, accounts, created_at, revoked_at FROM api_keys ORDER BY name")
        for row in rows:
            row["accounts"] = json.loads(row["accounts"])
        return rows

    def key_by_secret(self, key: str) -> dict | None:
        row = self.db.fetchone("SELECT name, role, accounts FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL", (hash_key(key),))
        if row:
            row["accounts"] = json.loads(row["accounts"])
        return row

    # -- held posts ---------------------------------------------------------
    def hold(self, decision_id: str, account: str, author, key_name, payload: dict, reason: str,
             expires_at: str | None, status: str = "held") -> None:
        """Keep a post that is not sent yet (held for review, being sent, or its forward failed) so it is never lost."""
        now = now_iso()
        self.db.execute(
            "INSERT INTO held_posts (decision_id, account, author, key_name, payload, reason, status, created_at, expires_at, status_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (decision_id, account, author, key_name, canonical(payload), reason, status, now, expires_at, now),
        )

    def held(self, decision_id: str) -> dict | None:
        row = self.db.fetchone("SELECT * FROM held_posts WHERE decision_id = ?", (decision_id,))
        if row:
            row["payload"] = json.loads(row["payload"])
        return row

    def held_list(self, accounts: list[str] | None, status: str | None = "held", account: str | None = None,
                  author: str | None = None, limit: int = 50) -> list[dict]:
        where, params = [], []
        for column, value in (("status", status), ("account", account), ("author", author)):
            if value:
                where.append(f"{column} = ?")
                params.append(value)
        if accounts is not None:
            if not accounts:
                return []
            where.append(f"account IN ({', '.join('?' for _ in accounts)})")
            params.extend(accounts)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = self.db.fetchall(f"SELECT * FROM held_posts {clause} ORDER BY created_at LIMIT ?", (*params, limit))
        for row in rows:
            row["payload"] = json.loads(row["payload"])
        return rows

    def held_move(self, decision_id: str, from_statuses: tuple[str, ...], to_status: str, purge: bool = False,
                  reason: str | None = None) -> bool:
        """Move a held post between states atomically; False if it was not in one of from_statuses.

        Purging drops the post's text, kept only while it might still be sent.
        """
        marks = ", ".join("?" for _ in from_statuses)
        payload_sql = ", payload = '{\"purged\": true}'" if purge else ""
        reason_sql, reason_params = (", reason = ?", (reason,)) if reason is not None else ("", ())
        cur = self.db.execute(
            f"UPDATE held_posts SET status = ?, status_at = ?{payload_sql}{reason_sql} WHERE decision_id = ? AND status IN ({marks})",
            (to_status, now_iso(), *reason_params, decision_id, *from_statuses),
        )
        return cur.rowcount == 1

    def held_delete(self, decision_id: str, status: str) -> bool:
        cur = self.db.execute("DELETE FROM held_posts WHERE decision_id = ? AND status = ?", (decision_id, status))
        return cur.rowcount == 1

    def held_stale(self, status: str, before: str) -> list[dict]:
        """Posts that entered `status` before the given time, oldest first."""
        return self.db.fetchall(
            "SELECT decision_id, account, status, key_name FROM held_posts WHERE status = ? AND COALESCE(status_at, created_at) < ?"
            " ORDER BY COALESCE(status_at, created_at)", (status, before))

    def held_expired(self, now: str) -> list[str]:
        rows = self.db.fetchall("SELECT decision_id FROM held_posts WHERE status = 'held' AND expires_at IS NOT NULL AND expires_at < ?", (now,))
        return [r["decision_id"] for r in rows]

    # -- sandbox --------------------------------------------------------------
    def sandbox_add(self, decision_id: str, account: str, platform: str, payload: dict) -> dict:
        item = {"id": uuid.uuid4().hex, "decision_id": decision_id, "account": account, "platform": platform,
                "created_at": now_iso(), **payload}
        self.db.execute(
            "INSERT INTO sandbox_posts (id, decision_id, account, platform, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (item["id"], decision_id, account, platform, canonical(payload), item["created_at"]),
        )
        return item

    def sandbox_list(self, account: str | None = None, limit: int = 50, before: tuple[str, str] | None = None,
                     accounts: list[str] | None = None) -> list[dict]:
        """Sandbox posts, newest first; `before` is the (created_at, id) of the last post of the page before."""
        where, params = [], []
        if account:
            where.append("account = ?")
            params.append(account)
        if accounts is not None:
            if not accounts:
                return []
            where.append(f"account IN ({', '.join('?' for _ in accounts)})")
            params.extend(accounts)
        if before:
            where.append("(created_at < ? OR (created_at = ? AND id < ?))")
            params.extend((before[0], before[0], before[1]))
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = self.db.fetchall(f"SELECT * FROM sandbox_posts {clause} ORDER BY created_at DESC, id DESC LIMIT ?", (*params, limit))
        return [{"id": r["id"], "decision_id": r["decision_id"], "account": r["account"], "platform": r["platform"],
                 "created_at": r["created_at"], **json.loads(r["payload"])} for r in rows]

    # -- idempotency ----------------------------------------------------------
    def idempotency_begin(self, scope: str, request_hash: str) -> dict | None:
        """Claim an idempotency key; return the earlier attempt if there was one.

        An earlier attempt of the same request whose forward failed cleanly (idempotency_retryable) is taken
        over instead: the claim is this request's, and {"retry_of": its decision id} is returned."""
        with self.db.transaction(exclusive=True):
            row = self.db.fetchone("SELECT * FROM idempotency WHERE scope = ?", (scope,))
            if row and row["response"] is None and row["status_code"] == RETRYABLE and row["request_hash"] == request_hash:
                self.db.execute("UPDATE idempotency SET status_code = NULL, decision_id = NULL WHERE scope = ?", (scope,))
                return {"retry_of": row["decision_id"]}
            if row:
                if row["response"]:
                    row["response"] = json.loads(row["response"])
                return row
            self.db.execute("INSERT INTO idempotency (scope, request_hash, created_at) VALUES (?, ?, ?)", (scope, request_hash, now_iso()))
        return None

    def idempotency_lookup(self, scope: str) -> dict | None:
        """The attempt recorded for this key, if any (read only: claims nothing)."""
        row = self.db.fetchone("SELECT * FROM idempotency WHERE scope = ?", (scope,))
        if row and row["response"]:
            row["response"] = json.loads(row["response"])
        return row

    def idempotency_decided(self, scope: str, decision_id: str) -> None:
        self.db.execute("UPDATE idempotency SET decision_id = ? WHERE scope = ?", (decision_id, scope))

    def idempotency_finish(self, scope: str, status_code: int, response: dict) -> None:
        self.db.execute("UPDATE idempotency SET status_code = ?, response = ? WHERE scope = ?", (status_code, canonical(response), scope))

    def idempotency_retryable(self, scope: str) -> None:
        """The attempt's forward failed and nothing was published: a retry with the same key may try again."""
        self.db.execute("UPDATE idempotency SET status_code = ? WHERE scope = ? AND response IS NULL", (RETRYABLE, scope))

    def idempotency_release(self, scope: str) -> None:
        self.db.execute("DELETE FROM idempotency WHERE scope = ? AND response IS NULL", (scope,))


def export_row(entry: dict) -> dict:
    """A log entry flattened for a CSV export: rule ids joined, nested values as JSON."""
    row = dict(entry)
    row["rules"] = " ".join(f["rule"] for f in entry.get("findings", []))
    for key in ("acknowledgement", "forward"):
        if row.get(key) is not None:
            row[key] = json.dumps(row[key], ensure_ascii=False, sort_keys=True)
    return row
