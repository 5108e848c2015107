"""The ASGI app: ``service.app:app``, or ``create_app(settings)`` for another configuration."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from core.geojson import ATTRIBUTION
from maps import basemap
from service import __version__, errors, resources, web
from service.incidents import Rules
from service.ogc import ogc_router
from service.routes import documents_router, gazetteer_router, geoparse_router, meta_router
from service.settings import Settings
from service.storage import DatabaseUnavailable, Store

DESCRIPTION = f"""
Reads news text and puts what happened on a map: place mentions resolved with an offline
gazetteer, events (strikes, casualties, missile paths, territory changes...) as RFC 7946
GeoJSON, and offline HTML maps.

{ATTRIBUTION}. GeoNames data is licensed CC BY 4.0 (geonames.org); Natural Earth is in the
public domain (naturalearthdata.com).
"""


log = logging.getLogger("uvicorn.error")  # uvicorn's own log, where its start is told


def _warm_maps() -> None:
    """The start before the basemap was prebuilt: the renderer imported, the basemap built."""
    import maps.page  # noqa: F401  (folium and branca)

    basemap.countries(rebuild=True)


def _open_store(url: str, rules: Rules) -> Store:
    """The store at ``url``, opened (and migrated) now when its database answers; when it
    does not, the service starts anyway, says so in the log, answers 503 on /healthz and the
    store's routes, and opens the store on the first request after the database is back."""
    store = Store(url, rules, connect=False)
    try:
        store.open()
    except DatabaseUnavailable as exc:
        log.error("%s. /healthz answers 503 until it is back.", exc)
    return store


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        loaded = await run_in_threadpool(resources.load, settings)
        app.state.gazetteer = loaded.gazetteer
        app.state.pipeline = loaded.pipeline
        rules = Rules(settings.incident_km, settings.incident_date_slack_days)
        app.state.store = await run_in_threadpool(_open_store, settings.database_url, rules)
        basemap.use_file(settings.basemap)  # read (a few ms) when the first map is drawn
        if not settings.lazy_start:
            await run_in_threadpool(_warm_maps)
        yield
        app.state.store.close()

    app = FastAPI(
        title="eventmap",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        license_info={"name": "MIT"},
        docs_url=None,  # served offline by service.web
        redoc_url=None,
    )
    app.state.settings = settings
    errors.install(app)
    app.include_router(meta_router())
    app.include_router(geoparse_router())
    app.include_router(documents_router())
    app.include_router(gazetteer_router())
    app.include_router(ogc_router())
    web.install(app)
    return app


app = create_app()
