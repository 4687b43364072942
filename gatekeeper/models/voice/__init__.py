"""Personal voice and insider information: two small linear models over the same text features.

Trained by train/voice.py (scikit-learn, at training time only) and stored here as numpy arrays
(model.npz) plus a JSON vocabulary (vocab.json): nothing in them can run code when loaded. Scoring
is a few dictionary look-ups and one sum per model, in numpy; the artifacts are read once per
process.

The same `features()` is used to train and to score, so the two cannot drift apart.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

import numpy as np

from .. import cached, load_arrays, load_json

HEADS = ("voice", "insider")

_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_MENTION = re.compile(r"@\w+")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+|[^\w\s]")
# An agent's sign-off at the end of a reply: "^JD", "-Floi", "- Ed", "~Sam", "Thanks -Sha".
SIGNATURE = re.compile(r"(?:\^\s?[A-Za-z]{1,4}|(?<![\w-])[-–~]\s?[A-Z][a-z]{1,11}|\s[-–]\s?[A-Z]{2,3})\s*[.!)]*\s*$")
_EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF]")
MAX_CHARS = 600  # a post longer than this is scored on its first 600 characters: bounded work


_RETWEET = re.compile(r"\W{0,3}RT\b")
_STRETCHED = re.compile(r"([a-zA-Z!?])\1\1")


def _meta(text: str) -> list[str]:
    """Features of the post's shape rather than its words."""
    stripped = text.strip()
    out = []
    if _RETWEET.match(stripped) or "RT @" in stripped:
        out.append("m:retweet")
    if stripped.startswith("@"):
        out.append("m:opens_with_mention")
    if SIGNATURE.search(stripped):
        out.append("m:signed")
    plain = _URL.sub("", stripped)
    if len(plain) != len(stripped):
        out.append("m:link")
    if _EMOJI.search(stripped):
        out.append("m:emoji")
    if "!!" in stripped or "??" in stripped:
        out.append("m:repeated_punct")
    if "..." in stripped or "…" in stripped:
        out.append("m:ellipsis")
    letters = "".join(filter(str.isalpha, _MENTION.sub("", plain)))
    if letters and letters[0].islower():
        out.append("m:lowercase_start")
    if len(letters) > 8 and sum(map(str.isupper, letters)) * 2 > len(letters):
        out.append("m:mostly_caps")
    # Written, stretched words: not "www.", a handle ("@reallly_") or a code ("ccc" in "d8c3accc8").
    written = " ".join(t for t in _MENTION.sub("", plain).split() if not any(map(str.isdigit, t)))
    if _STRETCHED.search(written):
        out.append("m:stretched")
    length = len(stripped)
    out.append("m:len" + ("<40" if length < 40 else "<90" if length < 90 else "<140" if length < 140 else "140+"))
    return out


_TOKEN = re.compile(r"_url_|_user_|[a-z0-9]+(?:'[a-z]+)?|[^\w\s]")


# Emoji (with their variation selector and joiner) and hash signs are not words: they say which corpus a post
# came from more than whose voice it is ("#pub" is read as "pub", and "love 😍 this" as "love this").
EMOJI_CHARS = "\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F\u200D"
_NOT_WORDS = re.compile("[#" + EMOJI_CHARS + "]")


# Capitals, a hyphen and digits: a product or model code ("MY-130435", "SKU-88A"), whose letters are no word.
_HYPHENED_CODE = re.compile(r"(?<![\w-])[A-Z]{1,5}-\d[\dA-Z]*+(?![\w-])")


def _is_code(token: str) -> bool:
    """Letters and digits mixed into a code ("7xk92b", "ba2490", a hash), not a texting spelling ("gr8", "2nite")."""
    runs = len(_WORD.findall(token))  # "10am" is two runs (a time), "7xk92b" four
    return runs == 1 or runs > 2 or len(token) >= 6


def words(text: str) -> list[str]:
    """The post's words, lower case, with links, handles, numbers and codes replaced by placeholders.

    A code is one placeholder, like a number: read as letters and digits it would be a run of one-letter
    "words" ("68019c5aa5" -> "c", "aa", "MY-130435" -> "my"), and those are how people text ("u", "b", "r").
    """
    text = _URL.sub(" _url_ ", text[:MAX_CHARS])
    text = _HYPHENED_CODE.sub(" 0 ", _NOT_WORDS.sub(" ", _MENTION.sub(" _user_ ", text)))
    text = text.lower().replace("’", "'")
    out = []
    for token in _TOKEN.findall(text):
        if not any(map(str.isdigit, token)):
            out.append(token)
        elif _is_code(token.split("'")[0]):
            out.append("0")
        else:
            out.extend("0" if part.isdigit() else part for part in _WORD.findall(token))
    return out


