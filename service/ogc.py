"""OGC API - Features (Part 1: core, GeoJSON, OpenAPI 3.0) over the stored features.

Three collections: ``events`` and ``places`` of every stored document, and ``incidents``, the
events of different documents merged when they report the same happening. GDAL's OAPIF driver
and QGIS read them as layers.

Query parameters are checked as Part 1 requires: an invalid value (bbox, datetime, limit,
offset) or a parameter the API does not define answers 400 (problem+json naming it); an
unknown collection or feature 404.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Coroutine
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, get_args

from fastapi import APIRouter, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.responses import JSONResponse, Response

from core.document import EventType
from core.geojson import ATTRIBUTION
from service.deps import StoreDep
from service.errors import InvalidParameter, NotFound, describe, field_errors, problem_responses
from service.export import MEDIA_TYPES, export
from service.routes import GeoJSONResponse
from service.storage import COLLECTIONS
from service.storage import Query as ItemQuery
from service.web import (
    collection_html,
    collections_html,
    item_html,
    items_html,
    landing_html,
    wants_html,
)

CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
    "http://www.opengis.net/spec/ogcapi-features-8/1.0/conf/sorting",
]
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
TITLES = {
    "events": "Events of stored documents (strikes, casualties, paths...)",
    "places": "Places mentioned in stored documents",
    "incidents": "Incidents: events of different documents reporting the same happening",
}
ITEMS_PARAMETERS = frozenset(
    {"limit", "offset", "bbox", "datetime", "event_type", "doc_id", "f", "sortby"}
)
SORTABLE = {"date": False, "+date": False, "-date": True}  # newest first?
FORMATS = frozenset({"json", "geojson", "application/json", "application/geo+json", "html"})
# A browser (Accept: text/html, or ?f=html) gets these pages as HTML; JSON stays the default.
HTML: dict[int | str, dict[str, Any]] = {200: {"content": {"text/html": {}}}}


class JSONSchemaResponse(JSONResponse):
    media_type = "application/schema+json"


class OGCRoute(APIRoute):
    """A route whose invalid query or path parameters answer 400, not FastAPI's 422."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            try:
                return await handler(request)
            except RequestValidationError as exc:
                cid = request.path_params.get("cid")
                if cid is not None and cid not in COLLECTIONS:
                    raise NotFound(
                        f"No collection {cid!r}; there are {', '.join(COLLECTIONS)}."
                    ) from exc
                raise InvalidParameter(
                    f"Invalid query parameter: {describe(exc)}", field_errors(exc)
                ) from exc

        return route


def _link(href: str, rel: str, type_: str = "application/json", title: str = "") -> dict:
    link = {"href": href, "rel": rel, "type": type_}
    if title:
        link["title"] = title
    return link


def _collection(base: str, cid: str) -> dict[str, Any]:
    return {
        "id": cid,
        "title": TITLES[cid],
        "description": ATTRIBUTION,
        "itemType": "feature",
        "crs": [CRS84],
        "extent": {"spatial": {"bbox": [[-180, -90, 180, 90]], "crs": CRS84}},
        "links": [
            _link(f"{base}collections/{cid}", "self"),
            _link(f"{base}collections/{cid}/items", "items", "application/geo+json"),
            _link(
                f"{base}collections/{cid}/queryables",
                "http://www.opengis.net/def/rel/ogc/1.0/queryables",
                "application/schema+json",
            ),
        ],
    }


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """``minlon,minlat,maxlon,maxlat`` in degrees (or 6 numbers with heights, which are
    ignored); ``minlon > maxlon`` crosses the antimeridian. InvalidParameter naming ``bbox``."""
    try:
        numbers = [float(v) for v in value.split(",")]
    except ValueError:
        numbers = []
    if len(numbers) == 6:
        numbers = [numbers[0], numbers[1], numbers[3], numbers[4]]
    if (
        len(numbers) != 4
        or not all(-180 <= x <= 180 for x in numbers[0::2])
        or not (-90 <= numbers[1] <= numbers[3] <= 90)
    ):
        raise InvalidParameter(
            f"bbox {value!r} must be minlon,minlat,maxlon,maxlat in degrees (4 numbers, "
            "longitudes -180..180, latitudes -90..90, minlat <= maxlat).",
            [{"field": "bbox", "message": "expected minlon,minlat,maxlon,maxlat in degrees"}],
        )
    minx, miny, maxx, maxy = numbers
    return minx, miny, maxx, maxy


def check_parameters(request: Request, known: frozenset[str]) -> None:
    """400 naming every query parameter the API does not define, and a format but JSON."""
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        raise InvalidParameter(
            f"Unknown query parameter(s) {', '.join(unknown)}; this request takes "
            f"{', '.join(sorted(known))}.",
            [{"field": name, "message": "unknown query parameter"} for name in unknown],
        )
    fmt = request.query_params.get("f")
    if fmt is not None and fmt.lower() not in FORMATS:
        raise InvalidParameter(
            f"Format f={fmt!r} is not served; use f=json (GeoJSON) or f=html.",
            [{"field": "f", "message": "only json or html"}],
        )


