"""Links and domains: only the links we mean.

Every link in the post (with or without a scheme) is parsed with the Public
Suffix List and IDNA. A link to an internal address, in any spelling a socket
or a browser accepts (127.1, 0x7f000001, [::ffff:7f00:1], metadata.google.internal),
is blocked without being fetched. Official domains and their subdomains, the
account's allowed domains and the trusted list pass; lookalikes of an official
domain, hosts that borrow the brand's names, and blocked domains are blocked; so are
links imitating one of the brands phishing imitates most (phished_brands), from any account (the
brand's own included), and links that show a host or brand name before an "@" (https://paypal.com@evil.net/).
Shortened and redirected links are followed (safely: see resolver.py) and the
final domain is the one that counts.
"""
from __future__ import annotations

import dataclasses
import re
import time
from urllib.parse import unquote

from ..base import Finding, Rule, finding
from . import domains
from .resolver import Resolver

NAME = "links"

RULES = [
    Rule("links.lookalike", "block", "This link imitates one of our official domains. Check it: it may be a typo or a phishing twin."),
    Rule("links.impersonation", "block", "This link imitates a well-known brand's site: a typo, a look-alike or its name on someone else's domain. It is most likely phishing."),
    Rule("links.blocked_domain", "block", "This domain is on the blocked list."),
    Rule("links.unsafe_target", "block", "This link leads to an internal or non-web address."),
    Rule("links.unreachable", "warn", "This link does not work (it could not be reached, or answers with an error)."),
    Rule("links.unresolved_shortener", "warn", "A shortened link that could not be followed: nobody can see where it goes."),
    Rule("links.too_many_redirects", "warn", "This link redirects too many times to check where it ends."),
    Rule("links.too_many_links", "review", "This post has more links than can be checked; a person must look at it."),
]
_RULES = {rule.id: rule for rule in RULES}

# A post is a few hundred characters; one with more distinct links than this is judged up to the
# limit and held for a person, so a 10,000-character wall of links costs bounded time.
MAX_LINKS_PER_POST = 40
DEFAULTS = {"resolve": "shorteners", "max_redirects": 5, "link_timeout_ms": 1500, "post_timeout_ms": 2500}
_resolver = Resolver()


