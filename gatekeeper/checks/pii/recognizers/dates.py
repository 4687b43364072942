"""Dates of birth: any date written as people write dates, after a birth word ("DOB", "born on", "geboren am"),
or right after "b.", "geb." or "né le" ("(b. 9 Dec 1963)")."""
from __future__ import annotations

from .base import Context, ContextPatternRecognizer

# Month names and their usual short forms in English, German, French, Spanish, Italian, Dutch and Portuguese, as
# they read once accents are dropped ("août" -> "aout", "März" -> "Marz"). Short forms that are everyday words in
# another language ("set", "out", "ago") are left out.
_MONTH_NAMES = [
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july", "aug",
    "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december",
    "januar", "februar", "marz", "maerz", "mai", "juni", "juli", "oktober", "okt", "dezember", "dez",
    "janvier", "janv", "fevrier", "fevr", "fev", "mars", "avril", "avr", "juin", "juillet", "juil", "aout",
    "septembre", "octobre", "novembre", "decembre",
    "enero", "ene", "febrero", "marzo", "abril", "abr", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre",
    "octubre", "noviembre", "diciembre", "dic",
    "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre",
    "januari", "februari", "maart", "mrt", "mei", "augustus",
    "janeiro", "fevereiro", "marco", "maio", "junho", "julho", "setembro", "outubro", "novembro", "dezembro",
]
MONTHS = "(?:" + "|".join(sorted(set(_MONTH_NAMES), key=len, reverse=True)) + ")"
_YEAR = r"(?:19|20)\d{2}"
# Case-insensitive bodies; each is compiled as (?i:...).
_DATE_BODIES = [
    r"\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})",
    _YEAR + r"[/.-]\d{1,2}[/.-]\d{1,2}",
    # 9 Dec 1963, 18. Februar 1993, 13 de abril de 1996, 1st of May 1990
    r"\d{1,2}(?:st|nd|rd|th|\.)?(?:\s+(?:of|de))?\s+" + MONTHS + r"\.?,?\s+(?:de\s+)?" + _YEAR,
    r"" + MONTHS + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+" + _YEAR,
    # 01-Aug-75, 01/aug/1975
    r"\d{1,2}[/-]" + MONTHS + r"[/-](?:\d{4}|\d{2})",
    # 19560601: digits alone make a date only after a birth word (this recognizer always wants one)
    _YEAR + r"(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])",
]
DATE_PATTERNS = ["(?i:" + body + ")" for body in _DATE_BODIES]
# "b." and "geb." (born, geboren) and "né le" mean born only right before a date ("Plan B. 12 May 2026" is no
# birth; "Ne le manquez pas le 12 mai" no birth either).
_RIGHT_BEFORE = r"(?:^|[^\p{L}\p{N}])(?:b\.|[Gg]eb\.|(?i:nee? le))[ ]?("


def recognizers(context: dict[str, Context]) -> list:
    return [
        ContextPatternRecognizer("DATE_OF_BIRTH", "DateOfBirthRecognizer", DATE_PATTERNS, context=context["date_of_birth"],
                                 require_context=True),
        ContextPatternRecognizer("DATE_OF_BIRTH", "DateOfBirthAbbreviationRecognizer",
                                 [_RIGHT_BEFORE + pattern + r")(?:[^\p{L}\p{N}]|$)" for pattern in DATE_PATTERNS],
                                 bounded=False, group=1, score=0.9),
    ]
