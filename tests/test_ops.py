"""Operations in one process: request logs, metrics, rate limits, readiness, shared state, safe policy deploys."""
import json
import os
import shutil
import threading
import time
import uuid
from pathlib import Path

import pytest
from prometheus_client import REGISTRY

from conftest import bump_mtime
from gatekeeper.checks import known_rule_ids
from gatekeeper.rules.policy import PolicyStore, load_policy

CLEAN = "Our winter schedule is live. See you on board!"
from conftest import REDIS_URL  # noqa: E402


def sample(name, **labels):
    return REGISTRY.get_sample_value(name, labels) or 0.0


def set_rate_limits(policy_dir, **limits):
    """Replace the rate_limits block of the policy's settings."""
    main = Path(policy_dir) / "gatekeeper.yaml"
    text = main.read_text()
    start = text.index("  rate_limits:\n")
    end = text.index("\n\n", start)
    main.write_text(text[:start] + "  rate_limits:\n" + "".join(f'    {k}: "{v}"\n' for k, v in limits.items()).rstrip("\n") + text[end:])
    bump_mtime(main)


# -- structured request logs --------------------------------------------------------------------------------

def request_lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.startswith("{") and '"type":"request"' in line]


def test_one_json_line_per_request_without_text_or_key(client, keys, capsys, caplog):
    secret_text = f"Marker text {uuid.uuid4().hex} see you on board"
    capsys.readouterr()
    r = client.post("/v1/posts", json={"account": "acme-air", "text": secret_text}, headers=keys.poster)
    assert r.status_code == 201
    held = client.post("/v1/posts", json={"account": "acme-air", "text": "Totally risk free, call 212-555-0199"},
                       headers={**keys.poster, "X-Request-Id": "client-req-42"})
    bad = client.post("/v1/check", json={"account": "acme-air"}, headers={**keys.poster, "X-Request-Id": "bad id with spaces"})
    unauth = client.post("/v1/check", json={"account": "acme-air", "text": secret_text}, headers={"Authorization": "Bearer gk_wrongkey123"})
    out = capsys.readouterr().out
    lines = request_lines(out)
    assert len(lines) == 4
    first, second, third, fourth = lines
    assert first["request_id"] == r.headers["X-Request-Id"] and first["decision_id"] == r.get_json()["decision_id"]
    assert (first["key"], first["account"], first["verdict"], first["status"]) == ("scheduler", "acme-air", "allow", 201)
    assert first["latency_ms"] > 0 and first["route"] == "/v1/posts"
    assert second["request_id"] == "client-req-42" == held.headers["X-Request-Id"] and second["verdict"] == held.get_json()["verdict"] == "block"
    assert third["status"] == 400 and third["request_id"] != "bad id with spaces" and third["request_id"] == bad.headers["X-Request-Id"]
    assert fourth["status"] == 401 and fourth["key"] is None and unauth.status_code == 401
    # Neither post text nor any key value appears anywhere in what was written or logged.
    everything = out + caplog.text
    secrets = [v.split()[1] for v in (keys.poster["Authorization"], keys.admin["Authorization"])] + ["gk_wrongkey123"]
    for forbidden in [secret_text, "212-555-0199", "risk free", *secrets]:
        assert forbidden not in everything


def test_idempotent_replay_and_dropin_lines_name_the_decision(client, keys, capsys):
    headers = {**keys.poster, "Idempotency-Key": "log-1"}
    first = client.post("/v1/posts", json={"account": "acme-air", "text": CLEAN}, headers=headers)
    again = client.post("/v1/posts", json={"account": "acme-air", "text": CLEAN}, headers=headers)
    masto = client.post("/platform/mastodon/acme-air/api/v1/statuses", data={"status": "risk free!"}, headers=keys.poster)
    lines = request_lines(capsys.readouterr().out)
    assert again.headers["Idempotent-Replayed"] == "true"
    assert lines[0]["decision_id"] == lines[1]["decision_id"] == first.get_json()["decision_id"]
    assert masto.status_code == 202 and lines[2]["decision_id"] == masto.get_json()["gatekeeper"]["decision_id"]


