"""What every recognizer shares: linear-time patterns, context words, and the post as recognizers see it.

Every pattern that sees user text is compiled with google-re2, which runs in
time linear in the text (no backtracking, so no look-around either: the few
boundary tests a pattern needs are done on the characters next to a match).
RE2's \\w and \\b are ASCII-only, so patterns spell letters as \\p{L}.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Iterator

import re2
from presidio_analyzer import EntityRecognizer, RecognizerResult

from ....normalize import normalize_text

LETTER = r"\p{L}"
ALNUM = r"[\p{L}\p{N}]"
# Candidates a recognizer looks at in one post; past this, only cheap tests run (bounded work).
MAX_CANDIDATES = 48
# The score of a value that has the shape of a card, an account or an id but nothing confirms it
# (its check digits fail, or no word says what it is): the check warns instead of blocking, and a
# confirmed detection of the same stretch of text wins over it.
SHAPE_SCORE = 0.6

_OPTIONS = re2.Options()
_OPTIONS.max_mem = 64 << 20


class Pattern:
    """A google-re2 pattern (linear time) that matches ASCII text as bytes, three times cheaper per match."""

    def __init__(self, pattern: str):
        self.pattern = pattern
        self.text_re = re2.compile(pattern, _OPTIONS)
        self.bytes_re = re2.compile(pattern.encode("utf-8"), _OPTIONS)

    def spans(self, text: str, group: int = 0, limit: int = MAX_CANDIDATES) -> Iterator[tuple[int, int]]:
        """(start, end) of `group` in the first `limit` matches."""
        matches = self.bytes_re.finditer(text.encode("ascii")) if text.isascii() else self.text_re.finditer(text)
        for n, match in enumerate(matches):
            if n >= limit:
                return
            yield match.span(group)

    def search(self, text: str, pos: int = 0):
        if text.isascii():
            return self.bytes_re.search(text.encode("ascii"), pos)
        return self.text_re.search(text, pos)

    def finditer(self, text: str):
        """Matches as (start, end, value) of the whole pattern, at most MAX_CANDIDATES."""
        for start, end in self.spans(text):
            yield start, end, text[start:end]


def compile(pattern: str) -> Pattern:
    """A linear-time pattern (google-re2). Raises re2.error for syntax RE2 does not have."""
    return Pattern(pattern)


@lru_cache(maxsize=16384)
def fold(word: str) -> str:
    """A word as it appears in normalised text (accents stripped, look-alikes folded), lower-case."""
    return normalize_text(word.strip()).norm.lower() if word.strip() else ""


def is_alnum(char: str) -> bool:
    return char.isalnum()


def char_before(text: str, start: int) -> str:
    return text[start - 1] if start > 0 else ""


def char_after(text: str, end: int) -> str:
    return text[end] if end < len(text) else ""


# Letters, digits and the marks that stay inside a word ("d.o.b", "driver's"); everything else separates words.
_SEPARATE = {c: " " for c in "!\"#$%&()*+,/:;<=>?@[\\]^`{|}~-_\n\t\r¡¿«»“”„"}
_SEPARATE.update({ord("’"): "'", ord("‘"): "'"})
_SEPARATE = str.maketrans({k if isinstance(k, int) else ord(k): v for k, v in _SEPARATE.items()})


def words(text: str) -> list[str]:
    """Lower-case words of a short stretch of text (plain string operations: linear, and fast)."""
    out = []
    for w in text.lower().translate(_SEPARATE).split():
        w = w.strip(".'")
        if w:
            out.append(w)
    return out


# Words between a context phrase and its value that do not count as distance ("promo code is SAVE20").
FILLER = frozenset({"is", "was", "no", "nr", "num", "number", "code", "id", "ref"})


def context_words(text: str) -> list[str]:
    """Words as context phrases are matched: "booking-ref" and "booking_ref" are two words, signs dropped."""
    return words(text)


class Context:
    """Phrases that, a few words before (or after) a value, say what the value is.

    Phrases are matched as whole words on lower-case normalised text; "booking ref"
    also matches "booking-ref" and "booking_ref".
    `unless`: phrases that, reaching up to a phrase from the left, make it name something else: "licence no."
    names a driver's licence, "premises licence no." does not; "id number" names an id card, "order id number" not.
    """

    def __init__(self, phrases: Iterable[str], before: int = 4, after: int = 0, window: int = 80,
                 unless: "Context | None" = None):
        self.phrases: set[tuple[str, ...]] = set()
        for phrase in phrases:
            ws = tuple(context_words(fold(phrase)))
            if ws:
                self.phrases.add(ws)
        self.longest = max((len(p) for p in self.phrases), default=0)
        self.first_words = {p[0] for p in self.phrases}
        self.n_before, self.n_after, self.window = before, after, window
        self.unless = unless if unless else None

    def __bool__(self) -> bool:
        return bool(self.phrases)

    def _split(self, text: str) -> list[str]:
        return context_words(text)

    def _find(self, ws: list[str]) -> list[int]:
        """Indexes in ws just after each phrase found."""
        found = []
        for i, w in enumerate(ws):
            if w not in self.first_words:
                continue
            for n in range(1, min(self.longest, len(ws) - i) + 1):
                if tuple(ws[i:i + n]) in self.phrases and not (self.unless and self.unless._reaches(ws, i)):
                    found.append(i + n)
        return found

    def _reaches(self, ws: list[str], i: int) -> bool:
        """Does one of these phrases start before ws[i] and run up to it (or into it)?"""
        for j in range(max(0, i - self.longest), i):
            if ws[j] in self.first_words and any(j + n >= i and tuple(ws[j:j + n]) in self.phrases
                                                 for n in range(1, min(self.longest, len(ws) - j) + 1)):
                return True
        return False

    def anywhere(self, text_lower_words: set[str]) -> bool:
        return bool(self.first_words & text_lower_words)

    def before(self, text: str, start: int, gap: int | None = None) -> bool:
        """A phrase ending at most `gap` words before `start` (filler words such as "is" or "number" not counted)."""
        gap = self.n_before if gap is None else gap
        ws = self._split(text[max(0, start - self.window):start])
        return any(sum(w not in FILLER for w in ws[end:]) <= gap for end in self._find(ws))

    def distance(self, text: str, start: int) -> int | None:
        """How many words (filler words not counted) stand between the nearest phrase and `start`, or None."""
        ws = self._split(text[max(0, start - self.window):start])
        ends = self._find(ws)
        return sum(w not in FILLER for w in ws[max(ends):]) if ends else None

    def after(self, text: str, end: int, gap: int | None = None) -> bool:
        """A phrase starting at most `gap` words after `end`."""
        gap = self.n_after if gap is None else gap
        ws = self._split(text[end:end + self.window])
        return any(i < len(ws) and ws[i] in self.first_words and any(tuple(ws[i:i + n]) in self.phrases for n in range(1, self.longest + 1))
                   for i in range(min(gap + 1, len(ws))))

    def near(self, text: str, start: int, end: int) -> bool:
        return self.before(text, start) or (self.n_after > 0 and self.after(text, end))


@dataclass
class Doc:
    """A post as recognizers see it: normalised text, its words, and the account's settings."""

    text: str
    # The same text with a "\n" where the author broke the line (normalisation turns line breaks into spaces).
    lines: str
    account: "AccountSettings"
    word_set: set[str] = field(default_factory=set)
    _spent: dict = field(default_factory=dict)

    def budget(self, what: str, most: int) -> bool:
        """Bounded work: may one more expensive step of this kind run on this post?"""
        self._spent[what] = self._spent.get(what, 0) + 1
        return self._spent[what] <= most

    @classmethod
    def of(cls, text: str, account: "AccountSettings", lines: str | None = None) -> "Doc":
        return cls(text, lines if lines is not None else text, account, set(context_words(text.lower())))


