"""Offensive usernames: the Patriots' "1 million followers" auto-tweet problem.

A handle hides its words: @IHateN1ggers, @Fuuuck_The_Police, @xXwh0reXx, @FVCK_U.
Each handle is read the way a person would: look-alike letters are already
folded by normalisation; then it is split at CamelCase, underscores and
digits, leetspeak is undone (1→i, 3→e, 0→o, 4→a, 5→s, $→s, @→a), stretched
letters squeezed and swapped letters undone (v→u, q→g, ph→f). An offensive
word found inside a part counts unless a real word or place covers it: a
place name (gazetteer: train/place_names.py), a common English word
(wordfreq), or a rarer dictionary word whose other letters are no words of
their own (Dickensian = dick + "ensian"). So @ScunthorpeUtd, @TherapistFinder,
@Penistone_FC, @cockatoo_rescue and @Shitterton_WI pass, while @fuckboy99
(fuck + boy) does not. Automated posts get every handle and display-name-like
token checked (block by default); posts written by people get their handles
checked with a milder default.
"""
from __future__ import annotations

import itertools
import re
from functools import lru_cache

from .. import leet, profanity
from ..rules.phrases import compile_phrases, squash
from ..names import person_names, reads_as_name
from ..words import camel_parts, first_names, place_names, zipf
from .base import Finding, Rule, finding

NAME = "usernames"

RULES = [
    Rule("usernames.offensive", "block", "An automated post names an account whose name is offensive. Never amplify it."),
    Rule("usernames.offensive_human", "warn", "This post mentions an account whose name is offensive. Check before you send it."),
]
_RULES = {rule.id: rule for rule in RULES}

# The longest display name on the supported platforms is 50 characters; a longer token is not a
# name, and reading stays bounded per token.
MAX_NAME = 64
MIN_WORD = 3
# A word at least this common covers an offensive word inside it (cockpit, therapist, grapes).
COMMON_ZIPF = 2.3
# A word wordfreq knows at all (Zipf >= 1.5: Dickensian, cockatoo) covers one when its other letters are no words.
KNOWN_ZIPF = 1.5
# A part of a handle that is neither a name nor at least this common a word makes it no name ("uro|Phi|Lia").
NAME_HANDLE_WORD_ZIPF = 3.0
# Letters around an offensive word that make a compound of it ("fuck" + "boy"), unless they are only a suffix.
PART_WORD_ZIPF = 3.5
SUFFIXES = {"ing", "ings", "ers", "ies", "ism", "ist", "ian", "ite", "est", "ity", "ful", "ous", "ish", "ese", "ine", "ion"}
# Endings that make a form of an offensive word ("bastards", "wankers"); a form that is a common
# word of its own ("cocked", "spiced", "cumin") is left out.
INFLECTIONS = ("s", "es", "er", "ers", "ing")
# Digits and symbols that read as letters even with a letter on one side only ("xXwh0re", "sh1t"); the
# others ("2" for z, "9" for g) only between letters ("ni99er"), so @kenji2 and @gamer2024 stay as typed.
UNMISTAKABLE = set("013457@$!")
ONE_SIDED = set("689")
# Characters that read as either of two letters ("1": i or l) are tried each way up to this many per handle.
MAX_AMBIGUOUS = 3


_LEET_RUN = re.compile("[" + re.escape("".join(leet.FIRST)) + "]+")


_SEPARATORS = "-_."
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_K_NOT_AFTER_C = re.compile(r"(?<!c)k")
# "a" is typed for "er" after a consonant (jakmate = jerkmate, zippahead = zipperhead).
_ER_AFTER_CONSONANT = re.compile(r"(?<=[b-df-hj-np-tv-z])er")
MAX_VARIANTS = 24
# Parts a place name is looked for across ("san|gregorio|de|nigua"): bounded work per handle.
MAX_PLACE_PARTS = 6


def _letter_near(core: str, k: int, step: int) -> bool:
    """Is there a letter at core[k], or just past one separator ("b-o-n-3-s": the 3 sits between letters)?"""
    if 0 <= k < len(core) and core[k] in _SEPARATORS:
        k += step
    return 0 <= k < len(core) and core[k].isalpha()


