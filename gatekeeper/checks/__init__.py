"""The checks, in the order they run: cheap ones first.

Adding a check is one module with NAME, RULES and check(post, policy), plus
one line in CHECKS below.
"""
from __future__ import annotations

from . import account, automated, hashtags, lexicon, links, pii, tone, usernames

CHECKS = [
    automated,
    lexicon,
    tone,
    hashtags,
    account,
    usernames,
    pii,
    links,
]


def known_rule_ids() -> set[str]:
    from ..pipeline import PIPELINE_RULES

    ids = {rule.id for rule in PIPELINE_RULES}
    for module in CHECKS:
        ids.update(rule.id for rule in module.RULES)
    return ids

