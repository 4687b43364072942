"""Fast offensive-word matching that sees through the usual disguises.

better-profanity's word list is good, its matcher slow (~100 ms a tweet) and
easy to fool. This matcher takes the list (plus the policy's offensive
lexicon) and looks each word up in a set, after undoing spacing (s h i t),
masking (f***, b***h), leetspeak ($hit, a$$hole, sh1t), stretching (fuuuck)
hyphen or dot splitting (f.u.c.k) and swapped letters (fvck, niqqa, phuck).
Look-alike and zero-width characters are already gone: it works on the
normalised text. Matching is by whole word, so cocktail, Scunthorpe,
assessment and therapist never match; a common English word (wordfreq) is
never read through a letter swap ("vote" is not "uote").

Every pattern here runs in linear time and the work per token is bounded:
readings are capped, results are cached, and a token longer than any word
(LONG_TOKEN) gets one reading in one pass.
"""
from __future__ import annotations

import bisect
import itertools
import os
import re
from dataclasses import dataclass
from functools import lru_cache

import better_profanity

from .leet import READINGS as LEET
from .rules.phrases import compile_phrases
from .languages import letter_words, written_in
from .names import person_names
from .words import place_names, word_rank, zipf

MASKS = set("*#%")
EDGE_PUNCT = ".,;:?\"'()[]{}<>«»“”‘’…~^"
# Single characters with one to three separators between them ("f u c k", "f.u.c.k", "f - u - c - k"). A "letter" is
# never a separator, so there is one way to read a run: linear, and starts only after whitespace.
# Separators people put between the letters of a word: n·i·g·g·e·r, f|u|c|k, f*a*g (and k,i,k,e in one token: with
# spaces, commas separate a list, "F, A, G").
# The letters of a spaced word are letters, digits and the symbols that stand for letters ($hit, @ss, sh!t), so an
# emoji or a one-letter word beside it is not read into it.
SPACED = re.compile(r"(?<!\S)(?:[^\W_]|[$@!])(?:[ .\-_/·•|+~*]{1,3}(?:[^\W_]|[$@!])){2,}(?![^\s.,!?])")
_ONE_LETTER_WORDS = frozenset("aiu")  # a, I, u ("you")
_SEPARATOR = re.compile(r"[ .\-_/·•|+~,*]")
RUN3 = re.compile(r"(.)\1{2,}")
RUN2 = re.compile(r"(.)\1+")
RUN_ANY = re.compile(r"(.)\1*")
_TOKEN = re.compile(r"\S+")
_DOTTED = re.compile(r"(?:[^\W_][.\-_·•|+~,*]){2,}[^\W_]")
# One letter and digits: a gate, seat, postcode or model (Gate F46, N16, Galaxy A55), not a word in disguise.
_CODE = re.compile(r"[a-z]\d+")
# No offensive word is longer than this; a longer token gets one bounded reading.
LONG_TOKEN = 48
# A word this common (Zipf scale) is itself, not a letter-swapped disguise.
COMMON_WORD_ZIPF = 3.0
# Letters people swap in to get past filters: fvck, cvnt; niqqa, faqqot; phuck; jakkass; azzhole; kunt.
SWAPS = (("v", "u"), ("q", "g"), ("ph", "f"), ("kk", "ck"), ("z", "s"), ("k", "c"))
_LOOKUP_CACHE = 65536
# Listed words of these lengths are looked for inside other words (innocent_spans).
STEM_MIN, STEM_MAX = 3, 7
# A word this common (Zipf scale) that holds a slur is an everyday word ("sniggering", "retardant"); a commoner
# word ("night", "class", "Arsenal") the model has read often enough to know.
INNOCENT_ZIPF = (2.0, 4.0)
_LETTERS = re.compile(r"[a-z]+")
_CLITIC = re.compile(r"[\'’](?:s|re|ll|ve|d|t|m)$")
_NOT_ALNUM = re.compile(r"[\W_]+")
_HANDLE = re.compile(r"@\w+(?:@[\w.-]+)?(?:[^\w@$!]|$)")


# At most this many runs of a repeated letter are read two ways each (once, twice); the rest are read both ways at once.
_STRETCH_RUNS = 4


