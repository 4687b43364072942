"""A labelled set of brand replies for the private-data check.

Each case: text, visibility, and the spans of private data that must be
flagged (empty for must-pass). Values are generated (valid Luhn cards, IBAN
checksums, SSN/NINO rules) from a fixed seed, so the set is the same on every
run and no value is a real person's.
"""
from __future__ import annotations

import random
import string

FIRST = ["Maria", "Sam", "Priya", "Lee", "Tom", "Aisha", "Diego", "Hannah", "Kenji", "Olu", "Grace", "Mateo", "Zoe", "Ravi", "Ellen"]
LAST = ["Garcia", "Okafor", "Nguyen", "Smith", "Patel", "Kowalski", "Brown", "Rossi", "Murphy", "Haddad", "Chen", "Jones"]
STREETS = ["Maple", "Elm", "Oak", "Cedar", "Victoria", "Church", "Station", "High", "Park", "Mill", "Lake", "Sunset", "Baker", "King"]
US_TYPES = ["Street", "St", "Avenue", "Ave", "Road", "Rd", "Drive", "Dr", "Lane", "Blvd", "Court", "Way"]
UK_TYPES = ["Road", "Street", "Lane", "Close", "Crescent", "Gardens", "Grove", "Terrace", "Avenue"]
CITIES = [("Portland", "OR", "97201"), ("Austin", "TX", "78701"), ("Denver", "CO", "80202"), ("Columbus", "OH", "43215"),
          ("Tampa", "FL", "33602"), ("Madison", "WI", "53703"), ("Reno", "NV", "89501")]
UK_TOWNS = [("Leeds", "LS6 1AB"), ("London", "SW1A 2AA"), ("Bristol", "BS1 4ST"), ("Manchester", "M1 1AE"), ("Glasgow", "G2 3BZ")]
DOMAINS = ["gmail.com", "outlook.com", "yahoo.co.uk", "hotmail.com", "icloud.com", "proton.me", "btinternet.com"]


def luhn_complete(prefix: str, length: int, rng) -> str:
    digits = prefix + "".join(rng.choice(string.digits) for _ in range(length - len(prefix) - 1))
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d)
        if i % 2 == 0:
            n *= 2
            n -= 9 if n > 9 else 0
        total += n
    return digits + str((10 - total % 10) % 10)


def iban(country: str, bban: str) -> str:
    rearranged = bban + country + "00"
    number = int("".join(str(int(c, 36)) for c in rearranged))
    check = 98 - number % 97
    raw = f"{country}{check:02d}{bban}"
    return " ".join(raw[i:i + 4] for i in range(0, len(raw), 4))


