"""E-mail addresses, including those written out to dodge filters ("jane dot doe at gmail dot com")."""
from __future__ import annotations

import phonenumbers

from .base import ContextPatternRecognizer, Doc, Recognizer, candidates, char_after, compile

EMAIL = r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?){0,6}\.[A-Za-z]{2,24}"

# "jane dot doe at gmail dot com", "jane [at] gmail [dot] com", "jo.b @ gmail.com", "abecker at web.de": a local
# part, an "at" written out or spaced, then a domain with at least one dot (written out or not).
_DOT = r"(?:\s*(?:\(dot\)|\[dot\]|\{dot\})\s*|\s+dot\s+)"
_AT = r"(?:\s*(?:\(at\)|\[at\]|\{at\})\s*|\s+at\s+|\s+@\s*|\s*@\s+)"
OBFUSCATED_EMAIL = (r"(?i)(?:^|[^a-z0-9._%+-])([a-z0-9._%+-]+(?:" + _DOT + r"[a-z0-9_%+-]+)*" + _AT
                    + r"[a-z0-9-]+(?:(?:" + _DOT + r"|\.)[a-z0-9-]+)+)")
_AT_SPLIT = compile(r"(?i)" + _AT)
_DOT_SPLIT = compile(r"(?i)" + _DOT + r"|\.")
_MAILBOX_SHAPE = compile(r"(?i)[a-z][._][a-z]")

# Endings people spell out after " dot ": the common generic ones and countries' codes, except the codes that are
# English words ("stare at a dot in the middle").
_GENERIC_TLDS = {"com", "net", "org", "edu", "gov", "io", "co", "uk", "me", "info", "biz", "eu"}
_WORD_CODES = {"ad", "ai", "am", "as", "at", "be", "by", "do", "hm", "id", "in", "is", "it", "la", "ma", "my", "no",
               "pa", "so", "to", "us"}
_SPELLED_TLDS = _GENERIC_TLDS | ({r.lower() for r in phonenumbers.SUPPORTED_REGIONS} - _WORD_CODES)
# "sign in at outlook.com", "write to us at gmail dot com", "at the dot com": words, not a mailbox.
_NOT_MAILBOXES = {"in", "up", "on", "out", "us", "me", "you", "him", "her", "them", "it", "inbox", "account", "accounts",
                  "mailbox", "address", "email", "mail", "login", "online", "here", "there", "now", "today", "again",
                  "directly", "also", "only", "the", "a", "an", "this", "that", "my", "your", "our", "their", "his", "its"}


def canonical(value: str) -> str:
    """An address as it would be typed: "Jo [at] Acme [dot] com" -> "jo@acme.com"."""
    at = _AT_SPLIT.search(value)
    if at is None:
        return value.strip().lower()
    local, domain = value[:at.start()], value[at.end():]
    return (_DOT_SPLIT.text_re.sub(".", local) + "@" + _DOT_SPLIT.text_re.sub(".", domain)).replace(" ", "").lower()


def _address_like(value: str) -> bool:
    local = value.split("@", 1)[0]
    return not (local.startswith(".") or local.endswith(".") or ".." in local)


class ObfuscatedEmailRecognizer(Recognizer):
    """An address with its "@" or dots written out or spaced. Written with "[at]" or "(dot)", it is meant as an
    address on any domain; with a bare " at " or a spaced " @ " and real dots, only on a mail provider's domain
    (mail_domains in pii.yaml), so "find us at acme.com" stays a link."""

    ENTITIES = ("EMAIL_ADDRESS",)

    def __init__(self, mail_domains=()):
        self.pattern = compile(OBFUSCATED_EMAIL)
        self.names = {d.strip().lower() for d in mail_domains if "." not in d.strip()}
        self.domains = {d.strip().lower().strip(".") for d in mail_domains if "." in d.strip()}
        super().__init__()

    def mail_domain(self, labels: list[str]) -> bool:
        domain = ".".join(labels)
        return (any(label in self.names for label in labels[:-1])
                or any(domain == d or domain.endswith("." + d) for d in self.domains))

    def find(self, doc: Doc):
        text = doc.text
        for start, end, value in candidates(self.pattern, text, 1):
            if char_after(text, end).isalnum():
                continue
            at = _AT_SPLIT.search(value)
            if at is None:
                continue
            local, written_at, domain = value[:at.start()], value[at.start():at.end()].strip().lower(), value[at.end():]
            labels = [label.lower() for label in _DOT_SPLIT.text_re.split(domain)]
            dots = [d.strip().lower() for d in _DOT_SPLIT.text_re.findall(domain)]
            tld = labels[-1]
            if not (tld.isalpha() and 2 <= len(tld) <= 24) or not all(labels):
                continue
            bracketed_at = written_at[:1] in "([{"
            bracketed_dot = any(d[:1] in "([{" for d in dots)
            spelled_dot = any(d == "dot" for d in dots)
            if not bracketed_at:
                first_local = _DOT_SPLIT.text_re.split(local)[0].lower()
                if first_local in _NOT_MAILBOXES or labels[0] in _NOT_MAILBOXES:
                    continue
                if bracketed_dot:
                    pass  # "lmarino (at) libero (dot) it": written to dodge a filter, any ending
                elif spelled_dot:
                    if tld not in _SPELLED_TLDS and not self.mail_domain(labels):
                        continue  # "yahoo dot co dot in" is an address, "a dot in the middle" is not
                elif char_after(text, end) == "/" or not (
                        self.mail_domain(labels) or (written_at == "@" and _MAILBOX_SHAPE.search(local))):
                    continue  # "find us at acme.com", "shop now @ acme.com/deals": a link
            yield self.result("EMAIL_ADDRESS", start, end, 0.85)


def recognizers(mail_domains=()) -> list:
    return [
        ContextPatternRecognizer("EMAIL_ADDRESS", "EmailRecognizer", [EMAIL], validate=_address_like, score=1.0, edge="@.-_"),
        ObfuscatedEmailRecognizer(mail_domains),
    ]
