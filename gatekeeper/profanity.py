"""Fast offensive-word matching that sees through the usual disguises.

better-profanity's word list is good, its matcher slow (~100 ms a tweet) and
easy to fool. This matcher takes the list (plus the policy's offensive
lexicon) and looks each word up in a set, after undoing spacing (s h i t),
masking (f***, b***h), leetspeak ($hit, a$$hole, sh1t), stretching (fuuuck)
and hyphen or dot splitting (f.u.c.k). Look-alike and zero-width characters
are already gone: it works on the normalised text. Matching is by whole word,
so cocktail, Scunthorpe, assessment and therapist never match.
"""
from __future__ import annotations

import itertools
import os
import re
from dataclasses import dataclass
from functools import lru_cache

import better_profanity

from .leet import READINGS as LEET
from .rules.phrases import compile_phrases
from .words import word_rank

MASKS = set("*#%")
EDGE_PUNCT = ".,;:?\"'()[]{}<>«»“”‘’…~^"
SPACED = re.compile(r"(?<![^\s])(?:[^\s][ .\-_/]{1,2}){2,}[^\s](?![^\s.,!?])")
RUN3 = re.compile(r"(.)\1{2,}")
RUN2 = re.compile(r"(.)\1+")
_TOKEN = re.compile(r"\S+")


def _unstretched(word: str) -> tuple[str, ...]:
    """Repeated letters read twice and once: "fuuuck" -> "fuuck", "fuck"."""
    if not RUN2.search(word):
        return ()
    return RUN3.sub(r"\1\1", word), RUN2.sub(r"\1", word)


@lru_cache(maxsize=1)
def builtin_words() -> tuple[str, ...]:
    """better-profanity's word list, one entry a line (some entries are phrases)."""
    path = os.path.join(os.path.dirname(better_profanity.__file__), "profanity_wordlist.txt")
    with open(path, encoding="utf-8") as fh:
        return tuple(line.strip().lower() for line in fh if line.strip())


@dataclass(frozen=True)
class Hit:
    kind: str  # hate, slur, strong, mild (an insult when aimed), exclaim (rude when aimed)
    word: str  # the list word it matched
    start: int  # span in the normalised text
    end: int


