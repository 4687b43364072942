"""Quality of the hashtag check and the wrong-account check on their labelled sets.

Run: python bench/eval_context.py [--show-misses]
Bars from the issue: recall >= 95%, false positives <= 2%, for each check.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.datasets.context_cases import account_cases, hashtag_cases  # noqa: E402
from gatekeeper.checks import account, hashtags, known_rule_ids  # noqa: E402
from gatekeeper.normalize import normalize_post  # noqa: E402
from gatekeeper.rules.policy import load_policy  # noqa: E402


def _evaluate(module, items, policy, show) -> dict:
    tp = fn = fp = tn = 0
    for case in items:
        findings = [f for f in module.check(normalize_post({"account": case["account"], "text": case["text"]}), policy) if f.action != "allow"]
        if case["flag"]:
            if findings:
                tp += 1
            else:
                fn += 1
                if show:
                    print(f"MISS [{module.NAME}] {case['account']}: {case['text']!r}")
        elif findings:
            fp += 1
            if show:
                print(f"FP   [{module.NAME}] {case['account']}: {case['text']!r} {[f.rule for f in findings]}")
        else:
            tn += 1
    return {"must_flag": tp + fn, "caught": tp, "recall": tp / (tp + fn), "must_pass": fp + tn, "false_positives": fp, "fp_rate": fp / (fp + tn)}


def evaluate(policy_dir=ROOT / "policies", show=False) -> dict:
    policy = load_policy(policy_dir, known_rule_ids())
    return {"hashtags": _evaluate(hashtags, hashtag_cases(), policy, show), "account": _evaluate(account, account_cases(), policy, show)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    for name, r in evaluate(show=args.show_misses).items():
        print(f"{name}: must flag {r['caught']}/{r['must_flag']} = recall {r['recall']:.1%}; "
              f"must pass {r['false_positives']}/{r['must_pass']} flagged = {r['fp_rate']:.1%}")


if __name__ == "__main__":
    main()
