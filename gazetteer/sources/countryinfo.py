"""Country centre points, via the ``countryinfo`` package (MIT).

Contributes the point of each country (see ``gazetteer.sources.geonames.add_countries``;
the supplement overrides some); it adds no place of its own.
"""

from __future__ import annotations

import json

from gazetteer.sources.places import Point, site_file

CREDIT = {
    "name": "countryinfo",
    "licence": "MIT",
    "what": "country centre points (the package's latlng)",
}


def country_points() -> dict[str, Point]:
    """ISO alpha-2 -> (lat, lon) country points.

    These are the conventional centre points GeoNames also uses (Russia 60, 100), where the
    Natural Earth label point sits in European Russia.
    """
    out: dict[str, Point] = {}
    for path in site_file("countryinfo", "data").glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        iso = data.get("ISO")
        latlng = data.get("latlng")
        if isinstance(iso, dict) and iso.get("alpha2") and latlng and len(latlng) == 2:
            out[iso["alpha2"]] = (float(latlng[0]), float(latlng[1]))
    return out
