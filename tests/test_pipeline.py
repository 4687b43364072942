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


def _policy_with_timeout(policy_dir, ms):
    from gatekeeper.checks import known_rule_ids
    from gatekeeper.rules.policy import load_policy

    main = policy_dir / "gatekeeper.yaml"
    main.write_text(main.read_text().replace("check_timeout_ms: 3000", f"check_timeout_ms: {ms}"))
    return load_policy(policy_dir, known_rule_ids())


def test_normalising_counts_against_the_check_budget(gate, policy_dir, monkeypatch):
    from gatekeeper import pipeline

    policy = _policy_with_timeout(policy_dir, 100)
    real = pipeline.normalize_post

    def slow_normalize(payload):
        deadline = time.perf_counter() + 1.0
        while time.perf_counter() < deadline:  # busy in Python, holding the GIL between switches
            pass
        return real(payload)

    monkeypatch.setattr(pipeline, "normalize_post", slow_normalize)
    ok = fake_check("ok", lambda p, pol: [])
    started = time.perf_counter()
    post, decision = pipeline.evaluate({"account": "acme-air", "text": "hello"}, policy, [ok])
    assert time.perf_counter() - started < 0.6
    assert decision.verdict == "review"
    failed = {f.details["failed_check"]: f.rule for f in decision.findings}
    assert failed == {"normalize": "pipeline.check_timeout", "ok": "pipeline.check_timeout"}
    assert post.text.original == "hello"  # the post as sent, for the decision log


def test_crashing_normaliser_is_never_a_silent_allow(gate, policy_dir, monkeypatch):
    from gatekeeper import pipeline

    def broken(payload):
        raise RecursionError("normaliser bug")

    monkeypatch.setattr(pipeline, "normalize_post", broken)
    policy = gate.policies.current()
    post, decision = pipeline.evaluate({"account": "acme-air", "text": "hello"}, policy, [fake_check("ok", lambda p, pol: [])])
    assert decision.verdict == "review"
    assert [(f.rule, f.details["failed_check"]) for f in decision.findings] == [("pipeline.check_error", "normalize")]


def test_normaliser_error_takes_the_policy_action(gate, policy_dir, monkeypatch):
    from gatekeeper import pipeline
    from gatekeeper.checks import known_rule_ids
    from gatekeeper.rules.policy import load_policy

    main = policy_dir / "gatekeeper.yaml"
    main.write_text(main.read_text().replace("on_check_error: review", "on_check_error: block").replace("  pipeline.check_error: review\n", ""))
    policy = load_policy(policy_dir, known_rule_ids())
    monkeypatch.setattr(pipeline, "normalize_post", lambda payload: 1 / 0)
    assert pipeline.evaluate({"account": "acme-air", "text": "x"}, policy, [])[1].verdict == "block"


def test_evaluate_normalises_once_and_decides(gate):
    from gatekeeper import pipeline

    seen = []
    check = fake_check("seen", lambda p, pol: seen.append(p) or [Finding("seen", "seen.x", "warn", "w", 0, 1)])
    post, decision = pipeline.evaluate({"account": "acme-air", "text": "Ｈｅｌｌｏ  there"}, gate.policies.current(), [check])
    assert decision.verdict == "warn" and seen == [post] and post.text.norm == "Hello there"
    assert "normalize" in decision.timings_ms
