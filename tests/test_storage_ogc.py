"""Stored documents and the OGC API - Features collections over them."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.settings import Settings
from tests.test_service_http import _problem

IRAQ = "Airstrikes hit Mosul on 3 March 2017, officials said."
UKRAINE = "Shelling hit Kharkiv on 5 May 2022."


def _store(client: TestClient, doc_id: str, text: str, published: str = "2022-05-06") -> dict:
    resp = client.post("/v1/documents", json={"id": doc_id, "text": text, "published": published})
    assert resp.status_code == 201, resp.text
    assert resp.headers["location"] == f"/v1/documents/{doc_id}"
    return resp.json()


def test_store_get_list_delete(client: TestClient) -> None:
    stored = _store(client, "store-1", IRAQ)
    assert stored["id"] == "store-1"
    got = client.get("/v1/documents/store-1").json()
    assert got["toponyms"] == stored["toponyms"]
    listing = client.get("/v1/documents").json()
    assert "store-1" in [d["id"] for d in listing["documents"]]
    assert client.get("/v1/documents/store-1/map").headers["content-type"].startswith("text/html")
    assert client.delete("/v1/documents/store-1").status_code == 204
    _problem(client.get("/v1/documents/store-1"), 404)
    _problem(client.delete("/v1/documents/store-1"), 404)


def test_generated_id_and_text_plain(client: TestClient) -> None:
    resp = client.post(
        "/v1/documents?published=2022-05-06", content=UKRAINE.encode(),
        headers={"content-type": "text/plain"},
    )  # fmt: skip
    assert resp.status_code == 201
    doc_id = resp.json()["id"]
    assert len(doc_id) == 32
    assert client.get(f"/v1/documents/{doc_id}").status_code == 200


def test_failed_requests_change_nothing(client: TestClient) -> None:
    original = _store(client, "keep-me", IRAQ)
    before = client.get("/v1/documents").json()["total"]
    _problem(client.post("/v1/documents", json={"id": "keep-me", "text": UKRAINE}), 409, "id")
    _problem(client.post("/v1/documents", json={"id": "new-one", "text": ""}), 422, "text")
    _problem(client.post("/v1/documents", json={"id": "bad id!", "text": IRAQ}), 422, "id")
    _problem(
        client.post("/v1/documents", content=b"<x/>", headers={"content-type": "text/xml"}), 415
    )
    assert client.get("/v1/documents").json()["total"] == before
    assert client.get("/v1/documents/keep-me").json()["toponyms"] == original["toponyms"]
    _problem(client.get("/v1/documents/new-one"), 404)


def test_documents_survive_a_restart(settings: Settings, client: TestClient) -> None:
    _store(client, "durable", "Shelling hit Izium on 6 May 2022.")
    with TestClient(create_app(settings)) as again:
        assert again.get("/v1/documents/durable").status_code == 200


def test_ogc_landing_conformance_and_collections(client: TestClient) -> None:
    landing = client.get("/").json()
    rels = {link["rel"] for link in landing["links"]}
    assert {"self", "service-desc", "conformance", "data"} <= rels
    conforms = client.get("/conformance").json()["conformsTo"]
    assert any(c.endswith("/conf/core") for c in conforms)
    assert any(c.endswith("/conf/geojson") for c in conforms)
    ids = [c["id"] for c in client.get("/collections").json()["collections"]]
    assert ids == ["events", "places", "incidents"]
    _problem(client.get("/collections/nothing/items"), 404)
    _problem(client.get("/collections/nothing/items", params={"limit": 0}), 404)
    _problem(client.get("/collections/nothing"), 404)


def test_ogc_items_filter_by_bbox_datetime_and_page(client: TestClient) -> None:
    _store(client, "ogc-iraq", "Airstrikes hit Mosul on 3 March 2017.", "2017-03-04")
    _store(client, "ogc-ukraine", "Shelling hit Kharkiv on 5 May 2022, the mayor said.")
    iraq_box = client.get("/collections/events/items", params={"bbox": "40,30,48,38", "limit": 100})
    assert iraq_box.headers["content-type"].startswith("application/geo+json")
    body = iraq_box.json()
    docs = {f["properties"]["doc_id"] for f in body["features"]}
    assert "ogc-iraq" in docs and "ogc-ukraine" not in docs
    assert body["numberReturned"] == len(body["features"])

    dated = client.get(
        "/collections/events/items", params={"datetime": "2022-05-01/..", "limit": 100}
    )
    dates = {f["properties"]["date"] for f in dated.json()["features"]}
    assert dates and all(d >= "2022-05-01" for d in dates)

    first = client.get("/collections/places/items", params={"limit": 1}).json()
    assert first["numberReturned"] == 1 and first["numberMatched"] > 1
    nxt = next(link["href"] for link in first["links"] if link["rel"] == "next")
    second = client.get(nxt).json()
    assert second["features"][0]["id"] != first["features"][0]["id"]

    fid = first["features"][0]["id"]
    one = client.get(f"/collections/places/items/{fid}").json()
    assert one["id"] == fid and one["properties"]["kind"] == "place"
    _problem(client.get("/collections/places/items/999999999"), 404)
    _problem(client.get("/collections/places/items/not-a-number"), 404)


@pytest.mark.parametrize("cid", ["events", "places", "incidents"])
@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "a,b,c,d"}, "bbox"),
        ({"bbox": "40,38,48,30"}, "bbox"),  # minlat > maxlat
        ({"bbox": "40,30,200,38"}, "bbox"),
        ({"bbox": ""}, "bbox"),
        ({"datetime": "May"}, "datetime"),
        ({"datetime": "2022-05-01/2022-06-01/2022-07-01"}, "datetime"),
        ({"datetime": "2022-06-01/2022-05-01"}, "datetime"),
        ({"limit": 0}, "limit"),
        ({"limit": 10_001}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"colour": "red"}, "colour"),
        ({"f": "xml"}, "f"),
    ],
)
def test_ogc_invalid_query_parameters_are_400(
    client: TestClient, cid: str, params: dict, field: str
) -> None:
    body = _problem(client.get(f"/collections/{cid}/items", params=params), 400, field)
    assert field in body["detail"] or body["errors"]


def test_ogc_valid_edge_parameters_are_accepted(client: TestClient) -> None:
    for params in (
        {"bbox": "170,-50,-170,50"},  # across the antimeridian
        {"bbox": "40,30,0,48,38,100"},  # with heights
        {"datetime": "../.."},
        {"datetime": "2015-10-09T00:00:00Z"},
        {"limit": 10_000, "f": "json"},
    ):
        resp = client.get("/collections/events/items", params=params)
        assert resp.status_code == 200, (params, resp.text)


def test_ogc_items_document_400_in_openapi(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    responses = spec["paths"]["/collections/{cid}/items"]["get"]["responses"]
    assert "application/problem+json" in responses["400"]["content"]
    assert "422" not in responses


def test_v1_bodies_keep_422(client: TestClient) -> None:
    _problem(client.post("/v1/documents", json={"text": ""}), 422, "text")
    _problem(client.get("/v1/documents", params={"limit": 0}), 422, "limit")
