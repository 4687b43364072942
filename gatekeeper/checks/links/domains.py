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
    userinfo: str = ""  # what comes before "@" in the authority: "paypal.com" in https://paypal.com@evil.net/

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
    userinfo = parts.netloc.rpartition("@")[0][:MAX_HOST]
    return Link(text, url, parts.scheme.lower(), ascii_host, unicode_host, parts_.subdomain, parts_.domain, parts_.suffix, port,
                userinfo)


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


def doubled_letter(label: str, name: str) -> bool:
    """`label` is `name` with one of its letters written twice (dhll for dhl)."""
    return len(label) == len(name) + 1 and any(label == name[:i + 1] + name[i:] for i in range(len(name)))


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


def official_parts(domain: str, names=()) -> tuple[str, str]:
    """(name, suffix) an official domain stands for: its registrable label and public suffix (acme-air, com), except
    - on a brand's own TLD, the TLD when it is one of the brand's other `names` (about.google for @Google: google,
      not the everyday word "about");
    - under a suffix anyone registers under (github.io, myshopify.com), the label there (acme.github.io: acme);
    - a public suffix itself (gov.uk, HMRC's site), or www under one: no name ("") — the caller takes it from the handle."""
    domain = domain.lower().strip(".")
    parts = split_domain(domain)
    suffix = parts.suffix
    if suffix and "." not in suffix and not country_suffix(suffix) and suffix in names:
        return suffix, suffix
    private = _private_extractor()(domain)
    if getattr(private, "is_private", False) and private.domain and private.domain != "www":
        return private.domain, private.suffix
    return ("" if parts.domain == "www" else parts.domain), suffix


def brand(registered: str, name: str | None = None, names=()) -> Brand:
    """An official domain prepared for comparison; `name` stands for it when the domain has none of its own (gov.uk),
    `names` are the brand's other names (see official_parts)."""
    label, suffix = official_parts(registered, names)
    label = (label or name or "").lower()
    squashed = label.replace("-", "")
    shape = skeleton(label)
    return Brand(registered.lower(), label, suffix, squashed, shape, tuple(_tokens(label)) if label else (),
                 frozenset(squashed), frozenset(shape))


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
        # Another brand's exact name on a country's domain (hsbc.com.mx, walmart.com.mx, airbnb.ca) is most likely its
        # own site: neither a TLD swap nor its domain written inside ours ("hsbc.com" is the start of hsbc.com.mx).
        country_site = label == b.label and link.suffix != b.suffix and cautious and country_suffix(link.suffix)
        if label == b.label and link.suffix != b.suffix and not country_site:
            return "tld_swap", b.registered
        if written_inside(link.host if not country_site else link.subdomain, b.registered):
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
        if len(b.squashed) == 3 and doubled_letter(squashed, b.squashed) and not real_word(squashed):
            return "typo", b.registered  # three letters are too few for any edit but a doubled one: dhll, skyy, irss
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
            # An everyday lead word ("spot" of spotify) is the brand only with the rest of its name. Away from the
            # brand's own account, a part of its name counts only with a lure word too ("instapaper" is not Instagram).
            if len(lead) >= 4 and not lead.isdigit() and lead in tokens and (
                    (distinctive(lead) and not cautious) or (set(tokens) & lures and not everyday_word(lead))):
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


def crossed_by_words(label: str, start: int, end: int, ties: bool = False, breaks=()) -> bool:
    """True if `label` reads better as words one of which runs across label[start:end]'s edge than
    with label[start:end] as a word of its own: "thebayarea" (the|bay|area) crosses "ebay";
    "steamboat" crosses "steam"; "ebayisapi" (ebay|is|api) and "adobediscount" do not.
    ties: also when it reads as well ("recoverycloud" read as recovery|cloud or recover|ycloud).
    breaks: positions no word runs across, where the host had a hyphen or a dot: "chase-id" is chase|id,
    never chas|eid."""
    words, n, longest = dictionary(), len(label), 20
    # Cost of a reading: 1 for each word, run of digits or letter no word explains.
    limit = [n] * (n + 1)  # limit[a]: the first break after a; a word starting at a ends there at the latest
    for a in range(n - 1, -1, -1):
        limit[a] = a + 1 if a + 1 in breaks else limit[a + 1]

    def step_costs(a: int):
        for b in range(a + 1, min(limit[a], a + longest) + 1):
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
        for b in range(a + 2, min(limit[a], a + longest) + 1):
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


