"""Realistic brand posts for benchmarks: replies, promos and DMs, up to 280 characters."""
from __future__ import annotations

import random

OPENERS = [
    "Hi {name}, so sorry about the delay on flight AA{flight} today.",
    "Thanks for flying with us, {name}!",
    "We hear you, {name}, and we're sorry your bag didn't make it to gate B{gate}.",
    "Great news: our winter sale is live until Dec {day}!",
    "Happy {day}th anniversary to our crew in Denver.",
    "Hey {name}! Loved your photo from seat {day}A.",
    "Our team is looking into the Wi-Fi outage on AA{flight} right now.",
]
MIDDLES = [
    "Fares from ${price} one way, booking by {hour}:00 pm ET.",
    "Your new departure is {hour}:45 from gate C{gate}.",
    "Our agents at acme-air.com/help can rebook you at no extra cost.",
    "You can earn 20% more AcmeMiles on every trip this month.",
    "Call us on +1 (800) 555-0100 or write to help@acme-air.com and we'll sort it.",
    "Please DM us your booking reference so we can take a look.",
    "We've shared your feedback with the cabin team.",
    "Details: https://acme-air.com/deals/winter-{day} #FlyAcme",
]
CLOSERS = [
    "Safe travels! ^JD",
    "We'll make it right. ^AK",
    "See you on board soon!",
    "Thanks for your patience.",
    "#FlyAcme #TravelTuesday",
    "",
]
NAMES = ["Maria", "@traveller_jo", "Sam", "@kfortune", "Priya", "@dave_b", "Lee"]


def posts(count: int = 500, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    while len(out) < count:
        fields = {"name": rng.choice(NAMES), "flight": rng.randint(10, 2999), "gate": rng.randint(1, 40),
                  "day": rng.randint(2, 28), "price": rng.randint(39, 399), "hour": rng.randint(1, 11)}
        parts = [rng.choice(OPENERS), rng.choice(MIDDLES), rng.choice(MIDDLES), rng.choice(CLOSERS)]
        text = " ".join(p for p in parts if p).format(**fields)
        while len(text) < 200:
            text += " " + rng.choice(MIDDLES).format(**fields)
        out.append(text[:280].rsplit(" ", 1)[0] if len(text) > 280 else text)
    return out
