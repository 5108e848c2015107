"""Which places a map is fitted to: those that agree with the story.

A place is an *outlier* when it lies far from all the others and was resolved with low
confidence: more than :data:`OUTLIER_KM` km from the median position of the other places,
with a confidence below :data:`OUTLIER_CONFIDENCE`. A strike in south Lebanon with one place
wrongly resolved in Ghana is then drawn over Lebanon, the Ghana marker flagged, instead of
zooming out to two continents. Positions are ``(lat, lon)`` in degrees throughout.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

LatLon = tuple[float, float]

OUTLIER_KM = 1500.0
OUTLIER_CONFIDENCE = 0.5
_EARTH_KM = 6371.0088


def distance_km(a: LatLon, b: LatLon) -> float:
    """Great-circle distance in km between two ``(lat, lon)`` positions in degrees."""
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dp, dl = p2 - p1, math.radians(b[1] - a[1])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def _median(points: Sequence[LatLon]) -> LatLon:
    """Component-wise median; longitudes are taken as they come (no antimeridian wrap)."""
    return (statistics.median(p[0] for p in points), statistics.median(p[1] for p in points))


def _distinct(
    points: Sequence[LatLon], confidences: Sequence[float | None]
) -> dict[tuple[float, float], float | None]:
    """Each distinct position (to about 10 m) with its best confidence; None when no
    confidence is known for it (such a position is never an outlier)."""
    best: dict[tuple[float, float], float | None] = {}
    for point, conf in zip(points, confidences, strict=True):
        key = (round(point[0], 4), round(point[1], 4))
        if key in best:
            old = best[key]
            best[key] = None if old is None or conf is None else max(old, conf)
        else:
            best[key] = conf
    return best


def _confident(conf: float | None, below: float) -> bool:
    return conf is None or conf >= below


def outliers(
    points: Sequence[LatLon],
    confidences: Sequence[float | None],
    *,
    km: float = OUTLIER_KM,
    below: float = OUTLIER_CONFIDENCE,
) -> set[int]:
    """Indices of ``points`` that are outliers: more than ``km`` from the median of the
    other distinct positions and with a confidence (``confidences``, aligned with
    ``points``, None if unknown) below ``below``.

    Nothing is flagged with fewer than two distinct positions, nor when the flagged
    positions would not leave an agreeing set that either outnumbers them or is entirely
    confident (e.g. of two uncertain places far apart, neither is preferred).
    """
    best = _distinct(points, confidences)
    keys = list(best)
    if len(keys) < 2:
        return set()
    flagged: set[tuple[float, float]] = set()
    for key in keys:
        if _confident(best[key], below):
            continue
        others = [k for k in keys if k != key]
        if distance_km(key, _median(others)) > km:
            flagged.add(key)
    agreeing = [k for k in keys if k not in flagged]
    confident = all(_confident(best[k], below) for k in agreeing)
    if not agreeing or not (len(agreeing) > len(flagged) or confident):
        return set()
    return {i for i, p in enumerate(points) if (round(p[0], 4), round(p[1], 4)) in flagged}


def bounds(points: Sequence[LatLon]) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` of ``points`` (Leaflet's order), None if empty."""
    if not points:
        return None
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]