def squash(text: str) -> str:
    """A name as letters and digits only, accents dropped: "Wells Fargo" -> wellsfargo."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if c.isascii() and c.isalnum())


def handle_name(account: dict) -> str:
    """An account's handle squashed, without its "@" and its instance ("@AcmeAir@social.example" -> acmeair)."""
    return squash((account.get("handle") or "").lstrip("@").split("@")[0])


def handle_stems(handle: str, handle_suffixes=()) -> list[str]:
    """The handle with one or two of the endings handles add cut off, at least three letters left:
    @SantanderUK -> santander; @HMRCgovuk -> hmrcgov, hmrc. Longest stems first."""
    stems, level = [], [handle]
    for _ in range(2):
        level = [w[: -len(s)] for w in level for s in handle_suffixes if s and w.endswith(s) and len(w) - len(s) >= 3]
        stems += [w for w in level if w not in stems]
    return stems


def account_names(account: dict, handle_suffixes=()) -> tuple[set, str]:
    """The names an account goes by besides its domains' own labels (handle, its stems, brand_terms, the official
    domains' labels), to tell a brand's own TLD (about.google), and the name that stands for an official domain that
    has none (gov.uk for @HMRCgovuk: hmrc; the handle's most cut stem, the handle, or the first brand term)."""
    handle = handle_name(account)
    stems = handle_stems(handle, handle_suffixes) if handle else []
    terms = [squash(t) for t in account.get("brand_terms", []) or []]
    names = {handle, *stems, *terms, *(split_domain(d.lower()).domain.replace("-", "") for d in account.get("official_domains", []))}
    fallback = min(stems, key=len) if stems else handle or (terms[0] if terms else "")
    return names - {""}, fallback


def _word_ends(name: str) -> set[int]:
    """Where the words of a squashed name end (steampowered: 5, 12), as _tokens reads it."""
    ends, at = set(), 0
    for word in _tokens(name):
        at = name.find(word, at) + len(word)
        ends.add(at)
    return ends


def brand_tokens(account: dict, handle_suffixes=()) -> list[BrandToken]:
    """Tokens a phishing host would borrow: brand_terms, official domains' names and the handle, and
    the stem they share (steampowered + steamcommunity -> steam; @SantanderUK -> santander)."""
    official = [d.lower() for d in account.get("official_domains", [])]
    shown = official[0] if official else ""
    candidates: list[str] = []
    names, _ = account_names(account, handle_suffixes)

    for term in account.get("brand_terms", []) or []:
        candidates.append(squash(term))
        words = [squash(w) for w in re.split(r"[\s_-]+", term)]
        if len(words) > 1:
            candidates += [w for w in words if len(w) >= 4 and not everyday_word(w)]
    nameless = False  # an official domain with no name of its own (gov.uk): the handle names the brand
    for domain in official:
        label = official_parts(domain, names)[0].replace("-", "")
        candidates.append(label)
        nameless = nameless or not label
    handle = handle_name(account)
    if handle:
        candidates.append(handle)
        for stem in handle_stems(handle, handle_suffixes):
            # @SantanderUK -> santander, but only when the brand's other names confirm the stem
            # (@MetaMask does not end in "ask"), or when its domain has no name to confirm it with (gov.uk).
            if nameless or any(stem in c for c in candidates if c != handle):
                candidates.append(stem)
    stems = []
    for a, b in itertools.combinations(sorted(set(candidates)), 2):
        common = os.path.commonprefix([a, b])
        if common not in (a, b):
            # Where both names divide into words: orangebank and orangebusiness share "orange", not "orangeb"
            # (whose one-letter misspellings are orange and any letter: "orangea" in orangeamps).
            shared = _word_ends(a) & _word_ends(b)
            common = common[:max((n for n in shared if n <= len(common)), default=0)]
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
        if any(p in lures for p in pieces):
            return True
        # Inside a piece, not across a hyphen: "idea-lab" holds no "deal".
        if any(len(w) >= 4 and w in p for p in pieces for w in lures):
            return True
    return False


def lure_beside(reading: str, start: int, end: int, breaks, lures: frozenset) -> bool:
    """The brand's name fused with a lure word and nothing else, short ones too: "chaseapp", "upsid", "payamazon"
    (has_lure counts lure words of four letters or more anywhere; a short one only makes the whole rest)."""
    left = max((b for b in breaks if b <= start), default=0)
    right = min((b for b in breaks if b >= end), default=len(reading))
    before, after = reading[left:start], reading[end:right]
    return bool(before or after) and (not before or before in lures) and (not after or after in lures)


