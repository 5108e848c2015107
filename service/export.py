"""Exports of the store: its events, places and incidents as GIS layers, and an ACLED-style
CSV that opens in a spreadsheet.

Formats by file suffix: ``.gpkg`` holds three layers (``events``, ``places``,
``incidents``); ``.geojson`` and ``.fgb`` (FlatGeobuf) hold one layer each, the events;
``.csv`` holds the events as ACLED's columns (event_date, event_type, sub_event_type, actor1,
location, latitude, longitude, geo_precision, fatalities, source, notes). Positions are
``(lon, lat)`` in WGS 84 (EPSG:4326). Lists and objects among the properties are written as
JSON text; numbers stay numbers.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from service.storage import Query, Store

DRIVERS = {".gpkg": "GPKG", ".geojson": "GeoJSON", ".fgb": "FlatGeobuf"}
FORMATS = (*DRIVERS, ".csv")
MEDIA_TYPES = {
    ".gpkg": "application/geopackage+sqlite3",
    ".geojson": "application/geo+json",
    ".fgb": "application/flatgeobuf",
    ".csv": "text/csv",
}
ACLED_COLUMNS = (
    "event_date", "event_type", "sub_event_type", "actor1", "location", "latitude",
    "longitude", "geo_precision", "fatalities", "source", "notes",
)  # fmt: skip
_PAGE = 10_000


class ExportError(ValueError):
    """The export cannot be written as asked; the message says what to do."""


def features(store: Store, collection: str, query: Query) -> Iterator[dict[str, Any]]:
    """Every feature of ``collection`` that ``query``'s filters keep, page after page."""
    page = replace(query, limit=_PAGE, offset=0)
    while True:
        matched, found = store.items(collection, page)
        yield from found
        if not found or page.offset + len(found) >= matched:
            return
        page = replace(page, offset=page.offset + len(found))


def _columns(rows: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """The property names of ``rows`` in first-seen order: (numeric, text)."""
    names: dict[str, bool] = {}
    for row in rows:
        for key, value in row.items():
            numeric = isinstance(value, int | float) and not isinstance(value, bool)
            names[key] = names.get(key, True) and (numeric or value is None)
    return [k for k, n in names.items() if n], [k for k, n in names.items() if not n]


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def write_layer(path: Path, layer: str, found: list[dict[str, Any]], driver: str) -> None:
    """Write the GeoJSON features ``found`` as ``layer`` of ``path`` (appended to a GeoPackage
    that exists). A layer with no feature is not written."""
    kept = [f for f in found if f.get("geometry")]
    if not kept:
        return
    rows = [f["properties"] for f in kept]
    numeric, text = _columns(rows)
    wkb = shapely.to_wkb(shapely.from_geojson([json.dumps(f["geometry"]) for f in kept]))
    field_data = [np.array([_text(r.get(n)) for r in rows], dtype=object) for n in text] + [
        np.array([np.nan if r.get(n) is None else r[n] for r in rows], dtype=float) for n in numeric
    ]
    # Imported here: pyogrio brings pandas and geopandas where they are installed (0.4 s),
    # which the service should not pay at start for an export few requests ask for.
    import pyogrio.raw

    pyogrio.raw.write(
        path,
        geometry=np.asarray(wkb, dtype=object),
        field_data=field_data,
        fields=[*text, *numeric],
        layer=layer,
        geometry_type="Unknown",
        crs="EPSG:4326",
        driver=driver,
        append=path.exists(),
    )


def acled_row(feature: dict[str, Any]) -> dict[str, Any]:
    """One event as ACLED's columns; the point is the event's first position (empty for an
    event the gazetteer could not place, whose location is then the name the text gives)."""
    props, geometry = feature["properties"], feature.get("geometry") or {}
    coords = geometry.get("coordinates")
    while isinstance(coords, list) and coords and isinstance(coords[0], list):
        coords = coords[0]
    lon, lat = (coords[0], coords[1]) if coords else (None, None)
    return {
        "event_date": props.get("date"),
        "event_type": props.get("acled_event_type"),
        "sub_event_type": props.get("acled_sub_event_type"),
        "actor1": props.get("actor"),
        "location": props.get("place") or props.get("unresolved_place"),
        "latitude": lat,
        "longitude": lon,
        "geo_precision": props.get("geo_precision"),
        "fatalities": (props.get("casualties") or {}).get("killed") or 0,
        "source": props.get("doc_id"),
        "notes": props.get("sentence"),
    }


def export(store: Store, path: Path, query: Query) -> dict[str, int]:
    """Write the store's features that ``query`` keeps to ``path`` (format by suffix); the
    number of features written per layer. An existing file is replaced."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ExportError(f"{path}: write to a {', '.join(FORMATS)} file")
    path.unlink(missing_ok=True)
    if suffix == ".csv":
        events = [acled_row(f) for f in features(store, "events", query)]
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS)
            writer.writeheader()
            writer.writerows(events)
        return {"events": len(events)}
    layers = ("events", "places", "incidents") if suffix == ".gpkg" else ("events",)
    counts = {}
    for layer in layers:
        found = list(features(store, layer, query))
        write_layer(path, layer, found, DRIVERS[suffix])
        counts[layer] = len(found)
    return counts
