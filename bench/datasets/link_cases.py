"""A labelled set of links: lookalikes of several brand domains, and legitimate links.

Lookalikes come from dnstwist used as a library (no DNS lookups), sampled per
fuzzer, plus token reorders, brand-in-subdomain and brand-plus-words cases
dnstwist does not make. Legitimate links: official subdomains and paths,
government, news and reference sites, partners, and unrelated popular sites.
"""
from __future__ import annotations

import random

import dnstwist

BRANDS = {
    "acme-air.com": {"display_name": "Acme Air", "brand_terms": ["Acme Air"], "allowed_domains": ["flightaware.com"]},
    "equifaxsecurity2017.com": {"display_name": "Equifax", "brand_terms": ["Equifax"], "extra_official": ["equifax.com"]},
    "paypal.com": {"display_name": "PayPal", "brand_terms": ["PayPal"]},
    "northwindbank.co.uk": {"display_name": "Northwind Bank", "brand_terms": ["Northwind"]},
    "contoso-travel.com": {"display_name": "Contoso Travel", "brand_terms": ["Contoso"]},
}
PER_FUZZER = 6
LEGIT_THIRD_PARTY = [
    "faa.gov/travelers", "www.tsa.gov/travel", "travel.state.gov/content/passports", "www.gov.uk/foreign-travel-advice",
    "www.nhs.uk/conditions", "en.wikipedia.org/wiki/Airline", "www.bbc.co.uk/news/business", "www.nytimes.com/section/travel",
    "apnews.com/hub/travel", "www.reuters.com/business/aerospace-defense", "www.weather.gov", "www.cdc.gov/travel",
    "www.who.int/travel-advice", "www.youtube.com/watch?v=dQw4w9WgXcQ", "github.com/acme/status", "www.iata.org/en/youandiata",
    "www.amazon.com/dp/B08N5WRWNW", "open.spotify.com/playlist/37i9dQZF1DX", "www.instagram.com/p/Cx1", "www.linkedin.com/jobs",
    "www.tripadvisor.com/Airline_Review", "www.booking.com/hotel/pt/lisbon", "www.ox.ac.uk/admissions", "www.harvard.edu",
    "www.metoffice.gov.uk/weather", "www.lonelyplanet.com/portugal", "www.timeout.com/lisbon", "www.unicef.org/emergencies",
    "www.redcross.org/donate", "www.nationalgeographic.com/travel", "www.theguardian.com/travel", "edition.cnn.com/travel",
    "www.npr.org/sections/travel", "www.espn.com/nfl", "www.nba.com/games", "www.fifa.com/worldcup", "www.imdb.com/title/tt0111161",
    "www.etsy.com/shop/handmade", "medium.com/@writer/post", "www.eventbrite.com/e/launch-party", "www.ticketmaster.com/concert",
    "www.opentable.com/r/lisbon", "www.yelp.com/biz/cafe", "www.starbucks.com/menu", "www.nasa.gov/eclipse",
]


def _sample_permutations(domain: str, r: random.Random) -> list[tuple[str, str]]:
    fuzzer = dnstwist.Fuzzer(domain, dictionary=["login", "secure", "refund", "refunds", "help", "support", "account", "verify"],
                             tld_dictionary=["net", "org", "co", "io", "info", "co.uk", "app", "online"])
    fuzzer.generate()
    by_kind: dict[str, list[str]] = {}
    for p in fuzzer.permutations():
        if p["fuzzer"] != "*original":
            by_kind.setdefault(p["fuzzer"], []).append(p["domain"])
    out = []
    for kind, names in sorted(by_kind.items()):
        for name in r.sample(sorted(names), min(PER_FUZZER, len(names))):
            out.append((kind, name))
    return out


def _extra_lookalikes(domain: str, info: dict) -> list[tuple[str, str]]:
    label, _, suffix = domain.partition(".")
    from gatekeeper.checks.links.domains import _tokens

    tokens = _tokens(label)
    out = []
    if len(tokens) > 1:
        for i in range(1, len(tokens)):
            swapped = tokens[i:] + tokens[:i]
            out.append(("token-reorder", "".join(swapped) + "." + suffix))
            out.append(("token-reorder", "-".join(swapped) + "." + suffix))
    brand_word = "".join(c for c in info["brand_terms"][0].lower() if c.isalnum())
    out += [("brand-in-subdomain", f"{domain}.refund-center.net"), ("brand-in-subdomain", f"{label}.secure-login.com"),
            ("brand-in-subdomain", f"www.{domain}.account-verify.info"), ("brand-plus-words", f"{brand_word}-refunds.com"),
            ("brand-plus-words", f"{brand_word}support.net"), ("brand-plus-words", f"my{brand_word}login.com"),
            ("brand-plus-words", f"{label}-customer-care.org")]
    return out


def cases(seed: int = 2017) -> list[dict]:
    r = random.Random(seed)
    out = []
    for domain, info in BRANDS.items():
        account = {"official_domains": [domain] + info.get("extra_official", []), "display_name": info["display_name"],
                   "brand_terms": info["brand_terms"], "allowed_domains": info.get("allowed_domains", [])}
        for kind, name in _sample_permutations(domain, r) + _extra_lookalikes(domain, info):
            path = r.choice(["", "/login", "/refund?id=123", "/help/bags", "/claim"])
            out.append({"link": name + path, "account": account, "lookalike": True, "kind": kind, "brand": domain})
        for sub in ("www", "help", "m", "news", "careers"):
            out.append({"link": f"https://{sub}.{domain}/" + r.choice(["", "deals", "faq"]), "account": account, "lookalike": False, "kind": "official", "brand": domain})
        for link in r.sample(LEGIT_THIRD_PARTY, 20):
            out.append({"link": "https://" + link, "account": account, "lookalike": False, "kind": "third-party", "brand": domain})
        for partner in info.get("allowed_domains", []):
            out.append({"link": f"https://{partner}/live", "account": account, "lookalike": False, "kind": "partner", "brand": domain})
    return out
