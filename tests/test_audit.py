import csv
import io
import json
import subprocess
import sys

import pytest


CLEAN = "Thanks for flying with us today!"


@pytest.fixture
def filled(client, keys, gate):
    for text in (CLEAN, "guaranteed returns", "risk free", CLEAN):
        client.post("/v1/posts", json={"account": "acme-air", "text": text}, headers=keys.poster)
    return gate.store


def test_chain_intact(filled):
    result = filled.verify()
    assert result["ok"] and result["checked"] >= 6  # decisions plus forward events


def test_chain_catches_edited_record(filled):
    row = filled.db.fetchone("SELECT seq, record FROM decision_log WHERE verdict = 'block'")
    record = json.loads(row["record"])
    record["verdict"] = "allow"
    filled.db.execute("UPDATE decision_log SET record = ? WHERE seq = ?", (json.dumps(record), row["seq"]))
    result = filled.verify()
    assert not result["ok"] and result["seq"] == row["seq"] and "altered" in result["problem"]


def test_chain_catches_edited_column(filled):
    row = filled.db.fetchone("SELECT seq FROM decision_log WHERE verdict = 'block'")
    filled.db.execute("UPDATE decision_log SET verdict = 'allow' WHERE seq = ?", (row["seq"],))
    result = filled.verify()
    assert not result["ok"] and result["seq"] == row["seq"]


def test_chain_catches_rehashed_record(filled):
    # An attacker who recomputes the edited entry's own hash still breaks the next link.
    from gatekeeper.store import entry_hash

    row = filled.db.fetchone("SELECT seq, record, prev_hash FROM decision_log WHERE seq = 2")
    record = json.loads(row["record"])
    record["author"] = "someone-else"
    body = json.dumps(record, sort_keys=True, separators=(",", ":"))
    filled.db.execute("UPDATE decision_log SET record = ?, hash = ? WHERE seq = 2", (body, entry_hash(row["prev_hash"], body)))
    result = filled.verify()
    assert not result["ok"] and result["seq"] == 3


def test_chain_catches_deleted_record(filled):
    filled.db.execute("DELETE FROM decision_log WHERE seq = 3")
    result = filled.verify()
    assert not result["ok"] and result["seq"] == 3 and "missing" in result["problem"]


def test_chain_catches_truncated_tail(filled):
    last = filled.db.fetchone("SELECT MAX(seq) AS seq FROM decision_log")["seq"]
    filled.db.execute("DELETE FROM decision_log WHERE seq = ?", (last,))
    result = filled.verify()
    assert not result["ok"] and result["seq"] == last


def run_cli(*args, db_url, policy_dir=None):
    env = {"GATEKEEPER_DATABASE_URL": db_url, "PATH": "/usr/bin:/bin"}
    if policy_dir:
        env["GATEKEEPER_POLICY_DIR"] = str(policy_dir)
    return subprocess.run([sys.executable, "-m", "gatekeeper", *args], capture_output=True, text=True, env=env, timeout=60)


def test_audit_verify_cli_names_first_bad_record(filled, db_url):
    ok = run_cli("audit", "verify", db_url=db_url)
    assert ok.returncode == 0 and "intact" in ok.stdout
    filled.db.execute("DELETE FROM decision_log WHERE seq = 2")
    bad = run_cli("audit", "verify", db_url=db_url)
    assert bad.returncode == 1 and "seq 2" in bad.stdout


def test_audit_export_jsonl_and_csv(filled, db_url, tmp_path):
    out = run_cli("audit", "export", "--format", "jsonl", db_url=db_url)
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert lines and all("text_redacted" in e for e in lines if e["event"] == "decision")
    assert [e["seq"] for e in lines] == sorted(e["seq"] for e in lines)
    none = run_cli("audit", "export", "--since", "2999-01-01", db_url=db_url)
    assert none.stdout == ""
    target = tmp_path / "log.csv"
    run_cli("audit", "export", "--format", "csv", "--output", str(target), db_url=db_url)
    rows = list(csv.DictReader(io.StringIO(target.read_text())))
    assert {r["verdict"] for r in rows if r["event"] == "decision"} == {"allow", "block", "review"}
    assert any("lexicon.finance.guaranteed_returns" in r["rules"] for r in rows)


