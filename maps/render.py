"""A FeatureCollection (the contract's) to a standalone Folium/Leaflet map.

The map is data-driven: Python reduces the FeatureCollection to a compact payload (positions
as ``[lat, lon]``, the order Leaflet uses, and display strings), embeds it as JSON in the page
and ``assets/eventmap.js`` builds markers, clusters, paths, legend, layer control and time
slider from it in the browser. That keeps 10,000 events to one JSON document instead of
10,000 Folium objects.

Every string from the FeatureCollection is untrusted. It is embedded as JSON with ``<``,
``>`` and ``&`` escaped (so no ``</script>`` can end the block) and the script only writes it
to the page through ``textContent``.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from core.geojson import ATTRIBUTION
from maps import basemap, context, fit
from maps.fit import LatLon

if TYPE_CHECKING:
    import folium

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_MAX_SENTENCE = 600
_MAX_VALUE = 200
_GEO_PRECISION = {
    1: "town",
    2: "near a town, or part of a region",
    3: "region, country or water body",
}
_SOURCES = {
    "geonames": "GeoNames",
    "naturalearth": "Natural Earth",
    "supplement": "curated supplement",
    "inferred": "inferred",
    "container": "placed at the stated container",
    "airportsdata": "airportsdata",
    "geoboundaries": "geoBoundaries",
    "katottg": "Ukraine's settlement register (KATOTTG)",
    "user": "imported by the user",
}
_OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
_OUTLIER = 1  # the flag appended to a marker's record when it is left out of the view


def script_json(value: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element: ``<``, ``>``, ``&`` and the
    JS line separators are written as ``\\u`` escapes, which JSON.parse reads back."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def _text(value: Any, limit: int = _MAX_VALUE) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = " ".join(str(value).split())
    if not text:
        return None
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _latlon(position: Any) -> LatLon | None:
    """``[lon, lat, ...]`` (GeoJSON order) to ``(lat, lon)``, or None if not a valid position."""
    if not isinstance(position, list | tuple) or len(position) < 2:
        return None
    lon, lat = _number(position[0]), _number(position[1])
    if lon is None or lat is None or not -90 <= lat <= 90 or not -540 <= lon <= 540:
        return None
    return (round(lat, 6), round(lon, 6))


def _points(geometry: Any) -> list[LatLon]:
    if not isinstance(geometry, dict):
        return []
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    if kind == "Point":
        found = [_latlon(coords)]
    elif kind == "MultiPoint" and isinstance(coords, list):
        found = [_latlon(c) for c in coords]
    else:
        found = []
    return [p for p in found if p is not None]


def _lines(geometry: Any) -> list[list[LatLon]]:
    if not isinstance(geometry, dict):
        return []
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    if kind == "LineString":
        parts = [coords]
    elif kind == "MultiLineString" and isinstance(coords, list):
        parts = coords
    else:
        return []
    lines = []
    for part in parts:
        if isinstance(part, list):
            line = [p for p in (_latlon(c) for c in part) if p is not None]
            if len(line) >= 2:
                lines.append(line)
    return lines


def _unwrap(lines: list[list[LatLon]]) -> list[list[LatLon]]:
    """Shift longitudes by whole turns so each position is within 180 degrees of the one
    before: a path split at the antimeridian (RFC 7946) then draws as one continuous line
    (Leaflet accepts longitudes beyond 180)."""
    out: list[list[LatLon]] = []
    prev: float | None = None
    for line in lines:
        shifted = []
        for lat, lon in line:
            if prev is not None:
                lon += round((prev - lon) / 360) * 360
            shifted.append((lat, lon))
            prev = lon
        out.append(shifted)
    return out


def _key(point: LatLon) -> tuple[float, float]:
    return (round(point[0], 4), round(point[1], 4))


def _date(value: Any) -> str | None:
    if isinstance(value, str) and _DATE.match(value):
        return value[:10]
    return None


def _source(source: Any, confidence: Any) -> str | None:
    name = _text(source)
    if name is None:
        return None
    label = _SOURCES.get(name, name)
    conf = _number(confidence)
    return f"{label}, confidence {conf:.2f}" if conf is not None else label


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _place_label(name: str | None, country: str | None, source: str | None) -> str | None:
    if name is None:
        return None
    label = f"{name} ({country})" if country and country not in name else name
    return f"{label} · {source}" if source else label


def _toll(casualties: Any) -> list[tuple[str, str]]:
    if not isinstance(casualties, dict):
        return []
    qualifier = _text(casualties.get("qualifier"))
    rows = []
    for field, label in (("killed", "Killed"), ("injured", "Injured")):
        count = _number(casualties.get(field))
        if count is not None:
            number = f"{count:,.0f}"
            rows.append((label, f"{qualifier} {number}" if qualifier else number))
    victims = _text(casualties.get("victims"))
    if victims:
        rows.append(("Victims", victims))
    return rows


def _marker_size(props: dict[str, Any]) -> int:
    """Icon diameter in CSS pixels: 24, or growing with the log of the dead for tolls."""
    casualties = props.get("casualties")
    killed = _number(casualties.get("killed")) if isinstance(casualties, dict) else None
    if not killed or killed <= 0:
        return 24
    return min(56, round(24 + 5 * math.log2(1 + killed)))


def _event_rows(props: dict[str, Any], n_points: int) -> list[list[str]]:
    rows: list[tuple[str, str | None]] = []
    date = _date(props.get("date"))
    precision = _text(props.get("date_precision"))
    if date:
        rows.append(("Date", f"{date} ({precision})" if precision and precision != "day" else date))
    else:
        rows.append(("Date", "not stated"))
    rows.extend(_toll(props.get("casualties")))
    if n_points > 1:
        rows.append(("Places", f"{n_points} places share this event"))
    count = _number(props.get("count"))
    if count is not None:
        rows.append(("Count", " ".join(f"{count:,.0f} {_text(props.get('object')) or ''}".split())))
    if props.get("event_type") == "missile_path":
        distance = _number(props.get("distance_km"))
        if distance is not None:
            rows.append(("Distance", f"{distance:,.0f} km along the geodesic"))
        stated = _number(props.get("stated_distance_km"))
        if stated is not None:
            rows.append(("Stated distance", f"{stated:,.0f} km"))
        overflies = [c for c in (_text(v, 8) for v in _list(props.get("overflies"))) if c]
        if overflies:
            rows.append(("Overflies", ", ".join(overflies)))
    else:
        rows.append(("Target", _text(props.get("target"))))
    rows.append(("Actor", _text(props.get("actor"))))
    rows.append(("Claimed by", _text(props.get("claimed_by"))))
    geo_precision = props.get("geo_precision")
    if isinstance(geo_precision, int):
        rows.append(("Precision", _GEO_PRECISION.get(geo_precision)))
    acled = [_text(props.get("acled_event_type")), _text(props.get("acled_sub_event_type"))]
    rows.append(("ACLED", " / ".join(a for a in acled if a) or None))
    rows.append(("Trigger", _text(props.get("trigger"))))
    confidence = _number(props.get("confidence"))
    if confidence is not None:
        rows.append(("Confidence", f"{confidence:.2f}"))
    return [[label, value] for label, value in rows if value]


class _Toponyms:
    """Source and confidence of the mentioned places, looked up by position."""

    def __init__(self, toponyms: Any) -> None:
        self._by_key: dict[tuple[float, float], dict[str, Any]] = {}
        for t in _list(toponyms):
            if not isinstance(t, dict):
                continue
            point = _latlon([t.get("lon"), t.get("lat")])
            if point is None:
                continue
            best = self._by_key.get(_key(point))
            if best is None or (_number(t.get("confidence")) or 0) > (
                _number(best.get("confidence")) or 0
            ):
                self._by_key[_key(point)] = t

    def at(self, point: LatLon) -> dict[str, Any]:
        return self._by_key.get(_key(point), {})


def _features(fc: dict[str, Any], kind: str) -> Iterator[tuple[dict[str, Any], Any]]:
    for feature in _list(fc.get("features")):
        if not isinstance(feature, dict):
            continue
        props = feature.get("properties")
        if isinstance(props, dict) and props.get("kind") == kind:
            yield props, feature.get("geometry")


def _event_places(
    props: dict[str, Any], points: list[LatLon], toponyms: _Toponyms
) -> list[tuple[str | None, str | None]]:
    """Per point: the place name and the full label (name, country, source, confidence)."""
    names = _list(props.get("places"))
    sources = _list(props.get("place_sources"))
    confidences = _list(props.get("place_confidences"))
    aligned = len(names) == len(points)
    labels = []
    for i, point in enumerate(points):
        topo = toponyms.at(point)
        name = _text(names[i]) if aligned else None
        name = name or _text(topo.get("name"))
        if name is None and len(points) == 1:
            name = _text(props.get("place"))
        if len(sources) == len(points):
            confidence = confidences[i] if len(confidences) == len(points) else None
            source = _source(sources[i], confidence)
        else:
            source = _source(topo.get("source"), topo.get("confidence"))
        country = _text(topo.get("country_code")) or _text(props.get("country_code"))
        labels.append((name, _place_label(name, country, source)))
    return labels


def _point_confidences(
    props: dict[str, Any], points: list[LatLon], toponyms: _Toponyms
) -> list[float | None]:
    """Per point, the confidence of its place (0 to 1), or None when not stated."""
    confidences = _list(props.get("place_confidences"))
    if len(confidences) == len(points):
        return [_number(c) for c in confidences]
    return [_number(toponyms.at(p).get("confidence")) for p in points]


def _sentence_index(props: dict[str, Any], sentences: dict[str, int]) -> int | None:
    sentence = _text(props.get("sentence"), _MAX_SENTENCE)
    if sentence is None:
        return None
    return sentences.setdefault(sentence, len(sentences))


def _event_record(
    props: dict[str, Any],
    points: list[LatLon],
    lines: list[list[LatLon]],
    toponyms: _Toponyms,
    sentences: dict[str, int],
) -> dict[str, Any]:
    """One event for the script: ``t`` type, ``d`` date, ``s`` sentence index, ``r`` icon
    size in pixels, ``a`` approximate place, ``rows`` popup rows, ``pts`` markers as
    ``[lat, lon, label, name]`` and, for paths, ``lines`` and ``route``."""
    record: dict[str, Any] = {
        "t": _text(props.get("event_type"), 40) or "other",
        "d": _date(props.get("date")),
        "s": _sentence_index(props, sentences),
        "r": _marker_size(props),
        "a": props.get("geo_precision") == 3,
        "rows": _event_rows(props, len(points)),
    }
    if lines:
        origin, target = _text(props.get("origin")), _text(props.get("target"))
        route = f"{origin or '?'} → {target or '?'}"
        end = lines[-1][-1]
        record["lines"] = [[list(p) for p in line] for line in lines]
        record["route"] = route
        record["pts"] = [[end[0], end[1], route, target]]
    else:
        labels = _event_places(props, points, toponyms)
        record["pts"] = [
            [p[0], p[1], label, name] for p, (name, label) in zip(points, labels, strict=True)
        ]
    return record


def _place_record(props: dict[str, Any], point: LatLon, toponyms: _Toponyms) -> list[Any]:
    """A place for the script: ``[lat, lon, name, detail, popup rows]``."""
    topo = toponyms.at(point)
    country = _text(props.get("country_code"))
    feature_class = _text(props.get("feature_class"))
    if props.get("source"):
        source = _source(props.get("source"), props.get("confidence"))
    else:
        source = _source(topo.get("source"), topo.get("confidence"))
    mentions = len(_list(props.get("mentions")))
    rows: list[list[str | None]] = [
        ["Country", country],
        ["Kind", feature_class],
        ["Mentions", str(mentions) if mentions else None],
        ["Source", source],
        ["Note", "no event found here"],
    ]
    detail = ", ".join(v for v in (feature_class, country) if v)
    name = _text(props.get("name"))
    return [point[0], point[1], name, detail or None, [r for r in rows if r[1]]]


class _Located:
    """Marker records (``[lat, lon, ...]`` lists) with their places' confidences, and the
    positions of paths, from which the view is fitted."""

    def __init__(self) -> None:
        self.markers: list[list[Any]] = []
        self.confidences: list[float | None] = []
        self.path_points: list[LatLon] = []
        self.path_ends: list[LatLon] = []
        self.flagged = 0

    def flag_outliers(self) -> list[LatLon]:
        """Append the outlier flag to the outliers' records; return the other positions
        (path ends count as certain places, path positions are always kept)."""
        points = [(float(m[0]), float(m[1])) for m in self.markers]
        found = fit.outliers(
            points + self.path_ends, self.confidences + [None] * len(self.path_ends)
        )
        for i in found:
            self.markers[i].append(_OUTLIER)
        self.flagged = len(found)
        return [p for i, p in enumerate(points) if i not in found]


def _fit_and_context(events: _Located, places: _Located, draw_basemap: bool) -> dict[str, Any]:
    """The view to fit (the agreeing events, else the agreeing places), the outlier count
    and, on the offline basemap, the context around the agreeing places."""
    source = events if events.markers or events.path_points else places
    agreeing = source.flag_outliers()
    view = fit.bounds(agreeing + source.path_points)
    out: dict[str, Any] = {"fit": view, "outliers": source.flagged}
    if draw_basemap and view is not None:
        skip = [(m[0], m[1]) for m in events.markers + places.markers]
        out["context"] = context.near(agreeing + source.path_ends, skip=skip)
    return out


def payload(fc: dict[str, Any], *, draw_basemap: bool = True) -> dict[str, Any]:
    """The compact, display-ready form of ``fc`` that ``eventmap.js`` draws.

    Positions are ``[lat, lon]`` degrees (Leaflet's order). ``draw_basemap`` includes every
    country outline and the context (admin-1 boundaries, rivers, lakes, towns) near the
    places; otherwise only the overflown countries' outlines are included. ``fit`` is the
    view, ``[[south, west], [north, east]]``, of the places that agree with the story; an
    outlier (see :mod:`maps.fit`) is left out of it and its marker record flagged.
    """
    toponyms = _Toponyms(fc.get("toponyms"))
    sentences: dict[str, int] = {}
    events: list[dict[str, Any]] = []
    located, place_located = _Located(), _Located()
    # Where events are, by position and by name: places there get no grey dot.
    used_keys: set[tuple[float, float]] = set()
    used_names: set[str] = set()
    overflown: list[str] = []
    unlocated = 0
    for props, geometry in _features(fc, "event"):
        points, lines = _points(geometry), _unwrap(_lines(geometry))
        if not points and not lines:
            unlocated += 1
            continue
        record = _event_record(props, points, lines, toponyms, sentences)
        events.append(record)
        names = [*_list(props.get("places")), props.get("place")]
        if lines:
            names += [props.get("origin"), props.get("target")]
            used_keys.update({_key(lines[0][0]), _key(lines[-1][-1])})
            located.path_points.extend(p for line in lines for p in line)
            located.path_ends.extend([lines[0][0], lines[-1][-1]])
            for code in _list(props.get("overflies")):
                if isinstance(code, str) and code.upper() not in overflown:
                    overflown.append(code.upper())
        else:
            located.markers.extend(record["pts"])
            located.confidences.extend(_point_confidences(props, points, toponyms))
        used_keys.update(_key(p) for p in points)
        used_names.update(n for n in names if isinstance(n, str))

    places = []
    for props, geometry in _features(fc, "place"):
        found = _points(geometry)
        name = props.get("name")
        if not found or _text(name) is None or name in used_names:
            continue
        if _key(found[0]) not in used_keys:
            places.append(_place_record(props, found[0], toponyms))
            place_located.markers.append(places[-1])
            confidence = _number(props.get("confidence"))
            if confidence is None:
                confidence = _number(toponyms.at(found[0]).get("confidence"))
            place_located.confidences.append(confidence)

    raw_document = fc.get("document")
    document: dict[str, Any] = raw_document if isinstance(raw_document, dict) else {}
    return {
        "basemap": draw_basemap,
        "countries": _countries(None if draw_basemap else set(overflown)),
        "overflown": overflown,
        "events": events,
        "sentences": list(sentences),
        "places": places,
        "dates": sorted({e["d"] for e in events if e["d"]}),
        "undated": sum(1 for e in events if not e["d"]),
        "unlocated": unlocated,
        "title": _text(document.get("title")),
        "published": _date(document.get("published")),
        "attribution": f"{ATTRIBUTION}; {context.ATTRIBUTION}" if draw_basemap else ATTRIBUTION,
        **_fit_and_context(located, place_located, draw_basemap),
    }


def _countries(codes: set[str] | None) -> list[list[Any]]:
    """Basemap countries as ``[code, name, encoded rings, [lat, lon] label, min zoom]``."""
    return [
        [c.code, c.name, c.rings, [c.label[1], c.label[0]], c.min_label]
        for c in basemap.countries()
        if codes is None or c.code in codes
    ]


def _tile_attribution(tiles: str) -> str:
    host = urlsplit(tiles.replace("{s}", "a")).hostname or "the tile server"
    if "openstreetmap" in host:
        return _OSM_ATTRIBUTION
    return f"Map tiles: {html.escape(host)}"


def _title(fc: dict[str, Any]) -> str:
    raw_document = fc.get("document")
    document: dict[str, Any] = raw_document if isinstance(raw_document, dict) else {}
    title = _text(document.get("title"))
    return f"{title} · eventmap" if title else "eventmap"


def render(fc: dict[str, Any], *, tiles: str | None = None) -> folium.Map:
    """A Folium map of the contract's FeatureCollection ``fc``.

    With ``tiles=None`` (the default) the page is fully offline: Leaflet, plugins and a
    Natural Earth country basemap are inlined. ``tiles`` may be a tile URL template such as
    ``https://tile.openstreetmap.org/{z}/{x}/{y}.png`` (or a folium/xyzservices provider
    name) to draw an online tile layer instead of the basemap.
    """
    from maps.page import folium_map  # folium and branca, imported with the first map

    return folium_map(fc, tiles=tiles)


def render_html(fc: dict[str, Any], *, tiles: str | None = None) -> str:
    """:func:`render` as a complete standalone HTML page."""
    return render(fc, tiles=tiles).get_root().render()
