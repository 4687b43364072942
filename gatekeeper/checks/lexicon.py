"""Words and phrases legal and HR forbid or flag (lexicons/terms.yaml).

Each entry has its own id, action and message. Phrases match whole words on
the normalised text, so "risk-free", "Risk free" and "RISK­FREE" with a hidden
hyphen all match, while "cure" does not match "secure".
"""
from __future__ import annotations

import datetime as dt

from ..rules.phrases import compile_phrases, squash

from .base import Finding, Rule

NAME = "lexicon"
# Entry ids come from the lexicon file; this is the family they belong to.
RULES = [Rule("lexicon.term", "warn", "This wording is on the list legal and HR keep.")]


def _build(policy):
    entries = []
    today = dt.date.today()
    for entry in policy.lexicon("terms").get("entries", []):
        expires = entry.get("expires")
        if expires and dt.date.fromisoformat(expires) < today:
            continue
        regex = compile_phrases(entry["phrases"])
        if regex is None:
            continue
        squashed = {squash(p) for p in entry["phrases"]}
        entries.append((entry, regex, squashed))
    return entries


def check(post, policy) -> list[Finding]:
    findings = []
    text = post.text
    hashtags = [(t, t.lower[1:].replace("_", "")) for t in text.of_kind("hashtag")]
    for entry, regex, squashed in policy.compiled("lexicon.terms", _build):
        scope = entry.get("accounts")
        if scope and post.account not in scope:
            continue
        spans = [text.span(*m.span()) for m in regex.finditer(text.lower)]
        if text.unleet != text.lower:  # "gu4r4nt33d r3turns"
            spans += [text.span(*m.span()) for m in regex.finditer(text.unleet)]
        spans += [(t.start, t.end) for t, body in hashtags if body in squashed]
        for start, end in sorted(set(spans)):
            findings.append(Finding(NAME, f"lexicon.{entry['id']}", entry["action"], entry["message"], start, end))
    return findings
