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


_segment_lock = __import__("threading").Lock()
_segment_loaded = False


def load_segmenter() -> None:
    """Load wordsegment's corpus once (about 0.5 s and 100 MB); call at start-up, not on a post."""
    global _segment_loaded
    if not _segment_loaded:
        with _segment_lock:
            if not _segment_loaded:
                wordsegment.load()
                _segment_loaded = True


MAX_SEGMENT_CHARS = 40


@lru_cache(maxsize=65536)
def segment(text: str) -> tuple[str, ...]:
    """Split a run of letters into words ("ihatebitches" -> i hate bitches), capped and cached."""
    load_segmenter()
    text = text[:MAX_SEGMENT_CHARS].lower()
    return tuple(wordsegment.segment(text)) if text else ()
