"""Screenshot a map of a FeatureCollection with headless Chromium (used for docs/seed-map.png).

    .venv/bin/eventmap parse ../shared/fixtures/seed-article.txt --published 2015-10-10 \\
        -o /tmp/seed.geojson
    .venv/bin/python -m docs.screenshot /tmp/seed.geojson docs/seed-map.png
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

import maps
from tests.browser import CHROMIUM, CHROMIUM_ARGS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("geojson", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=760)
    args = parser.parse_args()
    html = maps.render_html(json.loads(args.geojson.read_text(encoding="utf-8")))
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        page_path = Path(tmp) / "map.html"
        page_path.write_text(html, encoding="utf-8")
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": args.width, "height": args.height})
        page.goto(page_path.as_uri(), wait_until="load")
        page.wait_for_timeout(800)
        page.screenshot(path=str(args.png))
        browser.close()


if __name__ == "__main__":
    main()
