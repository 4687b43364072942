"""Domain parsing that never touches the network.

tldextract fetches the Public Suffix List on first use unless told not to, and
Presidio's recognizers call the module-level extractor. Installing an offline
extractor here, on import, keeps every caller on the bundled snapshot.
"""
from __future__ import annotations

import tldextract
import tldextract.tldextract

OFFLINE_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
tldextract.tldextract.TLD_EXTRACTOR = OFFLINE_EXTRACTOR


def split_domain(host: str):
    """Split a host name into subdomain, registrable domain and public suffix."""
    return OFFLINE_EXTRACTOR(host)

