"""Compile the word and phrase lists that legal, HR and brand keep into matchers.

Every lexicon phrase matches the same way: whole words, any capitals, and any
run of spaces, hyphens, underscores, dots or slashes between its words, so
"risk-free", "Risk free", "risk_free" and "riskfree" are one phrase.

Matching walks the text's words once and looks each up in an index of
phrases by first word, so a list of hundreds of phrases costs about as much
as a list of one (a regex alternation of them is ~50× slower).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

# Letters and digits make words; hyphens, underscores, dots and slashes only separate them.
# Any other symbol (%, $, emoji) is a word of its own.
_WORD = re.compile(r"[^\W_]+|[^\w\s\-_./]")


@dataclass(frozen=True)
class PhraseMatch:
    start: int
    end: int
    text: str

    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    def group(self) -> str:
        return self.text[self.start:self.end]


def words_of(phrase: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(phrase.lower()))


@lru_cache(maxsize=256)
def _tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    return tuple((m.group(), m.start(), m.end()) for m in _WORD.finditer(text))


@lru_cache(maxsize=256)
def _positions(text: str) -> dict[str, list[int]]:
    """Where each word of the text stands, for every matcher to share."""
    positions: dict[str, list[int]] = {}
    for i, (word, _, _) in enumerate(_tokens(text)):
        positions.setdefault(word, []).append(i)
    return positions


class PhraseMatcher:
    """Finds any of a list of phrases in lower-case text, as whole words."""

    def __init__(self, phrases: Iterable[str]):
        self.index: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            words = words_of(phrase)
            if not words:
                continue
            variants = {words}
            if len(words) > 1 and all(w.isalpha() for w in words):
                variants.add(("".join(words),))  # "riskfree", "reaccommodate"
            for variant in variants:
                self.index.setdefault(variant[0], []).append(variant)
        for entries in self.index.values():
            entries.sort(key=len, reverse=True)

    def __bool__(self) -> bool:
        return bool(self.index)

    def finditer(self, text: str):
        """Matches left to right, the longest phrase at each position, never overlapping."""
        tokens = _tokens(text)
        positions = _positions(text)
        n = len(tokens)
        hits = []
        # Only words that start a phrase and occur in the text are looked at: a set intersection, not a walk.
        for first in positions.keys() & self.index.keys():
            for i in positions[first]:
                for words in self.index[first]:
                    k = len(words)
                    if i + k <= n and all(tokens[i + j][0] == words[j] for j in range(1, k)):
                        hits.append((i, i + k))
                        break
        hits.sort(key=lambda h: (h[0], h[0] - h[1]))
        next_free = 0
        for i, j in hits:
            if i >= next_free:
                yield PhraseMatch(tokens[i][1], tokens[j - 1][2], text)
                next_free = j

    def search(self, text: str) -> PhraseMatch | None:
        return next(self.finditer(text), None)


def compile_phrases(phrases: Iterable[str]) -> PhraseMatcher | None:
    """A matcher for any of the phrases as whole words, or None for an empty list."""
    matcher = PhraseMatcher(phrases)
    return matcher or None


def squash(phrase: str) -> str:
    """A phrase as a hashtag body: lower case, no spaces or punctuation."""
    return re.sub(r"[\W_]+", "", phrase.lower())


def lexicon_phrases(policy, lexicon: str, key: str) -> PhraseMatcher | None:
    """The matcher for one phrase list of one lexicon file, built once per policy version."""
    return policy.compiled(f"phrases:{lexicon}:{key}", lambda p: compile_phrases(p.lexicon(lexicon).get(key, [])))


def find_phrases(policy, lexicon: str, key: str, text: str) -> list[PhraseMatch]:
    """Every match of one phrase list of one lexicon file in lower-case text (none if the list is empty)."""
    matcher = lexicon_phrases(policy, lexicon, key)
    return list(matcher.finditer(text)) if matcher else []
