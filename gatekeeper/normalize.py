"""Normalise a post once, before any check runs.

The normalised text is what checks match on; every normalised character keeps
the span of the original characters it came from, so findings point at the
text the author actually typed.
"""
from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

import confusable_homoglyphs

from .leet import FIRST

# Characters that render as nothing and are used to split words past filters.
_INVISIBLE = {
    "\u00ad", "\u034f", "\u061c", "\u115f", "\u1160", "\u17b4", "\u17b5",
    "\u180e", "\u3164", "\uffa0", "\ufeff",
}


_CYRILLIC_LOOKALIKES = {"к": "k", "м": "m", "т": "t", "н": "h", "в": "b", "г": "r", "п": "n", "и": "u", "ш": "w",
                        "ь": "b", "ѕ": "s", "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w", "з": "3", "ч": "4", "ԍ": "g"}
# Greek small letters that pass for Latin ones inside a word ("κικε", "niggεr", "reτard"); the confusables data maps
# only some of them.
_GREEK_LOOKALIKES = {"α": "a", "β": "b", "γ": "y", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o",
                     "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ϲ": "c"}


@lru_cache(maxsize=1)
def _confusable_table() -> dict[str, str]:
    """Map each non-ASCII look-alike letter to the ASCII letter it imitates.

    Built from the Unicode confusables data shipped by confusable-homoglyphs.
    """
    path = os.path.join(os.path.dirname(confusable_homoglyphs.__file__), "confusables.json")
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    table: dict[str, str] = {}
    for char, homoglyphs in data.items():
        if len(char) != 1 or char.isascii():
            continue
        for glyph in homoglyphs:
            target = glyph["c"]
            if len(target) == 1 and target.isascii() and target.isalnum():
                # Capital I-like letters (Greek Iota, Cyrillic I) imitate "I", not "l".
                if target == "l" and unicodedata.category(char) == "Lu":
                    target = "I"
                table[char] = target
                break
    # Cyrillic letters that pass for Latin ones in handles but that the confusables data maps to
    # other non-Latin letters (к -> Greek kappa): read them as the Latin letter they imitate.
    for char, target in _CYRILLIC_LOOKALIKES.items():
        table.setdefault(char, target)
        table.setdefault(char.upper(), target.upper())
    for char, target in _GREEK_LOOKALIKES.items():
        table.setdefault(char, target)
    # Negative circled and negative squared capitals (🅝🅘🅖, 🅱🅸🆃🅲🅷), which NFKC leaves as they are.
    for first in (0x1F150, 0x1F170):
        for offset in range(26):
            table[chr(first + offset)] = chr(ord("A") + offset)
    # Small capitals (ɪᴅɪᴏᴛ) read as the letter they are; the confusables data maps several to other scripts.
    for block in ((0x0250, 0x02B0), (0x1D00, 0x1D80), (0xA720, 0xA800)):
        for code in range(*block):
            found = _SMALL_CAPITAL.fullmatch(unicodedata.name(chr(code), ""))
            if found:
                table[chr(code)] = found.group(1).lower()
    return table


_SMALL_CAPITAL = re.compile(r"LATIN LETTER SMALL CAPITAL ([A-Z])")
# Bidirectional overrides: text between RIGHT-TO-LEFT OVERRIDE and its POP DIRECTIONAL FORMATTING (embeddings and
# overrides opened inside it are counted), or the end of its line, is shown reversed ("\u202etoidi\u202c" shows as
# "idiot").
_RLO, _PDF = "\u202e", "\u202c"
_PUSHES = frozenset("\u202a\u202b\u202d\u202e")
_LINE_ENDS = frozenset("\n\r\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85")


