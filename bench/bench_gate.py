"""Benchmark the whole gate: per-post pipeline latency and posts per second over HTTP.

Run: python bench/bench_gate.py [--posts 500] [--http-seconds 10]
Prints figures; asserts nothing. Bars from the issue (2-core machine):
pipeline p50 <= 5 ms, p99 <= 15 ms; >= 300 posts/s over HTTP.
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
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import posts  # noqa: E402
from timing import line, summary, time_each  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def baseline(texts):
    """A fixed reference workload in this process: JSON round trip of the request."""
    return time_each(lambda t: json.loads(json.dumps({"account": "acme-air", "text": t, "visibility": "public"})) and sum(map(ord, t)), texts)


def in_process(texts, workdir):
    from gatekeeper.service import Caller, Gate, Settings

    gate = Gate(Settings(policy_dir=str(ROOT / "policies"), database_url=f"sqlite:///{workdir}/bench.db"))
    caller = Caller("bench", "admin", ["*"])
    # Every measurement sees posts it has not seen before: real traffic does not repeat, and caches would flatter.
    first = [{"account": "acme-air", "text": t} for t in texts]
    second = [{"account": "acme-air", "text": t} for t in posts(len(texts), seed=8)]
    base = summary(baseline(texts))
    print(line("baseline (JSON round trip)", baseline(texts)))
    print(line("pipeline: normalise + checks + redact", time_each(gate.evaluate, first), base))
    print(line("gate.check incl. logged decision (SQLite)", time_each(lambda p: gate.check(p, caller), second), base))
    return gate


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def over_http(texts, workdir, seconds: float, clients: int, workers: int):
    db = f"sqlite:///{workdir}/http.db"
    env = {**os.environ, "GATEKEEPER_DATABASE_URL": db, "GATEKEEPER_POLICY_DIR": str(ROOT / "policies")}
    key = subprocess.run([sys.executable, "-m", "gatekeeper", "keys", "add", "bench", "--role", "admin", "--accounts", "*"],
                         env=env, capture_output=True, text=True, check=True).stdout.split()[-1]
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "gatekeeper", "serve", "--port", str(port), "--workers", str(workers), "--threads", "4"],
                            env={**env, "GATEKEEPER_LOG_LEVEL": "ERROR"}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                requests.get(url + "/healthz", timeout=1)
                break
            except requests.RequestException:  # not listening yet, or still loading models
                time.sleep(0.2)
        latencies, stop = [], time.time() + seconds
        lock = threading.Lock()

        def client(n):
            # http.client with keep-alive: the lightest client, so the load generator (which
            # shares the machine's two cores) takes as little CPU from the server as it can.
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
            bodies = [json.dumps({"account": "acme-air", "text": t}) for t in texts]
            i = n
            while time.time() < stop:
                started = time.perf_counter()
                conn.request("POST", "/v1/check", body=bodies[i % len(bodies)], headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    raise RuntimeError(f"HTTP {response.status}")
                with lock:
                    latencies.append((time.perf_counter() - started) * 1000)
                i += clients

        # Warm every worker before timing.
        for t in texts[:20]:
            requests.post(url + "/v1/check", json={"account": "acme-air", "text": t}, headers={"Authorization": f"Bearer {key}"}, timeout=10)
        started = time.time()
        threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.time() - started
        s = summary(latencies)
        print(f"HTTP /v1/check ({workers} workers, {clients} clients)      {len(latencies) / elapsed:8.1f} posts/s   "
              f"round trip p50 {s['p50']:.2f} ms   p99 {s['p99']:.2f} ms   ({len(latencies)} posts)")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=500)
    parser.add_argument("--http-seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--no-http", action="store_true")
    args = parser.parse_args()
    texts = posts(args.posts)
    print(f"{len(texts)} posts, mean {sum(map(len, texts)) / len(texts):.0f} characters, {os.cpu_count()} cores")
    workdir = tempfile.mkdtemp(prefix="gk-bench-")
    try:
        in_process(texts, workdir)
        if not args.no_http:
            over_http(posts(5000, seed=9), workdir, args.http_seconds, args.clients, args.workers)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
