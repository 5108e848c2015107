"""OGC API - Features Parts 3 and 8 as far as the store serves them: each collection's
queryables (JSON Schema) and items sorted by date."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

TEXTS = {
    "sort-old": ("On 2 March 2021, militants attacked a police post in Gao.", "2021-03-03"),
    "sort-new": ("On 9 May 2021, militants attacked a police post in Menaka.", "2021-05-10"),
}


@pytest.fixture(scope="module")
def stored(client: TestClient) -> None:
    for doc_id, (text, published) in TEXTS.items():
        answer = client.post(
            "/v1/documents", json={"id": doc_id, "text": text, "published": published}
        )
        assert answer.status_code in (200, 201)


@pytest.mark.parametrize("cid", ["events", "places", "incidents"])
def test_each_collection_serves_its_queryables(client: TestClient, cid: str) -> None:
    answer = client.get(f"/collections/{cid}/queryables")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/schema+json")
    schema = answer.json()
    assert schema["type"] == "object" and schema["additionalProperties"] is False
    assert {"geometry", "datetime", "doc_id"} <= set(schema["properties"])
    assert ("event_type" in schema["properties"]) is (cid != "places")
    links = client.get(f"/collections/{cid}").json()["links"]
    assert any(link["rel"].endswith("/queryables") for link in links)


def test_conformance_declares_queryables_and_sorting(client: TestClient) -> None:
    classes = client.get("/conformance").json()["conformsTo"]
    assert any(c.endswith("/conf/queryables") for c in classes)
    assert any(c.endswith("/conf/sorting") for c in classes)


def _dates(client: TestClient, sortby: str) -> list[str]:
    answer = client.get(
        "/collections/events/items",
        params={"sortby": sortby, "datetime": "2021-03-01/2021-05-31", "limit": 100},
    )
    assert answer.status_code == 200, answer.text
    return [f["properties"]["date"] for f in answer.json()["features"]]


def test_items_sorted_by_date_both_ways(client: TestClient, stored: None) -> None:
    oldest_first, newest_first = _dates(client, "+date"), _dates(client, "-date")
    assert oldest_first == sorted(oldest_first) and len(oldest_first) >= 2
    assert newest_first == sorted(newest_first, reverse=True)
    assert oldest_first[0] == "2021-03-02" and newest_first[0] == "2021-05-09"


def test_unknown_sort_key_is_400(client: TestClient) -> None:
    answer = client.get("/collections/events/items", params={"sortby": "place"})
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["field"] == "sortby"
