"""The detection engine: Gatekeeper's recognizers in a Presidio registry, built once per policy version.

Shared by the PII check and redaction. The recognizers run directly on the
normalised post with the account's settings (regions, loyalty programmes,
booking-reference formats); an optional spaCy model adds PERSON through Presidio.
"""
from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass

from ... import net  # noqa: F401  installs the offline public-suffix extractor before Presidio uses it
from ...words import common_words, word_rank
from . import recognizers as rz
from .recognizers.base import SHAPE_SCORE, AccountSettings, Context, Doc
from .recognizers.codes import booking_format

log = logging.getLogger(__name__)

MIN_SCORE = 0.5
DEFAULT_REGIONS = ("US", "GB")

# When two detections overlap, the more specific kind wins.
PRIORITY = [
    "CREDENTIAL", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "UK_NINO", "NATIONAL_ID", "PASSPORT", "DRIVER_LICENSE", "BANK_ACCOUNT",
    "DATE_OF_BIRTH", "INTERNAL_LINK", "EMAIL_ADDRESS", "LOYALTY_NUMBER", "BOOKING_REFERENCE", "PHONE_NUMBER",
    "STREET_ADDRESS", "IP_ADDRESS", "PERSON",
]
_RANK = {name: i for i, name in enumerate(PRIORITY)}


@dataclass(frozen=True)
class Detection:
    entity: str
    start: int
    end: int
    score: float

    @property
    def span(self) -> tuple[str, int, int]:
        return (self.entity, self.start, self.end)


def _nlp_engine(model: str | None):
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    if model:
        # Optional NER: only a model that is already installed; nothing is downloaded.
        import importlib.util

        if importlib.util.find_spec(model) is None:
            raise RuntimeError(f"spaCy model package {model!r} is not installed")
        return NlpEngineProvider(nlp_configuration={
            "nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}],
        }).create_engine()
    return NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "no_op", "models": [{"lang_code": "en", "model_name": "no_op"}],
    }).create_engine()


def account_settings(account: dict) -> AccountSettings:
    """What an account file tells the recognizers (regions, loyalty programmes, booking-reference formats)."""
    import phonenumbers

    regions = tuple(r.upper() for r in account.get("regions", DEFAULT_REGIONS))
    unknown = [r for r in regions if r not in phonenumbers.SUPPORTED_REGIONS]
    if unknown:
        raise ValueError(f"account {account.get('id')!r}: unknown region(s) {', '.join(unknown)} (use ISO 3166 codes such as US, GB)")
    programmes = account.get("loyalty_programmes", [])
    return AccountSettings(
        regions=regions,
        loyalty=Context(programmes) if programmes else None,
        # Each format is compiled with google-re2: a format it cannot run in linear time is refused with the policy.
        booking_formats=tuple(booking_format(f) for f in account.get("booking_reference_formats", [])),
    )


class Engine:
    """Presidio's registry holding Gatekeeper's recognizers, plus each account's settings."""

    def __init__(self, policy):
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, predefined_recognizers

        config = policy.check_config("pii")
        self.model = config.get("ner_model")
        self.registry = RecognizerRegistry(supported_languages=["en"])
        self.recognizers = rz.build(policy.lexicon("pii"), policy.setting("internal_domains", []))
        for recognizer in self.recognizers:
            self.registry.add_recognizer(recognizer)
        self.analyzer = None
        if self.model:
            registry = RecognizerRegistry(supported_languages=["en"])
            registry.add_recognizer(predefined_recognizers.SpacyRecognizer(supported_language="en", supported_entities=["PERSON"]))
            self.analyzer = AnalyzerEngine(nlp_engine=_nlp_engine(self.model), registry=registry, supported_languages=["en"])
        self.accounts = {acc_id: account_settings(acc) for acc_id, acc in policy.accounts.items()}
        self.default_account = AccountSettings(regions=DEFAULT_REGIONS)
        common_words()
        word_rank()
        # phonenumbers reads a country's metadata the first time it meets one of its numbers (tens of
        # milliseconds); read them all now (~0.2 s) so no user's post pays for it.
        import phonenumbers

        for region in phonenumbers.SUPPORTED_REGIONS:
            phonenumbers.PhoneMetadata.metadata_for_region(region)
        # The first run loads phone metadata and usaddress's model: do it now, not on a user's post.
        self.find("warm up: call 212-555-0100, mail a@example.com, card 4111 1111 1111 1111, 42 Elm Street", "", None)
        # RE2 builds its automaton's states as text meets them: meet accented, Greek and Cyrillic letters now.
        for sample in ("Ostrołęka, pl. Norwida 52/65, 77-528 Łódź; Groß-Gerungs, Nemethweg 35, ÆØÅ æøå ñ ç ő ű ž š",
                       "Οδός Ηλίου 64, ΑΘΗΝΑ 105 52; улица Ленина 5, Москва; Şişli Caddesi 7, İstanbul; Þórsgata 1"):
            self.find(sample, sample, None)
        if self.analyzer:
            self.analyzer.analyze("warm up", language="en")

    def settings(self, account_id: str | None) -> AccountSettings:
        return self.accounts.get(account_id, self.default_account)

    def find(self, norm: str, lines: str, account_id: str | None):
        doc = Doc.of(norm, self.settings(account_id), lines or norm)
        results = []
        for recognizer in self.recognizers:
            results.extend(r for r in recognizer.find(doc) if r.score >= MIN_SCORE)
        if self.analyzer:
            results.extend(self.analyzer.analyze(norm, language="en", entities=["PERSON"], score_threshold=MIN_SCORE))
        return results


