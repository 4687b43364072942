"""What moving the tone thresholds would catch and what it would flag by mistake, in one table.

    .venv/bin/python bench/tradeoff_tone.py [--dev-dir DIR] [--eval-dir DIR] [--rules hostility,hate,group_hostility]
                                            [--shifts=-0.06,-0.03,0,0.03,0.06]

Each row moves every level of the chosen rules (`checks: tone:` in policies/gatekeeper.yaml) by the same amount and
runs the whole tone check, each post on the account kind it belongs to. Columns: the held-out sets in
bench/datasets (never trained on), the shared dev sets when --dev-dir has them, and with --eval-dir a folder of
evaluation-only corpora as `train/hostility.py` reads them (DATA_DIR/eval/NAME.jsonl: text and label; up to 600 a
class). A post counts as caught or flagged at warn and above, and as held at review and above. Legal can read off
what a threshold change costs before making it; nothing here changes the policy.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_hostility import DEFAULT_DEV, load_dev  # noqa: E402
from bench.datasets.tone_cases import (REPLIES_HELDOUT, edos_sexism_cases, identity_heldout_cases,  # noqa: E402
                                      reddit_misogyny_cases, reply_heldout_cases, sexism_heldout_cases)
from gatekeeper.checks import known_rule_ids, tone  # noqa: E402
from gatekeeper.normalize import normalize_post  # noqa: E402
from gatekeeper.rules.policy import load_policy  # noqa: E402

BRAND, PERSONAL = "acme-air", "jdoe"
HELD = ("review", "block")
EVAL_PER_CLASS = 600


@dataclasses.dataclass
class Column:
    """One measured set: its posts, whether a post is counted when flagged (warn+) or when held (review+), and
    whether it must be caught ("catch") or pass ("pass")."""

    name: str
    posts: list[dict]  # {"account", "text", "parent"?}
    level: str  # "flagged" | "held"
    must: str  # "catch" | "pass"


def shifted(policy, rules: list[str], shift: float):
    """A copy of `policy` whose tone thresholds for `rules` are moved by `shift` (kept within 0.01-0.99)."""
    levels = tone.thresholds(policy)
    config = dict(policy.check_config("tone"))
    for rule in rules:
        config[rule] = {action: round(min(0.99, max(0.01, value + shift)), 4) for action, value in levels[rule].items()}
    return dataclasses.replace(policy, checks={**policy.checks, "tone": config})


def outcome(policy, post: dict) -> str:
    """"held", "flagged" or "passed": what the tone check does to one post."""
    payload = {"account": post["account"], "text": post["text"]}
    if post.get("parent"):
        payload["in_reply_to"] = {"text": post["parent"]}
    actions = {f.action for f in tone.check(normalize_post(payload), policy)} - {"allow"}
    if actions & set(HELD):
        return "held"
    return "flagged" if actions else "passed"


def rate(policy, column: Column) -> float:
    counted = ("held",) if column.level == "held" else ("held", "flagged")
    return sum(outcome(policy, post) in counted for post in column.posts) / len(column.posts)


def account_for(case: dict) -> str:
    """The account a held-out case was written for: the brand's or a person's."""
    return BRAND if case["voice"] == "brand" else PERSONAL


def held_out_columns() -> list[Column]:
    """The repository's held-out sets: replies as a support desk sends them (handle in front), kind posts naming a
    group on the account kind they were written for, and EDOS's sexist posts on a personal account."""
    columns = []
    for name in REPLIES_HELDOUT:
        replies = reply_heldout_cases(name)
        for label, must in (("hostile", "catch"), ("friendly", "pass")):
            posts = [{"account": BRAND, "text": "@customer " + c["text"]} for c in replies if c["label"] == label]
            columns.append(Column(f"{name} {label}", posts, "flagged", must))
    identity = [{"account": account_for(c), "text": c["text"]} for c in identity_heldout_cases()]
    columns.append(Column("identity kind", identity, "flagged", "pass"))
    sexist = [{"account": PERSONAL, "text": c["text"]} for c in edos_sexism_cases() if c["label"] == "sexist"]
    columns.append(Column("edos sexist", sexist, "held", "catch"))
    for label, must in (("misogynistic", "catch"), ("not_misogynistic", "other")):
        posts = [{"account": PERSONAL, "text": c["text"]} for c in reddit_misogyny_cases() if c["label"] == label]
        columns.append(Column(f"misogyny {label.replace('_', ' ')}", posts, "held", must))
    for label, must in (("sexist", "catch"), ("fine", "pass")):
        posts = [{"account": account_for(c), "text": c["text"]} for c in sexism_heldout_cases() if c["label"] == label]
        columns.append(Column(f"sexism heldout {label}", posts, "held", must))
    return columns


