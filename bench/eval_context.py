"""Quality of the hashtag and wrong-account checks on their labelled sets, and on real posts.

Run: python bench/eval_context.py [--show-misses] [--real ../shared/data/real-dev]
Bars from issue 12: personal posts on a corporate account >= 90% flagged; insider leaks >= 90% held
for review with <= 2% of ordinary brand news held; a sensitive or tragedy tag with a promotion
>= 95% blocked; respectful posts on such days <= 2% held or blocked; <= 2% of real brand support
replies flagged by the account or hashtag checks.
With --real, the shared dev sets are read from that folder (never copied into the project):
real-voice (people's tweets posted on a corporate account) and real-care (brand support replies).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.datasets.context_cases import account_cases, hashtag_cases, insider_cases, intent_cases, voice_cases  # noqa: E402
from gatekeeper.checks import account, hashtags, known_rule_ids  # noqa: E402
from gatekeeper.checks.base import ACTION_RANK  # noqa: E402
from gatekeeper.normalize import normalize_post  # noqa: E402
from gatekeeper.rules.policy import load_policy  # noqa: E402

HELD = ACTION_RANK["review"]


def _findings(modules, case, policy):
    post = normalize_post({"account": case["account"], "text": case["text"]})
    return [f for m in modules for f in m.check(post, policy)]


def _evaluate(modules, items, policy, show, flagged=lambda fs: any(f.action != "allow" for f in fs), name="") -> dict:
    tp = fn = fp = tn = 0
    for case in items:
        findings = _findings(modules, case, policy)
        hit = flagged(findings)
        if case["flag"]:
            tp, fn = tp + hit, fn + (not hit)
            if show and not hit:
                print(f"MISS [{name}] {case['account']}: {case['text']!r} {[(f.rule, f.action) for f in findings]}")
        else:
            fp, tn = fp + hit, tn + (not hit)
            if show and hit:
                print(f"FP   [{name}] {case['account']}: {case['text']!r} {[(f.rule, f.action) for f in findings]}")
    return {"must_flag": tp + fn, "caught": tp, "recall": tp / max(1, tp + fn),
            "must_pass": fp + tn, "false_positives": fp, "fp_rate": fp / max(1, fp + tn)}


def _insider_held(findings) -> bool:
    return any(f.rule in ("account.insider_information", "account.confidential_topic") and ACTION_RANK[f.action] >= HELD
               for f in findings)


def _blocked_or_held(findings) -> bool:
    return any(ACTION_RANK[f.action] >= HELD for f in findings)


def _blocked(findings) -> bool:
    return any(f.action == "block" for f in findings)


def evaluate(policy_dir=ROOT / "policies", show=False) -> dict:
    policy = load_policy(policy_dir, known_rule_ids())
    intent = intent_cases()
    return {
        "hashtags": _evaluate([hashtags], hashtag_cases(), policy, show, name="hashtags"),
        "account": _evaluate([account], account_cases(), policy, show, name="account"),
        "voice (varied personal vs signed/plural brand)": _evaluate([account], voice_cases(), policy, show, name="voice"),
        "insider (held for review vs brand news held)": _evaluate([account], insider_cases(), policy, show, _insider_held, "insider"),
        "tag + promotion or pun blocked": _evaluate([hashtags], [c for c in intent if c["flag"]], policy, show, _blocked, "promo"),
        "respectful posts on such days held or blocked": _evaluate([hashtags, account], [c for c in intent if not c["flag"]], policy,
                                                                    show, _blocked_or_held, "respectful"),
    }


def evaluate_real(folder: Path, policy_dir=ROOT / "policies", show=False) -> dict:
    """Account and hashtag checks, in process, on the shared real sets (posted on a corporate account)."""
    policy = load_policy(policy_dir, known_rule_ids())
    out = {}
    for family, flag in (("real-voice", True), ("real-care", False)):
        path = folder / f"{family}.jsonl"
        if not path.exists():
            continue
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        cases = [{"account": "acme-air", "text": row["post"]["text"], "flag": flag} for row in rows]
        out[family] = _evaluate([account, hashtags], cases, policy, show, name=family)
    return out


def timing(policy_dir=ROOT / "policies") -> dict:
    """Cost of the two checks per post, in the same run (median and p99 over the labelled posts)."""
    policy = load_policy(policy_dir, known_rule_ids())
    texts = [c["text"] for c in account_cases() + hashtag_cases() + intent_cases() + insider_cases()]
    result = {}
    for module in (account, hashtags):
        times = []
        for text in texts:
            post = normalize_post({"account": "acme-air", "text": text})
            start = time.perf_counter()
            module.check(post, policy)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        result[module.NAME] = (statistics.median(times), times[int(len(times) * 0.99)])
    from gatekeeper.models import voice

    models = voice.load()
    times = []
    for text in texts:
        start = time.perf_counter()
        models.score(text)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    result["voice and insider models"] = (statistics.median(times), times[int(len(times) * 0.99)])
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--real", type=Path, help="folder of the shared real dev sets (read, never copied)")
    args = parser.parse_args()
    for name, r in evaluate(show=args.show_misses).items():
        print(f"{name}: must flag {r['caught']}/{r['must_flag']} = {r['recall']:.1%}; "
              f"must pass {r['false_positives']}/{r['must_pass']} flagged = {r['fp_rate']:.1%}")
    if args.real:
        for name, r in evaluate_real(args.real, show=args.show_misses).items():
            if r["must_flag"]:
                print(f"{name}: flagged by account or hashtags {r['caught']}/{r['must_flag']} = {r['recall']:.1%}")
            else:
                print(f"{name}: flagged by account or hashtags {r['false_positives']}/{r['must_pass']} = {r['fp_rate']:.1%}")
    load_policy(ROOT / "policies", known_rule_ids())  # warm caches before timing
    for name, (p50, p99) in timing().items():
        print(f"time {name}: p50 {p50:.3f} ms, p99 {p99:.3f} ms per post")


if __name__ == "__main__":
    main()
