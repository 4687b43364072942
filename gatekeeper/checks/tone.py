"""Tone: never insult, shout, blame or brush off a customer.

Word lists live in policies/lexicons/tone.yaml and offensive.yaml. When the
post answers another post (in_reply_to), the reply is judged against it: a
cheerful canned reply or a laughing emoji to an upset customer is flagged.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import profanity
from ..rules.phrases import find_phrases
from . import promotion
from .base import Finding, Rule, finding

NAME = "tone"

RULES = [
    Rule("tone.hate", "block", "Slurs and hate speech are never acceptable."),
    Rule("tone.insult", "block", "This insults or swears at a person. Never insult a customer or anyone else."),
    Rule("tone.profanity", "review", "Profanity in a brand post. Rephrase it."),
    Rule("tone.shouting", "warn", "This post is mostly in capitals and reads as shouting."),
    Rule("tone.blame", "warn", "This reads as blaming the customer or as a non-apology. Own the problem and say what you will do."),
    Rule("tone.channel_switch", "warn", "This sends the customer elsewhere instead of helping. Help here, or ask them to DM us."),
    Rule("tone.mismatched_reply", "review", "A cheerful reply to a customer who is upset or sarcastic. Read the post you are answering."),
    Rule("tone.laughing_at_customer", "review", "A laughing emoji or 'lol' in reply to an upset customer."),
    Rule("tone.tone_deaf_promo", "review", "A promotion tied to a tragedy, a disaster, race or religion. This needs review."),
]
_RULES = {rule.id: rule for rule in RULES}

# Within this many characters of an offensive word, a second person or a handle makes it aimed at someone.
AIM_WINDOW = 40
_AIMED = re.compile(r"(?<![\w])(?:you|your|you're|youre|yours|yourself|ur|u|ya|y'all|yall|@\w+)(?![\w])")

SHOUT_MIN_LETTERS = 15
SHOUT_MIN_WORDS = 4
SHOUT_RATIO = 0.7


@lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def _find(policy, key: str, lower: str) -> list:
    return find_phrases(policy, "tone", key, lower)


def _aimed(lower: str, start: int, end: int) -> bool:
    """A second person or a handle near the word, outside the word itself ("f u c k" has a "u")."""
    for m in _AIMED.finditer(lower):
        if (start - AIM_WINDOW <= m.start() and m.end() <= start) or (end <= m.start() and m.end() <= end + AIM_WINDOW):
            return True
    return False


def offensive_findings(text, policy) -> list[Finding]:
    """Slurs, hate, insults and profanity in one normalised text."""
    findings = []
    for hit in profanity.matcher(policy).scan(text.lower):
        start, end = text.span(hit.start, hit.end)
        if hit.kind in ("slur", "hate"):
            findings.append(finding(_RULES["tone.hate"], start, end, term_kind=hit.kind))
        elif hit.kind == "exclaim":
            # "damn good coffee" is fine; "what the hell is wrong with you" is not.
            if _aimed(text.lower, hit.start, hit.end):
                findings.append(finding(_RULES["tone.profanity"], start, end))
        elif _aimed(text.lower, hit.start, hit.end):
            findings.append(finding(_RULES["tone.insult"], start, end))
        elif hit.kind == "strong":
            findings.append(finding(_RULES["tone.profanity"], start, end))
    return findings


def _shouting(post) -> Finding | None:
    # Hashtags, handles and links are not counted; acronyms (FAQ, NASA, JFK) are too few to tip a
    # normal post over the ratio, and short posts ("THANK YOU!") are not shouting.
    words = [t for t in post.text.tokens if t.kind == "word" and any(c.isalpha() for c in t.value)]
    letters = [c for t in words for c in t.value if c.isalpha()]
    if len(words) < SHOUT_MIN_WORDS or len(letters) < SHOUT_MIN_LETTERS:
        return None
    if sum(c.isupper() for c in letters) / len(letters) >= SHOUT_RATIO:
        return finding(_RULES["tone.shouting"], words[0].start, words[-1].end)
    return None


def _parent_is_upset(parent, policy) -> tuple[bool, str]:
    """Is the post being answered negative, sarcastic or profane? Several cues, not one score."""
    lower = parent.lower
    compound = _vader().polarity_scores(parent.norm)["compound"]
    profane = bool(profanity.matcher(policy).scan(lower))
    complaint = bool(_find(policy, "complaint_cues", lower))
    sarcasm = bool(_find(policy, "sarcasm_cues", lower))
    if profane and (complaint or sarcasm or compound < 0.5):
        return True, "the post you are answering is profane"
    if compound <= -0.3:
        return True, "the post you are answering is negative"
    if complaint and compound < 0.3:
        return True, "the post you are answering is a complaint"
    if sarcasm and (complaint or profane or compound < 0.5):
        return True, "the post you are answering is sarcastic"
    return False, ""


def _reply_findings(post, policy) -> list[Finding]:
    parent = post.in_reply_to.text if post.in_reply_to else None
    if parent is None:
        return []
    upset, why = _parent_is_upset(parent, policy)
    if not upset:
        return []
    lower = post.text.lower
    findings = []
    for m in _find(policy, "laughing", lower):
        start, end = post.text.span(*m.span())
        findings.append(finding(_RULES["tone.laughing_at_customer"], start, end, message=f"A laughing emoji or word in reply to an upset customer ({why})."))
    empathetic = bool(_find(policy, "empathy_phrases", lower))
    celebration = _find(policy, "celebration_phrases", lower)
    if not empathetic and (celebration or _vader().polarity_scores(post.text.norm)["compound"] >= 0.6):
        span = post.text.span(*celebration[0].span()) if celebration else (0, len(post.text.original))
        findings.append(finding(_RULES["tone.mismatched_reply"], *span,
                                message=f"A cheerful reply, but {why}. Acknowledge the problem instead of thanking them."))
    return findings


def check(post, policy) -> list[Finding]:
    account = policy.accounts.get(post.account, {})
    findings = offensive_findings(post.text, policy)
    if account.get("kind") == "personal":
        # Personal accounts are not held to the brand voice; slurs and insults still count.
        return [f for f in findings if f.rule in ("tone.hate", "tone.insult")]
    lower = post.text.lower
    shout = _shouting(post)
    if shout:
        findings.append(shout)
    excused = {m.start for m in _find(policy, "blame_exceptions", lower)}
    for m in _find(policy, "blame_phrases", lower):
        if m.start not in excused:  # "you should have received an email" is help, not blame
            findings.append(finding(_RULES["tone.blame"], *post.text.span(*m.span())))
    is_care_reply = post.in_reply_to is not None or bool(_find(policy, "care_cues", lower))
    if is_care_reply:
        for m in _find(policy, "channel_switch_phrases", lower):
            findings.append(finding(_RULES["tone.channel_switch"], *post.text.span(*m.span())))
    findings.extend(_reply_findings(post, policy))
    topics = _find(policy, "sensitive_topics", lower)
    if topics:
        promo = promotion.detect(post, policy)  # the one promotional-intent detector, shared with hashtags
        if promo:
            start, end = post.text.span(*topics[0].span())
            findings.append(finding(_RULES["tone.tone_deaf_promo"], start, end,
                                    message=f"A promotion ('{promo.group()}') next to a sensitive topic ('{topics[0].group()}'). This needs review."))
    return findings
