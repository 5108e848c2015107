"""The browser side: the home page (paste an article, read its events on a map), the
situation map of the store, HTML views of the OGC API, self-hosted API docs and the static
files they use. Every page works with the network cut: scripts, styles and the basemap come
from this service, never from a CDN, a font or a tile server.

Routers come from small factories; :func:`install` mounts them with the static folders.
Templates are Jinja2 with autoescaping on, and the pages' scripts write data to the page
only through ``textContent``: text from users or the store is never markup.
"""

from __future__ import annotations

import functools
import gzip
import math
from collections.abc import Iterable, Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any, get_args

import orjson
from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.responses import HTMLResponse, Response

from core.document import EventType
from core.geojson import ATTRIBUTION
from maps import basemap, context, fit
from maps.fit import LatLon
from service import __version__
from service.deps import SettingsDep, StoreDep
from service.errors import InvalidInput, InvalidParameter
from service.routes import read_body
from service.storage import Query as ItemQuery
from service.storage import Store

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
FAVICON = "/static/favicon.svg"
MAP_ATTRIBUTION = f"{ATTRIBUTION}; {context.ATTRIBUTION}"
_env = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def _package_dir(package: str, *parts: str) -> Path:
    return Path(str(files(package))).joinpath(*parts)


def wants_html(request: Request) -> bool:
    """Whether to answer HTML: ``?f=html``, or no ``f`` and an ``Accept`` naming ``text/html``
    with a weight at least that of JSON (browsers do; GDAL, QGIS and curl send JSON or
    ``*/*`` and get JSON)."""
    fmt = request.query_params.get("f")
    if fmt is not None:
        return fmt.lower() == "html"
    weights: dict[str, float] = {}
    for part in request.headers.get("accept", "").split(","):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        weights[media.lower()] = max(q, weights.get(media.lower(), 0.0))
    html = weights.get("text/html", 0.0)
    json = max(weights.get("application/json", 0.0), weights.get("application/geo+json", 0.0))
    return html > 0 and html >= json