@lru_cache(maxsize=8192)
def _char_grams(word: str) -> tuple[str, ...]:
    """Character 3- and 4-grams of a word with its boundaries ("<cat>" -> "<ca", "cat", "at>", "<cat", "cat>")."""
    padded = f"<{word}>"
    return tuple("c:" + padded[j:j + n] for n in (3, 4) for j in range(len(padded) - n + 1))


def feature_set(text: str) -> set[str]:
    """Every feature of a text: shape cues, words, word pairs and character n-grams of longer words."""
    tokens = words(text)
    feats = set(_meta(text))
    feats.update("w:" + w for w in tokens)
    feats.update("b:" + a + " " + b for a, b in zip(tokens, tokens[1:]))
    for w in set(tokens):
        if len(w) > 2 and w.isalpha():
            feats.update(_char_grams(w))
    return feats


def features(text: str) -> dict[str, str]:
    """The same features, each mapped to the word it came from (for explaining a score)."""
    tokens = words(text)
    feats: dict[str, str] = {m: m for m in _meta(text)}
    for i, w in enumerate(tokens):
        feats.setdefault("w:" + w, w)
        if i + 1 < len(tokens):
            feats.setdefault("b:" + w + " " + tokens[i + 1], w + " " + tokens[i + 1])
        if w.isalpha() and len(w) > 2:
            for gram in _char_grams(w):
                feats.setdefault(gram, w)
    return feats


META_REASONS = {
    "m:retweet": "a retweet", "m:opens_with_mention": "opens with a handle", "m:signed": "signed by an agent",
    "m:link": "a link", "m:emoji": "emoji", "m:repeated_punct": "repeated punctuation", "m:ellipsis": "trailing dots",
    "m:lowercase_start": "starts in lower case", "m:mostly_caps": "mostly capitals", "m:stretched": "stretched letters",
}


class Head:
    """One linear model: a weight per feature and an intercept (binary features, L2-normalised)."""

    def __init__(self, vocab: list[str], coef: np.ndarray, intercept: float):
        self.weights = dict(zip(vocab, coef.astype(np.float64).tolist()))
        self.intercept = float(intercept)

    def drivers(self, text: str, top: int = 3) -> list[str]:
        """The words (or shapes) that pushed the score up most: for explaining a finding."""
        by_source: dict[str, float] = {}
        for name, source in features(text).items():
            w = self.weights.get(name)
            if w is None or name.startswith("m:len") or source.startswith("_"):
                continue
            source = META_REASONS.get(source, source)
            by_source[source] = by_source.get(source, 0.0) + w
        return [s for s, w in sorted(by_source.items(), key=lambda kv: -kv[1]) if w > 0][:top]


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


class Score:
    """A head's probability for a post; the words behind it are worked out only when asked for."""

    def __init__(self, head: Head, text: str, probability: float):
        self.head, self.text, self.probability = head, text, probability

    @property
    def drivers(self) -> list[str]:
        return self.head.drivers(self.text)


class VoiceModels:
    """Both heads. Scoring looks each feature up once in a table holding both heads' weights."""

    def __init__(self):
        meta = load_json("voice", "vocab.json")
        arrays = load_arrays("voice")
        self.heads = {name: Head(meta[name]["vocab"], arrays[f"{name}_coef"], float(arrays[f"{name}_intercept"][0]))
                      for name in HEADS}
        self.meta = {k: v for k, v in meta.items() if k not in HEADS}
        # One index over both vocabularies, a weight matrix (features x heads) and a matrix saying which
        # head knows which feature (its L2 normalisation counts only those).
        names = sorted(set().union(*(h.weights for h in self.heads.values())))
        self.index = {f: i for i, f in enumerate(names)}
        self.weights = np.zeros((len(names), len(HEADS)))
        self.known = np.zeros((len(names), len(HEADS)))
        for k, head in enumerate(self.heads.values()):
            for f, w in head.weights.items():
                self.weights[self.index[f], k] = w
                self.known[self.index[f], k] = 1.0
        self.intercepts = np.array([h.intercept for h in self.heads.values()])

    def score(self, text: str) -> dict[str, Score]:
        index = self.index
        rows = [index[f] for f in feature_set(text) if f in index]
        if rows:
            sums = self.weights[rows].sum(axis=0)
            counts = self.known[rows].sum(axis=0)
            z = self.intercepts + np.divide(sums, np.sqrt(counts), out=np.zeros_like(sums), where=counts > 0)
        else:
            z = self.intercepts
        return {name: Score(head, text, _sigmoid(float(z[k]))) for k, (name, head) in enumerate(self.heads.items())}


def load() -> VoiceModels:
    """The shipped models, read once per process."""
    return cached("voice", VoiceModels)
