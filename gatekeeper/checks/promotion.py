"""Promotional intent: is this post selling something?

One detector, shared by the hashtag check (a promotion on a tag about a tragedy or a cause) and
the tone check's tone-deaf rule (a promotion next to a sensitive topic). Its words are in
policies/lexicons/promotion.yaml; prices and multi-buy offers are recognised here, in linear time
(google-re2).

A strong cue ("20% off", "book now", a price) is enough. Weak words ("new", "save", "offer") have
everyday meanings, so it takes three of them, or one next to a price. Phrases such as "save lives",
"offer our condolences" or a donation are matched first and count for nothing; a sum of money next
to a donation is a gift, not a price.
"""
from __future__ import annotations

from dataclasses import dataclass

import re2

from ..rules.phrases import find_phrases

LEXICON = "promotion"
WEAK_NEEDED = 3

_PRICE = re2.compile(r"(?:[$£€¥₹]\s?\d[\d,.]*[kKmM]?|\b\d[\d,.]*\s?(?:dollars|euros|pounds|bucks|usd|eur|gbp)\b)")
# "2 for 1", "2for1", "3 for the price of 2"; "4" for "for" only set apart ("2-4-1", "2 4 1"): run into other digits it
# is a number ("flight 1549", "148 people", "24-7").
_MULTIBUY = re2.compile(r"\b(?:\d+|two|three)\s?(?:-|\s)?for(?:-|\s)?\s?(?:\d+|one|two|the price of)\b"
                        r"|\b(?:\d+|two|three)\s?[-\s]4[-\s]\s?(?:\d+|one|two)\b|\b[2-5]x\b")
_GIFT = re2.compile(r"\b(?:donat\w*|rais(?:e|ed|ing)|fund\w*|relief|appeal|charity|charities|match(?:ing)?)\b")


@dataclass(frozen=True)
class Promotion:
    cue: str  # the words that make the post promotional, as written
    start: int  # span in the normalised, lower-case text
    end: int
    reason: str

    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    def group(self) -> str:
        return self.cue


def _outside(matches, excluded) -> list:
    return [m for m in matches if not any(s <= m.start < e for s, e in excluded)]


def _detect(lower: str, policy, weak_needed: int = WEAK_NEEDED) -> Promotion | None:
    excluded = [m.span() for m in find_phrases(policy, LEXICON, "not_promotional", lower)]
    strong = _outside(find_phrases(policy, LEXICON, "strong", lower), excluded)
    if strong:
        m = strong[0]
        return Promotion(m.group(), m.start, m.end, "promotional wording")
    for m in _MULTIBUY.finditer(lower):
        return Promotion(m.group(), m.start(), m.end(), "a multi-buy offer")
    weak = _outside(find_phrases(policy, LEXICON, "weak", lower), excluded)
    price = next(iter(_PRICE.finditer(lower)), None)
    if price is not None:
        if not _GIFT.search(lower):
            return Promotion(price.group(), price.start(), price.end(), "a price")
        if weak:  # money next to a donation counts only with a selling word too
            return Promotion(price.group(), price.start(), price.end(), "a price")
    if len({m.group() for m in weak}) >= weak_needed:
        first, last = weak[0], weak[-1]
        return Promotion(", ".join(dict.fromkeys(m.group() for m in weak)), first.start, last.end, "several selling words")
    return None


def detect(post, policy, weak_needed: int = WEAK_NEEDED) -> Promotion | None:
    """The first sign that the post sells something, or None. Computed once per post.

    `weak_needed` lowers the bar where selling is out of place anyway (next to a tragedy tag with no
    word of respect: "#Grenfell don't forget our new menu").
    """
    key = ("promotion", weak_needed)
    if key not in post.memo:
        post.memo[key] = _detect(post.text.lower, policy, weak_needed)
    return post.memo[key]


def detect_text(lower: str, policy) -> Promotion | None:
    """The same for a bare lower-case text (no post to remember the answer on)."""
    return _detect(lower, policy)


def levity(post, policy):
    """A joke or a playful emoji ("lol", "😂", "🍕"), or None."""
    found = find_phrases(policy, LEXICON, "levity", post.text.lower)
    return found[0] if found else None
