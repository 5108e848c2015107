"""Missile and drone paths: the WGS 84 geodesic from origin to target, densified, split at
the antimeridian (RFC 7946, section 3.1.9), with the countries it overflies.

Positions are ``(lon, lat)`` in degrees; distances in kilometres.
"""

from __future__ import annotations

import re
from itertools import pairwise

import shapely
from pyproj import Geod

from core.document import Path
from core.toponym import Toponym
from gazetteer.countries import CountryShapes

GEOD = Geod(ellps="WGS84")
STEP_KM = 25.0
MAX_POINTS = 200
_MILE_KM = 1.609344
_DISTANCE = re.compile(
    r"\b(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<unit>miles|mi|km|kilomet(?:re|er)s)\b",
    re.IGNORECASE,
)


def split_antimeridian(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """Cut a line into pieces wherever a step jumps across the 180° meridian.

    Each crossing ends one piece at longitude ±180 and starts the next at ∓180, at the
    latitude interpolated along the step.
    """
    parts: list[list[tuple[float, float]]] = [[points[0]]]
    for (lon1, lat1), (lon2, lat2) in pairwise(points):
        if abs(lon2 - lon1) > 180:
            edge = 180.0 if lon1 > 0 else -180.0
            unwrapped = lon2 + 360 if lon1 > 0 else lon2 - 360
            share = (edge - lon1) / (unwrapped - lon1)
            lat = lat1 + share * (lat2 - lat1)
            parts[-1].append((edge, lat))
            parts.append([(-edge, lat)])
        parts[-1].append((lon2, lat2))
    return [part for part in parts if len(part) > 1]


def geodesic_points(
    origin: tuple[float, float], target: tuple[float, float]
) -> tuple[list[tuple[float, float]], float]:
    """Points every ~25 km (at most 200) along the geodesic, and its length in km."""
    (lon1, lat1), (lon2, lat2) = origin, target
    _, _, metres = GEOD.inv(lon1, lat1, lon2, lat2)
    km = metres / 1000.0
    between = min(MAX_POINTS, int(km / STEP_KM)) - 1
    inner = GEOD.npts(lon1, lat1, lon2, lat2, between) if between > 0 else []
    return [origin, *[(float(x), float(y)) for x, y in inner], target], km


def _country(t: Toponym, shapes: CountryShapes) -> str | None:
    return t.country_code or shapes.containing(t.lon, t.lat)


def build_path(origin: Toponym, target: Toponym, shapes: CountryShapes | None = None) -> Path:
    """The path from ``origin`` to ``target`` with ``overflies`` from Natural Earth polygons
    (origin and target countries left out)."""
    shapes = shapes or CountryShapes.load()
    points, km = geodesic_points((origin.lon, origin.lat), (target.lon, target.lat))
    parts = split_antimeridian(points)
    line = shapely.MultiLineString(parts) if len(parts) > 1 else shapely.LineString(parts[0])
    ends = {_country(origin, shapes), _country(target, shapes)}
    overflies = [code for code in shapes.crossed_by(line) if code not in ends]
    return Path(origin, target, parts, km, overflies)


def stated_distance_km(text: str) -> float | None:
    """A distance the text states ("about 930 miles away"), in kilometres, or None."""
    m = _DISTANCE.search(text)
    if not m:
        return None
    value = float(m.group("n").replace(",", ""))
    return round(value * (_MILE_KM if m.group("unit").lower().startswith("mi") else 1.0), 1)
