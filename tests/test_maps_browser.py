"""Maps opened in headless Chromium: offline, error-free, showing what the data says, and
inert when the text is hostile."""

from __future__ import annotations

import base64
import random
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

import maps
from tests.browser import (
    browser,  # noqa: F401  (pytest fixture)
    collection,
    event,
    open_map,
    place,
    point,
    regional_collection,
)

HOSTILE = '<script>alert(1)</script> "onerror=alert(2) </script><img src=x onerror=alert(3)>'


@pytest.fixture
def opened(browser: Any, tmp_path: Path) -> Any:  # noqa: F811
    """Open a FeatureCollection's map; contexts are closed after the test."""
    contexts = []

    def _open(fc: dict[str, Any], **kwargs: Any) -> tuple[Any, Any]:
        page, report = open_map(browser, maps.render_html(fc, **kwargs), tmp_path / "map.html")
        contexts.append(page.context)
        return page, report

    yield _open
    for context in contexts:
        context.close()


def _pixel_spread(page: Any, png: bytes) -> float:
    """Standard deviation of the grey levels of a PNG, decoded by the browser itself."""
    uri = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    return page.evaluate(
        """async (uri) => {
            const img = new Image();
            img.src = uri;
            await img.decode();
            const canvas = document.createElement('canvas');
            canvas.width = img.width;
            canvas.height = img.height;
            const ctx = canvas.getContext('2d');
            ctx.drawImage(img, 0, 0);
            const px = ctx.getImageData(0, 0, img.width, img.height).data;
            let n = 0, sum = 0, sq = 0;
            for (let i = 0; i < px.length; i += 4 * 7) {
                const g = (px[i] + px[i + 1] + px[i + 2]) / 3;
                n += 1; sum += g; sq += g * g;
            }
            return Math.sqrt(sq / n - (sum / n) ** 2);
        }""",
        uri,
    )


def test_map_loads_offline_without_errors(opened: Any) -> None:
    page, report = opened(regional_collection())
    assert report.remote_requests == []
    assert report.errors == []
    assert page.locator(".em-marker").count() == 7
    assert page.locator(".em-approx").count() == 1  # the country-level clash
    assert page.locator("path.em-path").count() == 1
    assert page.locator("path.em-place").count() == 2
    assert page.locator(".em-arrow").count() == 3
    assert page.locator("path.em-overflown").count() == 1


def test_legend_layer_control_and_attribution_are_shown(opened: Any) -> None:
    page, _ = opened(regional_collection())
    legend = page.locator(".em-legend").inner_text()
    for label in ("Strike (1)", "Casualties (1)", "Missile path (1)", "Protest (1)", "Clash (1)"):
        assert label in legend
    assert "A test week" in legend
    overlays = page.locator(".leaflet-control-layers-overlays").inner_text()
    assert "Strike (1)" in overlays and "Places without events (2)" in overlays
    assert (
        "GeoNames (CC BY 4.0), Natural Earth"
        in page.locator(".leaflet-control-attribution").inner_text()
    )


def test_screenshot_is_not_blank(opened: Any) -> None:
    page, _ = opened(regional_collection())
    assert _pixel_spread(page, page.screenshot()) > 10
    page.set_content("<html><body style='background:#fff'></body></html>")
    assert _pixel_spread(page, page.screenshot()) < 1


def test_fit_shows_every_event(opened: Any) -> None:
    page, _ = opened(regional_collection())
    inside = page.evaluate(
        """() => [...document.querySelectorAll('.em-marker')].map(m => {
            const r = m.getBoundingClientRect();
            return r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight;
        })"""
    )
    assert inside == [True] * 7


def test_popup_shows_the_sentence_toll_and_source(opened: Any) -> None:
    page, _ = opened(regional_collection())
    page.locator(".em-type-strike").click()
    popup = page.locator(".leaflet-popup-content").inner_text()
    assert "Jets bombed a depot outside the capital on Monday." in popup
    assert "Rome (IT) · GeoNames, confidence 0.91" in popup
    assert "2031-03-03" in popup
    page.locator(".leaflet-popup-close-button").click()
    expect(page.locator(".leaflet-popup")).to_have_count(0)
    page.locator(".em-type-casualty").first.click()
    assert "at least 12" in page.locator(".leaflet-popup-content").inner_text()


def test_hostile_text_is_inert(opened: Any) -> None:
    fc = collection(
        [
            event("strike", point(36.7, 34.9), HOSTILE, place=HOSTILE, places=[HOSTILE]),
            event(HOSTILE, point(30.0, 30.0), HOSTILE, actor=HOSTILE, date="2031-01-01"),
            event("clash", point(33.0, 33.0), "plain", date="2031-01-02"),
            event("__proto__", point(25.0, 25.0), "prototype keys are names too"),
            event("constructor", point(26.0, 26.0), "s"),
            place("Far " + HOSTILE, 20.0, 20.0, "XX"),
        ],
        title=HOSTILE,
    )
    page, report = opened(fc)
    page.locator(".em-type-strike").click()
    assert HOSTILE in page.locator(".leaflet-popup-content").inner_text()
    for marker in page.locator(".em-type-other").all():
        marker.dispatch_event("mouseover")
    # An unknown event type is shown (cut to 40 characters) under the "other" icon.
    assert "<script>alert(1)</script>" in " ".join(
        page.locator(".leaflet-tooltip").all_inner_texts()
    )
    page.locator("path.em-place").dispatch_event("mouseover")
    page.locator(".leaflet-control-layers").hover()
    assert (
        "<script>alert(1)</script>" in page.locator(".leaflet-control-layers-overlays").inner_text()
    )
    assert HOSTILE in page.locator(".em-legend").inner_text()
    assert report.dialogs == []
    assert report.errors == []
    assert page.locator("img[src='x']").count() == 0
    assert page.locator(".em-marker").count() == 5
    assert "__proto__ (1)" in page.locator(".em-legend").inner_text()
    scripts_with_alert = "[...document.scripts].filter(s => s.text.includes('alert(1)')).length"
    assert page.evaluate(scripts_with_alert) == 1  # the JSON data block, never run


