"""English word frequencies from wordsegment's bundled corpus, read once, offline."""
from __future__ import annotations

import itertools
import math
import os
import re
from functools import lru_cache

import wordsegment


_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")


def camel_parts(text: str) -> list[str]:
    """Split at case changes, digits and punctuation: "IHateNYC_2024" -> I, Hate, NYC, 2024."""
    return _CAMEL.findall(text)


CORPUS_SIZE = 1024908267229.0  # wordsegment's corpus size
MAX_WORD = 24
MAX_SEGMENT_CHARS = 40
_UNKNOWN_BASE = math.log10(10.0 / CORPUS_SIZE)


@lru_cache(maxsize=1)
def _unigrams() -> dict[str, float]:
    """log10 probability of every word in wordsegment's unigram list, most frequent first; read once."""
    path = os.path.join(os.path.dirname(wordsegment.__file__), "unigrams.txt")
    scores = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            word, count = line.split("\t")
            scores[word] = math.log10(float(count) / CORPUS_SIZE)
    return scores


@lru_cache(maxsize=4)
def common_words(limit: int = 40000) -> frozenset[str]:
    """The `limit` most frequent English words (lower case)."""
    return frozenset(itertools.islice(_unigrams(), limit))


@lru_cache(maxsize=1)
def word_rank(limit: int = 100000) -> dict[str, int]:
    """Frequency rank of the most common English words (0 = most common)."""
    return {word: rank for rank, word in enumerate(itertools.islice(_unigrams(), limit))}


def load_segmenter() -> None:
    """Read wordsegment's unigram counts (about 0.3 s); call at start-up, not on a post."""
    _unigrams()


def _score(scores: dict[str, float], word: str) -> float:
    known = scores.get(word)
    # An unknown word costs more the longer it is (Norvig's estimate, as wordsegment uses).
    return known if known is not None else _UNKNOWN_BASE - len(word)


@lru_cache(maxsize=65536)
def segment(text: str) -> tuple[str, ...]:
    """Split a run of letters into the likeliest words ("ihatebitches" -> i hate bitches).

    A unigram dynamic programme over wordsegment's counts: tens of microseconds
    where wordsegment's own bigram search takes a millisecond. Capped and cached.
    """
    scores = _unigrams()
    text = text[:MAX_SEGMENT_CHARS].lower()
    n = len(text)
    if not n:
        return ()
    best = [0.0] + [-math.inf] * n
    back = [0] * (n + 1)
    for end in range(1, n + 1):
        for start in range(max(0, end - MAX_WORD), end):
            score = best[start] + _score(scores, text[start:end])
            if score > best[end]:
                best[end], back[end] = score, start
    words = []
    end = n
    while end > 0:
        words.append(text[back[end]:end])
        end = back[end]
    return tuple(reversed(words))


# -- real words and place names: what a matcher must not read as a disguised offensive word ------------

_MIN_ZIPF = 1.5  # rarer than this, wordfreq's list is mostly typos, handles and disguised swearing


@lru_cache(maxsize=1)
def _zipf_table() -> dict[str, int]:
    """wordfreq's English list (bundled, offline) as word -> Zipf frequency x 100, for letters-only words."""
    import wordfreq

    table: dict[str, int] = {}
    # Bucket i of the list holds words at 10**(-i/100) of all words: Zipf = 9 - i/100.
    for i, bucket in enumerate(wordfreq.get_frequency_list("en", "large")):
        zipf_x100 = 900 - i
        if zipf_x100 < _MIN_ZIPF * 100:
            break
        for word in bucket:
            if word.isascii() and word.isalpha():
                table[word] = zipf_x100
    wordfreq.get_frequency_list.cache_clear()  # the full list is not needed again; free it
    return table


def zipf(word: str) -> float:
    """How common an English word is on wordfreq's Zipf scale (7 = "the", 3 = "cockpit", 0 = unseen)."""
    return _zipf_table().get(word, 0) / 100


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Place names as a handle writes them ("penistone", "ashbydelazouch"): see train/place_names.py."""
    path = os.path.join(os.path.dirname(__file__), "data", "place_names.txt")
    with open(path, encoding="utf-8") as fh:
        return frozenset(line.strip() for line in fh if line.strip())


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """First names, lower case (Moby list, public domain; provenance in the file's header)."""
    path = os.path.join(os.path.dirname(__file__), "data", "first_names.txt")
    with open(path, encoding="utf-8") as fh:
        return frozenset(s for s in (line.strip() for line in fh) if s and not s.startswith("#"))