def _squeezed(part: str, limit: int = 8) -> list[str]:
    """Each run of a repeated letter read twice or once ("puuuussy" -> puussy, pussy): at most `limit` readings."""
    if not profanity.RUN2.search(part):
        return [part]
    runs = [(m.group(1), len(m.group())) for m in profanity.RUN_ANY.finditer(part)]
    out = [""]
    for c, n in runs:
        options = (c,) if n == 1 else ((c * 2, c) if n >= 2 else (c,))
        out = [o + x for o in out for x in options][:limit]
    return [part] + out


def _stem_in_one_part(word: str, start: int, cuts: set[int], words) -> bool:
    """Does a list word that crosses a cut cross it only with an inflection ("cock" | "s...")?"""
    for ending in INFLECTIONS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_WORD and word[:-len(ending)] in words:
            stem_end = start + len(word) - len(ending)
            if stem_end in cuts and not any(start < c < stem_end for c in cuts):
                return True
    return False


def _leet_readings(term: str) -> set[str]:
    return {"".join(table.get(c, c) for c in term) for table in (leet.FIRST, {**leet.FIRST, **leet.SECOND}, {**leet.FIRST, "1": "l"})}


def _known(word: str, base, places) -> bool:
    """A word with a meaning of its own: listed (any severity), allowed, a place, or in the dictionary ("he11" is hell)."""
    return word in base.words or word in base.allowed or word in places or zipf(word) >= KNOWN_ZIPF


def _overlaps_long_part(start: int, end: int, parts: tuple[str, ...]) -> bool:
    at = 0
    for piece in parts:
        if at < end and start < at + len(piece) and len(piece) >= MIN_WORD:
            return True
        at += len(piece)
    return False


def _spelled_out(start: int, end: int, parts: tuple[str, ...]) -> bool:
    """Is [start, end) exactly one run of one-letter parts ("Maria|s|p|i|c")? Spelt out letter by letter,
    the word's own edges are typed: no longer word around it ("aspic") is read."""
    at, run_start = 0, None
    for piece in parts:
        if len(piece) == 1:
            run_start = at if run_start is None else run_start
        else:
            if run_start is not None and (run_start, at) == (start, end):
                return True
            run_start = None
        at += len(piece)
    return run_start is not None and (run_start, at) == (start, end)


