"""Quality of the link check on its labelled sets, with figures printed.

Run: python bench/eval_links.py [--show-misses] [--no-popular-list]
- lookalikes (dnstwist and hand-made kinds) vs legitimate links: >= 98% flagged, <= 2% of legitimate ones;
- real phishing hosts (Phishing.Database, 28 brands outside the dev set): bar >= 90% flagged;
- popular domains outside the check's own popularity list, posted from 33 brand accounts: bar <= 1%;
- internal-address links in many spellings: every one blocked as an internal address (nothing fetched:
  the check decides before any connection; tests/test_links.py proves it with a listener).
--no-popular-list measures the rules alone, as if no domain were known to be popular.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.datasets.link_cases import cases, internal_cases, popular_cases, real_phish_cases  # noqa: E402
from gatekeeper.checks import known_rule_ids  # noqa: E402
from gatekeeper.checks.links import LinkPolicy, domains  # noqa: E402
from gatekeeper.rules.policy import load_policy  # noqa: E402


def _link_policy(policy_dir, popular=True) -> LinkPolicy:
    lp = LinkPolicy(load_policy(policy_dir, known_rule_ids()))
    if not popular:
        lp.popular = frozenset()
    return lp


def _judge(lp: LinkPolicy, case: dict, cache: dict) -> tuple[bool, str | None]:
    key = id(case["account"])
    if key not in cache:
        cache[key] = LinkPolicy.account_entry(case["account"], lp.handle_suffixes)
    lp.accounts["eval"] = cache[key]
    link = domains.parse_link(case["link"])
    if link is None:
        return False, None
    verdict, detail = lp.judge(link, "eval")
    # Flagged as the gate counts it (warn and above): every verdict that makes a finding.
    return verdict in ("lookalike", "impersonation", "blocked"), detail


def evaluate(policy_dir=ROOT / "policies", show=False) -> dict:
    lp = _link_policy(policy_dir)
    caught, total = Counter(), Counter()
    legit = flagged = 0
    cache: dict = {}
    for case in cases():
        bad, detail = _judge(lp, case, cache)
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


def evaluate_real_phish(policy_dir=ROOT / "policies", show=False) -> dict:
    lp, cache = _link_policy(policy_dir), {}
    rows = real_phish_cases()
    missed = [row for row in rows if not _judge(lp, row, cache)[0]]
    if show:
        for row in missed:
            print("MISS", row["link"], "vs", row["brand"])
    return {"n": len(rows), "caught": len(rows) - len(missed), "recall": 1 - len(missed) / len(rows)}


def evaluate_popular(policy_dir=ROOT / "policies", show=False, popular=True) -> dict:
    lp, cache = _link_policy(policy_dir, popular), {}
    rows = popular_cases()
    started = time.perf_counter()
    flagged = []
    for row in rows:
        bad, detail = _judge(lp, row, cache)
        if bad:
            flagged.append((row, detail))
    per_link_ms = (time.perf_counter() - started) * 1000 / len(rows)
    if show:
        for row, detail in flagged:
            print("FP  ", row["link"], "from", row["brand"], detail)
    return {"n": len(rows), "flagged": len(flagged), "fp_rate": len(flagged) / len(rows), "per_link_ms": per_link_ms}


def evaluate_internal(policy_dir=ROOT / "policies", show=False) -> dict:
    lp = _link_policy(policy_dir)
    rows = internal_cases()
    missed = [url for url in rows if not lp.internal(domains.parse_link(url))]
    if show:
        for url in missed:
            print("MISS", url)
    return {"n": len(rows), "blocked": len(rows) - len(missed)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--no-popular-list", action="store_true", help="judge popular domains by the rules alone")
    args = parser.parse_args()
    r = evaluate(show=args.show_misses)
    print(f"lookalikes flagged: {r['caught']}/{r['lookalikes']} = {r['recall']:.1%}")
    print(f"legitimate links flagged: {r['flagged']}/{r['legit']} = {r['fp_rate']:.1%}")
    for kind, (c, t) in r["by_kind"].items():
        print(f"  {kind:<20} {c}/{t}")
    p = evaluate_real_phish(show=args.show_misses)
    print(f"real phishing hosts flagged (bar >= 90%): {p['caught']}/{p['n']} = {p['recall']:.1%}")
    q = evaluate_popular(show=args.show_misses, popular=not args.no_popular_list)
    label = "rules alone" if args.no_popular_list else "with the popularity list"
    print(f"popular domains flagged, {label} (bar <= 1%): {q['flagged']}/{q['n']} = {q['fp_rate']:.2%}"
          f"  ({q['per_link_ms']:.3f} ms per link)")
    i = evaluate_internal(show=args.show_misses)
    print(f"internal-address links blocked unfetched: {i['blocked']}/{i['n']}")


if __name__ == "__main__":
    main()
