"""Phone numbers, with phonenumbers' PhoneNumberMatcher.

A linear-time pattern finds every phone-shaped run of digits; each run is then
handed to PhoneNumberMatcher:
- valid in one of the regions the account serves ("(212) 555-0199" for US, "020 7946 0958" for GB);
- written in international form (+CC or 00CC), valid in its own country;
- any other phone-shaped number counts when a phone word stands next to it:
  before ("Phone:", "call me on", "not answering at") or after ("-Office", "is my cell").
A bare run of digits with no separators ("2125550199") needs such a word too:
on its own it is as likely an order or account number.
"""
from __future__ import annotations

from functools import lru_cache

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

from .base import Context, Doc, Recognizer, candidates, char_after, char_before, compile

# A group of digits, maybe in brackets; groups joined by one separator; an optional extension. A group may
# hold eight digits (Berlin: 030 12345678).
CANDIDATE = compile(
    r"(?:^|[^\p{L}\p{N}$£€¥.,/#@+_-])"
    r"((?:(?:\+|00)[ ]?)?\(?\d{1,5}\)?(?:(?:[ ]?[./-][ ]?|[ ]|\)[ ]?|[ ]?\()?\d{1,8}\)?){1,7}"
    r"(?:[ ]?(?:x|ext\.?|extension)[ ]?\d{1,6})?)"
)
_EXTENSION = compile(r"(?i)[ ]?(?:x|ext\.?|extension)[ ]?\d{1,6}$")
# Dates ("2024-05-12 14", "12/05/2024", "3/4/25") and fractions ("3/4") are not phone numbers.
_DATE_LIKE = compile(r"^(?:(?:19|20)\d{2}[./-][01]?\d[./-][0-3]?\d(?:[^\d./-]|$)|[0-3]?\d[./-][0-3]?\d[./-](?:\d{4}|\d{2})(?:[^\d./-]|$)|\d{1,4}/\d{1,4}$)")
# An IPv4 address (54.28.146.223) is an address, not a phone number written with dots.
_DOTTED_QUAD = compile(r"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$")
# 1,234,567.5; and a count of a billion or more in thousands ("1 234 567 890", "1.234.567.890"): no phone is
# written in four or more groups of three after the first.
_DECIMAL_LIKE = compile(r"^(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:(?: \d{3}){3,}|(?:\.\d{3}){3,}|(?:'\d{3}){3,}))$")
# A first group of one or two digits (not 0) and two groups of three is a count in thousands too ("8 200 000
# passengers", "1.250.000 signatures") unless a phone word stands close before it ("not answering at 78 651 450").
_COUNT_LIKE = compile(r"^[1-9]\d?(?:(?: \d{3}){2}|(?:\.\d{3}){2})$")

# Numbers handed to phonenumbers in one post (each costs up to a few milliseconds).
PHONENUMBERS_BUDGET = 16
_BUSINESS_TYPES = {phonenumbers.PhoneNumberType.TOLL_FREE, phonenumbers.PhoneNumberType.PREMIUM_RATE,
                   phonenumbers.PhoneNumberType.SHARED_COST, phonenumbers.PhoneNumberType.UAN}


def _digits(value: str) -> str:
    return "".join(c for c in value if c.isdigit())


def phone_e164(value: str, default_region: str = "US") -> str | None:
    """The E.164 form of a phone number, or None if it is not one."""
    try:
        number = phonenumbers.parse(value, default_region)
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_possible_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None


_NANP = {"US", "CA", "PR", "GU", "VI", "AS", "MP", "BS", "BB", "JM", "TT", "DO", "BM", "KY", "AG", "AI", "DM", "GD",
         "KN", "LC", "MS", "SX", "TC", "VC", "VG"}  # regions dialled as +1: no leading 0


def is_business_number(value: str, regions: tuple[str, ...]) -> bool:
    """Toll-free, shared-cost, premium and nationwide numbers (1-800, 0800, 0345; 1300 and 1800 in Australia, 800
    in Italy, 0860 in South Africa, 0120 in Japan) belong to organisations, not people.

    A number written without its country code is read in each region the account serves, and is a business's
    only if it is one wherever it is a number at all: 030 28394756 is a UK shared-cost number and a Berlin line.
    One not opening with 0 is read in every region served (Australia's 1300 and Italy's 800 do not open with 0),
    as North American only when the account serves North America."""
    written = value.strip()
    if written.startswith("+"):
        readings = [None]
    elif written.startswith("0"):
        readings = [r for r in regions if r not in _NANP] or ["GB"]  # national numbers open with 0 outside N. America
    else:
        readings = list(regions)
        if len(_digits(written)) == 11 and written.startswith("1") and not set(readings) & _NANP:
            readings.append("US")  # "1-800-555-0100": written with North America's trunk prefix
    kinds = []
    for region in readings:
        try:
            number = phonenumbers.parse(value, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number) and _written_as_in(written, number, region):
            kinds.append(phonenumbers.number_type(number) in _BUSINESS_TYPES)
    return bool(kinds) and all(kinds)


