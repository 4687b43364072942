"""Street addresses in the layouts people write them.

Strong shapes count on their own:
- number, name, street type ("42 Elm Street", "1234 Velma Stravenue"; USPS Publication 28's suffixes);
- name with a street ending, then the number ("Hauptstrasse 5", "Kaarikatu 32", "Corellistraat 178");
- name, street word, number ("Frankfurter Allee 73", "Bem rakpart 79", "Veres Palne u. 91");
- street word, name, number, or number, street word, name ("Via delle Coste 41", "12 rue de la Paix");
- military and box addresses ("Unit 0822 Box 8858", "PSC 1234, Box 5678", "FPO AA 65728", "PO Box 12");
- "the corner of X and Y" when X or Y has a number or a street word.
Weak shapes ("59 Metsanurga 48", "85 Hliou 64", "Bygget 91") count with more evidence: an
address word before ("lives at", "send it to", "address:"), a unit after ("Apt. 728", "Suite 952"),
a postcode after, the address standing on its own lines, or usaddress's parse (a CRF model
trained on US addresses) finding a street type, a unit or a state and ZIP code.
A place introduced as public ("visit us at", "our store at") is not private.
"""
from __future__ import annotations

from functools import lru_cache

import usaddress

from . import street_words as sw
from ....words import common_words, word_rank
from .base import Context, Doc, ContextPatternRecognizer, Recognizer, alternation, candidates, char_after, char_before, compile, fold, words

SP = r"[ \t]+"
NUM = r"\d{1,5}[A-Za-z]?(?:[-/]\d{1,4}[A-Za-z]?)?"
CAP = r"\p{Lu}[\p{L}'’.-]*"
WORD = r"\p{L}[\p{L}'’.-]*"
ORD = r"\d{1,3}(?:st|nd|rd|th)"
DIRECTION = r"(?:[NSEW]|NE|NW|SE|SW|North|South|East|West)\.?"
LEFT = r"(?:^|[^\p{L}\p{N}@#$£€.,/:_-])"

POSTCODE = (r"(?:\d{5}(?:-\d{4})?|\d{4}(?: ?[A-Z]{2})?|\d{3} ?\d{2}|\d{2}-\d{3}|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}"
            r"|[A-Z]\d[A-Z] ?\d[A-Z]\d)")
MILITARY = [
    r"(?:(?:USNS|USS|USNV|USCGC|USNA)[ \t]+\p{L}[\p{L}'’.-]*[ \t\n,]+)?(?:(?:Unit|PSC|CMR)[ \t]+\d{1,5},?[ \t]+Box[ \t]+\d{1,5}[ \t\n,]+)?(?:APO|FPO|DPO)[ \t]+(?:AA|AE|AP)[ \t]+\d{5}",
    r"(?:Unit|PSC|CMR)[ \t]+\d{3,5},?[ \t]+Box[ \t]+\d{3,5}",
    r"(?i:P\.?[ ]?O\.?[ \t]+Box|Post Office Box)[ \t]+\d{1,6}",
]
# A word of four letters or more, a full stop and a capital: a sentence ends there, unless the word is a street word
# written in full with a dot after it ("Main Street. Apt 4" is rare; "10 seconds. Thanks" is not).
_SENTENCE_BREAK = compile(r"(\p{L}{4,})\.[ \t]+\p{Lu}")
# Weak shapes weighed in one post; past this, the rest count as addresses (bounded work, never a leak).
EVIDENCE_BUDGET = 16
TRIMMED = {"compound", "suffix_word", "name_first", "us", "us_lower"}
# Words this common are everyday English, not the name of a street ("2 vouchers for 50").
EVERYDAY = 1500
_SKIP_NAME_WORDS = {"the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "for", "with", "from", "by", "thank",
                    "thanks", "see", "you", "u", "we", "i", "our", "your", "my", "is", "are", "was", "be", "it"}


def _words_alt(words) -> str:
    return alternation(sorted({fold(w).rstrip(".") for w in words if w.strip()}))