class LinkPolicy:
    """The account-independent part: trusted, shortener and blocked lists; built once per policy version."""

    def __init__(self, policy):
        lexicon = policy.lexicon("links")
        self.trusted = [d.lower() for d in lexicon.get("trusted_domains", [])]
        self.trusted_suffixes = {s.lower().strip(".") for s in lexicon.get("trusted_suffixes", [])}
        self.shorteners = {d.lower() for d in lexicon.get("shorteners", [])}
        self.blocked = [d.lower() for d in lexicon.get("blocked_domains", [])]
        self.lures = frozenset(w.lower() for w in lexicon.get("lure_words", []))
        self.free_hosting = tuple(sorted({d.lower() for d in lexicon.get("free_hosting", [])}, key=len, reverse=True))
        self.hosting_names = frozenset(n.lower() for n in lexicon.get("free_hosting_names", []))
        self.internal_names = frozenset(h.lower() for h in lexicon.get("internal_hosts", []))
        self.internal_suffixes = tuple({s.lower().strip(".") for s in lexicon.get("internal_suffixes", [])}
                                       | {d.lower().strip(".") for d in policy.setting("internal_domains", []) or []})
        self.handle_suffixes = tuple(s.lower() for s in lexicon.get("handle_suffixes", []))
        domains.warm()  # read the lists once now, not on the first post that needs them
        self.popular = domains.popular_domains()
        self.config = {**DEFAULTS, **{k: v for k, v in policy.check_config("links").items() if k != "enabled"}}
        self.accounts = {account_id: self.account_entry(account, self.handle_suffixes) for account_id, account in policy.accounts.items()}
        self.phished = self.phished_entry(lexicon.get("phished_brands", []))
        # Every name a brand goes by, ours and the much-imitated brands': written before an "@" they disguise a link.
        self.names = frozenset(t.text for entry in [self.phished, *self.accounts.values()] for t in entry["tokens"])
        self.long_names = tuple(sorted((n for n in self.names if len(n) >= 5), key=len, reverse=True))

    def internal(self, link) -> str | None:
        """Why a link's host is internal (loopback, private, cloud metadata, internal name...), or None."""
        for host in domains.candidate_hosts(link.url):
            kind = domains.internal_host(host, self.internal_names, self.internal_suffixes)
            if kind:
                shown = host if len(host) <= 80 else host[:77] + "..."
                return f"{kind} {shown}" if kind.endswith(("name", "address")) else f"{kind} address {shown}"
        return None

    @staticmethod
    def account_entry(account: dict, handle_suffixes=()) -> dict:
        """An account's official domains and brand words, prepared for comparison."""
        official = [d.lower() for d in account.get("official_domains", [])]
        names, fallback = domains.account_names(account, handle_suffixes)
        brands = [domains.brand(d, fallback, names) for d in official]
        tokens = domains.brand_tokens(account, handle_suffixes)
        return {
            "official": official, "brands": brands,
            "tokens": tokens, "typos": domains.typo_pattern(tokens),
            "allowed": [d.lower() for d in account.get("allowed_domains", [])],
            "blocked": [d.lower() for d in account.get("blocked_domains", [])],
        }

    @staticmethod
    def phished_entry(brands: list[dict]) -> dict:
        """The much-imitated brands as one entry, so a link is compared with all of them in one pass: their real
        sites, the names a phishing host borrows, and the sites whose name is one of those names (checked for
        typos and look-alike letters too). `names` maps each such site back to its brand."""
        official, named, tokens, names = set(), [], [], {}
        for brand in brands:
            domains_ = [d.lower() for d in brand["domains"]]
            terms = [t.lower() for t in brand["terms"]]
            own_named = [d for d in domains_ if domains.split_domain(d).domain.replace("-", "") in terms]
            official.update(domains_)
            named += [(d, terms[0] if terms else None) for d in own_named or domains_[:1]]
            found = domains.brand_tokens({"brand_terms": terms, "official_domains": (own_named or domains_)[:1]})
            if not own_named:
                # The lexicon names the brand otherwise (Ledger: ledgerlive): its domain's own name, often a word
                # other sites bear too (theledger.com, ledgerinsights.com), is borrowed only beside a lure word.
                found = [t if t.text in terms else dataclasses.replace(t, everyday=True) for t in found]
            tokens += found
            names.update({d: (brand["name"], frozenset(domains_)) for d in own_named or domains_[:1]})
        tokens.sort(key=lambda t: -len(t.text))
        return {"official": frozenset(official), "brands": [domains.brand(d, name) for d, name in named], "tokens": tokens,
                "typos": domains.typo_pattern(tokens), "names": names}

    def phished_site(self, link) -> bool:
        """A real site of one of the much-imitated brands (or a subdomain of one): nobody's phishing twin."""
        parts = link.host.split(".")
        return any(".".join(parts[i:]) in self.phished["official"] for i in range(len(parts) - 1))

    def disguised_by_userinfo(self, link) -> str | None:
        """What a link shows before an "@" to pass for another site: a host name (https://paypal.com@evil.net/) or
        a brand's name (https://paypal-secure@evil.net/). The browser goes to what follows the "@"."""
        info = unquote(link.userinfo).lower()[:domains.MAX_LABEL * 4]
        if not info:
            return None
        for written in re.split(r"[^a-z0-9.-]+", info):
            labels = [label for label in written.split(".") if label]
            for end in range(len(labels), 1, -1):  # paypal.com.signin: paypal.com
                parts = domains.split_domain(".".join(labels[:end]))
                if parts.suffix and (parts.domain or "." in parts.suffix):  # gov.uk is a site too
                    return ".".join(labels[:end])
        pieces = re.split(r"[^a-z0-9]+", info)
        squashed = "".join(pieces)
        return next((piece for piece in pieces if piece in self.names), None) or next(
            (name for name in self.long_names if name in squashed), None)

    def impersonated(self, link, account_id: str, hosting: str | None) -> tuple[str, str, str | None] | None:
        """(kind, "Brand (domain)", own) if the link imitates a much-imitated brand; own: the domain imitated when the
        brand is the account's own (else None).
        Called by judge once official, allowed and popular links are out; `hosting` as judge found it. The brand's
        own account is guarded at least as well as every other: its own check knows its official domains and handle,
        not every name the list gives the brand (@Microsoft, microsoft.com: office365login.net)."""
        phished = self.phished
        if not phished["tokens"] or self.phished_site(link):
            return None  # no list, or the brand's real site
        found = domains.lookalike(link, phished["brands"], self.lures, cautious=True) if not hosting else None
        found = found or domains.phishing_host(link, phished["tokens"], phished["typos"], self.lures, hosting, cautious=True)
        if not found:
            return None
        kind, official = found
        name, sites = phished["names"].get(official, (official, frozenset()))
        own = (self.accounts.get(account_id) or _NO_ACCOUNT)["official"]
        return kind, f"{name} ({official})", official if sites & set(own) else None

    def is_shortener(self, link) -> bool:
        return link.host in self.shorteners or link.registered in self.shorteners

    def judge(self, link, account_id: str) -> tuple[str, str | None]:
        """('official'|'allowed'|'blocked'|'lookalike'|'impersonation'|'other', detail) for one parsed link."""
        acc = self.accounts.get(account_id) or _NO_ACCOUNT
        host = link.host
        if any(domains.under(host, d) for d in acc["blocked"] + self.blocked):
            return "blocked", None
        if any(domains.under(host, d) for d in acc["official"]):
            return "official", None
        disguise = self.disguised_by_userinfo(link) if link.userinfo else None
        if disguise:
            return "impersonation", f"userinfo:{disguise}"
        if any(domains.under(host, d) for d in acc["allowed"] + self.trusted) or link.suffix in self.trusted_suffixes:
            return "allowed", None
        hosting = domains.hosting_parent(host, self.free_hosting, self.hosting_names)
        if not hosting and link.registered in self.popular:
            return "other", None  # a popular site is not anyone's phishing twin
        found = domains.lookalike(link, acc["brands"], self.lures) if not hosting else None
        found = found or domains.phishing_host(link, acc["tokens"], acc["typos"], self.lures, hosting)
        if found:
            kind, official = found
            return "lookalike", f"{kind}:{official}"
        found = self.impersonated(link, account_id, hosting)
        if found and found[2]:  # the account's own brand, by a name only the list knew
            return "lookalike", f"{found[0]}:{found[2]}"
        found = found or self.managed_imitated(link, account_id, hosting)
        if found:
            return "impersonation", f"{found[0]}:{found[1]}"
        return "other", None

    def managed_imitated(self, link, account_id: str, hosting: str | None) -> tuple[str, str] | None:
        """(kind, "domain") if the link imitates another corporate account's site: every brand this gate posts for
        is guarded on every account ("acme-air-refunds.com" from a colleague's personal account), as its own
        account guards it; a real site of that brand, of a much-imitated brand, or any popular site is not."""
        if self.phished_site(link):
            return None
        for other_id, entry in self.accounts.items():
            if other_id == account_id or not entry["official"]:
                continue
            if any(domains.under(link.host, d) for d in entry["official"] + entry["allowed"]):
                return None
            found = domains.lookalike(link, entry["brands"], self.lures, cautious=True) if not hosting else None
            found = found or domains.phishing_host(link, entry["tokens"], entry["typos"], self.lures, hosting, cautious=True)
            # Another company may bear the name with words of its own (acmemarkets.com): away from the brand's own
            # account, its name plus words counts only with a lure ("acme-air-refunds.com").
            if found and (found[0] != "brand_plus_words" or domains.has_lure(link.host.split("."), self.lures)):
                return found[0], entry["official"][0]
        return None


