"""Booking references and loyalty numbers: codes that are private because of what they open.

A code counts after a booking or loyalty word (policies/lexicons/pii.yaml), after
the name of the account's own loyalty programme ("AcmeMiles 884213370"), or
when it has the shape of the account's own booking references (account setting
booking_reference_formats), and never after a word that makes it harmless
("promo code", "flight").
"""
from __future__ import annotations

from datetime import date

from ....words import common_words
from .base import Context, Doc, ContextPatternRecognizer, Recognizer, candidates, compile, runs_on, words

CODE = r"[A-Za-z0-9][A-Za-z0-9-]{3,18}[A-Za-z0-9]"
_LETTER_RUNS = compile(r"[A-Za-z]+")


def _is_date(value: str) -> bool:
    """2025-12-20 or 20-12-2025 (month and day either way round): a date ("order by 2025-12-20"), not a code."""
    parts = value.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return False
    if len(parts[2]) == 4:
        parts.reverse()
    if len(parts[0]) != 4:
        return False
    year, a, b = map(int, parts)
    return _valid_date(year, a, b) or _valid_date(year, b, a)


def _valid_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def code_like(value: str) -> bool:
    """A booking or member code: letters and digits, or capitals that are not a word (PNRs like QXJTRW)."""
    alnum = "".join(c for c in value if c.isalnum())
    if len(alnum) < 5 or len(alnum) > 20 or _is_date(value):
        return False
    if any(a.isupper() and b.islower() and c.islower() for a, b, c in zip(value, value[1:], value[2:])):
        return False  # a capitalised word inside ("Cortado2Go", "Nitro16"): a product's name, not a code
    if any(c.isdigit() for c in alnum):
        # "48hours", "2nd", "10am": a number with a word glued on is not a code; capitals after five or more
        # digits are a code's ("835773UK", "674348CJ").
        runs = [value for _, _, value in _LETTER_RUNS.finditer(alnum)]
        if len(runs) == 1 and alnum[0].isdigit():
            word = runs[0].lower()
            if word in _UNITS:
                return False
            return word not in common_words() or (runs[0].isupper() and len(alnum) - len(word) >= 5)
        return True
    return alnum.isupper() and 5 <= len(alnum) <= 8 and alnum.lower() not in common_words()


_UNITS = {"am", "pm", "hrs", "hr", "h", "mins", "min", "km", "kg", "mb", "gb", "st", "nd", "rd", "th", "x", "k", "m"}


# A link's query parameter that carries a booking: "?confirmation=AB12CD" opens it for anyone. Other parameters
# ("?ref=WINTER26", "&gclid=...") tag a campaign.
BOOKING_PARAMETERS = {"confirmation", "confirmationcode", "confirmation_code", "pnr", "booking", "bookingref",
                      "booking_ref", "bookingreference", "reservation", "locator", "recordlocator", "record_locator",
                      "order", "orderid", "order_id", "ordernumber", "ticket", "ticketnumber", "case", "caseid"}


def _campaign_parameter(text: str, start: int) -> bool:
    """Is the value at `start` the value of a link's query parameter that is not a booking's?"""
    if text[start - 1:start] != "=":
        return False
    name_start = start - 1
    while name_start > 0 and (text[name_start - 1].isalnum() or text[name_start - 1] == "_") and start - name_start < 40:
        name_start -= 1
    return text[name_start - 1:name_start] in ("?", "&") and text[name_start:start - 1].lower() not in BOOKING_PARAMETERS


def _named_after(value: str, programme: Context) -> bool:
    """"AcmeMiles2025" (a campaign hashtag): the programme's own name with a number, not a member's number."""
    digits_from = next((i for i, c in enumerate(value) if not c.isalpha()), len(value))
    return digits_from > 0 and (value[:digits_from].lower(),) in programme.phrases


# A number printed on a card in groups of four or five ("loyalty card 6338 4813 5704"); thousands are grouped in threes.
CARD_GROUPS = r"\d{4,5}(?: \d{4,5}){1,4}"
# "your TJAKRD booking": a code between "your" and a booking word.
_YOUR_CODE = compile(r"(?i)(?:^|[^\p{L}\p{N}])your[ ]+(" + CODE + r")[ ]+\p{L}")