def render(name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """The template ``name`` filled with ``context`` (autoescaped) as an HTML response."""
    context.setdefault("version", __version__)
    context.setdefault("attribution", ATTRIBUTION)
    context.setdefault("favicon", FAVICON)
    return HTMLResponse(_env.get_template(name).render(**context), status_code=status_code)


def event_types() -> list[str]:
    return list(get_args(EventType))


def date_range(store: Store) -> tuple[str | None, str | None]:
    """The first and last event date (ISO) of the store's events and incidents."""
    found: list[str] = []
    for cid in ("events", "incidents"):
        for newest in (False, True):
            _, page = store.items(cid, ItemQuery(limit=1, newest_first=newest))
            for feature in page:
                props = feature["properties"]
                value = props.get("date_last" if newest else "date_first") or props.get("date")
                if isinstance(value, str):
                    found.append(value[:10])
    return (min(found), max(found)) if found else (None, None)


# -- OGC API pages ----------------------------------------------------------------------------


def landing_html(landing: dict[str, Any]) -> HTMLResponse:
    """The home page, which is also the OGC landing page for a browser: the form, and the
    landing page's links."""
    return render(
        "home.html",
        attribution=MAP_ATTRIBUTION,
        links=landing["links"],
        page_data={"event_types": event_types()},
    )


def collections_html(body: dict[str, Any]) -> HTMLResponse:
    return render("collections.html", title="Collections", collections=body["collections"])


def collection_html(body: dict[str, Any]) -> HTMLResponse:
    return render("collection.html", title=body["title"], collection=body)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return orjson.dumps(value).decode()
    return str(value)


def items_html(cid: str, body: dict[str, Any]) -> HTMLResponse:
    """A page of features as a table, with the paging links of the GeoJSON answer."""
    rows = [
        {
            "id": feature.get("id"),
            "event_type": props.get("event_type") or props.get("feature_class") or "",
            "place": _cell(props.get("place") or props.get("name")),
            "date": _cell(props.get("date")),
            "killed": _cell(props.get("killed") or (props.get("casualties") or {}).get("killed")),
            "detail": _cell(props.get("sentence") or props.get("reports")),
        }
        for feature in body["features"]
        for props in [feature.get("properties") or {}]
    ]
    return render(
        "items.html",
        title=f"{cid}: items",
        cid=cid,
        rows=rows,
        matched=body["numberMatched"],
        returned=body["numberReturned"],
        links=body["links"],
    )


def item_html(cid: str, feature: dict[str, Any]) -> HTMLResponse:
    props = feature.get("properties") or {}
    return render(
        "item.html",
        title=f"{cid} {feature.get('id')}",
        cid=cid,
        fid=feature.get("id"),
        rows=[(key, _cell(value)) for key, value in props.items()],
        geometry=_cell(feature.get("geometry")),
    )


# -- map context and fit ----------------------------------------------------------------------

CONTEXT_LAYERS = ("admin1", "rivers", "lakes", "towns")
# Cells of context.CELL_DEG one context request may cover: 64 x 64 degrees, more than a
# full-screen map shows at zoom 5, from which the pages draw the context.
MAX_CONTEXT_CELLS = 4096
# A geoparse answer is larger than the text it came from: /web/fit takes this many times
# the body limit of /v1/geoparse.
FIT_BODY_FACTOR = 16
_GZIP_MIN_BYTES = 1024
_CACHED = "public, max-age=86400"


def _cell_range(lo: float, hi: float) -> range:
    """Cell numbers (of ``context.CELL_DEG``) meeting ``[lo, hi]`` degrees; an upper edge on
    a cell boundary takes no cell beyond it."""
    first = math.floor(lo / context.CELL_DEG)
    return range(first, max(first, math.ceil(hi / context.CELL_DEG) - 1) + 1)


def bbox_cells(bbox: tuple[float, float, float, float]) -> list[context.Cell]:
    """The context cells ``(ix, iy)`` meeting ``bbox`` (minlon, minlat, maxlon, maxlat in
    degrees; minlon > maxlon crosses the antimeridian). InvalidParameter naming ``bbox``
    past :data:`MAX_CONTEXT_CELLS`."""
    minlon, minlat, maxlon, maxlat = bbox
    spans = [(minlon, maxlon)] if minlon <= maxlon else [(minlon, 180.0), (-180.0, maxlon)]
    rows = _cell_range(minlat, maxlat)
    columns = [ix for lo, hi in spans for ix in _cell_range(lo, hi)]
    if len(columns) * len(rows) > MAX_CONTEXT_CELLS:
        raise InvalidParameter(
            f"bbox covers {len(columns) * len(rows)} cells of {context.CELL_DEG:g} degree; "
            f"the context is served for at most {MAX_CONTEXT_CELLS} at a time.",
            [{"field": "bbox", "message": f"at most {MAX_CONTEXT_CELLS} square degrees"}],
        )
    return [(ix, iy) for ix in columns for iy in rows]


def parse_layers(value: str | None) -> tuple[str, ...]:
    """The context layers a comma-separated ``layers`` names (all when None).
    InvalidParameter naming ``layers`` for an unknown one."""
    if value is None:
        return CONTEXT_LAYERS
    names = tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
    unknown = [n for n in names if n not in CONTEXT_LAYERS]
    if unknown or not names:
        raise InvalidParameter(
            f"layers {value!r} must name some of {', '.join(CONTEXT_LAYERS)}.",
            [{"field": "layers", "message": f"one or more of {', '.join(CONTEXT_LAYERS)}"}],
        )
    return names


def context_in(
    cells: Iterable[context.Cell], layers: Sequence[str], ctx: context.Context | None = None
) -> dict[str, Any]:
    """The prebuilt map context (:mod:`maps.context`) of ``cells``: each feature with its
    index in its layer, which the page keeps to draw it once. ``admin1`` and ``rivers`` are
    ``[id, encoded line]``, ``lakes`` ``[id, [encoded ring, ...]]`` and ``towns``
    ``[id, lat, lon, name, min zoom]``; positions are in 1 / ``scale`` degree, lat before
    lon. A feature belongs to the cell of its first position."""
    ctx = ctx or context.layer()
    cells = list(cells)
    out: dict[str, Any] = {"scale": context.SCALE, "attribution": context.ATTRIBUTION}
    for name in layers:
        slices = ctx.cells[name]
        ids = [i for cell in cells for i in range(*slices.get(cell, (0, 0)))]
        if name == "towns":
            out[name] = [[i, *ctx.towns[i][:3], ctx.towns[i][4]] for i in ids]
        else:
            features = getattr(ctx, name)
            out[name] = [[i, features[i]] for i in ids]
    return out


def _json(request: Request, body: bytes, *, cache: bool) -> Response:
    """``body`` as JSON, gzipped when the client takes it and it is worth it."""
    headers = {"Vary": "Accept-Encoding"}
    if cache:
        headers["Cache-Control"] = _CACHED
    if len(body) >= _GZIP_MIN_BYTES and "gzip" in request.headers.get("accept-encoding", ""):
        body = gzip.compress(body, compresslevel=6)
        headers["Content-Encoding"] = "gzip"
    return Response(body, media_type="application/json", headers=headers)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _latlon(position: Any) -> LatLon | None:
    """A GeoJSON position ``[lon, lat, ...]`` as ``(lat, lon)``, or None when invalid."""
    if not isinstance(position, list) or len(position) < 2:
        return None
    lon, lat = _number(position[0]), _number(position[1])
    if lon is None or lat is None or not -90 <= lat <= 90:
        return None
    return (lat, lon)


def _positions(geometry: Any) -> tuple[list[LatLon | None], list[LatLon]]:
    """The points of a (Multi)Point, aligned with its positions (None where invalid), and
    the positions of a (Multi)LineString, as ``(lat, lon)``."""
    if not isinstance(geometry, dict) or not isinstance(geometry.get("coordinates"), list):
        return [], []
    kind, coords = geometry.get("type"), geometry["coordinates"]
    if kind == "Point":
        return [_latlon(coords)], []
    if kind == "MultiPoint":
        return [_latlon(c) for c in coords], []
    parts = [coords] if kind == "LineString" else coords if kind == "MultiLineString" else []
    line = [_latlon(c) for part in parts if isinstance(part, list) for c in part]
    return [], [p for p in line if p is not None]


class _Markers:
    """Marker positions with their confidence and ``[feature, point]`` index, and the
    positions of paths (whose ends count as certain places)."""

    def __init__(self) -> None:
        self.points: list[LatLon] = []
        self.confidences: list[float | None] = []
        self.index: list[list[int]] = []
        self.path_points: list[LatLon] = []
        self.path_ends: list[LatLon] = []

    def add(self, feature: int, point: int, latlon: LatLon, confidence: Any) -> None:
        self.points.append(latlon)
        self.confidences.append(_number(confidence))
        self.index.append([feature, point])

    def located(self) -> bool:
        return bool(self.points or self.path_points)


def _markers(features: list[Any]) -> tuple[_Markers, _Markers]:
    """The events' and the places' markers of a geoparse answer's ``features``."""
    events, places = _Markers(), _Markers()
    for i, feature in enumerate(features):
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict):
            continue
        points, line = _positions(feature.get("geometry"))
        if props.get("kind") == "place" and points and points[0] is not None:
            places.add(i, 0, points[0], props.get("confidence"))
        elif props.get("kind") == "event" and line:
            events.path_points.extend(line)
            events.path_ends.extend([line[0], line[-1]])
        elif props.get("kind") == "event":
            raw = props.get("place_confidences")
            confidences = raw if isinstance(raw, list) and len(raw) == len(points) else []
            for k, point in enumerate(points):
                if point is not None:
                    events.add(i, k, point, confidences[k] if confidences else None)
    return events, places


