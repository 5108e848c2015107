"""The place mention the gazetteer hands to the rest of the pipeline."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

FeatureClass = Literal["country", "admin1", "admin2", "city", "village", "water", "region", "other"]
Source = Literal[
    "geonames",
    "naturalearth",
    "supplement",
    "inferred",
    "airportsdata",
    "user",
    "container",
    "geoboundaries",
    "katottg",
]
# How the text named the place: by its name, by a people word ("the Syrians") or an adjective
# ("Syrian army"), by an abbreviation ("N.Y.", "Long Beach, CA"), inferred from the places
# listed with it, or placed at the container the text states for it ("Kelbo (Kelbo, Soum)").
Reading = Literal[
    "name", "demonym", "adjective", "abbreviation", "inferred", "container", "spelling"
]


@dataclass(frozen=True, slots=True)
class Toponym:
    """One place mention resolved to a place.

    ``start``/``end`` are Python ``str`` indices into the analysed text (end exclusive), so
    ``text[start:end] == mention``. ``lat``/``lon`` are WGS 84 degrees. ``bbox`` is
    ``(min_lon, min_lat, max_lon, max_lat)`` or ``None``. ``confidence`` is in 0..1.
    A name the index lacks whose container the text states ("Yeritagui (Matiacoali,
    Gourma)") has ``source`` and ``reading`` "container": it lies at the finest known
    container's point, with that container's feature class (so events get its precision),
    ``name`` as written and ``container`` the container's name.
    """

    start: int
    end: int
    mention: str
    name: str
    lat: float
    lon: float
    country_code: str | None
    feature_class: FeatureClass
    geonameid: int | None
    source: Source
    confidence: float
    bbox: tuple[float, float, float, float] | None = None
    admin1: str | None = None
    # How the text named the place (see ``Reading``), and the name of the container place
    # the text stated for it ("Wassit" for "Kut city, Wassit province"), when any.
    reading: Reading = "name"
    container: str | None = None

    def as_dict(self) -> dict:
        """The contract's Toponym object (coordinates rounded to 6 decimals)."""
        return {
            "start": self.start,
            "end": self.end,
            "mention": self.mention,
            "name": self.name,
            "lat": round(self.lat, 6),
            "lon": round(self.lon, 6),
            "country_code": self.country_code,
            "feature_class": self.feature_class,
            "geonameid": self.geonameid,
            "source": self.source,
            "confidence": round(self.confidence, 3),
            "bbox": [round(v, 6) for v in self.bbox] if self.bbox else None,
            "reading": self.reading,
            "container": self.container,
        }


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given as (lat, lon) in degrees
    (haversine on a sphere of the Earth's mean radius, 6,371.0088 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, h)))


def km_between(a: Toponym, b: Toponym) -> float:
    """Great-circle distance between two places in km (see ``haversine_km``)."""
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def region_within(inner: str, outer: str) -> bool:
    """Whether the admin-1 code ``inner`` names the region ``outer`` or a unit inside it:
    codes of two levels nest by prefix ("MW.S.26", Balaka district, lies in "MW.S", Malawi's
    Southern Region)."""
    return inner == outer or inner.startswith(f"{outer}.")
