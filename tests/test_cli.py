import json
import os
import signal
import subprocess
import sys
import time

import pytest
import requests

from conftest import free_port, set_upstream
from gatekeeper.store import Store


def cli(*args, db_url, policy_dir):
    env = {"GATEKEEPER_DATABASE_URL": db_url, "GATEKEEPER_POLICY_DIR": str(policy_dir), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "gatekeeper", *args], capture_output=True, text=True, env=env, timeout=120)


def test_keys_add_prints_key_once_on_last_line(db_url, policy_dir):
    out = cli("keys", "add", "scheduler", "--role", "poster", "--accounts", "acme-air", db_url=db_url, policy_dir=policy_dir)
    assert out.returncode == 0
    key = out.stdout.strip().splitlines()[-1]
    assert key.startswith("gk_") and len(key) > 30
    store = Store(db_url)
    assert store.key_by_secret(key)["name"] == "scheduler"
    listed = cli("keys", "list", db_url=db_url, policy_dir=policy_dir).stdout
    assert "scheduler" in listed and key not in listed
    dup = cli("keys", "add", "scheduler", "--role", "poster", "--accounts", "acme-air", db_url=db_url, policy_dir=policy_dir)
    assert dup.returncode != 0 and "already exists" in dup.stderr
    bad = cli("keys", "add", "x", "--role", "king", db_url=db_url, policy_dir=policy_dir)
    assert bad.returncode != 0
    # A name the policy lacks (a typo, a shell-expanded *) is made but warned about.
    typo = cli("keys", "add", "bot", "--role", "poster", "--accounts", "acme-air,README.md", db_url=db_url, policy_dir=policy_dir)
    assert typo.returncode == 0 and "'README.md'" in typo.stderr and "'acme-air'" not in typo.stderr
    assert "warning" not in cli("keys", "add", "all", "--role", "poster", "--accounts", "*", db_url=db_url, policy_dir=policy_dir).stderr


def test_check_exit_code_follows_verdict(db_url, policy_dir):
    allow = cli("check", "--account", "acme-air", "See you on board!", db_url=db_url, policy_dir=policy_dir)
    assert allow.returncode == 0 and allow.stdout.startswith("ALLOW")
    block = cli("check", "--account", "acme-air", "--json", "guaranteed returns", db_url=db_url, policy_dir=policy_dir)
    assert block.returncode == 3
    assert json.loads(block.stdout)["verdict"] == "block"
    review = cli("check", "--account", "acme-air", "risk free", db_url=db_url, policy_dir=policy_dir)
    assert review.returncode == 2
    unknown = cli("check", "--account", "nope", "hello", db_url=db_url, policy_dir=policy_dir)
    assert unknown.returncode == 4 and "unknown account" in unknown.stderr
    # CLI decisions are logged too.
    assert len(Store(db_url).decisions()) == 3


def test_policy_lint_cli(policy_dir, db_url):
    ok = cli("policy", "lint", str(policy_dir), db_url=db_url, policy_dir=policy_dir)
    assert ok.returncode == 0 and ok.stdout.startswith("OK")
    path = policy_dir / "accounts" / "jdoe.yaml"
    path.write_text(path.read_text().replace("kind: personal", "kind: persona"))
    bad = cli("policy", "lint", str(policy_dir), db_url=db_url, policy_dir=policy_dir)
    line = path.read_text().splitlines().index("kind: persona") + 1
    assert bad.returncode == 1 and f"jdoe.yaml:{line}:" in bad.stdout


def test_decision_survives_process_dying_before_the_answer(db_url, policy_dir, recorder):
    """Kill the server the moment it forwards: the decision is already in the log."""
    server = {}

    def die(handler):
        # The whole process group: gunicorn's master and the worker deciding the post.
        os.killpg(server["proc"].pid, signal.SIGKILL)

    hook = recorder(on_request=die)
    set_upstream(policy_dir, "acme-air", f"upstream:\n  type: webhook\n  url: {hook.url}/hook\n")
    key = cli("keys", "add", "s", "--role", "poster", "--accounts", "acme-air", db_url=db_url, policy_dir=policy_dir).stdout.split()[-1]
    port = free_port()
    env = {"GATEKEEPER_DATABASE_URL": db_url, "GATEKEEPER_POLICY_DIR": str(policy_dir), "PATH": "/usr/bin:/bin"}
    proc = subprocess.Popen([sys.executable, "-m", "gatekeeper", "serve", "--port", str(port), "--workers", "1"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    server["proc"] = proc
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except requests.RequestException:  # not listening yet, or still loading models
                time.sleep(0.2)
        try:
            requests.post(f"http://127.0.0.1:{port}/v1/posts", json={"account": "acme-air", "text": "See you on board!"},
                          headers={"Authorization": f"Bearer {key}"}, timeout=30)
            answered = True
        except requests.RequestException:
            answered = False
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert not answered and len(hook.requests) == 1
    decisions = Store(db_url).decisions(account="acme-air")
    assert len(decisions) == 1
    assert decisions[0]["verdict"] == "allow" and decisions[0]["forward"] == {"status": "pending"}


def test_serve_refuses_a_broken_policy(db_url, policy_dir):
    path = policy_dir / "accounts" / "jdoe.yaml"
    path.write_text(path.read_text().replace("kind: personal", "kind: persona"))
    out = cli("serve", "--port", "1", db_url=db_url, policy_dir=policy_dir)
    assert out.returncode == 1 and "jdoe.yaml" in out.stderr and "persona" in out.stderr


def test_scoped_roles_need_accounts(db_url, policy_dir):
    for role in ("auditor", "reviewer", "poster"):
        out = cli("keys", "add", f"k-{role}", "--role", role, db_url=db_url, policy_dir=policy_dir)
        assert out.returncode == 2 and "--accounts" in out.stderr
    out = cli("keys", "add", "audit-all", "--role", "auditor", "--accounts", "*", db_url=db_url, policy_dir=policy_dir)
    assert out.returncode == 0
    assert Store(db_url).key_by_secret(out.stdout.split()[-1])["accounts"] == ["*"]


def test_reconcile_command_queues_interrupted_sends(db_url, policy_dir):
    store = Store(db_url)
    store.append("decision", "d" * 32, {"account": "acme-air", "verdict": "allow", "findings": [], "forward": {"status": "pending"}})
    store.hold("d" * 32, "acme-air", "jdoe", "scheduler", {"account": "acme-air", "text": "hi"}, "being sent", None, status="sending")
    out = cli("reconcile", db_url=db_url, policy_dir=policy_dir)
    assert out.returncode == 0 and out.stdout == ""  # younger than the reconcile window: may still be in flight
    out = cli("reconcile", "--older-than", "0", db_url=db_url, policy_dir=policy_dir)
    assert out.returncode == 0 and out.stdout.startswith("d" * 32)
    assert store.held("d" * 32)["status"] == "unknown"
    assert store.decision("d" * 32)["forward"] == {"status": "unknown"}


@pytest.mark.parametrize("text", ["", "   ", "hi\x01\x1b[31mred", "x" * 12000])
def test_check_refuses_what_the_api_refuses_and_logs_nothing(db_url, policy_dir, text):
    r = cli("check", "--account", "acme-air", text, db_url=db_url, policy_dir=policy_dir)
    assert r.returncode == 4 and "refused" in r.stderr and r.stdout == ""
    assert Store(db_url).decisions() == []