def fit_view(fc: Any) -> dict[str, Any]:
    """The view of a geoparse answer by :func:`maps.fit.outliers`, as the offline maps
    fit theirs: ``fit``, the bounds ``[[south, west], [north, east]]`` (degrees) of the
    events that agree with the story (or of the places, when no event is located; paths
    always count), or None; ``outliers``, the ``[feature index, point index]`` of each
    position left out (far from the others and resolved with low confidence).
    InvalidInput naming ``features`` when ``fc`` is no FeatureCollection."""
    features = fc.get("features") if isinstance(fc, dict) else None
    if not isinstance(features, list):
        raise InvalidInput(
            "The body must be a GeoJSON FeatureCollection, as /v1/geoparse answers.",
            [{"field": "features", "message": "expected a list of features"}],
        )
    events, places = _markers(features)
    source = events if events.located() else places
    found = fit.outliers(
        source.points + source.path_ends,
        source.confidences + [None] * len(source.path_ends),
    )
    agreeing = [p for j, p in enumerate(source.points) if j not in found]
    return {
        "fit": fit.bounds(agreeing + source.path_points),
        "outliers": [source.index[j] for j in sorted(found) if j < len(source.points)],
    }


# -- routers ----------------------------------------------------------------------------------


@functools.cache
def _basemap_json() -> bytes:
    """The offline basemap as ``[[code, name, encoded rings, [lat, lon] label, min zoom]]``."""
    return orjson.dumps(
        [
            [c.code, c.name, c.rings, [c.label[1], c.label[0]], c.min_label]
            for c in basemap.countries()
        ]
    )


