"""Government ids: US Social Security numbers, UK National Insurance numbers, passports, driver's licences."""
from __future__ import annotations

from .base import Context, ContextPatternRecognizer, compile

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


def valid_nino(value: str) -> bool:
    v = "".join(value.upper().split())
    if not _NINO_SHAPE.search(v):
        return False
    prefix = v[:2]
    return prefix not in _NINO_BAD_PREFIX and prefix[0] not in "DFIQUV" and prefix[1] not in "DFIOQUV"


def licence_like(value: str) -> bool:
    """A licence number: 5 to 20 letters and digits, at least two digits, not a word with a number glued on."""
    compact = "".join(c for c in value if c.isalnum())
    digits = sum(c.isdigit() for c in compact)
    return 5 <= len(compact) <= 20 and digits >= 2 and digits >= len(compact) // 3


def recognizers(context: dict[str, Context]) -> list:
    return [
        ContextPatternRecognizer("US_SSN", "SsnRecognizer", [r"\d{3}-\d{2}-\d{4}", r"\d{3} \d{2} \d{4}"], validate=valid_ssn,
                          context=context["ssn"], score=0.85),
        ContextPatternRecognizer("US_SSN", "SsnContextRecognizer", [r"\d{9}", r"\d{3}[.\s]\d{2}[.\s]\d{4}"], validate=valid_ssn,
                          context=context["ssn"], require_context=True),
        ContextPatternRecognizer("UK_NINO", "NinoRecognizer", [r"(?i)[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]"], validate=valid_nino,
                          context=context["ni_number"], score=0.85),
        ContextPatternRecognizer("UK_NINO", "NinoContextRecognizer", [r"(?i)[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]?"],
                          context=context["ni_number"], require_context=True),
        ContextPatternRecognizer("PASSPORT", "PassportRecognizer", [r"[A-Z]{0,2}\d{6,9}"], context=context["passport"],
                          require_context=True),
        ContextPatternRecognizer("DRIVER_LICENSE", "DriverLicenceRecognizer",
                          [r"[A-Za-z]{0,5}\d[A-Za-z0-9]{3,19}", r"[A-Za-z]?\d{2,4}(?:[ -]\d{2,4}){1,4}"], validate=licence_like,
                          context=context["driver_licence"], require_context=True),
    ]
