import time
import types

from gatekeeper.checks.base import Finding
from gatekeeper.normalize import normalize_post
from gatekeeper.pipeline import decide


def fake_check(name, fn):
    return types.SimpleNamespace(NAME=name, RULES=[], check=fn)


def test_strongest_action_wins(gate):
    policy = gate.policies.current()
    warn = fake_check("a", lambda post, pol: [Finding("a", "a.x", "warn", "w", 0, 1)])
    block = fake_check("b", lambda post, pol: [Finding("b", "b.x", "block", "b", 0, 1)])
    post = normalize_post({"account": "acme-air", "text": "hello"})
    assert decide(post, policy, [warn]).verdict == "warn"
    assert decide(post, policy, [warn, block]).verdict == "block"
    assert decide(post, policy, []).verdict == "allow"


def test_crashing_check_is_never_a_silent_allow(gate):
    def boom(post, policy):
        raise ValueError("broken matcher")

    post = normalize_post({"account": "acme-air", "text": "hello"})
    ok = fake_check("ok", lambda p, pol: [])
    decision = decide(post, gate.policies.current(), [fake_check("broken", boom), ok])
    assert decision.verdict == "review"
    assert decision.findings[0].rule == "pipeline.check_error"
    assert decision.findings[0].details["failed_check"] == "broken"


def test_slow_check_times_out_into_review(gate, policy_dir):
    main = policy_dir / "gatekeeper.yaml"
    main.write_text(main.read_text().replace("check_timeout_ms: 3000", "check_timeout_ms: 100"))
    from gatekeeper.checks import known_rule_ids
    from gatekeeper.rules.policy import load_policy

    policy = load_policy(policy_dir, known_rule_ids())
    slow = fake_check("slow", lambda p, pol: time.sleep(1) or [])
    post = normalize_post({"account": "acme-air", "text": "hello"})
    started = time.perf_counter()
    decision = decide(post, policy, [slow])
    assert time.perf_counter() - started < 0.5
    assert decision.verdict == "review" and decision.findings[0].rule == "pipeline.check_timeout"


def test_on_check_error_action_comes_from_policy(gate, policy_dir):
    main = policy_dir / "gatekeeper.yaml"
    main.write_text(main.read_text().replace("on_check_error: review", "on_check_error: block").replace("  pipeline.check_error: review\n", ""))
    from gatekeeper.checks import known_rule_ids
    from gatekeeper.rules.policy import load_policy

    policy = load_policy(policy_dir, known_rule_ids())

    def boom(post, pol):
        raise RuntimeError

    decision = decide(normalize_post({"account": "acme-air", "text": "x"}), policy, [fake_check("broken", boom)])
    assert decision.verdict == "block"