@lru_cache(maxsize=2048)
def usaddress_labels(window: str) -> tuple[tuple[str, str], ...]:
    try:
        return tuple(usaddress.parse(window))
    except Exception:  # usaddress raises on odd input; no parse is no evidence
        return ()


# "the 1987 Supreme Court case", "our 2024 Main Street Festival": a year after an article, not a house number.
_ARTICLES = {"the", "a", "an", "this", "that", "its", "his", "her", "their", "our", "your", "my", "in", "since", "until",
             "during"}


def _is_year(number: str) -> bool:
    return number.isdigit() and len(number) == 4 and "1800" <= number <= "2099"


def _year_after_article(text: str, start: int, number: str) -> bool:
    if not _is_year(number):
        return False
    before = words(text[max(0, start - 20):start])
    return bool(before) and before[-1] in _ARTICLES


# "Moved to Paris 3 years ago", "Berlin 5 times": a number followed by one of these counts something; a house
# number is followed by a street, a unit, a comma or the end of the line.
_COUNTED = {"year", "years", "yr", "yrs", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "hr", "hrs",
            "minute", "minutes", "min", "mins", "second", "seconds", "sec", "secs", "time", "times", "ago", "percent",
            "people", "kids", "children", "goals", "points", "nil", "miles", "km", "metres", "meters", "feet", "rounds",
            "gigs", "shows", "games", "matches", "wins", "laps", "sets", "stars", "nights"}

# Parts of a venue or a station with a number ("JFK Terminal 4", "Platform 9", "Studio 54", "Zones 1-4"): where
# someone is, not where they live.
_VENUE_PARTS = {"terminal", "gate", "platform", "pier", "studio", "zone", "zones", "hall", "level", "floor", "room",
                "stand", "row", "section", "seat", "stage", "screen", "bay", "dock", "berth", "track", "lot", "exit",
                "junction", "area", "district", "ward", "sector", "block"}

# A match result between two names ("Arsenal 2 Villa 0", "Hibs 2 Nottingham Forest 0", "Stoke 2 - 2 Sunderland"):
# an address shape inside one is a score.
_NAME = r"\p{Lu}[\p{L}.'’-]*"
_SCORE = compile(_NAME + r"(?:[ \t]+" + _NAME + r"){0,2}[ \t]+\d{1,2}[ \t]*(?:[-–:][ \t]*\d{1,2}[ \t]+)?(?:[-–:][ \t]*)?"
                 + _NAME + r"(?:[ \t]+" + _NAME + r"){0,2}[ \t]+\d{1,2}(?:[^\d]|$)")
# After a street's name, a bare small number closing the clause ("... Nottingham Forest 0."): the other side's score.
_SCORE_TAIL = compile(r"^[ \t]+\d{1,2}[ \t]*(?:[.!,;)\n]|$)")


def _in_score(text: str, start: int, end: int) -> bool:
    """Does the span lie inside a match result written around it?"""
    offset = max(0, start - 40)
    return any(offset + a <= start and end <= offset + b for a, b, _ in candidates(_SCORE, text[offset:end + 40], 0))


def _ends_with_year(value: str) -> bool:
    """"Glastonbury 2025", "Weihnachtsmarkt 2024", "Madrid 2016-2021": a year after a name, not a house number."""
    last = value.rsplit(None, 1)[-1].strip(".,")
    return _is_year(last.replace("–", "-").split("-")[0].split("/")[0])


def _counts_something(text: str, end: int) -> bool:
    after = words(text[end:end + 16])
    return bool(after) and after[0] in _COUNTED


