"""Map build benchmark: time to render 10,000 events to HTML, and page sizes.

Run: ``.venv/bin/python -m bench.maps [--events N] [--runs R] [--browser]``. Prints the
one-off basemap and map-context preparation times and the prebuilt files' sizes, the median
build time over R runs (both cached), the HTML size of the 10,000-event map and of a typical
one-article map, and with ``--browser`` the time headless Chromium takes to draw the large
map.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import maps
from maps import basemap, context

EVENT_TYPES = ["strike", "casualty", "clash", "protest", "displacement", "crash", "other"]


def synthetic_collection(n_events: int, seed: int = 1) -> dict[str, Any]:
    """``n_events`` events (a tenth of them missile paths) and as many places, spread over
    the Middle East and Ukraine, with sentences of article length and dates over a year."""
    rng = random.Random(seed)
    features: list[dict[str, Any]] = []
    for i in range(n_events):
        lon, lat = rng.uniform(30.0, 50.0), rng.uniform(28.0, 52.0)
        props: dict[str, Any] = {
            "kind": "event",
            "event_type": rng.choice(EVENT_TYPES),
            "place": f"Town {i}",
            "places": [f"Town {i}"],
            "place_sources": ["geonames"],
            "place_confidences": [0.8],
            "country_code": "SY",
            "geo_precision": 1,
            "sentence": f"Event {i}: " + " ".join(rng.choice("abcdefgh") * 5 for _ in range(30)),
            "trigger": "shelled",
            "date": f"2031-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "date_precision": "day",
            "actor": "a force",
        }
        geometry: dict[str, Any] = {"type": "Point", "coordinates": [lon, lat]}
        if props["event_type"] == "casualty":
            props["casualties"] = {"killed": rng.randint(1, 200), "qualifier": "at least"}
        if i % 10 == 0:
            props.update(event_type="missile_path", origin="A", target="B", overflies=["IQ"])
            steps = 20
            end_lon, end_lat = rng.uniform(30.0, 50.0), rng.uniform(28.0, 52.0)
            geometry = {
                "type": "LineString",
                "coordinates": [
                    [lon + (end_lon - lon) * k / steps, lat + (end_lat - lat) * k / steps]
                    for k in range(steps + 1)
                ],
            }
        features.append({"type": "Feature", "geometry": geometry, "properties": props})
    for i in range(n_events):
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [rng.uniform(30.0, 50.0), rng.uniform(28.0, 52.0)],
                },
                "properties": {"kind": "place", "name": f"Village {i}", "country_code": "SY"},
            }
        )
    return {"type": "FeatureCollection", "features": features, "toponyms": [], "document": {}}


def browser_draw_seconds(html: str) -> float:
    """Seconds from navigation to the end of eventmap.build in headless Chromium."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        path = Path(tmp) / "map.html"
        path.write_text(html, encoding="utf-8")
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        start = time.perf_counter()
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_selector(".em-cluster")
        elapsed = time.perf_counter() - start
        browser.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--browser", action="store_true")
    args = parser.parse_args()

    start = time.perf_counter()
    basemap.countries()
    print(f"basemap preparation (once per process): {time.perf_counter() - start:.2f} s")
    start = time.perf_counter()
    context.layer()
    print(f"map context preparation (once per process): {time.perf_counter() - start:.2f} s")
    for path in (basemap.current_file(), context.current_file()):
        if path.exists():
            print(f"prebuilt {path.name}: {path.stat().st_size / 1e6:.2f} MB")

    fc = synthetic_collection(args.events)
    times = []
    html = ""
    for _ in range(args.runs):
        start = time.perf_counter()
        html = maps.render_html(fc)
        times.append(time.perf_counter() - start)
    print(
        f"build {args.events} events: median {statistics.median(times):.2f} s "
        f"(min {min(times):.2f}, max {max(times):.2f}, {args.runs} runs)"
    )
    print(f"HTML size, {args.events} events: {len(html.encode()) / 1e6:.2f} MB")
    typical = maps.render_html(synthetic_collection(15, seed=2))
    print(f"HTML size, 15 events (one article): {len(typical.encode()) / 1e6:.2f} MB")
    if args.browser:
        print(f"Chromium load and draw, {args.events} events: {browser_draw_seconds(html):.2f} s")


if __name__ == "__main__":
    main()
