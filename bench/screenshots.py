"""Screenshots of the browser pages for the README: ``python -m bench.screenshots``.

Serves the app with uvicorn on a free port of 127.0.0.1 and a throwaway store, stores the
annotated test articles (tests/articles/*.txt with their ``published`` dates), then in
headless Chromium pastes the seed article on the home page and opens the situation map;
writes docs/home.png and docs/situation.png. Nothing leaves the machine: a page request
beyond the server stops the script.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from service.app import create_app
from service.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "articles"
SEED = ROOT / "tests" / "fixtures" / "seed-article.txt"
CHROMIUM = os.environ.get("EVENTMAP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
]


def _serve(db: Path) -> tuple[uvicorn.Server, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    settings = Settings(database_url=f"sqlite:///{db}")
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def _store_articles(url: str) -> int:
    """Store every annotated test article; the number stored."""
    count = 0
    for text_path in sorted(ARTICLES.glob("*.txt")):
        meta = json.loads(text_path.with_suffix(".json").read_text("utf-8"))
        body = {
            "text": text_path.read_text("utf-8"),
            "published": meta.get("published"),
            "title": text_path.stem.replace("_", " ").capitalize(),
        }
        httpx.post(f"{url}/v1/documents", json=body, timeout=120).raise_for_status()
        count += 1
    return count


def _guard(page: Any, url: str) -> list[str]:
    remote: list[str] = []

    def check(request: Any) -> None:
        if not request.url.startswith((url + "/", "data:", "blob:", "about:")):
            remote.append(request.url)

    page.on("request", check)
    return remote


def shoot(out: Path, width: int = 1400, height: int = 860) -> list[Path]:
    """Write home.png and situation.png into ``out``; their paths."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        server, url = _serve(Path(folder) / "eventmap.db")
        try:
            _store_articles(url)
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": width, "height": height})
                remote = _guard(page, url)
                page.set_default_timeout(60_000)
                page.goto(url + "/", wait_until="load")
                page.fill("#text", SEED.read_text("utf-8"))
                page.fill("#published", "2015-10-10")
                page.click("#submit")
                page.wait_for_selector("#events li.event")
                page.evaluate("() => { document.getElementById('text').scrollTop = 0; }")
                page.locator("#events li.event").nth(1).click()
                page.wait_for_timeout(800)
                page.screenshot(path=out / "home.png")
                page.goto(url + "/situation", wait_until="load")
                page.wait_for_selector("#items li.event")
                page.wait_for_timeout(800)
                page.screenshot(path=out / "situation.png")
                browser.close()
            if remote:
                raise SystemExit(f"pages requested remote URLs: {remote}")
        finally:
            server.should_exit = True
    return [out / "home.png", out / "situation.png"]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args(argv)
    for path in shoot(args.out):
        print(f"{path} ({path.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
