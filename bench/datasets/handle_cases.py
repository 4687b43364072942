"""A labelled set of handles: offensive ones built from a public word list with disguises, benign ones with traps.

Offensive: better-profanity's word list (public) and well-known slurs, disguised
by concatenation, CamelCase, underscores, digits, leetspeak, stretched letters
and look-alike characters. Benign: ordinary handles and 60+ Scunthorpe traps
(places, names, brands and words that contain an offensive word).
"""
from __future__ import annotations

import random

# Drawn from better-profanity's public list and common slurs; unambiguous in a username.
BASE_WORDS = ["fuck", "shit", "bitch", "cunt", "asshole", "dickhead", "whore", "slut", "bastard", "motherfucker",
              "nigger", "faggot", "retard", "twat", "wanker", "cock", "pussy", "bollocks", "douchebag", "jackass",
              "shithead", "fucker", "bitches", "kike", "spic", "chink", "tranny", "rapist", "porn", "dildo"]
PREFIXES = ["i hate", "kill all", "fuck", "the", "big", "lil", "real", "im a", "xx", "king"]
SUFFIXES = ["lover", "hunter", "king", "squad", "4life", "official", "fan", "69", "420", "army", "boy", "queen"]
LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7"}
LEET_SYM = {"a": "@", "s": "$", "i": "!"}
LOOKALIKE = {"a": "а", "e": "е", "o": "о", "c": "с", "p": "р", "x": "х", "i": "і"}  # Cyrillic

TRAPS = ["ScunthorpeUtd", "CocktailHourNYC", "AssassinsCreed", "TherapistFinder", "Cumberbatch_fan", "MiddlesexCCC",
         "Penistone_FC", "Dickens_Society", "ClitheroeFC", "RapeseedOilCo", "Matsushita_JP", "AnalyticsGuy", "HancockFans",
         "Shuttlecock_Club", "GrapeJuiceCo", "BassistBob", "peacockTV", "Sussex_Cricket", "cocktail_queen", "TitanFan",
         "ArsenalFC", "NakedJuice", "expertsexchange", "therapists_uk", "grapes_of_wrath", "buttercup_bakery", "Canal_Boats",
         "EssexPolice", "WessexWater", "Cockermouth_Town", "HitchcockFilms", "Babcock_Intl", "ClassicFM", "PassionFruitCo",
         "GlassHouseBar", "BrassBandUK", "MassGeneral", "Scrapbook_Club", "Shiitake_Farm", "Shellfish_Shack", "Michelle_Obama_Fan",
         "DocumentaryNow", "CumulusClouds", "Cucumber_Sandwich", "SextantNav", "Dickinson_Poetry", "Raccoon_Rescue", "Tycoon_Games",
         "CocoonSpa", "ButtressBridge", "ButterflyHouse", "Therapy_Dogs", "Manuscript_Library", "Skyscraper_Fans", "Pussycat_Dolls_Fan",
         "Gamecocks", "AnalogSynth", "TitleIX_Office", "Hoes_Garden_Tools", "Kumquat_Kitchen", "Pennsylvania_Now", "ScrabbleClub",
         "Spice_Girls_Fan", "Nigel_Farmer", "Niger_Delta_News", "Sniggering_Kids", "Shitake_Recipes", "Horsham_FC"]
ORDINARY_FIRST = ["maria", "sam", "priya", "lee", "tom", "aisha", "diego", "hannah", "kenji", "grace", "mateo", "zoe", "ravi", "ellen"]
ORDINARY_WORDS = ["travels", "flyer", "foodie", "runner", "photos", "music", "reads", "bakes", "codes", "hikes", "fan", "dad", "mom",
                  "official", "news", "daily", "world", "life", "studio", "design", "gaming", "sports", "coffee", "garden"]


def _camel(words):
    return "".join(w.capitalize() for w in words)


def disguise(word: str, r: random.Random) -> str:
    style = r.choice(["camel", "concat", "underscore", "leet", "leet_sym", "stretch", "lookalike", "digits", "caps", "mixed"])
    pre = r.choice(PREFIXES).split()
    suf = r.choice(SUFFIXES)
    if style == "camel":
        return _camel(pre + [word, suf])
    if style == "concat":
        return "".join(pre) + word + suf
    if style == "underscore":
        return "_".join(pre + [word, suf])
    if style == "leet":
        return "".join(LEET.get(c, c) if r.random() < 0.6 else c for c in word) + "_" + suf
    if style == "leet_sym":
        return _camel(pre) + "".join(LEET_SYM.get(c, c) for c in word) + suf
    if style == "stretch":
        i = next((k for k, c in enumerate(word) if c in "aeiou"), 0)
        return _camel(pre) + word[:i] + word[i] * r.randint(3, 6) + word[i + 1:]
    if style == "lookalike":
        return "".join(LOOKALIKE.get(c, c) for c in word) + suf.capitalize()
    if style == "digits":
        return word + str(r.randint(1, 9999)) + suf
    if style == "caps":
        return ("".join(pre) + word + suf).upper()
    return "".join(c.upper() if r.random() < 0.5 else c for c in "xX" + word + "Xx")


def cases(seed: int = 1488 + 2026) -> list[dict]:
    r = random.Random(seed)
    offensive = []
    for word in BASE_WORDS:
        seen = set()
        while len(seen) < 6:
            seen.add(disguise(word, r))
        offensive += [{"handle": "@" + h, "offensive": True, "word": word} for h in sorted(seen)]
    benign = [{"handle": "@" + t, "offensive": False, "kind": "trap"} for t in TRAPS]
    while len(benign) < 170:
        style = r.choice(["first_word", "first_digits", "camel", "underscore"])
        f, w = r.choice(ORDINARY_FIRST), r.choice(ORDINARY_WORDS)
        h = {"first_word": f + w, "first_digits": f + str(r.randint(1, 2026)), "camel": _camel([f, w]),
             "underscore": f"{f}_{w}"}[style]
        benign.append({"handle": "@" + h, "offensive": False, "kind": "ordinary"})
    return offensive + benign