class Gen:
    def __init__(self, seed: int):
        self.r = random.Random(seed)

    def name(self):
        return self.r.choice(FIRST)

    def full_name(self):
        return f"{self.r.choice(FIRST)} {self.r.choice(LAST)}"

    def us_phone(self):
        a, b, c = self.r.randint(201, 989), self.r.randint(200, 989), self.r.randint(0, 9999)
        return self.r.choice([f"({a}) {b}-{c:04d}", f"{a}-{b}-{c:04d}", f"{a}.{b}.{c:04d}", f"+1 {a} {b} {c:04d}", f"1-{a}-{b}-{c:04d}", f"+1-{a}-{b}-{c:04d}"])

    def uk_phone(self):
        return self.r.choice([f"07700 900{self.r.randint(100, 999)}", f"+44 7700 900{self.r.randint(100, 999)}",
                              f"020 7946 0{self.r.randint(100, 999)}", f"0161 496 0{self.r.randint(100, 999)}",
                              f"+44 20 7946 0{self.r.randint(100, 999)}"])

    def email(self):
        f, l = self.r.choice(FIRST).lower(), self.r.choice(LAST).lower()
        local = self.r.choice([f"{f}.{l}", f"{f}{l}{self.r.randint(1, 99)}", f"{f[0]}{l}", f"{f}_{l}"])
        return f"{local}@{self.r.choice(DOMAINS)}"

    def us_address(self):
        city, state, zipc = self.r.choice(CITIES)
        unit = self.r.choice(["", f", Apt {self.r.randint(1, 40)}", f" Suite {self.r.randint(100, 900)}"])
        return f"{self.r.randint(1, 9999)} {self.r.choice(STREETS)} {self.r.choice(US_TYPES)}{unit}, {city}, {state} {zipc}"

    def uk_address(self):
        town, pc = self.r.choice(UK_TOWNS)
        flat = self.r.choice(["", f"Flat {self.r.randint(1, 12)}, "])
        return f"{flat}{self.r.randint(1, 250)} {self.r.choice(STREETS)} {self.r.choice(UK_TYPES)}, {town} {pc}"

    def card(self):
        kind = self.r.choice(["visa", "mc", "amex", "visa"])
        if kind == "amex":
            n = luhn_complete(self.r.choice(["34", "37"]), 15, self.r)
            return self.r.choice([f"{n[:4]} {n[4:10]} {n[10:]}", n])
        n = luhn_complete("4" if kind == "visa" else self.r.choice(["51", "52", "55"]), 16, self.r)
        sep = self.r.choice([" ", "-", ""])
        return sep.join(n[i:i + 4] for i in range(0, 16, 4))

    def iban(self):
        c = self.r.choice(["GB", "DE", "FR"])
        if c == "GB":
            bban = "".join(self.r.choice(string.ascii_uppercase) for _ in range(4)) + "".join(self.r.choice(string.digits) for _ in range(14))
        elif c == "DE":
            bban = "".join(self.r.choice(string.digits) for _ in range(18))
        else:
            bban = "".join(self.r.choice(string.digits) for _ in range(23))
        return iban(c, bban)

    def ssn(self):
        area = self.r.choice([a for a in range(1, 900) if a != 666])
        return f"{area:03d}-{self.r.randint(1, 99):02d}-{self.r.randint(1, 9999):04d}"

    def nino(self):
        first = self.r.choice("ABCEGHJKLMNPRSTWXYZ")
        second = self.r.choice("ABCEGHJKLMNPRSTWXYZ")
        if first + second in ("BG", "GB", "NK", "KN", "TN", "NT", "ZZ"):
            first, second = "A", "B"
        d = f"{self.r.randint(0, 999999):06d}"
        suffix = self.r.choice("ABCD")
        return self.r.choice([f"{first}{second}{d}{suffix}", f"{first}{second} {d[:2]} {d[2:4]} {d[4:]} {suffix}"])

    def passport(self):
        return self.r.choice([f"{self.r.randint(100000000, 999999999)}", f"{self.r.choice('ACEGX')}{self.r.randint(10000000, 99999999)}"])

    def pnr(self):
        alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
        while True:
            code = "".join(self.r.choice(alphabet) for _ in range(6))
            if any(c.isdigit() for c in code):
                return code

    def conf_number(self):
        return self.r.choice([self.pnr(), f"{self.r.randint(1000000, 99999999)}", f"AC{self.r.randint(100000, 999999)}", f"{self.r.randint(100, 999)}-{self.r.randint(1000, 9999)}-{self.r.randint(10, 99)}"])

    def loyalty(self):
        return self.r.choice([f"{self.r.randint(100000000, 999999999)}", f"AM{self.r.randint(1000000, 9999999)}", f"{self.r.randint(1000, 9999)} {self.r.randint(1000, 9999)} {self.r.randint(10, 99)}"])

    def dob(self):
        d, m, y = self.r.randint(1, 28), self.r.randint(1, 12), self.r.randint(1940, 2006)
        months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return self.r.choice([f"{m:02d}/{d:02d}/{y}", f"{d}/{m}/{y}", f"{y}-{m:02d}-{d:02d}", f"{d} {months[m - 1]} {y}", f"{months[m - 1]} {d}, {y}", f"{d:02d}.{m:02d}.{y}"])

    def password(self):
        chars = string.ascii_letters + string.digits + "!#$%&*?"
        while True:
            p = "".join(self.r.choice(chars) for _ in range(self.r.randint(8, 14)))
            if any(c.isdigit() for c in p):
                return p

    def api_secret(self):
        r = self.r
        alnum = string.ascii_letters + string.digits
        return r.choice([
            "AKIA" + "".join(r.choice(string.ascii_uppercase + string.digits) for _ in range(16)),
            "ghp_" + "".join(r.choice(alnum) for _ in range(36)),
            "sk_live_" + "".join(r.choice(alnum) for _ in range(24)),
            "xoxb-" + "-".join("".join(r.choice(string.digits) for _ in range(11)) for _ in range(2)) + "-" + "".join(r.choice(alnum) for _ in range(24)),
            "AIza" + "".join(r.choice(alnum + "_-") for _ in range(35)),
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIx" + "".join(r.choice(alnum) for _ in range(10)) + "." + "".join(r.choice(alnum + "_-") for _ in range(43)),
        ])

    def internal_link(self):
        r = self.r
        return r.choice([
            f"https://jira.corp.acme-air.com/browse/OPS-{r.randint(100, 9999)}",
            f"http://10.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}:8080/admin",
            f"https://wiki.acme-air.internal/pages/{r.randint(1000, 9999)}",
            f"http://192.168.{r.randint(0, 255)}.{r.randint(1, 254)}/status",
            f"grafana.corp.acme-air.com/d/{r.randint(100, 999)}",
            f"https://crew-roster.acme-air.internal/week/{r.randint(1, 52)}",
            f"172.{r.randint(16, 31)}.{r.randint(0, 255)}.{r.randint(1, 254)}",
        ])


