"""Operations against real `gatekeeper serve` processes: JSON protocol errors, workers sharing limits and
metrics, graceful shutdown, and two instances on one PostgreSQL and one Redis."""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from conftest import POLICIES, Recorder, free_port, set_upstream
from gatekeeper.store import Store

CLEAN = "Our winter schedule is live. See you on board!"


def set_rate_limits(policy_dir, **limits):
    main = Path(policy_dir) / "gatekeeper.yaml"
    text = main.read_text()
    start = text.index("  rate_limits:\n")
    end = text.index("\n\n", start)
    main.write_text(text[:start] + "  rate_limits:\n" + "".join(f'    {k}: "{v}"\n' for k, v in limits.items()).rstrip("\n") + text[end:])


class Served:
    """One `gatekeeper serve` process (its own session, so a signal reaches master and workers)."""

    def __init__(self, tmp: Path, policy_dir, db_url, workers=2, **env):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.tmp = tmp
        tmp.mkdir(parents=True, exist_ok=True)
        base = {k: v for k, v in os.environ.items() if not k.startswith(("GATEKEEPER_", "PROMETHEUS_"))}
        self.env = {**base, "GATEKEEPER_DATABASE_URL": db_url, "GATEKEEPER_POLICY_DIR": str(policy_dir),
                    "GATEKEEPER_LOG_LEVEL": "WARNING", "TMPDIR": str(tmp), **env}
        self.out, self.err = open(tmp / "stdout", "w+"), open(tmp / "stderr", "w+")
        self.proc = subprocess.Popen([sys.executable, "-m", "gatekeeper", "serve", "--port", str(self.port), "--workers", str(workers),
                                      "--threads", "4"], env=self.env, stdout=self.out, stderr=self.err, start_new_session=True)

    def wait_ready(self, timeout=120):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"serve exited: {self.stderr()[-2000:]}")
            try:
                if requests.get(self.url + "/readyz", timeout=2).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise AssertionError(f"serve not ready: {self.stderr()[-2000:]}")

    def stdout(self) -> str:
        return (self.tmp / "stdout").read_text()

    def stderr(self) -> str:
        return (self.tmp / "stderr").read_text()

    def lines(self) -> list[dict]:
        return [json.loads(line) for line in self.stdout().splitlines() if line.startswith('{"time"')]

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.out.close()
        self.err.close()