class AddressRecognizer(Recognizer):
    ENTITIES = ("STREET_ADDRESS",)

    def __init__(self, cue: Context, public_place: Context, not_private: Context, extra_types=(), extra_suffix_words=(),
                 extra_prefix_words=(), street_cue: Context | None = None, our_places=()):
        self.cue, self.public_place, self.not_private = cue, public_place, not_private
        self.street_cue = street_cue or Context([])
        self.our_places = {fold(w) for w in our_places}
        us_types = set()
        for name, spellings in sw.USPS_SUFFIXES.items():
            us_types.add(name)
            us_types.update(spellings)
        us_types.update(sw.OTHER_ENGLISH)
        us_types.update(fold(w) for w in extra_types)
        self.us_types = us_types
        self.street_words = us_types | {fold(w) for w in list(sw.SUFFIX_WORDS) + list(extra_suffix_words)}
        types = _words_alt(us_types)
        endings = _words_alt(sw.COMPOUND_ENDINGS)
        suffix_words = _words_alt(list(sw.SUFFIX_WORDS) + list(extra_suffix_words))
        prefix_words = list(sw.PREFIX_WORDS) + list(extra_prefix_words)
        self.weak_prefixes = {fold(w) for w in sw.WEAK_PREFIX_WORDS}
        prefixes = _words_alt(prefix_words)
        units = _words_alt(sw.UNIT_DESIGNATORS)
        self.units = {fold(u) for u in sw.UNIT_DESIGNATORS}
        street = r"(?:" + SP + DIRECTION + r")?"
        # (pattern, strength): "strong" counts alone; "weak" needs evidence; "name_first" needs a close address word.
        self.shapes = [
            (compile(LEFT + "(" + NUM + r"(?:" + SP + r"\d{1,5})?,?" + SP + r"(?:" + DIRECTION + SP + r")?(?:(?:" + CAP + "|" + ORD + ")" + SP + r"){1,4}(?i:" + types + r")\.?)" + street), "us"),
            (compile(LEFT + "(" + NUM + r"(?:" + SP + r"\d{1,5})?,?" + SP + r"(?:" + WORD + SP + r"){1,4}(?i:" + types + r")\.?)"), "us_lower"),
            (compile(LEFT + r"(?:" + NUM + SP + r")?((?:" + WORD + SP + r"){0,3}[\p{L}-]{2,}(?i:" + endings + r")\.?,?" + SP + NUM + r")"), "compound"),
            (compile(LEFT + r"(?:" + NUM + SP + r")?((?:" + WORD + SP + r"){1,3}(?i:" + suffix_words + r")(\.?)" + SP + NUM + r")"), "suffix_word"),
            (compile(LEFT + r"(?:" + NUM + SP + r")?((?i:" + prefixes + r")(\.?)" + SP + r"(?:" + WORD + SP + r"){0,4}" + WORD + r",?" + SP + NUM + r")"), "prefix_num_after"),
            (compile(LEFT + "(" + NUM + r",?" + SP + r"(?i:" + prefixes + r")(\.?)" + SP + r"(?:" + WORD + SP + r"){0,3}" + WORD + r")"), "num_prefix"),
            (compile(LEFT + "(" + "|".join(MILITARY) + ")"), "military"),
            (compile(r"(?i)(corner of[ \t]+[^,?!\n]{2,60}?[ \t]+and[ \t]+[^,?!\n]{2,50})"), "corner"),
            (compile(LEFT + "(" + NUM + r"(?:" + SP + r"\d{1,5})?" + SP + r"(?:" + WORD + SP + r"){1,4}" + NUM + r")"), "weak"),
            (compile(LEFT + "(" + NUM + r"(?:" + SP + r"\d{1,5})?" + SP + r"(?:" + CAP + SP + r"){0,3}" + CAP + r")"), "weak_words"),
            (compile(LEFT + r"((?:" + CAP + SP + r"){1,3}" + NUM + r")"), "name_first"),
            # Number first, street word last, no second number ("926 Ungarnsvej", "126. Arany Janos utca").
            (compile(LEFT + "(" + NUM + r"\.?,?" + SP + r"(?:" + WORD + SP + r"){0,3}(?:[\p{L}-]{2,}(?i:" + endings + r")|(?i:" + suffix_words + r")\.?))"), "num_street"),
            # A street named without a number, right after "lives on", "is on", "side of" ("lives on Clare Keys street").
            (compile(LEFT + r"((?:" + CAP + SP + r"){0,3}(?:[\p{L}-]{2,}(?i:" + endings + r")|(?i:" + types + "|" + suffix_words + r"))\.?|(?i:" + prefixes + r")\.?" + SP + r"(?:" + WORD + SP + r"){0,3}" + CAP + ")"), "street_name"),
        ]
        self.unit_tail = compile(r"^[ \t,\n]*(?:\n[^\p{L}\p{N}\n]{0,6})?(?i:" + units + r")\.?[ \t]?#?[ \t]?\d{1,5}[A-Za-z]?")
        self.postcode_tail = compile(r"^[ \t]*[,\n][^\p{L}\p{N}]{0,8}(?:[\p{L}'’.-]+[ \t]*,?[ \t\n]*){0,5}" + POSTCODE + r"(?:[^\p{L}\p{N}]|$)")
        self.town_tail = compile(r"^[ \t]*[,\n][^\p{L}\p{N}]{0,8}\p{Lu}[\p{L}'’.-]+")
        self.street_word = compile(r"(?i)(?:^|[^\p{L}])(?:" + types + "|" + suffix_words + "|" + prefixes + r")(?:[^\p{L}]|$)")
        self.ending = compile(r"(?i)[\p{L}-]{2,}(?:" + endings + r")(?:[^\p{L}]|$)")
        super().__init__()

    def _ours(self, text: str, start: int) -> bool:
        """"Our Leeds office is on Park Row": one of the brand's own places, named a few words before."""
        ws = words(text[max(0, start - 60):start])[-7:]
        if "our" not in ws:
            return False
        after_our = ws[len(ws) - 1 - ws[::-1].index("our"):]
        return any(w in self.our_places for w in after_our)

    # -- evidence ------------------------------------------------------------------
    def _evidence(self, doc: Doc, start: int, end: int, close_cue: bool = False) -> int:
        text = doc.lines
        points = 0
        if self.cue.before(text, start, 2 if close_cue else 6):
            points += 2
        if self.unit_tail.search(text[end:end + 24]):
            points += 2
        if self.postcode_tail.search(text[end:end + 80]):
            points += 2
        on_own_line = char_before(text.rstrip(), start) in ("", "\n") or "\n" in text[max(0, start - 6):start]
        if on_own_line and "\n" in text[end:end + 3]:
            points += 1
        elif self.town_tail.search(text[end:end + 40]):
            points += 1
        return points

    def _usaddress_confirms(self, doc: Doc, start: int, end: int) -> bool:
        window = doc.lines[start:end + 60].split("\n\n", 1)[0].replace("\n", ", ")
        labels = usaddress_labels(window)
        kinds = {label for _, label in labels[:14]}
        has_type = any(label == "StreetNamePostType" and fold(token).strip(".,") in self.us_types for token, label in labels[:14])
        return "AddressNumber" in kinds and (has_type or {"OccupancyType", "OccupancyIdentifier"} <= kinds
                                             or {"StateName", "ZipCode"} <= kinds)

    def _extent(self, doc: Doc, end: int) -> int:
        """Take in a unit written right after the street ("Apt. 4", "Suite 952")."""
        tail = self.unit_tail.search(doc.lines[end:end + 24])
        return end + tail.end() if tail else end

    # -- shapes ---------------------------------------------------------------------
    def find(self, doc: Doc):
        text = doc.lines
        if not any(c.isdigit() for c in text) and "corner" not in doc.word_set and not self.street_cue.anywhere(doc.word_set):
            return
        found: list[tuple[int, int]] = []
        for pattern, kind in self.shapes:
            for match_start, match_end, value in candidates(pattern, text, 1):
                # "Ines and Nordahl Rolfsens vei 187": the street starts after "and".
                capitalised = kind == "compound" and value.split()[-2][:1].isupper() if len(value.split()) > 1 else False
                while kind in TRIMMED and " " in value and (value.split(None, 1)[0].lower() in _SKIP_NAME_WORDS
                                                            or (capitalised and value[:1].islower() and len(value.split()) > 2)):
                    cut = len(value.split(None, 1)[0]) + 1
                    cut += len(value[cut:]) - len(value[cut:].lstrip())
                    value, match_start = value[cut:], match_start + cut
                if kind in ("weak_words", "name_first"):
                    # "38 124 N. Stadion Suite 056": the street ends before the unit.
                    parts = value.split(" ")
                    for i, part in enumerate(parts[1:], 1):
                        if fold(part).strip(".,") in self.units:
                            value = " ".join(parts[:i])
                            match_end = match_start + len(value)
                            break
                if any(s <= match_start < e for s, e in found):
                    continue
                if not self._accept(doc, kind, match_start, match_end, value, pattern):
                    continue
                end = self._extent(doc, match_end)
                found.append((match_start, end))
                yield self.result("STREET_ADDRESS", match_start, end, 0.85, shape=kind)

    def _accept(self, doc: Doc, kind: str, start: int, end: int, value: str, pattern) -> bool:
        text = doc.lines
        if char_after(text, end).isalnum() and kind not in ("corner",):
            return False
        if self.not_private.before(text, start, 0) or self._ours(text, start):
            return False
        # "Visit us at Friedrichstrasse 12": the shape may have taken in the words that say whose place it is.
        word_starts = [start] + [start + i + 1 for i, c in enumerate(value) if c == " "]
        if any(self.public_place.before(text, at) for at in word_starts[:6]):
            return False
        if kind not in ("us", "military", "corner") and any(
                fold(m.group(1)) not in self.street_words for m in _SENTENCE_BREAK.text_re.finditer(value)):
            return False  # "hold it for 10 seconds. Thanks for bearing with us": an address ends with its sentence
        names = value.split()
        first = names[0].lower().strip(".,")
        if _is_year(first) and (_year_after_article(text, start, first) or names[0][-1:] in ",."):
            return False  # "since 2012, a Senate hearing", "in 2024. Imagine being this boring": a year
        if value[-1:].isdigit() and _counts_something(text, end):
            return False
        if first[:1].isdigit() and len(names) > 1 and fold(names[1]).strip(".,") in _COUNTED:
            return False  # "150 years on U.S. soil", "koed in 2 seconds flat"
        # (Not after a street word: "Av. Santa Fe 2045", "Via Tuscolana 1899" are house numbers.)
        if kind in ("compound", "name_first") and _ends_with_year(value):
            return False
        if (len(names) > 1 and value[-1:].isdigit() and fold(names[-2]).strip(".,") in _VENUE_PARTS
                and not self.postcode_tail.search(text[end:end + 80])):
            return False  # unless a postcode or a unit follows ("Studio 3, Smith Extension, ME7B 2NU")
        tail_score = _SCORE_TAIL.search(text[end:end + 6]) and fold(names[-1]).strip(".,") not in self.units
        if (kind in ("name_first", "weak", "weak_words") or tail_score) and _in_score(text, start, end):
            return False  # ("Aisha Smith 55 Oak Street Apt 2" is an address: a street with a unit after it is no score)
        if kind == "us":
            return True
        if kind == "us_lower":
            return self._everyday(value.split(None, 1)[1].rsplit(None, 1)[0]) is False and self._evidence(doc, start, end) >= 2
        if kind == "military":
            return True
        if kind == "compound":
            names = value.split()
            street = fold(names[-2].strip(".,")) if len(names) >= 2 else ""
            # "Gathering 2024" and "Offering 3" end like street names ("Mathieuring 39") but are English words.
            return not (len(names) == 2 and names[0].lower() in _SKIP_NAME_WORDS) and street not in common_words()
        if kind == "suffix_word":
            street = value.rsplit(None, 1)[0].rstrip(",")
            if (first,) in self.not_private.phrases or len(street.split()) < 2:
                return False
            # An abbreviation is a street word only with its dot: "u. 91", not "u 2".
            return fold(street.split()[-1]).strip(".") not in sw.NEED_DOT or street.endswith(".")
        if kind in ("prefix_num_after", "num_prefix"):
            prefix = (value.split()[1] if kind == "num_prefix" else first).lower().strip(".,")
            names = value.split()[2 if kind == "num_prefix" else 1:]
            if kind == "prefix_num_after":
                names = names[:-1]
            if value[:1].isupper() and names and not any(n[:1].isupper() for n in names):
                return False  # "the Plaza lounge at gate 30": a capitalised street word names a capitalised street
            if prefix in self.weak_prefixes:
                names = value.split()[2 if kind == "num_prefix" else 1:]
                if not any(n[:1].isupper() for n in names):
                    return False
                # "Via Lodovico, 55" mid-sentence: a capitalised street word before a capitalised name.
                word = value.split()[1 if kind == "num_prefix" else 0]
                mid_sentence = text[:start].rstrip()[-1:] not in ("", ".", "!", "?", "\n", ":")
                if kind == "prefix_num_after" and word[:1].isupper() and len(prefix) > 2 and mid_sentence:
                    return True
                return self._evidence(doc, start, end) >= 2
            return True
        if kind == "num_street":
            last = value.split()[-1].strip(".,")
            if not any(w[:1].isupper() for w in value.split()[1:]):
                return False  # "2 für 1 auf alle Getränke": a street is a name, written with a capital
            if fold(last) not in self.street_words and fold(last) in common_words():
                return False  # "a bit boring", "1. Wearing 2. Shooting": English words that end like "-ring" streets
            return len(value.split()) >= 2 and not self._everyday(last) or fold(last) not in self.us_types and len(last) > 3
        if kind == "street_name":
            if len(value.split()) < 2 and not self.ending.search(value):
                return False
            return self.street_cue.before(text, start, 0)
        if kind == "corner":
            parts = value[len("corner of"):]
            if "{" in parts or "}" in parts:
                return False
            return any(c.isdigit() for c in parts) or bool(self.street_word.search(parts)) or bool(self.ending.search(parts))
        if kind == "name_first":
            if first in _SKIP_NAME_WORDS or (first,) in self.not_private.phrases or self._everyday(value):
                return False
            return self._evidence(doc, start, end, close_cue=True) >= 2
        # weak, weak_words: a number and words that are not everyday words ("2 vouchers for 50" is not an address)
        if self._everyday(value):
            return False
        if not doc.budget("address evidence", EVIDENCE_BUDGET):
            return True  # bounded work: past the budget, a post full of address shapes is treated as holding one
        evidence = self._evidence(doc, start, end)
        if evidence >= 2:
            return True
        if (evidence == 1 or self.street_word.search(value)) and doc.budget("usaddress", 4):
            return self._usaddress_confirms(doc, start, end)
        return False

    @staticmethod
    def _everyday(value: str) -> bool:
        ranks = word_rank()
        return any(ranks.get(w, EVERYDAY) < EVERYDAY for w in (fold(t).strip(".,'’") for t in value.split())
                   if w.isalpha() and len(w) > 1)


