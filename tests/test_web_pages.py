"""The pages over HTTP: content negotiation between the OGC JSON and the HTML pages, text
from the store escaped in every page, and every asset a page names served by the service."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from service.web import wants_html

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"
HOSTILE = (
    "Shelling hit Kharkiv on 5 May 2022. "
    '<script>alert(1)</script><img src=x onerror=alert(2)> "quoted"'
)


def _assets(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"#]+)"', html)


@pytest.mark.parametrize(
    ("accept", "html"),
    [
        (BROWSER, True),
        ("text/html", True),
        ("application/json", False),
        ("*/*", False),  # curl, GDAL
        ("", False),
        ("application/json, text/html;q=0.5", False),
        ("text/html;q=0.9, application/geo+json", False),
        ("text/html;q=zero", False),
    ],
)
def test_negotiation(client: TestClient, accept: str, html: bool) -> None:
    for path in ("/", "/collections", "/collections/events", "/collections/events/items"):
        resp = client.get(path, headers={"accept": accept})
        assert resp.status_code == 200, path
        assert resp.headers["content-type"].startswith("text/html") is html, (path, accept)


def test_f_parameter_wins_over_accept(client: TestClient) -> None:
    assert client.get("/?f=json", headers={"accept": BROWSER}).json()["links"]
    page = client.get("/collections?f=html", headers={"accept": "application/json"})
    assert page.headers["content-type"].startswith("text/html")
    items = client.get("/collections/incidents/items?f=json", headers={"accept": BROWSER})
    assert items.headers["content-type"].startswith("application/geo+json")


def test_wants_html_reads_only_f_and_accept() -> None:
    from starlette.requests import Request

    def request(query: str, accept: str) -> Request:
        headers = [(b"accept", accept.encode())]
        return Request({"type": "http", "query_string": query.encode(), "headers": headers})

    assert wants_html(request("f=HTML", "application/json"))
    assert not wants_html(request("f=geojson", BROWSER))
    assert wants_html(request("", BROWSER))


def test_home_page_has_the_form_and_offline_assets(client: TestClient) -> None:
    resp = client.get("/", headers={"accept": BROWSER})
    html = resp.text
    for needle in ('<textarea id="text"', 'type="date" id="published"', 'id="country"',
                   'type="submit"', 'id="map"', 'id="events"'):  # fmt: skip
        assert needle in html
    for url in _assets(html):
        if url.startswith("http"):  # only the landing page's own links are absolute
            assert url.startswith("http://testserver/"), url
            continue
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("path", ["/situation", "/docs", "/redoc", "/collections?f=html"])
def test_pages_name_no_remote_asset(client: TestClient, path: str) -> None:
    html = client.get(path).text
    assert not re.search(r"(src|href)=\"(https?:)?//", html), path
    for url in _assets(html):
        assert client.get(url).status_code == 200, (path, url)


def test_redoc_bundle_is_served_without_its_remote_logo(client: TestClient) -> None:
    body = client.get("/redoc/redoc.standalone.js")
    assert body.status_code == 200 and len(body.content) > 500_000
    assert b"cdn.redoc.ly" not in body.content
    swagger = client.get("/static/vendor/docs/swagger-ui-bundle.js")
    assert swagger.status_code == 200 and b"SwaggerUIBundle" in swagger.content


def test_favicon_and_basemap(client: TestClient) -> None:
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"] == "image/svg+xml"
    assert icon.content.startswith(b"<svg")
    countries = client.get("/web/basemap.json").json()
    france = next(c for c in countries if c[0] == "FR")
    lat, lon = france[3]  # label as [lat, lon]
    assert 42 < lat < 51 and -5 < lon < 8
    assert client.get("/static/nothing.js").status_code == 404


def test_store_text_is_escaped_in_ogc_pages(client: TestClient) -> None:
    stored = client.post("/v1/documents", json={"id": "web-hostile", "text": HOSTILE})
    assert stored.status_code in (200, 201), stored.text
    items = client.get("/collections/events/items?f=html&doc_id=web-hostile&limit=100")
    assert items.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in items.text
    assert "<script>alert(1)" not in items.text and "<img src=x" not in items.text
    fid = client.get("/collections/events/items?doc_id=web-hostile").json()["features"][0]["id"]
    item = client.get(f"/collections/events/items/{fid}", headers={"accept": BROWSER})
    assert item.headers["content-type"].startswith("text/html")
    assert "&lt;img src=x onerror=alert(2)&gt;" in item.text and "<img src=x" not in item.text
    assert 'href="/situation#events"' in item.text


def test_situation_page_carries_the_stored_date_range(client: TestClient) -> None:
    client.post(
        "/v1/documents",
        json={
            "id": "web-dated",
            "text": "Jets bombed Raqqa on 3 March 2017.",
            "published": "2017-03-04",
        },
    )
    html = client.get("/situation").text
    data = re.search(r'<script type="application/json" id="page-data">(.*?)</script>', html)
    assert data is not None
    import json

    page = json.loads(data.group(1))
    assert page["first"] <= "2017-03-03" <= page["last"]
    assert "strike" in page["event_types"]


def test_bad_items_parameters_stay_problem_json_for_browsers(client: TestClient) -> None:
    resp = client.get("/collections/events/items?f=html&bbox=1,2", headers={"accept": BROWSER})
    assert resp.status_code == 400
    assert resp.headers["content-type"].startswith("application/problem+json")
    missing = client.get("/collections/nothing?f=html")
    assert missing.status_code == 404
