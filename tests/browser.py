"""Headless Chromium for map tests, driven by Playwright with Debian's browser, and
hand-built FeatureCollections in the contract's shape for the map tests.

Playwright's own browser download needs the network, so the tests use ``/usr/bin/chromium``
(override with ``EVENTMAP_CHROMIUM``). Without it the tests skip, unless ``CI`` is set, in
which case they fail: CI must exercise the browser.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from core.geojson import ATTRIBUTION

CHROMIUM = os.environ.get("EVENTMAP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")


def _missing_reason() -> str | None:
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    return None


@dataclass
class PageReport:
    """What a page did while it loaded: requests by URL, console errors, dialogs."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    @property
    def remote_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(LOCAL_SCHEMES)]


# Each test module that imports the fixture below gets its own session-scoped copy, but one
# thread can run only one Playwright: the copies share one browser, stopped with the last.
_shared: dict[str, Any] = {"users": 0}


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Chromium shared by the session."""
    reason = _missing_reason()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    if _shared["users"] == 0:
        _shared["pw"] = sync_playwright().start()
        _shared["browser"] = _shared["pw"].chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
    _shared["users"] += 1
    try:
        yield _shared["browser"]
    finally:
        _shared["users"] -= 1
        if _shared["users"] == 0:
            _shared.pop("browser").close()
            _shared.pop("pw").stop()


def open_map(
    browser: Any, html: str, path: Path, *, width: int = 1200, height: int = 800
) -> tuple[Any, PageReport]:
    """Write ``html`` to ``path`` and open it; return the page (caller closes its context)
    and the report of requests, console errors and dialogs seen up to the load event."""
    path.write_text(html, encoding="utf-8")
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    report = PageReport()
    page.on("request", lambda request: report.requests.append(request.url))
    page.on("console", lambda msg: msg.type == "error" and report.errors.append(msg.text))
    page.on("pageerror", lambda exc: report.errors.append(str(exc)))

    def on_dialog(dialog: Any) -> None:
        report.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.set_default_timeout(10_000)
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_timeout(300)
    return page, report


# Hand-built FeatureCollections in the contract's shape, for the map tests.


def event(
    event_type: str, geometry: dict[str, Any], sentence: str, **properties: Any
) -> dict[str, Any]:
    """An event Feature; ``geometry`` is GeoJSON, positions ``[lon, lat]``."""
    props = {"kind": "event", "event_type": event_type, "sentence": sentence, "date": None}
    props.update(properties)
    return {"type": "Feature", "geometry": geometry, "properties": props}


def point(lon: float, lat: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [lon, lat]}


def place(name: str, lon: float, lat: float, country_code: str) -> dict[str, Any]:
    """A place Feature with one mention."""
    return {
        "type": "Feature",
        "geometry": point(lon, lat),
        "properties": {
            "kind": "place",
            "name": name,
            "geonameid": None,
            "country_code": country_code,
            "feature_class": "city",
            "source": "geonames",
            "confidence": 0.8,
            "mentions": [[0, len(name)]],
        },
    }


def collection(features: list[dict[str, Any]], **document: Any) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "features": features,
        "toponyms": [],
        "document": document,
        "attribution": ATTRIBUTION,
    }


def regional_collection() -> dict[str, Any]:
    """Six events far apart (so none cluster when fitted), one of them a path, one a
    three-place toll, plus two places with no event: 7 event markers, 1 path, 2 grey dots."""
    return collection(
        [
            event(
                "strike",
                point(12.5, 41.9),
                "Jets bombed a depot outside the capital on Monday.",
                place="Rome",
                places=["Rome"],
                place_sources=["geonames"],
                place_confidences=[0.91],
                country_code="IT",
                date="2031-03-03",
                actor="an air force",
            ),
            event(
                "casualty",
                {"type": "MultiPoint", "coordinates": [[2.35, 48.86], [4.35, 50.85], [13.4, 52.5]]},
                "At least 12 people died across the three cities.",
                place="Paris, Brussels, Berlin",
                places=["Paris", "Brussels", "Berlin"],
                casualties={"killed": 12, "injured": 30, "qualifier": "at least", "victims": None},
                date="2031-03-04",
            ),
            event(
                "missile_path",
                {
                    "type": "LineString",
                    "coordinates": [[30.5, 50.4], [26.0, 47.0], [23.3, 42.7]],
                },
                "A missile flew from the north towards the border.",
                origin="Kyiv",
                target="Sofia",
                distance_km=1100.0,
                overflies=["RO"],
                date="2031-03-05",
            ),
            event("protest", point(-3.7, 40.4), "Crowds marched downtown.", place="Madrid"),
            event(
                "clash",
                point(21.0, 52.2),
                "Two groups fought somewhere in the country.",
                place="Poland",
                geo_precision=3,
            ),
            place("Vienna", 16.37, 48.21, "AT"),
            place("Lisbon", -9.14, 38.72, "PT"),
            place("Rome", 12.5, 41.9, "IT"),
        ],
        title="A test week",
        published="2031-03-06",
    )
