"""Parse links and tell a lookalike domain from an official or unrelated one.

The Equifax incident: securityequifax2017.com, a reordered twin of
equifaxsecurity2017.com, was tweeted by the company itself. A lookalike is any
domain a reader could take for an official one: a typo, a look-alike letter,
a swapped TLD, a reordered or extended name, or the official name used as a
subdomain of someone else's domain.
"""
from __future__ import annotations

import ipaddress
import itertools
import os
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


def written_inside(host: str, domain: str) -> bool:
    """The official domain spelled out inside someone else's host: paypal.com.secure-login.net,
    paypal.com-verify.info (but not hyatt.com for att.com)."""
    if under(host, domain):
        return False
    start = host.find(domain)
    while start != -1:
        end = start + len(domain)
        if (start == 0 or host[start - 1] in ".-") and end < len(host) and host[end] in ".-":
            return True
        start = host.find(domain, start + 1)
    return False


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
    letters: frozenset = frozenset()  # of squashed
    shape_letters: frozenset = frozenset()


def brand(registered: str) -> Brand:
    parts = split_domain(registered)
    label = parts.domain.lower()
    squashed = label.replace("-", "")
    shape = skeleton(label)
    return Brand(registered.lower(), label, parts.suffix, squashed, shape, tuple(_tokens(label)), frozenset(squashed), frozenset(shape))


COMMON_WORD_RANK = 10000


def distinctive(word: str) -> bool:
    """A brand word that is not an everyday English word (acme, equifax: yes; delta, united: no)."""
    from ...words import word_rank

    rank = word_rank().get(word)
    return rank is None or rank > COMMON_WORD_RANK


def country_suffix(suffix: str) -> bool:
    """A country's domain (ca, de, co.uk, com.au): a brand's exact name there is most likely the brand's own site."""
    last = suffix.rsplit(".", 1)[-1]
    return len(last) == 2 and last.isalpha()


def lookalike(link: Link, brands: list[Brand], lures: frozenset = frozenset(), cautious: bool = False) -> tuple[str, str] | None:
    """(kind, official domain) if the link's domain imitates an official domain, else None. Borrowed
    brand names (brand_terms, the handle) are phishing_host's business. cautious (someone else's brand):
    a domain named with a real word ("apply.com", "ample.com" next to apple.com) is no typo of it."""
    label = link.domain.lower()
    if not label:
        return None
    unicode_label = (link.unicode_host.split(".")[-len(link.suffix.split(".")) - 1] if link.suffix else link.unicode_host)
    squashed = label.replace("-", "")
    letters = set(squashed)
    shape = skeleton(unicode_label)  # the label as it looks, its look-alike letters read as what they imitate
    shape_letters = set(shape)
    sub_labels = [s for s in link.subdomain.lower().split(".") if s]
    for b in brands:
        if label == b.label and link.suffix != b.suffix and not (cautious and country_suffix(link.suffix)):
            return "tld_swap", b.registered
        if written_inside(link.host, b.registered):
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
        if skeleton(label) == b.shape and label != b.label and not (cautious and real_word(squashed)):
            return "homoglyph", b.registered
        budget = typo_budget(len(b.squashed))
        # Each edit changes the set of letters used by two at most: a cheap bound before the edit distance.
        distance = (damerau_levenshtein(squashed, b.squashed, budget)  # capped: only <= budget matters
                    if len(letters ^ b.letters) <= 2 * budget else budget + 1)
        if 0 < distance <= budget and not (cautious and real_word(squashed)):
            return "typo", b.registered
        if shape != b.shape and len(shape_letters ^ b.shape_letters) <= 2 * budget and damerau_levenshtein(shape, b.shape, budget) <= budget:
            kind = "homoglyph" if not unicode_label.isascii() or shape != squashed else "typo"
            # Someone else's brand: a label of plain letters one edit from how the brand looks is no imitation of it
            # ("tmall" and "mail" next to gmail, "cooking" next to booking, "finance" next to binance: i and l, rn
            # and m are ordinary letters there); the plain comparison above judged it. Digits or other scripts
            # standing for letters are a disguise.
            if not cautious or (not unicode_label.isascii() or any(c.isdigit() for c in label)) and not real_word(squashed):
                return kind, b.registered
        if len(b.tokens) > 1:
            if squashed != b.squashed and any("".join(p) == squashed for p in itertools.islice(itertools.permutations(b.tokens), 24)):
                return "token_reorder", b.registered
            tokens = _tokens(label)
            if sorted(tokens) == sorted(b.tokens) and tokens != list(b.tokens):
                return "token_reorder", b.registered
            if set(b.tokens) <= set(tokens) and len(tokens) > len(b.tokens):
                return "brand_plus_words", b.registered
            lead = b.tokens[0]
            # An everyday lead word ("spot" of spotify) is the brand only with the rest of its name.
            if len(lead) >= 4 and not lead.isdigit() and lead in tokens and (
                    distinctive(lead) or (set(tokens) & lures and not everyday_word(lead))):
                return "brand_plus_words", b.registered
    return None


