"""English word frequencies from wordsegment's bundled corpus, read once, offline."""
from __future__ import annotations

import math
import os
import re
from functools import lru_cache

import wordsegment


_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")


def camel_parts(text: str) -> list[str]:
    """Split at case changes, digits and punctuation: "IHateNYC_2024" -> I, Hate, NYC, 2024."""
    return _CAMEL.findall(text)


@lru_cache(maxsize=4)
def common_words(limit: int = 40000) -> frozenset[str]:
    """The `limit` most frequent English words (lower case)."""
    path = os.path.join(os.path.dirname(wordsegment.__file__), "unigrams.txt")
    words = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            words.append(line.split("\t", 1)[0])
            if len(words) >= limit:
                break
    return frozenset(words)


@lru_cache(maxsize=1)
def word_rank(limit: int = 100000) -> dict[str, int]:
    """Frequency rank of the most common English words (0 = most common)."""
    path = os.path.join(os.path.dirname(wordsegment.__file__), "unigrams.txt")
    ranks = {}
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= limit:
                break
            ranks[line.split("\t", 1)[0]] = i
    return ranks


_segment_lock = __import__("threading").Lock()
_unigrams: dict[str, float] | None = None
_UNKNOWN_BASE = 0.0
MAX_WORD = 24
MAX_SEGMENT_CHARS = 40


def load_segmenter() -> None:
    """Read wordsegment's unigram counts once (about 0.3 s); call at start-up, not on a post."""
    global _unigrams, _UNKNOWN_BASE
    if _unigrams is not None:
        return
    with _segment_lock:
        if _unigrams is not None:
            return
        counts = {}
        path = os.path.join(os.path.dirname(wordsegment.__file__), "unigrams.txt")
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                word, count = line.split("\t")
                counts[word] = float(count)
        total = 1024908267229.0  # wordsegment's corpus size
        _UNKNOWN_BASE = math.log10(10.0 / total)
        _unigrams = {w: math.log10(c / total) for w, c in counts.items()}


def _score(word: str) -> float:
    known = _unigrams.get(word)
    # An unknown word costs more the longer it is (Norvig's estimate, as wordsegment uses).
    return known if known is not None else _UNKNOWN_BASE - len(word)


@lru_cache(maxsize=65536)
def segment(text: str) -> tuple[str, ...]:
    """Split a run of letters into the likeliest words ("ihatebitches" -> i hate bitches).

    A unigram dynamic programme over wordsegment's counts: tens of microseconds
    where wordsegment's own bigram search takes a millisecond. Capped and cached.
    """
    load_segmenter()
    text = text[:MAX_SEGMENT_CHARS].lower()
    n = len(text)
    if not n:
        return ()
    best = [0.0] + [-math.inf] * n
    back = [0] * (n + 1)
    for end in range(1, n + 1):
        for start in range(max(0, end - MAX_WORD), end):
            score = best[start] + _score(text[start:end])
            if score > best[end]:
                best[end], back[end] = score, start
    words = []
    end = n
    while end > 0:
        words.append(text[back[end]:end])
        end = back[end]
    return tuple(reversed(words))
