"""Dates of birth: any date written as people write dates, after a birth word ("DOB", "born on")."""
from __future__ import annotations

from .base import Context, ContextPatternRecognizer

MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
          r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
DATE_PATTERNS = [
    r"\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})",
    r"(?:19|20)\d{2}[/.-]\d{1,2}[/.-]\d{1,2}",
    r"(?i)\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?\s+" + MONTHS + r"\.?,?\s+(?:19|20)\d{2}",
    r"(?i)" + MONTHS + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}",
]


def recognizers(context: dict[str, Context]) -> list:
    return [ContextPatternRecognizer("DATE_OF_BIRTH", "DateOfBirthRecognizer", DATE_PATTERNS, context=context["date_of_birth"],
                              require_context=True)]
