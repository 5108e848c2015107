"""HTTP routes, each group built by a small factory and mounted by the app factory."""

from __future__ import annotations

import uuid
from typing import Annotated, Any, TypeVar, get_args

import orjson
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from core.document import EventType
from core.geojson import ATTRIBUTION
from core.pipeline import Pipeline
from maps import render_html
from service import __version__, resources
from service.deps import (
    GazetteerDep,
    PipelineDep,
    SettingsDep,
    StoreDep,
    get_settings,
)
from service.errors import (
    InvalidInput,
    NotFound,
    PayloadTooLarge,
    UnsupportedMediaType,
    problem_responses,
)
from service.schemas import SEED_EXAMPLE, GeoparseRequest, StoreRequest
from service.settings import Settings
from service.storage import Source, Store

GEOJSON = "application/geo+json"
LOCATION = {
    "description": "/v1/documents/{id} of the stored document",
    "schema": {"type": "string"},
}
Request_ = TypeVar("Request_", bound=GeoparseRequest)

BODY_DOC: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": GeoparseRequest.model_json_schema(),
                "examples": {
                    "seed": {
                        "summary": "Russian strikes in Syria (2015)",
                        "value": {"text": SEED_EXAMPLE, "published": "2015-10-10"},
                    },
                    "short": {"summary": "One sentence", "value": {"text": "Shelling hit Aleppo."}},
                },
            },
            "text/plain": {
                "schema": {"type": "string"},
                "example": SEED_EXAMPLE,
            },
        },
    }
}


async def map_response(settings: Settings, fc: dict[str, Any]) -> HTMLResponse:
    html = await run_in_threadpool(render_html, fc, tiles=settings.map_tiles)
    return HTMLResponse(html)


class GeoJSONResponse(Response):
    media_type = GEOJSON

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it passes ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(f"Body of {declared} bytes is over the limit of {limit} bytes.")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"Body is over the limit of {limit} bytes.")
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(raw: bytes, charset: str, field: str) -> str:
    try:
        return raw.decode(charset)
    except (UnicodeDecodeError, LookupError) as exc:
        raise InvalidInput(
            f"The body is not valid {charset} text: {exc}. Send UTF-8.",
            [{"field": field, "message": f"not valid {charset}"}],
        ) from exc


async def parse_request(request: Request, model: type[Request_]) -> Request_:
    """A ``model`` from a JSON body, or from a text/plain body plus query parameters."""
    content_type = request.headers.get("content-type", "")
    media, _, params = content_type.partition(";")
    media = media.strip().lower()
    charset = "utf-8"
    for param in params.split(";"):
        key, _, value = param.strip().partition("=")
        if key.lower() == "charset" and value:
            charset = value.strip('"').lower()
    if media not in ("application/json", "text/plain"):
        raise UnsupportedMediaType(
            f"Content type {media or '(none)'!r} is not supported: "
            "send application/json or text/plain.",
            [{"field": "content-type", "message": "use application/json or text/plain"}],
        )
    raw = await read_body(request, get_settings(request).body_limit)
    if media == "text/plain":
        query = request.query_params
        data: Any = {
            "text": _decode(raw, charset, "text"),
            "published": query.get("published"),
            "title": query.get("title"),
            "url": query.get("url"),
            "country_hint": [
                code for value in query.getlist("country_hint") for code in value.split(",") if code
            ],
            "id": query.get("id"),
        }
    else:
        try:
            data = orjson.loads(_decode(raw, charset, "body"))
        except orjson.JSONDecodeError as exc:
            raise InvalidInput(
                f"The body is not valid JSON: {exc}.",
                [{"field": "body", "message": "invalid JSON"}],
            ) from exc
        if not isinstance(data, dict):
            raise InvalidInput(
                'The body must be a JSON object such as {"text": "..."}.',
                [{"field": "body", "message": "expected an object"}],
            )
    return model.model_validate(data)


async def analyse(pipeline: Pipeline, body: GeoparseRequest) -> dict[str, Any]:
    return await run_in_threadpool(resources.analyse, pipeline, body)


def geoparse_router() -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["analysis"], responses=problem_responses(413, 415, 422))

    @router.post(
        "/geoparse",
        response_class=GeoJSONResponse,
        openapi_extra=BODY_DOC,
        summary="Places and events of one text, as GeoJSON",
        description=(
            "Finds every place mention, resolves it with the offline gazetteer and attaches "
            "events. Answers an RFC 7946 FeatureCollection (events, then places) with the "
            "foreign members `toponyms`, `document` and `attribution`. Stores nothing."
        ),
    )
    async def geoparse(request: Request, pipeline: PipelineDep) -> GeoJSONResponse:
        body = await parse_request(request, GeoparseRequest)
        return GeoJSONResponse(await analyse(pipeline, body))

    @router.post(
        "/map",
        response_class=HTMLResponse,
        openapi_extra=BODY_DOC,
        summary="An offline HTML map of one text",
        description="The same analysis as /v1/geoparse, drawn as a standalone Leaflet map.",
    )
    async def map_(request: Request, pipeline: PipelineDep, settings: SettingsDep) -> HTMLResponse:
        fc = await analyse(pipeline, await parse_request(request, GeoparseRequest))
        return await map_response(settings, fc)

    return router


