"""Payment cards, IBANs and bank accounts.

Cards: every run of 12 to 19 digits (spaces or dashes between groups allowed)
that passes the Luhn check and starts with a known issuer's range at a length
that issuer uses. IBANs: any case, with the country's length and the mod-97
checksum. Bank account numbers and sort codes: only after a bank word.

Numbers written by people and by language models often fail their check digits
and are still meant as someone's card or account: a card number right after a
card word, or a code written the way IBANs are (a country, two digits, then ten
or more digits), is reported as a possible one (SHAPE_SCORE), for a warning
rather than a block.
"""
from __future__ import annotations

from .base import SHAPE_SCORE, Context, Doc, Recognizer, candidates, char_after, compile

# (first digits from, to, lengths): ISO/IEC 7812 issuer ranges of the schemes in use.
ISSUER_RANGES = [
    ("4", "4", (13, 16, 19)),                      # Visa (incl. Electron)
    ("51", "55", (16,)), ("2221", "2720", (16,)),  # Mastercard, incl. the 2-series
    ("34", "34", (15,)), ("37", "37", (15,)),      # American Express
    ("6011", "6011", (16, 17, 18, 19)), ("644", "649", (16, 17, 18, 19)), ("65", "65", (16, 17, 18, 19)),
    ("622126", "622925", (16, 17, 18, 19)),        # Discover
    ("300", "305", (14, 15, 16, 17, 18, 19)), ("3095", "3095", (14, 15, 16, 17, 18, 19)),
    ("36", "36", (14, 15, 16, 17, 18, 19)), ("38", "39", (14, 15, 16, 17, 18, 19)),  # Diners Club
    ("35", "35", (16, 17, 18, 19)), ("2131", "2131", (15,)), ("1800", "1800", (15,)),  # JCB
    ("62", "62", (16, 17, 18, 19)), ("81", "81", (16, 17, 18, 19)),  # UnionPay
    ("50", "50", tuple(range(12, 20))), ("56", "69", tuple(range(12, 20))), ("0604", "0604", tuple(range(12, 20))),  # Maestro
    ("60", "60", (16,)), ("82", "82", (16,)), ("508", "508", (16,)),  # RuPay
    ("2200", "2204", (16, 17, 18, 19)),            # Mir
    ("9792", "9792", (16,)),                       # Troy
    ("1", "1", (15,)),                             # UATP
]

CARD = compile(r"(?:^|[^\p{L}\p{N}.,/_-])(\d(?:[ -]?\d){11,18})")


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = ord(d) - 48
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def known_issuer(digits: str) -> bool:
    for low, high, lengths in ISSUER_RANGES:
        if len(digits) in lengths and low <= digits[:len(low)] <= high:
            return True
    return False


def card_grouping(value: str) -> bool:
    """Written as card numbers are: 13 to 19 digits in one run, or in groups of four (the last may be shorter)."""
    groups = value.replace("-", " ").split()
    return len(groups) == 1 or (all(len(g) == 4 for g in groups[:-1]) and 1 <= len(groups[-1]) <= 4)


class CardRecognizer(Recognizer):
    ENTITIES = ("CREDIT_CARD",)

    def __init__(self, not_private: Context, card_words: Context | None = None):
        self.not_private = not_private
        self.card_words = card_words
        super().__init__()

    def find(self, doc: Doc):
        text = doc.text
        for start, end, value in candidates(CARD, text, 1):
            if char_after(text, end).isalnum() or (char_after(text, end) in ".," and char_after(text, end + 1).isdigit()):
                continue
            digits = "".join(c for c in value if c.isdigit())
            groups = value.replace("-", " ").split()
            if len(groups) > 1 and len({len(g) for g in groups[:-1]}) > 2:
                continue  # "12 345 6789 01 23": numbers in a list, not one card
            if len(set(digits)) < 2 or self.not_private.before(text, start, 1):
                continue
            if known_issuer(digits) and luhn_valid(digits):
                yield self.result("CREDIT_CARD", start, end, 0.95)
            elif (self.card_words and 13 <= len(digits) <= 19 and card_grouping(value)
                  and self.card_words.before(text, start)):
                yield self.result("CREDIT_CARD", start, end, SHAPE_SCORE, unverified="check digits")


# Country -> IBAN length (SWIFT IBAN registry).
IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BI": 27, "BR": 29,
    "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27, "DK": 18, "DO": 28, "EE": 20, "EG": 29,
    "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28,
    "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28,
    "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20,
    "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23, "PK": 24, "PL": 28, "PS": 29, "PT": 25,
    "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27,
    "SO": 23, "ST": 25, "SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}
# Written in one run or in groups of four: a space anywhere would let words join up into one
# ("GB20570 at checkout for 20" holds 22 characters and passes the checksum once in 97 tries).
IBAN = compile(r"(?:^|[^\p{L}\p{N}])([A-Za-z]{2}\d{2}(?:[A-Za-z0-9]{10,30}|(?:[ -][A-Za-z0-9]{4}){2,7}(?:[ -][A-Za-z0-9]{1,4})?))")
# As IBANs are written when their checksum is not there to confirm them: capitals, then one run
# or groups of four ("DE68 3543 2510 9227 6131").
IBAN_SHAPE = compile(r"(?:^|[^\p{L}\p{N}])([A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){3,7}(?: [A-Z0-9]{1,3})?))")


def iban_valid(compact: str) -> bool:
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(c, 36)) for c in rearranged)
    return int(number) % 97 == 1


def account_like(value: str) -> bool:
    """An account number: six or more digits, not one digit repeated, at most six letters (country and bank codes)."""
    digits = sum(c.isdigit() for c in value)
    return digits >= 6 and len(set(value)) > 2 and len(value) - digits <= 6


class IbanCodeRecognizer(Recognizer):
    ENTITIES = ("IBAN_CODE",)

    def find(self, doc: Doc):
        text = doc.text
        valid = []
        for start, _, value in candidates(IBAN, text, 1):
            country = value[:2].upper()
            length = IBAN_LENGTHS.get(country)
            if not length:
                continue
            # Walk the candidate until it holds exactly the country's number of characters:
            # the pattern may have run on into the next word.
            compact, end = [], start
            for i, c in enumerate(value):
                if c.isalnum():
                    compact.append(c.upper())
                    if len(compact) == length:
                        end = start + i + 1
                        break
            if len(compact) != length or char_after(text, end).isalnum():
                continue
            if iban_valid("".join(compact)):
                valid.append((start, end))
                yield self.result("IBAN_CODE", start, end, 1.0)
        for start, end, value in candidates(IBAN_SHAPE, text, 1):
            if char_after(text, end).isalnum() or value[:2] not in IBAN_LENGTHS:
                continue
            if any(start < v_end and end > v_start for v_start, v_end in valid):
                continue  # a valid IBAN, reported above
            compact = value.replace(" ", "")
            bban = compact[4:]
            if sum(c.isdigit() for c in bban) >= 10 and sum(c.isalpha() for c in bban) <= 4 and len(set(bban)) > 2:
                yield self.result("IBAN_CODE", start, end, SHAPE_SCORE, unverified="checksum")