def raw_request(port: int, line: bytes) -> tuple[int, dict, dict]:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(line + b"\r\nHost: localhost\r\n\r\n")
        data = b""
        while b"\r\n\r\n" not in data or len(data) < data.index(b"\r\n\r\n") + 4 + int(
                dict(h.split(": ", 1) for h in data.split(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")[1:]).get("Content-Length", "0")):
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v for k, v in (h.split(": ", 1) for h in lines[1:])}
    return int(lines[0].split()[1]), headers, json.loads(body)


# -- one instance, three workers ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    policy_dir = tmp / "policies"
    shutil.copytree(POLICIES, policy_dir, ignore=shutil.ignore_patterns("README.md"))
    set_rate_limits(policy_dir, per_key="5/hour", per_account="1000/hour")
    # jdoe's posts go to a webhook that takes 3 s to answer: a forward in flight when SIGTERM comes.
    slow = Recorder(on_request=lambda handler: time.sleep(3))
    set_upstream(policy_dir, "jdoe", f"upstream:\n  type: webhook\n  url: {slow.url}/hook\n  timeout_seconds: 10\n")
    db_url = f"sqlite:///{tmp / 'gatekeeper.db'}"
    metrics_port = free_port()
    server = Served(tmp / "run", policy_dir, db_url, workers=3, GATEKEEPER_METRICS_PORT=str(metrics_port)).wait_ready()
    server.db_url, server.metrics_port, server.slow = db_url, metrics_port, slow
    store = Store(db_url)
    server.key = lambda name, role="poster", accounts=("*",): store.add_key(f"{name}-{uuid.uuid4().hex[:6]}", role, list(accounts))
    yield server
    server.stop()
    slow.close()


def test_protocol_errors_are_json(instance):
    status, headers, body = raw_request(instance.port, b"GET /" + b"a" * 9000 + b" HTTP/1.1")
    assert status == 414 and headers["content-type"] == "application/json" and body["error"] == "uri_too_long"
    status, headers, body = raw_request(instance.port, b"GET /v1/decisions/\xff\xfe HTTP/1.1")
    assert status == 400 and headers["content-type"] == "application/json" and body["error"] == "invalid_request_line"
    # Up to gunicorn's largest request line the app itself answers (in JSON, as always).
    status, headers, body = raw_request(instance.port, b"GET /" + b"a" * 5000 + b" HTTP/1.1")
    assert status == 404 and body["error"] == "not_found" and headers["x-request-id"]


def test_a_limit_of_five_lets_five_through_across_workers(instance):
    key = instance.key("bot")
    headers = {"Authorization": f"Bearer {key}"}

    def send(_):
        return requests.post(instance.url + "/v1/posts", json={"account": "acme-air", "text": CLEAN}, headers=headers, timeout=30)

    with ThreadPoolExecutor(10) as pool:
        answers = list(pool.map(send, range(10)))
    codes = sorted(r.status_code for r in answers)
    assert codes == [201] * 5 + [429] * 5
    limited = next(r for r in answers if r.status_code == 429)
    assert int(limited.headers["Retry-After"]) > 0 and limited.json()["error"] == "rate_limited"


def test_workers_add_up_in_metrics_and_logs_hold_no_text_or_key(instance):
    key = instance.key("checker")
    marker = f"Unique marker {uuid.uuid4().hex} for the log test"
    headers = {"Authorization": f"Bearer {key}"}
    scrape = f"http://127.0.0.1:{instance.metrics_port}/metrics"

    def total_checks():
        text = requests.get(scrape, timeout=10).text
        return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
                   if line.startswith("gatekeeper_decisions_total{") and 'mode="check"' in line)

    before = total_checks()

    def send(i):
        # A new connection each time, so the requests spread over the workers.
        return requests.post(instance.url + "/v1/check", json={"account": "acme-air", "text": f"{marker} {i}"}, headers=headers, timeout=30)

    # Which worker accepts a connection is up to the kernel: send rounds of 24 until two workers have
    # answered (one round nearly always does), then check that the counts add up over every request.
    sent = 0
    for _ in range(5):
        with ThreadPoolExecutor(6) as pool:
            assert all(r.status_code == 200 for r in pool.map(send, range(sent, sent + 24)))
        sent += 24
        lines = [line for line in instance.lines() if line.get("route") == "/v1/check" and line.get("key", "").startswith("checker")]
        if len({line["pid"] for line in lines}) >= 2:
            break
    assert total_checks() == before + sent
    assert requests.get(instance.url + "/metrics", timeout=10).status_code == 404  # metrics live on their own port
    assert len(lines) == sent and all(line["decision_id"] and line["verdict"] and line["latency_ms"] > 0 for line in lines)
    assert len({line["pid"] for line in lines}) >= 2  # more than one worker answered, and the counts still add up
    logged = instance.stdout() + instance.stderr()
    assert marker not in logged and key not in logged


def test_sigterm_finishes_forwards_in_flight(instance):
    """Last in this module: it stops the server."""
    poster, reviewer = instance.key("jdoe-bot", accounts=("jdoe",)), instance.key("rev", "reviewer", ("jdoe",))
    store = Store(instance.db_url)
    held = requests.post(instance.url + "/v1/posts", json={"account": "jdoe", "text": "Totally risk free!", "author": "jdoe"},
                         headers={"Authorization": f"Bearer {poster}"}, timeout=30)
    assert held.status_code == 202, held.text
    held_id = held.json()["decision_id"]
    answers = {}

    def post():
        answers["post"] = requests.post(instance.url + "/v1/posts", json={"account": "jdoe", "text": CLEAN},
                                        headers={"Authorization": f"Bearer {poster}"}, timeout=60)

    def approve():
        answers["approve"] = requests.post(f"{instance.url}/v1/reviews/{held_id}/approve", json={"note": "ok"},
                                           headers={"Authorization": f"Bearer {reviewer}"}, timeout=60)

    threads = [threading.Thread(target=post), threading.Thread(target=approve)]
    for t in threads:
        t.start()
    deadline = time.time() + 30
    while len(instance.slow.requests) < len(threads) and time.time() < deadline:
        time.sleep(0.05)
    assert len(instance.slow.requests) == len(threads)  # both forwards are in flight at the webhook
    stopped_at = time.monotonic()
    os.kill(instance.proc.pid, signal.SIGTERM)
    time.sleep(0.5)
    with pytest.raises(requests.ConnectionError):  # no new requests taken
        requests.get(instance.url + "/healthz", timeout=5)
    for t in threads:
        t.join(60)
    assert answers["post"].status_code == 201 and answers["post"].json()["forwarded"] is True
    assert answers["approve"].status_code == 200 and answers["approve"].json()["status"] == "sent"
    assert instance.proc.wait(timeout=40) == 0
    assert time.monotonic() - stopped_at < 35  # within the graceful timeout
    decision = store.decision(answers["post"].json()["decision_id"])
    assert [e["event"] for e in decision["events"]] == ["forwarded"]
    assert store.held_list(None, "sending") == []
    assert not list((instance.tmp).glob("gatekeeper-run-*"))  # the runtime folder is removed


# -- two instances, one PostgreSQL, one Redis -------------------------------------------------------------------

def test_two_instances_share_log_idempotency_and_limits(tmp_path, pg_url, redis_prefix):
    redis_url, prefix = redis_prefix
    policy_dir = tmp_path / "policies"
    shutil.copytree(POLICIES, policy_dir, ignore=shutil.ignore_patterns("README.md"))
    set_rate_limits(policy_dir, per_key="500/hour", per_account="500/hour", checks_per_key="10/hour")
    platform = Recorder(on_request=lambda handler: time.sleep(0.2))  # slow enough for twins to overlap
    set_upstream(policy_dir, "acme-air", f"upstream:\n  type: webhook\n  url: {platform.url}/hook\n")
    store = Store(pg_url)
    key = store.add_key("scheduler", "poster", ["acme-air"])
    env = {"GATEKEEPER_REDIS_URL": redis_url, "GATEKEEPER_REDIS_PREFIX": prefix}
    servers = [Served(tmp_path / f"i{n}", policy_dir, pg_url, workers=2, **env) for n in range(2)]
    try:
        for server in servers:
            server.wait_ready()
        headers = {"Authorization": f"Bearer {key}"}

        def post(job):
            n, server = job
            return n, requests.post(server.url + "/v1/posts", json={"account": "acme-air", "text": f"{CLEAN} ({n})"},
                                    headers={**headers, "Idempotency-Key": f"order-{n}"}, timeout=60)

        jobs = [(n, server) for n in range(20) for server in servers]  # every key sent to both instances at once
        with ThreadPoolExecutor(16) as pool:
            answers = list(pool.map(post, jobs))
        by_key = {}
        for n, r in answers:
            assert r.status_code in (201, 409), r.text  # done, or "in progress" while its twin runs
            if r.status_code == 201:
                by_key.setdefault(n, set()).add(r.json()["decision_id"])
        assert all(len(ids) == 1 for ids in by_key.values())
        # Retried afterwards on either instance: the first result, never a second post.
        with ThreadPoolExecutor(16) as pool:
            retried = list(pool.map(post, jobs))
        for n, r in retried:
            assert r.status_code == 201 and r.headers.get("Idempotent-Replayed") == "true"
            assert by_key.setdefault(n, {r.json()["decision_id"]}) == {r.json()["decision_id"]}
        delivered = [req["headers"]["Idempotency-Key"] for req in platform.requests]
        assert len(delivered) == 20 and set(delivered) == set().union(*by_key.values())  # each post forwarded once

        # Limits count across both instances: checks_per_key 10 lets 10 through in all.
        def check(server):
            return requests.post(server.url + "/v1/check", json={"account": "acme-air", "text": CLEAN}, headers=headers, timeout=60).status_code

        with ThreadPoolExecutor(8) as pool:
            codes = sorted(pool.map(check, servers * 8))
        assert codes == [200] * 10 + [429] * 6

        result = store.verify()  # one log, chain intact
        assert result["ok"] and sum(1 for e in store.entries() if e["event"] == "forwarded") == 20
        assert sum(1 for e in store.entries() if e["event"] == "rate_limited") == 6
    finally:
        for server in servers:
            server.stop()
        platform.close()
        store.db.close()