def documents_router() -> APIRouter:
    router = APIRouter(
        prefix="/v1/documents",
        tags=["documents"],
        responses=problem_responses(404, 409, 413, 415, 422),
    )

    def _stored(store: Store, doc_id: str) -> dict[str, Any]:
        fc = store.get(doc_id)
        if fc is None:
            raise NotFound(f"No document {doc_id!r} is stored.")
        return fc

    @router.post(
        "",
        status_code=201,
        response_class=GeoJSONResponse,
        openapi_extra=BODY_DOC,
        summary="Analyse a text and store it with its features",
        description=(
            "Like /v1/geoparse, and keeps the answer: its events and places join the OGC API "
            "collections and its events join the `incidents`. Answers 201 with the "
            "FeatureCollection, its `id`, `sources` and a `Location` header.\n\n"
            "A text is stored once: when the same text (Unicode NFC, whitespace runs made one "
            "space) is already stored, the answer is **200** with the stored document and its "
            "`Location` (its own `id`, whatever `id` was asked), and nothing is analysed or "
            "stored again; a `published` or `url` not seen before for that text is added to "
            "its `sources`. 409 if the `id` asked for holds another text."
        ),
        responses={
            200: {
                "description": "The text was already stored: the stored document, its "
                "`Location`; the request's `published`/`url` joined its `sources`.",
                "content": {GEOJSON: {}},
                "headers": {"Location": LOCATION},
            },
            201: {
                "description": "Stored: the new document.",
                "content": {GEOJSON: {}},
                "headers": {"Location": LOCATION},
            },
        },
    )
    async def create(request: Request, store: StoreDep, pipeline: PipelineDep) -> GeoJSONResponse:
        body = await parse_request(request, StoreRequest)
        source = Source(
            body.published.isoformat() if body.published else None, body.title, body.url
        )
        found = await run_in_threadpool(store.find, body.id, body.text, source)
        doc_id, created = found or "", False
        if found is None:
            fc = await analyse(pipeline, body)
            doc_id, created = await run_in_threadpool(
                store.add, body.id or uuid.uuid4().hex, body.text, fc
            )
        stored = await run_in_threadpool(store.get, doc_id)
        return GeoJSONResponse(
            stored,
            status_code=201 if created else 200,
            headers={"location": f"/v1/documents/{doc_id}"},
        )

    @router.get("", summary="Stored documents, newest first")
    def list_(
        store: StoreDep,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict[str, Any]:
        total, docs = store.documents(limit, offset)
        return {"total": total, "documents": docs}

    @router.get(
        "/{doc_id}",
        response_class=GeoJSONResponse,
        summary="A stored FeatureCollection, with its `id` and `sources`",
    )
    def get(store: StoreDep, doc_id: str) -> GeoJSONResponse:
        return GeoJSONResponse(_stored(store, doc_id))

    @router.get("/{doc_id}/map", response_class=HTMLResponse, summary="A stored document's map")
    async def get_map(store: StoreDep, settings: SettingsDep, doc_id: str) -> HTMLResponse:
        return await map_response(settings, _stored(store, doc_id))

    @router.delete(
        "/{doc_id}",
        status_code=204,
        summary="Forget a document, its features and its reports in incidents",
    )
    def delete(store: StoreDep, doc_id: str) -> Response:
        if not store.delete(doc_id):
            raise NotFound(f"No document {doc_id!r} is stored.")
        return Response(status_code=204)

    return router


def gazetteer_router() -> APIRouter:
    router = APIRouter(prefix="/v1/gazetteer", tags=["gazetteer"], responses=problem_responses(422))

    @router.get("/search", summary="Ranked gazetteer candidates for a name")
    def search(
        gazetteer: GazetteerDep,
        q: Annotated[str, Query(min_length=1, max_length=200, description="A place name.")],
        country: Annotated[
            str | None, Query(pattern="^[A-Za-z]{2}$", description="ISO alpha-2 code to favour.")
        ] = None,
        limit: Annotated[int, Query(ge=1, le=100)] = 10,
    ) -> dict[str, Any]:
        code = country.upper() if country else None
        return {"query": q, "country": code, "candidates": gazetteer.search(q, code, limit)}

    return router


def meta_router() -> APIRouter:
    router = APIRouter(tags=["meta"])

    @router.get(
        "/healthz",
        summary="Readiness: ok once the gazetteer is loaded and the database answers",
        description='503 (problem+json, `errors[0].field == "database"`) while the '
        "database cannot be reached; the store connects again on the next request.",
        responses=problem_responses(503),
    )
    def healthz(gazetteer: GazetteerDep, store: StoreDep) -> dict[str, Any]:
        store.ping()
        return {
            "status": "ok",
            "version": __version__,
            "gazetteer": gazetteer.stats,
            "database": store.backend.name,
        }

    @router.get("/v1/meta", summary="Version, data sources and their licences")
    def meta(gazetteer: GazetteerDep) -> dict[str, Any]:
        return {
            "name": "eventmap",
            "version": __version__,
            "attribution": ATTRIBUTION,
            "sources": gazetteer.sources,
            "event_types": list(get_args(EventType)),
        }

    return router