class OffensiveMatcher:
    SEVERITY = ("slur", "strong", "mild", "exclaim")

    def __init__(self, lexicon: dict):
        lower = lambda items: {w.strip().lower() for w in items if w.strip()}  # noqa: E731
        self.allowed = lower(lexicon.get("allowed", []))
        not_offensive = lower(lexicon.get("not_offensive", []))
        mild = lower(lexicon.get("mild_terms", []))
        exclaim = lower(lexicon.get("mild_exclamations", []))
        slurs = lower(lexicon.get("slurs", []))
        strong = (set(builtin_words()) | lower(lexicon.get("extra_terms", []))) - not_offensive - mild - exclaim - slurs
        # Single words are looked up in sets; multi-word entries become phrase regexes.
        self.words = {}
        for kind, items in (("exclaim", exclaim), ("mild", mild), ("strong", strong), ("slur", slurs)):
            for w in items:
                if " " not in w:
                    self.words[w] = kind
        self.hate_phrases = list(lexicon.get("hate_phrases", [])) + [
            f"{verb} {group}" for verb in lexicon.get("hate_verbs", []) for group in lexicon.get("protected_groups", [])]
        self.handle_words = lower(lexicon.get("handle_terms", []))
        self.allowed_phrases = compile_phrases(lexicon.get("allowed_phrases", []))
        self.phrases = [
            ("hate", compile_phrases(self.hate_phrases)),
            ("strong", compile_phrases([w for w in strong if " " in w])),
            ("slur", compile_phrases([w for w in slurs if " " in w])),
            ("mild", compile_phrases([w for w in mild if " " in w])),
            ("exclaim", compile_phrases([w for w in exclaim if " " in w])),
        ]
        word_rank()  # loaded now, not on the first masked word of a user's post
        self.by_length: dict[int, list[str]] = {}
        for w in self.words:
            if w.isalpha():
                self.by_length.setdefault(len(w), []).append(w)

    # -- one word ---------------------------------------------------------------
    def lookup(self, token: str) -> tuple[str, str] | None:
        """(kind, list word) if this one word is offensive under any disguise."""
        token = token.lower()
        if not token or token in self.allowed:
            return None
        if token.isalpha():
            # Most words are plain letters: a set lookup, then the stretched readings (fuuuck, fuuck).
            for reading in (token, *_unstretched(token)):
                if reading in self.allowed:
                    return None
                kind = self.words.get(reading)
                if kind:
                    return kind, reading
            return None
        best = None
        for candidate in self._readings(token):
            if candidate in self.allowed:
                return None
            kind = self.words.get(candidate)
            if kind and (best is None or self.SEVERITY.index(kind) < self.SEVERITY.index(best[0])):
                best = (kind, candidate)
        if best is None and any(c in MASKS for c in token):
            return self._masked(token)
        return best

    def _readings(self, token: str):
        yield token
        bare = token.strip("-_.")
        if re.fullmatch(r"(?:[^\W_][.\-_]){2,}[^\W_]", bare):  # f.u.c.k, f-u-c-k, f_u_c_k
            yield re.sub(r"[.\-_]", "", bare)
        forms = {token}
        if any(c in LEET for c in token) and any(c.isalpha() for c in token):
            forms |= set(self._deleet(token))
        for form in list(forms):
            yield form
            yield from _unstretched(form)
        if token.endswith("'s") or token.endswith("’s"):
            yield token[:-2]

    @staticmethod
    def _deleet(token: str, limit: int = 16):
        options = [LEET.get(c, c) if c in LEET else c for c in token]
        count = 1
        for o in options:
            count *= len(o)
        if count > limit:
            options = [o[0] for o in options]
        for combo in itertools.product(*options):
            yield "".join(combo)

    def _masked(self, token: str) -> tuple[str, str] | None:
        """f***, f**k, b***h, s**t: masks stand for letters; the visible letters must fit one list word."""
        core = token.strip(EDGE_PUNCT)
        visible = [c for c in core if c.isalpha()]
        if len(visible) < 1 or not core[0].isalpha() or len(core) < 3:
            return None
        pattern = re.compile("".join("[a-z]" if c in MASKS else re.escape(LEET.get(c, c)[0] if not c.isalpha() else c) for c in core))
        matches = [w for w in self.by_length.get(len(core), []) if pattern.fullmatch(w)]
        if len(visible) == 1:
            # "f***" alone: only the strongest reading counts.
            matches = [w for w in matches if self.words[w] in ("strong", "slur") and w in ("fuck", "shit", "cunt", "twat", "dick", "crap", "piss", "damn")]
        if not matches:
            return None
        # The most severe reading, then the most common word: f**k is "fuck", not "fack".
        ranks = word_rank()
        best = min(matches, key=lambda w: (self.SEVERITY.index(self.words[w]), ranks.get(w, len(ranks))))
        return self.words[best], best

    # -- a whole text -------------------------------------------------------------
    def scan(self, lower: str) -> list[Hit]:
        """Offensive words and phrases in normalised lower-case text, with their spans."""
        hits: list[Hit] = []
        for kind, regex in self.phrases:
            if regex is not None:
                hits.extend(Hit(kind, m.group(), *m.span()) for m in regex.finditer(lower))
        for match in _TOKEN.finditer(lower):
            raw = match.group()
            if raw.startswith(("@", "http", "www.")) or "/" in raw:
                continue  # handles and links are judged elsewhere
            start = match.start()
            left = len(raw) - len(raw.lstrip(EDGE_PUNCT))
            word = raw.strip(EDGE_PUNCT).rstrip("!")
            if raw.startswith("#"):
                word, left = word[1:], left + 1
            if not word:
                continue
            found = self.lookup(word)
            if found is None and "-" in word.strip("-"):
                for part_match in re.finditer(r"[^-]+", word):
                    part = self.lookup(part_match.group())
                    if part:
                        s = start + left + part_match.start()
                        hits.append(Hit(part[0], part[1], s, s + len(part_match.group())))
                continue
            if found:
                hits.append(Hit(found[0], found[1], start + left, start + left + len(word)))
        for match in SPACED.finditer(lower):
            joined = re.sub(r"[ .\-_/]", "", match.group())
            found = self.lookup(joined)
            if found:
                hits.append(Hit(found[0], found[1], *match.span()))
        if self.allowed_phrases is not None:
            # "Screaming Orgasm" on a cocktail menu, "Hell's Kitchen": the whole name is fine.
            spans = [m.span() for m in self.allowed_phrases.finditer(lower)]
            hits = [h for h in hits if not any(s <= h.start and h.end <= e for s, e in spans)]
        return _dedupe(hits)


def _dedupe(hits: list[Hit]) -> list[Hit]:
    order = {"hate": 0, "slur": 1, "strong": 2, "mild": 3, "exclaim": 4}
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (order[h.kind], -(h.end - h.start), h.start)):
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def matcher(policy) -> OffensiveMatcher:
    return policy.compiled("offensive.matcher", lambda p: OffensiveMatcher(p.lexicon("offensive")))