def _unstretched(word: str) -> tuple[str, ...]:
    """Repeated letters read twice and once: "fuuuck" -> "fuuck", "fuck"; each stretched run also on its own, since
    a stretched word may have a double letter of its own: "niiiigger" -> "niigger", "nigger"."""
    if not RUN2.search(word):
        return ()
    readings = [RUN3.sub(r"\1\1", word), RUN2.sub(r"\1", word)]
    pieces = [m.group() for m in RUN_ANY.finditer(word)]
    runs = [i for i, piece in enumerate(pieces) if len(piece) > 2]  # stretched; a double letter is spelling
    if 0 < len(runs) <= _STRETCH_RUNS:
        for cut in itertools.product((2, 1), repeat=len(runs)):
            for i, keep in zip(runs, cut):
                pieces[i] = pieces[i][0] * keep
            readings.append("".join(pieces))
    return tuple(dict.fromkeys(reading for reading in readings if reading != word))


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


def expand_match(match: str) -> list[str]:
    """An imported entry's forms: "fu*ck|fuckin" -> fuck, fuckin ("*" repeats the letter before; stretched readings cover it)."""
    return [form.replace("*", "").strip().lower() for form in match.split("|") if form.replace("*", "").strip()]


def imported_terms(lexicon: dict) -> dict[str, set[str]]:
    """The imported lists' forms by kind (slur, strong, handle), as each list's kinds (or imported_kinds)
    map tag and severity; "kept": the slurs whose tags are in keep_everyday_phrases."""
    rank = {"handle": 0, "strong": 1, "slur": 2}
    keep_tags = set(lexicon.get("keep_everyday_phrases", []))
    out: dict[str, set[str]] = {"slur": set(), "strong": set(), "handle": set(), "kept": set()}
    for group in lexicon.get("imported_lists", []):
        kinds = group.get("kinds", lexicon.get("imported_kinds", {}))
        for term in group.get("terms", []):
            best = None
            for tag in term.get("tags", []):
                for kind, minimum in kinds.get(tag, {}).items():
                    if term["severity"] >= minimum and (best is None or rank[kind] > rank[best]):
                        best = kind
            if best:
                forms = expand_match(term["match"])
                out[best].update(forms)
                if best == "slur" and keep_tags & set(term.get("tags", [])):
                    out["kept"].update(forms)
    return out


def _innocent_phrase(phrase: str, listed: set[str]) -> bool:
    """A phrase made only of common words, none of them offensive ("brownie king", "switch hitter")."""
    words = re.findall(r"[a-z]+", phrase)
    return all(zipf(w) >= COMMON_WORD_ZIPF and w not in listed for w in words)


