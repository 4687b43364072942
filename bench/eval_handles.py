"""Quality and speed of the offensive-username check, next to better-profanity on the same handles.

Run: python bench/eval_handles.py [--show-misses] [--seed N ...]
Bars from the issue: >= 98% of offensive handles caught, <= 2% of benign flagged (place names
included); p99 <= 1 ms per handle after start-up, with caching. Each seed draws a new set
(bench/datasets/handle_cases.py), so a second seed is a set nothing was tuned on.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from timing import summary  # noqa: E402

from bench.datasets.handle_cases import cases  # noqa: E402
from gatekeeper import profanity  # noqa: E402
from gatekeeper.checks import known_rule_ids  # noqa: E402
from gatekeeper.checks.usernames import HandleReader  # noqa: E402
from gatekeeper.normalize import normalize_text  # noqa: E402
from gatekeeper.rules.policy import load_policy  # noqa: E402


def evaluate(policy_dir=ROOT / "policies", show=False, seed=2026) -> dict:
    policy = load_policy(policy_dir, known_rule_ids())
    reader = HandleReader(profanity.matcher(policy))
    caught = flagged = n_bad = n_good = 0
    traps = trap_flagged = 0
    by_kind: dict = {}
    cold, warm = [], []
    items = cases(seed)
    for case in items:
        handle = normalize_text(case["handle"]).norm  # as the pipeline sees it: look-alikes folded
        started = time.perf_counter()
        word = reader.read(handle)
        cold.append((time.perf_counter() - started) * 1000)
        if case["offensive"]:
            n_bad += 1
            caught += bool(word)
            if show and not word:
                print("MISS", case["handle"])
        else:
            n_good += 1
            flagged += bool(word)
            seen, hit = by_kind.get(case.get("kind"), (0, 0))
            by_kind[case.get("kind")] = (seen + 1, hit + bool(word))
            if case.get("kind") == "trap":
                traps += 1
                trap_flagged += bool(word)
            if show and word:
                print("FP  ", case["handle"], word)
    for case in items:
        handle = normalize_text(case["handle"]).norm
        started = time.perf_counter()
        reader.read(handle)
        warm.append((time.perf_counter() - started) * 1000)
    return {"offensive": n_bad, "caught": caught, "recall": caught / n_bad, "benign": n_good, "flagged": flagged,
            "fp_rate": flagged / n_good, "traps": traps, "traps_flagged": trap_flagged, "by_kind": by_kind, "cold": summary(cold), "warm": summary(warm)}


def better_profanity_recall(seed=2026) -> float:
    from better_profanity import profanity

    profanity.load_censor_words()
    bad = [c["handle"] for c in cases(seed) if c["offensive"]]
    return sum(profanity.contains_profanity(h) for h in bad) / len(bad)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--seed", type=int, nargs="*", default=[2026, 7])
    args = parser.parse_args()
    for seed in args.seed:
        r = evaluate(show=args.show_misses, seed=seed)
        print(f"seed {seed}")
        print(f"  offensive handles caught: {r['caught']}/{r['offensive']} = {r['recall']:.1%}")
        print(f"  benign handles flagged:   {r['flagged']}/{r['benign']} = {r['fp_rate']:.1%}  (traps: {r['traps_flagged']}/{r['traps']})")
        print("  benign flagged by kind:   " + ", ".join(f"{k} {h}/{n}" for k, (n, h) in sorted(r["by_kind"].items())))
        print(f"  better-profanity alone catches {better_profanity_recall(seed):.1%} of the offensive handles")
        print(f"  per handle, first sight: p50 {r['cold']['p50']:.3f} ms  p99 {r['cold']['p99']:.3f} ms")
        print(f"  per handle, cached:      p50 {r['warm']['p50']:.4f} ms  p99 {r['warm']['p99']:.4f} ms")


if __name__ == "__main__":
    main()