# -- internal hosts, in every spelling the socket layer and browsers accept ------------------------

# Cloud metadata services: reachable from inside a cloud host only, and full of credentials.
METADATA_ADDRESSES = frozenset({"169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200", "192.0.0.192"})
_DOT_LIKE = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})  # UTS 46 maps these to "."
_MAX_NUMBER_DIGITS = 40  # a longer "number" is not an address; keeps int() bounded
MAX_HOST = 512


def _number(part: str) -> int | None:
    """One part of an inet_aton/WHATWG IPv4 address: decimal, 0x-hex or 0-octal; None if it is not one."""
    if part[:2] == "0x":
        digits, base, allowed = part[2:], 16, "0123456789abcdef"
    elif len(part) > 1 and part[0] == "0":
        digits, base, allowed = part[1:], 8, "01234567"
    else:
        digits, base, allowed = part, 10, "0123456789"
    if len(digits) > _MAX_NUMBER_DIGITS or any(c not in allowed for c in digits):
        return None
    return int(digits, base) if digits else 0


def looks_numeric(host: str) -> bool:
    """A host whose last label is a number: browsers and inet_aton read it as an IPv4 address."""
    last = host.rstrip(".").rsplit(".", 1)[-1]
    return bool(last) and _number(last) is not None


def loose_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """Read a host as inet_aton and the WHATWG URL parser do: 127.1, 2130706433, 0x7f000001, 0177.0.0.1."""
    parts = host.rstrip(".").split(".") if host else []
    if not 1 <= len(parts) <= 4 or "" in parts:
        return None
    numbers = [_number(p) for p in parts]
    if any(n is None for n in numbers) or any(n > 255 for n in numbers[:-1]):
        return None
    if numbers[-1] >= 256 ** (5 - len(numbers)):
        return None
    value = numbers[-1]
    for i, n in enumerate(numbers[:-1]):
        value += n << (8 * (3 - i))
    return ipaddress.IPv4Address(value)


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries: mapped, compatible, 6to4, Teredo client or NAT64."""
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address.sixtofour:
        return address.sixtofour
    if address.teredo:
        return address.teredo[1]
    value = int(address)
    if value >> 32 == 0 and value > 1:  # ::a.b.c.d (deprecated "IPv4-compatible")
        return ipaddress.IPv4Address(value & 0xFFFFFFFF)
    if value >> 32 == 0x64FF9B << 64:  # 64:ff9b::/96, the NAT64 well-known prefix
        return ipaddress.IPv4Address(value & 0xFFFFFFFF)
    return None


def address_kind(address) -> str | None:
    """Why an IP address is not a public web address ('loopback', 'private', ...), or None if it is public."""
    if str(address) in METADATA_ADDRESSES:
        return "cloud metadata"
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None and address_kind(embedded):
            return address_kind(embedded)
    if address.is_unspecified:
        return "unspecified"
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link-local"
    if isinstance(address, ipaddress.IPv4Address) and address in _SHARED:
        return "shared (carrier-grade NAT)"
    if address.is_multicast:
        return "multicast"
    if address.is_private:
        return "private"
    if address.is_reserved or not address.is_global:
        return "reserved"
    return None


_SHARED = ipaddress.IPv4Network("100.64.0.0/10")


def clean_host(host: str) -> str:
    """A host as a browser reaches it: percent-decoded, NFKC-folded, lower case, without trailing dots."""
    from urllib.parse import unquote

    host = unquote(host[:MAX_HOST])
    host = unicodedata.normalize("NFKC", host).translate(_DOT_LIKE).lower().strip()
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    return host.rstrip(".")


def candidate_hosts(url: str) -> list[str]:
    """The host a link reaches, as Python reads it and as a browser reads it (they differ on "\\" and "@")."""
    hosts = []
    try:
        parsed = urlsplit(url)
        if parsed.hostname is not None:
            hosts.append(parsed.hostname)
    except ValueError:
        pass
    _, sep, rest = url.partition("://")
    if sep:
        authority = re.split(r"[/\\?#]", rest, maxsplit=1)[0]
        host = authority.rsplit("@", 1)[-1]
        if host.startswith("["):
            host = host[: host.find("]") + 1] if "]" in host else host
        else:
            host = host.split(":", 1)[0]
        hosts.append(host)
    out = []
    for h in hosts:
        h = clean_host(h)
        if h and h not in out:
            out.append(h)
    return out


def internal_host(host: str, names=frozenset(), suffixes=()) -> str | None:
    """Why a (clean) host is internal — an address kind, 'internal name', 'single-label name' or
    'malformed address' — or None for a public host. `names` and `suffixes` come from the links lexicon."""
    if not host:
        return None
    if len(host) > 253:
        return "malformed address"  # longer than DNS allows: no public site has this name
    if ":" in host:  # IPv6, possibly with a zone ("fe80::1%eth0")
        try:
            return address_kind(ipaddress.IPv6Address(host.split("%", 1)[0]))
        except ValueError:
            return "malformed address"
    if looks_numeric(host):
        address = loose_ipv4(host)
        return address_kind(address) if address is not None else "malformed address"
    if host in names or any(host == s or host.endswith("." + s) for s in suffixes):
        return "internal name"
    if "." not in host:
        return "single-label name"  # resolved through the local search domain: inside our network
    return None


# -- phishing-style hosts: the brand's tokens fused into someone else's host ------------------------

_DATA = __import__("pathlib").Path(__file__).with_name("data")
MAX_LABEL = 63  # DNS limits; longer labels and hosts are cut, which bounds every loop below
EVERYDAY_ZIPF = 4.0  # wordfreq Zipf frequency from which a brand token is also an everyday word
_TWO_LETTER_WORDS = frozenset("of to in is it on at by my me we us an or go no so up do be he if as am".split())


@lru_cache(maxsize=1)
def popular_domains() -> frozenset[str]:
    """Registrable domains popular enough never to be a phishing twin (data/popular_domains.txt)."""
    with open(_DATA / "popular_domains.txt", encoding="utf-8") as fh:
        return frozenset(line.strip() for line in fh if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def dictionary() -> frozenset[str]:
    """Common English words (wordfreq's top 30,000, letters only) for telling words from brand tokens."""
    from wordfreq import top_n_list

    words = {w for w in top_n_list("en", 30000) if w.isascii() and w.isalpha() and len(w) >= 3}
    return frozenset(words | _TWO_LETTER_WORDS)


@lru_cache(maxsize=4096)
def real_word(label: str) -> bool:
    """A label that is an English word (Zipf 3.5 or more): what it says, not a one-edit spelling of a brand."""
    from wordfreq import zipf_frequency

    return zipf_frequency(label, "en") >= 3.5


@lru_cache(maxsize=4096)
def everyday_word(token: str) -> bool:
    """A brand token that is also an everyday word (steam, delta, target): it needs more than itself."""
    from wordfreq import zipf_frequency

    return zipf_frequency(token, "en") >= EVERYDAY_ZIPF


@lru_cache(maxsize=1)
def _private_extractor():
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)


