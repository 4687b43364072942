"""Speed of the tone check (no parent post) next to better-profanity's contains_profanity, same posts.

Run: python bench/bench_tone.py
Bar from the issue: p99 <= 2 ms per post with no parent post.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import posts  # noqa: E402
from timing import line, summary, time_each  # noqa: E402

from bench.datasets.tone_cases import cases  # noqa: E402
from gatekeeper.checks import known_rule_ids, tone  # noqa: E402
from gatekeeper.normalize import normalize_post  # noqa: E402
from gatekeeper.rules.policy import load_policy  # noqa: E402


def main():
    texts = posts(300) + [c["text"] for c in cases()]
    print(f"{len(texts)} posts (brand corpus + tone set), no parent post")
    policy = load_policy(ROOT / "policies", known_rule_ids())
    normalised = [normalize_post({"account": "acme-air", "text": t}) for t in texts]
    tone.check(normalised[0], policy)

    from better_profanity import profanity

    profanity.load_censor_words()
    sample = texts[:150]  # better-profanity is slow; a sample is enough for its median
    base = summary(time_each(profanity.contains_profanity, sample, warmup=3))
    print(line("better-profanity contains_profanity", time_each(profanity.contains_profanity, sample, warmup=0)))
    print(line("Gatekeeper tone check", time_each(lambda p: tone.check(p, policy), normalised), base))
    print(line("Gatekeeper tone check incl. normalise", time_each(lambda t: tone.check(normalize_post({"account": "acme-air", "text": t}), policy), texts), base))


if __name__ == "__main__":
    main()
