"""Quality of the private-data check on the labelled set: recall per kind and false positives.

Run: python bench/eval_pii.py [--show-misses]
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.datasets.pii_cases import all_cases  # noqa: E402
from gatekeeper.checks import known_rule_ids, pii  # noqa: E402
from gatekeeper.normalize import normalize_post  # noqa: E402
from gatekeeper.rules.policy import load_policy  # noqa: E402


def evaluate(policy_dir=ROOT / "policies", show=False) -> dict:
    policy = load_policy(policy_dir, known_rule_ids())
    found_by_kind, total_by_kind = Counter(), Counter()
    false_pos, passes, misses, fps = 0, 0, [], []
    for case in all_cases():
        post = normalize_post({"account": "acme-air", "text": case["text"], "visibility": case["visibility"]})
        findings = [f for f in pii.check(post, policy) if f.action != "allow"]
        if case["spans"]:
            for start, end in case["spans"]:
                total_by_kind[case["kind"]] += 1
                if any(f.start < end and f.end > start for f in findings):
                    found_by_kind[case["kind"]] += 1
                else:
                    misses.append(case)
        else:
            passes += 1
            if findings:
                false_pos += 1
                fps.append((case, [(f.rule, case["text"][f.start:f.end]) for f in findings]))
    total = sum(total_by_kind.values())
    found = sum(found_by_kind.values())
    result = {"must_flag": total, "flagged": found, "recall": found / total, "must_pass": passes,
              "false_positives": false_pos, "fp_rate": false_pos / passes, "by_kind": {k: (found_by_kind[k], total_by_kind[k]) for k in sorted(total_by_kind)}}
    if show:
        for case in misses:
            print("MISS", case["kind"], case["visibility"], repr(case["text"]))
        for case, what in fps:
            print("FP  ", case["visibility"], repr(case["text"]), what)
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    r = evaluate(show=args.show_misses)
    print(f"private items: {r['flagged']}/{r['must_flag']} flagged = recall {r['recall']:.1%}")
    print(f"must-pass posts: {r['false_positives']}/{r['must_pass']} flagged = false positives {r['fp_rate']:.1%}")
    for kind, (f, t) in r["by_kind"].items():
        print(f"  {kind:<12} {f}/{t}")


if __name__ == "__main__":
    main()
