"""Hostile 10,000-character posts: the shapes that make backtracking matchers and per-token readings blow up."""
from __future__ import annotations

import random

SIZE = 10_000


def _fill(piece: str, size: int = SIZE) -> str:
    return (piece * (size // len(piece) + 1))[:size]


def adversarial_texts(size: int = SIZE) -> dict[str, str]:
    r = random.Random(14)
    letters = "abcdefghijklmnopqrstuvwxyz"
    return {
        "one_letter_run": "a" * size,
        "random_letter_run": "".join(r.choice(letters) for _ in range(size)),
        "camel_run": "".join(r.choice(letters).upper() if r.random() < 0.3 else r.choice(letters) for _ in range(size)),
        "leet_digits": _fill("1", size),
        "leet_word_run": _fill("sh1t4$$h0l3", size),
        "leet_symbols": _fill("@$!|+", size),
        "lookalikes": _fill("аеосрхіѕ", size),  # Cyrillic letters that look Latin
        "fullwidth": _fill("ＦＵＣＫ", size),
        "bidi_overrides": _fill("\u202eab\u202c", size),  # each run reversed for reading
        "bidi_nested": _fill("\u202e\u202bx", size),  # overrides never closed
        "aimed_insults": _fill("you idiot ", size),  # each insult looks for a "you" near it
        "listed_word_run": _fill("xxx ", size),  # thousands of hits for the matcher to de-duplicate
        "dots": _fill("a.", size),
        "hyphens": _fill("f-", size),
        "separators": _fill(" . - _ / ", size),
        "spaced_letters": _fill("f u c k ", size),
        "stretched": "f" + "u" * (size - 3) + "ck",
        "masks": _fill("f*", size),
        "many_handles": " ".join("@" + "".join(r.choice(letters + "0123456789_") for _ in range(r.randint(4, 15)))
                                 for _ in range(size // 10))[:size],
        "handle_run": _fill("@a", size),
        "many_hashtags": " ".join("#" + "".join(r.choice(letters) for _ in range(r.randint(4, 20)))
                                  for _ in range(size // 12))[:size],
        "hashtag_run": _fill("#a", size),
        "long_url": "https://example.com/" + "a/" * ((size - 20) // 2),
        "url_like": _fill("http:/", size),
        "domain_chain": _fill("ab.", size),
        "email_like": _fill("a%", size),
        "at_chain": _fill("@ab@c-d", size),
        "zero_width": _fill("s\u200bh\u200di\u2060t\ufeff", size),
        "zero_width_only": "\u200b" * size,
        "zero_width_words": _fill("i\u200bwill\u200bslit\u200byour\u200bthroat\u200b", size),
        "zero_width_letters": _fill("a\u200bb\u200b", size),
        "mixed_scripts": _fill("Mосква東京ΑθήναQ1!مرحبا", size),
        "combining_marks": _fill("a\u0301\u0302\u0303", size),
        "digits_and_spaces": _fill("212 555 0199 ", size),
        "numbers": _fill("1234567890", size),
        "emoji": _fill("🔥💯👍🏽", size),
        "words": _fill("the quick brown fox jumps over the lazy dog ", size),
    }
