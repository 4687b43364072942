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


@lru_cache(maxsize=1)
def person_names() -> dict[str, tuple[str, int]]:
    """People's names, lower case: their kinds ("g" given name, "s" surname) and a given name's rank (see
    train/names.py; 100000 for a surname only)."""
    path = os.path.join(os.path.dirname(__file__), "data", "person_names.txt")
    out = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                name, kinds, rank = line.rstrip("\n").split("\t")
                out[name] = (kinds, int(rank) if rank else 100000)
    return out


def reads_as_name(word: str, given_only: bool = False) -> bool:
    """Is this lower-case word a sign of a person's name: a given name (a common one, or one that is no everyday
    word), or, unless given_only, a surname that is no everyday word ("Big", "Black", "Head" are signs of nothing)?"""
    kinds, rank = person_names().get(word, ("", 0))
    if "g" in kinds and (rank <= COMMON_GIVEN_RANK or zipf(word) < NAME_MAX_ZIPF["g"]):
        return True
    return not given_only and "s" in kinds and zipf(word) < NAME_MAX_ZIPF["s"]


# Words that say the next word is a person's name, and the small words inside names (Dick Van Dyke).
HONORIFICS = frozenset("mr mrs ms miss mx dr prof sir dame lord lady capt captain judge rev father sister officer "
                       "coach chef professor doctor detective sergeant sgt".split())
NAME_PARTICLES = frozenset("van von der den de del della di da du la le st mac mc bin al el".split())
# How common (Zipf) a word beside may be and still say "a name": Harry and Sarah yes, Big and Black no; the 200
# commonest given names of each sex (John, Mark, Rose) say it however common the word.
NAME_MAX_ZIPF = {"g": 5.2, "s": 5.0}
COMMON_GIVEN_RANK = 200
GREETINGS = frozenset("hi hello hey dear thanks congrats congratulations welcome meet hola bonjour salut hallo ciao ola "
                      "hej hoi bienvenue bienvenido bienvenida willkommen".split())
# Words before a noun rather than a name: "what a Dick", "such a Dick move", "you Dick", "Big Dick".
NOT_BEFORE_A_NAME = frozenset("a an the this that these those such what you your ur u ya ye yo my his her their our "
                              "big little total complete absolute fucking fuckin effing bloody real proper massive "
                              "huge giant".split())
_NAME_WORD = re.compile(r"[^\W\d_][^\W\d_'’.-]*")


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and (len(word) == 1 or not word.isupper())


def in_a_name(text: str, start: int, end: int, given_only: bool = False) -> bool:
    """Is text[start:end], a capitalised word, part of a person's name: next to another name ("Dick Harry",
    "Sarah Dykes", "Dick Van Dyke"), after a title ("Mr Hoare", "Captain Gaylord") or greeted ("Hi Gaylord,")?
    given_only: the name beside it must be a given name, and greetings do not count (for slurs, where a
    surname beside a surname is too weak a sign)."""
    word = text[start:end]
    if not _capitalised(word) or word.lower().removesuffix("'s") not in person_names():
        return False
    before = [m.group() for m in _NAME_WORD.finditer(text[max(0, start - 40):start])]
    after = _NAME_WORD.match(text, end + 1) if text[end:end + 1] == " " else None
    touching = text[max(0, start - 1):start] == " "

    def a_name(w: str) -> bool:
        return _capitalised(w) and reads_as_name(w.lower().strip(".'’"), given_only)

    if touching and before:
        prev = before[-1]
        if prev.lower().rstrip(".") in HONORIFICS:
            return True
        if a_name(prev) and prev.lower() not in NAME_PARTICLES:
            return True
        if prev.lower() in NAME_PARTICLES and _capitalised(prev) and len(before) > 1 and a_name(before[-2]):
            return True  # Dick Van Dyke
        if not given_only and prev.lower() in GREETINGS and not text[end:end + 1].isalnum():
            return True
        # A given name written with its capital in the middle of a sentence ("spotlight: Dick from our store",
        # "thanks to Liam Gaylord"), not after a word that comes before a noun.
        if not given_only and "g" in person_names()[word.lower().removesuffix("'s")][0] \
                and prev.lower().rstrip(".") not in NOT_BEFORE_A_NAME and text[max(0, start - 2):start - 1] not in ".!?":
            return True
    if not after:
        return False
    if after.group().lower() in NAME_PARTICLES and _capitalised(after.group()):
        following = _NAME_WORD.match(text, after.end() + 1) if text[after.end():after.end() + 1] == " " else None
        return bool(following and a_name(following.group()))  # Dick Van Dyke
    return a_name(after.group())


@lru_cache(maxsize=64)
def function_words(language: str) -> frozenset[str]:
    """The language's 300 most frequent words that are not among English's 1,000, accents folded as posts are."""
    import unicodedata

    import wordfreq

    english = set(wordfreq.top_n_list("en", 1000))
    fold = lambda w: "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))  # noqa: E731
    return frozenset(f for f in map(fold, wordfreq.top_n_list(language, 300)) if f not in english)  # "à" is "a"


def written_in(language: str, words: list[str]) -> bool:
    """Do these lower-case words read as `language` rather than English: two or more of its function words, a
    fifth of the words or more, and twice as many as English function words that language lacks?"""
    own = function_words(language)
    english = english_function_words(language)
    mine = sum(w in own for w in words)
    return mine >= 2 and mine * 5 >= len(words) and mine > 2 * sum(w in english for w in words)


@lru_cache(maxsize=64)
def english_function_words(other: str) -> frozenset[str]:
    """English's 150 most frequent words that are not among the other language's 1,000."""
    import wordfreq

    theirs = set(wordfreq.top_n_list(other, 1000))
    return frozenset(w for w in wordfreq.top_n_list("en", 150) if w not in theirs)


# Languages a post may be told to be written in, by their most frequent words (wordfreq, Latin script).
OTHER_LANGUAGES = ("fr", "es", "pt", "it", "de", "nl", "sv", "da", "nb", "fi", "pl", "ro", "cs", "hu", "tr", "id")
_LETTER_WORDS = re.compile(r"[^\W\d_]+")


_LINKS_AND_HANDLES = re.compile(r"(?:https?://|www\.)\S+|@\w+|\brt\b")


def other_language(lower: str) -> str | None:
    """The language other than English a lower-case, accent-folded text is written in, or None."""
    words = _LETTER_WORDS.findall(_LINKS_AND_HANDLES.sub(" ", lower))
    found = [(sum(w in function_words(lang) for w in words), lang) for lang in OTHER_LANGUAGES if written_in(lang, words)]
    return max(found)[1] if found else None  # Spanish and French share "en" and "un": the one with more words