# (kind, visibility, template). {v} is the private value; {n} a first name.
FLAG_TEMPLATES = [
    ("phone", "public", "Hi {n}, we tried to call you back on {v} but couldn't get through. We'll try again shortly."),
    ("phone", "public", "{n}, our agent will ring you at {v} within the hour about your refund."),
    ("phone", "public", "Thanks {n}! We've noted your number {v} on the booking so the crew can reach you."),
    ("phone", "public", "Sorry about the wait. Is {v} still the best number to reach you on?"),
    ("uk_phone", "public", "Hi {n}, our Heathrow team will call you on {v} about your bag."),
    ("uk_phone", "public", "We've passed {v} to the baggage desk, {n}; expect a call today."),
    ("email", "public", "Hi {n}, we've sent the voucher to {v}. Let us know if it doesn't arrive!"),
    ("email", "public", "Thanks {n}, we've updated the contact email on your trip to {v}."),
    ("email", "public", "Got it! We'll reply to {v} with the claim form."),
    ("us_address", "public", "Great news {n}: your bag is on its way to {v} and should arrive tonight."),
    ("us_address", "public", "We'll courier the missing item to {v} tomorrow morning."),
    ("uk_address", "public", "Hi {n}, the courier will drop your suitcase at {v} before 6pm."),
    ("uk_address", "public", "Your replacement card has been posted to {v}."),
    ("card", "public", "{n}, the card ending you gave us, {v}, was declined - can you try another?"),
    ("card", "direct", "Hi {n}, just to confirm we charged the card {v} for the seat upgrade."),
    ("card", "public", "We refunded {v} today; allow 5-7 days."),
    ("iban", "public", "Hi {n}, the compensation will be paid to IBAN {v} within 14 days."),
    ("iban", "direct", "We have your bank details as {v}; is that right?"),
    ("bank", "public", "Refund sent to sort code {v}, {n}. Thanks for your patience."),
    ("bank", "direct", "Please confirm the account number {v} for the transfer."),
    ("ssn", "public", "Hi {n}, we can't use the SSN {v} you sent for the credit application."),
    ("ssn", "direct", "Your social security number {v} is on file for the tax form."),
    ("ssn", "public", "Thanks {n}, we've verified your identity with {v}."),
    ("nino", "public", "Hi {n}, your NI number {v} is needed for the payroll form."),
    ("nino", "direct", "We've recorded National Insurance number {v} on your crew file."),
    ("passport", "public", "{n}, we've updated your passport number to {v} for the Tokyo trip."),
    ("passport", "direct", "Your passport no. {v} expires before travel, please renew."),
    ("pnr", "public", "Hi {n}, we've rebooked you: your new booking reference is {v}."),
    ("pnr", "public", "Sorry for the delay {n}! Confirmation code {v} is now on the 6:40pm flight."),
    ("pnr", "public", "Your PNR {v} shows the upgrade went through. Enjoy!"),
    ("pnr", "public", "We found it: record locator {v}, seat 14C. See you on board."),
    ("conf", "public", "Your hotel confirmation number is {v}, {n}. Sleep well!"),
    ("conf", "public", "Thanks {n}, your claim number {v} is with our team now."),
    ("conf", "public", "Order {v} has shipped! Tracking to follow."),
    ("loyalty", "public", "Welcome aboard {n}! Your AcmeMiles number {v} now has 12,000 bonus miles."),
    ("loyalty", "public", "We've added the missing miles to frequent flyer number {v}."),
    ("dob", "public", "Happy to help {n}, we've corrected the date of birth on your ticket to {v}."),
    ("dob", "public", "Thanks! DOB {v} now matches your passport."),
    ("dob", "direct", "We have your birth date as {v}; is that right?"),
    ("password", "public", "Hi {n}, your temporary password is {v} - please change it after logging in."),
    ("password", "direct", "The Wi-Fi password for the lounge is {v}"),
    ("password", "public", "Use PIN: {v} to unlock the kiosk."),
    ("secret", "public", "Testing the new integration, key: {v}"),
    ("secret", "public", "{v}"),
    ("secret", "direct", "Here is the token for the booking API {v}"),
    ("internal", "public", "Status update: see {v} for the incident timeline."),
    ("internal", "public", "We're tracking the outage here: {v}"),
    ("internal", "direct", "Crew, the new roster is at {v}"),
]