def test_request_log_can_be_turned_off(client, keys, capsys, monkeypatch):
    monkeypatch.setenv("GATEKEEPER_REQUEST_LOG", "off")
    client.get("/healthz")
    assert request_lines(capsys.readouterr().out) == []


# -- metrics -----------------------------------------------------------------------------------------------

def test_metrics_count_decisions_findings_forwards_and_queue(client, keys, gate, policy_dir):
    before = {
        "allow": sample("gatekeeper_decisions_total", account="acme-air", verdict="allow", mode="post"),
        "check": sample("gatekeeper_decisions_total", account="acme-air", verdict="block", mode="check"),
        "finding": sample("gatekeeper_findings_total", check="lexicon", rule="lexicon.finance.guaranteed_returns", action="block"),
        "sent": sample("gatekeeper_forward_total", upstream="sandbox", result="sent"),
        "timed": sample("gatekeeper_decision_seconds_count"),
        "tone": sample("gatekeeper_check_seconds_count", check="tone"),
    }
    assert client.post("/v1/posts", json={"account": "acme-air", "text": CLEAN}, headers=keys.poster).status_code == 201
    assert client.post("/v1/check", json={"account": "acme-air", "text": "Our fund has guaranteed returns!"}, headers=keys.poster).get_json()["verdict"] == "block"
    assert client.post("/v1/posts", json={"account": "acme-air", "text": "Totally risk free!"}, headers=keys.poster).status_code == 202
    assert sample("gatekeeper_decisions_total", account="acme-air", verdict="allow", mode="post") == before["allow"] + 1
    assert sample("gatekeeper_decisions_total", account="acme-air", verdict="block", mode="check") == before["check"] + 1
    assert sample("gatekeeper_findings_total", check="lexicon", rule="lexicon.finance.guaranteed_returns", action="block") == before["finding"] + 1
    assert sample("gatekeeper_forward_total", upstream="sandbox", result="sent") == before["sent"] + 1
    assert sample("gatekeeper_decision_seconds_count") == before["timed"] + 3
    assert sample("gatekeeper_check_seconds_count", check="tone") == before["tone"] + 3

    r = client.get("/metrics")  # no key needed
    assert r.status_code == 200 and r.content_type.startswith("text/plain")
    text = r.get_data(as_text=True)
    assert 'gatekeeper_review_queue{account="acme-air",status="held"} 1.0' in text
    assert 'gatekeeper_review_queue_oldest_seconds{account="acme-air",status="held"}' in text
    assert f'gatekeeper_policy_info{{version="{gate.policies.current().version}"}} 1.0' in text
    assert "gatekeeper_policy_change_refused 0.0" in text
    assert 'gatekeeper_decisions_total{account="acme-air",mode="post",verdict="allow"}' in text


def test_policy_reload_metrics(client, keys, gate, policy_dir):
    loaded, refused = sample("gatekeeper_policy_reload_total", result="loaded"), sample("gatekeeper_policy_reload_total", result="refused")
    main = policy_dir / "gatekeeper.yaml"
    main.write_text(main.read_text().replace("max_text_length: 10000", "max_text_length: 9000"))
    bump_mtime(main)
    client.get("/readyz")
    assert sample("gatekeeper_policy_reload_total", result="loaded") == loaded + 1
    version = gate.policies.current().version
    main.write_text(main.read_text().replace("max_text_length: 9000", "max_text_length: lots"))
    bump_mtime(main)
    text = client.get("/metrics").get_data(as_text=True)
    assert sample("gatekeeper_policy_reload_total", result="refused") == refused + 1
    assert f'gatekeeper_policy_info{{version="{version}"}} 1.0' in text and "gatekeeper_policy_change_refused 1.0" in text


