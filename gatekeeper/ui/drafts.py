"""Draft policy folders on the server: load one, and replay logged decisions under it."""
from __future__ import annotations

import dataclasses
import os
import threading
from collections import OrderedDict

from ..checks.pii import engine as pii_engine
from ..checks import known_rule_ids
from ..checks.base import strongest
from ..normalize import normalize_post
from ..pipeline import decide, warm
from ..rules.policy import PolicyInvalid, fingerprint, load_policy
from ..rules.yamlfile import PolicyError

# Rules about private data look at the very text the log does not keep.
PRIVATE_DATA_CHECK = "pii"

_cache: OrderedDict = OrderedDict()
_cache_lock = threading.Lock()


def load_draft(path: str):
    """The policy in folder `path`, validated like a live one; raises PolicyInvalid with file and line.

    Loaded policies are kept (a few, keyed by folder and file fingerprint) so trying posts
    one after another does not re-read and re-compile the folder.
    """
    path = os.path.realpath(path.strip())
    if not os.path.isdir(path):
        raise PolicyInvalid([PolicyError(path, 1, "no such folder on the server")])
    key = (path, fingerprint(path))
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    policy = load_policy(path, known_rule_ids())
    try:
        pii_engine.warm(policy)
    except Exception as exc:  # e.g. a configured NER model that is not installed here
        raise PolicyInvalid([PolicyError(path, 1, f"could not prepare the policy: {exc}")]) from None
    with _cache_lock:
        _cache[key] = policy
        while len(_cache) > 4:
            _cache.popitem(last=False)
    return policy


def offline(policy):
    """The same policy with link following off, so a replay never fetches anything.

    Both sides of a comparison get the same treatment, so any difference is the policy's.
    """
    key = ("offline", policy.version, policy.directory)
    with _cache_lock:
        if key in _cache:
            return _cache[key]
    links = {**policy.check_config("links"), "resolve": "none"}
    # Matchers other than the links check's do not depend on link following: share them.
    with policy._lock:
        compiled = {k: v for k, v in policy._compiled.items() if not k.startswith("links")}
    copy = dataclasses.replace(policy, checks={**policy.checks, "links": links}, _compiled=compiled, _lock=threading.RLock())
    warm(copy)
    with _cache_lock:
        _cache[key] = copy
        while len(_cache) > 8:
            _cache.popitem(last=False)
    return copy


def replay_payload(record: dict) -> dict:
    """A logged decision as a post again: its redacted text and the context the log kept."""
    payload = {"account": record["account"], "text": record.get("text_redacted") or "",
               "visibility": record.get("visibility", "public"), "automated": bool(record.get("automated")),
               "author": record.get("author")}
    if record.get("in_reply_to_author"):
        payload["in_reply_to"] = {"author": record["in_reply_to_author"], "text": None}
    return payload


def _rules(findings) -> dict[str, str]:
    out: dict[str, str] = {}
    for f in findings:
        out[f.rule] = strongest([out.get(f.rule, "allow"), f.action])
    return out


def what_would_change(records: list[dict], live, draft) -> dict:
    """Re-decide `records` under the live policy and under `draft`, both from the redacted text.

    Returns the decisions whose verdict differs, each with the rules that explain it, and how
    many logged decisions had private-data findings that a replay cannot see.
    """
    live, draft = offline(live), offline(draft)
    changed, replayed, private, skipped = [], 0, 0, 0
    for record in records:
        text = record.get("text_redacted")
        if not text or record["account"] not in draft.accounts or record["account"] not in live.accounts:
            skipped += 1
            continue
        if any(f.get("check") == PRIVATE_DATA_CHECK for f in record.get("findings", [])):
            private += 1
        post = normalize_post(replay_payload(record))
        before, after = decide(post, live), decide(post, draft)
        replayed += 1
        if before.verdict == after.verdict:
            continue
        old, new = _rules(before.findings), _rules(after.findings)
        involved = []
        for rule in sorted(set(old) | set(new)):
            if old.get(rule) != new.get(rule):
                involved.append({"rule": rule, "live": old.get(rule), "draft": new.get(rule)})
        changed.append({"record": record, "live": before.verdict, "draft": after.verdict, "rules": involved,
                        "findings": [f.as_dict() for f in after.findings]})
    return {"changed": changed, "replayed": replayed, "private": private, "skipped": skipped}
