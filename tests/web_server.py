"""The service over real HTTP for the browser tests of the pages: uvicorn in a thread of the
test process, on a free port of 127.0.0.1, with its own store; and a page opener that records
every request, console error and dialog of a page."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from service.app import create_app
from service.settings import Settings
from tests.browser import PageReport

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "tests" / "fixtures" / "seed-article.txt").read_text(encoding="utf-8")
XSS = "<img src=x onerror=alert('xss')><script>alert('xss')</script>"
# (id, text, published, title)
STORED = [
    ("web-mosul", "Airstrikes hit Mosul on 3 March 2017, killing 12 people.", "2017-03-04", None),
    ("web-kharkiv", "Shelling hit Kharkiv on 5 May 2022, the mayor said.", "2022-05-06", None),
    ("web-kharkiv-2", "Russian shelling struck Kharkiv on 5 May 2022.", "2022-05-07", None),
    ("web-hostile", f"Clashes broke out in Benghazi on 2 June 2023. {XSS}", "2023-06-03", XSS),
]


@dataclass
class Server:
    url: str
    settings: Settings


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module", name="server")
def server_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app served by uvicorn with a fresh store holding the documents of STORED."""
    db = tmp_path_factory.mktemp("web") / "eventmap.db"
    settings = Settings(database_url=f"sqlite:///{db}")
    port = _free_port()
    config = uvicorn.Config(
        create_app(settings), host="127.0.0.1", port=port, log_level="warning", lifespan="on"
    )
    uvi = uvicorn.Server(config)
    thread = threading.Thread(target=uvi.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not uvi.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    url = f"http://127.0.0.1:{port}"
    for doc_id, text, published, title in STORED:
        resp = httpx.post(
            f"{url}/v1/documents",
            json={"id": doc_id, "text": text, "published": published, "title": title or doc_id},
            timeout=60,
        )
        assert resp.status_code in (200, 201), resp.text
    try:
        yield Server(url, settings)
    finally:
        uvi.should_exit = True
        thread.join(timeout=10)


def open_page(
    browser: Any, url: str, *, width: int = 1400, height: int = 900
) -> tuple[Any, PageReport]:
    """Open ``url`` in a new context; the report lists every request, console error and
    dialog from then on (the caller closes ``page.context``)."""
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
    page.set_default_timeout(20_000)
    page.goto(url, wait_until="load")
    return page, report


def leaving(report: PageReport, server: Server) -> list[str]:
    """Requests of ``report`` that went anywhere but the test server."""
    return [u for u in report.remote_requests if not u.startswith(server.url + "/")]
