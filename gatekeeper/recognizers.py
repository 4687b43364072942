"""Gatekeeper's own Presidio recognizers: one recognizer, one kind of private data.

Presidio's stock pattern recognizers misfire on brand replies (a US phone
number read as a UK NHS number, flight numbers as passports, event dates as
dates of birth) and its context boosting needs an NLP model. These
recognizers decide from the few words before a candidate, using the words in
policies/lexicons/pii.yaml, so a code after "booking ref" is private and the
same code after "promo code" is not.
"""
from __future__ import annotations

import ipaddress
import re
from typing import Callable, Iterable

import phonenumbers
from presidio_analyzer import EntityRecognizer, RecognizerResult

# Words between a context word and the value that do not break the link
# ("booking reference for your trip is K7Q2XP").
MAX_WORDS_BETWEEN = 4
FILLER = r"(?:is|was|are|of|for|the|your|you|my|our|his|her|their|its|this|that|no|nr|num|number|#|code|id|here|below|as|follows|will|be|=|:|-|to)"


def _words_regex(words: Iterable[str]) -> str:
    parts = sorted({re.escape(w.lower()).replace(r"\ ", r"[\s_-]+") for w in words if w.strip()}, key=len, reverse=True)
    return "(?:" + "|".join(parts) + ")" if parts else "(?!x)x"


class Context:
    """Does a context word stand within a few words before a position?"""

    def __init__(self, words: Iterable[str], window: int = 60):
        self.window = window
        self._re = re.compile(r"(?<![\w])" + _words_regex(words) + r"(?![\w])[\W_]*(?:[\w'’.-]+[\W_]+){0,%d}$" % MAX_WORDS_BETWEEN, re.I)
        self._anywhere = re.compile(r"(?<![\w])" + _words_regex(words) + r"(?![\w])", re.I)

    def anywhere(self, text: str) -> bool:
        """Is any context word in the text at all? Most posts have none: then nothing else needs looking at."""
        return bool(self._anywhere.search(text))

    def before(self, text: str, start: int) -> bool:
        return bool(self._re.search(text[max(0, start - self.window):start]))


class NotPrivate:
    """Is the value introduced by a word that makes it harmless (promo code, flight, gate)?"""

    def __init__(self, words: Iterable[str], words_between: int = 0):
        between = r"(?:[\w'’]+[\s,]+){0,%d}" % words_between if words_between else ""
        self._re = re.compile(r"(?<![\w])" + _words_regex(words) + r"(?:[\s:#.=-]+(?:is|was|no|number|code)?)*[\s:#.=-]*" + between + "$", re.I)

    def before(self, text: str, start: int) -> bool:
        return bool(self._re.search(text[max(0, start - 40):start]))


