"""Redact private data with presidio-anonymizer: what is stored and what an author may post instead."""
from __future__ import annotations

from functools import lru_cache

from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig, RecognizerResult


@lru_cache(maxsize=1)
def _engine() -> AnonymizerEngine:
    return AnonymizerEngine()


def redact(text: str, spans) -> str:
    """Replace each (entity, start, end) span of `text` with <ENTITY>."""
    results = [RecognizerResult(entity, start, end, 1.0) for entity, start, end in spans if end > start]
    if not results:
        return text
    return _engine().anonymize(
        text=text, analyzer_results=results, operators={"DEFAULT": OperatorConfig("replace", {})}
    ).text