PASS_TEMPLATES = [
    "Flight AA{f} to Denver leaves from gate B{g} at {h}:{mm} pm. Boarding starts 30 minutes before.",
    "Our winter sale: fares from ${p}.99 one way, up to {pct}% off, book by December {d}, 2026!",
    "Use promo code {promo} at checkout for {pct}% off your next trip.",
    "Enter code {promo} to save ${p} on any flight before {mon} {d}.",
    "Hi {n}! So sorry about the delay on flight {air} {f} today. We'll get you there as soon as we can.",
    "Thanks {n}, great to hear you enjoyed seat {row}{seat}! Come fly with us again soon.",
    "Congrats to {full}, our Crew Member of the Month, celebrating {yrs} years with Acme Air!",
    "In {year} we flew {big} passengers on {small} routes. Thank you for flying with us!",
    "Call us on +1 (800) 555-0100 any time, or write to help@acme-air.com.",
    "Our team is on 1-800-555-0100 and 800.555.0100 (24/7). Or DM us!",
    "Please DM us your booking reference and we'll take a look, {n}.",
    "We're sorry {n}. Send us a direct message with your confirmation code and we'll sort it out.",
    "The {mon} {d} concert in Terminal {t} starts at {h}:{mm}; doors at {h}:00.",
    "Baggage from flight {f} is arriving on carousel {g}. Thanks for waiting!",
    "Our Boeing 737-800 seats {seats} passengers; the A320neo burns {pct}% less fuel.",
    "The app update (version {ver}) fixes the check-in bug. Update and try again!",
    "Delays of {lo}-{hi} minutes are expected at JFK this evening due to weather.",
    "Score update from our charity match: Crew {lo}, Pilots {hi}! Raised ${big} for the children's hospital.",
    "Join us on {mon} {d}, {year} at {h}:{mm} am for the launch of our Lisbon route!",
    "{pct}% of our flights arrived on time in Q{q} {year}. We're aiming higher.",
    "Details at acme-air.com/deals/winter-{d} and acmeair.com/help. #FlyAcme",
    "Happy birthday to our founder {full}, born in {byear}, who started Acme with one plane!",
    "We turned {yrs} today! Thanks to the {big} people who flew with us this year.",
    "Hi {n}, flight {air}{f} is now departing from Terminal {t}, gate {gl}{g}.",
    "Earn 2x AcmeMiles on every trip booked between {mon} {d} and {mon} {d2}.",
    "Our lounge at gate C{g} is open from 5:00 to 23:30 daily.",
    "Your bag tag number is on the sticker on your boarding pass; DM us a photo and we'll trace it.",
    "Room {room} at the Airport Hilton is reserved for stranded passengers; ask at desk {g}.",
    "{n}, thanks for the kind words about our crew on flight {f}!",
    "Weather update: {lo}°F and sunny in Phoenix, {hi}°F in Miami. Safe travels!",
    "Prices start at £{p}, €{p2} or ${p}; taxes included. Offer ends {d}/{m}.",
    "Check-in opens 24 hours before departure; bag drop closes {lo} minutes before.",
    "Our new route adds {small} weekly flights; call 1-800-555-0100 to book.",
    "Meet {full} and {full2}, the pilots flying our first electric aircraft in {year}.",
    "Our HQ team grew to {big} people across {small} cities in {year}.",
    "Flights {f}, {f2} and {f3} are cancelled; rebook free at acme-air.com/rebook.",
    "Cabin crew {full} won the {year} Golden Wings award. Congratulations!",
    "Gates {g}-{g2} are closed for renovation until {mon} {year}.",
    "Our customer service line {tollfree} is open 24/7.",
    "Thanks {n}! We've passed your feedback about seat {row}{seat} to the cabin team.",
]
DIRECT_PASS_TEMPLATES = [
    ("pnr", "Hi {n}, we've rebooked you: your new booking reference is {v}. Thanks for your patience!"),
    ("pnr", "Thanks {n}. Confirmation code {v} is now on the 6:40pm flight, seat 14C."),
    ("phone", "Hi {n}, we'll call you back on {v} within the hour."),
    ("email", "We've sent the voucher to {v}, {n}. Let us know if it doesn't arrive."),
    ("us_address", "Your bag will be delivered to {v} tonight, {n}."),
    ("loyalty", "We've added the missing miles to AcmeMiles number {v}."),
    ("uk_phone", "Our Heathrow team will call you on {v} about your bag."),
    ("conf", "Your claim number {v} is with our team now, {n}."),
]


