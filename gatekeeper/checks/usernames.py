"""Offensive usernames: the Patriots' "1 million followers" auto-tweet problem.

A handle hides its words: @IHateN1ggers, @Fuuuck_The_Police, @xXwh0reXx.
Each handle is read the way a person would: look-alike letters are already
folded by normalisation; then it is split at CamelCase, underscores and
digits, leetspeak is undone (1→i, 3→e, 0→o, 4→a, 5→s, $→s, @→a), stretched
letters squeezed, and each run of letters segmented into words with
wordsegment. Only whole words count, so @ScunthorpeUtd, @TherapistFinder and
@Penistone_FC pass. Automated posts get every handle and display-name-like
token checked (block by default); posts written by people get their handles
checked with a milder default.
"""
from __future__ import annotations

import itertools
import re
from functools import lru_cache

from .. import leet, profanity
from ..rules.phrases import compile_phrases, squash
from ..words import camel_parts, common_words, load_segmenter, segment, word_rank
from .base import Finding, Rule, finding

NAME = "usernames"

RULES = [
    Rule("usernames.offensive", "block", "An automated post names an account whose name is offensive. Never amplify it."),
    Rule("usernames.offensive_human", "warn", "This post mentions an account whose name is offensive. Check before you send it."),
]
_RULES = {rule.id: rule for rule in RULES}

_SUBSTR_MIN, _SUBSTR_MAX = 3, 16
# Short words that may stand next to an offensive word in a handle ("ImA", "TheReal", "xX").
FILLERS = {"i", "a", "im", "my", "ur", "u", "the", "of", "to", "no", "mr", "ms", "da", "lil", "big", "xx", "x", "real", "king", "official"}


