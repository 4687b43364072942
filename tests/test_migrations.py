"""Schema versions: a database made by an earlier release is upgraded at start-up and reads back whole."""
import shutil
import sqlite3
from pathlib import Path

import pytest

from gatekeeper.store import MIGRATIONS, Migration, Store, migrate

RELEASE_DB = Path(__file__).parent / "data" / "release-a4457f0.sqlite"


@pytest.fixture
def old_db(tmp_path):
    target = tmp_path / "old.sqlite"
    shutil.copy(RELEASE_DB, target)
    return f"sqlite:///{target}"


def test_release_database_is_upgraded_and_reads_back(old_db, policy_dir):
    from gatekeeper.app import create_app
    from gatekeeper.service import Settings

    with sqlite3.connect(old_db[len("sqlite:///"):]) as conn:
        assert "schema_version" not in {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    app = create_app(Settings(policy_dir=str(policy_dir), database_url=old_db, policy_reload_seconds=0))
    gate = app.extensions["gatekeeper"]
    store = gate.store
    assert store.schema_version() == MIGRATIONS[-1].version
    # The chain the release wrote still verifies, and new entries extend it: start-up found the
    # decision the release left pending (a crash between publishing and logging) and logged it unknown.
    assert store.verify()["ok"] and store.verify()["checked"] == 9
    assert store.decision("c" * 32)["events"][-1]["event"] == "forward.unknown"
    decisions = store.decisions(limit=50)
    assert {d["verdict"] for d in decisions} == {"allow", "block", "review"}
    assert store.decision(decisions[-1]["decision_id"])["forward"]["status"] == "sent"
    # Keys: the poster key still works, the revoked one does not, the auditor made without --accounts still reads all.
    keys = {k["name"]: k for k in store.list_keys()}
    assert keys["old-auditor"]["accounts"] == ["*"] and keys["gone"]["revoked_at"]
    assert keys["scheduler"]["accounts"] == ["acme-air"]
    # The held post can be approved by someone else, and is sent.
    reviewer = {"Authorization": f"Bearer {store.add_key('ana', 'reviewer', ['acme-air'])}"}
    client = app.test_client()
    queue = client.get("/v1/reviews", headers=reviewer).get_json()["reviews"]
    assert [i["text"] for i in queue] == ["Book now, it is risk free."] and queue[0]["author"] == "Maria"
    assert client.post(f"/v1/reviews/{queue[0]['decision_id']}/approve", headers=reviewer).status_code == 200
    # The failed forward the release kept without a key name is still in the queue.
    failed = client.get("/v1/reviews?status=forward_failed", headers=reviewer).get_json()["reviews"]
    assert [i["decision_id"] for i in failed] == ["f" * 32]
    # It waits for a person; its text was never kept, so it cannot be sent again.
    unknown = client.get("/v1/reviews?status=unknown", headers=reviewer).get_json()["reviews"]
    assert [i["decision_id"] for i in unknown] == ["c" * 32] and unknown[0]["text_kept"] is False
    assert client.post(f"/v1/reviews/{'c' * 32}/resolve", json={"outcome": "not_sent"}, headers=reviewer).status_code == 200
    r = client.post(f"/v1/reviews/{'c' * 32}/approve", headers=reviewer)
    assert r.status_code == 409 and r.get_json()["error"] == "text_not_kept"
    # The sandbox and idempotency records are still there.
    assert [p["text"] for p in store.sandbox_list()] == ["Book now, it is risk free.", "Our winter schedule is live. See you on board!"]
    assert store.db.fetchone("SELECT response FROM idempotency WHERE scope = 'scheduler:release-1'")["response"]
    assert store.verify()["ok"]


def test_migrations_run_once(old_db):
    first = Store(old_db)
    assert first.db.fetchall("SELECT version FROM schema_version ORDER BY version") == [{"version": m.version} for m in MIGRATIONS]
    assert migrate(first.db) == []
    again = Store(old_db)
    assert again.schema_version() == MIGRATIONS[-1].version


def test_fresh_database_gets_every_migration(db_url):
    store = Store(db_url)
    assert store.schema_version() == MIGRATIONS[-1].version
    assert store.verify() == {"ok": True, "checked": 0, "head": "0" * 64}


def test_new_migrations_apply_in_order(db_url):
    store = Store(db_url)
    extra = [*MIGRATIONS, Migration(MIGRATIONS[-1].version + 1, "a table for rate limits",
                                    "CREATE TABLE rate_limits (bucket TEXT PRIMARY KEY, tokens REAL NOT NULL)")]
    assert migrate(store.db, extra) == [extra[-1].version]
    store.db.execute("INSERT INTO rate_limits (bucket, tokens) VALUES ('k', 1.0)")
    # An older release refuses a database it does not understand rather than writing to it.
    with pytest.raises(RuntimeError, match="newer than this release"):
        Store(db_url)


def test_a_failing_migration_changes_nothing(db_url):
    store = Store(db_url)
    broken = [*MIGRATIONS,
              Migration(90, "good", "CREATE TABLE t90 (x TEXT)"),
              Migration(91, "bad", "CREATE TABLE t91 (x TEXT); INSERT INTO nowhere VALUES (1)")]
    with pytest.raises(Exception):
        migrate(store.db, broken)
    tables = {r["name"] for r in store.db.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "t90" not in tables and "t91" not in tables
    assert store.schema_version() == MIGRATIONS[-1].version