def parse_sortby(value: str) -> bool:
    """Whether ``sortby`` asks for the newest first: ``date``/``+date`` oldest first,
    ``-date`` newest first (OGC API - Features Part 8); InvalidParameter naming ``sortby``."""
    if value.replace(" ", "+") not in SORTABLE:
        raise InvalidParameter(
            f"sortby {value!r} is not served; use date, +date or -date.",
            [{"field": "sortby", "message": "only date, +date or -date"}],
        )
    return SORTABLE[value.replace(" ", "+")]


def queryables(base: str, cid: str) -> dict[str, Any]:
    """The JSON Schema of what a collection's items can be filtered by (OGC API - Features
    Part 3): its geometry, its date (``datetime``), ``event_type`` and ``doc_id``."""
    properties: dict[str, Any] = {
        "geometry": {"$ref": "https://geojson.org/schema/Geometry.json"},
        "datetime": {"type": "string", "format": "date", "description": "the event date"},
        "doc_id": {"type": "string", "description": "the stored document"},
    }
    if cid != "places":
        properties["event_type"] = {"type": "string", "enum": list(get_args(EventType))}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{base}collections/{cid}/queryables",
        "type": "object",
        "title": TITLES[cid],
        "properties": properties,
        "additionalProperties": False,
    }


def parse_datetime(value: str) -> tuple[date | None, date | None]:
    """An RFC 3339 date or instant, or an interval ``a/b`` with ``..`` for an open end."""
    parts = value.split("/")
    if len(parts) > 2:
        raise InvalidParameter(
            "datetime has more than one '/'.", [{"field": "datetime", "message": "bad interval"}]
        )

    def one(text: str) -> date | None:
        if text in ("", ".."):
            return None
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError as exc:
            raise InvalidParameter(
                f"datetime {text!r} is not RFC 3339 (e.g. 2015-10-09 or 2015-10-01/..).",
                [{"field": "datetime", "message": "not RFC 3339"}],
            ) from exc

    start = one(parts[0])
    end = one(parts[1]) if len(parts) == 2 else start
    if start is not None and end is not None and start > end:
        raise InvalidParameter(
            f"datetime {value!r} ends before it starts.",
            [{"field": "datetime", "message": "start after end"}],
        )
    return start, end


