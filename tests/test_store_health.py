"""A PostGIS that is down: the service starts, says so in its log, answers 503 on /healthz
and the store's routes, and recovers when the server is back (real server, stopped and
started)."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.settings import Settings
from tests.postgis_server import PostgisServer

TEXT = "Shelling hit Aleppo on Tuesday."


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture
def own_server(postgis_server: PostgisServer) -> Iterator[tuple[PostgisServer, str]]:
    """A server of this test's own (``postgis_server`` only gates on PostGIS being there)
    and the URL of a database in it; stopped."""
    server = PostgisServer()
    try:
        server.start()
        server.make_template()
        url = server.url(server.create_database())
        server.stop()
        yield server, url
    finally:
        server.remove()


def _unreachable(response: httpx.Response) -> None:
    assert response.status_code == 503
    body = response.json()
    assert response.headers["content-type"] == "application/problem+json"
    assert body["errors"] == [{"field": "database", "message": "unreachable"}]
    assert "unreachable" in body["detail"] and "127.0.0.1" in body["detail"]


@pytest.mark.postgis
def test_postgis_down_at_start_then_back(
    settings: Settings, own_server: tuple[PostgisServer, str]
) -> None:
    server, url = own_server
    records = _Records()
    logger = logging.getLogger("uvicorn.error")
    logger.addHandler(records)
    try:
        with TestClient(create_app(settings.model_copy(update={"database_url": url}))) as app:
            assert any("unreachable" in m and "/healthz" in m for m in records.messages)
            _unreachable(app.get("/healthz"))
            _unreachable(app.post("/v1/documents", json={"text": TEXT}))
            _unreachable(app.get("/collections/events/items"))
            assert app.get("/v1/meta").status_code == 200  # what needs no database answers

            server.start()
            health = app.get("/healthz")
            assert health.status_code == 200 and health.json()["database"] == "postgresql"
            created = app.post("/v1/documents", json={"text": TEXT, "published": "2024-03-05"})
            assert created.status_code == 201
            doc_id = created.json()["id"]
            events = app.get("/collections/events/items").json()
            assert events["numberMatched"] >= 1

            server.stop()  # down while serving: pooled connections are dead
            _unreachable(app.get("/healthz"))
            _unreachable(app.get(f"/v1/documents/{doc_id}"))

            server.start()
            assert app.get("/healthz").status_code == 200
            assert app.get(f"/v1/documents/{doc_id}").json()["id"] == doc_id
            again = app.post("/v1/documents", json={"text": TEXT})
            assert again.status_code == 200 and again.json()["id"] == doc_id  # no second copy
    finally:
        logger.removeHandler(records)


def test_healthz_reports_the_sqlite_store(client: TestClient) -> None:
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json()["status"] == "ok" and health.json()["database"] == "sqlite"
