"""Government ids: US Social Security numbers, UK National Insurance numbers, passports, driver's licences,
and the national identity and tax numbers of other countries (Canada's SIN, US tax ids, India's PAN and
Aadhaar, and any id number right after the word that names it)."""
from __future__ import annotations

from .bank import luhn_valid
from .base import SHAPE_SCORE, Context, ContextPatternRecognizer, compile

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


_PAN_SHAPE = compile(r"^[A-Za-z]{3}[ABCFGHJLPTabcfghjlpt][A-Za-z]\d{4}[A-Za-z]$")


def valid_medicare(value: str) -> bool:
    """Australia's Medicare card number: ten digits (an eleventh, the card holder's position, may follow), the first
    2 to 6, the ninth the check digit of the first eight weighted 1, 3, 7, 9."""
    d = _digits(value)
    if len(d) not in (10, 11) or d[0] not in "23456":
        return False
    return sum(int(c) * w for c, w in zip(d, (1, 3, 7, 9, 1, 3, 7, 9))) % 10 == int(d[8])


def id_number_like(value: str) -> bool:
    """After a word naming an id: India's PAN shape (ABCPE1234F), or 6 to 15 letters and digits, mostly digits."""
    compact = "".join(c for c in value if c.isalnum())
    if _PAN_SHAPE.search(compact):
        return True
    digits = sum(c.isdigit() for c in compact)
    return 6 <= len(compact) <= 15 and digits >= 5 and digits * 2 >= len(compact) and len(set(compact)) > 2


def passport_like(value: str) -> bool:
    """A passport number: 6 to 12 letters and digits with at least five digits (C01X00T47, P4789023X, 533380006)."""
    compact = "".join(c for c in value if c.isalnum())
    return 6 <= len(compact) <= 12 and sum(c.isdigit() for c in compact) >= 5 and len(set(compact)) > 2


def licence_like(value: str) -> bool:
    """A licence number: 5 to 20 letters and digits, at least two digits, not a word with a number glued on."""
    compact = "".join(c for c in value if c.isalnum())
    digits = sum(c.isdigit() for c in compact)
    return 5 <= len(compact) <= 20 and digits >= 2 and digits >= len(compact) // 3


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
        # Letters then digits (D1234567, DLUPPRAN098765, MORGA753116SM9IJ), or groups that each hold a digit
        # (A1234-56789-01234, AB12-34CD-56EF).
        ContextPatternRecognizer("DRIVER_LICENSE", "DriverLicenceRecognizer",
                          [r"[A-Za-z]{0,8}\d[A-Za-z0-9]{3,19}", r"[A-Za-z]{0,4}\d[A-Za-z0-9]{0,5}(?:[ -][A-Za-z]{0,4}\d[A-Za-z0-9]{0,5}){1,4}"],
                          validate=licence_like, context=context["driver_licence"], require_context=True),
        # Canada's SIN in its written shape (123-456-782) counts on its own: the Luhn check rules out nine in ten
        # numbers of that shape, and phone numbers are not grouped 3-3-3.
        ContextPatternRecognizer("NATIONAL_ID", "SinRecognizer", [r"\d{3}-\d{3}-\d{3}", r"\d{3} \d{3} \d{3}"], validate=valid_sin,
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
        ContextPatternRecognizer("NATIONAL_ID", "AadhaarRecognizer", [r"\d{4}[ -]?\d{4}[ -]?\d{4}"], validate=valid_aadhaar,
                          context=context["national_id"], require_context=True),
        # After "TIN", "PAN", "tax id", "national id"...: tax ids (12-3456789), PAN (ABCPE1234F), id numbers.
        ContextPatternRecognizer("NATIONAL_ID", "NationalIdContextRecognizer",
                          [r"\d{2,3}-\d{2,7}(?:-\d{3,4})?", r"[A-Za-z0-9]{6,15}"], validate=id_number_like,
                          context=context["national_id"], require_context=True),
    ]
