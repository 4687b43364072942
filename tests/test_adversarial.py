"""Hostile 10,000-character posts through the normaliser and every registered check (issue 14, item 1).

A super-linear pattern or an unbounded reading per token turns one long word into seconds of CPU;
these inputs are the shapes that expose that. The bound is a generous safety bound, not a speed
goal (speed is measured in bench/): each call must finish well under it. A timing is the best of up
to three attempts, so a busy machine does not fail the test; a quadratic matcher fails all three.
"""
from __future__ import annotations

import time
import types

import pytest

from adversarial_inputs import SIZE, adversarial_texts
from gatekeeper import pipeline
from gatekeeper.checks import CHECKS, known_rule_ids
from gatekeeper.normalize import normalize_post
from gatekeeper.rules.policy import load_policy

BOUND_MS = 100
# Checks that cannot meet BOUND_MS yet, with the bound they do meet and why. Still bounded: the
# super-linear cases this test exists for took tens of seconds.
# Checks allowed more time than BOUND_MS on 10,000 characters (none today).
LOOSER_BOUND_MS: dict[str, int] = {}
TEXTS = adversarial_texts()


@pytest.fixture(scope="module")
def policy():
    from conftest import POLICIES

    policy = load_policy(POLICIES, known_rule_ids())
    pipeline.warm(policy)
    return policy


def _payload(text):
    return {"account": "acme-air", "text": text, "automated": True, "in_reply_to": {"author": "@someone", "text": text[:2000]}}


def _best_ms(call, bound, attempts=3):
    best = float("inf")
    for _ in range(attempts):
        started = time.perf_counter()
        result = call()
        best = min(best, (time.perf_counter() - started) * 1000)
        if best < bound:
            break
    return best, result


def test_inputs_are_full_size():
    assert all(len(t) == SIZE for name, t in TEXTS.items() if name not in ("many_handles", "many_hashtags", "long_url"))
    assert all(len(t) >= SIZE - 30 for t in TEXTS.values())


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_normaliser_is_bounded(name):
    elapsed, post = _best_ms(lambda: normalize_post(_payload(TEXTS[name])), BOUND_MS)
    assert elapsed < BOUND_MS, f"normalising {name} took {elapsed:.0f} ms"
    assert len(post.text.unleet) == len(post.text.lower)
    for token in post.text.tokens:  # spans stay inside the original text
        assert 0 <= token.start <= token.end <= len(TEXTS[name])


@pytest.mark.parametrize("check", CHECKS, ids=lambda m: m.NAME)
@pytest.mark.parametrize("name", sorted(TEXTS))
def test_every_check_is_bounded(policy, check, name):
    post = normalize_post(_payload(TEXTS[name]))
    bound = LOOSER_BOUND_MS.get(check.NAME, BOUND_MS)
    elapsed, findings = _best_ms(lambda: check.check(post, policy), bound)
    assert elapsed < bound, f"{check.NAME} on {name} took {elapsed:.0f} ms"
    assert isinstance(findings, list)


@pytest.mark.parametrize("check", CHECKS, ids=lambda m: m.NAME)
def test_a_check_that_breaks_on_hostile_input_is_never_a_silent_allow(policy, check):
    """Each registered check, made to fail after doing its work on a hostile post: the post is held, not sent."""

    def failing(post, pol):
        check.check(post, pol)
        raise RuntimeError("check broke")

    broken = types.SimpleNamespace(NAME=check.NAME, RULES=check.RULES, check=failing)
    _, decision = pipeline.evaluate(_payload(TEXTS["random_letter_run"]), policy, [broken])
    assert decision.verdict == policy.setting("on_check_error", "review") != "allow"
    assert any(f.rule == "pipeline.check_error" and f.details["failed_check"] == check.NAME for f in decision.findings)


@pytest.mark.parametrize("name", ["one_letter_run", "leet_word_run", "many_handles", "dots"])
def test_hostile_posts_through_the_whole_pipeline(policy, name):
    elapsed, (post, decision) = _best_ms(lambda: pipeline.evaluate(_payload(TEXTS[name]), policy), 2500)
    assert elapsed < 2500, f"{name}: {elapsed:.0f} ms"
    assert not any(f.rule in ("pipeline.check_timeout", "pipeline.check_error") for f in decision.findings), decision.findings


@pytest.mark.parametrize("size", [2_000, 10_000])
def test_one_long_word_over_http_is_decided_and_logged(client, keys, gate, size):
    """Issue 14: a 2,000-letter post took 34 s and was then allowed; 10,000 letters killed the worker unlogged."""
    started = time.perf_counter()
    r = client.post("/v1/check", json={"account": "acme-air", "text": "a" * size}, headers=keys.poster)
    elapsed = time.perf_counter() - started
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert elapsed < 3.0, f"{size} letters took {elapsed:.1f} s"
    assert not any(f["rule"] in ("pipeline.check_timeout", "pipeline.check_error") for f in body["findings"])
    logged = client.get(f"/v1/decisions/{body['decision_id']}", headers=keys.admin)
    assert logged.status_code == 200 and logged.get_json()["verdict"] == body["verdict"]
