"""E-mail addresses, including those written out to dodge filters ("jane dot doe at gmail dot com")."""
from __future__ import annotations

from .base import ContextPatternRecognizer

EMAIL = r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?){0,6}\.[A-Za-z]{2,24}"

# "jane dot doe at gmail dot com", "jane [at] gmail [dot] com".
OBFUSCATED_EMAIL = (r"(?i)\b[a-z0-9._%+-]+(?:\s*(?:\(|\[|\{)?\s*dot\s*(?:\)|\]|\})?\s*[a-z0-9_%+-]+)*"
                    r"\s*(?:\(at\)|\[at\]|\{at\}|\sat\s)\s*[a-z0-9-]+"
                    r"(?:\s*(?:\(dot\)|\[dot\]|\{dot\}|\sdot\s|\.)\s*[a-z0-9-]+)*"
                    r"\s*(?:\(dot\)|\[dot\]|\{dot\}|\sdot\s)\s*(?:com|net|org|edu|gov|io|co|uk|me|info|biz)\b")


def _address_like(value: str) -> bool:
    local = value.split("@", 1)[0]
    return not (local.startswith(".") or local.endswith(".") or ".." in local)


def recognizers() -> list:
    return [
        ContextPatternRecognizer("EMAIL_ADDRESS", "EmailRecognizer", [EMAIL], validate=_address_like, score=1.0, edge="@.-_"),
        ContextPatternRecognizer("EMAIL_ADDRESS", "ObfuscatedEmailRecognizer", [OBFUSCATED_EMAIL], score=0.85, bounded=False),
    ]