def _value(g: Gen, kind: str) -> str:
    return {
        "phone": g.us_phone, "uk_phone": g.uk_phone, "email": g.email, "us_address": g.us_address,
        "uk_address": g.uk_address, "card": g.card, "iban": g.iban, "ssn": g.ssn, "nino": g.nino,
        "passport": g.passport, "pnr": g.pnr, "conf": g.conf_number, "loyalty": g.loyalty, "dob": g.dob,
        "password": g.password, "secret": g.api_secret, "internal": g.internal_link,
        "bank": lambda: g.r.choice([f"{g.r.randint(10, 99)}-{g.r.randint(10, 99)}-{g.r.randint(10, 99)}, account {g.r.randint(10000000, 99999999)}"]),
    }[kind]()


def _fill_pass(g: Gen, template: str) -> str:
    r = g.r
    return template.format(
        f=r.randint(10, 2999), f2=r.randint(10, 2999), f3=r.randint(10, 2999), g=r.randint(1, 40), g2=r.randint(41, 60),
        gl=r.choice("ABCDE"), h=r.randint(1, 11), mm=r.choice(["00", "15", "30", "45", "05", "50"]),
        p=r.randint(29, 499), p2=r.randint(29, 499), pct=r.randint(5, 60), d=r.randint(1, 28), d2=r.randint(1, 28),
        m=r.randint(1, 12), promo=r.choice(["SAVE20", "WINTER25", "FLY2026", "SPRING15", "ACME10", "HELLO50", "BF2026", "GOXMAS"]),
        mon=r.choice(["Jan", "March", "April", "June", "Sept", "Oct", "November", "December"]), n=g.name(), full=g.full_name(),
        full2=g.full_name(), air=r.choice(["AA", "UA", "AC", "BA", "DL"]), row=r.randint(1, 40), seat=r.choice("ABCDEF"),
        yrs=r.randint(2, 40), year=r.randint(2019, 2027), byear=r.randint(1930, 1970), big=f"{r.randint(1, 999)},{r.randint(0, 999):03d}",
        small=r.randint(3, 120), t=r.randint(1, 8), seats=r.randint(120, 220), ver=f"{r.randint(1, 9)}.{r.randint(0, 20)}.{r.randint(0, 9)}",
        lo=r.randint(10, 45), hi=r.randint(46, 95), q=r.randint(1, 4), room=r.randint(100, 999),
        tollfree=r.choice(["+1 (800) 555-0100", "1-800-555-0100", "(800) 555-0100", "800-555-0100", "+18005550100"]),
    )


