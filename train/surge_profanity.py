"""Fold surge-ai/profanity's slurs into policies/lexicons/offensive.yaml as an imported list.

Usage: python train/surge_profanity.py PROFANITY_EN_CSV [--lexicon policies/lexicons/offensive.yaml]

PROFANITY_EN_CSV: profanity_en.csv of github.com/surge-ai/profanity (MIT, (c) 2021 Surge AI), 1,598
entries, each with up to three categories and a severity rated by people (1 mild to 3 severe).

Only entries that reach a kind are written, from the categories of slurs about who a person is:
racial / ethnic slurs, mental and physical disability. Swearing and sexual words are covered by the
built-in list and dsojevic/profanity-list already; "sexual orientation / gender" is mostly gendered
swearing (bitch, whore; "hoes" is also a garden tool) and the orientation slurs are in the lexicon's
own list, so it is not taken. Each entry keeps its own severity and becomes one term;
which kind it is (slur, strong) is the list's `kinds` in the lexicon, by tag and severity, never
chosen per word here. The block between the list's `- source: surge-ai/profanity` line and the next
top-level comment is replaced; re-running on the same file gives the same lexicon.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = "surge-ai/profanity, profanity_en.csv at commit 77dabf3, https://github.com/surge-ai/profanity"
# The list's category -> the tag it gets here.
TAGS = {
    "racial / ethnic slurs": "racial",
    "mental disability": "disability",
    "physical disability": "disability",
}
# By tag, the minimum severity (the list's 1-3 scale) for each kind.
KINDS = {"racial": {"strong": 2.0, "slur": 2.4}, "disability": {"strong": 2.0, "slur": 2.6}}


def entries(path: Path) -> list[dict]:
    terms = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            tags = sorted({TAGS[c] for c in (row["category_1"], row["category_2"], row["category_3"]) if c in TAGS})
            if not tags:
                continue
            form = re.sub(r"\s+", " ", row["text"].strip().lower())
            severity = float(row["severity_rating"])
            # Entries below every kind's minimum would never count; masked forms ("c*nt") are read by the
            # normaliser from the plain word, and "*" means a repeated letter in a lexicon form.
            if "*" in form or not any(severity >= m for tag in tags for m in KINDS[tag].values()):
                continue
            if form and (form not in terms or severity > terms[form]["severity"]):
                terms[form] = {"id": form, "severity": severity, "tags": tags, "match": form.replace("|", "")}
    return [terms[k] for k in sorted(terms)]


def block(terms: list[dict]) -> str:
    lines = [f"  - source: {SOURCE}",
             "    license: MIT, Copyright (c) 2021 Surge AI",
             '    severity_scale: "1 mild to 3 severe (the mean of the list\'s raters)"',
             "    kinds:"]
    for tag, kinds in KINDS.items():
        lines.append(f"      {tag}: {{{', '.join(f'{k}: {v}' for k, v in kinds.items())}}}")
    lines.append("    terms:")
    for t in terms:
        lines.append(f"      - {{id: {json.dumps(t['id'], ensure_ascii=False)}, severity: {t['severity']}, "
                     f"tags: [{', '.join(t['tags'])}], match: {json.dumps(t['match'], ensure_ascii=False)}}}")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv", type=Path)
    parser.add_argument("--lexicon", type=Path, default=ROOT / "policies" / "lexicons" / "offensive.yaml")
    args = parser.parse_args(argv)
    text = args.lexicon.read_text(encoding="utf-8")
    new = block(entries(args.csv))
    marker = f"  - source: {SOURCE}\n"
    if marker in text:
        start = text.index(marker)
        end = text.index("\n#", start) + 1
        text = text[:start] + new + text[end:]
    else:
        # After the last imported list, before the comment that opens imported_kinds.
        anchor = text.index("\n# How an imported entry's tag and severity become a kind.")
        text = text[:anchor + 1] + new + text[anchor + 1:]
    args.lexicon.write_text(text, encoding="utf-8")
    print(f"{len(new.splitlines()) - 8} terms from {args.csv}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
