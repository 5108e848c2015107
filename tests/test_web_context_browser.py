"""The service's own map pages with context and a fitted view, in headless Chromium against
the service over real HTTP: a story in south Lebanon with one place resolved far away with
low confidence stays on Lebanon with that place marked; admin-1 boundaries, rivers, lakes
and town names are drawn at city zoom (from /web/context.json, only the cells in view) and
hidden zoomed out; nothing leaves 127.0.0.1 and no console error is logged."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from maps import basemap, context
from tests.browser import browser  # noqa: F401  (a pytest fixture)
from tests.web_server import Server, leaving, open_page, server_fixture  # noqa: F401

expect.set_options(timeout=15_000)

# Three strikes in south Lebanon; the village "near Kumasi" is placed at Kumasi, Ghana
# (about 4,400 km away) with confidence 0.3: the outlier.
LEBANON_TEXT = (
    "An Israeli air strike hit Nabatieh in south Lebanon on 5 March 2024, killing three "
    "people. Another strike hit Bint Jbeil and Tyre. A drone strike hit the village of "
    "Odaisseh near Kumasi."
)
KUMASI = (6.688, -1.624)
SOUTH_LEBANON = (33.3, 35.35)
SEA_OF_GALILEE = (32.82, 35.59)
# (south, west, north, east) of Lebanon, degrees.
LEBANON_BOX = (33.0, 35.0, 34.7, 36.7)
MAP = "window.homeMap"
# Painted (non-transparent) pixels of a pane's canvases; 0 when the pane has none.
PAINTED = """(pane) => {
    let n = 0;
    for (const c of document.querySelectorAll('.leaflet-' + pane + '-pane canvas')) {
        if (!c.width || !c.height) continue;
        const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n += 1;
    }
    return n;
}"""
CONTEXT_PANES = ("web-admin1", "web-rivers", "web-lakes")


@pytest.fixture
def opened(browser: Any, server: Server) -> Iterator[Any]:  # noqa: F811
    contexts: list[Any] = []

    def _open(path: str) -> tuple[Any, Any]:
        page, report = open_page(browser, server.url + path)
        contexts.append(page.context)
        return page, report

    yield _open
    for ctx in contexts:
        ctx.close()


class _Traffic:
    """The /web/context.json requests of a page from now on, and the bytes on the wire of
    each answer."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.asked = 0
        self.sizes: list[int] = []
        page.on("request", self._on_request)
        page.on("requestfinished", self._on_finished)

    def _on_request(self, request: Any) -> None:
        if "/web/context.json" in request.url:
            self.asked += 1

    def _on_finished(self, request: Any) -> None:
        if "/web/context.json" in request.url:
            self.sizes.append(request.sizes()["responseBodySize"])

    def settle(self) -> int:
        """Wait until every request asked so far is answered; the number asked."""
        deadline = 100
        while len(self.sizes) < self.asked and deadline:
            self.page.wait_for_timeout(100)
            deadline -= 1
        assert len(self.sizes) == self.asked
        return self.asked


def _paste(page: Any, text: str) -> None:
    page.fill("#text", text)
    page.fill("#published", "2024-03-06")
    page.click("#submit")
    expect(page.locator("#status")).to_contain_text("events,", timeout=60_000)


def _zoom_to(page: Any, lat: float, lon: float, zoom: int) -> None:
    page.evaluate(
        f"([lat, lon, z]) => {{ {MAP}.setView([lat, lon], z, {{animate: false}}); }}",
        [lat, lon, zoom],
    )


def _towns_drawn(page: Any, at_least: int) -> None:
    page.wait_for_function(
        "(n) => document.querySelectorAll('.web-town').length >= n", arg=at_least
    )
    page.wait_for_timeout(200)  # the line layers of the same view