class GatekeeperPatternRecognizer(EntityRecognizer):
    """Find candidates by pattern; keep those that pass validation and context rules.

    require_context: the candidate only counts after a context word.
    context_score / score: the score with and without context.
    """

    def __init__(self, entity: str, name: str, patterns: list[str], *, context: Context | None = None,
                 require_context: bool = False, not_private: NotPrivate | None = None,
                 validate: Callable[[str], bool] | None = None, score: float = 0.85, context_score: float = 0.95,
                 flags: int = 0, group: int = 0):
        self.patterns = [re.compile(p, flags) for p in patterns]
        self.cue = context
        self.require_context = require_context
        self.not_private = not_private
        self.validate = validate
        self.score = score
        self.context_score = context_score
        self.group = group
        super().__init__(supported_entities=[entity], name=name, supported_language="en")

    def load(self) -> None:  # nothing to load: patterns compile in __init__
        pass

    def analyze(self, text: str, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        seen = set()
        if self.require_context and not (self.cue and self.cue.anywhere(text)):
            return results
        for pattern in self.patterns:
            for match in pattern.finditer(text):
                start, end = match.span(self.group)
                if (start, end) in seen or end <= start:
                    continue
                value = match.group(self.group)
                has_context = bool(self.cue and self.cue.before(text, match.start()))
                if self.require_context and not has_context:
                    continue
                if self.validate and not self.validate(value):
                    continue
                if self.not_private and self.not_private.before(text, match.start()):
                    continue
                seen.add((start, end))
                results.append(RecognizerResult(self.supported_entities[0], start, end,
                                                self.context_score if has_context else self.score,
                                                recognition_metadata={"recognizer_name": self.name,
                                                                      "recognizer_identifier": self.id}))
        return results


# -- validators ---------------------------------------------------------------

def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def valid_ssn(value: str) -> bool:
    d = _digits(value)
    if len(d) != 9:
        return False
    area, group, serial = d[:3], d[3:5], d[5:]
    return area not in ("000", "666") and area[0] != "9" and group != "00" and serial != "0000" and len(set(d)) > 1


_NINO_BAD_PREFIX = {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"}


def valid_nino(value: str) -> bool:
    v = re.sub(r"\s", "", value.upper())
    if not re.fullmatch(r"[A-Z]{2}\d{6}[A-D]?", v):
        return False
    prefix = v[:2]
    return prefix not in _NINO_BAD_PREFIX and prefix[0] not in "DFIQUV" and prefix[1] not in "DFIOQUV"


def code_like(value: str) -> bool:
    """A booking or member code: letters and digits, or capitals that are not a word (PNRs like QXJTRW)."""
    from .words import common_words

    alnum = re.sub(r"[\W_]", "", value)
    if len(alnum) < 5 or len(alnum) > 20:
        return False
    if any(c.isdigit() for c in alnum):
        return True
    return alnum.isupper() and 5 <= len(alnum) <= 8 and alnum.lower() not in common_words()


def secret_like(value: str) -> bool:
    """A password or key value: not a plain lowercase word."""
    v = value.strip(".,;:!?)(\"'")
    if len(v) < 4:
        return False
    if v.lower() in ("required", "incorrect", "wrong", "expired", "invalid", "changed", "reset", "case-sensitive", "protected"):
        return False
    return bool(re.search(r"\d", v) or re.search(r"[^\w]", v) or (re.search(r"[A-Z]", v[1:]) and re.search(r"[a-z]", v)))


# -- phone numbers --------------------------------------------------------------

PHONE_CANDIDATE = re.compile(
    r"(?<![\w$£€¥.,/:#-])"
    r"(?:\+\d{1,3}[\s.-]?)?"
    r"(?:\(\d{1,5}\)[\s.-]?)?"
    r"\d{1,8}(?:[\s.-]\d{1,8}){0,5}"
    r"(?![\w%$£€/:]|[.,]\d)"
)
NANP = re.compile(r"^(?:\+?1[\s.-]?)?\(?[2-9]\d{2}\)?[\s.-]?[2-9]\d{2}[\s.-]?\d{4}$")
UK = re.compile(r"^(?:\+44[\s.-]?(?:\(0\))?[\s.-]?[1-9]|0[1-9])[\d\s.-]{8,12}$")


def phone_e164(value: str, default_region: str = "US") -> str | None:
    """The E.164 form of a phone number, or None if it is not one."""
    try:
        number = phonenumbers.parse(value, default_region)
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_possible_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None


_BUSINESS_TYPES = {phonenumbers.PhoneNumberType.TOLL_FREE, phonenumbers.PhoneNumberType.PREMIUM_RATE,
                   phonenumbers.PhoneNumberType.SHARED_COST, phonenumbers.PhoneNumberType.UAN}


def is_business_number(value: str, default_region: str = "US") -> bool:
    """Toll-free, shared-cost and premium numbers (1-800, 0800, 0345) belong to organisations, not people."""
    digits = value.strip()
    # A national number starting with 0 is written the UK way; otherwise North American.
    region = None if digits.startswith("+") else ("GB" if digits.startswith("0") else default_region)
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(number) and phonenumbers.number_type(number) in _BUSINESS_TYPES


class GatekeeperPhoneRecognizer(EntityRecognizer):
    """US and UK phone numbers, and international numbers written with +.

    Faster and stricter than Presidio's: one candidate regex, then a structural
    test; 7-digit local numbers only after a phone word ("call 555-0199").
    """

    def __init__(self, context: Context, not_private: NotPrivate):
        self.cue = context
        self.not_private = not_private
        super().__init__(supported_entities=["PHONE_NUMBER"], name="GatekeeperPhoneRecognizer", supported_language="en")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        for match in PHONE_CANDIDATE.finditer(text):
            value = match.group().rstrip(" .-")
            start = match.start()
            end = start + len(value)
            digits = _digits(value)
            if not 7 <= len(digits) <= 15 or self.not_private.before(text, start):
                continue
            if re.fullmatch(r"(?:19|20)\d{2}[\s.-]\d{1,2}[\s.-]\d{1,2}", value):  # an ISO date
                continue
            score = None
            bare = re.sub(r"[()]", "", value)  # "(020) 7946 0958" is judged as "020 7946 0958"
            if value.startswith("+"):
                e164 = phone_e164(value)
                if e164:
                    number = phonenumbers.parse(e164)
                    score = 0.95 if phonenumbers.is_valid_number(number) else 0.7
            elif NANP.match(value) and re.search(r"[\s.()-]", value) or (len(digits) == 10 and NANP.match(value) and self.cue.before(text, start)):
                score = 0.9
            elif UK.match(bare) and len(digits) in (10, 11) and (re.search(r"\s", value) or self.cue.before(text, start)):
                score = 0.9
            elif len(digits) == 7 and re.fullmatch(r"\d{3}[\s.-]\d{4}", value) and self.cue.before(text, start):
                score = 0.8
            elif len(digits) >= 10 and self.cue.before(text, start) and phone_e164(value):
                score = 0.75
            if score:
                results.append(RecognizerResult("PHONE_NUMBER", start, end, score,
                                                recognition_metadata={"recognizer_name": self.name, "recognizer_identifier": self.id}))
        return results


# -- links and addresses ------------------------------------------------------------

URL_RE = re.compile(r"\b(?:https?://)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,16}[a-z][a-z0-9-]{1,62}|\d{1,3}(?:\.\d{1,3}){3}|localhost)(?::\d{2,5})?(?:/[^\s<>\"']*)?", re.I)


class GatekeeperInternalLinkRecognizer(EntityRecognizer):
    """Links to hosts under the company's internal domains or never-public suffixes."""

    def __init__(self, internal_domains: Iterable[str], suffixes: Iterable[str]):
        self.domains = tuple(d.lower().strip(".") for d in internal_domains)
        self.suffixes = tuple("." + s.lower().strip(".") for s in suffixes)
        super().__init__(supported_entities=["INTERNAL_LINK"], name="GatekeeperInternalLinkRecognizer", supported_language="en")

    def load(self) -> None:
        pass

    def is_internal(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        if host == "localhost" or any(host == d or host.endswith("." + d) for d in self.domains):
            return True
        if any(host.endswith(s) for s in self.suffixes):
            return True
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False
        return not address.is_global

    def analyze(self, text: str, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        for match in URL_RE.finditer(text):
            if match.start() > 0 and text[match.start() - 1] == "@":
                continue  # the domain of an e-mail address
            if self.is_internal(match.group(1)):
                end = match.end()
                while end > match.start() and text[end - 1] in ".,;:!?)]}'\"":
                    end -= 1
                results.append(RecognizerResult("INTERNAL_LINK", match.start(), end, 0.95,
                                                recognition_metadata={"recognizer_name": self.name, "recognizer_identifier": self.id}))
        return results


def address_patterns(street_types: Iterable[str]) -> list[str]:
    types = _words_regex(street_types)
    unit = r"(?:,?\s*(?:apt|apartment|suite|ste|unit|flat|fl|#)\.?\s*[\w-]+)?"
    city_state_zip = r"(?:,\s*[A-Z][a-zA-Z]+(?:\s[A-Z][a-zA-Z]+){0,2}(?:,\s*|\s+)(?:[A-Z]{2}\s+\d{5}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}))?"
    uk_postcode = r"(?:,?\s*[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})?"
    name_word = r"(?:[A-Z][\w'’.-]*|\d{1,3}(?:st|nd|rd|th))\s+"  # Elm, Baker, 5th
    street = r"\b\d{1,6}[A-Za-z]?(?:-\d{1,4})?,?\s+(?:[NSEW]\.?\s+)?" + "(?:" + name_word + "){1,4}(?i:" + types + r")\b\.?"
    return [
        street + unit + city_state_zip + uk_postcode,
        r"\b(?:flat|apartment|apt|unit)\s+\d+[A-Za-z]?,\s*\d{1,6}\s+(?:[A-Z][\w'’.-]*\s+){1,4}(?i:" + types + r")\b\.?" + city_state_zip + uk_postcode,
        r"(?i:\bP\.?\s?O\.?\s+Box\s+\d{1,6})" + city_state_zip,
    ]


def lowercase_address_pattern(street_types: Iterable[str]) -> str:
    """An address written in lower case ("lives at 14 elm st"); counted only after an address word."""
    return r"(?i)\b\d{1,6}[a-z]?\s+(?:[a-z][\w'’.-]*\s+){1,4}" + _words_regex(street_types) + r"\b\.?"


UK_POSTCODE = r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s*\d[A-Z]{2}\b"
US_ZIP_WITH_STATE = r"\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b"


# An address written out to dodge filters: "jane dot doe at gmail dot com", "jane [at] gmail [dot] com".
# Quantifiers are bounded (an address part is at most 64 characters) so the pattern runs in linear time.
OBFUSCATED_EMAIL = (r"(?i)\b[a-z0-9._%+-]{1,64}(?:\s*(?:\(|\[|\{)?\s*dot\s*(?:\)|\]|\})?\s*[a-z0-9_%+-]{1,64}){0,8}"
                    r"\s*(?:\(at\)|\[at\]|\{at\}|\sat\s)\s*[a-z0-9-]{1,63}"
                    r"(?:\s*(?:\(dot\)|\[dot\]|\{dot\}|\sdot\s|\.)\s*[a-z0-9-]{1,63}){0,8}"
                    r"\s*(?:\(dot\)|\[dot\]|\{dot\}|\sdot\s)\s*(?:com|net|org|edu|gov|io|co|uk|me|info|biz)\b")


# -- dates of birth ----------------------------------------------------------------

MONTHS = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
DATE_PATTERNS = [
    r"\b\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b",
    r"\b(?:19|20)\d{2}[/.-]\d{1,2}[/.-]\d{1,2}\b",
    r"(?i)\b\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?\s+" + MONTHS + r"\.?,?\s+(?:19|20)\d{2}\b",
    r"(?i)\b" + MONTHS + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}\b",
]


# -- credentials ---------------------------------------------------------------------

# Token formats with a fixed shape (cf. detect-secrets' plugins).
SECRET_FORMATS = [
    r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----)?",
    r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA)[0-9A-Z]{16}\b",                 # AWS access key id
    r"(?i)\baws_?secret_?access_?key\b\s*[:=]\s*[A-Za-z0-9/+=]{40}",
    r"\bgh[pousr]_[A-Za-z0-9]{36,255}\b",                                      # GitHub tokens
    r"\bgithub_pat_[A-Za-z0-9_]{22,255}\b",
    r"\bglpat-[A-Za-z0-9_-]{20,}\b",                                           # GitLab
    r"\bxox[abposr]-[A-Za-z0-9-]{10,}\b",                                      # Slack tokens
    r"https://hooks\.slack\.com/services/T[A-Za-z0-9_]+/B[A-Za-z0-9_]+/[A-Za-z0-9_]+",
    r"\b[rsp]k_(?:live|test)_[A-Za-z0-9]{16,}\b",                              # Stripe
    r"\bAIza[0-9A-Za-z_-]{35}\b",                                              # Google API key
    r"\bya29\.[0-9A-Za-z_-]{20,}\b",                                           # Google OAuth token
    r"\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}\b",                               # OpenAI / Anthropic style
    r"\bSK[0-9a-fA-F]{32}\b",                                                  # Twilio
    r"\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}\b",                         # SendGrid
    r"\bkey-[0-9a-zA-Z]{32}\b",                                                # Mailgun
    r"\bnpm_[A-Za-z0-9]{36}\b",
    r"\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}\b",
    r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b",      # JSON Web Token
    r"\b[a-z][a-z0-9+.-]{1,20}://[^\s/:@]{1,64}:[^\s/@]{3,64}@[\w.-]+",        # credentials in a URL
    r"(?i)\bBearer\s+[A-Za-z0-9._~+/-]{20,}=*",
]
# A keyword then a value: "password: Tr0ub4dor&3", "API key = 8f3a…".
SECRET_ASSIGNMENT = r"(?i)\b{words}\b(?:\s+(?!is\b|was\b)[\w'’-]+){{0,4}}?\s*(?:is|was|:|=|->|will be)\s*[\"'“‘]?([^\s\"'”’]{{4,128}})"
# Starts only where a run of token characters starts, so the lookaheads scan each run once (linear time).
HIGH_ENTROPY = r"(?<![A-Za-z0-9+/_-])(?=[A-Za-z0-9+/_-]*\d)(?=[A-Za-z0-9+/_-]*[A-Za-z])[A-Za-z0-9+/_-]{32,}={0,2}"
