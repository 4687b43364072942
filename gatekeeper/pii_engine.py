"""The Presidio analyzer, built once, offline, and shared by the PII check and redaction."""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from . import net  # noqa: F401  installs the offline public-suffix extractor before Presidio uses it

log = logging.getLogger(__name__)

_lock = threading.Lock()
_analyzer = None

# Presidio's own recognizers that help; the rest misfire on brand replies
# (NHS on US phone numbers, dates on event dates, URLs inside e-mails).
DEFAULT_PRESIDIO_RECOGNIZERS = (
    "CreditCardRecognizer", "EmailRecognizer", "IbanRecognizer", "IpRecognizer",
    "PhoneRecognizer", "UsSsnRecognizer", "UsPassportRecognizer", "CryptoRecognizer",
)


@dataclass(frozen=True)
class Detection:
    entity: str
    start: int
    end: int
    score: float

    @property
    def span(self) -> tuple[str, int, int]:
        return (self.entity, self.start, self.end)


def build_analyzer():
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    nlp = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "no_op", "models": [{"lang_code": "en", "model_name": "no_op"}],
    }).create_engine()
    from presidio_analyzer import predefined_recognizers

    registry = RecognizerRegistry(supported_languages=["en"])
    for name in DEFAULT_PRESIDIO_RECOGNIZERS:
        registry.add_recognizer(getattr(predefined_recognizers, name)(supported_language="en"))
    return AnalyzerEngine(nlp_engine=nlp, registry=registry, supported_languages=["en"])


def analyzer():
    global _analyzer
    if _analyzer is None:
        with _lock:
            if _analyzer is None:
                engine = build_analyzer()
                engine.analyze("warm up: call 212-555-0100 or mail a@example.com", language="en")
                _analyzer = engine
    return _analyzer


def detect(post, min_score: float = 0.4) -> list[Detection]:
    """Every piece of private data in the post's original text, computed once per post."""
    cached = post.memo.get("pii")
    if cached is not None:
        return cached
    results = analyzer().analyze(post.text.original, language="en", score_threshold=min_score)
    found = sorted({Detection(r.entity_type, r.start, r.end, r.score) for r in results}, key=lambda d: (d.start, -d.end))
    post.memo["pii"] = found
    return found