def test_view_fits_lebanon_and_marks_the_far_uncertain_place(opened: Any, server: Server) -> None:
    page, report = opened("/")
    _paste(page, LEBANON_TEXT)
    expect(page.locator("#status")).to_contain_text("1 place far off and uncertain")
    page.wait_for_timeout(500)  # the fit's animation
    center = page.evaluate(f"() => {MAP}.getCenter()")
    south, west, north, east = LEBANON_BOX
    assert south < center["lat"] < north and west < center["lng"] < east, center
    assert page.evaluate(f"() => {MAP}.getZoom()") >= 8  # city scale, not two continents
    assert page.evaluate(f"([lat, lon]) => {MAP}.getBounds().contains([lat, lon])", KUMASI) is False
    # The list: the Odaisseh strike alone carries the note.
    outlier = page.locator("#events li.event-outlier")
    expect(outlier).to_have_count(1)
    expect(outlier).to_contain_text("Odaisseh")
    expect(outlier.locator(".outlier-note")).to_contain_text("left out of the view")
    assert page.locator("#events .outlier-note").count() == 1
    assert page.locator("#events li.event").count() >= 4
    # On the map, the Lebanon markers are plain; the outlier is off the view.
    assert page.locator(".ev-marker:not(.ev-outlier), .ev-cluster").count() >= 1
    assert page.locator(".ev-marker.ev-outlier").count() == 0
    # Opened from the list, the outlier is drawn with its own marker and says why.
    outlier.click()
    expect(page.locator(".ev-marker.ev-outlier")).to_have_count(1)
    expect(page.locator(".leaflet-popup-content")).to_contain_text("left out of the view")
    assert page.evaluate(f"([lat, lon]) => {MAP}.getBounds().contains([lat, lon])", KUMASI)
    assert leaving(report, server) == []
    assert report.errors == []


def test_context_layers_are_drawn_at_city_zoom(opened: Any, server: Server) -> None:
    page, report = opened("/")
    traffic = _Traffic(page)
    _paste(page, LEBANON_TEXT)
    _towns_drawn(page, 5)
    _zoom_to(page, *SOUTH_LEBANON, 9)
    traffic.settle()
    page.wait_for_timeout(300)
    for pane in ("web-admin1", "web-rivers"):
        assert page.evaluate(PAINTED, pane) > 200, pane
    towns = page.locator(".web-town").all_inner_texts()
    assert {"Tyre", "Sidon"} <= set(towns), towns
    assert all(t.strip() for t in towns)
    _zoom_to(page, *SEA_OF_GALILEE, 9)  # a Natural Earth lake
    page.wait_for_function(f"() => ({PAINTED})('web-lakes') > 1000")
    fetched = traffic.settle()
    # The view's cells only: a few kilobytes each, far below the whole prebuilt file.
    assert 0 < max(traffic.sizes) < 60_000, traffic.sizes
    # Zoomed out to the world, the context is neither drawn nor fetched.
    _zoom_to(page, 20, 20, 3)
    page.wait_for_timeout(400)
    assert page.locator(".web-town").count() == 0
    for pane in CONTEXT_PANES:
        assert page.evaluate(PAINTED, pane) == 0, pane
    # Back at city zoom, what was fetched is drawn again without a new request.
    _zoom_to(page, *SEA_OF_GALILEE, 9)
    _towns_drawn(page, 5)
    assert traffic.settle() == fetched
    assert leaving(report, server) == []
    assert report.errors == []


def test_attribution_credits_the_context(opened: Any) -> None:
    page, _ = opened("/")
    _paste(page, LEBANON_TEXT)
    _towns_drawn(page, 1)
    text = page.locator(".leaflet-control-attribution").inner_text()
    assert "GSHHG rivers" in text and "Natural Earth" in text
    assert "GSHHG rivers" in page.locator("footer.credits").inner_text()


def test_situation_map_draws_context(opened: Any, server: Server) -> None:
    page, report = opened("/situation")
    expect(page.locator("#items-title")).to_contain_text("Incidents (", timeout=20_000)
    page.wait_for_timeout(300)
    assert page.locator(".web-town").count() == 0  # the world view: no context yet
    page.evaluate("() => { window.situationMap.setView([50.0, 36.23], 8, {animate: false}); }")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.web-town')].some(t => t.textContent === 'Kharkiv')"
    )
    page.wait_for_timeout(400)
    assert page.evaluate(PAINTED, "web-admin1") > 200
    assert page.evaluate(PAINTED, "web-rivers") > 200
    expect(page.locator("#items")).to_contain_text("Kharkiv")  # the events stay
    assert leaving(report, server) == []
    assert report.errors == []


# The helper routes over HTTP


def _first_position(encoded: str) -> tuple[float, float]:
    """``(lat, lon)`` degrees of the first position of a context line (1 / 1000 degree);
    ``basemap.decode_ring`` reads 1 / 100."""
    lat, lon = basemap.decode_ring(encoded)[0]
    factor = 100 / context.SCALE
    return lat * factor, lon * factor


