"""What the operations layer adds to each request, next to a baseline in the same run.

    .venv/bin/python bench/bench_ops.py [--n 3000]

Per call: the request log line, the metrics of one decision, a rate-limit take
on the local shared-state file and on Redis (if it answers), and a whole
/v1/check through Flask's test client with the ops hooks on and off.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import sys
import tempfile
import time
import uuid
from contextlib import redirect_stdout
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import line, summary, time_each  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("GATEKEEPER_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=3000)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from gatekeeper import logs, metrics
    from gatekeeper.checks.base import Finding
    from gatekeeper.pipeline import Decision
    from gatekeeper.shared_state import Bucket, RedisBackend, SQLiteBackend

    items = list(range(args.n))
    base_times = time_each(lambda i: json.loads(json.dumps({"account": "acme-air", "text": "See you on board!", "i": i})), items)
    base = summary(base_times)
    print(f"{args.n} calls each, {os.cpu_count()} cores")
    print(line("baseline (JSON round trip)", base_times))

    fields = {"request_id": uuid.uuid4().hex, "method": "POST", "path": "/v1/posts", "route": "/v1/posts", "status": 201,
              "latency_ms": 3.2, "key": "scheduler", "account": "acme-air", "verdict": "allow", "decision_id": uuid.uuid4().hex}
    logs.setup()
    with redirect_stdout(io.StringIO()):
        log_times = time_each(lambda i: logs.write(fields), items)
    print(line("request log line (JSON to stdout)", log_times, base))
    decision = Decision("warn", [Finding("tone", "tone.shouting", "warn", "x", 0, 3)], "v1",
                        {"lexicon": 0.2, "pii": 0.9, "tone": 0.5, "links": 0.1, "hashtags": 0.1, "account": 0.1, "usernames": 0.1, "automated": 0.0})
    print(line("metrics of one decision (8 checks)", time_each(lambda i: metrics.decided("post", "acme-air", decision, 0.003), items), base))

    workdir = Path(tempfile.mkdtemp(prefix="gk-bench-ops-"))
    try:
        local = SQLiteBackend(str(workdir / "state"))
        buckets = [Bucket("post:key:bench:1000000000/60", 1_000_000_000, 60), Bucket("post:account:acme-air:1000000000/60", 1_000_000_000, 60)]
        print(line("rate limit, 2 buckets, local SQLite file", time_each(lambda i: local.take(buckets), items), base))
        try:
            redis_backend = RedisBackend(REDIS_URL, f"gk-bench-{uuid.uuid4().hex[:8]}:")
            redis_backend.ping()
        except Exception as exc:  # noqa: BLE001 - Redis is optional here
            print(f"rate limit on Redis: skipped ({exc})")
        else:
            print(line("rate limit, 2 buckets, Redis (Lua)", time_each(lambda i: redis_backend.take(buckets), items), base))
            for key in redis_backend.client.scan_iter(match=redis_backend.prefix + "*"):
                redis_backend.client.delete(key)

        http_over_flask(workdir, min(args.n, 1000), base)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def http_over_flask(workdir: Path, n: int, base) -> None:
    from gatekeeper.app import create_app
    from gatekeeper.service import Settings

    policy_dir = workdir / "policies"
    shutil.copytree(ROOT / "policies", policy_dir, ignore=shutil.ignore_patterns("README.md"))
    app = create_app(Settings(policy_dir=str(policy_dir), database_url=f"sqlite:///{workdir / 'g.db'}"))
    gate = app.extensions["gatekeeper"]
    headers = {"Authorization": f"Bearer {gate.store.add_key('bench', 'admin', ['*'])}"}
    client = app.test_client()
    body = {"account": "acme-air", "text": "Our winter schedule is live. See you on board!"}
    run = lambda i: client.post("/v1/check", json=body, headers=headers)  # noqa: E731
    items = list(range(n))
    with redirect_stdout(io.StringIO()):
        for _ in range(20):
            run(0)
        on, off = [], []
        hooks = (app.before_request_funcs[None], app.after_request_funcs[None])
        for start in range(0, n, 20):  # alternating small batches, so machine noise hits both alike
            on += time_each(run, items[start:start + 20], warmup=0)
            os.environ["GATEKEEPER_REQUEST_LOG"] = "off"
            app.before_request_funcs[None], app.after_request_funcs[None] = [], []
            off += time_each(run, items[start:start + 20], warmup=0)
            app.before_request_funcs[None], app.after_request_funcs[None] = hooks
            del os.environ["GATEKEEPER_REQUEST_LOG"]
    print(line("/v1/check in Flask, ops hooks off", off, base))
    print(line("/v1/check in Flask, ops hooks on", on, base))
    print(f"ops hooks add {summary(on)['p50'] - summary(off)['p50']:+.3f} ms at p50")


if __name__ == "__main__":
    main()