def warm() -> None:
    """Read every list the checks below use (suffixes with private ones, dictionaries) now, not on a post."""
    from wordfreq import zipf_frequency

    from ...words import word_rank

    _private_extractor()("www.warm-up.example.co.uk")
    popular_domains()
    dictionary()
    word_rank()
    zipf_frequency("warm", "en")
    _tokens("warmupgatekeeper")


def hosting_parent(host: str, free_hosting=(), hosting_names=frozenset()) -> str | None:
    """The free-hosting or dynamic-DNS domain a host is a subdomain of, or None."""
    for parent in free_hosting:
        if host.endswith("." + parent):
            return parent
    public = split_domain(host)
    if public.domain in hosting_names and public.subdomain:
        return f"{public.domain}.{public.suffix}"
    parts = _private_extractor()(host)
    if getattr(parts, "is_private", False) and parts.domain:
        return parts.suffix
    return None


def crossed_by_words(label: str, start: int, end: int, ties: bool = False) -> bool:
    """True if `label` reads better as words one of which runs across label[start:end]'s edge than
    with label[start:end] as a word of its own: "thebayarea" (the|bay|area) crosses "ebay";
    "steamboat" crosses "steam"; "ebayisapi" (ebay|is|api) and "adobediscount" do not.
    ties: also when it reads as well ("recoverycloud" read as recovery|cloud or recover|ycloud)."""
    words, n, longest = dictionary(), len(label), 20
    # Cost of a reading: 1 for each word, run of digits or letter no word explains.

    def step_costs(a: int):
        for b in range(a + 1, min(n, a + longest) + 1):
            piece = label[a:b]
            if piece in words or piece.isdigit():
                yield b, 1
        yield a + 1, 1

    ahead = [0.0] + [float("inf")] * n  # best reading of label[:k]
    for a in range(n):
        for b, cost in step_costs(a):
            ahead[b] = min(ahead[b], ahead[a] + cost)
    behind = [float("inf")] * n + [0.0]  # best reading of label[k:]
    for a in range(n - 1, -1, -1):
        behind[a] = min(behind[b] + cost for b, cost in step_costs(a))
    aligned = ahead[start] + 1 + behind[end]
    for a in range(n):
        for b in range(a + 2, min(n, a + longest) + 1):
            if (a < start < b or a < end < b) and label[a:b] in words and (
                    ahead[a] + 1 + behind[b] < aligned or ties and ahead[a] + 1 + behind[b] == aligned):
                return True
    return False


