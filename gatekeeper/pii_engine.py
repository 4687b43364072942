"""The Presidio analyzer, built offline once per policy version and shared by the PII check and redaction."""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from . import net  # noqa: F401  installs the offline public-suffix extractor before Presidio uses it
from . import recognizers as rz
from .words import common_words

log = logging.getLogger(__name__)

# Presidio's own recognizers that are precise on brand replies. The others
# misfire (NHS on US phone numbers, dates on event dates, URLs inside e-mails,
# passports on flight numbers) and are replaced by Gatekeeper's in recognizers.py.
PRESIDIO_RECOGNIZERS = ("CreditCardRecognizer", "EmailRecognizer", "IbanRecognizer", "IpRecognizer")
MIN_SCORE = 0.5

# When two detections overlap, the more specific kind wins.
PRIORITY = [
    "CREDENTIAL", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "UK_NINO", "PASSPORT", "BANK_ACCOUNT", "DATE_OF_BIRTH",
    "INTERNAL_LINK", "EMAIL_ADDRESS", "STREET_ADDRESS", "LOYALTY_NUMBER", "BOOKING_REFERENCE", "PHONE_NUMBER",
    "IP_ADDRESS", "PERSON",
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


def gatekeeper_recognizers(lexicon: dict, internal_domains) -> list:
    ctx = lexicon.get("context", {})
    context = {kind: rz.Context(ctx.get(kind, [])) for kind in (
        "booking_reference", "loyalty_number", "date_of_birth", "passport", "bank_account", "ssn", "ni_number",
        "credential", "phone", "address")}
    not_private = rz.NotPrivate(lexicon.get("not_private", []))
    public_place = rz.NotPrivate(lexicon.get("public_place", []), words_between=3)
    street_types = lexicon.get("street_types", ["street", "road", "avenue"])
    R = rz.GatekeeperPatternRecognizer
    code = r"(?<![\w@/.-])[A-Za-z0-9](?:[A-Za-z0-9-]{3,18})[A-Za-z0-9](?![\w@/-]|\.\w)"
    return [
        rz.GatekeeperPhoneRecognizer(context["phone"], not_private),
        R("US_SSN", "SsnRecognizer", [r"\b\d{3}-\d{2}-\d{4}\b", r"\b\d{3} \d{2} \d{4}\b"], validate=rz.valid_ssn,
          context=context["ssn"], score=0.85),
        R("US_SSN", "SsnContextRecognizer", [r"\b\d{9}\b", r"\b\d{3}[.\s]\d{2}[.\s]\d{4}\b"], validate=rz.valid_ssn,
          context=context["ssn"], require_context=True),
        R("UK_NINO", "NinoRecognizer", [r"(?i)\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b"], validate=rz.valid_nino,
          context=context["ni_number"], score=0.85),
        R("UK_NINO", "NinoContextRecognizer", [r"(?i)\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]?\b"],
          context=context["ni_number"], require_context=True),
        R("PASSPORT", "PassportRecognizer", [r"\b[A-Z]{0,2}\d{6,9}\b"], context=context["passport"], require_context=True),
        R("BANK_ACCOUNT", "BankAccountRecognizer", [r"\b\d{2}-\d{2}-\d{2}\b", r"\b\d{6,17}\b", r"\b\d{3,5}(?:[ -]\d{3,5}){1,3}\b"],
          context=context["bank_account"], require_context=True, not_private=not_private),
        R("BOOKING_REFERENCE", "BookingReferenceRecognizer", [code], validate=rz.code_like,
          context=context["booking_reference"], require_context=True, not_private=not_private),
        R("LOYALTY_NUMBER", "LoyaltyNumberRecognizer", [code], validate=rz.code_like,
          context=context["loyalty_number"], require_context=True, not_private=not_private),
        R("DATE_OF_BIRTH", "DateOfBirthRecognizer", rz.DATE_PATTERNS, context=context["date_of_birth"], require_context=True),
        R("CREDENTIAL", "SecretFormatRecognizer", rz.SECRET_FORMATS, score=1.0, context_score=1.0),
        R("EMAIL_ADDRESS", "ObfuscatedEmailRecognizer", [rz.OBFUSCATED_EMAIL], score=0.85),
        R("CREDENTIAL", "SecretAssignmentRecognizer",
          [rz.SECRET_ASSIGNMENT.format(words=rz._words_regex(ctx.get("credential", ["password"])))],
          validate=rz.secret_like, score=0.9, group=1),
        R("CREDENTIAL", "HighEntropySecretRecognizer", [rz.HIGH_ENTROPY], context=context["credential"], require_context=True),
        rz.GatekeeperInternalLinkRecognizer(internal_domains, lexicon.get("internal_host_suffixes", [])),
        R("STREET_ADDRESS", "StreetAddressRecognizer", rz.address_patterns(street_types), context=context["address"], score=0.85,
          not_private=public_place),
        R("STREET_ADDRESS", "LowercaseAddressRecognizer", [rz.lowercase_address_pattern(street_types)],
          context=context["address"], require_context=True),
        R("STREET_ADDRESS", "PostcodeRecognizer", [rz.UK_POSTCODE, rz.US_ZIP_WITH_STATE], context=context["address"],
          require_context=True),
    ]


def build_analyzer(policy):
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, predefined_recognizers

    config = policy.check_config("pii")
    model = config.get("ner_model")
    nlp = _nlp_engine(model)
    registry = RecognizerRegistry(supported_languages=["en"])
    for name in PRESIDIO_RECOGNIZERS:
        registry.add_recognizer(getattr(predefined_recognizers, name)(supported_language="en"))
    if model:
        registry.add_recognizer(predefined_recognizers.SpacyRecognizer(supported_language="en", supported_entities=["PERSON"]))
    for recognizer in gatekeeper_recognizers(policy.lexicon("pii"), policy.setting("internal_domains", [])):
        registry.add_recognizer(recognizer)
    engine = AnalyzerEngine(nlp_engine=nlp, registry=registry, supported_languages=["en"])
    common_words()
    # The first analyze compiles Presidio's patterns and loads phone metadata: do it now, not on a user's post.
    engine.analyze("warm up: call 212-555-0100, mail a@example.com, card 4111 1111 1111 1111", language="en")
    return engine


def analyzer(policy):
    return policy.compiled("pii.analyzer", build_analyzer)


def _resolve(found: list[Detection]) -> list[Detection]:
    """Keep one detection per stretch of text: the most specific kind, then the longest."""
    ordered = sorted(found, key=lambda d: (_RANK.get(d.entity, len(PRIORITY)), -(d.end - d.start), d.start))
    kept: list[Detection] = []
    for d in ordered:
        if all(d.end <= k.start or d.start >= k.end for k in kept):
            kept.append(d)
    return sorted(kept, key=lambda d: d.start)


def detect(post, policy) -> list[Detection]:
    """Every piece of private data in the post, as spans of its original text; computed once per post."""
    cached = post.memo.get("pii")
    if cached is not None:
        return cached
    # Analyse the normalised text, so zero-width characters and look-alike digits cannot hide a number,
    # then map every span back to the text the author typed.
    text = post.text
    engine = analyzer(policy)
    if policy.check_config("pii").get("ner_model"):
        results = engine.analyze(text.norm, language="en", score_threshold=MIN_SCORE)
    else:
        # Pattern recognizers need no NLP artifacts: asking them directly skips the engine's spaCy
        # document, context pass and deep copies (a third of the time on a tweet); overlaps are resolved below.
        results = [r for recognizer in engine.registry.recognizers
                   for r in recognizer.analyze(text.norm, recognizer.supported_entities, None) if r.score >= MIN_SCORE]
    found = _resolve([Detection(r.entity_type, *text.span(r.start, r.end), r.score) for r in results])
    post.memo["pii"] = found
    return found


_warm_lock = threading.Lock()


def warm(policy) -> None:
    with _warm_lock:
        analyzer(policy)
