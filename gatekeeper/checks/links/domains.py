"""Parse links and tell a lookalike domain from an official or unrelated one.

The Equifax incident: securityequifax2017.com, a reordered twin of
equifaxsecurity2017.com, was tweeted by the company itself. A lookalike is any
domain a reader could take for an official one: a typo, a look-alike letter,
a swapped TLD, a reordered or extended name, or the official name used as a
subdomain of someone else's domain.
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

import idna

from ...net import split_domain
from ...normalize import _confusable_table

# ASCII look-alikes a reader's eye merges: rn/m, vv/w, 0/o, 1/l, I/l.
_ASCII_SKELETON = [("rn", "m"), ("vv", "w"), ("cl", "d"), ("0", "o"), ("1", "l"), ("i", "l"), ("|", "l"), ("5", "s"), ("3", "e"), ("q", "g")]


@dataclass(frozen=True)
class Link:
    text: str  # as written
    url: str  # with a scheme
    scheme: str
    host: str  # ASCII (punycode) host, lower case
    unicode_host: str  # the host as a reader sees it
    subdomain: str
    domain: str  # registrable label: "acme-air"
    suffix: str  # public suffix: "com", "co.uk"
    port: int | None

    @property
    def registered(self) -> str:
        return f"{self.domain}.{self.suffix}" if self.suffix else self.domain


def parse_link(text: str) -> Link | None:
    """Parse a link as written (with or without a scheme); None if it has no usable host."""
    url = text if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", text) else "http://" + text
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return None
    host = host.rstrip(".")
    if not host:
        return None
    try:
        ascii_host = idna.encode(host, uts46=True).decode() if not host.isascii() else host.lower()
    except idna.IDNAError:
        ascii_host = host.encode("punycode").decode() if not host.isascii() else host.lower()
    try:
        unicode_host = idna.decode(ascii_host) if "xn--" in ascii_host else ascii_host
    except idna.IDNAError:
        unicode_host = ascii_host
    parts_ = split_domain(ascii_host)
    return Link(text, url, parts.scheme.lower(), ascii_host, unicode_host, parts_.subdomain, parts_.domain, parts_.suffix, port)


def under(host: str, domain: str) -> bool:
    host, domain = host.lower().rstrip("."), domain.lower().rstrip(".")
    return host == domain or host.endswith("." + domain)


@lru_cache(maxsize=65536)
def skeleton(label: str) -> str:
    """What a label looks like: Unicode and ASCII look-alikes folded, hyphens dropped."""
    table = _confusable_table()
    # Accents go first (ạ, ì, ç read as a, i, c), then confusables (Cyrillic а, Greek ο).
    plain = "".join(c for c in unicodedata.normalize("NFKD", label) if not unicodedata.combining(c))
    out = "".join(table.get(c, c) for c in plain).lower()
    for a, b in _ASCII_SKELETON:
        out = out.replace(a, b)
    return out.replace("-", "")


def damerau_levenshtein(a: str, b: str, cap: int = 4) -> int:
    """Edit distance counting a swap of neighbours as one edit; stops early past `cap`."""
    if abs(len(a) - len(b)) > cap:
        return cap + 1
    prev2 = None
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > cap:
            return cap + 1
        prev2, prev = prev, cur
    return prev[-1]


def typo_budget(length: int) -> int:
    """Edits a reader would not notice, scaled to the name's length."""
    if length <= 4:
        return 1 if length == 4 else 0
    if length <= 8:
        return 1
    if length <= 14:
        return 2
    return 3


def _tokens(label: str) -> list[str]:
    from ...words import segment

    out = []
    for piece in re.findall(r"[a-z]+|[0-9]+", label.lower()):
        out.extend(segment(piece) if piece.isalpha() and len(piece) > 5 else [piece])
    return out


@dataclass(frozen=True)
class Brand:
    """One official domain, prepared for comparison."""

    registered: str
    label: str
    suffix: str
    squashed: str
    shape: str
    tokens: tuple[str, ...]


