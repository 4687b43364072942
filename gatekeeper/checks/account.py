"""Wrong account: personal posts, confidential topics and another client's content on a corporate account.

The Red Cross's "#gettngslizzerd" beer plans went out on the corporate account;
HMV staff live-tweeted their own firing; agencies post one client's content on
another client's account. Personal accounts (kind: personal) are not held to
the brand voice, so this check does not apply to them.
"""
from __future__ import annotations

import re

from ..models import voice as voice_models
from ..languages import other_language
from .links import domains
from ..rules.phrases import compile_phrases, find_phrases, squash
from .base import Finding, Rule, finding

NAME = "account"

RULES = [
    Rule("account.personal_voice", "warn", "This reads like a personal post, but it is going out on the corporate account."),
    Rule("account.confidential_topic", "review", "This mentions a confidential topic (layoffs, results, mergers, lawsuits). Legal must see it first."),
    Rule("account.belongs_elsewhere", "review", "This post looks like it belongs to another account."),
    Rule("account.insider_information", "review", "This looks like insider information: something the company has not announced. Legal must see it first."),
]
_RULES = {rule.id: rule for rule in RULES}


# Defaults when gatekeeper.yaml does not set them (checks.account); chosen on held-out data (train/voice.py).
PERSONAL_VOICE_THRESHOLD = 0.7
PLURAL_VOICE_THRESHOLD = 0.9
INSIDER_THRESHOLD = 0.9
# Below the threshold but above this share of it, the score counts as one weak sign.
WEAK_SHARE = 0.7
# A score from fewer words than this is too thin to act on alone ("guaranteed returns").
MIN_WORDS = 4

_PLURAL = re.compile(r"\b(?:we|we're|were|we've|we'll|we'd|us|our|ours|ourselves)\b")
_SINGULAR = re.compile(r"\b(?:i|i'm|im|i've|i'd|i'll|me|my|mine|myself)\b")


def _matches(policy, key: str, lower: str) -> list:
    return find_phrases(policy, "personal_voice", key, lower)


def _scores(post) -> dict:
    """Both model scores for the post, computed once and shared by the voice and insider rules."""
    if "voice_scores" not in post.memo:
        post.memo["voice_scores"] = voice_models.load().score(post.text.norm)
    return post.memo["voice_scores"]


def _model_sign(post, policy):
    """The personal-voice score as a sign (reason, weight), or None.

    A reply signed by an agent ("^JD", "- Ed") is the brand speaking, whatever its words; a post in the
    first person plural with no "I" is held to a higher threshold.
    """
    if voice_models.SIGNATURE.search(post.text.original.strip()):
        return None
    if sum(1 for t in post.text.tokens if t.kind == "word" and any(c.isalpha() for c in t.value)) < MIN_WORDS:
        return None
    if other_language(post.text.lower):
        return None  # the model knows English voices only: on a post in Spanish its score says nothing
    config = policy.check_config("account")
    threshold = config.get("personal_voice_threshold", PERSONAL_VOICE_THRESHOLD)
    lower = post.text.lower.replace("’", "'")
    if _PLURAL.search(lower) and not _SINGULAR.search(lower):
        threshold = max(threshold, config.get("plural_voice_threshold", PLURAL_VOICE_THRESHOLD))
    score = _scores(post)["voice"]
    if score.probability < threshold * WEAK_SHARE:
        return None
    words = ", ".join(f"'{w}'" for w in score.drivers) or "its overall style"
    reason = f"personal-voice score {score.probability:.2f} (threshold {threshold:.2f}), driven by {words}"
    return reason, score.probability, (2 if score.probability >= threshold else 1)


def _personal_voice(post, policy) -> Finding | None:
    lower = post.text.lower
    first_person = _matches(policy, "first_person", lower)
    life = _matches(policy, "life_updates", lower)
    job = _matches(policy, "job_complaints", lower)
    nightlife = _matches(policy, "nightlife", lower)
    slang = _matches(policy, "slang", lower)
    personal_tags = {squash(t) for t in policy.lexicon("personal_voice").get("personal_hashtags", [])}
    tags = [t for t in post.text.of_kind("hashtag") if squash(t.value) in personal_tags]

    signs = []
    if job:
        signs.append(("complains about their own job", job[0].span(), 2))
    if life:
        # "my boyfriend" is personal; "date night" alone could be a brand's promo, so without the first
        # person each distinct life update counts once.
        distinct = len({m.group() for m in life})
        signs.append(("shares a personal life update", life[0].span(), 2 if first_person else min(distinct, 2)))
    if nightlife and (first_person or slang or tags):
        signs.append(("talks about drinking or going out", nightlife[0].span(), 2))
    if tags:
        signs.append(("uses a personal hashtag", (tags[0].norm_start, tags[0].norm_end), 1))
    if slang and first_person:
        signs.append(("uses personal slang", slang[0].span(), 1))
    model = _model_sign(post, policy)
    if model:
        signs.append((model[0], (0, len(post.text.norm)), model[2]))
    if sum(weight for *_, weight in signs) < 2:
        return None
    start, end = post.text.span(*signs[0][1])
    reasons = "; ".join(dict.fromkeys(s[0] for s in signs))
    return finding(_RULES["account.personal_voice"], start, end,
                   f"This reads like a personal post ({reasons}), but it is going out on the corporate account "
                   f"'{post.account}'. Was it meant for a personal account?",
                   score=round(model[1], 3) if model else None, reasons=[s[0] for s in signs])