def cases(seed: int = 2026) -> list[dict]:
    g = Gen(seed)
    out = []
    for round_ in range(4):
        for kind, visibility, template in FLAG_TEMPLATES:
            value = _value(g, kind)
            text = template.replace("{n}", g.name())
            start = text.index("{v}")
            text = text.replace("{v}", value)
            out.append({"text": text, "visibility": visibility, "kind": kind, "spans": [[start, start + len(value)]]})
    for round_ in range(5):
        for template in PASS_TEMPLATES:
            out.append({"text": _fill_pass(g, template), "visibility": g.r.choice(["public", "public", "direct"]), "kind": "pass", "spans": []})
        for kind, template in DIRECT_PASS_TEMPLATES:
            value = _value(g, kind)
            out.append({"text": template.replace("{n}", g.name()).replace("{v}", value), "visibility": "direct", "kind": f"dm_{kind}", "spans": []})
    return out


# -- Faker: values in the formats of many countries, written into customer-care replies -------------
#
# Faker (MIT) makes addresses, phone numbers, cards and IBANs the way each locale writes them,
# independently of Gatekeeper's recognizers. The replies around them are written the way support
# agents write, public or direct; the must-pass posts hold numbers that look private and are not.

FAKER_LOCALES = ["en_US", "en_GB", "en_AU", "en_CA", "en_IE", "de_DE", "de_AT", "de_CH", "fr_FR", "fr_CH", "it_IT",
                 "es_ES", "pt_PT", "pt_BR", "nl_NL", "nl_BE", "pl_PL", "sv_SE", "da_DK", "no_NO", "fi_FI", "cs_CZ",
                 "hu_HU", "ro_RO", "hr_HR", "sl_SI", "et_EE", "lt_LT", "lv_LV", "es_MX"]

