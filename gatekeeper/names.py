"""People's names in text: a word that is a list word and a name ("Sarah Dykes", "Dick Van Dyke", "@tom_fagg").

The gazetteer is the 1990 US Census's given names and surnames (gatekeeper/data/person_names.txt, built by
train/names.py). A name alone proves nothing, since many are also words ("Big", "Black", "Dick"): what counts
is a name beside another name, after a title, or greeted.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache

from .words import zipf

# Words that say the next word is a person's name, and the small words inside names (Dick Van Dyke).
HONORIFICS = frozenset("mr mrs ms miss mx dr prof sir dame lord lady capt captain judge rev father sister officer "
                       "coach chef professor doctor detective sergeant sgt".split())
NAME_PARTICLES = frozenset("van von der den de del della di da du la le st mac mc bin al el".split())
# How common (Zipf) a word beside may be and still say "a name": Harry and Sarah yes, Big and Black no; the 200
# commonest given names of each sex (John, Mark, Rose) say it however common the word.
NAME_MAX_ZIPF = {"g": 5.2, "s": 5.0}
COMMON_GIVEN_RANK = 200
GREETINGS = frozenset("hi hello hey dear thanks congrats congratulations welcome meet hola bonjour salut hallo ciao ola "
                      "hej hoi bienvenue bienvenido bienvenida willkommen".split())
# Words before a noun rather than a name: "what a Dick", "such a Dick move", "you Dick", "Big Dick".
NOT_BEFORE_A_NAME = frozenset("a an the this that these those such what you your ur u ya ye yo my his her their our "
                              "big little total complete absolute fucking fuckin effing bloody real proper massive "
                              "huge giant".split())
_NAME_WORD = re.compile(r"[^\W\d_][^\W\d_'’.-]*")


@lru_cache(maxsize=1)
def person_names() -> dict[str, tuple[str, int]]:
    """People's names, lower case: their kinds ("g" given name, "s" surname) and a given name's rank (see
    train/names.py; 100000 for a surname only)."""
    path = os.path.join(os.path.dirname(__file__), "data", "person_names.txt")
    out = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                name, kinds, rank = line.rstrip("\n").split("\t")
                out[name] = (kinds, int(rank) if rank else 100000)
    return out


def reads_as_name(word: str, given_only: bool = False) -> bool:
    """Is this lower-case word a sign of a person's name: a given name (a common one, or one that is no everyday
    word), or, unless given_only, a surname that is no everyday word ("Big", "Black", "Head" are signs of nothing)?"""
    kinds, rank = person_names().get(word, ("", 0))
    if "g" in kinds and (rank <= COMMON_GIVEN_RANK or zipf(word) < NAME_MAX_ZIPF["g"]):
        return True
    return not given_only and "s" in kinds and zipf(word) < NAME_MAX_ZIPF["s"]


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and (len(word) == 1 or not word.isupper())


def in_a_name(text: str, start: int, end: int, given_only: bool = False) -> bool:
    """Is text[start:end], a capitalised word, part of a person's name: next to another name ("Dick Harry",
    "Sarah Dykes", "Dick Van Dyke"), after a title ("Mr Hoare", "Captain Gaylord") or greeted ("Hi Gaylord,")?
    given_only: the name beside it must be a given name, and greetings do not count (for slurs, where a
    surname beside a surname is too weak a sign)."""
    word = text[start:end]
    if not _capitalised(word) or word.lower().removesuffix("'s") not in person_names():
        return False
    before = [m.group() for m in _NAME_WORD.finditer(text[max(0, start - 40):start])]
    after = _NAME_WORD.match(text, end + 1) if text[end:end + 1] == " " else None
    touching = text[max(0, start - 1):start] == " "

    def a_name(w: str) -> bool:
        return _capitalised(w) and reads_as_name(w.lower().strip(".'’"), given_only)

    if touching and before:
        prev = before[-1]
        if prev.lower().rstrip(".") in HONORIFICS:
            return True
        if a_name(prev) and prev.lower() not in NAME_PARTICLES:
            return True
        if prev.lower() in NAME_PARTICLES and _capitalised(prev) and len(before) > 1 and a_name(before[-2]):
            return True  # Dick Van Dyke
        if not given_only and prev.lower() in GREETINGS and not text[end:end + 1].isalnum():
            return True
        # A given name written with its capital in the middle of a sentence ("spotlight: Dick from our store",
        # "thanks to Liam Gaylord"), not after a word that comes before a noun.
        if not given_only and "g" in person_names()[word.lower().removesuffix("'s")][0] \
                and prev.lower().rstrip(".") not in NOT_BEFORE_A_NAME and text[max(0, start - 2):start - 1] not in ".!?":
            return True
    if not after:
        return False
    if after.group().lower() in NAME_PARTICLES and _capitalised(after.group()):
        following = _NAME_WORD.match(text, after.end() + 1) if text[after.end():after.end() + 1] == " " else None
        return bool(following and a_name(following.group()))  # Dick Van Dyke
    return a_name(after.group())