def _display_order(original: str) -> list[int]:
    """The original's positions in the order a reader sees them: a right-to-left override's run reversed (Text.span
    reads a reversed stretch back). Linear in the text."""
    out: list[int] = []
    i, n = 0, len(original)
    while i < n:
        if original[i] != _RLO:
            out.append(i)
            i += 1
            continue
        depth, j = 1, i + 1
        while j < n and original[j] not in _LINE_ENDS:
            if original[j] in _PUSHES:
                depth += 1
            elif original[j] == _PDF:
                depth -= 1
                if not depth:
                    break
            j += 1
        end = j + 1 if j < n and original[j] == _PDF else j
        out.append(i)
        out.extend(range(j - 1, i, -1))
        out.extend(range(j, end))  # its PDF, if it has one
        i = end
    return out


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """Fold one original character to the ASCII-leaning text checks match on."""
    if char in _INVISIBLE:
        return ""
    category = unicodedata.category(char)
    if category in ("Cf", "Cs", "Co", "Cn"):
        return ""
    if category == "Cc":
        return " " if char in "\t\n\r\x0b\x0c" else ""
    if category in ("Zs", "Zl", "Zp"):
        return " "
    out = []
    for piece in unicodedata.normalize("NFKC", char):
        decomposed = unicodedata.normalize("NFD", piece)
        base = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
        if not base:
            # A lone combining mark carries no letter of its own.
            continue
        for c in base:
            out.append(_confusable_table().get(c, c) if not c.isascii() else c)
    return unicodedata.normalize("NFC", "".join(out))


def _is_invisible(char: str) -> bool:
    return char in _INVISIBLE or unicodedata.category(char) == "Cf"


_MAX_WORD_PIECES = 24  # a word of pieces is at most this many pieces long: keeps the split linear
_PIECE_MIN_ZIPF = 3.0  # a piece must be a common word to be read as a word of its own
_SHORT_PIECE_MIN_ZIPF = 5.5
_JOINED_BEFORE = frozenset("@#./:_-")
_JOINED_AFTER = frozenset("@./_")
_JOINED_MIN_ZIPF = 2.0  # a run this common is one word ("kike", "tosser"), not two glued ("helloworld")


def _space_invisible_word_breaks(chars: list[str], starts: list[int], ends: list[int],
                                 breaks: list[tuple[int, int]]) -> None:
    """Read an invisible character between two whole words as a space, in place.

    Dropping zero-width characters joins "f\u200buck" back into the word it hides, which is right,
    but it also glues "i\u200bwill\u200bslit\u200byour\u200bthroat" into one token no word list or
    model reads. A run of letters cut by invisible characters is kept whole when it is a word
    itself; otherwise, when its pieces group into common English words (fewest words first), each
    invisible character between two of those words becomes a space. Anything else stays joined.
    """
    from .words import zipf  # local import: the word list loads only for text that needs it

    inserts: list[tuple[int, int]] = []  # (position in chars, original index of the invisible char)
    i = 0
    while i < len(breaks):
        # Breaks in one run of letters: the run ends where a non-letter (or the text) ends it.
        run = [breaks[i]]
        i += 1
        while i < len(breaks) and all(c.isalnum() for c in chars[run[-1][0]:breaks[i][0]]):
            run.append(breaks[i])
            i += 1
        cuts = sorted({pos for pos, _ in run if pos < len(chars) and chars[pos].isalnum()})
        if not cuts:
            continue
        start = cuts[0]
        while start > 0 and chars[start - 1].isalnum():
            start -= 1
        end = cuts[-1]
        while end < len(chars) and chars[end].isalnum():
            end += 1
        if (start and chars[start - 1] in _JOINED_BEFORE) or (
                end + 1 < len(chars) and chars[end] in _JOINED_AFTER and chars[end + 1].isalnum()):
            continue  # part of a handle, tag, link or address ("x.com", "jo_doe@"): never two words
        bounds = [start, *cuts, end]
        pieces = ["".join(chars[a:b]).lower() for a, b in zip(bounds, bounds[1:])]
        joined = "".join(pieces)
        if not joined.isascii() or not joined.isalpha() or zipf(joined) >= _JOINED_MIN_ZIPF:
            continue
        words_at = _group_into_words(pieces, zipf)
        if words_at is None:
            continue
        by_pos = dict(run)
        inserts.extend((bounds[k], by_pos[bounds[k]]) for k in words_at)
    for pos, index in reversed(inserts):
        chars.insert(pos, " ")
        starts.insert(pos, index)
        ends.insert(pos, index + 1)


def _is_word_alone(word: str, zipf) -> bool:
    if len(word) < 3:
        # Two letters are a word only if very common ("up", "me"), not "ac" or "st" taken out of a longer one.
        return word in ("a", "i") or (len(word) == 2 and zipf(word) >= _SHORT_PIECE_MIN_ZIPF)
    return zipf(word) >= _PIECE_MIN_ZIPF