@dataclass
class AccountSettings:
    """What an account tells the recognizers: where it serves, its programmes and its booking codes."""

    regions: tuple[str, ...] = ("US", "GB")
    loyalty: Context | None = None
    booking_formats: tuple = ()


class Recognizer(EntityRecognizer):
    """A Presidio recognizer that also takes the account's settings (find) and runs in linear time."""

    ENTITIES: tuple[str, ...] = ()

    def __init__(self, name: str | None = None):
        super().__init__(supported_entities=list(self.ENTITIES), name=name or type(self).__name__, supported_language="en")

    def load(self) -> None:  # patterns compile in __init__
        pass

    def analyze(self, text: str, entities=None, nlp_artifacts=None) -> list[RecognizerResult]:
        return list(self.find(Doc.of(text, AccountSettings())))

    def find(self, doc: Doc) -> Iterator[RecognizerResult]:
        raise NotImplementedError

    def result(self, entity: str, start: int, end: int, score: float, **why) -> RecognizerResult:
        return RecognizerResult(entity, start, end, score, recognition_metadata={
            "recognizer_name": self.name, "recognizer_identifier": self.id, **why})


def runs_on(text: str, end: int, edge: str = "") -> bool:
    """Does the text go on after `end` as part of the same token (a letter, a digit, or an edge sign before one)?"""
    after = char_after(text, end)
    return after.isalnum() or bool(after and after in edge and char_after(text, end + 1).isalnum())


