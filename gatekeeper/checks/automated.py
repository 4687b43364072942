"""Automated posts that nobody approved: the account's policy can require review.

An account's `review.automated` is "all" (every automated post is held),
"mentions" (only automated posts that @mention someone) or "none".
"""
from __future__ import annotations

from .base import Finding, Rule, finding

NAME = "automated"

RULES = [
    Rule("automated.review_required", "review", "This account holds automated posts for review before they are sent."),
    Rule("automated.mentions_review_required", "review", "This account holds automated posts that mention people for review."),
]
_RULES = {rule.id: rule for rule in RULES}


def check(post, policy) -> list[Finding]:
    if not post.automated:
        return []
    mode = policy.accounts.get(post.account, {}).get("review", {}).get("automated", "none")
    if mode == "all":
        return [finding(_RULES["automated.review_required"])]
    if mode == "mentions":
        mentions = post.text.of_kind("mention")
        if mentions:
            return [finding(_RULES["automated.mentions_review_required"], mentions[0].start, mentions[0].end)]
    return []