POSTCODES = [
    r"\d{5}(?:-\d{4})?",                        # US ZIP, and five-digit codes of most of Europe
    r"\d{4}(?: ?[A-Za-z]{2})?",                 # NL, BE, CH, AT, DK, NO, AU...
    r"\d{3} ?\d{2}", r"\d{2}-\d{3}", r"\d{3}-\d{4}",  # SE/CZ/GR, PL, JP
    r"(?i)(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[A-Z]{2}",  # UK
    r"(?i)[A-Z]\d[A-Z] ?\d[A-Z]\d",             # Canada
]


class PostcodeRecognizer(ContextPatternRecognizer):
    """A postcode on its own counts only after a postcode word ("my zip code is 40645", "ZIP: 90210"), and not
    where the brand names the area it serves ("Now serving ZIP code 94105"): thousands of people share one."""

    def __init__(self, cue: Context, service_area: Context):
        self.service_area = service_area
        super().__init__("STREET_ADDRESS", "PostcodeRecognizer", POSTCODES, context=cue, require_context=True, edge="-")

    def find(self, doc: Doc):
        for result in super().find(doc):
            if self.service_area.before(doc.text, result.start, 8):  # a list of them: "10001, 10002 and 10003"
                continue
            value = doc.text[result.start:result.end]
            number = value[:len(value) - len(value.lstrip("0123456789"))]
            if _year_after_article(doc.text, result.start, number):
                continue  # "his first England cap in 1991", "postal votes in 2024 up": a year
            yield result