def _pnr_like(value: str) -> bool:
    """Six capitals that cannot be read as a name (TJAKRD: one vowel at most, as record locators are drawn so as not
    to spell words; AIRBNB is a name), or letters and digits with two digits or more (AB12CD)."""
    if value.isalpha():
        return (len(value) == 6 and value.isupper() and value.lower() not in common_words()
                and sum(c in "AEIOU" for c in value) <= 1)
    return sum(c.isdigit() for c in value) >= 2 and any(c.isalpha() for c in value) and code_like(value)


# "Pre-order the HD800S", "a case for the SM-S928B", "order the new KSM150": "order" as a verb, or "for", then an article
# names a product; a booking's or a member's code follows its word ("booking ref AB12CD", "your booking is the AB12CD").
_PRODUCT_BEFORE = {"the", "a", "an", "new"}
_ORDERING = {"order", "preorder", "pre-order", "for"}


def _named_product(text: str, start: int) -> bool:
    before = words(text[max(0, start - 30):start])
    while before and before[-1] in _PRODUCT_BEFORE:
        before.pop()
        if before and before[-1] in _ORDERING:
            return True
    return False


class CodeRecognizer(ContextPatternRecognizer):
    """A code after a context word; the account's loyalty programme names count as loyalty words."""

    def __init__(self, entity: str, name: str, context: Context, not_private: Context, account_words: str | None = None,
                 patterns: tuple[str, ...] = (), code_after: bool = False):
        self.account_words = account_words
        self.code_after = code_after
        super().__init__(entity, name, [CODE, *patterns], validate=code_like, context=context, require_context=True,
                         not_private=not_private, edge="@/.")

    def find(self, doc: Doc):
        own = getattr(doc.account, self.account_words, None) if self.account_words else None
        yield from (r for r in super().find(doc)
                    if not _campaign_parameter(doc.text, r.start) and not _named_product(doc.text, r.start))
        if self.code_after and "your" in doc.word_set:
            for start, end, value in candidates(_YOUR_CODE, doc.text, 1):
                word = words(doc.text[end:end + 40])[:1]
                if tuple(word) in self.cue.phrases and _pnr_like(value) and not runs_on(doc.text, end, self.edge):
                    yield self.result(self.ENTITIES[0], start, end, 0.9)
        if own:
            for start, end, value in candidates(self.patterns[0], doc.text, self.group):
                if runs_on(doc.text, end, self.edge):
                    continue
                if own.before(doc.text, start) and code_like(value) and not self.not_private.before(doc.text, start, 1) \
                        and not _named_after(value, own):
                    yield self.result(self.ENTITIES[0], start, end, 0.95)


class BookingFormatRecognizer(Recognizer):
    """Codes in the shape of the account's own booking references, with or without a booking word."""

    ENTITIES = ("BOOKING_REFERENCE",)

    def __init__(self, not_private: Context):
        self.not_private = not_private
        super().__init__()

    def find(self, doc: Doc):
        for pattern in doc.account.booking_formats:
            for start, end, _ in candidates(pattern, doc.text, 1):
                if runs_on(doc.text, end, "@/"):
                    continue
                if not self.not_private.before(doc.text, start, 1):
                    yield self.result("BOOKING_REFERENCE", start, end, 0.9)


def booking_format(pattern: str):
    """Compile an account's booking-reference format as a whole-word, linear-time pattern."""
    return compile(r"(?:^|[^\p{L}\p{N}@/.-])(" + pattern + ")")


def recognizers(context: dict[str, Context], not_private: Context) -> list:
    return [
        CodeRecognizer("BOOKING_REFERENCE", "BookingReferenceRecognizer", context["booking_reference"], not_private,
                       code_after=True),
        CodeRecognizer("LOYALTY_NUMBER", "LoyaltyNumberRecognizer", context["loyalty_number"], not_private, "loyalty",
                       patterns=(CARD_GROUPS,)),
        BookingFormatRecognizer(not_private),
    ]
