"""Build the gazetteer of people's names that keeps a name from reading as an offensive word
(Dick Van Dyke, Sarah Dykes, Captain Gaylord, Mr Hoare).

Usage: python train/names.py CENSUS_DIR > gatekeeper/data/person_names.txt

CENSUS_DIR holds the 1990 US Census name files (a work of the US Government: public domain), as
copied in github.com/nullstyle/name-database @ 46d2e01, sources/census-1990/:
- dist.all.last: 88,799 surnames;
- dist.male.first, dist.female.first: 1,219 and 4,275 given names.

Each line of the output is a lower-case name, a tab and its kinds: "g" given name, "s" surname, "gs" both.
"""
from __future__ import annotations

import sys
from pathlib import Path


def read(path: Path) -> list[tuple[str, int]]:
    # "SMITH          1.006  1.006      1": the name, frequency columns, then its rank.
    rows = [line.split() for line in path.read_text(encoding="ascii").splitlines() if line.strip()]
    return [(row[0].lower(), int(row[3])) for row in rows]


def main(argv: list[str]) -> None:
    folder = Path(argv[1])
    kinds: dict[str, str] = {}
    ranks: dict[str, int] = {}
    for name, rank in read(folder / "dist.male.first") + read(folder / "dist.female.first"):
        kinds[name] = "g"
        ranks[name] = min(rank, ranks.get(name, rank))
    for name, _ in read(folder / "dist.all.last"):
        kinds[name] = "gs" if kinds.get(name) == "g" else "s"
    out = sys.stdout
    out.write("# People's names: 1990 US Census given names (5,494) and surnames (88,799); public domain (US Government\n"
              "# work), via github.com/nullstyle/name-database @ 46d2e01 sources/census-1990. Built by train/names.py.\n"
              "# name<TAB>g (given), s (surname) or gs (both)<TAB>a given name's rank among its sex's names (1 = most common).\n")
    for name in sorted(kinds):
        if name.isalpha():
            out.write(f"{name}\t{kinds[name]}\t{ranks.get(name, '')}\n")


if __name__ == "__main__":
    main(sys.argv)
