"""Airports and air bases from the ``airportsdata`` package (MIT), for the index build.

Contributes places of feature class "other" (source "airportsdata"), named "X Airport",
"X International Airport", "X Air Base" and the like, never by bare codes; a name whose X
means a better-known place far away is dropped (``add_airports``).

The package lists about 28,000 airports (ICAO code, IATA code, name, city, subdivision,
country, coordinates); it has no type or status field, so which ones are kept is read from
the codes and the name:

- kept: an airport with an IATA code or a real ICAO code (four letters; the package's other
  identifiers are FAA-style local codes with digits, private strips such as "00AA");
- skipped: heliports, helipads, seaplane bases, hospital pads and "... Strip" ranch strips.

Names: the package's own name where it says what the place is ("Mitiga Airport", "Bagram
Air Base", "El Fasher Airport"), plus "X Airport", "X International Airport", "X Airfield"
and, for military bases, "X Air Base" / "X Airbase", where X is the name without its kind
("Mitiga"). "City Airport" is added where the country has one kept airport with an IATA
code in that city ("Latakia Airport" for Bassel Al-Assad International), and a head that
opens with the city is also written without it ("Heathrow Airport" for London Heathrow
Airport). The geoparser lets a lower-case "airport", "air base" end such a name ("Mitiga
airport"). Codes are **not** names: a bare IATA code ("CAN", "BAD", "FAT") or ICAO code
in text is a word or an acronym far more often than an airport, so neither is keyed, alone
or in "X Airport (ABC)".
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from core.toponym import haversine_km
from gazetteer.normalize import norm_name
from gazetteer.schema import FeatureClass
from gazetteer.sources.places import Places, site_file

CREDIT = {
    "name": "airportsdata",
    "licence": "MIT",
    "what": "airports and air bases with an IATA or ICAO code (names as 'X Airport', "
    "'X International Airport', 'X Air Base'; no bare codes), via the airportsdata "
    "package (https://github.com/mborsetti/airportsdata)",
}
# "X Airport" is no name of an airport when X's best-known place lies this far from it and
# no place of that name lies this near it (see _far_namesake).
AIRPORT_FAR_KM = 100.0
AIRPORT_NEAR_KM = 50.0

# What the name says the place is, at its end ("Mitiga Airport", "Bagram Air Base").
KIND_RE = re.compile(
    r"\s+(?:(?:International|Regional|Municipal|Intl\.?)\s+)?"
    r"(?:Airport|Airfield|Aerodrome|Airstrip|Air\s?[Bb]ase|Air Force Base|Air Force Station|"
    r"Air Station|Airpark|Air Park|Field)$"
)
BASE_RE = re.compile(r"\b(?:Air\s?[Bb]ase|Air Force Base|Air Force Station|Air Station|AFB)\b")
# A name that says it is an airfield of some kind (kept as a name as it is).
AVIATION_RE = re.compile(
    r"\b(?:Airport|Airfield|Aerodrome|Airstrip|Air\s?[Bb]ase|Air Force Base|"
    r"Air Force Station|Air Station)\b"
)
SKIP_RE = re.compile(
    r"\b(?:Heliport|Helipad|Helistop|Seaplane|Hospital|Strip|Closed|"
    r"Abandoned)\b",
    re.IGNORECASE,
)
# Heads that leave no place name once the kind is cut ("Regional Airport", "Army Airfield").
GENERIC = frozenset(
    {
        "regional",
        "municipal",
        "county",
        "city",
        "international",
        "army",
        "naval",
        "air",
        "national",
        "memorial",
        "executive",
        "central",
        "new",
        "old",
        "military",
        "private",
        "main",
        "north",
        "south",
        "east",
        "west",
        "airport",
        "field",
        "base",
    }
)


@dataclass(frozen=True, slots=True)
class AirportPlace:
    """One airport as the index adds it (feature class "other", source "airportsdata")."""

    name: str
    lat: float
    lon: float
    country_code: str | None
    icao: str
    iata: str
    aliases: tuple[str, ...]


def _kept(row: dict[str, str]) -> bool:
    """An airport of a reasonable type: a real IATA or ICAO code, no heliport or strip."""
    icao, iata = row.get("icao", ""), row.get("iata", "")
    real_icao = len(icao) == 4 and icao.isalpha() and icao.isupper()
    return bool(iata or real_icao) and not SKIP_RE.search(row.get("name", ""))


def _head(name: str) -> str:
    """The name without its kind and any parenthesis ("Mitiga Airport" -> "Mitiga")."""
    bare = re.sub(r"\s*\([^)]*\)", "", name).strip()
    return KIND_RE.sub("", bare).strip(" -,")


def _usable_head(head: str, common_words: frozenset[str]) -> bool:
    key = norm_name(head)
    return (
        len(key.replace(" ", "")) >= 3
        and head[:1].isupper()
        and key not in GENERIC
        and key not in common_words
        and not (head.isupper() and len(head) <= 4)
    )


def _names(
    row: dict[str, str], common_words: frozenset[str], country_names: frozenset[str]
) -> list[str]:
    name = row["name"].strip()
    head = _head(name)
    out: list[str] = [name] if AVIATION_RE.search(name) else []
    words = head.split(" ")
    for k in range(min(3, len(words) - 1), 0, -1):
        if norm_name(" ".join(words[:k])) in country_names:
            # "Taiwan Taoyuan International Airport": the text names the country and the
            # town, each a mention of its own; the airport is "Taoyuan International Airport".
            head, out = " ".join(words[k:]), []
            break
    if not _usable_head(head, common_words):
        return out
    out += [f"{head} Airport", f"{head} International Airport", f"{head} Airfield"]
    if BASE_RE.search(name):
        out += [f"{head} Air Base", f"{head} Airbase"]
    return out


def airport_places(
    common_words: frozenset[str] = frozenset(), country_names: frozenset[str] = frozenset()
) -> Iterator[AirportPlace]:
    """The kept airports with their names (see the module docstring). ``common_words``:
    keys of English adjectives, verbs, adverbs and stop words that no airport head may be
    alone ("Regional", "Municipal"); ``country_names``: keys of country names, cut off the
    front of a name ("Taiwan Taoyuan")."""
    with site_file("airportsdata", "airports.csv").open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if _kept(r)]
    # Cities with one kept IATA airport in their country: "Latakia Airport" names it.
    per_city = Counter((r["country"], r["city"]) for r in rows if r["iata"] and r["city"])
    for r in rows:
        try:
            lat, lon = float(r["lat"]), float(r["lon"])
        except ValueError:
            continue
        names = _names(r, common_words, country_names)
        city = r.get("city", "").strip()
        head = _head(r["name"].strip())
        if (
            city
            and head.startswith(f"{city} ")
            and _usable_head(head[len(city) + 1 :], common_words)
        ):
            # "London Heathrow Airport" is also "Heathrow Airport".
            names.append(f"{head[len(city) + 1 :]} Airport")
        if (
            r["iata"]
            and city
            and per_city[(r["country"], city)] == 1
            and _usable_head(city, common_words)
        ):
            names.append(f"{city} Airport")
        names = list(dict.fromkeys(names))
        if not names:
            continue
        yield AirportPlace(
            names[0], lat, lon, r["country"] or None, r["icao"], r["iata"], tuple(names[1:])
        )


def _far_namesake(places: Places, head: str, lat: float, lon: float) -> bool:
    """Whether ``head`` (the X of "X Airport") mostly means a place over AIRPORT_FAR_KM from
    the airport: the best known place of that name (a country or region before any town,
    towns by population) lies that far and no place of the name lies near the airport."""
    cands = places.names.get(norm_name(head), [])
    if not cands:
        return False
    areal = {FeatureClass.COUNTRY, FeatureClass.ADMIN1, FeatureClass.REGION, FeatureClass.WATER}
    best = max(cands, key=lambda i: (places.fclass[i] in areal, places.pop[i]))
    if haversine_km(lat, lon, places.lat[best], places.lon[best]) <= AIRPORT_FAR_KM:
        return False
    return (
        all(haversine_km(lat, lon, places.lat[i], places.lon[i]) > AIRPORT_NEAR_KM for i in cands)
        or places.fclass[best] in areal
    )


def add_airports(places: Places, other_words: frozenset[str], country_idx: dict[str, int]) -> None:
    """Add the airports and air bases (see ``airport_places``; ``other_words``: keys of
    English adjectives, verbs, adverbs and stop words; ``country_idx``: the countries' rows),
    but no name whose X means a better-known place far away ("Bali Airport" of Cameroon)."""
    country_keys = frozenset(norm_name(places.name[i]) for i in country_idx.values())
    for ap in airport_places(other_words, country_keys):
        names = [
            n for n in (ap.name, *ap.aliases) if not _far_namesake(places, _head(n), ap.lat, ap.lon)
        ]
        if names:
            places.add(
                names[0],
                ap.lat,
                ap.lon,
                ap.country_code,
                "other",
                "airportsdata",
                aliases=names[1:],
            )