def engine(policy) -> Engine:
    return policy.compiled("pii.engine", Engine)


def _resolve(found: list[Detection]) -> list[Detection]:
    """Keep one detection per stretch of text: a confirmed one over one on shape alone, then the most specific
    kind, then the longest."""
    ordered = sorted(found, key=lambda d: (d.score <= SHAPE_SCORE, _RANK.get(d.entity, len(PRIORITY)),
                                           -(d.end - d.start), d.start))
    kept: list[Detection] = []
    for d in ordered:
        if all(d.end <= k.start or d.start >= k.end for k in kept):
            kept.append(d)
    return sorted(kept, key=lambda d: d.start)


def line_breaks(text) -> str:
    """The normalised text with "\\n" wherever the author's whitespace held a line break.

    Normalisation folds every whitespace run into one space; addresses are easier to
    read with their lines. Same length as the normalised text, so spans carry over.
    """
    norm = text.norm
    if "\n" not in text.original and "\r" not in text.original:
        return norm
    chars = list(norm)
    for i, c in enumerate(chars):
        if c == " ":
            start, end = text.span(i, i + 1)
            run = text.original[start:end] if end > start else ""
            if "\n" in run or "\r" in run or "\u2028" in run:
                chars[i] = "\n"
    return "".join(chars)


# Money: a number right after a currency sign or right before a currency's code or name is an amount.
_CURRENCY_AFTER = re.compile(r"(?i)^[ \u00a0]?(?:eur|euros?|usd|dollars?|gbp|pounds?|chf|francs?|jpy|yen|cny|yuan|inr|"
                             r"rupees?|aud|cad|nzd|sek|nok|dkk|kr|kroner|kronor|pln|zł|zl|czk|huf|brl|reais|mxn|pesos?|"
                             r"zar|rand|sgd|hkd|krw|won|try|lira|rub|roubles?|[$£€¥₹])(?![\w])")
_CURRENCY_BEFORE = re.compile(r"(?:[$£€¥₹]|(?i:eur|usd|gbp|chf|sek|nok|dkk))[ \u00a0]?$")
_AMOUNT_KINDS = {"PHONE_NUMBER", "NATIONAL_ID", "US_SSN", "BANK_ACCOUNT"}
# Written as money is written: digits alone, or grouped in thousands ("1 234 567", "438.173.494"); not "212-555-0199".
_AMOUNT_SHAPE = re.compile(r"^(?:\d+|\d{1,3}(?:(?:[ \u00a0]\d{3})+|(?:\.\d{3})+|(?:,\d{3})+|(?:['’]\d{3})+))$")


def _not_amounts(found: list[Detection], original: str) -> list[Detection]:
    """"Revenue: 1 234 567 890 EUR" is no phone number, "438 173 494 CHF" no SIN: drop numbers written as money."""
    def money(d: Detection) -> bool:
        return bool(_AMOUNT_SHAPE.match(original[d.start:d.end]) and (
            _CURRENCY_AFTER.search(original[d.end:d.end + 12]) or _CURRENCY_BEFORE.search(original[max(0, d.start - 5):d.start])))
    return [d for d in found if d.entity not in _AMOUNT_KINDS or not money(d)]


# A span of years ("2014-2015", "1914–1918", "2025/26") or of clock times ("9.00-17.30", "10:30 - 12:30") is a
# season, a war, opening hours: never a phone number, an id or an account number, whatever word stands before it.
_RANGE = re.compile(r"^(?:(?:1[89]|20)\d\d[ ]?[-–/][ ]?(?:(?:1[89]|20)\d\d|\d\d)"
                    r"|[0-2]?\d[.:][0-5]\d[ ]?[-–][ ]?[0-2]?\d[.:][0-5]\d)$")
_RANGE_KINDS = _AMOUNT_KINDS | {"LOYALTY_NUMBER", "BOOKING_REFERENCE", "DRIVER_LICENSE", "PASSPORT", "UK_NINO"}


def _not_ranges(found: list[Detection], original: str) -> list[Detection]:
    return [d for d in found if d.entity not in _RANGE_KINDS or not _RANGE.match(original[d.start:d.end])]


def _inside_international_phones(found: list[Detection], original: str) -> list[Detection]:
    """A number written after a country's calling code is a phone: an id shape inside it ("+34 612 345 678" holds a
    SIN-shaped 612 345 678 that passes Luhn) is dropped, so the phone rules (public or direct) decide."""
    phones = [(d.start, d.end) for d in found if d.entity == "PHONE_NUMBER"
              and original[d.start:d.end].lstrip("(").startswith(("+", "00"))]
    if not phones:
        return found
    return [d for d in found if d.entity == "PHONE_NUMBER" or not any(s <= d.start and d.end <= e for s, e in phones)]


def detect(post, policy) -> list[Detection]:
    """Every piece of private data in the post, as spans of its original text; computed once per post."""
    cached = post.memo.get("pii")
    if cached is not None:
        return cached
    # Analyse the normalised text, so zero-width characters and look-alike digits cannot hide a number,
    # then map every span back to the text the author typed.
    text = post.text
    results = engine(policy).find(text.norm, line_breaks(text), post.account)
    found = [Detection(r.entity_type, *text.span(r.start, r.end), r.score) for r in results]
    found = _resolve(_inside_international_phones(_not_ranges(_not_amounts(found, text.original), text.original),
                                                 text.original))
    post.memo["pii"] = found
    return found


_warm_lock = threading.Lock()


def warm(policy) -> None:
    with _warm_lock:
        engine(policy)