def _reading(pieces: list[str]) -> tuple[str, frozenset]:
    """Hyphen-separated pieces as one squashed reading, and where the hyphens were (explicit word boundaries)."""
    text, breaks = "", set()
    for piece in pieces:
        if text and piece:
            breaks.add(len(text))
        text += piece
    return text, frozenset(breaks)


def phishing_host(link: Link, tokens: list[BrandToken], pattern, lures: frozenset, hosting: str | None,
                  cautious: bool = False) -> tuple[str, str] | None:
    """(kind, official) if the host borrows one of the brand's tokens: fused into any label, split across a dot
    (pay.pal-secure.com), or one edit away from it inside a longer label. Everyday-word tokens need a lure word,
    free hosting or a written-out domain next to them; short ones must not be part of real words (thebayarea).
    cautious (someone else's brand): a one-edit spelling counts only where the host reads no better as words."""
    if not tokens:
        return None
    own = link.host[: -len(hosting) - 1] if hosting else link.host[: -len(link.suffix) - 1] if link.suffix else link.host
    labels = [label[:MAX_LABEL] for label in own[:MAX_HOST].split(".") if label]
    unicode_labels = link.unicode_host.split(".")
    # (text, disguised, on the registrable label, breaks, dots): a label as written, and as it looks when its
    # look-alike digits or letters are read as the letters they imitate (dr0pb0x, dоcusign); breaks are where its
    # hyphens were; dots, for two or three neighbouring labels read as one, are where the dots between them were.
    readings = []
    plain = []
    for i, label in enumerate(labels):
        pieces = label.split("-")
        squashed, breaks = _reading(pieces)
        registrable = i == len(labels) - 1 and not hosting
        readings.append((squashed, False, registrable, breaks, None))
        plain.append((squashed, breaks))
        if any(c.isdigit() for c in squashed):
            shape, shape_breaks = _reading([skeleton(p) for p in pieces])
            readings.append((shape, True, registrable, shape_breaks, None))
    for label in unicode_labels:
        if not label.isascii():
            text, breaks = _reading([skeleton(p) for p in label[:MAX_LABEL].split("-")])
            readings.append((text, True, label == unicode_labels[-1 - len(link.suffix.split("."))], breaks, None))
    for i in range(len(plain) - 1):  # a name split across dots: pay.pal-secure.com, bank.of.america-secure.com
        text, breaks, dots = plain[i][0], set(plain[i][1]), []
        for j in range(i + 1, min(i + 3, len(plain))):
            dots.append(len(text))
            breaks |= {len(text)} | {len(text) + x for x in plain[j][1]}
            text += plain[j][0]
            readings.append((text, False, j == len(labels) - 1 and not hosting, frozenset(breaks), tuple(dots)))
    lure = None
    for reading, disguised, registrable, breaks, dot in readings:
        for token in tokens:
            wanted = token.shape if disguised else token.text
            start = reading.find(wanted)
            while start != -1:
                end = start + len(wanted)
                if dot is not None and not (start + 2 <= dot[0] and dot[-1] <= end - 2 and (start == 0 or start in breaks)
                                            and (end == len(reading) or end in breaks)):
                    # Across dots, only a name split at every one of them (each side two letters at least), and
                    # bounded by the labels' edges or hyphens, counts.
                    start = reading.find(wanted, start + 1)
                    continue
                # Someone else's name inside a longer word is not borrowed, however distinctive ("revolutionary").
                if (token.short or token.everyday or cautious) and crossed_by_words(reading, start, end, breaks=breaks):
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
                        if not lure and not lure_beside(reading, start, end, breaks, lures):
                            break
                if hosting:
                    kind = "brand_on_free_hosting"
                elif disguised:
                    kind = "homoglyph"
                elif dot is not None:
                    kind = "dot_insertion"
                elif registrable:
                    kind = "tld_swap" if reading == token.text else "brand_plus_words"
                    if kind == "tld_swap" and cautious and country_suffix(link.suffix):
                        break  # another brand's exact name on a country's domain: most likely its own site
                else:
                    kind = "brand_in_subdomain"
                return kind, token.official
    if pattern is None:
        return None
    for reading, _, _, breaks, dot in readings:
        if dot is not None:
            continue
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
                    # The name itself with the letter beside it ("orangea" in orangeamps, "snetflix" in
                    # whatsonnetflix) is the name, judged as such above, not a misspelling of it.
                    if size == n + 1 and token.text in (found[1:], found[:-1]):
                        continue
                    # "stream" is not a typo of "steam": a real word is what it says.
                    if real_word(found) or crossed_by_words(reading, at, at + size, ties=cautious, breaks=breaks):
                        continue
                    return ("typo_on_free_hosting" if hosting else "typo"), token.official
    return None