# (kind, visibility, reply). {v} is the private value, {n} the customer's first name.
CARE_REPLIES = [
    ("address", "public", "Hi {n}, so sorry about the mix-up! The replacement is on its way to {v} and should land this week."),
    ("address", "public", "{n}, our courier tried {v} twice today. Could someone be in tomorrow?"),
    ("address", "public", "Thanks for your patience. Your refund cheque was posted to:\n{v}"),
    ("address", "public", "We've updated your billing address to {v}. Anything else we can do?"),
    ("address", "public", "The driver will collect the bag from {v} between 9 and 12."),
    ("street", "public", "Good news {n} - we found your suitcase and it goes back to {v} tonight."),
    ("street", "public", "Our technician will visit {v} on Monday morning."),
    ("phone", "public", "Hi {n}, we tried you on {v} but it went to voicemail. We'll try again later!"),
    ("phone", "public", "Thanks {n}! A supervisor will give you a ring on {v} shortly."),
    ("phone", "public", "{n}, is {v} still the right number for you? The crew couldn't get through."),
    ("phone", "public", "Contact details on your booking: Phone: {v}"),
    ("phone", "public", "We've added {v} as the emergency contact for your trip."),
    ("card", "public", "Hi {n}, the payment on card {v} didn't go through. Could you try again?"),
    ("card", "public", "We've refunded the fare to {v}; it can take 5-7 working days."),
    ("card", "direct", "Just to confirm, {n}: we charged {v} for the upgrade."),
    ("iban", "public", "{n}, the compensation goes out to {v} by Friday."),
    ("iban", "direct", "Could you double-check {v}? The bank bounced our transfer."),
    ("email", "public", "Hi {n}! We've resent the e-ticket to {v} - please check your spam folder."),
    ("email", "public", "Thanks {n}, the claim form is on its way to {v}."),
    ("booking", "public", "All sorted {n}! Your new reservation is {v}, same seats as before."),
    ("booking", "public", "Hi {n}, I can see booking {v} was cancelled by mistake - it's reinstated now."),
    ("booking", "public", "{n}, your case reference is {v}; quote it if you call back."),
    ("ip", "public", "Hi {n}, your login from {v} was blocked by our fraud filter. We've lifted it now."),
    ("ssn", "public", "{n}, the SSN you sent ({v}) doesn't match the one on file."),
    ("licence", "public", "Thanks {n}, your driver's license {v} is now on the rental agreement."),
]

# Posts a brand writes every day: prices, quantities, flights, dates, years, versions, public numbers.
LOOK_ALIKES = [
    "Flash sale! {price} one way, {qty} seats left on flight {flight} on {date}.",
    "Order {qty} x {qty2} packs for {price} each; delivery in {lo}-{hi} days.",
    "Flight {flight} from gate {gate} is now boarding; flight {flight2} leaves at {time}.",
    "In {year} we carried {big} passengers on {qty} routes. Thank you!",
    "App version {version} fixes the check-in bug. Build {build} is rolling out today.",
    "Our {company} partners' customer service line is {tollfree}, open 24/7.",
    "Delays of {lo}-{hi} minutes expected on {date} between {time} and {time2}.",
    "Our new {city} lounge opens on {date} at {time}. Terminal {gate}, level {qty}.",
    "Track the aircraft live at flightaware.com: flight {flight}, registration N{qty}{qty2}AA.",
    "Happy {year}! Our founder started with {qty} planes in {oldyear}.",
    "{qty}% of flights were on time in Q{q} {year}; the goal is {hi}% by {year2}.",
    "Your bag tag number is on your boarding pass - DM us a photo and we'll trace it, {n}.",
    "Please DM us your booking reference, phone number and address and we'll sort it out, {n}.",
    "Ring us free on {tollfree} or email help@acme-air.com - we're here to help!",
    "Barcode {ean} is on the back of the voucher card; scan it at any kiosk.",
    "Seats {row}A-{row}F are reserved for families; rows {qty}-{qty2} for the tour group.",
    "Score at our charity match: Crew {lo}, Pilots {hi}. We raised {price} for the hospital!",
    "Winter timetable: {flight} daily at {time}, {flight2} on weekends at {time2}.",
]

# Direct messages with the customer's details: allowed there.
DIRECT_REPLIES = [
    "Hi {n}, we'll call you back on {phone} within the hour and post the voucher to {address}.",
    "Thanks {n} - the refund confirmation went to {email}. We'll ring {phone} if anything changes.",
    "Your bag is on its way to {address}, {n}. The driver will text {phone} before arriving.",
]


def _faker(locale: str, seed: int):
    from faker import Faker

    fake = Faker(locale)
    fake.seed_instance(seed)
    return fake