class OffensiveMatcher:
    SEVERITY = ("slur", "strong", "mild", "exclaim")

    def __init__(self, lexicon: dict):
        lower = lambda items: {w.strip().lower() for w in items if w.strip()}  # noqa: E731
        self.allowed = lower(lexicon.get("allowed", []))
        not_offensive = lower(lexicon.get("not_offensive", []))
        mild = lower(lexicon.get("mild_terms", []))
        exclaim = lower(lexicon.get("mild_exclamations", []))
        explicit = not_offensive | mild | exclaim
        self.freed = not_offensive
        imported = imported_terms(lexicon)
        slurs = (lower(lexicon.get("slurs", [])) | imported["slur"]) - explicit
        strong = (set(builtin_words()) | lower(lexicon.get("extra_terms", [])) | imported["strong"]) - explicit - slurs
        listed = {w for w in slurs | strong if " " not in w}
        # Imported phrases of everyday words ("brownie king", "switch hitter") would flag ordinary posts.
        innocent = {p for p in (slurs | strong | imported["handle"]) if " " in p and _innocent_phrase(p, listed)}
        innocent -= imported["kept"]  # "camel jockey", "towel head": everyday words, a slur together
        slurs -= innocent
        strong -= innocent
        # Single words are looked up in sets; multi-word entries become phrase regexes.
        self.words = {}
        for kind, items in (("exclaim", exclaim), ("mild", mild), ("strong", strong), ("slur", slurs)):
            for w in items:
                if " " not in w:
                    self.words[w] = kind
        self.hate_phrases = list(lexicon.get("hate_phrases", [])) + [
            f"{verb} {group}" for verb in lexicon.get("hate_verbs", []) for group in lexicon.get("protected_groups", [])]
        # Run together in a hashtag ("#14words"): phrases of letters only are matched so by the phrase matcher.
        self.hate_phrases += [re.sub(r"[\W_]", "", p) for p in self.hate_phrases if re.search(r"\d", p) and " " in p]
        # Words offensive in a username only: the policy's handle_terms, the imported sexual terms that
        # are not everyday words, and imported phrases run together ("sandnigger", "cumshot") unless
        # they are made of everyday words only ("brownieking", "switchhitter").
        self.handle_words = lower(lexicon.get("handle_terms", [])) | {
            w for w in imported["handle"] - explicit if " " not in w and "-" not in w and zipf(w) < 3.5}
        self.handle_words |= {re.sub(r"[^a-z]", "", p) for p in imported["handle"] | imported["strong"] | imported["slur"]
                              if (" " in p or "-" in p) and p not in innocent}
        # A word the policy frees in posts (not_offensive) that a maintained list has as a slur or a sexual
        # term still counts in a username when it is a rare word (@SissyBoi, @xXspixXx): a name has no
        # sentence to make "a jigger of rum" of it. Common ones (sex, nude, playboy) stay free; `allowed` frees any.
        rare_freed = {w for w in not_offensive & (imported["slur"] | imported["strong"] | imported["handle"])
                      if w.isalpha() and zipf(w) < 3.5}
        self.handle_words = (self.handle_words - explicit) | rare_freed | lower(lexicon.get("handle_terms", []))
        self.allowed_phrases = compile_phrases(lexicon.get("allowed_phrases", []))
        # Words of a list that are ordinary words of another language ("retard", French for a delay): fine in a
        # post written in that language.
        self.ordinary_in = {lang: lower(ws) for lang, ws in (lexicon.get("ordinary_in_languages") or {}).items()}
        self.ordinary_anywhere = set().union(*self.ordinary_in.values()) if self.ordinary_in else set()
        for lang in self.ordinary_in:
            written_in(lang, [])  # its word lists read now, not on the first post that needs them
        person_names()  # read by the tone check for the names a list word may be part of
        self.phrases = [
            ("hate", compile_phrases(self.hate_phrases)),
            ("strong", compile_phrases([w for w in strong if " " in w])),
            ("slur", compile_phrases([w for w in slurs if " " in w])),
            ("mild", compile_phrases([w for w in mild if " " in w])),
            ("exclaim", compile_phrases([w for w in exclaim if " " in w])),
        ]
        # Slurs and swear words that ordinary words hold inside them (Scunthorpe, sniggering, retardant, Dickinson).
        # The sexual words the policy frees in posts ("penis") count: a model reads them in "Penistone" all the same.
        self.stems = {w: ("slur" if w in slurs else "strong") for w in slurs | strong | set(builtin_words())
                      if w.isalpha() and STEM_MIN <= len(w) <= STEM_MAX}
        place_names()  # read now for innocent_spans
        word_rank()  # loaded now, not on the first masked word of a user's post
        self.by_length: dict[int, list[str]] = {}
        for w in self.words:
            if w.isalpha():
                self.by_length.setdefault(len(w), []).append(w)
        self.lookup = lru_cache(maxsize=_LOOKUP_CACHE)(self._lookup)

    # -- one word ---------------------------------------------------------------
    def _lookup(self, token: str) -> tuple[str, str] | None:
        """(kind, list word) if this one word is offensive under any disguise. Cached per matcher as `lookup`."""
        token = token.lower()
        if not token or token in self.allowed:
            return None
        if len(token) > LONG_TOKEN:
            return self._long(token)
        if token.isalpha():
            # Most words are plain letters: a set lookup, then the stretched readings (fuuuck, fuuck), the most
            # severe reading winning ("reeeetard" is "retard", not the listed disguise "reetard").
            kind = self.words.get(token)
            if kind:
                return kind, token
            best = self._best(_unstretched(token))
            if best is False:
                return None
            if best:
                return best
            if zipf(token) >= COMMON_WORD_ZIPF:
                return None  # a real word ("vote", "queue", "assess", "snatches") is no disguise and no plural
            plural = self._plural(token)
            if plural:
                return plural
            return self._best(self._swapped(token)) or None
        best = self._best(self._readings(token))
        if best is False:
            return None
        if best is None and any(c in MASKS for c in token):
            return self._masked(token)
        if best is None or best[0] != "slur":
            # "r_tard" is the listed disguise "rtard", and "retard" with a letter hidden
            inserted = self._inserted(token)
            if inserted and (best is None or self.SEVERITY.index(inserted[0]) < self.SEVERITY.index(best[0])):
                return inserted
        return best

    def _plural(self, token: str) -> tuple[str, str] | None:
        """A plural of a listed word that the list lacks: "trannys", "kykes", "wankers", "bitches"."""
        if len(token) < 5 or not token.endswith("s") or token in self.freed:
            return None
        stems = [token[:-1]]
        if token.endswith("es") and (token[-4:-2] in ("ch", "sh") or token[-3:-2] in ("s", "x", "z")):
            stems.append(token[:-2])
        for stem in stems:
            kind = self.words.get(stem)
            if kind in ("slur", "strong", "mild") and zipf(stem) < COMMON_WORD_ZIPF:  # "snatches" is a verb
                return kind, stem
        return None

    def _inserted(self, token: str) -> tuple[str, str] | None:
        """A slur or swear word with one or two other characters inside it, put in or put for a letter ("n.gger",
        "r_tard", "f-ggot", "mo'ron"): only a slur or a strong word counts, never a mild one ("he'll" is not "hell"),
        and not in initials ("J.P.", "P.S."), possessives or contractions ("Nick's", "who're"), which are themselves."""
        core = token.strip(EDGE_PUNCT)
        odd = [i for i, c in enumerate(core) if not c.isalnum() and c not in LEET and c not in MASKS]
        if not odd or len(odd) > 2 or len(core) > 16 or 0 in odd or len(core) - 1 in odd or _CLITIC.search(core):
            return None
        runs = [len(run) for run in _NOT_ALNUM.split(core) if run]
        if not runs or max(runs) < 2 or sum(runs) < 3:
            return None  # initials ("J.P.", "P.S.", "N.B.A."), not a word with a letter hidden
        dropped = "".join(c for i, c in enumerate(core) if i not in odd)
        kind = self.words.get(dropped)  # the word itself, no further reading of it ("less-so" is no "leso")
        put_in = (kind, dropped) if kind else None
        put_for = self._masked("".join("*" if i in odd else c for i, c in enumerate(core)), letters_seen=2)
        # Short pieces ("k.ke", "ki'ke") make a slur only: too many short words are a swear word with a letter hidden.
        wanted = ("slur", "strong") if max(runs) >= 3 else ("slur",)
        found = [f for f in (put_in, put_for) if f and f[0] in wanted]
        return min(found, key=lambda f: self.SEVERITY.index(f[0])) if found else None

    def _best(self, readings):
        """The most severe (kind, word) among readings; False if a reading is an allowed word."""
        best = None
        for candidate in readings:
            if candidate in self.allowed:
                return False
            kind = self.words.get(candidate)
            if kind and (best is None or self.SEVERITY.index(kind) < self.SEVERITY.index(best[0])):
                best = (kind, candidate)
        return best

    def _long(self, token: str) -> tuple[str, str] | None:
        """Longer than any word: one reading (look-alike digits as letters, runs squeezed), one pass."""
        reading = RUN2.sub(r"\1", "".join(LEET[c][0] if c in LEET else c for c in token))
        if len(reading) > LONG_TOKEN:
            return None
        found = self._best((reading,))
        return found or None

    @staticmethod
    def _swapped(token: str) -> list[str]:
        """Readings with swapped letters undone (fvck, niqqa, phuck), each also unstretched; at most 16."""
        forms = [token]
        for typed, meant in SWAPS:
            if typed in token:
                forms += [f.replace(typed, meant) for f in forms]
        out = []
        for form in forms[1:]:
            out.append(form)
            out.extend(_unstretched(form))
        return out[:16]

    def _readings(self, token: str):
        yield token
        bare = token.strip("-_.")
        if _DOTTED.fullmatch(bare):  # f.u.c.k, f-u-c-k, f_u_c_k, n·i·g·g·e·r
            yield _SEPARATOR.sub("", bare)
        forms = {token}
        if any(c in LEET for c in token) and any(c.isalpha() for c in token) and not _CODE.fullmatch(token):
            forms |= set(self._deleet(token))
        for form in list(forms):
            yield form
            yield from _unstretched(form)
            if form.isalpha() and zipf(form) < COMMON_WORD_ZIPF:
                yield from self._swapped(form)
        if token.endswith("'s") or token.endswith("’s"):
            yield token[:-2]

    @staticmethod
    def _deleet(token: str, limit: int = 16):
        """Every reading of look-alike digits and symbols as letters; only the likeliest when there are too many."""
        options = [LEET.get(c, c) if c in LEET else c for c in token]
        count = 1
        for o in options:
            count *= len(o)
            if count > limit:
                options = [o[0] for o in options]
                break
        for combo in itertools.product(*options):
            yield "".join(combo)

    def _masked(self, token: str, letters_seen: int = 1) -> tuple[str, str] | None:
        """f***, f**k, b***h, s**t: masks stand for letters; the visible letters must fit one list word."""
        core = token.strip(EDGE_PUNCT)
        visible = [c for c in core if c.isalpha()]
        if len(visible) < letters_seen or not core[0].isalpha() or len(core) < 3 or len(core) not in self.by_length:
            return None
        # Each mask stands for any letter; every other character must be that letter (digits read as letters).
        wanted = [None if c in MASKS else (c if c.isalpha() else LEET.get(c, c)[0]) for c in core]
        matches = [w for w in self.by_length[len(core)] if all(x is None or x == y for x, y in zip(wanted, w))]
        if len(visible) == 1:
            # "f***" alone: only the strongest reading counts.
            matches = [w for w in matches if self.words[w] in ("strong", "slur") and w in ("fuck", "shit", "cunt", "twat", "dick", "crap", "piss", "damn")]
        if not matches:
            return None
        # The most severe reading, then the most common word: f**k is "fuck", not "fack".
        ranks = word_rank()
        best = min(matches, key=lambda w: (self.SEVERITY.index(self.words[w]), ranks.get(w, len(ranks))))
        return self.words[best], best

    def innocent_spans(self, lower: str, norm: str) -> list[tuple[int, int]]:
        """Words and phrases the lists free that hold a slur or a swear word in their letters: the allowed words
        and phrases ("Scunthorpe", "Coon Rapids"), place names and people's names written with a capital
        ("Penistone", "Niger", "Dickinson") and everyday words ("sniggering", "retardant"). A model that reads
        letters reads them as what they hold; the check shows it only the rest."""
        spans = [m.span() for m in self.allowed_phrases.finditer(lower)] if self.allowed_phrases is not None else []
        places, names = place_names(), person_names()
        for match in _LETTERS.finditer(lower):
            word = match.group()
            if len(word) <= STEM_MIN:
                continue
            held = [word[i:i + n] for n in range(STEM_MIN, STEM_MAX + 1) for i in range(len(word) - n + 1)
                    if word[i:i + n] in self.stems]
            if not held or word in self.words or self.lookup(word):
                continue  # holds no listed word; or is a listed word itself, or one in disguise
            slur, common = any(self.stems[stem] == "slur" for stem in held), zipf(word)
            if common >= INNOCENT_ZIPF[1]:
                continue
            longest = max(map(len, held))
            # An everyday word holds a slur with letters to spare ("sniggering", "retardant"); "niger" lower case
            # is one letter from a slur.
            everyday = slur and common >= INNOCENT_ZIPF[0] and len(word) >= longest + 3
            if word in self.allowed or everyday or (
                    (slur or longest > STEM_MIN) and (word in places or word in names)
                    and norm[match.start()].isupper()):
                # A swear word inside an everyday word may be one more swear word ("batshit"); a place or a person
                # is written with a capital ("you niger" is not Niger).
                end = match.end()
                if lower[end:end + 2] in ("'s", "’s"):
                    end += 2  # "Sussex's": the possessive goes with the word
                spans.append((match.start(), end))
        return spans

    # -- a whole text -------------------------------------------------------------
    def scan(self, lower: str) -> list[Hit]:
        """Offensive words and phrases in normalised lower-case text, with their spans."""
        hits: list[Hit] = []
        for kind, regex in self.phrases:
            if regex is not None:
                hits.extend(Hit(kind, m.group(), *m.span()) for m in regex.finditer(lower))
        for match in _TOKEN.finditer(lower):
            raw = match.group()
            if _HANDLE.match(raw) or raw.startswith(("http", "www.")) or "/" in raw:
                continue  # handles and links are judged elsewhere ("@$$hole" is no handle)
            start = match.start()
            left = len(raw) - len(raw.lstrip(EDGE_PUNCT))
            word = raw.lstrip(EDGE_PUNCT).rstrip(EDGE_PUNCT + "!")  # "idiot...!", "fuck!?" ("!" inside is a letter: sh!t)
            if raw.startswith("#"):
                word, left = word[1:], left + 1
            if not word:
                continue
            found = self.lookup(word)
            if found is None and "-" in word.strip("-") and len(word) <= 4 * LONG_TOKEN:
                for part_match in re.finditer(r"[^-]+", word):
                    part = self.lookup(part_match.group())
                    if part:
                        s = start + left + part_match.start()
                        hits.append(Hit(part[0], part[1], s, s + len(part_match.group())))
                continue
            if found:
                hits.append(Hit(found[0], found[1], start + left, start + left + len(word)))
        for match in SPACED.finditer(lower):
            joined = _SEPARATOR.sub("", match.group())
            if len(joined) > LONG_TOKEN or set(joined) <= {"x", "o"}:
                continue  # a long run of single characters is not one word; "x x x" are kisses
            found, start, end = self.lookup(joined), match.start(), match.end()
            if not found and len(joined) > 3:
                # A one-letter word beside the spaced one ("is a c u n t", "f u c k u") is read into it: the word
                # is the rest, and its span leaves the one-letter word out.
                letters = [match.start() + i for i, c in enumerate(match.group()) if not _SEPARATOR.match(c)]
                first, last = joined[0] in _ONE_LETTER_WORDS, joined[-1] in _ONE_LETTER_WORDS
                for cut_first, cut_last in ((True, False), (False, True), (True, True)):
                    if (cut_first and not first) or (cut_last and not last) or (cut_first and cut_last and len(joined) < 5):
                        continue
                    found = self.lookup(joined[cut_first:len(joined) - cut_last])
                    if found:
                        start, end = letters[cut_first], letters[len(letters) - 1 - cut_last] + 1
                        break
            if found:
                hits.append(Hit(found[0], found[1], start, end))
        if self.allowed_phrases is not None:
            # "Screaming Orgasm" on a cocktail menu, "Hell's Kitchen": the whole name is fine.
            spans = [m.span() for m in self.allowed_phrases.finditer(lower)]
            hits = [h for h in hits if not any(s <= h.start and h.end <= e for s, e in spans)]
        if self.ordinary_anywhere and any(lower[h.start:h.end] in self.ordinary_anywhere for h in hits):
            words = letter_words(lower)
            ordinary = set().union(*(ws for lang, ws in self.ordinary_in.items() if written_in(lang, words)))
            hits = [h for h in hits if lower[h.start:h.end] not in ordinary]
        return _dedupe(hits)


def _dedupe(hits: list[Hit]) -> list[Hit]:
    """One hit per stretch of text: the strongest kind, then the longest. The kept hits never overlap, so each
    candidate is compared with its two neighbours among them (a post of 2,000 swear words stays linear-ish)."""
    order = {"hate": 0, "slur": 1, "strong": 2, "mild": 3, "exclaim": 4}
    starts: list[int] = []
    kept: list[Hit] = []  # sorted by start, parallel to starts
    for hit in sorted(hits, key=lambda h: (order[h.kind], -(h.end - h.start), h.start)):
        i = bisect.bisect_right(starts, hit.start)
        if (i and kept[i - 1].end > hit.start) or (i < len(kept) and kept[i].start < hit.end):
            continue
        starts.insert(i, hit.start)
        kept.insert(i, hit)
    return kept


def matcher(policy) -> OffensiveMatcher:
    return policy.compiled("offensive.matcher", lambda p: OffensiveMatcher(p.lexicon("offensive")))