@dataclass(frozen=True)
class BrandToken:
    """One name the brand goes by (from brand_terms, official domains or the handle), squashed."""

    text: str
    official: str  # what to point the reader to
    everyday: bool  # also an everyday word (steam, delta), or three letters (dhl): needs more than itself
    short: bool
    shape: str = ""  # as skeleton() draws it, to compare with disguised labels


def brand_tokens(account: dict, handle_suffixes=()) -> list[BrandToken]:
    """Tokens a phishing host would borrow: brand_terms, official domains' names and the handle, and
    the stem they share (steampowered + steamcommunity -> steam; @SantanderUK -> santander)."""
    official = [d.lower() for d in account.get("official_domains", [])]
    shown = official[0] if official else ""
    candidates: list[str] = []

    def squash(text: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if c.isascii() and c.isalnum())

    for term in account.get("brand_terms", []) or []:
        candidates.append(squash(term))
        words = [squash(w) for w in re.split(r"[\s_-]+", term)]
        if len(words) > 1:
            candidates += [w for w in words if len(w) >= 4 and not everyday_word(w)]
    for domain in official:
        candidates.append(split_domain(domain).domain.replace("-", ""))
    handle = squash(account.get("handle", "").lstrip("@").split("@")[0])
    if handle:
        candidates.append(handle)
        for suffix in handle_suffixes:
            stem = handle[: -len(suffix)]
            # @SantanderUK -> santander, but only when the brand's other names confirm the stem
            # (@MetaMask does not end in "ask").
            if handle.endswith(suffix) and len(stem) >= 3 and any(stem in c for c in candidates if c != handle):
                candidates.append(stem)
    stems = []
    for a, b in itertools.combinations(sorted(set(candidates)), 2):
        common = os.path.commonprefix([a, b])
        if len(common) >= 4 and common not in (a, b) and not common.isdigit():  # 3 letters in common is chance
            stems.append(common)
    tokens, seen = [], set()
    for text in candidates + stems:
        if len(text) < 3 or text in seen or text.isdigit():
            continue
        seen.add(text)
        tokens.append(BrandToken(text, shown or text, everyday_word(text) or len(text) == 3, len(text) <= 5, skeleton(text)))
    return sorted(tokens, key=lambda t: -len(t.text))[:64]


# A brand name that is also a frequent word (netflix, facebook, google): its one-edit spellings ("netflx") are
# still typos from this length on, on the brand's own account as on anyone's; a real word one edit away is never one.
EVERYDAY_TYPO_LENGTH = 6


def typo_worthy(token: BrandToken) -> bool:
    """Is a one-edit spelling of this token a typo worth flagging (5+ letters; an everyday word from
    EVERYDAY_TYPO_LENGTH letters)?"""
    n = len(token.text)
    return n >= 5 and (not token.everyday or n >= EVERYDAY_TYPO_LENGTH)


def typo_pattern(tokens: list[BrandToken]):
    """One linear-time pattern for every one-edit spelling of the tokens worth it (5+ letters, everyday
    words 6+): a letter changed, added, dropped (6+ letters) or two neighbours swapped."""
    import re2

    variants = set()
    for token in tokens:
        t = token.text
        if not typo_worthy(token):
            continue
        for i in range(len(t)):
            variants.add(re.escape(t[:i]) + "[a-z0-9]" + re.escape(t[i + 1:]))
            if len(t) >= 6:
                variants.add(re.escape(t[:i] + t[i + 1:]))
            if i + 1 < len(t) and t[i] != t[i + 1]:
                variants.add(re.escape(t[:i] + t[i + 1] + t[i] + t[i + 2:]))
        for i in range(len(t) + 1):
            variants.add(re.escape(t[:i]) + "[a-z0-9]" + re.escape(t[i:]))
    if not variants:
        return None
    options = re2.Options()
    options.max_mem = 64 << 20  # many brands' spellings in one automaton: room for its DFA
    return re2.compile("|".join(sorted(variants, key=len, reverse=True)), options)