def candidates(pattern: Pattern, text: str, group: int = 0, limit: int = MAX_CANDIDATES) -> Iterator[tuple[int, int, str]]:
    """Matches of a pattern as (start, end, value), at most `limit` of them (bounded work)."""
    for start, end in pattern.spans(text, group, limit):
        if end > start:
            yield start, end, text[start:end]


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of folded phrases, longest first; spaces match any run of spaces, - or _."""
    parts = sorted({re2.escape(fold(p)).replace(r"\ ", r"[\s_-]+") for p in phrases if p.strip()}, key=len, reverse=True)
    return "(?:" + "|".join(parts) + ")" if parts else "(?:[^\\x00-\\x{10FFFF}])"


class ContextPatternRecognizer(Recognizer):
    """Values found by pattern, kept when they pass validation and the context rules.

    Each pattern is a value pattern; unless `bounded` is off, the value must not touch a
    letter or digit (or one of `edge` characters) on either side.
    require_context: the value counts only after a context word (context.before).
    not_private: words that, just before the value, make it harmless (promo code, flight).
    """

    def __init__(self, entity: str, name: str, patterns: list[str], *, context: Context | None = None,
                 require_context: bool = False, not_private: Context | None = None, validate=None,
                 score: float = 0.85, context_score: float = 0.95, bounded: bool = True, edge: str = "",
                 group: int = 0):
        self.ENTITIES = (entity,)
        self.edge = edge
        self.bounded = bounded
        escaped_edge = "".join("\\" + c if c in "-]\\^" else c for c in edge)
        if bounded:
            self.patterns = [compile(r"(?:^|[^\p{L}\p{N}" + escaped_edge + "])(" + p + ")") for p in patterns]
            self.group = 1 + group
        else:
            self.patterns = [compile(p) for p in patterns]
            self.group = group
        self.cue = context
        self.require_context = require_context
        self.not_private = not_private
        self.validate = validate
        self.score = score
        self.context_score = context_score
        super().__init__(name)

    def find(self, doc: Doc):
        text = doc.text
        if self.require_context and not (self.cue and self.cue.anywhere(doc.word_set)):
            return
        seen = set()
        for pattern in self.patterns:
            for start, end, value in candidates(pattern, text, self.group):
                if (start, end) in seen:
                    continue
                if self.bounded and runs_on(text, end, self.edge):
                    continue
                has_context = bool(self.cue and self.cue.before(text, start))
                if self.require_context and not has_context:
                    continue
                if self.validate and not self.validate(value):
                    continue
                if self.not_private and self.not_private.before(text, start, 1):
                    continue
                seen.add((start, end))
                yield self.result(self.ENTITIES[0], start, end, self.context_score if has_context else self.score)