def _group_into_words(pieces: list[str], zipf) -> list[int] | None:
    """Indices of the pieces that start a new word, or None if the pieces cannot all be grouped into words."""
    n = len(pieces)
    best: list[float] = [0.0] + [float("inf")] * n
    back = [0] * (n + 1)
    for end in range(1, n + 1):
        word = ""
        for start in range(end - 1, max(-1, end - 1 - _MAX_WORD_PIECES), -1):
            word = pieces[start] + word
            if best[start] + 1 < best[end] and _is_word_alone(word, zipf):
                best[end], back[end] = best[start] + 1, start
    if best[n] == float("inf"):
        return None
    firsts = []
    end = n
    while end > 0:
        end = back[end]
        if end:
            firsts.append(end)
    return sorted(firsts)


# Every pattern here sees user text, so each runs in linear time. Python's re backtracks, so
# each alternative is either a single character class (one pass) or has bounded quantifiers
# (bounded work per starting position); lookbehinds keep the domain and handle alternatives
# from restarting inside a run they already scanned. google-re2 would guarantee this too, but
# its Python wrapper costs ~15 us a match, 15x re on a tweet, so it is used only where one
# search covers a whole text (profanity.py's long-token scan).
# An e-mail's local part is at most 64 characters (RFC 5321); a host has at most 127 labels,
# a Fediverse instance in a handle far fewer.
_TOKEN_RE = re.compile(
    r"""
    (?P<url>(?:(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,15}://|www\.)[^\s<>"]+)
  | (?P<email>(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,16})
  | (?P<mention>(?<![\w@])@[A-Za-z0-9_]{1,30}(?:@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,16})?)
  | (?P<hashtag>(?<![\w\#])\#[^\W][\w]*)
  | (?P<domain>(?<![\w@.-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,126}[A-Za-z][A-Za-z0-9-]{1,62}(?::\d{1,5})?(?:/[^\s<>"]*)?)
  | (?P<word>[^\W_]+(?:['\u2019-][^\W_]+)*)
    """,
    re.VERBOSE,
)
_TRAILING_PUNCT = ".,;:!?)]}'\"\u2019\u201d>"


class Token(NamedTuple):
    """One token; a named tuple because a 10,000-character post can have 5,000 of them."""

    kind: str  # word, mention, hashtag, url, email
    value: str  # normalised text of the token
    start: int  # span in the original text
    end: int
    norm_start: int  # span in the normalised text
    norm_end: int

    @property
    def lower(self) -> str:
        return self.value.lower()


# Only the unmistakable substitutions: "2", "6", "8", "9" are read as digits in prose.
_LEET_TABLE = str.maketrans({c: FIRST[c] for c in "013457@$!"})
# A whole run of word characters that holds at least one look-alike digit or symbol. The
# lookbehind starts a match only where a run starts, and the run is scanned once: linear.
_LEET_CHARS = frozenset("013457@$!")
_LEET_IN_WORD = re.compile(r"(?<![a-z0-9@$!])[a-z0-9@$!]*[0-9@$!][a-z0-9@$!]*")


def _read_leet(match: re.Match) -> str:
    word = match.group()
    core = word.rstrip("!")  # a trailing "!" is punctuation, not an "i"
    if not _has_letter(core):
        return word
    return core.translate(_LEET_TABLE) + word[len(core):]


def _has_letter(word: str) -> bool:
    """A word mixing letters with look-alike digits: not a handle or an e-mail, not a code like "b22"."""
    if word.startswith("@") or "@" in word[1:-1]:
        return False
    return sum(c.isalpha() for c in word) >= 2


@dataclass
class Text:
    """A normalised piece of text with a map back to the original."""

    original: str
    norm: str
    lower: str
    _starts: list[int]
    _ends: list[int]
    tokens: list[Token]

    def span(self, norm_start: int, norm_end: int) -> tuple[int, int]:
        """Original span of a normalised span."""
        if not self.norm or norm_end <= norm_start:
            return (0, 0)
        norm_start = max(0, min(norm_start, len(self.norm) - 1))
        norm_end = max(norm_start + 1, min(norm_end, len(self.norm)))
        last = norm_end - 1
        # Inside a reversed (right-to-left override) stretch the map runs backwards: its ends are the span's ends.
        return (min(self._starts[norm_start], self._starts[last]), max(self._ends[norm_start], self._ends[last]))

    def of_kind(self, *kinds: str) -> list[Token]:
        return [t for t in self.tokens if t.kind in kinds]

    @property
    def unleet(self) -> str:
        """The lower-case text with leetspeak inside words read as letters ("gu4r4nt33d" -> "guaranteed").

        Same length as `lower`, so spans carry over. Digits standing alone ("20% off", "AA123") are kept.
        """
        cached = self.__dict__.get("_unleet")
        if cached is None:
            cached = _LEET_IN_WORD.sub(_read_leet, self.lower) if not _LEET_CHARS.isdisjoint(self.lower) else self.lower
            self.__dict__["_unleet"] = cached
        return cached


