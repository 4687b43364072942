"""Private data: nothing private goes public.

The package holds the whole concern: recognizers/ (one per kind of private
data, their words in policies/lexicons/pii.yaml), engine.py (runs them on the
normalised post, once per post, for this check and for redaction) and this
check, which decides what each detection means for this post: the account's
own contact details are fine anywhere, a customer's contact details and booking
reference are fine in a direct message, cards, government ids and credentials
never are.
"""
from __future__ import annotations

import ipaddress
import re

from ..base import Finding, Rule, finding
from . import engine
from .recognizers.base import SHAPE_SCORE
from .recognizers.email import canonical as email_address
from .recognizers.network import ATTRIBUTED_SCORE
from .recognizers.phone import is_business_number, phone_e164

NAME = "pii"

RULES = [
    Rule("pii.phone", "block", "A phone number in a public post. Move the conversation to a direct message."),
    Rule("pii.email", "block", "An e-mail address in a public post. Move the conversation to a direct message."),
    Rule("pii.address", "block", "A street address in a public post. Never publish where someone lives."),
    Rule("pii.card", "block", "A payment card number. Never post card numbers, not even in a direct message."),
    Rule("pii.iban", "block", "A bank account (IBAN). Never post bank details, not even in a direct message."),
    Rule("pii.bank_account", "block", "A bank account or sort code. Never post bank details, not even in a direct message."),
    Rule("pii.ssn", "block", "A US Social Security number. Never post government ids."),
    Rule("pii.ni_number", "block", "A UK National Insurance number. Never post government ids."),
    Rule("pii.passport", "block", "A passport number. Never post government ids."),
    Rule("pii.driver_licence", "block", "A driver's licence number. Never post government ids."),
    Rule("pii.national_id", "block", "A national identity or tax number (SIN, TIN, PAN, Aadhaar...). Never post government ids."),
    Rule("pii.ip_address", "block", "A person's IP address in a public post. Use a direct message."),
    Rule("pii.ip_address_unattributed", "warn", "An IP address in a public post. If it is a customer's or a user's, "
         "take it out or use a direct message."),
    Rule("pii.possible_id", "warn", "A number written like a card, a bank account or a government id, though nothing "
         "confirms it is one (its check digits fail, or no word says what it is). If it is anyone's, take it out."),
    Rule("pii.booking_reference", "block", "A booking or confirmation reference in a public post. Anyone could use it to change the booking: use a direct message."),
    Rule("pii.loyalty_number", "block", "A loyalty or membership number in a public post. Use a direct message."),
    Rule("pii.date_of_birth", "block", "A date of birth. Never post it: it is used to verify identity."),
    Rule("pii.credential", "block", "A password, key or token. Never post credentials; rotate this one now."),
    Rule("pii.internal_link", "block", "A link to an internal system. Internal addresses must never be published."),
    Rule("pii.private_ip", "block", "A private network address. Internal addresses must never be published."),
]
_RULES = {rule.id: rule for rule in RULES}

ENTITY_RULE = {
    "PHONE_NUMBER": "pii.phone",
    "EMAIL_ADDRESS": "pii.email",
    "STREET_ADDRESS": "pii.address",
    "CREDIT_CARD": "pii.card",
    "IBAN_CODE": "pii.iban",
    "BANK_ACCOUNT": "pii.bank_account",
    "US_SSN": "pii.ssn",
    "UK_NINO": "pii.ni_number",
    "PASSPORT": "pii.passport",
    "DRIVER_LICENSE": "pii.driver_licence",
    "NATIONAL_ID": "pii.national_id",
    "BOOKING_REFERENCE": "pii.booking_reference",
    "LOYALTY_NUMBER": "pii.loyalty_number",
    "DATE_OF_BIRTH": "pii.date_of_birth",
    "CREDENTIAL": "pii.credential",
    "INTERNAL_LINK": "pii.internal_link",
}

# A customer's own details are fine in a direct message to that customer.
FINE_IN_DIRECT = {"pii.phone", "pii.email", "pii.address", "pii.booking_reference", "pii.loyalty_number",
                  "pii.ip_address", "pii.ip_address_unattributed"}

