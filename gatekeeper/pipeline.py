"""One pipeline: normalise once, run each enabled check, take the strongest action.

A check that raises or runs past its time budget becomes a finding with the
policy's on_check_error action; it never turns into a silent allow. The
normaliser counts against the same budget (`evaluate`): if it fails or runs
out of time, the post gets that finding too, and every check it kept from
running is listed as timed out.
"""
from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field

from .checks import CHECKS
from .checks.base import Finding, Rule, escalated, finding, strongest
from .normalize import Post, Text, normalize_post

log = logging.getLogger(__name__)

FREEZE = Rule("policy.freeze", "review", "This account is frozen: every post is held for review.")
CHECK_ERROR = Rule("pipeline.check_error", "review", "A check failed, so this post could not be fully checked.")
CHECK_TIMEOUT = Rule("pipeline.check_timeout", "review", "A check ran out of time, so this post could not be fully checked.")
PIPELINE_RULES = [FREEZE, CHECK_ERROR, CHECK_TIMEOUT]

DEFAULT_CHECK_TIMEOUT_MS = 2000


@dataclass
class Decision:
    verdict: str
    findings: list[Finding]
    policy_version: str
    timings_ms: dict = field(default_factory=dict)


# Checks run on a worker thread so that one stuck check cannot hold the
# request past its budget. Python cannot kill a thread; a stuck one keeps its
# worker, and when every worker is stuck new posts time out into review.
_executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="gatekeeper-check")


NORMALIZE = "normalize"  # the name the normaliser's failures are reported under


def _run_checks(post, policy, modules, results: list, timings: dict, cancelled: threading.Event) -> None:
    """Run the checks on a post; `post` may be a payload, which is normalised first, on the same budget."""
    if not isinstance(post, Post):
        started = time.perf_counter()
        try:
            post = normalize_post(post)
        except Exception as exc:
            log.exception("normalising the post failed")
            results.append((NORMALIZE, None, exc))
            return
        finally:
            timings[NORMALIZE] = round((time.perf_counter() - started) * 1000, 3)
        results.append((NORMALIZE, post, None))
    for module in modules:
        if cancelled.is_set():
            return
        started = time.perf_counter()
        try:
            found = module.check(post, policy)
            results.append((module.NAME, found, None))
        except Exception as exc:  # a broken check must not stop the others
            log.exception("check %s failed", module.NAME)
            results.append((module.NAME, None, exc))
        timings[module.NAME] = round((time.perf_counter() - started) * 1000, 3)


def _apply_policy(item: Finding, policy) -> Finding:
    override = policy.rule_override(item.rule)
    if override:
        item.action = override.get("action", item.action)
        item.message = override.get("message", item.message)
    if item.escalate:
        item.action = escalated(item.action)
    return item


def evaluate(payload: dict, policy, checks=None) -> tuple[Post, Decision]:
    """Normalise and decide within one time budget: the normaliser's time counts against check_timeout_ms.

    If normalising fails or runs out of time, the post as sent (folded no further, no tokens) is
    returned with a decision that carries the on_check_error finding, so callers can still log it.
    """
    decision, post = _decide(payload, policy, checks)
    return post if post is not None else raw_post(payload), decision


def raw_post(payload: dict) -> Post:
    """The post as sent, with an identity map and no tokens: for logging when normalising failed."""
    text = payload.get("text") or ""
    n = len(text)
    return Post(account=payload.get("account"), text=Text(text, text, text.lower(), list(range(n)), list(range(1, n + 1)), []),
                visibility=payload.get("visibility", "public"), automated=bool(payload.get("automated", False)),
                author=payload.get("author"))


def decide(post: Post, policy, checks=None) -> Decision:
    return _decide(post, policy, checks)[0]


def _decide(post, policy, checks=None) -> tuple[Decision, Post | None]:
    modules = [m for m in (checks if checks is not None else CHECKS) if policy.check_enabled(m.NAME)]
    on_error = policy.setting("on_check_error", "review")
    timeout = policy.setting("check_timeout_ms", DEFAULT_CHECK_TIMEOUT_MS) / 1000
    findings: list[Finding] = []

    reason = policy.freeze_reason(post.account if isinstance(post, Post) else post["account"])
    if reason:
        findings.append(finding(FREEZE, 0, 0, f"This account is frozen: {reason}"))

    results: list = []
    timings: dict = {}
    cancelled = threading.Event()
    future = _executor.submit(_run_checks, post, policy, modules, results, timings, cancelled)
    try:
        future.result(timeout=timeout)
    except FutureTimeout:
        cancelled.set()
    except Exception:  # the runner itself failed; every unfinished check is an error
        log.exception("check runner failed")

    finished = {}
    normalize_failed = False
    normalized = post if isinstance(post, Post) else None
    for name, found, error in list(results):
        finished[name] = True
        if name == NORMALIZE:
            if error is not None:
                normalize_failed = True
                findings.append(_error_finding(CHECK_ERROR, NORMALIZE, on_error, f"The post could not be normalised ({type(error).__name__}), so it could not be checked."))
            else:
                normalized = found
            continue
        if error is not None:
            findings.append(_error_finding(CHECK_ERROR, name, on_error, f"The {name} check failed ({type(error).__name__}), so this post could not be fully checked."))
        else:
            findings.extend(_apply_policy(f, policy) for f in found)
    if not isinstance(post, Post) and NORMALIZE not in finished:
        findings.append(_error_finding(CHECK_TIMEOUT, NORMALIZE, on_error, f"Normalising the post did not finish within {int(timeout * 1000)} ms, so it could not be checked."))
    for module in modules:
        if module.NAME not in finished and not normalize_failed:
            findings.append(_error_finding(CHECK_TIMEOUT, module.NAME, on_error, f"The {module.NAME} check did not finish within {int(timeout * 1000)} ms, so this post could not be fully checked."))

    findings = [_apply_policy(f, policy) if f.check in ("policy", "pipeline") else f for f in findings]
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    verdict = strongest(f.action for f in findings)
    return Decision(verdict, findings, policy.version, dict(timings)), normalized


def _error_finding(rule: Rule, check_name: str, action: str, message: str) -> Finding:
    item = finding(rule, 0, 0, message, failed_check=check_name)
    item.action = action
    return item


WARM_UP_POST = {
    "account": None, "automated": True, "visibility": "public",
    # No real link in it ("acme.example" has no public suffix): warming up never touches the network.
    "text": "Thanks @WarmUp_User99 and CamelCaseName! Call 212-555-0100, see acme.example/deals #WarmUpTag risk free",
    "in_reply_to": {"author": "@someone", "text": "worst delay ever"},
}


def warm(policy) -> None:
    """Build every check's matchers for a new policy version now, not on the first user's post."""
    from .normalize import normalize_post

    for account_id in list(policy.accounts)[:1]:
        post = normalize_post({**WARM_UP_POST, "account": account_id})
        for module in CHECKS:
            try:
                module.check(post, policy)
            except Exception:  # a broken check shows up on real posts as a check_error finding
                log.exception("warm-up of check %s failed", module.NAME)