def brand(registered: str) -> Brand:
    parts = split_domain(registered)
    label = parts.domain.lower()
    return Brand(registered.lower(), label, parts.suffix, label.replace("-", ""), skeleton(label), tuple(_tokens(label)))


COMMON_WORD_RANK = 10000


def distinctive(word: str) -> bool:
    """A brand word that is not an everyday English word (acme, equifax: yes; delta, united: no)."""
    from ...words import word_rank

    rank = word_rank().get(word)
    return rank is None or rank > COMMON_WORD_RANK


def lookalike(link: Link, brands: list[Brand], brand_words: list[str], lures: frozenset = frozenset()) -> tuple[str, str] | None:
    """(kind, official domain) if the link's domain imitates an official one, else None."""
    label = link.domain.lower()
    if not label:
        return None
    unicode_label = (link.unicode_host.split(".")[-len(link.suffix.split(".")) - 1] if link.suffix else link.unicode_host)
    squashed = label.replace("-", "")
    sub_labels = [s for s in link.subdomain.lower().split(".") if s]
    for b in brands:
        if label == b.label and link.suffix != b.suffix:
            return "tld_swap", b.registered
        if b.registered in link.host and not under(link.host, b.registered):
            return "brand_in_subdomain", b.registered
        if b.label in sub_labels or b.squashed in [s.replace("-", "") for s in sub_labels]:
            return "brand_in_subdomain", b.registered
        if sub_labels and (sub_labels[-1] + label).replace("-", "") == b.squashed:
            return "dot_insertion", b.registered
        if not unicode_label.isascii() and skeleton(unicode_label) == b.shape:
            return "homoglyph", b.registered
        if squashed == b.squashed and label != b.label:
            return "hyphenation", b.registered
        if squashed == b.squashed + b.suffix.replace(".", ""):
            return "missing_dot", b.registered  # paypalcom.com
        if skeleton(label) == b.shape and label != b.label:
            return "homoglyph", b.registered
        budget = typo_budget(len(b.squashed))
        distance = damerau_levenshtein(squashed, b.squashed)
        if 0 < distance <= budget:
            return "typo", b.registered
        shape = skeleton(unicode_label)
        if shape != b.shape and damerau_levenshtein(shape, b.shape) <= budget:
            return "homoglyph" if not unicode_label.isascii() or shape != squashed else "typo", b.registered
        if len(b.tokens) > 1:
            if squashed != b.squashed and any("".join(p) == squashed for p in itertools.islice(itertools.permutations(b.tokens), 24)):
                return "token_reorder", b.registered
            tokens = _tokens(label)
            if sorted(tokens) == sorted(b.tokens) and tokens != list(b.tokens):
                return "token_reorder", b.registered
            if set(b.tokens) <= set(tokens) and len(tokens) > len(b.tokens):
                return "brand_plus_words", b.registered
            lead = b.tokens[0]
            if len(lead) >= 4 and not lead.isdigit() and lead in tokens and (distinctive(lead) or set(tokens) & lures):
                return "brand_plus_words", b.registered
    for word in brand_words:
        if len(word) >= 4 and word in squashed and squashed != word:
            # "equifax" or "acmeair" inside a domain is a lookalike; a brand that is an everyday word
            # ("delta") counts only next to a lure ("delta-refunds"), or deltadental.com would be one.
            if distinctive(word) or set(_tokens(label)) & lures:
                official = brands[0].registered if brands else word
                return "brand_plus_words", official
        if len(word) >= 4 and not unicode_label.isascii() and word in skeleton(unicode_label):
            return "homoglyph", brands[0].registered if brands else word
        if len(word) >= 4 and word != squashed and word in skeleton(label) and any(c.isdigit() for c in label):
            return "homoglyph", brands[0].registered if brands else word
    return None