def ogc_router() -> APIRouter:
    # Parameters are never 422 here; a "4XX" entry also keeps FastAPI from listing one.
    responses = {
        **problem_responses(400, 404),
        "4XX": {"description": "Client error", "content": problem_responses(400)[400]["content"]},
    }
    router = APIRouter(tags=["OGC API - Features"], responses=responses, route_class=OGCRoute)

    @router.get("/", summary="Landing page", response_model=dict[str, Any], responses=HTML)
    def landing(request: Request) -> dict[str, Any] | Response:
        base = str(request.base_url)
        body = {
            "title": "eventmap",
            "description": "News events and places as OGC API - Features. " + ATTRIBUTION,
            "links": [
                _link(base, "self"),
                _link(f"{base}openapi.json", "service-desc",
                      "application/vnd.oai.openapi+json;version=3.0"),
                _link(f"{base}docs", "service-doc", "text/html"),
                _link(f"{base}conformance", "conformance"),
                _link(f"{base}collections", "data"),
            ],
        }  # fmt: skip
        return landing_html(body) if wants_html(request) else body

    @router.get("/conformance", summary="Conformance classes")
    def conformance() -> dict[str, Any]:
        return {"conformsTo": CONFORMANCE}

    @router.get(
        "/collections",
        summary="The feature collections",
        response_model=dict[str, Any],
        responses=HTML,
    )
    def collections(request: Request) -> dict[str, Any] | Response:
        base = str(request.base_url)
        body = {
            "links": [_link(f"{base}collections", "self")],
            "collections": [_collection(base, cid) for cid in COLLECTIONS],
        }
        return collections_html(body) if wants_html(request) else body

    def _check(cid: str) -> None:
        if cid not in COLLECTIONS:
            raise NotFound(f"No collection {cid!r}; there are {', '.join(COLLECTIONS)}.")

    @router.get(
        "/collections/{cid}/queryables",
        summary="What the collection's items can be filtered by (JSON Schema)",
        response_class=JSONSchemaResponse,
    )
    def collection_queryables(request: Request, cid: str) -> JSONSchemaResponse:
        _check(cid)
        return JSONSchemaResponse(queryables(str(request.base_url), cid))

    @router.get(
        "/collections/{cid}",
        summary="One collection",
        response_model=dict[str, Any],
        responses=HTML,
    )
    def collection(request: Request, cid: str) -> dict[str, Any] | Response:
        _check(cid)
        body = _collection(str(request.base_url), cid)
        return collection_html(body) if wants_html(request) else body

    @router.get(
        "/collections/{cid}/items",
        response_class=GeoJSONResponse,
        summary="Features of a collection, filtered by bbox, datetime and event type",
        description=(
            "GeoJSON features with `numberMatched`, `numberReturned` and `next`/`prev` links. "
            "An invalid `bbox`, `datetime`, `limit` or `offset`, or a query parameter not "
            "listed here, answers 400 (problem+json naming it)."
        ),
    )
    def items(
        request: Request,
        store: StoreDep,
        cid: str,
        limit: Annotated[int, Query(ge=1, le=10_000)] = 10,
        offset: Annotated[int, Query(ge=0)] = 0,
        bbox: Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat")] = None,
        datetime_: Annotated[
            str | None, Query(alias="datetime", description="RFC 3339 date or a/b, '..' open")
        ] = None,
        event_type: Annotated[str | None, Query()] = None,
        doc_id: Annotated[str | None, Query()] = None,
        f: Annotated[str | None, Query(description="Output format: json (GeoJSON) or html")] = None,
        sortby: Annotated[
            str | None, Query(description="date or +date (oldest first), -date (newest first)")
        ] = None,
    ) -> Response:
        _check(cid)
        check_parameters(request, ITEMS_PARAMETERS)
        start, end = parse_datetime(datetime_) if datetime_ is not None else (None, None)
        query = ItemQuery(
            bbox=parse_bbox(bbox) if bbox is not None else None, start=start, end=end,
            event_type=event_type, doc_id=doc_id, limit=limit, offset=offset,
            newest_first=parse_sortby(sortby) if sortby is not None else None,
        )  # fmt: skip
        matched, features = store.items(cid, query)
        links = [_link(str(request.url), "self", "application/geo+json")]
        if offset + len(features) < matched:
            nxt = request.url.include_query_params(offset=offset + limit, limit=limit)
            links.append(_link(str(nxt), "next", "application/geo+json"))
        if offset > 0:
            prev = request.url.include_query_params(offset=max(0, offset - limit), limit=limit)
            links.append(_link(str(prev), "prev", "application/geo+json"))
        body = {
            "type": "FeatureCollection",
            "features": features,
            "numberMatched": matched,
            "numberReturned": len(features),
            "links": links,
            "attribution": ATTRIBUTION,
        }
        return items_html(cid, body) if wants_html(request) else GeoJSONResponse(body)

    @router.get(
        "/collections/{cid}/items/{fid}",
        response_class=GeoJSONResponse,
        summary="One feature",
    )
    def item(request: Request, store: StoreDep, cid: str, fid: str) -> Response:
        _check(cid)
        feature = store.item(cid, int(fid)) if fid.isdigit() else None
        if feature is None:
            raise NotFound(f"No feature {fid} in collection {cid!r}.")
        feature["links"] = [
            _link(str(request.url), "self", "application/geo+json"),
            _link(f"{request.base_url}collections/{cid}", "collection"),
        ]
        return item_html(cid, feature) if wants_html(request) else GeoJSONResponse(feature)

    @router.get(
        "/v1/export.{fmt}",
        tags=["export"],
        summary="The store as a file: GeoPackage, GeoJSON, FlatGeobuf or ACLED-style CSV",
        description=(
            "`gpkg`: layers `events`, `places`, `incidents`; `geojson` and `fgb`: the events; "
            "`csv`: the events as ACLED's columns (event_date, event_type, sub_event_type, "
            "actor1, location, latitude, longitude, geo_precision, fatalities, source, notes). "
            "Filters as on the OGC items: `bbox`, `datetime`, `event_type`."
        ),
        responses={
            **problem_responses(400, 404),
            200: {"content": {"application/octet-stream": {}}},
        },
    )
    def export_store(
        store: StoreDep,
        fmt: str,
        bbox: Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat")] = None,
        datetime_: Annotated[
            str | None, Query(alias="datetime", description="RFC 3339 date or a/b, '..' open")
        ] = None,
        event_type: Annotated[str | None, Query()] = None,
    ) -> Response:
        suffix = f".{fmt.lower()}"
        if suffix not in MEDIA_TYPES:
            raise NotFound(f"No export format {fmt!r}; use one of gpkg, geojson, fgb, csv.")
        start, end = parse_datetime(datetime_) if datetime_ is not None else (None, None)
        query = ItemQuery(
            bbox=parse_bbox(bbox) if bbox is not None else None,
            start=start,
            end=end,
            event_type=event_type,
        )
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"eventmap{suffix}"
            export(store, path, query)
            content = path.read_bytes() if path.exists() else b""
        return Response(
            content,
            media_type=MEDIA_TYPES[suffix],
            headers={"Content-Disposition": f'attachment; filename="eventmap{suffix}"'},
        )

    return router