def test_path_across_the_antimeridian_stays_continuous(opened: Any) -> None:
    geometry = {
        "type": "MultiLineString",
        "coordinates": [[[170.0, 50.0], [180.0, 51.0]], [[-180.0, 51.0], [-170.0, 52.0]]],
    }
    fc = collection(
        [event("missile_path", geometry, "s", origin="West", target="East", overflies=[])]
    )
    page, report = opened(fc)
    assert report.errors == []
    box = page.locator("path.em-path").bounding_box()
    marker = page.locator(".em-marker").bounding_box()
    assert box is not None and marker is not None
    # A line drawn across the whole world would force the fitted view out to zoom 1.
    zoom = page.evaluate("Object.values(window).find(v => v instanceof L.Map).getZoom()")
    assert zoom >= 3
    assert box["width"] < 1200
    assert box["x"] + box["width"] / 2 < marker["x"] + marker["width"] / 2  # at the east end


def test_events_at_one_place_sit_side_by_side(opened: Any) -> None:
    fc = collection(
        [
            event("strike", point(36.0, 35.0), "a", places=["Hilltown"]),
            event(
                "casualty",
                point(36.0, 35.0),
                "b",
                places=["Hilltown"],
                casualties={"killed": 40, "injured": None, "qualifier": None, "victims": None},
            ),
            event("clash", point(36.3, 35.2), "c", places=["Rivertown"]),
        ]
    )
    page, _ = opened(fc)
    strike = page.locator(".em-type-strike").bounding_box()
    toll = page.locator(".em-type-casualty").bounding_box()
    assert strike is not None and toll is not None
    assert strike["x"] + strike["width"] <= toll["x"] + 1  # no overlap
    assert toll["width"] > strike["width"]  # sized by the toll
    assert sorted(page.locator(".em-label").all_inner_texts()) == ["Hilltown", "Rivertown"]


def test_online_tiles_are_the_only_requests(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    url = "https://tiles.example.test/{z}/{x}/{y}.png"
    html = maps.render_html(regional_collection(), tiles=url)
    (tmp_path / "map.html").write_text(html, encoding="utf-8")
    context = browser.new_context()
    try:
        page = context.new_page()
        remote: list[str] = []

        def answer(route: Any) -> None:
            remote.append(route.request.url)
            route.fulfill(status=204)

        page.route("http*://**/*", answer)
        page.goto((tmp_path / "map.html").as_uri(), wait_until="load")
        page.wait_for_timeout(300)
        assert remote
        assert all(u.startswith("https://tiles.example.test/") for u in remote)
        assert (
            "Map tiles: tiles.example.test"
            in page.locator(".leaflet-control-attribution").inner_text()
        )
    finally:
        context.close()


def test_time_slider_filters_events(opened: Any) -> None:
    page, _ = opened(regional_collection())
    assert page.locator(".em-marker").count() == 7
    slider = page.locator(".em-slider")
    slider.evaluate("s => { s.value = '0'; s.dispatchEvent(new Event('input')); }")
    # Up to 2031-03-03: the strike plus the two undated events; no path yet.
    assert page.locator(".em-marker").count() == 3
    assert page.locator("path.em-path").count() == 0
    assert "3 of 5 events" in page.locator(".em-time").inner_text()
    slider.evaluate("s => { s.value = s.max; s.dispatchEvent(new Event('input')); }")
    assert page.locator(".em-marker").count() == 7


def test_layer_control_hides_an_event_type(opened: Any) -> None:
    page, _ = opened(regional_collection())
    page.locator(".leaflet-control-layers").hover()
    page.locator(".leaflet-control-layers-overlays label", has_text="Casualties").click()
    assert page.locator(".em-type-casualty").count() == 0
    assert page.locator(".em-marker").count() == 4


def test_many_events_cluster(opened: Any) -> None:
    rng = random.Random(7)
    features = [
        event(
            rng.choice(["strike", "clash", "casualty", "protest"]),
            point(rng.uniform(30, 45), rng.uniform(30, 40)),
            f"Event number {i}.",
            date=f"2031-02-{rng.randint(1, 28):02d}",
            casualties={"killed": rng.randint(0, 50), "injured": None},
        )
        for i in range(3000)
    ]
    page, report = opened(collection(features))
    assert report.errors == []
    clusters = page.locator(".em-cluster").count()
    assert clusters > 0
    assert page.locator(".em-marker").count() + clusters < 500