def segmentable(text: str) -> bool:
    """`text` reads as dictionary words only (no digits, no leftover letters)."""
    words, n = dictionary(), len(text)
    ok = [True] + [False] * n
    for b in range(1, n + 1):
        ok[b] = any(ok[a] and text[a:b] in words for a in range(max(0, b - 20), b - 1))
    return ok[n]


def has_lure(labels: list[str], lures: frozenset) -> bool:
    for label in labels:
        if label == "www":
            continue
        pieces = [p for p in re.split(r"[-0-9]+", label) if p]
        squashed = "".join(pieces)
        if any(p in lures for p in pieces):
            return True
        if any(len(w) >= 4 and w in squashed for w in lures):
            return True
    return False


def phishing_host(link: Link, tokens: list[BrandToken], pattern, lures: frozenset, hosting: str | None,
                  cautious: bool = False) -> tuple[str, str] | None:
    """(kind, official) if the host borrows one of the brand's tokens: fused into any label, or one
    edit away from it inside a longer label. Everyday-word tokens need a lure word, free hosting or a
    written-out domain next to them; short ones must not be part of real words (thebayarea).
    cautious (someone else's brand): a one-edit spelling counts only where the host reads no better as words."""
    if not tokens:
        return None
    own = link.host[: -len(hosting) - 1] if hosting else link.host[: -len(link.suffix) - 1] if link.suffix else link.host
    labels = [label[:MAX_LABEL] for label in own[:MAX_HOST].split(".") if label]
    unicode_labels = link.unicode_host.split(".")
    # (text, disguised, on the registrable label): a label as written, and as it looks when its
    # look-alike digits or letters are read as the letters they imitate (dr0pb0x, dоcusign).
    readings = []
    for i, label in enumerate(labels):
        squashed = label.replace("-", "")
        registrable = i == len(labels) - 1 and not hosting
        readings.append((squashed, False, registrable))
        if any(c.isdigit() for c in squashed):
            readings.append((skeleton(squashed), True, registrable))
    for label in unicode_labels:
        if not label.isascii():
            readings.append((skeleton(label[:MAX_LABEL]), True, label == unicode_labels[-1 - len(link.suffix.split("."))]))
    lure = None
    for reading, disguised, registrable in readings:
        for token in tokens:
            wanted = token.shape if disguised else token.text
            start = reading.find(wanted)
            while start != -1:
                end = start + len(wanted)
                # Someone else's name inside a longer word is not borrowed, however distinctive ("revolutionary").
                if (token.short or token.everyday or cautious) and crossed_by_words(reading, start, end):
                    start = reading.find(wanted, start + 1)
                    continue
                if token.everyday and not hosting and not disguised:
                    # "deltadental", "applebees": an everyday word in a compound of words is a name of
                    # its own. Next to a lure word, or fused with what no word explains, it is borrowed.
                    # (Written with look-alike characters, it is borrowed whatever surrounds it.)
                    if len(wanted) <= 3:  # three letters fused with others are chance: "dhl-" counts, "adhlq" not
                        rest_is_words = not any(wanted in label.split("-") for label in labels)
                    else:
                        rest_is_words = all(segmentable(part) for part in (reading[:start], reading[end:]) if part)
                    if rest_is_words:
                        if lure is None:
                            lure = has_lure(labels, lures)
                        if not lure:
                            break
                if hosting:
                    kind = "brand_on_free_hosting"
                elif disguised:
                    kind = "homoglyph"
                elif registrable:
                    kind = "tld_swap" if reading == token.text else "brand_plus_words"
                    if kind == "tld_swap" and cautious and country_suffix(link.suffix):
                        break  # another brand's exact name on a country's domain: most likely its own site
                else:
                    kind = "brand_in_subdomain"
                return kind, token.official
    if pattern is None:
        return None
    for reading, _, _ in readings:
        for match in pattern.finditer(reading):
            at = match.start()
            for token in tokens:
                n = len(token.text)
                if not typo_worthy(token):
                    continue
                for size in (n - 1, n, n + 1) if n >= 6 else (n, n + 1):
                    found = reading[at:at + size]
                    if len(found) != size or found == token.text or damerau_levenshtein(found, token.text, 1) != 1:
                        continue
                    # "stream" is not a typo of "steam": a real word is what it says.
                    if real_word(found) or crossed_by_words(reading, at, at + size, ties=cautious):
                        continue
                    return ("typo_on_free_hosting" if hosting else "typo"), token.official
    return None
