"""The decision log, keys and idempotency on a real PostgreSQL server."""
import os
import threading
import uuid

import pytest

from gatekeeper.store import Store

from conftest import PG_ADMIN_URL  # noqa: E402  (the pg_url fixture lives in conftest.py)


def test_chain_on_postgres(pg_url):
    store = Store(pg_url)
    for i in range(5):
        store.append("decision", f"d{i}", {"account": "acme-air", "verdict": "allow", "findings": [{"rule": "x.y"}]})
    assert store.verify() == {"ok": True, "checked": 5, "head": store.verify()["head"]}
    assert [d["decision_id"] for d in store.decisions(rule="x.y")] == ["d4", "d3", "d2", "d1", "d0"]
    assert store.decisions(rule="x_y") == [] and store.decisions(rule="%") == []  # no wildcards
    assert len(store.decisions(since="2000-01-01T00:00:00+02:00")) == 5
    store.db.execute("DELETE FROM decision_log WHERE seq = 2")
    assert store.verify()["seq"] == 2
    store.db.close()


def test_concurrent_appends_keep_one_chain(pg_url):
    # Two instances share one database: appends must serialise.
    stores = [Store(pg_url) for _ in range(2)]

    def work(store, n):
        for i in range(20):
            store.append("decision", f"{n}-{i}", {"account": "a", "verdict": "allow", "findings": []})
        store.db.close()

    threads = [threading.Thread(target=work, args=(s, n)) for n, s in enumerate(stores)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result = Store(pg_url).verify()
    assert result["ok"] and result["checked"] == 40


def test_keys_and_idempotency_on_postgres(pg_url):
    store = Store(pg_url)
    key = store.add_key("k", "poster", ["acme-air"])
    assert store.key_by_secret(key)["accounts"] == ["acme-air"]
    assert store.idempotency_begin("k:1", "h") is None
    assert store.idempotency_begin("k:1", "h")["request_hash"] == "h"
    store.idempotency_finish("k:1", 201, {"ok": True})
    assert store.idempotency_begin("k:1", "h")["response"] == {"ok": True}
    store.db.close()


def test_gate_on_postgres(pg_url, policy_dir):
    from gatekeeper.app import create_app
    from gatekeeper.service import Settings

    app = create_app(Settings(policy_dir=str(policy_dir), database_url=pg_url))
    gate = app.extensions["gatekeeper"]
    headers = {"Authorization": f"Bearer {gate.store.add_key('p', 'poster', ['acme-air'])}"}
    r = app.test_client().post("/v1/posts", json={"account": "acme-air", "text": "See you on board!"}, headers=headers)
    assert r.status_code == 201
    assert gate.store.decision(r.get_json()["decision_id"])["forward"]["status"] == "sent"
    gate.store.db.close()


@pytest.fixture
def pg_app(pg_url, policy_dir):
    from gatekeeper.app import create_app
    from gatekeeper.service import Settings

    app = create_app(Settings(policy_dir=str(policy_dir), database_url=pg_url, policy_reload_seconds=0))
    yield app
    app.extensions["gatekeeper"].store.db.close()


def test_huge_paging_values_are_400_on_postgres(pg_app):
    gate = pg_app.extensions["gatekeeper"]
    headers = {"Authorization": f"Bearer {gate.store.add_key('a', 'auditor', ['*'])}"}
    client = pg_app.test_client()
    for query in ("cursor=99999999999999999999", "cursor=9223372036854775808", "offset=99999999999999999999", "limit=99999999999999999999"):
        r = client.get(f"/v1/decisions?{query}", headers=headers)
        assert r.status_code == 400, (query, r.get_json())
    assert client.get("/v1/decisions?cursor=9223372036854775807&offset=100000", headers=headers).status_code == 200
    assert client.get("/v1/decisions?account=a%00b", headers=headers).status_code == 400
    assert client.get("/v1/decisions/a%00b", headers=headers).status_code == 400


def test_nul_in_author_is_400_and_nothing_is_kept_on_postgres(pg_app):
    gate = pg_app.extensions["gatekeeper"]
    headers = {"Authorization": f"Bearer {gate.store.add_key('p', 'poster', ['acme-air'])}"}
    r = pg_app.test_client().post("/v1/posts", json={"account": "acme-air", "text": "Book now, it is risk free.", "author": "jdoe\x00"},
                                  headers=headers)
    assert r.status_code == 400 and r.get_json()["field"] == "author"
    assert list(gate.store.entries()) == []


def test_decision_and_held_post_are_one_transaction_on_postgres(pg_app):
    from gatekeeper.service import Caller

    gate = pg_app.extensions["gatekeeper"]
    # Past the HTTP checks, PostgreSQL itself refuses the held post: the decision must go with it.
    with pytest.raises(Exception):
        gate.post({"account": "acme-air", "text": "Book now, it is risk free.", "author": "jdoe\x00"}, Caller("p", "poster", ["*"]))
    assert list(gate.store.entries()) == [] and gate.store.verify()["ok"]
    assert gate.store.db.fetchall("SELECT * FROM held_posts") == []
    # And the store still works afterwards.
    assert gate.post({"account": "acme-air", "text": "Book now, it is risk free.", "author": "jdoe"}, Caller("p", "poster", ["*"])).status == 202
    assert gate.store.verify() == {"ok": True, "checked": 1, "head": gate.store.verify()["head"]}


def test_migrations_on_postgres(pg_url):
    from gatekeeper.store import MIGRATIONS, migrate

    stores = []

    def start():
        stores.append(Store(pg_url))

    threads = [threading.Thread(target=start) for _ in range(3)]  # instances starting together
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(stores) == 3
    rows = stores[0].db.fetchall("SELECT version FROM schema_version ORDER BY version")
    assert [r["version"] for r in rows] == [m.version for m in MIGRATIONS]
    assert migrate(stores[0].db) == []
    for store in stores:
        store.db.close()


def test_reconcile_on_postgres(pg_app):
    gate = pg_app.extensions["gatekeeper"]
    gate.store.append("decision", "d" * 32, {"account": "acme-air", "verdict": "allow", "findings": [], "forward": {"status": "pending"}})
    gate.store.hold("d" * 32, "acme-air", "jdoe", "p", {"account": "acme-air", "text": "hi"}, "being sent", None, status="sending")
    assert gate.reconcile() == []
    assert gate.reconcile(older_than_seconds=0) == ["d" * 32]
    assert gate.store.held("d" * 32)["status"] == "unknown" and gate.store.verify()["ok"]