class HandleReader:
    """Decides whether one handle or display name is offensive; results are cached per policy."""

    def __init__(self, base: profanity.OffensiveMatcher):
        self.allowed = base.allowed
        self.places = place_names()
        self.names = first_names()
        self.people = person_names()
        self.words = {w: k for w, k in base.words.items() if k in ("strong", "slur") and w.isalpha() and len(w) >= MIN_WORD}
        for w in base.handle_words:
            if w.isalpha() and len(w) >= MIN_WORD:
                self.words.setdefault(w, "strong")
        # "a" for "er" ("zippahead"): the spelling is listed as a word of its own unless it is a real word.
        for w, kind in list(self.words.items()):
            for m in _ER_AFTER_CONSONANT.finditer(w):
                spelt = w[:m.start()] + "a" + w[m.end():]
                if len(spelt) >= 5 and zipf(spelt) < KNOWN_ZIPF and spelt not in self.places and spelt not in self.names:
                    self.words.setdefault(spelt, kind)
        for w, kind in list(self.words.items()):
            if len(w) >= 5 and not any(w.endswith(e) and w[:-len(e)] in self.words for e in INFLECTIONS):  # not "asses" + "ing"
                for ending in INFLECTIONS:
                    if zipf(w + ending) < COMMON_ZIPF:
                        self.words.setdefault(w + ending, kind)
        # Terms whose digits are part of the name, not look-alikes ("2g1c", "1man1jar"): found in the handle's letters and
        # digits. A listed form whose digits read as a listed word is left to the leet reading ("sh1t"); one that reads as
        # an ordinary word is left out ("he11"), unless it is a slur: a place does not excuse "n1g3r" (Niger is not
        # written with digits).
        def excused(w, kind):
            readings = _leet_readings(w)
            if kind == "slur":
                return any(r in base.words or r in base.allowed for r in readings)
            return any(_known(r, base, self.places) for r in readings)

        self.numeric_terms = sorted(
            w for w, k in base.words.items() if k in ("strong", "slur") and w.isalnum() and not w.isalpha() and len(w) >= 4
            and not excused(w, k))
        # Every word by its first three letters: finding all list words inside a part is one pass.
        self.by_prefix: dict[str, list[str]] = {}
        for w in sorted(self.words, key=len, reverse=True):
            self.by_prefix.setdefault(w[:MIN_WORD], []).append(w)
        self.phrases = compile_phrases(base.hate_phrases)
        # Words a hate phrase starts with: only a handle with one of them is matched against the phrases.
        self.phrase_starts = set(self.phrases.index) if self.phrases is not None else set()
        # Run together, a hate phrase hides from word matching ("killallmuslims").
        self.squashed_phrases: dict[str, list[tuple[str, str]]] = {}
        for p in base.hate_phrases:
            sq = squash(p)
            if len(sq) >= 6:
                self.squashed_phrases.setdefault(sq[:6], []).append((sq, p))
        zipf("the")  # wordfreq's list is read now, not on a user's post
        self.read = lru_cache(maxsize=65536)(self._read)
        self._offensive_in = lru_cache(maxsize=65536)(self._offensive_in)

    # -- readings -------------------------------------------------------------------
    @staticmethod
    def _split(text: str) -> list[str]:
        """CamelCase, digit and punctuation breaks; letters lower-cased, digit runs kept."""
        return [p.lower() for p in camel_parts(text)]

    def _readings(self, core: str):
        """The handle split into parts, as typed and with look-alike digits read as letters; then joined up."""
        plain = self._split(core)
        readings = [plain]
        if any(c in leet.FIRST for c in core):
            # Which characters read as letters, and as which: "1" and "!" stand for i or l.
            spots: list[tuple[int, str]] = []
            for m in _LEET_RUN.finditer(core):
                i, j = m.span()
                run = m.group()
                before = _letter_near(core, i - 1, -1)
                after = _letter_near(core, j, 1)
                if not (before or after):
                    continue
                if j - i > 2 and run.isdigit() and not (before and after and (j - i <= 5 or len(set(run)) == 1)):
                    continue  # a number ("1987", "2024"), not letters; between letters it reads as letters ("ch0c01@7e538ud")
                if j == len(core) and run.isdigit() and self._plain_word_before(core, i):
                    continue  # a number after a whole word or place ("Sugars35", "Cumming58"), not "sugarsse"
                # On one side of letters, "8" and "9" read as b and g only as a lone look-alike ("humpin9", "8uddha").
                lone = j - i == 1 and run in ONE_SIDED
                for k in range(i, j):
                    if before and after or lone or core[k] in UNMISTAKABLE:
                        spots.append((k, leet.READINGS[core[k]]))
            ambiguous = [k for k, letters in spots if len(letters) > 1]
            if len(ambiguous) <= MAX_AMBIGUOUS:
                # Each i/l choice on its own ("j4i1b41t" -> jailbait): at most 2**MAX_AMBIGUOUS readings.
                choices = [dict(zip(ambiguous, combo)) for combo in itertools.product((0, 1), repeat=len(ambiguous))]
            else:
                choices = [dict.fromkeys(ambiguous, 0), dict.fromkeys(ambiguous, 1)]
            for choice in choices:
                chars = list(core)
                for k, letters in spots:
                    chars[k] = letters[choice.get(k, 0)]
                readings.append(self._split("".join(chars)))
        seen = set()
        for parts in readings:
            if tuple(parts) not in seen:
                seen.add(tuple(parts))
                yield parts, None
        # Underscores and case can split a word on purpose ("Nig_Ger"): read the letters as one run too.
        joined = set()
        for parts in readings:
            letters = tuple(p for p in parts if p.isalpha())
            if self._name_and_initial(letters):
                continue  # "anna_l", "p_ronald": a given name and an initial, not "anal" or "pron"
            if len(letters) > 1 and letters not in joined:
                joined.add(letters)
                yield ["".join(letters)], letters

    def _name_and_initial(self, letters: tuple[str, ...]) -> bool:
        """A given name and one letter on its own, before or after it ("anna_l", "p_ronald")."""
        return len(letters) == 2 and any(
            len(a) == 1 and len(b) >= MIN_WORD and "g" in self.people.get(b, ("",))[0]
            for a, b in (letters, letters[::-1]))

    def _plain_word_before(self, core: str, i: int) -> bool:
        """Does core[:i] end with a word of 4+ letters that is a real word, place or name, and no list word, typed
        in plain letters (not the end of a disguised word: "claus7r0phil3")?"""
        parts = self._split(core[:i])
        last = parts[-1] if parts else ""
        start = i - len(last)
        if start > 0 and core[start - 1] in leet.FIRST:
            return False
        if len(last) < 4 or not last.isalpha():
            return False
        return self._place_part(last) or last not in self.words and (zipf(last) >= KNOWN_ZIPF or last in self.names)

    def _place_part(self, part: str) -> bool:
        """Is a whole part read as a place? Penistone, Cumming (Georgia), Gaylord (Michigan); never a slur, nor a
        short list word like "shit"."""
        return part in self.places and self.words.get(part) != "slur" and (part not in self.words or len(part) >= 5)

    def _variants(self, part: str) -> list[str]:
        """A part as typed, with swapped letters undone (if it is no known word), then each run of a letter read once or twice."""
        has_swap = any(typed in part for typed, _ in profanity.SWAPS)
        if not profanity.RUN2.search(part) and not has_swap or zipf(part) >= COMMON_ZIPF:
            return [part]  # nothing to undo, or a real word as typed ("assessing" is no "asesing")
        out = [part]
        if has_swap and zipf(part) < KNOWN_ZIPF and part not in self.places and part not in self.names:
            for typed, meant in profanity.SWAPS:
                if typed in part:
                    out += [v.replace(typed, meant) for v in out]
                    if typed == "k":  # k for c, but "ck" kept: "kameljockey"
                        out += [_K_NOT_AFTER_C.sub("c", v) for v in out if "ck" in v]
        # Swaps first, then squeezed letters: the cap drops the rarest readings, not whole kinds of them.
        return list(dict.fromkeys(out + [s for v in out for s in _squeezed(v)]))[:MAX_VARIANTS]

    # -- words inside a part --------------------------------------------------------
    def _hits(self, text: str):
        for i in range(len(text) - MIN_WORD + 1):
            for w in self.by_prefix.get(text[i:i + MIN_WORD], ()):
                if text.startswith(w, i):
                    yield w, i, i + len(w)

    def _is_word(self, piece: str) -> bool:
        return len(piece) >= MIN_WORD and piece not in SUFFIXES and zipf(piece) >= PART_WORD_ZIPF

    def _covered(self, text: str, start: int, end: int, typed: str) -> bool:
        """Is the offensive word at text[start:end] part of a real word or a place name?

        A one-for-one swap (k for c, z for s) keeps positions, so the part as typed is asked too:
        "Kumquat" read as "cumquat" still has "kumquat" around the "cum".
        """
        if typed in self.allowed or typed in self.places or text in self.allowed:
            return True
        if len(typed) == len(text) and typed != text and self._covered_in(typed, start, end):
            return True
        return self._covered_in(text, start, end)

    def _stem_covered(self, word: str, text: str, start: int, typed: str) -> bool:
        """An inflected list word whose stem ends a real word: "Babcocks" is Babcock + s, not "cocks"."""
        for ending in INFLECTIONS:
            stem = word[:-len(ending)]
            if word.endswith(ending) and len(stem) >= MIN_WORD and stem in self.words:
                stem_end = start + len(stem)
                return self._covered(text[:stem_end], start, stem_end, typed[:stem_end] if len(typed) == len(text) else typed)
        return False

    def _covered_in(self, text: str, start: int, end: int) -> bool:
        n = len(text)
        for a in range(start, -1, -1):
            for b in range(end, n + 1):
                if b - a <= end - start:
                    continue
                piece = text[a:b]
                if piece in self.words or any(piece.endswith(e) and piece[:-len(e)] in self.words for e in ("s", "es")):
                    continue  # a longer offensive word, or its plural ("assholes"), covers nothing
                if piece in self.places or piece in self.allowed or piece in self.names or zipf(piece) >= COMMON_ZIPF:
                    return True
                if zipf(piece) >= KNOWN_ZIPF and not self._is_word(piece[:start - a]) and not self._is_word(piece[end - a:]):
                    return True  # Dickensian: "dick" + "ensian", no word of its own
        return False

    def _offensive_in(self, part: str, parts: tuple[str, ...] | None = None) -> str | None:
        """An offensive word in one run of letters. `parts`: the parts a joined-up run was made of."""
        if part in self.allowed:
            return None
        if self._place_part(part):
            return None
        if part in self.names and part not in self.words:
            return None  # a first name (Kikelia, Cissiee) that is no list word itself
        cuts = set()
        if parts:
            at = 0
            for piece in parts[:-1]:
                at += len(piece)
                cuts.add(at)
            # Parts that are words or places of their own were read alone ("Saltwater|Deposition").
            plain = [p for p in parts if len(p) < MIN_WORD or p in SUFFIXES or p in self.words
                     or (zipf(p) < PART_WORD_ZIPF - 0.5 and p not in self.places)]
            # When every part is a word of its own, only a list word made of whole parts counts ("Gang|Bang").
            whole_parts_only = not plain
            edges = cuts | {0, len(part)}
            places = self._place_spans(parts)
        for index, variant in enumerate(self._variants(part)):
            if variant in self.words:
                return variant
            for word, start, end in self._hits(variant):
                if index and word in part:
                    continue  # typed as it is: the part as typed decides
                if parts:
                    if index == 0 and not any(start < c < end for c in cuts):
                        continue  # inside one part, which was read on its own
                    if whole_parts_only and not (start in edges and end in edges):
                        continue
                    if end - start <= MIN_WORD and index == 0 and _overlaps_long_part(start, end, parts):
                        continue  # a short word across a cut is a split on purpose ("F_ag") only between short parts, not "tycoo|n|ad"
                    if index == 0 and _stem_in_one_part(word, start, cuts, self.words):
                        continue  # "Hancock|Shellie": "cock" + the next part's "s"; the stem was read in its part
                    if index and any(word in v for p in parts for v in self._variants(p)):
                        continue
                    if len(variant) == len(part) and any(a <= start < b for a, b in places):
                        continue  # starts inside a place written in parts ("Bad|Konig|Gardens" is no "nigga")
                if parts and index == 0 and _spelled_out(start, end, parts):
                    return word
                if not self._covered(variant, start, end, part) and not self._stem_covered(word, variant, start, part):
                    return word
        return None

    def _place_runs(self, parts: tuple[str, ...]) -> list[tuple[int, int]]:
        """(first, past last) part index of each run of two or more parts that spells a place name. Parts of
        one letter end a run: random case cuts words anywhere ("sa|n|tor|u|m"), and a place found across
        such cuts is chance. A place whose name is itself a slur covers nothing."""
        runs = []
        for i in range(len(parts)):
            name = parts[i]
            if len(name) < 2:
                continue
            for j in range(i + 1, min(len(parts), i + MAX_PLACE_PARTS)):
                if len(parts[j]) < 2:
                    break
                name += parts[j]
                if len(name) >= 6 and name in self.places and self.words.get(name) != "slur":
                    runs.append((i, j + 1))
        return runs

    def _place_spans(self, parts: tuple[str, ...]) -> list[tuple[int, int]]:
        """The runs of `_place_runs` as character spans of the parts joined up."""
        offsets = [0]
        for piece in parts:
            offsets.append(offsets[-1] + len(piece))
        return [(offsets[a], offsets[b]) for a, b in self._place_runs(parts)]

    def _name_parts(self, parts: list[str]) -> set[str]:
        """Parts of a handle that are a person's name beside a name ("hoare|sarah", "tom|fagg", "John|Hoare"): a given
        name or surname next to a given name, or a given name next to a surname; a slur only next to a given name.
        The name beside must be no list word and no everyday word ("big|dick" is no name)."""
        # Only a handle made of whole names and words: random case cuts words into pieces that are names by chance
        # ("Bea|Sti|ALi|TY", "uro|Phi|Lia_lover").
        if len(parts) < 2 or not all(len(p) >= MIN_WORD and (p in self.people or zipf(p) >= NAME_HANDLE_WORD_ZIPF)
                                     for p in parts):
            return set()
        out = set()
        for k, p in enumerate(parts):
            if p not in self.people or len(p) <= MIN_WORD:
                continue
            if (k and parts[k - 1] + p in self.words) or (k + 1 < len(parts) and p + parts[k + 1] in self.words):
                continue  # "Dick|Head|Dan": two names that together make a list word are that word
            others = [q for q in parts[:k] + parts[k + 1:] if q not in self.words]
            if any(reads_as_name(q, given_only=True) for q in others) or (
                    self.words.get(p) != "slur" and reads_as_name(p, given_only=True) and any(reads_as_name(q) for q in others)):
                out.add(p)
        return out

    def _read(self, handle: str) -> str | None:
        """The offensive word or phrase in a handle or display name, or None."""
        core = handle[1:] if handle.startswith("@") else handle  # one "@": "@@lq0phile" is @ + "@lq0phile"
        user, _, instance = core.partition("@")
        if "." in instance:  # @user@instance.social: the user part
            core = user
        core = core[:MAX_NAME]
        if self.numeric_terms and any(c.isdigit() for c in core):
            squashed = _NOT_ALNUM.sub("", core.lower())
            for text in {squashed, profanity.RUN2.sub(r"\1", squashed)}:
                for term in self.numeric_terms:
                    if term in text:
                        return term
        # Parts of a place name written in parts ("San|Gregorio|De|Nigua", "Lung|Poon|Court"), by position; found in
        # the handle as typed (read first) and kept for its look-alike readings ("LungPoonCourt43" as "...courtae").
        in_place: set[tuple[int, str]] = set()
        names: set[str] | None = None  # of the handle as typed, its first reading
        for parts, joined_from in self._readings(core):
            if names is None:
                names = self._name_parts([p for p in parts if p.isalpha()])
            if not joined_from:
                in_place |= {(k, parts[k]) for a, b in self._place_runs(tuple(parts)) for k in range(a, b)}
            if names and joined_from:
                # A name read as a name, the rest run together without it ("tom|fagg|slut" -> "tomslut").
                kept = tuple(p for p in joined_from if p not in names)
                parts, joined_from = ["".join(kept)], (kept if len(kept) > 1 else None)
            for k, part in enumerate(parts):
                if not joined_from and ((k, part) in in_place or part in names):
                    continue
                if part.isalpha() and len(part) >= MIN_WORD:
                    word = self._offensive_in(part, joined_from)
                    if word:
                        return word
            if self.phrase_starts.intersection(parts):
                m = self.phrases.search(" ".join(parts))
                if m:
                    return m.group()
            joined = "".join(p for p in parts if p.isalpha())
            for i in range(len(joined) - 5):
                for squashed, phrase in self.squashed_phrases.get(joined[i:i + 6], ()):
                    if joined.startswith(squashed, i):
                        return phrase
        return None


def reader(policy) -> HandleReader:
    # Built on the same word lists the tone check already compiled for this policy version.
    return policy.compiled("usernames.reader", lambda p: HandleReader(profanity.matcher(p)))


_NAME_LIKE = re.compile(r"^(?=.*[A-Za-z])(?:[A-Za-z]+[A-Z0-9_][A-Za-z0-9_]*|[A-Za-z0-9_]*\d[A-Za-z0-9_]*|[A-Za-z]{13,})$")


def _name_like_tokens(post):
    """Words in an automated post that read like a display name: CamelCase, digits, underscores, or very long."""
    for token in post.text.tokens:
        if token.kind == "word" and len(token.value) <= MAX_NAME and _NAME_LIKE.match(token.value) and not token.value.isupper():
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