def _written_as_in(written: str, number, region: str | None) -> bool:
    """Is the number written as that region writes it at home? Australia writes 1300 655 506 with no 0, but the
    UK never drops the 0 of 055 5123 4567: "5551234567" is no UK number, though it parses as one."""
    if region is None or written.startswith(("+", "0")) or region in _NANP:
        return True
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return not national.startswith("0")


@lru_cache(maxsize=8192)
def matched_in(value: str, region: str | None) -> bool:
    """Does PhoneNumberMatcher find a valid number covering (nearly) all of `value` in `region`?"""
    want = len(_digits(value))
    for match in PhoneNumberMatcher(value, region, leniency=Leniency.VALID, max_tries=4):
        if len(_digits(match.raw_string)) >= want - 1:
            return True
    return False


@lru_cache(maxsize=8192)
def possible_in(value: str, region: str | None) -> bool:
    """A number of the right length for its country, written with the grouping people use for phone numbers."""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_possible_number(number)


class PhoneNumberRecognizer(Recognizer):
    ENTITIES = ("PHONE_NUMBER",)

    def __init__(self, cue: Context, cue_after: Context, not_private: Context, business: Context):
        self.cue, self.cue_after, self.not_private, self.business = cue, cue_after, not_private, business
        super().__init__()

    def find(self, doc: Doc):
        text = doc.text
        for start, end, value in candidates(CANDIDATE, text, 1):
            value = value.rstrip(" .-(")
            if value.count("(") != value.count(")") and value.startswith("("):
                value, start = value[1:], start + 1
            end = start + len(value)
            after = char_after(text, end)
            if after.isalnum() or (after and after in "%/:") or char_before(text, start).isalnum():
                continue
            if after and after in ".," and char_after(text, end + 1).isdigit():
                continue  # 12.345.678,90 or 1,234,567.5
            extension = _EXTENSION.search(value)
            if len(_digits(value[:extension.start()] if extension else value)) <= 15:
                yield from self._judge(doc, start, value)
                continue
            # Numbers written one after another ("212-555-0199 646-555-0123") run into one candidate:
            # take the longest phone-sized stretches of its space-separated pieces, left to right.
            pieces, offsets, at = value.split(" "), [], start
            for piece in pieces:
                offsets.append(at)
                at += len(piece) + 1
            i = 0
            while i < len(pieces):
                for j in range(len(pieces), i, -1):
                    part = " ".join(pieces[i:j])
                    if 7 <= len(_digits(part)) <= 15:
                        found = list(self._judge(doc, offsets[i], part))
                        if found:
                            yield from found
                            i = j - 1
                            break
                i += 1

    def _judge(self, doc: Doc, start: int, value: str):
        text = doc.text
        end = start + len(value)
        extension = _EXTENSION.search(value)
        core = value[:extension.start()] if extension else value
        digits = _digits(core)
        if not 7 <= len(digits) <= 15 or len(set(digits)) == 1:
            return
        if _DATE_LIKE.search(core) or _DECIMAL_LIKE.search(core):
            return
        quad = core.strip("()")
        if _DOTTED_QUAD.search(quad) and all(int(part) <= 255 for part in quad.split(".")):
            return
        if self.not_private.before(text, start, 1) or self.business.before(text, start):
            return
        if _COUNT_LIKE.search(core) and not (self.cue.before(text, start, 3) or self.cue_after.after(text, end)):
            return
        score = self._score(doc, start, end, core, digits)
        if score:
            yield self.result("PHONE_NUMBER", start, end, score)

    def _score(self, doc: Doc, start: int, end: int, core: str, digits: str) -> float | None:
        text = doc.text
        separated = any(not c.isdigit() for c in core.lstrip("+"))
        cue = self.cue.before(text, start) or self.cue_after.after(text, end)
        international = core.startswith("+") or (core.startswith("00") and separated)
        if international and doc.budget("phonenumbers", PHONENUMBERS_BUDGET):
            written = "+" + core[2:].lstrip() if core.startswith("00") else core
            if matched_in(written, None):
                return 0.95
            return 0.7 if cue or possible_in(written, None) else None
        if not doc.budget("phonenumbers", PHONENUMBERS_BUDGET):
            # Bounded work: past the budget, the shape and the words around decide without the library.
            return 0.7 if cue or (separated and len(digits) >= 10) else None
        if separated or cue:
            for region in doc.account.regions:
                if matched_in(core, region):
                    return 0.9
        if cue and (separated or len(digits) in (10, 11)):
            return 0.75  # phone-shaped, and the words around it say it is a phone number
        if separated and len(digits) >= 10 and any(possible_in(core, region) for region in doc.account.regions):
            return 0.7  # written the way numbers are written in a region the account serves, though not assigned
        return None
