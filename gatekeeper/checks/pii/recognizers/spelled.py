"""Numbers written to slip past a filter: digits spelled out ("five one oh, five five five ...") or spaced one by one
("5 5 5 - 1 2 - 3 4 5 6").

The run is read back into digits and judged as the kind those digits make, with the same evidence the other
recognizers ask for: a phone number after a phone word, a Social Security number after its word or in its
3-2-4 grouping, a card number that passes the Luhn check with a known issuer's prefix. Counting ("one two three
four five six seven") and scores ("3 - 1") pass: they make none of these.
"""
from __future__ import annotations

from .bank import known_issuer, luhn_valid
from .base import Context, Doc, Recognizer, candidates, char_after, char_before, compile
from .ids import valid_ssn

WORD_DIGITS = {"zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
               "seven": "7", "eight": "8", "nine": "9"}
_UNIT = r"(?:\d|zero|oh|one|two|three|four|five|six|seven|eight|nine|double|triple)"
# Seven or more units, each a single digit or a digit's name, one to three separators apart.
RUN = compile(r"(?i)(?:^|[^\p{L}\p{N}])(" + _UNIT + r"(?:[ ,.()/-]{1,3}" + _UNIT + r"){6,40})")
_SEPARATORS = " ,.()/-"


def read_digits(run: str) -> tuple[str, list[int]] | None:
    """The digits a run spells, and the sizes of its groups (units between separators other than a single space,
    as "5 5 5 - 1 2 - 3 4 5 6" groups 3-2-4). None if "double" or "triple" has no digit after it."""
    digits, groups, repeat = [], [0], 1
    for token in run.lower().replace(",", " , ").replace("-", " - ").replace("/", " / ").split():
        if token in (",", "-", "/", ".", "(", ")"):
            if groups[-1]:
                groups.append(0)
            continue
        token = token.strip(".()")
        if token in ("double", "triple"):
            repeat = 2 if token == "double" else 3
            continue
        digit = WORD_DIGITS.get(token, token if token.isdigit() else None)
        if digit is None:
            return None
        digits.append(digit * repeat)
        groups[-1] += repeat
        repeat = 1
    if repeat != 1:
        return None
    return "".join(digits), [g for g in groups if g]


class SpelledDigitsRecognizer(Recognizer):
    ENTITIES = ("PHONE_NUMBER", "US_SSN", "CREDIT_CARD")

    def __init__(self, phone_words: Context, ssn_words: Context, business: Context, not_private: Context):
        self.phone_words, self.ssn_words = phone_words, ssn_words
        self.business, self.not_private = business, not_private
        super().__init__()

    def find(self, doc: Doc):
        text = doc.text
        for start, end, value in candidates(RUN, text, 1):
            # Trailing separators belong to the sentence, not to the number.
            while value and value[-1] in _SEPARATORS:
                value, end = value[:-1], end - 1
            if char_after(text, end).isalnum() or char_before(text, start).isalnum():
                continue
            read = read_digits(value)
            if read is None or len(read[0]) < 7 or len(set(read[0])) < 3:
                continue
            digits, groups = read
            if self.not_private.before(text, start, 1):
                continue
            kind = self._kind(text, start, digits, groups)
            if kind:
                yield self.result(kind[0], start, end, kind[1], spelled=True)

    def _kind(self, text: str, start: int, digits: str, groups: list[int]):
        if 13 <= len(digits) <= 19 and known_issuer(digits) and luhn_valid(digits):
            return "CREDIT_CARD", 0.95
        if len(digits) == 9 and valid_ssn(digits) and (self.ssn_words.before(text, start) or groups == [3, 2, 4]):
            return "US_SSN", 0.9
        if 7 <= len(digits) <= 15 and self.phone_words.before(text, start) and not self.business.before(text, start):
            return "PHONE_NUMBER", 0.85
        return None
