"""The service over each backend, through HTTP: stored documents, OGC API - Features items
with filters, incidents and a GeoPackage export opened with GDAL (pyogrio). The same requests
answer the same on SQLite and on a real PostGIS."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyogrio
import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.settings import Settings
from tests.test_incidents import KRAMATORSK, POLTAVA

REPORTS = [*KRAMATORSK, POLTAVA]
KR = sorted(doc_id for doc_id, _, _ in KRAMATORSK)


@pytest.fixture
def app(settings: Settings, database_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(settings.model_copy(update={"database_url": database_url}))) as c:
        yield c


def test_reports_stored_served_and_exported(app: TestClient, tmp_path: Path) -> None:
    for doc_id, text, published in REPORTS:
        answer = app.post("/v1/documents", json={"id": doc_id, "text": text,
                                                 "published": published})  # fmt: skip
        assert answer.status_code == 201, answer.text
    first = KR[0]
    again = app.post("/v1/documents", json={"text": dict((d, t) for d, t, _ in REPORTS)[first],
                                            "published": "2022-04-10"})  # fmt: skip
    assert again.status_code == 200 and again.json()["id"] == first
    assert len(again.json()["sources"]) == 2
    assert app.get("/v1/documents").json()["total"] == 4

    donbas = {"bbox": "36.0,48.0,38.5,49.5", "limit": "100"}
    events = app.get("/collections/events/items", params=donbas).json()
    assert {f["properties"]["doc_id"] for f in events["features"]} == set(KR)
    incidents = app.get("/collections/incidents/items", params={"limit": "100"}).json()
    merged = [f for f in incidents["features"] if f["properties"]["reports"] == 3]
    assert len(merged) == 1 and sorted(merged[0]["properties"]["documents"]) == KR
    apart = [f for f in incidents["features"] if POLTAVA[0] in f["properties"]["documents"]]
    assert len(apart) == 1 and apart[0]["properties"]["reports"] == 1  # stays apart
    fid = merged[0]["id"]
    assert app.get(f"/collections/incidents/items/{fid}").json()["id"] == fid
    assert app.get("/collections/incidents/items", params=donbas).json()["numberMatched"] == 1
    bad = app.get("/collections/events/items", params={"bbox": "36,48,38"})
    assert bad.status_code == 400

    answer = app.get("/v1/export.gpkg", params={"bbox": donbas["bbox"]})
    assert answer.status_code == 200
    path = tmp_path / "store.gpkg"
    path.write_bytes(answer.content)
    assert {"events", "incidents"} <= {name for name, _ in pyogrio.list_layers(path)}
    assert pyogrio.read_info(path, layer="incidents")["features"] == 1

    assert app.delete(f"/v1/documents/{KR[1]}").status_code == 204
    incidents = app.get("/collections/incidents/items", params={"doc_id": first}).json()
    assert [f["properties"]["reports"] for f in incidents["features"]] == [2]