_NO_ACCOUNT = {"official": [], "brands": [], "allowed": [], "blocked": [], "tokens": [], "typos": None}


def _link_policy(policy) -> LinkPolicy:
    return policy.compiled("links.policy", LinkPolicy)


def _judged_finding(verdict: str, detail: str | None, link, start: int, end: int, via: str | None = None) -> Finding | None:
    shown = link.unicode_host if link.unicode_host != link.host else link.host
    where = f" (reached through {via})" if via else ""
    if verdict == "blocked":
        return finding(_RULES["links.blocked_domain"], start, end, f"{shown} is on the blocked list{where}.", domain=link.host)
    if verdict in ("lookalike", "impersonation"):
        kind, imitated = detail.split(":", 1)
        puny = f" (written {link.host})" if shown != link.host else ""
        if kind == "userinfo":
            message = (f"This link shows {imitated} before an @ but leads to {shown}{puny}{where}: a classic phishing "
                       "disguise. Do not post it.")
            return finding(_RULES["links.impersonation"], start, end, message, domain=link.host, imitates=imitated, kind=kind)
        how = kind.replace("_", " ")
        if verdict == "lookalike":
            rule, message = "links.lookalike", f"imitates our official domain {imitated} ({how}). Use a link on {imitated} instead."
        else:
            rule, message = "links.impersonation", f"imitates {imitated} ({how}): most likely a phishing site. Do not post it."
        return finding(_RULES[rule], start, end, f"{shown}{puny}{where} {message}", domain=link.host, imitates=imitated, kind=kind)
    return None


