"""The map with context in headless Chromium: fitted to the agreeing places with the outlier
marked, admin-1 boundaries, rivers, lakes and towns drawn at city zoom and hidden when zoomed
out, and still nothing requested from the network."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import maps
from tests.browser import browser, open_map  # noqa: F401  (pytest fixture)
from tests.test_maps_context import ACCRA, lebanon_with_ghana

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
MAP = "() => window[Object.keys(window).find(k => k.startsWith('map_'))]"


@pytest.fixture
def lebanon(browser: Any, tmp_path: Path) -> Any:  # noqa: F811
    page, report = open_map(browser, maps.render_html(lebanon_with_ghana()), tmp_path / "m.html")
    yield page, report
    page.context.close()


def _zoom_to(page: Any, lat: float, lon: float, zoom: int) -> None:
    page.evaluate(
        f"([lat, lon, z]) => {{ ({MAP})().setView([lat, lon], z, {{animate: false}}); }}",
        [lat, lon, zoom],
    )
    page.wait_for_timeout(400)


def test_view_fits_lebanon_and_marks_ghana(lebanon: Any) -> None:
    page, report = lebanon
    assert report.remote_requests == []
    assert report.errors == []
    zoom = page.evaluate(f"() => ({MAP})().getZoom()")
    assert zoom >= 8  # city scale, not two continents
    in_view = page.evaluate(
        f"([lat, lon]) => ({MAP})().getBounds().contains([lat, lon])", list(ACCRA)
    )
    assert in_view is False
    assert page.locator(".em-marker:not(.em-outlier)").count() == 3
    assert page.locator(".em-outlier").count() == 0  # off the view, not drawn
    assert "not in view" in page.locator(".em-legend").inner_text()
    _zoom_to(page, ACCRA[0], ACCRA[1], 8)
    assert page.locator(".em-marker.em-outlier").count() == 1


def test_outlier_popup_says_why(lebanon: Any) -> None:
    page, _ = lebanon
    _zoom_to(page, ACCRA[0], ACCRA[1], 8)
    page.locator(".em-outlier").click()
    assert "left out of the view" in page.locator(".leaflet-popup-content").inner_text()


def test_context_layers_render_at_city_zoom(lebanon: Any) -> None:
    page, report = lebanon
    _zoom_to(page, 33.3, 35.35, 9)
    for pane in ("em-admin1", "em-rivers"):
        assert page.evaluate(PAINTED, pane) > 200, pane
    towns = page.locator(".em-town").all_inner_texts()
    assert len(towns) >= 5
    assert not {"Tyre", "Nabatieh", "Bint Jbeil"} & set(towns)  # labelled by their markers
    _zoom_to(page, 32.82, 35.59, 9)  # the Sea of Galilee, a Natural Earth lake
    assert page.evaluate(PAINTED, "em-lakes") > 1000
    # Zoomed out to the world, the context is not drawn.
    _zoom_to(page, 20, 20, 3)
    assert page.locator(".em-town").count() == 0
    for pane in ("em-admin1", "em-rivers", "em-lakes"):
        assert page.evaluate(PAINTED, pane) == 0, pane
    assert report.remote_requests == []
    assert report.errors == []


def test_attribution_credits_the_context(lebanon: Any) -> None:
    page, _ = lebanon
    text = page.locator(".leaflet-control-attribution").inner_text()
    assert "Natural Earth" in text and "GSHHG rivers" in text and "GeoNames" in text
