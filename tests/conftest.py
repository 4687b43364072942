import os
import shutil
import socket
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
POLICIES = ROOT / "policies"


@pytest.fixture
def policy_dir(tmp_path):
    target = tmp_path / "policies"
    shutil.copytree(POLICIES, target, ignore=shutil.ignore_patterns("README.md"))
    return target


@pytest.fixture
def db_url(tmp_path):
    return f"sqlite:///{tmp_path / 'gatekeeper.db'}"


@pytest.fixture
def app(policy_dir, db_url):
    from gatekeeper.app import create_app
    from gatekeeper.service import Settings

    return create_app(Settings(policy_dir=str(policy_dir), database_url=db_url, policy_reload_seconds=0,
                                policy_settle_seconds=0))


@pytest.fixture
def gate(app):
    return app.extensions["gatekeeper"]


@pytest.fixture
def client(app):
    return app.test_client()


class Keys:
    def __init__(self, gate):
        self.gate = gate

    def make(self, name, role, accounts=("*",)):
        return {"Authorization": f"Bearer {self.gate.store.add_key(name, role, list(accounts))}"}


@pytest.fixture
def keys(gate):
    k = Keys(gate)
    k.poster = k.make("scheduler", "poster", ["acme-air"])
    k.admin = k.make("root", "admin")
    k.auditor = k.make("audit", "auditor")
    k.reviewer = k.make("reviewer", "reviewer", ["acme-air"])
    return k


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Recorder:
    """A local HTTP server that records every request and answers as told."""

    def __init__(self, status=200, body=b'{"id": "remote-1"}', headers=None, on_request=None, host="127.0.0.1"):
        self.requests = []
        self.status, self.body, self.headers, self.on_request = status, body, headers or {}, on_request
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def _handle(self):
                length = int(self.headers.get("Content-Length") or 0)
                data = self.rfile.read(length) if length else b""
                recorder.requests.append({"method": self.command, "path": self.path, "headers": dict(self.headers), "body": data})
                if recorder.on_request:
                    recorder.on_request(self)
                self.send_response(recorder.status)
                self.send_header("Content-Type", "application/json")
                for k, v in recorder.headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(recorder.body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(recorder.body)

            do_GET = do_POST = do_HEAD = do_PUT = _handle

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://{host}:{self.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def recorder():
    servers = []

    def make(**kwargs):
        server = Recorder(**kwargs)
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.close()


def set_upstream(policy_dir, account, upstream_yaml):
    path = Path(policy_dir) / "accounts" / f"{account}.yaml"
    text = path.read_text()
    head = text.split("\nupstream:")[0]
    path.write_text(head + "\n" + upstream_yaml.strip() + "\n")
    bump_mtime(path)


def bump_mtime(path):
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


# A throw-away PostgreSQL database per test (tests/test_postgres.py, the two-instance serve test).
PG_ADMIN_URL = os.environ.get("GATEKEEPER_TEST_POSTGRES_URL", "postgresql://127.0.0.1:5432/test")


@pytest.fixture
def pg_url():
    psycopg = pytest.importorskip("psycopg")
    try:
        admin = psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL is not reachable at {PG_ADMIN_URL}: {exc}")
    name = f"gk_test_{uuid.uuid4().hex[:10]}"
    admin.execute(f"CREATE DATABASE {name}")
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    yield f"{base}/{name}"
    admin.execute(f"DROP DATABASE {name} WITH (FORCE)")
    admin.close()


REDIS_URL = os.environ.get("GATEKEEPER_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def redis_prefix():
    """(Redis URL, a key prefix of this test's own); its keys are removed afterwards."""
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"Redis is not reachable at {REDIS_URL}: {exc}")
    prefix = f"gk-test-{uuid.uuid4().hex[:10]}:"
    yield REDIS_URL, prefix
    for key in client.scan_iter(match=prefix + "*"):
        client.delete(key)
    client.close()