# Kinds a recognizer may report on shape alone (SHAPE_SCORE): a warning, not the kind's block.
SHAPED_IDS = {"pii.card", "pii.iban", "pii.bank_account", "pii.ssn", "pii.national_id", "pii.driver_licence",
              "pii.passport"}

_GREETING_NAME = re.compile(r"\b(?i:hi|hello|hey|dear|thanks|thank you|welcome|sorry)[,\s]+(?:@\w+|[A-Z][a-z]+)")


def _allowed_contacts(policy, account_id: str):
    def build(pol):
        out = {}
        for acc_id, account in pol.accounts.items():
            contacts = account.get("allowed_contacts", {})
            phones = {phone_e164(p) for p in contacts.get("phones", [])} - {None}
            emails = {e.strip().lower() for e in contacts.get("emails", [])}
            out[acc_id] = (phones, emails)
        return out

    return policy.compiled("pii.allowed_contacts", build).get(account_id, (set(), set()))


# Team mailboxes on the company's own domains are published on purpose; a named person's address is not.
ROLE_MAILBOXES = {"press", "media", "help", "support", "info", "contact", "care", "customercare", "service", "sales",
                  "hello", "feedback", "careers", "jobs", "privacy", "legal", "noreply", "no-reply", "team", "social",
                  "bookings", "reservations", "partners", "investors", "accessibility", "complaints", "refunds"}


def _role_address_of(address: str, official_domains: list[str]) -> bool:
    local, _, domain = address.strip().lower().partition("@")
    on_official = any(domain == d or domain.endswith("." + d) for d in official_domains)
    return on_official and local.replace("_", "-") in ROLE_MAILBOXES


def _names_nearby(post, detections) -> bool:
    """Does the post name a person (a mention, a greeting, or NER) next to the private data?"""
    if any(d.entity == "PERSON" for d in detections):
        return True
    return bool(post.text.of_kind("mention") or _GREETING_NAME.search(post.text.original))


def check(post, policy) -> list[Finding]:
    detections = engine.detect(post, policy)
    if not detections:
        return []
    phones, emails = _allowed_contacts(policy, post.account)
    regions = engine.engine(policy).settings(post.account).regions
    official = [d.lower() for d in policy.accounts.get(post.account, {}).get("official_domains", [])]
    original = post.text.original
    findings = []
    for d in detections:
        value = original[d.start:d.end]
        if d.entity == "IP_ADDRESS":
            try:
                private = not ipaddress.ip_address(value).is_global
            except ValueError:
                continue
            if private:
                findings.append(finding(_RULES["pii.private_ip"], d.start, d.end))
            elif post.is_public:
                rule = "pii.ip_address" if d.score >= ATTRIBUTED_SCORE else "pii.ip_address_unattributed"
                findings.append(finding(_RULES[rule], d.start, d.end, entity=d.entity, score=round(d.score, 2)))
            continue
        rule_id = ENTITY_RULE.get(d.entity)
        if rule_id is None:
            continue  # e.g. PERSON: a name alone is not private
        if rule_id == "pii.phone" and (phone_e164(value) in phones or is_business_number(value, regions)):
            continue
        if rule_id == "pii.email" and (email_address(value) in emails or _role_address_of(email_address(value), official)):
            continue
        if not post.is_public and rule_id in FINE_IN_DIRECT:
            continue
        if d.score <= SHAPE_SCORE and rule_id in SHAPED_IDS:
            findings.append(finding(_RULES["pii.possible_id"], d.start, d.end, entity=d.entity, score=round(d.score, 2),
                                    shaped_like=rule_id))
            continue
        findings.append(finding(_RULES[rule_id], d.start, d.end, entity=d.entity, score=round(d.score, 2)))
    if findings and _names_nearby(post, detections):
        for f in findings:
            f.details["with_name"] = True
            f.message += " It is next to a person's name, which makes it identifiable."
            f.escalate = True
    return findings
