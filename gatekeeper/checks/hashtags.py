"""Hashtag context: know what a hashtag is about before a brand joins it, and why the brand joins it.

DiGiorno answered #WhyIStayed, where survivors of domestic violence told
their stories, with "You had pizza". Entenmann's joined #NotGuilty during a
murder verdict. The list of sensitive tags, each with what it is about and
where that comes from, is in policies/lexicons/hashtags.yaml; tags that are not
listed are split into words (CamelCase, then wordsegment) and read as being
about a tragedy or a cause when they hold an event or cause word, phrase or name.

Then intent decides: a promotion (the shared detector in promotion.py) or a
joke next to such a tag is blocked with the context explained; a respectful
post is allowed, with the context as information; anything else gets the
tag's own action.
"""
from __future__ import annotations

import datetime as dt

from ..leet import FIRST
from ..rules.phrases import compile_phrases, find_phrases, squash
from ..words import camel_parts, segment
from . import promotion
from .base import Finding, Rule, finding

NAME = "hashtags"

_LEET = str.maketrans({c: FIRST[c] for c in "013457"})

RULES = [
    Rule("hashtags.sensitive", "review", "This hashtag is about something sensitive."),
    Rule("hashtags.sensitive_with_promotion", "block", "A promotion on a sensitive hashtag."),
    Rule("hashtags.sensitive_phrase", "review", "This post uses the words of a sensitive hashtag next to promotional language."),
    Rule("hashtags.tragedy_with_promotion", "block", "A promotion on a hashtag about a tragedy, a disaster or a cause."),
    Rule("hashtags.context", "allow", "What this hashtag is about, for the author's information."),
]

# With a storm name that is also an everyday name (#Sandy, #Harvey), one of these makes it the storm.
_STORM_CONTEXT = {"years", "year", "anniversary", "relief", "recovery", "victims", "strong", "storm", "hurricane", "typhoon",
                  "cyclone", "flood", "floods", "aftermath", "rebuild", "remember", "memorial"}
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
        self.topic_phrases = [" ".join(p.lower().split()) for p in lexicon.get("topic_phrases", [])]
        self.event_names = [squash(n) for n in lexicon.get("event_names", [])]
        self.storm_names = {squash(n) for n in lexicon.get("storm_names", [])}
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


    def reads_as_event(self, body: str) -> tuple[list[str], str] | None:
        """(the tag's words, the cue) when an unlisted tag is about a tragedy, a disaster or a cause."""
        words = tag_words(body)
        plain = squash(body)
        joined = f" {' '.join(words)} "
        for phrase in self.topic_phrases:
            if f" {phrase} " in joined:
                return words, phrase
        for w in words:
            if w in self.topic_words and (w != "rip" or "RIP" in body):  # "RIP", not #RipCurl
                return words, w
        for name in self.event_names:
            if name in plain:
                return words, name
        storm = next((w for w in words if w in self.storm_names), None)
        if storm and (any(w.isdigit() for w in words) or _STORM_CONTEXT & set(words)):
            return words, storm
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


def _intent(post, policy, respectful: bool):
    """Why the post would be wrong next to a sensitive tag (a promotion or a joke), or None."""
    promo = promotion.detect(post, policy) or (None if respectful else promotion.detect(post, policy, weak_needed=2))
    if promo:
        return f"this post also sells something ({promo.reason}: '{promo.cue}')", promo.cue
    joke = promotion.levity(post, policy)
    if joke:
        return f"this post jokes next to it ('{joke.group()}')", joke.group()
    return None


def check(post, policy) -> list[Finding]:
    if policy.accounts.get(post.account, {}).get("kind") == "personal":
        return []  # a person may share their own #WhyIStayed story; the brand rules are for brand accounts
    lex = _lexicon(policy)
    lower = post.text.lower
    respect = find_phrases(policy, "hashtags", "respectful_phrases", lower)
    intent = _intent(post, policy, bool(respect))
    respectful = f"The post reads as respectful ('{respect[0].group()}'), so it may go out" if respect else ""
    own = lex.campaign.get(post.account, set())
    findings = []
    for token in post.text.of_kind("hashtag"):
        body = token.value[1:]
        if squash(body) in own:
            continue
        entry = lex.entry_for(body)
        if entry:
            if intent:
                item = finding(_RULES["hashtags.sensitive_with_promotion"], token.start, token.end,
                               f"{_context(entry)}. Blocked: {intent[0]}. Never market on it.", tag=entry["tag"], cue=intent[1])
                item.action = entry.get("with_promotion", "block")
            elif respect:
                item = finding(_RULES["hashtags.context"], token.start, token.end, f"{_context(entry)}. {respectful}.",
                               tag=entry["tag"])
            else:
                item = finding(_RULES["hashtags.sensitive"], token.start, token.end,
                               f"{_context(entry)}. Read the conversation before joining it.", tag=entry["tag"])
                item.action = entry["action"]
            if entry.get("source"):
                item.details["source"] = entry["source"]
            findings.append(item)
            continue
        reading = lex.reads_as_event(body)
        if reading:
            words, cue = reading
            about = f"#{body} reads as '{' '.join(words)}', about a tragedy, a disaster or a cause ('{cue}')"
            if intent:
                findings.append(finding(_RULES["hashtags.tragedy_with_promotion"], token.start, token.end,
                                        f"{about}, and {intent[0]}. Do not market on it.", words=words, cue=intent[1]))
            else:
                advice = respectful if respect else "Make sure the post fits the conversation"
                findings.append(finding(_RULES["hashtags.context"], token.start, token.end, f"{about}. {advice}.", words=words))
    promo = promotion.detect(post, policy)
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
