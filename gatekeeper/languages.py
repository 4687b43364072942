"""Which language a post is written in, told by each language's most frequent words (wordfreq).

Used where English data would misread another language: a word of the offensive lists that is an ordinary word
there (French "retard", a delay), and the personal-voice model, trained on English voices only.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import wordfreq

# Languages a post may be told to be written in (wordfreq's, in the Latin script).
OTHER_LANGUAGES = ("fr", "es", "pt", "it", "de", "nl", "sv", "da", "nb", "fi", "pl", "ro", "cs", "hu", "tr", "id")
_LETTER_WORDS = re.compile(r"[^\W\d_]+")
_LINKS_AND_HANDLES = re.compile(r"(?:https?://|www\.)\S+|@\w+|\brt\b")


def _fold(word: str) -> str:
    """Accents dropped, as the normaliser drops them from posts."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@lru_cache(maxsize=64)
def function_words(language: str) -> frozenset[str]:
    """The language's 300 most frequent words that are not among English's 1,000, accents folded as posts are."""
    english = set(wordfreq.top_n_list("en", 1000))
    return frozenset(f for f in map(_fold, wordfreq.top_n_list(language, 300)) if f not in english)  # "à" is "a"


@lru_cache(maxsize=64)
def english_function_words(other: str) -> frozenset[str]:
    """English's 150 most frequent words that are not among the other language's 1,000."""
    theirs = set(wordfreq.top_n_list(other, 1000))
    return frozenset(w for w in wordfreq.top_n_list("en", 150) if w not in theirs)


def letter_words(lower: str) -> list[str]:
    """The runs of letters of a lower-case text: the words a language is told by."""
    return _LETTER_WORDS.findall(lower)


def written_in(language: str, words: list[str]) -> bool:
    """Do these lower-case words read as `language` rather than English: two or more of its function words, a
    fifth of the words or more, and twice as many as English function words that language lacks?"""
    mine = sum(w in function_words(language) for w in words)
    english = sum(w in english_function_words(language) for w in words)
    return mine >= 2 and mine * 5 >= len(words) and mine > 2 * english


def other_language(lower: str) -> str | None:
    """The language other than English a lower-case, accent-folded text is written in, or None."""
    words = letter_words(_LINKS_AND_HANDLES.sub(" ", lower))
    found = [(sum(w in function_words(lang) for w in words), lang) for lang in OTHER_LANGUAGES if written_in(lang, words)]
    return max(found)[1] if found else None  # Spanish and French share "en" and "un": the one with more words
