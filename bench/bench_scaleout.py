"""Posts per second through one and through two `gatekeeper serve` instances on one PostgreSQL and one Redis.

    .venv/bin/python bench/bench_scaleout.py [--seconds 10] [--clients 8] [--workers 2]

Each run gets a throw-away PostgreSQL database and its own Redis key prefix
(removed afterwards). Clients post allowed posts to POST /v1/posts (decided,
logged in the hash chain, forwarded to the sandbox, counted by the shared rate
limits) over keep-alive connections, spread evenly over the instances.
Figures are printed, never asserted: on a machine with few cores two instances
share the same CPUs, so the second mostly shows what coordination costs.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = os.environ.get("GATEKEEPER_TEST_POSTGRES_URL", "postgresql://127.0.0.1:5432/test")
REDIS_URL = os.environ.get("GATEKEEPER_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")

TEXTS = ["Our winter schedule is live. See you on board!", "New routes to Lisbon and Porto from March.",
         "Thanks for flying with us today, enjoy the trip.", "Boarding for flight AA100 starts at gate 12.",
         "Our lounge in terminal 2 is open again after the refit."]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def policies(workdir: Path) -> Path:
    target = workdir / "policies"
    shutil.copytree(ROOT / "policies", target, ignore=shutil.ignore_patterns("README.md"))
    main = target / "gatekeeper.yaml"
    text = main.read_text()
    start = text.index("  rate_limits:\n")
    end = text.index("\n\n", start)
    # Limits stay on (their cost is part of the figure) but high enough never to refuse.
    main.write_text(text[:start] + '  rate_limits:\n    per_key: "1000000/minute"\n    per_account: "1000000/minute"' + text[end:])
    return target


def start(env: dict, workers: int) -> tuple[subprocess.Popen, int]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "gatekeeper", "serve", "--port", str(port), "--workers", str(workers), "--threads", "4"],
                            env={**env, "GATEKEEPER_LOG_LEVEL": "ERROR", "GATEKEEPER_REQUEST_LOG": "off"},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    return proc, port


def wait_ready(port: int, timeout: float = 180) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"instance on port {port} did not become ready")


def stop(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=40)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


def load(ports: list[int], key: str, seconds: float, clients: int) -> tuple[int, float, int]:
    done, errors, lock = [0], [0], threading.Lock()
    stop_at = time.time() + seconds

    def client(n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", ports[n % len(ports)], timeout=30)
        headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
        i = n
        while time.time() < stop_at:
            body = json.dumps({"account": "acme-air", "text": TEXTS[i % len(TEXTS)]})
            conn.request("POST", "/v1/posts", body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            with lock:
                if response.status == 201:
                    done[0] += 1
                else:
                    errors[0] += 1
            i += clients

    started = time.time()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return done[0], time.time() - started, errors[0]


def run(instances: int, args, workdir: Path) -> None:
    import psycopg
    import redis

    name = f"gk_bench_{uuid.uuid4().hex[:10]}"
    admin = psycopg.connect(PG_ADMIN_URL, autocommit=True)
    admin.execute(f"CREATE DATABASE {name}")
    db_url = f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    prefix = f"gk-bench-{uuid.uuid4().hex[:10]}:"
    env = {**{k: v for k, v in os.environ.items() if not k.startswith(("GATEKEEPER_", "PROMETHEUS_"))},
           "GATEKEEPER_DATABASE_URL": db_url, "GATEKEEPER_POLICY_DIR": str(policies(workdir / f"run{instances}")),
           "GATEKEEPER_REDIS_URL": REDIS_URL, "GATEKEEPER_REDIS_PREFIX": prefix}
    procs = []
    try:
        key = subprocess.run([sys.executable, "-m", "gatekeeper", "keys", "add", "bench", "--role", "poster", "--accounts", "*"],
                             env=env, capture_output=True, text=True, check=True).stdout.split()[-1]
        for _ in range(instances):
            procs.append(start(env, args.workers))
        ports = [port for _, port in procs]
        for port in ports:
            wait_ready(port)
        load(ports, key, 2, args.clients)  # warm every worker
        posts, elapsed, errors = load(ports, key, args.seconds, args.clients)
        from gatekeeper.store import Store

        store = Store(db_url)
        chain = store.verify()
        store.db.close()
        print(f"{instances} instance(s) x {args.workers} workers, {args.clients} clients: {posts / elapsed:8.1f} posts/s "
              f"({posts} posts in {elapsed:.1f} s, {errors} errors; chain {'intact' if chain['ok'] else 'BROKEN'}, {chain['checked']} entries)")
    finally:
        for proc, _ in procs:
            stop(proc)
        admin.execute(f"DROP DATABASE {name} WITH (FORCE)")
        admin.close()
        client = redis.Redis.from_url(REDIS_URL)
        for k in client.scan_iter(match=prefix + "*"):
            client.delete(k)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per instance")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; PostgreSQL {PG_ADMIN_URL.rsplit('/', 1)[0]}, Redis {REDIS_URL}")
    workdir = Path(tempfile.mkdtemp(prefix="gk-scaleout-"))
    try:
        for instances in (1, 2):
            run(instances, args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