def pages_router() -> APIRouter:
    router = APIRouter(tags=["browser"], include_in_schema=False)

    @router.get("/situation", response_class=HTMLResponse)
    def situation(store: StoreDep) -> HTMLResponse:
        first, last = date_range(store)
        return render(
            "situation.html",
            title="Situation",
            attribution=MAP_ATTRIBUTION,
            page_data={"event_types": event_types(), "first": first, "last": last},
        )

    @router.get("/web/basemap.json")
    def basemap_json(request: Request) -> Response:
        return _json(request, _basemap_json(), cache=True)

    @router.get("/web/context.json")
    def context_json(request: Request, bbox: str, layers: str | None = None) -> Response:
        """The map context (admin-1 boundaries, rivers, lakes, towns) of the cells meeting
        ``bbox`` (minlon,minlat,maxlon,maxlat degrees), ``layers`` of them (all by default)."""
        from service.ogc import parse_bbox  # not at the top: service.ogc imports this module

        cells = bbox_cells(parse_bbox(bbox))
        return _json(request, orjson.dumps(context_in(cells, parse_layers(layers))), cache=True)

    @router.post("/web/fit")
    async def fit_json(request: Request, settings: SettingsDep) -> Response:
        """The view of a posted geoparse answer: :func:`fit_view`."""
        raw = await read_body(request, settings.body_limit * FIT_BODY_FACTOR)
        try:
            fc = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise InvalidInput(
                f"The body is not valid JSON: {exc}.",
                [{"field": "body", "message": "invalid JSON"}],
            ) from exc
        return _json(request, orjson.dumps(fit_view(fc)), cache=False)

    @router.get("/favicon.ico")
    def favicon() -> Response:
        return Response(
            (STATIC / "favicon.svg").read_bytes(),
            media_type="image/svg+xml",
            headers={"Cache-Control": "public, max-age=86400"},
        )

    return router


# The one remote URL in ReDoc's bundle: its "powered by" logo, drawn here with our icon.
_REDOC_LOGO = b"https://cdn.redoc.ly/redoc/logo-mini.svg"


@functools.cache
def _redoc_js() -> bytes:
    bundle = _package_dir("fastapi_offline", "static", "redoc.standalone.js").read_bytes()
    return bundle.replace(_REDOC_LOGO, FAVICON.encode())


def docs_router(app: FastAPI) -> APIRouter:
    """Swagger UI at ``/docs`` and ReDoc at ``/redoc`` with their scripts served here."""
    router = APIRouter(include_in_schema=False)
    openapi_url = app.openapi_url or "/openapi.json"
    oauth2_url = app.swagger_ui_oauth2_redirect_url or "/docs/oauth2-redirect"

    @router.get("/docs")
    def swagger() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{app.title} - Swagger UI",
            oauth2_redirect_url=oauth2_url,
            swagger_js_url="/static/vendor/docs/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/docs/swagger-ui.css",
            swagger_favicon_url=FAVICON,
            swagger_ui_parameters={"validatorUrl": None, **(app.swagger_ui_parameters or {})},
        )

    @router.get(oauth2_url)
    def swagger_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @router.get("/redoc")
    def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url=openapi_url,
            title=f"{app.title} - ReDoc",
            redoc_js_url="/redoc/redoc.standalone.js",
            redoc_favicon_url=FAVICON,
            with_google_fonts=False,
        )

    @router.get("/redoc/redoc.standalone.js")
    def redoc_js() -> Response:
        return Response(
            _redoc_js(),
            media_type="text/javascript",
            headers={"Cache-Control": "public, max-age=86400"},
        )

    return router


def install(app: FastAPI) -> None:
    """Mount the static folders and the page routers on ``app`` (made with ``docs_url`` and
    ``redoc_url`` None). The vendored folders are mounted before ``/static`` they sit in."""
    vendor = {
        "leaflet": _package_dir("js_lib_leaflet", "static", "js_lib_leaflet"),
        "markercluster": _package_dir("maps", "assets", "leaflet.markercluster"),
        "docs": _package_dir("fastapi_offline", "static"),
    }
    for name, folder in vendor.items():
        app.mount(f"/static/vendor/{name}", StaticFiles(directory=folder), name=f"vendor-{name}")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(pages_router())
    app.include_router(docs_router(app))