class HandleReader:
    """Decides whether one handle or display name is offensive; results are cached per policy."""

    def __init__(self, base: profanity.OffensiveMatcher):
        self.allowed = base.allowed
        self.words = {w: k for w, k in base.words.items() if k in ("strong", "slur")}
        for w in base.handle_words:
            self.words.setdefault(w, "strong")
        self.phrases = compile_phrases(base.hate_phrases)
        # Run together, a hate phrase hides from word matching ("killallmuslims" reads as "killall muslims").
        self.squashed_phrases = {squash(p): p for p in base.hate_phrases if len(squash(p)) >= 6}
        # A piece of a handle is segmented only if it contains one of these: offensive words, or the
        # words hate phrases are made of ("killallmuslims").
        phrase_words = {w for p in base.hate_phrases for w in re.findall(r"[a-z]{3,}", p.lower())}
        self.triggers = set(self.words) | phrase_words
        self.longest = max((len(w) for w in self.triggers), default=0)
        self.common = common_words()
        self.known = word_rank()
        self.read = lru_cache(maxsize=65536)(self._read)
        load_segmenter()

    @staticmethod
    def _split(text: str) -> list[str]:
        """CamelCase, digit and punctuation breaks; letters lower-cased, digit runs kept."""
        return [p.lower() for p in camel_parts(text)]

    def _readings(self, core: str):
        plain = self._split(core)
        yield plain
        leeted = []
        if any(c in leet.FIRST for c in core):
            for table in (leet.FIRST, {**leet.FIRST, **leet.SECOND}):
                chars = list(core)
                for i, c in enumerate(chars):
                    if c in table and ((i > 0 and chars[i - 1].isalpha()) or (i + 1 < len(chars) and chars[i + 1].isalpha())):
                        chars[i] = table[c]
                leeted.append(self._split("".join(chars)))
                yield leeted[-1]
        # Underscores and case can split a word on purpose ("Nig_Ger"): read the letters as one run too.
        for parts in [plain] + leeted:
            letters = [p for p in parts if p.isalpha()]
            if len(letters) > 1:
                yield ["".join(letters)]

    def _mask_allowed(self, chunk: str) -> list[str]:
        pieces = [chunk]
        for word in self.allowed:
            if word in chunk:
                pieces = [q for p in pieces for q in p.split(word) if q]
        return pieces

    def _has_trigger(self, text: str) -> bool:
        n = len(text)
        for i in range(n):
            for j in range(i + _SUBSTR_MIN, min(n, i + min(self.longest, _SUBSTR_MAX)) + 1):
                if text[i:j] in self.triggers:
                    return True
        return False

    @staticmethod
    def _unstretched(chunk: str, limit: int = 16) -> list[str]:
        """Readings of stretched letters (fuuuuck, puuuussy): each run as one or two letters."""
        runs = [(m.group(1), len(m.group())) for m in re.finditer(r"(.)\1*", chunk)]
        if not any(n >= 3 for _, n in runs):
            return [chunk]
        options = [[c] if n == 1 else ([c, c * 2] if n >= 2 else [c]) for c, n in runs]
        out = []
        for combo in itertools.islice(itertools.product(*options), limit):
            out.append("".join(combo))
        return out

    def _clean_words(self, text: str) -> bool:
        """Does text read as ordinary words (or nothing)? Short filler words only from a small set."""
        if not text:
            return True
        return all(w in FILLERS or (len(w) >= 3 and w in self.common) for w in segment(text))

    def _embedded(self, piece: str) -> str | None:
        """An offensive word inside a run of letters whose other letters are ordinary words ("thefuckking")."""
        n = len(piece)
        for i in range(n):
            for j in range(min(n, i + self.longest), i + _SUBSTR_MIN - 1, -1):
                word = piece[i:j]
                if word in self.words and self._clean_words(piece[:i]) and self._clean_words(piece[j:]):
                    return word
        return None

    def _unmistakable(self, word: str) -> bool:
        """Slurs and long strong words are not an accident of segmentation ("xxwhorexx" is not "xx who rex x")."""
        return self.words.get(word) == "slur" or len(word) >= 5

    def _words(self, chunk: str) -> list[str]:
        if chunk in self.allowed or chunk in self.words:
            return [chunk]
        variants = self._unstretched(chunk)
        for v in variants:
            if v in self.words:
                return [v]
        for v in variants:
            pieces = self._mask_allowed(v)
            if not any(p not in self.common and self._has_trigger(p) for p in pieces):
                continue
            out = []
            for piece in pieces:
                if piece in self.common or not self._has_trigger(piece):
                    out.append(piece)
                    continue
                words = segment(piece)
                # Segmentation that reads the piece as known words is trusted ("rapeseed"); one that
                # leaves fragments ("the fuc kking") gets a second look for an embedded word.
                if not any(w in self.words for w in words):
                    embedded = self._embedded(piece)
                    if embedded and (not all(w in self.known for w in words) or self._unmistakable(embedded)):
                        words = (embedded,)
                out.extend(words)
            return out
        return self._mask_allowed(variants[-1])

    def _read(self, handle: str) -> str | None:
        """The offensive word or phrase in a handle or display name, or None."""
        core = handle.lstrip("@")
        user, _, instance = core.partition("@")
        if "." in instance:  # @user@instance.social: the user part
            core = user
        for parts in self._readings(core):
            words = []
            for part in parts:
                words.extend([part] if part.isdigit() else self._words(part))
            for w in words:
                if w in self.words:
                    return w
            if self.phrases is not None:
                m = self.phrases.search(" ".join(words))
                if m:
                    return m.group()
            joined = "".join(w for w in words if w.isalnum())
            for squashed, phrase in self.squashed_phrases.items():
                if squashed in joined:
                    return phrase
        return None


def reader(policy) -> HandleReader:
    # Built on the same word lists the tone check already compiled for this policy version.
    return policy.compiled("usernames.reader", lambda p: HandleReader(profanity.matcher(p)))


_NAME_LIKE = re.compile(r"^(?=.*[A-Za-z])(?:[A-Za-z]+[A-Z0-9_][A-Za-z0-9_]*|[A-Za-z0-9_]*\d[A-Za-z0-9_]*|[A-Za-z]{13,})$")


def _name_like_tokens(post):
    """Words in an automated post that read like a display name: CamelCase, digits, underscores, or very long."""
    for token in post.text.tokens:
        if token.kind == "word" and _NAME_LIKE.match(token.value) and not token.value.isupper():
            yield token


def check(post, policy) -> list[Finding]:
    handles = reader(policy)
    tokens = list(post.text.of_kind("mention"))
    if post.automated:
        tokens += list(_name_like_tokens(post))
    rule = _RULES["usernames.offensive" if post.automated else "usernames.offensive_human"]
    findings = []
    for token in tokens:
        word = handles.read(token.value)
        if word:
            findings.append(finding(rule, token.start, token.end, handle_word=word))
    if post.automated and post.in_reply_to and post.in_reply_to.author:
        author = post.in_reply_to.author
        word = handles.read(author)
        if word and not any(author.lstrip("@").lower() == t.value.lstrip("@").lower() for t in tokens):
            findings.append(finding(rule, 0, 0, message=f"{rule.message} (the account this post replies to)", handle_word=word))
    return findings