def _care_value(fake, kind: str, rng: random.Random) -> str:
    if kind == "address":
        return fake.address()
    if kind == "street":
        return fake.street_address()
    if kind == "phone":
        return fake.phone_number()
    if kind == "card":
        return fake.credit_card_number(card_type=rng.choice(
            ["visa13", "visa16", "visa19", "mastercard", "amex", "discover", "diners", "jcb15", "jcb16", "maestro"]))
    if kind == "iban":
        raw = fake.iban()
        return rng.choice([raw, raw.lower(), " ".join(raw[i:i + 4] for i in range(0, len(raw), 4))])
    if kind == "email":
        return fake.email()
    if kind == "booking":
        return fake.bothify(rng.choice(["??####", "######", "?#?#?#", "??-#####", "#######"])).upper()
    if kind == "ip":
        return rng.choice([fake.ipv4_public(), fake.ipv6()])
    if kind == "ssn":
        return _faker("en_US", rng.randint(0, 10 ** 6)).ssn()
    if kind == "licence":
        return fake.bothify(rng.choice(["?#######", "#########", "?############", "??######", "###??####"])).upper()
    raise ValueError(kind)


def faker_cases(seed: int = 2027, rounds: int = 3) -> list[dict]:
    """Customer-care replies with values from Faker's locales, and must-pass posts that only look private."""
    rng = random.Random(seed)
    out = []
    for round_ in range(rounds):
        for i, (kind, visibility, reply) in enumerate(CARE_REPLIES):
            locales = FAKER_LOCALES if kind in ("address", "street", "phone") else ["en_US", "en_GB", "de_DE", "fr_FR"]
            fake = _faker(locales[(round_ * len(CARE_REPLIES) + i) % len(locales)], rng.randint(0, 10 ** 6))
            value = _care_value(fake, kind, rng)
            text = reply.replace("{n}", fake.first_name())
            start = text.index("{v}")
            text = text.replace("{v}", value)
            out.append({"text": text, "visibility": visibility, "kind": f"faker_{kind}", "spans": [[start, start + len(value)]]})
        fake = _faker("en_US", rng.randint(0, 10 ** 6))
        for template in LOOK_ALIKES:
            year = rng.randint(2019, 2027)
            text = template.format(
                price=fake.pricetag(), qty=rng.randint(2, 60), qty2=rng.randint(2, 60), flight=f"{rng.choice(['AC', 'AA', 'BA', 'LH'])}{rng.randint(10, 2999)}",
                flight2=f"AC {rng.randint(10, 2999)}", date=fake.date(pattern=rng.choice(["%d/%m/%Y", "%Y-%m-%d", "%B %d, %Y", "%d.%m.%Y"])),
                time=fake.time(pattern="%H:%M"), time2=fake.time(pattern="%H:%M"), gate=rng.randint(1, 60),
                lo=rng.randint(5, 40), hi=rng.randint(41, 99), year=year, year2=year + 1, oldyear=rng.randint(1950, 1999),
                big=f"{rng.randint(1, 99)},{rng.randint(0, 999):03d},{rng.randint(0, 999):03d}",
                version=f"{rng.randint(1, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 99)}", build=rng.randint(1000, 99999),
                company=fake.company(), tollfree=rng.choice(["1-800-555-0100", "+1 (888) 555-0142", "0800 123 4567", "0345 222 1111"]),
                city=fake.city(), q=rng.randint(1, 4), row=rng.randint(1, 40), ean=fake.ean13(), n=fake.first_name())
            out.append({"text": text, "visibility": rng.choice(["public", "public", "direct"]), "kind": "pass", "spans": []})
        for template in DIRECT_REPLIES:
            fake = _faker(rng.choice(FAKER_LOCALES), rng.randint(0, 10 ** 6))
            text = template.format(n=fake.first_name(), phone=fake.phone_number(), address=fake.address(), email=fake.email())
            out.append({"text": text, "visibility": "direct", "kind": "dm_faker", "spans": []})
    return out


def all_cases() -> list[dict]:
    return cases() + faker_cases()
