"""Links and domains: only the links we mean.

- check.py: the check itself (rules, the per-policy LinkPolicy, judging every link and every hop);
- domains.py: parsing links, internal hosts in any spelling, lookalikes and phishing-style hosts;
- resolver.py: following shortened links without ever connecting inside our network.
"""
from __future__ import annotations

from .check import NAME, RULES, LinkPolicy, check

__all__ = ["NAME", "RULES", "LinkPolicy", "check"]
