"""Gatekeeper's recognizers: one per kind of private data, built from policies/lexicons/pii.yaml.

Presidio's stock pattern recognizers misfire on brand replies (a US phone
number read as a UK NHS number, flight numbers as passports, event dates as
dates of birth), and their patterns run on Python's backtracking engine. These
run on google-re2 and decide from the few words around a candidate, so a code
after "booking ref" is private and the same code after "promo code" is not.
"""
from __future__ import annotations

from . import address, bank, codes, credentials, dates, email, ids, network, phone, spelled
from .base import AccountSettings, Context, Doc, ContextPatternRecognizer, Recognizer

CONTEXT_KINDS = ("booking_reference", "loyalty_number", "date_of_birth", "passport", "bank_account", "ssn", "ni_number",
                 "credential", "phone", "phone_after", "address", "postcode", "driver_licence", "ip_address",
                 "business_phone", "own_network", "street", "national_id", "bank_account_near", "payment_card")


def build(lexicon: dict, internal_domains) -> list[Recognizer]:
    """Every recognizer, configured from the lexicon's words."""
    ctx = lexicon.get("context", {})
    context = {kind: Context(ctx.get(kind, [])) for kind in CONTEXT_KINDS}
    # Words that, just before a number, make it something else (an order, a booking, a promo code); reaching up to
    # an id's word they make it that thing's ("order id number", "customer id number").
    not_an_id = Context(ctx.get("booking_reference", []) + ctx.get("loyalty_number", []) + lexicon.get("not_private", []))
    context["national_id"] = Context(ctx.get("national_id", []), unless=not_an_id)
    context["national_id_checked"] = Context(ctx.get("national_id", []) + ctx.get("national_id_checked", []), unless=not_an_id)
    # "Premises licence no. 497264" is a bar's licence, not a driver's.
    context["driver_licence"] = Context(ctx.get("driver_licence", []), unless=Context(ctx.get("other_licence", [])))
    # Right after the word (nothing but "no.", "number" between), a passport number may hold a single digit.
    context["passport_label"] = Context(ctx.get("passport", []), before=0)
    context["phone_after"] = Context(ctx.get("phone_after", []), before=0, after=4)
    context["ip_address"] = Context(ctx.get("ip_address", []), before=5, after=3)
    not_private = Context(lexicon.get("not_private", []))
    public_place = Context(lexicon.get("public_place", []), before=3)
    bank_account = ContextPatternRecognizer(
        # Sort codes (20-45-77), account numbers up to Mexico's 18-digit CLABE, in groups, or with a check digit
        # after a dash (Brazil's "conta 54969-5").
        "BANK_ACCOUNT", "BankAccountRecognizer",
        [r"\d{2}-\d{2}-\d{2}", r"\d{6,18}", r"\d{3,5}(?:[ -]\d{3,5}){1,3}", r"\d{4,12}-[0-9Xx]"],
        context=context["bank_account"], require_context=True, not_private=not_private)
    # "your account 6630484768", "into account FR43 9301 ...": a bare "account" names a bank account only right
    # before the number (one word between at most), and then an IBAN-shaped code counts even if its checksum fails.
    context["bank_account_near"] = Context(ctx.get("bank_account_near", []), before=1)
    bank_account_near = ContextPatternRecognizer(
        "BANK_ACCOUNT", "BankAccountNearRecognizer", [r"\d{6,17}", r"[A-Za-z]{2,4}\d[A-Za-z0-9]{7,30}"],
        validate=bank.account_like, context=context["bank_account_near"], require_context=True, not_private=not_private)
    return [
        phone.PhoneNumberRecognizer(context["phone"], context["phone_after"], not_private, context["business_phone"]),
        *email.recognizers(lexicon.get("mail_domains", [])),
        bank.CardRecognizer(not_private, context["payment_card"]),
        spelled.SpelledDigitsRecognizer(context["phone"], context["ssn"], context["business_phone"], not_private),
        bank.IbanCodeRecognizer(),
        bank_account,
        bank_account_near,
        *ids.recognizers(context, not_an_id),
        *codes.recognizers(context, not_private),
        *dates.recognizers(context),
        *credentials.recognizers(context, ctx.get("credential", ["password"])),
        network.IpAddressRecognizer(context["ip_address"], context["own_network"]),
        network.InternalLinkRecognizer(internal_domains, lexicon.get("internal_host_suffixes", [])),
        address.AddressRecognizer(context["address"], public_place, not_private, lexicon.get("street_types", []),
                                  lexicon.get("street_words_after", []), lexicon.get("street_words_before", []),
                                  context["street"], lexicon.get("our_places", [])),
        address.PostcodeRecognizer(context["postcode"], Context(lexicon.get("service_area", []))),
    ]


__all__ = ["AccountSettings", "Context", "Doc", "Recognizer", "build", "phone"]
