"""The service as users run it: uvicorn in its own process, and the eventmap command."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pyogrio
import pytest

from tests.conftest import DATA_DIR, ROOT

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(
    proc: subprocess.Popen, url: str, output: Callable[[], str], seconds: float = 120
) -> None:
    """Until ``url``'s /healthz answers 200; fails the test with the server's last output
    when it exits first, or after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        if proc.poll() is not None:
            pytest.fail(f"the server exited: {output()[-2000:]}")
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"the server did not become healthy in {seconds:.0f} s")
        time.sleep(0.1)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    db = tmp_path_factory.mktemp("server") / "eventmap.db"
    env = {
        "EVENTMAP_DATA_DIR": str(DATA_DIR),
        "EVENTMAP_DATABASE_URL": f"sqlite:///{db}",
        "PATH": str(BIN),
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "service.app:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(proc, url, lambda: proc.stdout.read().decode() if proc.stdout else "")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_uvicorn_serves_geoparse(server: str) -> None:
    resp = httpx.post(f"{server}/v1/geoparse", json={"text": "Shelling hit Aleppo."}, timeout=30)
    assert resp.status_code == 200
    fc = resp.json()
    assert fc["type"] == "FeatureCollection"
    assert [t["mention"] for t in fc["toponyms"]] == ["Aleppo"]
    resp = httpx.post(f"{server}/v1/geoparse", content=b"x", headers={"content-type": "image/png"})
    assert resp.status_code == 415


def test_cli_parse_writes_geojson_that_gdal_reads(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(
        "Airstrikes hit Mosul on Tuesday, killing at least 12 civilians, "
        "officials in Baghdad said.",
        encoding="utf-8",
    )
    out = tmp_path / "out.geojson"
    env = {"EVENTMAP_DATA_DIR": str(DATA_DIR), "PATH": str(BIN)}
    result = subprocess.run(
        [BIN / "eventmap", "parse", article, "--published", "2017-03-01", "-o", out],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    fc = json.loads(out.read_text())
    assert {t["mention"] for t in fc["toponyms"]} >= {"Mosul", "Baghdad"}
    info = pyogrio.read_info(out)
    assert info["features"] == len(fc["features"])
    assert info["crs"] == "EPSG:4326"


def test_cli_parse_rejects_bad_date(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Shelling hit Aleppo.", encoding="utf-8")
    result = subprocess.run(
        [BIN / "eventmap", "parse", article, "--published", "someday"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "published" in result.stderr


def test_gdal_reads_stored_events_through_ogc_api(server: str) -> None:
    for i, text in enumerate(
        ["Airstrikes hit Mosul on Tuesday.", "Shelling hit Kharkiv and Izium overnight."]
    ):
        resp = httpx.post(
            f"{server}/v1/documents", json={"id": f"gdal-{i}", "text": text}, timeout=30
        )
        assert resp.status_code == 201, resp.text
    info = pyogrio.read_info(f"OAPIF:{server}", layer="events")
    assert info["features"] >= 3
    assert "event_type" in list(info["fields"])
    meta, _, geometry, fields = pyogrio.raw.read(f"OAPIF:{server}", layer="events")
    assert len(geometry) == info["features"]
    event_types = fields[list(meta["fields"]).index("event_type")]
    assert "strike" in set(event_types)
