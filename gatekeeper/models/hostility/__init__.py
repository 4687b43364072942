"""The learned hostility score: a linear model over character and word n-grams.

Trained by ``train/hostility.py`` (scikit-learn, at training time only); shipped as
numpy arrays and a JSON vocabulary in this folder. Inference here is plain
Python and numpy. The features are read from the normalised text the checks see
(look-alike letters folded, leetspeak inside words read as letters), so a
disguised word produces the same n-grams as the plain one.

Heads: ``hostile`` (offensive, insulting, threatening or hateful), ``hate``
(aimed at a group for who they are) and ``reply`` (a brand's reply that is
hostile to the customer: fitted on written brand replies and real support-agent turns), ``threat`` (a threat of
violence or a wish of harm) and ``sexism`` (demeaning women, or anyone, for their sex or gender: fitted on EDOS
against ordinary posts). Each head's
score is a calibrated probability (Platt scaling fitted on a held-out split). A head may read only some
kinds of feature (``meta["head_features"]``: the reply head reads words and word pairs, not character
n-grams); its tf-idf vector is then normalised over those features alone, as in training.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from .. import cached, load_arrays, load_json

NAME = "hostility"

# Words longer than this give no character n-grams beyond their first letters (bounded work per post).
MAX_WORD = 24
MAX_TOKENS = 400
CHAR_NGRAMS = (3, 4, 5)
# Tokens whose feature indices are remembered between posts (common words repeat).
MEMO_SIZE = 50000

_TOKEN_RE = re.compile(
    r"(?P<url>(?:https?://|www\.)\S+)"
    r"|(?P<mention>@\w{1,30})"
    r"|(?P<word>[a-z0-9]+(?:'[a-z]+)?)"
    r"|(?P<emoji>[^\x00-\x7f\s])"
)
_STRETCH = re.compile(r"([a-z])\1{2,}")


# A token is a plain tuple (value, start, end, is_word): value is what the features see (a word with
# stretched letters squeezed, or an emoji); start/end its span in the text the model read (the same
# offsets as the normalised text).
Token = tuple


def tokens(lowered: str) -> list[Token]:
    """Words and emoji. Handles and links are left out: who is named says nothing about tone,
    and in the training tweets they mostly mark retweets, which would bias the model."""
    stretched = _STRETCH.search(lowered) is not None
    out = []
    for m in _TOKEN_RE.finditer(lowered):
        kind = m.lastgroup
        if kind == "word":
            value = m.group()
            out.append((_STRETCH.sub(r"\1\1", value) if stretched else value, m.start(), m.end(), True))
        elif kind == "emoji":
            out.append((m.group(), m.start(), m.end(), False))
        else:
            continue
        if len(out) >= MAX_TOKENS:
            break
    return out


def features(toks: list[Token]):
    """Yield (feature, token index, other token index or -1) for a token list.

    Word unigrams ("w:"), word bigrams ("b:", credited to both words) and character
    3-5-grams inside each word padded with spaces ("c:").
    """
    for i, (value, _, _, is_word) in enumerate(toks):
        yield "w:" + value, i, -1
        if i:
            yield "b:" + toks[i - 1][0] + " " + value, i, i - 1
        if is_word:
            padded = " " + value[:MAX_WORD] + " "
            for n in CHAR_NGRAMS:
                for s in range(len(padded) - n + 1):
                    yield "c:" + padded[s:s + n], i, -1


def feature_strings(lowered: str) -> list[str]:
    """The features of one text, as training sees them."""
    return [feat for feat, _, _ in features(tokens(lowered))]


def feature_mask(vocab, prefixes) -> np.ndarray:
    """1.0 for each feature of a kind listed by its prefix ("w:", "b:", "c:"), else 0.0: what a head reads."""
    prefixes = tuple(prefixes)
    return np.array([feat.startswith(prefixes) for feat in vocab], dtype=np.float64)


def model_text(text) -> str:
    """The string the model reads from a normalised Text: lower case, leetspeak read as letters."""
    return text.unleet


@dataclass
class Score:
    """Calibrated probabilities per head, and what is needed to explain them on demand."""

    probs: dict[str, float]
    _model: "HostilityModel"
    _toks: list
    _found: list
    _cols: np.ndarray | None
    _norms: np.ndarray  # per head

    def __getitem__(self, head: str) -> float:
        return self.probs[head]

    def drivers(self, head: str) -> list[tuple[int, int, float]]:
        """(start, end, contribution) of the words that pushed ``head`` up, strongest first.

        Each feature's share of the raw score is credited to the word it came from (a bigram
        to both of its words, half each); spans are offsets in the text the model read.
        """
        if self._cols is None:
            return []
        model = self._model
        h = model.heads.index(head)
        counts = Counter(self._found)
        if not self._norms[h]:
            return []
        per = (model.idf_coef[self._cols, h] / self._norms[h]).tolist()
        contrib_of = {j: c / counts[j] for j, c in zip(self._cols.tolist(), per)}
        toks = self._toks
        per_token = [0.0] * len(toks)
        for i, tok in enumerate(toks):
            per_token[i] += sum(contrib_of[j] for j in model._token_indices(tok))
            if i:
                j = model.index.get("b:" + toks[i - 1][0] + " " + tok[0])
                if j is not None:
                    per_token[i] += contrib_of[j] / 2
                    per_token[i - 1] += contrib_of[j] / 2
        return sorted(((toks[i][1], toks[i][2], c) for i, c in enumerate(per_token) if c > 0),
                      key=lambda d: -d[2])


class HostilityModel:
    def __init__(self, arrays: dict, vocab: list[str], meta: dict):
        self.index = {feat: i for i, feat in enumerate(vocab)}
        idf = arrays["idf"].astype(np.float64)
        coef = arrays["coef"].astype(np.float64)  # (features, heads)
        if coef.shape[0] != idf.shape[0] or len(vocab) != idf.shape[0]:
            raise ValueError("hostility model: vocabulary and arrays disagree")
        self.heads = meta["heads"]
        # Which features count for each head: those whose kind prefix the meta lists for it (all if none), and
        # of those the ones the optional `reads` array (features x heads, 0/1) marks, e.g. words only one head knows.
        kinds = meta.get("head_features", {})
        reads = np.ones((len(vocab), len(self.heads)))
        for h, head in enumerate(self.heads):
            if head in kinds:
                reads[:, h] = feature_mask(vocab, kinds[head])
        if "reads" in arrays:
            if arrays["reads"].shape != reads.shape:
                raise ValueError("hostility model: reads and vocabulary disagree")
            reads *= arrays["reads"].astype(np.float64)
        self.idf2 = (idf * idf)[:, None] * reads  # (features, heads)
        self.idf_coef = idf[:, None] * coef * reads
        self.intercept = arrays["intercept"].astype(np.float64)
        self.platt = arrays["platt"].astype(np.float64)  # (heads, 2): a, b
        self.meta = meta
        self._memo: dict = {}

    @classmethod
    def load(cls) -> "HostilityModel":
        return cls(load_arrays(NAME), load_json(NAME, "vocab.json"), load_json(NAME, "meta.json"))

    def _token_indices(self, tok: Token) -> tuple[int, ...]:
        """Vocabulary indices of a token's own features (unigram and character n-grams), memoised."""
        key = (tok[0], tok[3])
        found = self._memo.get(key)
        if found is None:
            found = tuple(j for j in (self.index.get(f) for f, _, _ in features([tok])) if j is not None)
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = found
        return found

    def score(self, lowered: str) -> Score:
        """Score a text (``model_text`` of a normalised Text)."""
        toks = tokens(lowered)
        index = self.index
        found: list[int] = []
        for i, tok in enumerate(toks):
            found.extend(self._token_indices(tok))
            if i:
                j = index.get("b:" + toks[i - 1][0] + " " + tok[0])
                if j is not None:
                    found.append(j)
        if not found:
            return Score(self._calibrate(self.intercept), self, toks, found, None, np.zeros(len(self.heads)))
        # Binary tf-idf, L2-normalised, dotted with each head: sum(idf*coef) / sqrt(sum(idf^2)) over the
        # distinct features present that the head reads (a head that reads none of them scores its intercept).
        cols = np.fromiter(set(found), dtype=np.int64)
        norms = np.sqrt(self.idf2[cols].sum(axis=0))
        raw = self.idf_coef[cols].sum(axis=0) / np.where(norms > 0, norms, 1.0) + self.intercept
        return Score(self._calibrate(raw), self, toks, found, cols, norms)

    def _calibrate(self, raw) -> dict[str, float]:
        return {head: 1.0 / (1.0 + math.exp(-(self.platt[h, 0] * float(raw[h]) + self.platt[h, 1])))
                for h, head in enumerate(self.heads)}


def model() -> HostilityModel:
    """The shipped model, loaded once per process."""
    return cached(NAME, HostilityModel.load)