def normalize_text(original: str) -> Text:
    if original.isascii() and original.isprintable() and "  " not in original and original == original.strip():
        # Plain ASCII with single spaces (most posts) is already normal: every character maps to itself.
        n = len(original)
        text = Text(original, original, original.lower(), list(range(n)), list(range(1, n + 1)), [])
        text.tokens = _tokenize(text)
        return text
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    # Where an invisible character was dropped right after a letter: a break that may split two words.
    breaks: list[tuple[int, int]] = []
    pending_space = False
    for index in _display_order(original) if _RLO in original else range(len(original)):
        char = original[index]
        if char.isascii() and (char.isalnum() or char in " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"):
            folded = char
        else:
            folded = _fold_char(char)
            if not folded and chars and not pending_space and chars[-1].isalnum() and _is_invisible(char):
                breaks.append((len(chars), index))
        for piece in folded:
            if piece == " ":
                pending_space = bool(chars)
                continue
            if pending_space:
                chars.append(" ")
                starts.append(index)
                ends.append(index)
                pending_space = False
            chars.append(piece)
            starts.append(index)
            ends.append(index + 1)
    if breaks:
        _space_invisible_word_breaks(chars, starts, ends, breaks)
    # A space stands for the whitespace run before the next character.
    for i, c in enumerate(chars):
        if c == " ":
            starts[i] = ends[i - 1]
            ends[i] = starts[i + 1]
    norm = "".join(chars)
    lower = norm.lower()
    if len(lower) != len(norm):
        # A handful of letters change length when lowercased; keep offsets aligned.
        lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in norm)
    text = Text(original, norm, lower, starts, ends, [])
    text.tokens = _tokenize(text)
    return text


def _tokenize(text: Text) -> list[Token]:
    tokens = []
    for match in _TOKEN_RE.finditer(text.norm):
        kind = match.lastgroup
        start, end = match.span()
        value = match.group()
        if kind in ("url", "domain"):
            stripped = value.rstrip(_TRAILING_PUNCT)
            # Keep a closing bracket that belongs to the URL, as in wiki links.
            if value.endswith(")") and stripped.count("(") > stripped.count(")"):
                stripped += ")"
            end = start + len(stripped)
            value = stripped
            if kind == "domain" and not _has_public_suffix(value):
                # "e.g" or "v1.2": read the parts as words.
                for word in re.finditer(r"[^\W_]+", value):
                    s, e = start + word.start(), start + word.end()
                    tokens.append(Token("word", word.group(), *text.span(s, e), s, e))
                continue
            kind = "url"
        elif kind == "hashtag":
            value = value.rstrip("_") or value
            end = start + len(value)
        tokens.append(Token(kind, value, *text.span(start, end), start, end))
    return tokens


@lru_cache(maxsize=8192)
def _has_public_suffix(candidate: str) -> bool:
    from .net import split_domain  # local import: tldextract set-up lives there

    host = re.split(r"[/:?#]", candidate, maxsplit=1)[0]
    parts = split_domain(host)
    return bool(parts.suffix and parts.domain)


@dataclass
class Post:
    """A post as every check sees it: normalised once, tokenised once."""

    account: str
    text: Text
    visibility: str = "public"
    automated: bool = False
    author: str | None = None
    in_reply_to: "ReplyContext | None" = None
    # Results that several consumers share (e.g. PII detections also feed redaction).
    memo: dict = field(default_factory=dict)

    @property
    def is_public(self) -> bool:
        return self.visibility == "public"


@dataclass
class ReplyContext:
    author: str | None
    text: Text | None


def normalize_post(payload: dict) -> Post:
    reply = payload.get("in_reply_to")
    reply_ctx = None
    if reply:
        reply_text = reply.get("text")
        reply_ctx = ReplyContext(reply.get("author"), normalize_text(reply_text) if reply_text else None)
    return Post(
        account=payload["account"],
        text=normalize_text(payload["text"]),
        visibility=payload.get("visibility", "public"),
        automated=bool(payload.get("automated", False)),
        author=payload.get("author"),
        in_reply_to=reply_ctx,
    )