def test_every_decision_is_logged_before_the_answer(client, keys, gate, monkeypatch):
    seen = []
    original = gate.store.append

    def spy(event, decision_id, fields):
        record = original(event, decision_id, fields)
        seen.append(decision_id)
        return record

    monkeypatch.setattr(gate.store, "append", spy)
    r = client.post("/v1/check", json={"account": "acme-air", "text": CLEAN}, headers=keys.poster)
    assert r.get_json()["decision_id"] in seen


def test_review_and_ack_steps_are_chained(client, keys, gate):
    r = client.post("/v1/posts", json={"account": "acme-air", "text": "always on time",
                                        "acknowledgement": {"by": "jdoe", "reason": "approved by legal"}}, headers=keys.poster)
    decision = gate.store.decision(r.get_json()["decision_id"])
    assert decision["acknowledgement"]["by"] == "jdoe"
    assert [e["event"] for e in decision["events"]] == ["forwarded"]
    assert gate.store.verify()["ok"]


def test_auditor_keys_read_only_their_accounts(client, keys, gate):
    acme = client.post("/v1/posts", json={"account": "acme-air", "text": CLEAN}, headers=keys.poster).get_json()["decision_id"]
    jdoe = client.post("/v1/posts", json={"account": "jdoe", "text": CLEAN}, headers=keys.admin).get_json()["decision_id"]
    scoped = keys.make("acme-audit", "auditor", ["acme-air"])
    items = client.get("/v1/decisions", headers=scoped).get_json()["decisions"]
    assert [d["decision_id"] for d in items] == [acme]
    assert client.get(f"/v1/decisions/{acme}", headers=scoped).status_code == 200
    assert client.get(f"/v1/decisions/{jdoe}", headers=scoped).status_code == 404
    r = client.get("/v1/decisions?account=jdoe", headers=scoped)
    assert r.status_code == 403 and r.get_json()["field"] == "account"
    assert client.get("/v1/sandbox?limit=50", headers=scoped).get_json()["posts"][0]["account"] == "acme-air"
    assert len(client.get("/v1/sandbox", headers=scoped).get_json()["posts"]) == 1
    # '*' reads every account.
    everything = client.get("/v1/decisions", headers=keys.auditor).get_json()["decisions"]
    assert {d["decision_id"] for d in everything} == {acme, jdoe}
    none = keys.make("no-accounts", "auditor", [])
    assert client.get("/v1/decisions", headers=none).get_json()["decisions"] == []


@pytest.mark.parametrize("name, value", [("since", "notadate"), ("until", "2026-13-45"), ("since", "9" * 30)])
def test_a_mistyped_time_filter_is_400_not_an_empty_log(filled, client, keys, name, value):
    r = client.get(f"/v1/decisions?{name}={value}", headers=keys.auditor)
    assert r.status_code == 400 and r.get_json()["field"] == name


def test_time_filters_read_zones_and_rule_filters_have_no_wildcards(filled, client, keys):
    everything = client.get("/v1/decisions", headers=keys.auditor).get_json()["decisions"]
    import datetime as dt

    an_hour_ago = dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=1)
    shifted = an_hour_ago.astimezone(dt.timezone(dt.timedelta(hours=5))).isoformat()  # read as text, it sorts after now
    since = client.get("/v1/decisions", query_string={"since": shifted}, headers=keys.auditor).get_json()["decisions"]
    assert len(since) == len(everything)  # an hour ago, written in another zone
    assert client.get("/v1/decisions?rule=%25", headers=keys.auditor).get_json()["decisions"] == []
    rule = next(f["rule"] for d in everything for f in d["findings"])
    assert client.get(f"/v1/decisions?rule={rule}", headers=keys.auditor).get_json()["decisions"]
    assert client.get(f"/v1/decisions?rule={rule.replace('.', '_')}", headers=keys.auditor).get_json()["decisions"] == []


def test_audit_export_refuses_a_mistyped_time(db_url):
    r = run_cli("audit", "export", "--since", "notadate", db_url=db_url)
    assert r.returncode == 2 and "--since" in r.stderr
