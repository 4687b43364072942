"""The characters people type instead of letters, in one place.

Each maps to the letters it can stand for, most likely first: "1" reads as
"i" (sh1t) or "l" (ho1e), "!" as "i" or "l". Matchers that try every reading
use READINGS; those that want one reading use FIRST.
"""
from __future__ import annotations

READINGS = {
    "0": "o", "1": "il", "2": "z", "3": "e", "4": "a", "5": "s", "6": "g", "7": "t", "8": "b", "9": "g",
    "@": "a", "$": "s", "!": "il", "|": "li", "+": "t", "€": "e", "£": "l", "(": "c", "<": "c", "¡": "i",
}
FIRST = {c: letters[0] for c, letters in READINGS.items()}
SECOND = {c: letters[1] for c, letters in READINGS.items() if len(letters) > 1}
