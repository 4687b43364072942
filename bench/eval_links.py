"""Quality of lookalike detection on the labelled set, per kind of lookalike.

Run: python bench/eval_links.py [--show-misses]
Bars from the issue: >= 98% of lookalikes flagged, <= 2% of legitimate links.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.datasets.link_cases import cases  # noqa: E402
from gatekeeper.checks.links import domains  # noqa: E402
from gatekeeper.checks import known_rule_ids  # noqa: E402
from gatekeeper.checks.links import LinkPolicy  # noqa: E402
from gatekeeper.rules.policy import load_policy  # noqa: E402


def evaluate(policy_dir=ROOT / "policies", show=False) -> dict:
    lp = LinkPolicy(load_policy(policy_dir, known_rule_ids()))
    caught, total = Counter(), Counter()
    legit = flagged = 0
    for case in cases():
        lp.accounts["eval"] = LinkPolicy.account_entry(case["account"])
        link = domains.parse_link(case["link"])
        verdict, detail = lp.judge(link, "eval") if link else ("other", None)
        bad = verdict in ("lookalike", "blocked")
        if case["lookalike"]:
            total[case["kind"]] += 1
            caught[case["kind"]] += bad
            if show and not bad:
                print("MISS", case["kind"], case["link"], "vs", case["brand"])
        else:
            legit += 1
            flagged += bad
            if show and bad:
                print("FP  ", case["link"], detail)
    n = sum(total.values())
    return {"lookalikes": n, "caught": sum(caught.values()), "recall": sum(caught.values()) / n, "legit": legit,
            "flagged": flagged, "fp_rate": flagged / legit, "by_kind": {k: (caught[k], total[k]) for k in sorted(total)}}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    r = evaluate(show=args.show_misses)
    print(f"lookalikes flagged: {r['caught']}/{r['lookalikes']} = {r['recall']:.1%}")
    print(f"legitimate links flagged: {r['flagged']}/{r['legit']} = {r['fp_rate']:.1%}")
    for kind, (c, t) in r["by_kind"].items():
        print(f"  {kind:<20} {c}/{t}")


if __name__ == "__main__":
    main()