def test_metrics_can_be_turned_off_or_moved_to_another_port(policy_dir, db_url, monkeypatch):
    from gatekeeper.app import create_app
    from gatekeeper.service import Settings

    def app():
        return create_app(Settings(policy_dir=str(policy_dir), database_url=db_url, policy_reload_seconds=0, policy_settle_seconds=0))

    monkeypatch.setenv("GATEKEEPER_METRICS", "off")
    assert app().test_client().get("/metrics").status_code == 404
    monkeypatch.delenv("GATEKEEPER_METRICS")
    monkeypatch.setenv("GATEKEEPER_METRICS_PORT", "9464")
    client = app().test_client()
    assert client.get("/metrics").status_code == 404                      # not on the API port
    on_metrics_port = "http://localhost:9464"
    assert client.get("/metrics", base_url=on_metrics_port).status_code == 200
    assert client.get("/readyz", base_url=on_metrics_port).status_code == 200
    r = client.post("/v1/check", json={"account": "acme-air", "text": "hi"}, base_url=on_metrics_port)
    assert r.status_code == 404 and r.get_json()["error"] == "not_found"  # the API is not served on the metrics port


# -- rate limits -------------------------------------------------------------------------------------------

def test_per_key_limit_answers_429_with_retry_after_and_logs_it(client, keys, gate, policy_dir):
    set_rate_limits(policy_dir, per_key="3/hour", per_account="100/hour")
    codes = [client.post("/v1/posts", json={"account": "acme-air", "text": CLEAN}, headers=keys.poster).status_code for _ in range(4)]
    assert codes == [201, 201, 201, 429]
    r = client.post("/v1/posts", json={"account": "acme-air", "text": "Please keep this private"}, headers=keys.poster)
    body = r.get_json()
    assert r.status_code == 429 and body["error"] == "rate_limited" and body["limit"] == "per_key"
    assert 1100 <= int(r.headers["Retry-After"]) <= 1200 and body["retry_after"] == int(r.headers["Retry-After"])  # one token per 20 min
    event = gate.store.decision(body["decision_id"])
    assert event["event"] == "rate_limited" and event["key_name"] == "scheduler" and event["rate"] == "3/hour"
    assert "Please keep this private" not in json.dumps(event)
    assert gate.store.verify()["ok"]
    assert len(gate.store.sandbox_list()) == 3
    # Another key still has its own allowance; checks are counted separately.
    other = keys.make("bot2", "poster", ["acme-air"])
    assert client.post("/v1/posts", json={"account": "acme-air", "text": CLEAN}, headers=other).status_code == 201
    assert client.post("/v1/check", json={"account": "acme-air", "text": CLEAN}, headers=keys.poster).status_code == 200