def test_context_answers_only_the_cells_of_the_bbox(server: Server) -> None:
    resp = httpx.get(f"{server.url}/web/context.json", params={"bbox": "35,33,36.5,34"})
    assert resp.status_code == 200
    assert resp.headers["cache-control"].startswith("public")
    body = resp.json()
    assert body["scale"] == context.SCALE
    assert body["attribution"] == context.ATTRIBUTION
    assert body["admin1"] and body["rivers"] and body["towns"]
    for name in ("admin1", "rivers"):
        for _id, line in body[name]:
            lat, lon = _first_position(line)
            assert 33 <= lat < 34 and 35 <= lon < 37, (name, lat, lon)
    for _id, lat, lon, town, zoom in body["towns"]:
        assert 33 <= lat < 34 and 35 <= lon < 37 and town and zoom >= 7
    ids = [f[0] for f in body["admin1"]]
    assert len(ids) == len(set(ids))
    # Only the layers asked for.
    towns = httpx.get(
        f"{server.url}/web/context.json", params={"bbox": "35,33,36.5,34", "layers": "towns"}
    )
    assert set(towns.json()) == {"scale", "attribution", "towns"}
    assert towns.json()["towns"] == body["towns"]
    # Compressed when the client takes gzip.
    plain = httpx.get(
        f"{server.url}/web/context.json",
        params={"bbox": "35,33,36.5,34"},
        headers={"accept-encoding": "identity"},
    )
    assert "content-encoding" not in plain.headers
    assert resp.headers["content-encoding"] == "gzip"  # httpx asks for gzip by default
    assert resp.num_bytes_downloaded < len(plain.content) / 1.5
    assert resp.content == plain.content


@pytest.mark.parametrize(
    ("params", "status", "field"),
    [
        ({"bbox": "35,33"}, 400, "bbox"),
        ({"bbox": "35,34,36,33"}, 400, "bbox"),  # minlat > maxlat
        ({"bbox": "-180,-90,180,90"}, 400, "bbox"),  # more cells than one request takes
        ({"bbox": "35,33,36,34", "layers": "roads"}, 400, "layers"),
        ({"bbox": "35,33,36,34", "layers": ","}, 400, "layers"),
        ({}, 422, "bbox"),
    ],
)
def test_context_refuses_bad_parameters(
    server: Server, params: dict[str, str], status: int, field: str
) -> None:
    resp = httpx.get(f"{server.url}/web/context.json", params=params)
    assert resp.status_code == status
    assert resp.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in resp.json()["errors"]] == [field]


def test_fit_leaves_the_far_uncertain_place_out(server: Server) -> None:
    fc = httpx.post(
        f"{server.url}/v1/geoparse",
        json={"text": LEBANON_TEXT, "published": "2024-03-06"},
        timeout=60,
    ).json()
    assert "fit" not in fc and "outliers" not in fc  # the GeoJSON contract is unchanged
    view = httpx.post(f"{server.url}/web/fit", json=fc).json()
    (feature, point), *rest = view["outliers"]
    assert rest == []
    props = fc["features"][feature]["properties"]
    assert props["places"][point] == "Odaisseh" and props["place_confidences"][point] < 0.5
    (south, west), (north, east) = view["fit"]
    box_south, box_west, box_north, box_east = LEBANON_BOX
    assert box_south <= south <= north <= box_north and box_west <= west <= east <= box_east
    # Without the outlier, nothing is left out and the view takes in every event.
    kept = dict(fc, features=[f for i, f in enumerate(fc["features"]) if i != feature])
    view = httpx.post(f"{server.url}/web/fit", json=kept).json()
    assert view["outliers"] == []
    assert math.isclose(view["fit"][0][0], south) and math.isclose(view["fit"][1][1], east)


@pytest.mark.parametrize(
    ("body", "field"),
    [(b"{", "body"), (b'{"type": "Feature"}', "features"), (b"[]", "features")],
)
def test_fit_refuses_what_is_no_feature_collection(server: Server, body: bytes, field: str) -> None:
    resp = httpx.post(
        f"{server.url}/web/fit", content=body, headers={"content-type": "application/json"}
    )
    assert resp.status_code == 422
    assert [e["field"] for e in resp.json()["errors"]] == [field]