def _insider(post, policy) -> Finding | None:
    """Disclosure as well as topic: a secrecy marker, or an internal event or safety finding that reads as a leak."""
    lower = post.text.lower
    secrecy = find_phrases(policy, "confidential", "secrecy", lower)
    events = find_phrases(policy, "confidential", "internal_events", lower)
    safety = find_phrases(policy, "confidential", "safety_findings", lower)
    score = _scores(post)["insider"]
    threshold = policy.check_config("account").get("insider_threshold", INSIDER_THRESHOLD)
    reads_as_leak = score.probability >= threshold
    signs = []
    results = find_phrases(policy, "confidential", "results_ahead", lower)
    if secrecy:
        signs.append((f"marks it as a secret ('{secrecy[0].group()}')", secrecy[0].span()))
    if results:
        signs.append((f"gives figures ahead of the official results ('{results[0].group()}')", results[0].span()))
    if events and (secrecy or score.probability >= threshold * 0.5):
        signs.append((f"reports an internal event ('{events[0].group()}')", events[0].span()))
    if safety and (secrecy or score.probability >= threshold * 0.5):
        signs.append((f"reports a safety finding ('{safety[0].group()}')", safety[0].span()))
    if reads_as_leak:
        words = ", ".join(f"'{w}'" for w in score.drivers) or "its overall style"
        signs.append((f"insider score {score.probability:.2f} (threshold {threshold:.2f}), driven by {words}", (0, len(post.text.norm))))
    if not signs:
        return None
    start, end = post.text.span(*signs[0][1])
    reasons = "; ".join(s[0] for s in signs)
    return finding(_RULES["account.insider_information"], start, end,
                   f"This looks like insider information ({reasons}). Legal must see it before it is published.",
                   score=round(score.probability, 3), reasons=[s[0] for s in signs])


class BrandTerms:
    """Each corporate account's own words: names, products, campaign hashtags, handle and domains."""

    def __init__(self, policy):
        other_language("")  # the languages' word lists are read now (at warm-up), not on the first post
        self.accounts = {}
        for account_id, account in policy.accounts.items():
            if account.get("kind") != "corporate":
                continue
            terms = policy.account_names(account_id)
            handle = policy.account_handle(account_id)
            tags = {squash(t) for t in account.get("campaign_hashtags", [])} | {squash(t) for t in terms}
            self.accounts[account_id] = {
                "phrases": compile_phrases(terms),
                "tags": tags,
                "mentions": {handle.lower()} if handle else set(),
                "domains": [d.lower() for d in account.get("official_domains", [])],
                "name": account.get("display_name", account_id),
            }

    def carried_by(self, post) -> set[str]:
        lower = post.text.lower
        tags = {squash(t.value) for t in post.text.of_kind("hashtag")}
        mentions = {t.value.lstrip("@").split("@")[0].lower() for t in post.text.of_kind("mention")}
        hosts = [link.host for link in (domains.parse_link(post.text.original[t.start:t.end]) for t in post.text.of_kind("url")) if link]
        found = set()
        for account_id, acc in self.accounts.items():
            if (acc["phrases"] and acc["phrases"].search(lower)) or tags & acc["tags"] or mentions & acc["mentions"] \
                    or any(domains.under(h, d) for h in hosts for d in acc["domains"]):
                found.add(account_id)
        return found


def check(post, policy) -> list[Finding]:
    account = policy.accounts.get(post.account, {})
    if account.get("kind") != "corporate":
        return []
    findings = []
    voice = _personal_voice(post, policy)
    if voice:
        findings.append(voice)
    topics = find_phrases(policy, "confidential", "topics", post.text.lower)
    if topics and find_phrases(policy, "confidential", "announced", post.text.lower) \
            and not find_phrases(policy, "confidential", "secrecy", post.text.lower):
        topics = []  # "has completed its acquisition", "as announced today": public news, not a leak
    if topics:
        start, end = post.text.span(*topics[0].span())
        findings.append(finding(_RULES["account.confidential_topic"], start, end,
                                f"This mentions '{post.text.original[start:end]}', a confidential topic. Legal must see it before it is published."))
    insider = _insider(post, policy)
    if insider:
        findings.append(insider)
    brands = policy.compiled("account.brand_terms", BrandTerms)
    carried = brands.carried_by(post)
    if carried and post.account not in carried:
        names = ", ".join(f"{brands.accounts[a]['name']} ({a})" for a in sorted(carried))
        findings.append(finding(_RULES["account.belongs_elsewhere"], 0, len(post.text.original),
                                f"This post carries the brand terms of {names} and none of {account.get('display_name', post.account)}'s. "
                                f"It probably belongs on {sorted(carried)[0]}.", belongs_to=sorted(carried)))
    return findings
