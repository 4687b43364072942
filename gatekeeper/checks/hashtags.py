"""Hashtag context: know what a hashtag is about before a brand joins it.

DiGiorno answered #WhyIStayed, where survivors of domestic violence told
their stories, with "You had pizza". Entenmann's joined #NotGuilty during a
murder verdict. The list of sensitive tags, each with what it is about, is in
policies/lexicons/hashtags.yaml; tags that are not listed are split into words
(CamelCase, then wordsegment) and flagged when they are about a tragedy or a
cause and the post sells something.
"""
from __future__ import annotations

import datetime as dt

from ..leet import FIRST
from ..rules.phrases import compile_phrases, find_phrases, squash
from ..words import camel_parts, segment
from .base import Finding, Rule, finding

NAME = "hashtags"

_LEET = str.maketrans({c: FIRST[c] for c in "013457"})

RULES = [
    Rule("hashtags.sensitive", "review", "This hashtag is about something sensitive."),
    Rule("hashtags.sensitive_with_promotion", "block", "A promotion on a sensitive hashtag."),
    Rule("hashtags.sensitive_phrase", "review", "This post uses the words of a sensitive hashtag next to promotional language."),
    Rule("hashtags.tragedy_with_promotion", "review", "A promotion on a hashtag about a tragedy, a disaster or a cause."),
]
_RULES = {rule.id: rule for rule in RULES}


class HashtagLexicon:
    def __init__(self, policy):
        lexicon = policy.lexicon("hashtags")
        today = dt.date.today()
        self.exact, self.prefix = {}, []
        phrases = {}
        for entry in lexicon.get("entries", []):
            if entry.get("expires") and dt.date.fromisoformat(entry["expires"]) < today:
                continue
            key = squash(entry["tag"])
            if entry.get("match") == "prefix":
                self.prefix.append((key, entry))
            else:
                self.exact[key] = entry
            words = " ".join(w.lower() for w in camel_parts(entry["tag"].lstrip("#")))
            if len(words.split()) > 1:
                phrases[words] = entry
        self.phrase_entries = {squash(words): entry for words, entry in phrases.items()}
        self.phrases = compile_phrases(phrases)
        self.topic_words = {w.lower() for w in lexicon.get("topic_words", [])}
        self.campaign = {acc_id: {squash(t) for t in acc.get("campaign_hashtags", [])} for acc_id, acc in policy.accounts.items()}

    def entry_for(self, body: str):
        plain = squash(body)
        for key in dict.fromkeys((plain, plain.translate(_LEET))):  # #WhyIStay3d reads as #WhyIStayed
            if key in self.exact:
                return self.exact[key]
            for prefix, entry in self.prefix:
                if key.startswith(prefix) and len(key) > len(prefix):
                    return entry
        return None


def _lexicon(policy) -> HashtagLexicon:
    return policy.compiled("hashtags.lexicon", HashtagLexicon)


def tag_words(body: str) -> list[str]:
    """#HurricaneMiltonRelief -> hurricane milton relief; #prayforlisbon -> pray for lisbon."""
    words = []
    for part in camel_parts(body):
        part = part.lower()
        words.extend(segment(part) if part.isalpha() and len(part) > 6 else [part])
    return words


def _context(entry) -> str:
    since = f" (since {entry['since']})" if entry.get("since") else ""
    return f"#{entry['tag'].lstrip('#')} is about: {entry['about'].rstrip('.')}{since}"


def check(post, policy) -> list[Finding]:
    if policy.accounts.get(post.account, {}).get("kind") == "personal":
        return []  # a person may share their own #WhyIStayed story; the brand rules are for brand accounts
    lex = _lexicon(policy)
    lower = post.text.lower
    promo = find_phrases(policy, "tone", "promotional_phrases", lower)
    own = lex.campaign.get(post.account, set())
    findings = []
    for token in post.text.of_kind("hashtag"):
        body = token.value[1:]
        if squash(body) in own:
            continue
        entry = lex.entry_for(body)
        if entry:
            if promo:
                action = entry.get("with_promotion", "block")
                item = finding(_RULES["hashtags.sensitive_with_promotion"], token.start, token.end,
                               f"{_context(entry)}. This post also sells something ('{promo[0].group()}'): never market on it.",
                               tag=entry["tag"])
            else:
                action = entry["action"]
                item = finding(_RULES["hashtags.sensitive"], token.start, token.end,
                               f"{_context(entry)}. Read the conversation before joining it.", tag=entry["tag"])
            item.action = action
            findings.append(item)
            continue
        if promo:
            words = tag_words(body)
            topic = next((w for w in words if w in lex.topic_words), None)
            if topic:
                findings.append(finding(_RULES["hashtags.tragedy_with_promotion"], token.start, token.end,
                                        f"#{body} reads as '{' '.join(words)}', about a {topic}-related event or cause, and "
                                        f"this post sells something ('{promo[0].group()}'). Do not market on it.", words=words))
    if promo and lex.phrases is not None:
        tagged = {squash(t.value) for t in post.text.of_kind("hashtag")}
        for m in lex.phrases.finditer(lower):
            entry = lex.phrase_entries.get(squash(m.group()))
            if entry and squash(entry["tag"]) not in tagged:
                start, end = post.text.span(*m.span())
                findings.append(finding(_RULES["hashtags.sensitive_phrase"], start, end,
                                        f"'{post.text.original[start:end]}' echoes {_context(entry)}, and this post sells something.",
                                        tag=entry["tag"]))
    return findings
