"""Quality of the tone check on the labelled set.

Run: python bench/eval_tone.py [--show-misses]
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.datasets.tone_cases import cases, hostility_cases  # noqa: E402
from gatekeeper.checks import known_rule_ids, tone  # noqa: E402
from gatekeeper.normalize import normalize_post  # noqa: E402
from gatekeeper.rules.policy import load_policy  # noqa: E402


def evaluate(policy_dir=ROOT / "policies", show=False, exclude=frozenset()) -> dict:
    """Recall and false positives on the labelled set; rules in `exclude` are not counted."""
    policy = load_policy(policy_dir, known_rule_ids())
    caught, total, fp, passes = Counter(), Counter(), 0, 0
    for case in cases():
        payload = {"account": "acme-air", "text": case["text"]}
        if case.get("in_reply_to"):
            payload["in_reply_to"] = {"text": case["in_reply_to"]}
        findings = [f for f in tone.check(normalize_post(payload), policy) if f.action != "allow" and f.rule not in exclude]
        if case["bad"]:
            total[case["kind"]] += 1
            if findings:
                caught[case["kind"]] += 1
            elif show:
                print("MISS", case["kind"], repr(case["text"]), "| re:", case.get("in_reply_to"))
        else:
            passes += 1
            if findings:
                fp += 1
                if show:
                    print("FP  ", repr(case["text"]), [(f.rule, case["text"][f.start:f.end]) for f in findings])
    n_bad = sum(total.values())
    return {"bad": n_bad, "caught": sum(caught.values()), "recall": sum(caught.values()) / n_bad, "good": passes,
            "false_positives": fp, "fp_rate": fp / passes, "by_kind": {k: (caught[k], total[k]) for k in sorted(total)}}


def evaluate_hostility(policy_dir=ROOT / "policies", show=False) -> dict:
    """Held-out cases for the learned score (written for evaluation, not training): share flagged per kind."""
    policy = load_policy(policy_dir, known_rule_ids())
    flagged, total = Counter(), Counter()
    for case in hostility_cases():
        payload = {"account": "acme-air", "text": case["text"]}
        if case.get("in_reply_to"):
            payload["in_reply_to"] = {"text": case["in_reply_to"]}
        hit = [f for f in tone.check(normalize_post(payload), policy) if f.action != "allow"]
        total[case["kind"]] += 1
        flagged[case["kind"]] += bool(hit)
        if show and bool(hit) != case["bad"]:
            print("MISS" if case["bad"] else "FP  ", case["kind"], repr(case["text"]), [f.rule for f in hit])
    return {kind: (flagged[kind], total[kind]) for kind in sorted(total)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    r = evaluate(show=args.show_misses)
    print(f"must flag: {r['caught']}/{r['bad']} = recall {r['recall']:.1%}")
    print(f"must pass: {r['false_positives']}/{r['good']} flagged = false positives {r['fp_rate']:.1%}")
    for kind, (c, t) in r["by_kind"].items():
        print(f"  {kind:<18} {c}/{t}")
    print("held-out cases for the learned hostility score (share flagged):")
    for kind, (c, t) in evaluate_hostility(show=args.show_misses).items():
        print(f"  {kind:<18} {c}/{t} = {c / t:.0%}")


if __name__ == "__main__":
    main()