def check(post, policy) -> list[Finding]:
    lp = _link_policy(policy)
    config = lp.config
    deadline = time.monotonic() + config["post_timeout_ms"] / 1000
    findings = []
    seen: set[str] = set()
    for token in post.text.of_kind("url"):
        written = post.text.original[token.start:token.end]
        if written in seen:
            continue  # judged already: a link repeated a thousand times is one link (and one finding)
        if len(seen) >= MAX_LINKS_PER_POST:
            findings.append(finding(_RULES["links.too_many_links"], token.start, token.end,
                                    f"More than {MAX_LINKS_PER_POST} different links in one post: the rest were not checked."))
            break
        seen.add(written)
        link = domains.parse_link(written)
        if link is None:
            continue
        start, end = token.start, token.end
        if link.scheme not in ("http", "https"):
            findings.append(finding(_RULES["links.unsafe_target"], start, end, f"A {link.scheme} link; only web links may be posted."))
            continue
        internal = lp.internal(link)
        if internal:
            findings.append(finding(_RULES["links.unsafe_target"], start, end,
                                    f"This link leads to an internal address ({internal}); it was not followed.", internal=internal))
            continue
        verdict, detail = lp.judge(link, post.account)
        judged = _judged_finding(verdict, detail, link, start, end)
        if judged:
            findings.append(judged)
            continue
        shortener = lp.is_shortener(link)
        mode = config["resolve"]
        if mode == "none" or (mode == "shorteners" and not shortener):
            if shortener:
                findings.append(finding(_RULES["links.unresolved_shortener"], start, end,
                                        f"{link.host} is a link shortener and links are not followed here, so nobody can check where it goes."))
            continue
        result = _resolver.resolve(link.url, config["max_redirects"], config["link_timeout_ms"] / 1000, deadline)
        findings.extend(_resolution_findings(result, link, lp, post.account, start, end, shortener))
    return findings


def _resolution_findings(result, link, lp: LinkPolicy, account_id: str, start: int, end: int, shortener: bool) -> list[Finding]:
    out = []
    # Every hop is judged: a redirect through a lookalike or blocked domain counts, and the final domain most of all.
    for hop in result.hops[1:]:
        hop_link = domains.parse_link(hop)
        if hop_link is None:
            continue
        verdict, detail = lp.judge(hop_link, account_id)
        judged = _judged_finding(verdict, detail, hop_link, start, end, via=link.host)
        if judged:
            out.append(judged)
            return out
    if result.outcome == "blocked" or result.outcome == "bad_scheme":
        out.append(finding(_RULES["links.unsafe_target"], start, end, f"This link leads to {result.detail}; it was not followed.", final=result.final))
    elif result.outcome == "too_many_redirects":
        out.append(finding(_RULES["links.too_many_redirects"], start, end, f"This link has {result.detail}.", final=result.final))
    elif result.outcome in ("unreachable", "timeout"):
        rule = _RULES["links.unresolved_shortener"] if shortener and result.outcome == "timeout" else _RULES["links.unreachable"]
        out.append(finding(rule, start, end, f"{link.host}: {result.detail}.", final=result.final, status=result.status))
    return out
