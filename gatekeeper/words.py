"""English word frequencies from wordsegment's bundled corpus, read once, offline."""
from __future__ import annotations

import os
from functools import lru_cache

import wordsegment


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
