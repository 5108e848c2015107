"""The pages in headless Chromium against the service over real HTTP: the home page maps a
pasted article, the situation map shows the store, the OGC and API doc pages render, and
no page sends a request beyond 127.0.0.1 or lets hostile text run."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser import PageReport, browser  # noqa: F401  (browser: a pytest fixture)
from tests.web_server import SEED, XSS, Server, leaving, open_page, server_fixture  # noqa: F401

# The pages fetch from a server that shares two cores with the test: allow for slowness.
expect.set_options(timeout=15_000)
HOSTILE = (
    "Shelling hit Kharkiv on 5 May 2022 <img src=x onerror=\"alert('img')\"> said "
    "<script>alert('script')</script> officials. Airstrikes hit Mosul, killing 4 "
    "people <b id=injected>bold</b>."
)


@pytest.fixture
def opened(browser: Any, server: Server) -> Iterator[Any]:  # noqa: F811
    contexts: list[Any] = []

    def _open(path: str, **kwargs: Any) -> tuple[Any, Any]:
        page, report = open_page(browser, server.url + path, **kwargs)
        contexts.append(page.context)
        return page, report

    yield _open
    for context in contexts:
        context.close()


def _paste(page: Any, text: str, published: str = "2015-10-10") -> None:
    page.fill("#text", text)
    page.fill("#published", published)
    page.click("#submit")
    expect(page.locator("#status")).to_contain_text("events,", timeout=60_000)


def _close_popup(page: Any) -> None:
    """Click the popup's close button by event: while the map still pans, the top of the
    popup can sit under the page header, which would take a pointer click."""
    page.locator(".leaflet-popup-close-button").dispatch_event("click")
    expect(page.locator(".leaflet-popup")).to_have_count(0)


def test_home_maps_a_pasted_article(opened: Any, server: Server) -> None:
    page, report = opened("/")
    expect(page.locator("textarea#text")).to_be_visible()
    expect(page.locator("canvas").first).to_be_attached()  # the basemap
    _paste(page, SEED)
    items = page.locator("#events li.event")
    assert items.count() >= 3
    assert page.locator(".ev-marker, .ev-cluster").count() >= 1
    first = items.first.inner_text()
    assert "Syria" in page.locator("#events").inner_text()
    assert first.strip()
    assert page.locator("#article-text mark").count() >= 1
    page.wait_for_timeout(300)
    assert leaving(report, server) == []
    assert report.errors == []
    assert report.dialogs == []


def test_list_and_map_open_each_other(opened: Any) -> None:
    page, _ = opened("/")
    _paste(page, "Airstrikes hit Mosul on 3 March 2017. Shelling hit Kharkiv on 5 May 2022.")
    items = page.locator("#events li.event")
    assert items.count() == 2
    items.nth(1).click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Kharkiv")
    expect(items.nth(1)).to_have_class("event ev-type-strike active")
    _close_popup(page)
    expect(page.locator(".leaflet-popup")).to_have_count(0)
    items.nth(0).click()
    expect(popup).to_contain_text("Mosul")
    _close_popup(page)
    # the reverse: a marker opens its popup and marks its list item
    page.locator(".ev-marker").first.click()
    expect(page.locator("#events li.active")).to_have_count(1)
    # "Show in text" marks the sentence in the article
    items.nth(1).locator("a.in-text").click()
    expect(page.locator("#article-text mark.flash")).to_have_text(
        "Shelling hit Kharkiv on 5 May 2022."
    )


def test_standalone_map_and_geojson_download(opened: Any, server: Server) -> None:
    page, report = opened("/")
    _paste(page, "Airstrikes hit Mosul on 3 March 2017. Shelling hit Kharkiv on 5 May 2022.")
    with page.expect_download() as download_info:
        page.click("#download")
    path = download_info.value.path()
    fc = json.loads(Path(path).read_text(encoding="utf-8"))
    assert fc["type"] == "FeatureCollection"
    assert {f["properties"].get("place") for f in fc["features"]} >= {"Mosul", "Kharkiv"}
    in_context = PageReport()  # every page of the context, the new tab included
    page.context.on("request", lambda request: in_context.requests.append(request.url))
    with page.expect_popup() as popup_info:
        page.click("#standalone")
    popup = popup_info.value
    expect(popup.locator(".em-marker")).to_have_count(2)
    assert popup.url.startswith("blob:")
    assert leaving(report, server) == [] and leaving(in_context, server) == []
    assert any(u.endswith("/v1/map") for u in in_context.requests)
    assert report.errors == []


def test_hostile_article_stays_inert(opened: Any, server: Server) -> None:
    page, report = opened("/")
    _paste(page, HOSTILE)
    assert page.locator("#events li.event").count() >= 1
    for item in page.locator("#events li.event").all():
        item.click()
    page.locator("#events a.in-text").first.click()
    page.wait_for_timeout(300)
    assert report.dialogs == []
    assert (
        page.locator(
            "img[src=x], #injected, script:not([src]):not([type='application/json'])"
        ).count()
        == 0
    )
    assert "<script>alert('script')</script>" in page.locator("#article-text").inner_text()
    assert "<img src=x" in page.locator("#events").inner_text()
    assert [u for u in report.requests if u.endswith("/x")] == []
    assert leaving(report, server) == []
    assert report.errors == []


def test_bad_input_shows_the_servers_message(opened: Any) -> None:
    page, report = opened("/")
    page.fill("#text", "   ")
    page.click("#submit")
    expect(page.locator("#status.error")).to_contain_text("text", timeout=20_000)
    assert page.locator("#events li.event").count() == 0
    # The 422 answer is logged by Chromium as a failed resource load, nothing else.
    assert all("422" in e for e in report.errors)


def test_situation_shows_stored_incidents_and_filters(opened: Any, server: Server) -> None:
    page, report = opened("/situation")
    items = page.locator("#items li.event")
    expect(page.locator("#items-title")).to_contain_text("Incidents (", timeout=20_000)
    expect(items.first).to_be_visible()
    assert page.locator(".ev-marker, .ev-cluster").count() >= 1
    text = page.locator("#items").inner_text()
    assert "Kharkiv" in text and "Mosul" in text
    kharkiv = items.filter(has_text="Kharkiv").first
    # two stored documents report the Kharkiv shelling: both are listed as its sources
    expect(kharkiv.locator("li.doc")).to_have_count(2)
    assert {"web-kharkiv", "web-kharkiv-2"} <= set(kharkiv.locator("li.doc a").all_inner_texts())
    kharkiv.click()
    expect(page.locator(".leaflet-popup-content")).to_contain_text("Kharkiv")
    expect(kharkiv).to_have_class(re.compile(r"\bactive\b"))
    page.wait_for_timeout(600)  # the pan to the marker reloads the list: the popup stays
    expect(page.locator(".leaflet-popup-content")).to_contain_text("Kharkiv")
    _close_popup(page)

    # the date range: from 2022 on, Mosul (2017) goes
    page.fill("#from", "2022-01-01")
    page.locator("#from").dispatch_event("change")
    expect(page.locator("#items")).not_to_contain_text("Mosul")
    expect(page.locator("#items")).to_contain_text("Kharkiv")
    assert page.locator("#from-range").input_value() != "0"
    page.fill("#from", "2017-03-01")
    page.locator("#from").dispatch_event("change")
    expect(page.locator("#items")).to_contain_text("Mosul")

    # panning: a view over Ukraine leaves Iraq out
    page.evaluate("() => { window.situationMap.setView([50, 36.2], 7); }")
    expect(page.locator("#items")).not_to_contain_text("Mosul")
    expect(page.locator("#items")).to_contain_text("Kharkiv")
    assert leaving(report, server) == []
    assert report.errors == []


def test_situation_keeps_stored_hostile_text_inert(opened: Any, server: Server) -> None:
    page, report = opened("/situation")
    hostile = page.locator("#items li.event").filter(has_text="Benghazi").first
    expect(hostile).to_be_visible()
    expect(hostile.locator("li.doc a")).to_have_text(XSS)  # the title, as text
    hostile.click()
    expect(page.locator(".leaflet-popup-content")).to_contain_text("Benghazi")
    page.goto(server.url + "/collections/events/items?doc_id=web-hostile")
    expect(page.locator("table.items")).to_contain_text("<script>alert('xss')</script>")
    page.wait_for_timeout(300)
    assert report.dialogs == []
    assert page.locator("img[src=x]").count() == 0
    assert [u for u in report.requests if u.endswith("/x")] == []
    assert leaving(report, server) == []
    assert report.errors == []


def test_situation_filters_by_event_type(opened: Any) -> None:
    page, _ = opened("/situation#events")
    expect(page.locator("#items-title")).to_contain_text("Events (", timeout=20_000)
    page.select_option("#event-type", "protest")
    expect(page.locator("#items-title")).to_contain_text("Events (0 of 0)")
    page.select_option("#event-type", "strike")
    expect(page.locator("#items li.event").first).to_be_visible()


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/collections", "incidents"),
        ("/collections/events", "Items (HTML)"),
        ("/collections/incidents/items", "Kharkiv"),
    ],
)
def test_ogc_pages_render_for_a_browser(
    opened: Any, server: Server, path: str, expected: str
) -> None:
    page, report = opened(path)
    expect(page.locator("main")).to_contain_text(expected)
    assert page.locator("a[href^='/situation']").count() >= 1
    assert leaving(report, server) == []
    assert report.errors == []


def test_ogc_item_page_links_back(opened: Any) -> None:
    page, _ = opened("/collections/events/items")
    page.locator("table.items tbody a").first.click()
    expect(page.locator("table.props")).to_contain_text("event_type")


def test_docs_and_redoc_render_offline(opened: Any, server: Server) -> None:
    page, report = opened("/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("eventmap")
    expect(page.locator(".opblock").first).to_be_visible()
    assert leaving(report, server) == []
    assert report.errors == []
    page, report = opened("/redoc")
    expect(page.locator("h1").first).to_contain_text("eventmap", timeout=20_000)
    expect(page.get_by_text("Places and events of one text, as GeoJSON").first).to_be_attached()
    assert leaving(report, server) == []
    assert report.errors == []