def dev_columns(dev_dir: Path) -> list[Column]:
    """The shared dev sets (those present), judged as the scorer judges them (real-hate at review and above)."""
    spec = {"real-offensive": ("flagged", "catch", PERSONAL), "real-hate": ("held", "catch", PERSONAL),
            "real-ok": ("flagged", "pass", PERSONAL), "real-care": ("flagged", "pass", BRAND)}
    columns = []
    for family, rows in load_dev(dev_dir).items():
        level, must, account = spec[family]
        posts = [{"account": account, "text": r["text"], "parent": (r.get("in_reply_to") or {}).get("text")}
                 for r in rows]
        columns.append(Column(family, posts, level, must))
    return columns


def eval_columns(eval_dir: Path) -> list[Column]:
    """Evaluation-only corpora: hateful posts held on a personal account, up to 600 of each side (fixed seed)."""
    columns = []
    for path in sorted(eval_dir.glob("*.jsonl")):
        rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
        rng = random.Random(7)
        for side, must in (("hate", "catch"), ("other", "other")):
            texts = [r["text"] for r in rows if (r["label"] == "hate") == (side == "hate")]
            rng.shuffle(texts)
            posts = [{"account": PERSONAL, "text": t} for t in texts[:EVAL_PER_CLASS]]
            if posts:
                columns.append(Column(f"{path.stem} {side}", posts, "held", must))
    return columns


def table(policy, columns: list[Column], rules: list[str], shifts: list[float]) -> list[list[float]]:
    """Rates per shift (rows) and column."""
    return [[rate(shifted(policy, rules, shift), column) for column in columns] for shift in shifts]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dev-dir", type=Path, default=DEFAULT_DEV)
    parser.add_argument("--eval-dir", type=Path, help="DATA_DIR/eval of train/hostility.py (optional)")
    parser.add_argument("--rules", default="hostility,hate,group_hostility",
                        help="tone thresholds to move together (default: %(default)s)")
    parser.add_argument("--shifts", default="-0.06,-0.03,0,0.03,0.06", help="amounts to move them by")
    args = parser.parse_args(argv)
    policy = load_policy(ROOT / "policies", known_rule_ids())
    rules = [r for r in args.rules.split(",") if r]
    unknown = set(rules) - set(tone.DEFAULT_THRESHOLDS)
    if unknown:
        parser.error(f"not a tone threshold: {', '.join(sorted(unknown))}")
    try:
        shifts = [float(s) for s in args.shifts.split(",") if s]
    except ValueError:
        parser.error(f"--shifts takes numbers separated by commas, e.g. --shifts=-0.03,0,0.03 (got {args.shifts!r})")
    columns = held_out_columns() + dev_columns(args.dev_dir)
    if args.eval_dir:
        columns += eval_columns(args.eval_dir)
    print("thresholds now:", {rule: tone.thresholds(policy)[rule] for rule in rules})
    print("share of each set's posts flagged (warn and above) or held (review and above), each threshold moved by:")
    rates = table(policy, columns, rules, shifts)
    labels = [f"{c.name} ({len(c.posts)}, {c.level}, {c.must})" for c in columns]
    width = max(map(len, labels)) + 2
    print(f"{'set':<{width}}" + "".join(f"{s:>+9.2f}" for s in shifts))
    for k, label in enumerate(labels):
        print(f"{label:<{width}}" + "".join(f"{row[k]:>9.1%}" for row in rates))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
