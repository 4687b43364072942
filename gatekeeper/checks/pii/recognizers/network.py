"""IP addresses and links to internal hosts.

A private, loopback or link-local address is internal wherever it appears. A
public address is a person's when the words around it say so ("my IP",
"keep getting address ... blocked", "client_ip"), and never when the brand talks
about its own servers ("our status page", "DNS") or a version ("version", "update to").
One with no words either way is reported with a lower score: it may well be someone's,
so its author is asked.
"""
from __future__ import annotations

import ipaddress

from .base import Context, Doc, Recognizer, candidates, char_after, char_before, compile

IPV4 = compile(r"(?:^|[^\p{L}\p{N}.])(\d{1,3}(?:\.\d{1,3}){3})")
IPV6 = compile(r"(?:^|[^\p{L}\p{N}:.])([0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?::\d{1,3}(?:\.\d{1,3}){3})?)")


# Public DNS resolvers (Cloudflare, Google, Quad9, OpenDNS): a service's, never a person's.
PUBLIC_RESOLVERS = frozenset({"1.1.1.1", "1.0.0.1", "8.8.8.8", "8.8.4.4", "9.9.9.9", "149.112.112.112",
                              "208.67.222.222", "208.67.220.220"})

# Scores: a private address, a public one the words say is a person's, and a public one nothing says is whose.
PRIVATE_SCORE, ATTRIBUTED_SCORE, UNATTRIBUTED_SCORE = 0.95, 0.85, 0.6


def parse_ip(value: str):
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


class IpAddressRecognizer(Recognizer):
    """IP_ADDRESS for every address: private ones are always reported (the check calls them internal); public
    ones never after the brand's own words or a version word ("our servers", "resolver", "version 4.12.0.3",
    "update to"), with a customer's context at ATTRIBUTED_SCORE, and with none at UNATTRIBUTED_SCORE: small parts
    alone do not make a version number ("connection 46.46.11.88" is someone's)."""

    ENTITIES = ("IP_ADDRESS",)

    def __init__(self, cue: Context, not_private: Context):
        self.cue, self.not_private = cue, not_private
        super().__init__()

    def find(self, doc: Doc):
        text = doc.text
        for pattern in (IPV4, IPV6):
            for start, end, value in candidates(pattern, text, 1):
                if pattern is IPV6:
                    value = value.rstrip(":")
                    end = start + len(value)
                    if value.count(":") < 2:
                        continue
                after = char_after(text, end)
                if after.isalnum() or (after in ".:" and char_after(text, end + 1).isalnum()):
                    continue
                address = parse_ip(value)
                if address is None:
                    continue
                if not address.is_global:
                    yield self.result("IP_ADDRESS", start, end, PRIVATE_SCORE, private=True)
                elif self.not_private.before(text, start, 3) or value in PUBLIC_RESOLVERS:
                    continue
                elif self.cue.near(text, start, end):
                    yield self.result("IP_ADDRESS", start, end, ATTRIBUTED_SCORE, private=False)
                else:
                    yield self.result("IP_ADDRESS", start, end, UNATTRIBUTED_SCORE, private=False)


URL = compile(r"(?i)(?:https?://)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}|\d{1,3}(?:\.\d{1,3}){3}|localhost)(?::\d{2,5})?(?:/[^\s<>\"']*)?")


class InternalLinkRecognizer(Recognizer):
    """Links to hosts under the company's internal domains or never-public suffixes."""

    ENTITIES = ("INTERNAL_LINK",)

    def __init__(self, internal_domains, suffixes):
        self.domains = tuple(d.lower().strip(".") for d in internal_domains)
        self.suffixes = tuple("." + s.lower().strip(".") for s in suffixes)
        super().__init__()

    def is_internal(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        if host == "localhost" or any(host == d or host.endswith("." + d) for d in self.domains):
            return True
        if any(host.endswith(s) for s in self.suffixes):
            return True
        address = parse_ip(host)
        return address is not None and not address.is_global

    def find(self, doc: Doc):
        text = doc.text
        for start, end, _ in candidates(URL, text):
            before = char_before(text, start)
            if before == "@" or before.isalnum() or before in ".-":
                continue  # the domain of an e-mail address, or the middle of a word
            link = text[start:end]
            match_host = URL.search(link)
            if match_host and self.is_internal(link[match_host.start(1):match_host.end(1)]):
                while end > start and text[end - 1] in ".,;:!?)]}'\"":
                    end -= 1
                yield self.result("INTERNAL_LINK", start, end, 0.95)