def test_per_account_limit_counts_every_key_and_checks_have_their_own(client, keys, policy_dir):
    set_rate_limits(policy_dir, per_account="2/hour", checks_per_key="2/hour")
    a, b = keys.poster, keys.make("bot2", "poster", ["acme-air"])
    assert client.post("/v1/posts", json={"account": "acme-air", "text": CLEAN}, headers=a).status_code == 201
    assert client.post("/v1/posts", json={"account": "acme-air", "text": CLEAN}, headers=b).status_code == 201
    r = client.post("/v1/posts", json={"account": "acme-air", "text": CLEAN}, headers=b)
    assert r.status_code == 429 and r.get_json()["limit"] == "per_account"
    # Another account is not affected.
    assert client.post("/v1/posts", json={"account": "jdoe", "text": CLEAN}, headers=keys.admin).status_code == 201
    codes = [client.post("/v1/check", json={"account": "acme-air", "text": CLEAN}, headers=a).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_dropin_rate_limit_speaks_the_platform_format(client, keys, policy_dir):
    set_rate_limits(policy_dir, per_key="1/hour")
    ok = client.post("/platform/mastodon/acme-air/api/v1/statuses", data={"status": CLEAN}, headers=keys.poster)
    limited = client.post("/platform/mastodon/acme-air/api/v1/statuses", data={"status": CLEAN}, headers=keys.poster)
    assert ok.status_code == 200 and limited.status_code == 429
    assert "error" in limited.get_json() and int(limited.headers["Retry-After"]) > 0
    x = client.post("/platform/twitter/acme-air/2/tweets", json={"text": CLEAN}, headers=keys.poster)
    assert x.status_code == 429 and x.get_json()["status"] == 429


def test_rate_limits_are_validated_by_the_schema(policy_dir):
    from gatekeeper.rules.policy import PolicyInvalid

    set_rate_limits(policy_dir, per_key="60/min")
    with pytest.raises(PolicyInvalid) as info:
        load_policy(policy_dir, known_rule_ids())
    assert "not a rate" in str(info.value) and info.value.errors[0].line > 1


def test_local_limit_is_shared_by_processes(tmp_path):
    """Two processes on one instance's state file share one bucket: a limit of 5 lets 5 through in all."""
    import multiprocessing

    path = str(tmp_path / "state")
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        results = pool.starmap(_take_many, [(path, 6), (path, 6)])
    assert sum(results) == 5


def _take_many(path, n):
    from gatekeeper.shared_state import Bucket, SQLiteBackend

    backend = SQLiteBackend(path)
    return sum(backend.take([Bucket("post:key:k:5/3600", 5, 3600)]).allowed for _ in range(n))


# -- readiness -----------------------------------------------------------------------------------------------

def test_readyz_reports_policy_database_models(client, gate, policy_dir, monkeypatch):
    r = client.get("/readyz")
    assert r.status_code == 200 and r.get_json()["ready"] is True
    checks = r.get_json()["checks"]
    assert checks["policy"]["version"] == gate.policies.current().version and checks["models"]["ok"] and checks["database"]["ok"]
    # A refused policy change: the last good policy serves, so the instance stays ready.
    main = policy_dir / "gatekeeper.yaml"
    main.write_text(main.read_text().replace("on_check_error: review", "on_check_error: maybe"))
    bump_mtime(main)
    r = client.get("/readyz")
    assert r.status_code == 200 and r.get_json()["checks"]["policy"]["refused_change"] is True
    assert client.get("/healthz").status_code == 200

    def down(*args, **kwargs):
        raise OSError("database is down")

    monkeypatch.setattr(gate.store.db, "fetchone", down)
    r = client.get("/readyz")
    assert r.status_code == 503 and r.get_json()["checks"]["database"] == {"ok": False, "error": "OSError"}
    assert client.get("/healthz").status_code == 200  # alive, just not ready


# -- shared state on Redis -------------------------------------------------------------------------------------

@pytest.fixture
def redis_prefix(redis_prefix, monkeypatch):
    """conftest's Redis prefix, with the service configured to use it."""
    url, prefix = redis_prefix
    monkeypatch.setenv("GATEKEEPER_REDIS_URL", url)
    monkeypatch.setenv("GATEKEEPER_REDIS_PREFIX", prefix)
    return prefix


def test_redis_backend_limits_locks_and_caches(redis_prefix):
    from gatekeeper.shared_state import Bucket, RedisBackend, inflight

    a, b = RedisBackend(REDIS_URL, redis_prefix), RedisBackend(REDIS_URL, redis_prefix)  # two instances
    buckets = [Bucket("post:key:k:5/3600", 5, 3600), Bucket("post:account:x:100/3600", 100, 3600)]
    results = [(a if i % 2 else b).take(buckets) for i in range(7)]
    assert [r.allowed for r in results] == [True] * 5 + [False] * 2
    assert results[-1].bucket == buckets[0] and 700 < results[-1].retry_after <= 720
    # A refused request takes nothing from the other bucket.
    assert a.take([buckets[1]]).allowed and float(a.client.get(redis_prefix + "rl:" + buckets[1].key)) > 0
    with inflight(a, "scope-1") as first:
        with inflight(b, "scope-1") as second:
            assert first and not second
    with inflight(b, "scope-1") as again:
        assert again
    a.set("links:x", '{"outcome": "ok"}', 60)
    assert b.get("links:x") == '{"outcome": "ok"}'


def test_gate_uses_redis_when_configured(redis_prefix, policy_dir, db_url, tmp_path):
    from gatekeeper.app import create_app
    from gatekeeper.checks.links.resolver import Resolution, Resolver
    from gatekeeper.service import Settings

    set_rate_limits(policy_dir, per_key="2/hour")
    apps = [create_app(Settings(policy_dir=str(policy_dir), database_url=url, policy_settle_seconds=0))
            for url in (db_url, f"sqlite:///{tmp_path / 'second.db'}")]  # two instances, separate databases
    keys = [app.extensions["gatekeeper"].store for app in apps]
    headers = [{"Authorization": f"Bearer {store.add_key('shared-bot', 'poster', ['acme-air'])}"} for store in keys]
    codes = [apps[i % 2].test_client().post("/v1/posts", json={"account": "acme-air", "text": CLEAN}, headers=headers[i % 2]).status_code
             for i in range(3)]
    assert codes == [201, 201, 429]
    assert apps[0].test_client().get("/readyz").get_json()["checks"]["shared_state"] == {"ok": True, "backend": "redis"}
    # The link-verdict cache: what one instance learnt, the other reads.
    first, second = Resolver(), Resolver()
    first.cache[("http://bit.ly/x", 5, 1.5)] = Resolution(["http://bit.ly/x", "https://www.acme-air.com/"], 200, "ok", "")
    found = second.cache.get(("http://bit.ly/x", 5, 1.5))
    assert found == Resolution(["http://bit.ly/x", "https://www.acme-air.com/"], 200, "ok", "") and found.final == "https://www.acme-air.com/"


# -- safe policy deploys (issue 14, item 6) ---------------------------------------------------------------------

def _poll_versions(store, seconds, seen):
    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        seen.add(store.current().version)
        time.sleep(0.01)


def test_half_copied_file_never_serves(policy_dir):
    terms = policy_dir / "lexicons" / "terms.yaml"
    complete = terms.read_text()
    cut = complete.index("\n  - id:", len(complete) // 2)
    truncated = complete[:cut] + "\n"  # still valid YAML, still a valid lexicon: just missing its last entries
    probe = policy_dir.parent / "probe"
    shutil.copytree(policy_dir, probe)
    (probe / "lexicons" / "terms.yaml").write_text(truncated)
    truncated_version = load_policy(probe, known_rule_ids()).version

    store = PolicyStore(str(policy_dir), known_rule_ids(), interval=0.02, settle=0.8)
    original = store.current().version
    seen = set()
    terms.write_text(truncated)              # the copy is half done...
    _poll_versions(store, 0.4, seen)
    terms.write_text(complete + "\n# v2\n")  # ...and finished within the settle time
    _poll_versions(store, 0.3, seen)
    assert seen == {original}                # nothing loaded while the folder kept changing
    deadline = time.monotonic() + 5
    while store.current().version == original and time.monotonic() < deadline:
        seen.add(store.current().version)
        time.sleep(0.02)
    final = store.current().version
    assert final != original and truncated_version not in seen | {final}
    assert final == load_policy(policy_dir, known_rule_ids()).version


def test_release_marker_is_the_only_trigger(policy_dir):
    (policy_dir / "RELEASE").write_text("2026-11-25 a\n")
    store = PolicyStore(str(policy_dir), known_rule_ids(), interval=0, settle=30)
    v1 = store.current().version
    main = policy_dir / "gatekeeper.yaml"
    main.write_text(main.read_text().replace("max_text_length: 10000", "max_text_length: 800"))
    bump_mtime(main)
    assert store.current().version == v1     # files changed, RELEASE did not: not live
    (policy_dir / "RELEASE").write_text("2026-11-25 b\n")
    assert store.current().setting("max_text_length") == 800  # at once, no settle wait


def test_symlink_switch_loads_the_new_folder_at_once(policy_dir, tmp_path):
    releases = tmp_path / "releases"
    releases.mkdir()
    v1_dir, v2_dir = releases / "v1", releases / "v2"
    shutil.copytree(policy_dir, v1_dir)
    shutil.copytree(policy_dir, v2_dir)
    main = v2_dir / "gatekeeper.yaml"
    main.write_text(main.read_text().replace("max_text_length: 10000", "max_text_length: 700"))
    current = tmp_path / "current"
    current.symlink_to(v1_dir)
    store = PolicyStore(str(current), known_rule_ids(), interval=0, settle=30)
    assert store.current().setting("max_text_length") == 10000
    staged = tmp_path / "current.new"
    staged.symlink_to(v2_dir)
    os.replace(staged, current)              # the atomic switch
    policy = store.current()
    assert policy.setting("max_text_length") == 700 and policy.directory == str(v2_dir)


def test_settled_change_goes_live_through_the_service(policy_dir, db_url):
    from gatekeeper.app import create_app
    from gatekeeper.service import Settings

    app = create_app(Settings(policy_dir=str(policy_dir), database_url=db_url, policy_reload_seconds=0, policy_settle_seconds=0.3))
    gate = app.extensions["gatekeeper"]
    v1 = gate.policies.current().version
    main = policy_dir / "gatekeeper.yaml"
    main.write_text(main.read_text().replace("max_text_length: 10000", "max_text_length: 600"))
    bump_mtime(main)
    assert gate.policies.current().version == v1
    time.sleep(0.4)
    assert gate.policies.current().setting("max_text_length") == 600


@pytest.mark.parametrize("opener", ["shared_state", "database"])
def test_fresh_sqlite_file_waits_for_another_writer(tmp_path, opener):
    """A worker opening a new file while another writes to it waits instead of failing.

    Switching to WAL gets "database is locked" at once (no busy wait) while another connection
    holds a write lock: workers starting together on a fresh file failed that way in CI.
    """
    import sqlite3
    import threading

    from gatekeeper.db import Database
    from gatekeeper.shared_state import Bucket, SQLiteBackend

    path = tmp_path / "fresh.db"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("CREATE TABLE started (x)")
    threading.Timer(0.3, lambda: other.execute("COMMIT")).start()
    if opener == "shared_state":
        assert SQLiteBackend(str(path)).take([Bucket("k", 1, 60)]).allowed
    else:
        assert Database(f"sqlite:///{path}").fetchone("PRAGMA journal_mode")["journal_mode"] == "wal"


def test_an_idle_process_switches_policy_without_a_request(policy_dir):
    # Each worker looks on a thread of its own: one that serves nothing for a while is not left on the old policy
    # (a freeze must reach every worker), and a change settled before its next request is in force for that request.
    store = PolicyStore(str(policy_dir), known_rule_ids(), interval=0.05, settle=0.3)
    v1 = store.current().version
    main = policy_dir / "gatekeeper.yaml"
    main.write_text(main.read_text().replace("freeze: []", "freeze:\n  - accounts: all\n    reason: incident\n"))
    deadline = time.monotonic() + 5
    while store._policy.version == v1 and time.monotonic() < deadline:  # no current() call: nothing asks
        time.sleep(0.05)
    assert store._policy.version != v1 and store._policy.freeze_reason("acme-air") == "incident"


def test_a_change_that_settled_while_idle_applies_to_the_next_request(policy_dir):
    store = PolicyStore(str(policy_dir), known_rule_ids(), interval=0, settle=0.3)
    v1 = store.current().version
    main = policy_dir / "gatekeeper.yaml"
    main.write_text(main.read_text().replace("max_text_length: 10000", "max_text_length: 900"))
    past = time.time() - 5  # written a while ago, before this process looked again
    os.utime(main, (past, past))
    os.utime(policy_dir, (past, past))
    assert store.current().setting("max_text_length") == 900 and store.current().version != v1


def test_an_idempotent_replay_costs_no_rate_limit(client, keys, policy_dir):
    # A retry of a finished request posts nothing: it gets its stored answer even when the key's allowance is spent.
    set_rate_limits(policy_dir, per_key="2/hour", per_account="100/hour")
    headers = {**keys.poster, "Idempotency-Key": "order-1"}
    first = client.post("/v1/posts", json={"account": "acme-air", "text": CLEAN}, headers=headers)
    assert client.post("/v1/posts", json={"account": "acme-air", "text": CLEAN + "!"}, headers=keys.poster).status_code == 201
    replays = [client.post("/v1/posts", json={"account": "acme-air", "text": CLEAN}, headers=headers) for _ in range(5)]
    assert all(r.status_code == 201 and r.headers["Idempotent-Replayed"] == "true" for r in replays)
    assert {r.get_json()["decision_id"] for r in replays} == {first.get_json()["decision_id"]}
    assert client.post("/v1/posts", json={"account": "acme-air", "text": CLEAN + "?"}, headers=keys.poster).status_code == 429
