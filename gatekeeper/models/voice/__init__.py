"""Personal voice and insider information: two small linear models over the same text features.

Trained by train/voice.py (scikit-learn, at training time only) and stored here as numpy arrays
(model.npz) plus a JSON vocabulary (vocab.json): nothing in them can run code when loaded. Scoring
is a few dictionary look-ups and one sum per model, in numpy; the artifacts are read once per
process.

The same `features()` is used to train and to score, so the two cannot drift apart.
"""
from __future__ import annotations

import json
import math
import re
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
HEADS = ("voice", "insider")

_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_MENTION = re.compile(r"@\w+")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+|[^\w\s]")
# An agent's sign-off at the end of a reply: "^JD", "-Floi", "- Ed", "~Sam", "Thanks -Sha".
SIGNATURE = re.compile(r"(?:\^\s?[A-Za-z]{1,4}|(?<![\w-])[-–~]\s?[A-Z][a-z]{1,11}|\s[-–]\s?[A-Z]{2,3})\s*[.!)]*\s*$")
_EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF]")
MAX_CHARS = 600  # a post longer than this is scored on its first 600 characters: bounded work


def _meta(text: str) -> list[str]:
    """Features of the post's shape rather than its words."""
    stripped = text.strip()
    out = []
    if re.match(r"(?:\W{0,3})RT\b", stripped) or "RT @" in stripped:
        out.append("m:retweet")
    if stripped.startswith("@"):
        out.append("m:opens_with_mention")
    if SIGNATURE.search(stripped):
        out.append("m:signed")
    if _URL.search(stripped):
        out.append("m:link")
    if _EMOJI.search(stripped):
        out.append("m:emoji")
    if "!!" in stripped or "??" in stripped:
        out.append("m:repeated_punct")
    if "..." in stripped or "…" in stripped:
        out.append("m:ellipsis")
    letters = [c for c in _MENTION.sub("", _URL.sub("", stripped)) if c.isalpha()]
    if letters and letters[0].islower():
        out.append("m:lowercase_start")
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.5 and len(letters) > 8:
        out.append("m:mostly_caps")
    if re.search(r"(\w)\1\1", stripped):
        out.append("m:stretched")
    length = len(stripped)
    out.append("m:len" + ("<40" if length < 40 else "<90" if length < 90 else "<140" if length < 140 else "140+"))
    return out


def words(text: str) -> list[str]:
    """The post's words, lower case, with links, handles and numbers replaced by placeholders."""
    text = _URL.sub(" _url_ ", text[:MAX_CHARS])
    text = _MENTION.sub(" _user_ ", text).lower().replace("’", "'")
    out = []
    for token in re.findall(r"_url_|_user_|" + _WORD.pattern, text):
        out.append("0" if token.isdigit() else token)
    return out


def features(text: str) -> dict[str, str]:
    """Every feature of a text, mapped to the word it came from (for explaining a score)."""
    tokens = words(text)
    feats: dict[str, str] = {}
    for m in _meta(text):
        feats[m] = m
    for i, w in enumerate(tokens):
        feats.setdefault("w:" + w, w)
        if i + 1 < len(tokens):
            feats.setdefault("b:" + w + " " + tokens[i + 1], w + " " + tokens[i + 1])
        if w.isalpha() and len(w) > 2:
            padded = f"<{w}>"
            for n in (3, 4):
                for j in range(len(padded) - n + 1):
                    feats.setdefault("c:" + padded[j:j + n], w)
    return feats


META_REASONS = {
    "m:retweet": "a retweet", "m:opens_with_mention": "opens with a handle", "m:signed": "signed by an agent",
    "m:link": "a link", "m:emoji": "emoji", "m:repeated_punct": "repeated punctuation", "m:ellipsis": "trailing dots",
    "m:lowercase_start": "starts in lower case", "m:mostly_caps": "mostly capitals", "m:stretched": "stretched letters",
}


@dataclass
class Score:
    probability: float
    drivers: list[str]  # the words (or shapes) that pushed the score up most


class Head:
    """One linear model: a vocabulary, weights and an intercept."""

    def __init__(self, vocab: list[str], coef: np.ndarray, intercept: float):
        self.index = {f: i for i, f in enumerate(vocab)}
        self.coef = coef.astype(np.float64)
        self.intercept = float(intercept)

    def score(self, feats: dict[str, str], top: int = 3) -> Score:
        names = [f for f in feats if f in self.index]
        if not names:
            return Score(1.0 / (1.0 + math.exp(-self.intercept)), [])
        idx = np.fromiter((self.index[f] for f in names), dtype=np.int64, count=len(names))
        weights = self.coef[idx] / math.sqrt(len(names))  # binary features, L2-normalised as in training
        z = self.intercept + float(weights.sum())
        z = max(-30.0, min(30.0, z))
        by_source: dict[str, float] = {}
        for name, w in zip(names, weights.tolist()):
            source = META_REASONS.get(feats[name], feats[name]) if name.startswith("m:") else feats[name]
            if source.startswith("_") or name.startswith("m:len"):
                continue
            by_source[source] = by_source.get(source, 0.0) + w
        drivers = [s for s, w in sorted(by_source.items(), key=lambda kv: -kv[1]) if w > 0][:top]
        return Score(1.0 / (1.0 + math.exp(-z)), drivers)


class VoiceModels:
    def __init__(self, directory: Path = HERE):
        with open(directory / "vocab.json", encoding="utf-8") as fh:
            meta = json.load(fh)
        arrays = np.load(directory / "model.npz", allow_pickle=False)
        self.meta = meta
        self.heads = {name: Head(meta[name]["vocab"], arrays[f"{name}_coef"], float(arrays[f"{name}_intercept"][0]))
                      for name in HEADS}

    def score(self, text: str) -> dict[str, Score]:
        feats = features(text)
        return {name: head.score(feats) for name, head in self.heads.items()}


_lock = threading.Lock()
_models: VoiceModels | None = None


def load() -> VoiceModels:
    """The shipped models, read once per process."""
    global _models
    if _models is None:
        with _lock:
            if _models is None:
                _models = VoiceModels()
    return _models
