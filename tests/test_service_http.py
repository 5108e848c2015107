"""The HTTP API through httpx against the app: answers and the error table."""

from __future__ import annotations

import re

import orjson
import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.settings import Settings


def _problem(resp, status: int, field: str | None = None) -> dict:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/problem+json")
    body = resp.json()
    assert body["status"] == status
    assert {"type", "title", "detail", "errors"} <= body.keys()
    if field is not None:
        assert field in [e["field"] for e in body["errors"]], body
    return body


def test_healthz_reports_loaded_gazetteer(client: TestClient) -> None:
    resp = client.get("/healthz")
    assert resp.status_code == 200
    body = resp.json()
    assert body["status"] == "ok"
    assert body["gazetteer"]


def test_geoparse_returns_feature_collection_with_offsets(client: TestClient) -> None:
    text = "Shelling hit Aleppo on Monday, and residents fled toward Idlib."
    resp = client.post("/v1/geoparse", json={"text": text, "published": "2024-03-06"})
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("application/geo+json")
    fc = resp.json()
    assert fc["type"] == "FeatureCollection"
    assert "GeoNames" in fc["attribution"]
    assert fc["document"]["chars"] == len(text)
    assert fc["document"]["published"] == "2024-03-06"
    mentions = {t["mention"]: t for t in fc["toponyms"]}
    assert "Aleppo" in mentions
    for t in fc["toponyms"]:
        assert text[t["start"] : t["end"]] == t["mention"]
    aleppo = mentions["Aleppo"]
    assert aleppo["country_code"] == "SY"
    assert abs(aleppo["lat"] - 36.2) < 0.3 and abs(aleppo["lon"] - 37.16) < 0.3
    for feature in fc["features"]:
        assert feature["type"] == "Feature"
        assert feature["properties"]["kind"] in ("event", "place")
        geometry = feature["geometry"]
        if geometry["type"] == "Point":
            lon, lat = geometry["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
    kinds = [f["properties"]["kind"] for f in fc["features"]]
    assert kinds == sorted(kinds, key=lambda k: k != "event"), "events come before places"


def test_geoparse_accepts_text_plain_with_query_date(client: TestClient) -> None:
    text = "Protesters gathered in Khartoum on Friday."
    resp = client.post(
        "/v1/geoparse?published=2023-04-16T08:00:00Z&country_hint=SD,ss",
        content=text.encode(),
        headers={"content-type": "text/plain; charset=utf-8"},
    )
    assert resp.status_code == 200, resp.text
    fc = resp.json()
    assert fc["document"]["published"] == "2023-04-16"
    assert fc["document"]["country_hint"] == ["SD", "SS"]
    assert [t["mention"] for t in fc["toponyms"]] == ["Khartoum"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "   \n "}, "text"),
        ({}, "text"),
        ({"title": "no text here"}, "text"),
        ({"text": 123}, "text"),
        ({"text": ["Aleppo"]}, "text"),
        ({"text": "Aleppo", "published": "last Tuesday"}, "published"),
        ({"text": "Aleppo", "country_hint": "SY"}, "country_hint"),
        ({"text": "Aleppo", "country_hint": ["Syria"]}, "country_hint"),
    ],
)
def test_invalid_fields_are_422_naming_the_field(
    client: TestClient, body: dict, field: str
) -> None:
    _problem(client.post("/v1/geoparse", json=body), 422, field)


def test_non_utf8_body_is_422(client: TestClient) -> None:
    raw = '{"text": "Alep\xe9"}'.encode("latin-1")
    _problem(
        client.post("/v1/geoparse", content=raw, headers={"content-type": "application/json"}),
        422,
        "body",
    )
    _problem(
        client.post(
            "/v1/geoparse",
            content="Alep\xe9".encode("latin-1"),
            headers={"content-type": "text/plain"},
        ),
        422,
        "text",
    )


@pytest.mark.parametrize("raw", [b"{not json", b'["Aleppo"]', b'"Aleppo"'])
def test_malformed_json_is_422(client: TestClient, raw: bytes) -> None:
    _problem(
        client.post("/v1/geoparse", content=raw, headers={"content-type": "application/json"}),
        422,
        "body",
    )


def test_two_megabyte_body_is_413(client: TestClient) -> None:
    text = "Shelling hit Aleppo. " * 100_000
    resp = client.post(
        "/v1/geoparse",
        content=orjson.dumps({"text": text}),
        headers={"content-type": "application/json"},
    )
    body = _problem(resp, 413)
    assert "limit" in body["detail"]


def test_body_limit_is_a_setting(settings: Settings) -> None:
    small = settings.model_copy(update={"body_limit": 64})
    with TestClient(create_app(small)) as c:
        _problem(c.post("/v1/geoparse", json={"text": "Shelling hit Aleppo. " * 5}), 413)
        assert c.post("/v1/geoparse", json={"text": "Aleppo"}).status_code == 200


@pytest.mark.parametrize("content_type", ["application/xml", "multipart/form-data", ""])
def test_wrong_content_type_is_415(client: TestClient, content_type: str) -> None:
    headers = {"content-type": content_type} if content_type else {}
    resp = client.post("/v1/geoparse", content=b"<text>Aleppo</text>", headers=headers)
    _problem(resp, 415, "content-type")


def test_meta_credits_data_sources(client: TestClient) -> None:
    meta = client.get("/v1/meta").json()
    assert meta["version"]
    text = orjson.dumps(meta["sources"]).decode()
    assert "GeoNames" in text and "CC BY 4.0" in text
    assert "Natural Earth" in text
    assert "strike" in meta["event_types"]


def test_openapi_documents_examples(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    spec = client.get("/openapi.json").json()
    body = spec["paths"]["/v1/geoparse"]["post"]["requestBody"]["content"]
    assert "Zafaraneh" in body["application/json"]["examples"]["seed"]["value"]["text"]
    assert "text/plain" in body
    responses = spec["paths"]["/v1/geoparse"]["post"]["responses"]
    for status in ("413", "415", "422"):
        assert "application/problem+json" in responses[status]["content"]


def test_gazetteer_search_ranks_with_country_bias(client: TestClient) -> None:
    resp = client.get("/v1/gazetteer/search", params={"q": "Tripoli", "country": "lb"})
    assert resp.status_code == 200
    candidates = resp.json()["candidates"]
    assert candidates[0]["country_code"] == "LB"
    assert {c["country_code"] for c in candidates} >= {"LB", "LY"}
    _problem(client.get("/v1/gazetteer/search"), 422, "q")
    _problem(client.get("/v1/gazetteer/search", params={"q": "Tripoli", "country": "LBN"}), 422)


def test_unknown_route_is_problem_json(client: TestClient) -> None:
    _problem(client.get("/v1/nothing-here"), 404)


def test_map_endpoint_answers_offline_html(client: TestClient) -> None:
    text = "Shelling hit Aleppo. <script>alert(1)</script> was written on a wall in Idlib."
    resp = client.post("/v1/map", json={"text": text})
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/html")
    html = resp.text
    assert "<script>alert(1)</script>" not in html
    assert not re.search(r"<script[^>]+src=[\"']?https?:", html), "no script from a CDN"
    assert not re.search(r"<link[^>]+href=[\"']?https?:", html), "no stylesheet from a CDN"
    assert "GeoNames" in html
    _problem(client.post("/v1/map", json={"text": ""}), 422, "text")
