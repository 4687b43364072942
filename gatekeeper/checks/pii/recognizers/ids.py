"""Government ids: US Social Security numbers, UK National Insurance numbers, passports, driver's licences,
and the national identity and tax numbers of other countries (Canada's SIN, US tax ids, India's PAN and
Aadhaar, and any id number right after the word that names it)."""
from __future__ import annotations

from .bank import luhn_valid
from .base import SHAPE_SCORE, Context, ContextPatternRecognizer, Doc, compile

_NINO_SHAPE = compile(r"^[A-Z]{2}\d{6}[A-D]?$")
_NINO_BAD_PREFIX = {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"}


def _digits(value: str) -> str:
    return "".join(c for c in value if c.isdigit())


def valid_ssn(value: str) -> bool:
    d = _digits(value)
    if len(d) != 9:
        return False
    area, group, serial = d[:3], d[3:5], d[5:]
    return area not in ("000", "666") and area[0] != "9" and group != "00" and serial != "0000" and len(set(d)) > 1


def valid_itin(value: str) -> bool:
    """A US Individual Taxpayer Identification Number: 9XX-XX-XXXX, its middle group in the IRS's ranges."""
    d = _digits(value)
    if len(d) != 9 or d[0] != "9":
        return False
    group = int(d[3:5])
    return (50 <= group <= 65 or 70 <= group <= 88 or 90 <= group <= 92 or 94 <= group <= 99) and d[5:] != "0000"


def ssn_shaped(value: str) -> bool:
    """Written as an SSN (123-45-6789) but not a valid one: an invented number, or an area that is not issued."""
    d = _digits(value)
    return len(d) == 9 and len(set(d)) > 2 and not valid_ssn(value) and not valid_itin(value) and d[3:5] != "00"


def sin_shaped(value: str) -> bool:
    """Written as a SIN (123-456-789) but failing its Luhn check."""
    d = _digits(value)
    return len(d) == 9 and len(set(d)) > 2 and not valid_sin(value)


def valid_nino(value: str) -> bool:
    v = "".join(value.upper().split())
    if not _NINO_SHAPE.search(v):
        return False
    prefix = v[:2]
    return prefix not in _NINO_BAD_PREFIX and prefix[0] not in "DFIQUV" and prefix[1] not in "DFIOQUV"


def valid_sin(value: str) -> bool:
    """A Canadian Social Insurance Number: nine digits passing the Luhn check; none starts with 0 or 8."""
    d = _digits(value)
    return len(d) == 9 and d[0] not in "08" and len(set(d)) > 1 and luhn_valid(d)


# Verhoeff's tables (dihedral group D5), the checksum of India's Aadhaar numbers.
_VERHOEFF_D = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
               [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
               [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
               [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]]
_VERHOEFF_P = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
               [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
               [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8]]


def valid_aadhaar(value: str) -> bool:
    """Twelve digits, not starting with 0 or 1, passing the Verhoeff check."""
    d = _digits(value)
    if len(d) != 12 or d[0] in "01":
        return False
    check = 0
    for i, c in enumerate(reversed(d)):
        check = _VERHOEFF_D[check][_VERHOEFF_P[i % 8][ord(c) - 48]]
    return check == 0


def valid_my_number(value: str) -> bool:
    """Japan's Individual Number (My Number): twelve digits, the last the check digit of the first eleven weighted
    6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2 (mod 11; a remainder of 0 or 1 gives 0)."""
    d = _digits(value)
    if len(d) != 12 or len(set(d)) < 3:
        return False
    remainder = sum(int(c) * w for c, w in zip(d, (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2))) % 11
    return int(d[11]) == (0 if remainder <= 1 else 11 - remainder)


_PAN_SHAPE = compile(r"^[A-Za-z]{3}[ABCFGHJLPTabcfghjlpt][A-Za-z]\d{4}[A-Za-z]$")
# Mexico's CURP (GAOP891108HPLMRS05) and Italy's codice fiscale (RSSMRA85T10A562S; a digit may be replaced by a
# letter from L to V when two people would share one): mostly letters, so only their exact shapes.
_CURP_SHAPE = compile(r"^[A-Z]{4}\d{6}[HMX][A-Z]{5}[A-Z0-9]\d$")
_CODICE_FISCALE_SHAPE = compile(r"^[A-Z]{6}[0-9L-V]{2}[ABCDEHLMPRST][0-9L-V]{2}[A-Z][0-9L-V]{3}[A-Z]$")


def valid_medicare(value: str) -> bool:
    """Australia's Medicare card number: ten digits (an eleventh, the card holder's position, may follow), the first
    2 to 6, the ninth the check digit of the first eight weighted 1, 3, 7, 9."""
    d = _digits(value)
    if len(d) not in (10, 11) or d[0] not in "23456":
        return False
    return sum(int(c) * w for c, w in zip(d, (1, 3, 7, 9, 1, 3, 7, 9))) % 10 == int(d[8])


# Italy's codice fiscale: its last letter checks the fifteen before it, each character worth one value in odd
# positions (the first, third...) and another in even ones.
_CF_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]


def valid_codice_fiscale(value: str) -> bool:
    v = value.upper()
    if not _CODICE_FISCALE_SHAPE.search(v):
        return False
    total = 0
    for i, c in enumerate(v[:15]):
        n = int(c) if c.isdigit() else ord(c) - 65
        total += _CF_ODD[n] if i % 2 == 0 else n
    return v[15] == chr(65 + total % 26)


def id_number_like(value: str) -> bool:
    """After a word naming an id: India's PAN shape (ABCPE1234F), Mexico's CURP, Italy's codice fiscale, or 6 to 15
    letters and digits, mostly digits, in one run or in groups (CPF 570.197.274-76, Steuer-ID 62 875 977 140)."""
    compact = "".join(c for c in value if c.isalnum())
    upper = compact.upper()
    if _PAN_SHAPE.search(compact) or _CURP_SHAPE.search(upper) or _CODICE_FISCALE_SHAPE.search(upper):
        return True
    if _date_shaped(value):
        return False
    digits = sum(c.isdigit() for c in compact)
    return 6 <= len(compact) <= 15 and digits >= 5 and digits * 2 >= len(compact) and len(set(compact)) > 2


def _date_shaped(value: str) -> bool:
    """31.03.2025, 2025-03-31, 31/03/25: a deadline after an id's word ("link PAN and Aadhaar by 31.03.2025")."""
    groups = value.replace(".", " ").replace("-", " ").replace("/", " ").split()
    if len(groups) != 3 or not all(g.isdigit() for g in groups):
        return False
    if len(groups[0]) == 4:
        groups.reverse()
    if len(groups[2]) not in (2, 4):
        return False
    a, b = int(groups[0]), int(groups[1])
    return (1 <= a <= 31 and 1 <= b <= 12) or (1 <= a <= 12 and 1 <= b <= 31)


def passport_like(value: str) -> bool:
    """A passport number: 6 to 12 letters and digits with at least five digits (C01X00T47, P4789023X, 533380006)."""
    compact = "".join(c for c in value if c.isalnum())
    return 6 <= len(compact) <= 12 and sum(c.isdigit() for c in compact) >= 5 and len(set(compact)) > 2


def passport_after_label(value: str) -> bool:
    """Right after the word "passport": 6 to 9 letters and digits with a digit among them (Germany's and the
    Netherlands' passports hold mostly letters: NRBVPEHE7, CJ8MGWGNX)."""
    return 6 <= len(value) <= 9 and any(c.isdigit() for c in value) and len(set(value.upper())) > 3


def licence_like(value: str) -> bool:
    """A licence number: 5 to 20 letters and digits, at least two digits, not a word with a number glued on."""
    compact = "".join(c for c in value if c.isalnum())
    digits = sum(c.isdigit() for c in compact)
    return 5 <= len(compact) <= 20 and digits >= 2 and digits >= len(compact) // 3


class SinRecognizer(ContextPatternRecognizer):
    """Canada's SIN. Written 123-456-782 it counts on its own; spaced (123 456 782) only after its word or for an
    account serving Canada: France writes its companies' SIREN numbers so, and they pass the same Luhn check."""

    def find(self, doc: Doc):
        for r in super().find(doc):
            if r.score < self.context_score and " " in doc.text[r.start:r.end] and "CA" not in doc.account.regions:
                continue
            yield r


class IdAfterWordRecognizer(ContextPatternRecognizer):
    """Any id number right after the word that names it ("CPF 570.197.274-76", "PPSN 1234567T"), unless a phone
    word stands nearer to it ("Aadhaar queries? Call 1800 300 1947")."""

    def __init__(self, context: Context, phone_words: tuple[Context, ...]):
        super().__init__("NATIONAL_ID", "NationalIdContextRecognizer",
                         [r"\d{2,3}-\d{2,7}(?:-\d{3,4})?", r"[A-Za-z0-9]{6,18}", r"\d{1,4}(?:[ .-]\d{1,4}){1,7}"],
                         validate=id_number_like, context=context, require_context=True)
        self.phone_words = phone_words

    def find(self, doc: Doc):
        for r in super().find(doc):
            named = self.cue.distance(doc.text, r.start)
            phone = [d for d in (w.distance(doc.text, r.start) for w in self.phone_words) if d is not None]
            if named is not None and phone and min(phone) < named:
                continue
            yield r


def recognizers(context: dict[str, Context], not_an_id: Context | None = None) -> list:
    """`not_an_id`: words that, just before a number, make it something else (an order, a booking, a promo code)."""
    return [
        ContextPatternRecognizer("US_SSN", "SsnRecognizer", [r"\d{3}-\d{2}-\d{4}", r"\d{3} \d{2} \d{4}", r"\d{3}\.\d{2}\.\d{4}"],
                          validate=valid_ssn,
                          context=context["ssn"], score=0.85),
        ContextPatternRecognizer("US_SSN", "SsnContextRecognizer", [r"\d{9}", r"\d{3}[.\s]\d{2}[.\s]\d{4}"], validate=valid_ssn,
                          context=context["ssn"], require_context=True),
        ContextPatternRecognizer("UK_NINO", "NinoRecognizer", [r"(?i)[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]"], validate=valid_nino,
                          context=context["ni_number"], score=0.85),
        ContextPatternRecognizer("UK_NINO", "NinoContextRecognizer", [r"(?i)[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]?"],
                          context=context["ni_number"], require_context=True),
        ContextPatternRecognizer("PASSPORT", "PassportRecognizer", [r"[A-Za-z0-9]{6,12}"], validate=passport_like,
                          context=context["passport"], require_context=True),
        ContextPatternRecognizer("PASSPORT", "PassportAfterWordRecognizer", [r"[A-Za-z0-9]{6,9}"],
                          validate=passport_after_label, context=context["passport_label"], require_context=True),
        # Letters then digits (D1234567, DLUPPRAN098765, MORGA753116SM9IJ), or groups that each hold a digit
        # (A1234-56789-01234, AB12-34CD-56EF).
        ContextPatternRecognizer("DRIVER_LICENSE", "DriverLicenceRecognizer",
                          [r"[A-Za-z]{0,8}\d[A-Za-z0-9]{3,19}", r"[A-Za-z]{0,4}\d[A-Za-z0-9]{0,5}(?:[ -][A-Za-z]{0,4}\d[A-Za-z0-9]{0,5}){1,4}",
                           # A UK licence in its three printed groups: surname, date of birth, initials and check.
                           r"[A-Za-z9]{5} \d{6} [A-Za-z0-9]{5}(?: \d{2})?"],
                          validate=licence_like, context=context["driver_licence"], require_context=True),
        # Canada's SIN in its written shape (123-456-782) counts on its own: the Luhn check rules out nine in ten
        # numbers of that shape, and phone numbers are not grouped 3-3-3.
        SinRecognizer("NATIONAL_ID", "SinRecognizer", [r"\d{3}-\d{3}-\d{3}", r"\d{3} \d{3} \d{3}"], validate=valid_sin,
                      context=context["national_id"], score=0.85, not_private=not_an_id),
        ContextPatternRecognizer("NATIONAL_ID", "ItinRecognizer", [r"9\d{2}-\d{2}-\d{4}"], validate=valid_itin,
                          context=context["national_id"], score=0.85),
        # The dashed shapes of SSNs and SINs hold little else; an invented or mistyped one is still meant as an
        # id: a warning on its own (SHAPE_SCORE), a block after the word naming it. Order and booking numbers
        # in the same shape are left alone.
        ContextPatternRecognizer("US_SSN", "SsnShapeRecognizer", [r"\d{3}-\d{2}-\d{4}"], validate=ssn_shaped,
                          context=context["ssn"], score=SHAPE_SCORE, not_private=not_an_id),
        ContextPatternRecognizer("NATIONAL_ID", "SinShapeRecognizer", [r"\d{3}-\d{3}-\d{3}"], validate=sin_shaped,
                          context=context["national_id"], score=SHAPE_SCORE, not_private=not_an_id),
        # Provinces' driver's licence formats distinct enough to stand alone: Ontario (A1234-12345-12345) and
        # Quebec (A1234-123456-12).
        ContextPatternRecognizer("DRIVER_LICENSE", "DriverLicenceShapeRecognizer",
                          [r"[A-Z]\d{4}-\d{5}-\d{5}", r"[A-Z]\d{4}-\d{6}-\d{2}"],
                          context=context["driver_licence"], score=SHAPE_SCORE, not_private=not_an_id),
        ContextPatternRecognizer("NATIONAL_ID", "MedicareRecognizer", [r"\d{4}[ -]?\d{5}[ -]?\d(?:[ -/]?\d)?"],
                          validate=valid_medicare, context=context["national_id"], require_context=True),
        # Ids with check digits may also follow everyday words ("UID", "My Number"): the check digits decide.
        ContextPatternRecognizer("NATIONAL_ID", "AadhaarRecognizer", [r"\d{4}[ -]?\d{4}[ -]?\d{4}"], validate=valid_aadhaar,
                          context=context["national_id_checked"], require_context=True),
        ContextPatternRecognizer("NATIONAL_ID", "MyNumberRecognizer", [r"\d{4}[ -]?\d{4}[ -]?\d{4}"], validate=valid_my_number,
                          context=context["national_id_checked"], require_context=True),
        ContextPatternRecognizer("NATIONAL_ID", "CodiceFiscaleRecognizer", [r"[A-Za-z0-9]{16}"], validate=valid_codice_fiscale,
                          context=context["national_id_checked"], require_context=True),
        # After "TIN", "PAN", "tax id", "national id"...: tax ids (12-3456789), PAN (ABCPE1234F), id numbers.
        IdAfterWordRecognizer(context["national_id"], (context["phone"], context["business_phone"])),
    ]
