"""Start-up: the prebuilt basemap (`make install`) is read by the first map, and the service
and the command still draw maps, building the basemap, when it is missing or stale."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import orjson
import pytest

from maps import basemap
from tests.conftest import DATA_DIR, ROOT
from tests.test_service_process import BIN, _free_port, wait_healthy

TEXT = "Shelling hit Aleppo on Tuesday. Protesters gathered in Istanbul."


@pytest.fixture(scope="module")
def prebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A basemap written the way `make install` writes it."""
    path = tmp_path_factory.mktemp("basemap") / "basemap.json"
    result = subprocess.run(
        [sys.executable, "-m", "maps.basemap", "--out", path],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return path


@contextmanager
def serve(tmp_path: Path, **env: str) -> Iterator[tuple[str, Path]]:
    """A real `eventmap serve` process; yields its URL and its log file."""
    port = _free_port()
    log = tmp_path / "serve.log"
    full_env = {
        "EVENTMAP_DATA_DIR": str(DATA_DIR),
        "EVENTMAP_DATABASE_URL": f"sqlite:///{tmp_path / 'eventmap.db'}",
        "PATH": str(BIN),
        **env,
    }
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [BIN / "eventmap", "serve", "--port", str(port)],
            cwd=ROOT, env=full_env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(proc, url, log.read_text)
        yield url, log
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _map_data(page: str) -> dict:
    """The data a map page embeds for its script: events, places, basemap countries."""
    start = page.index('<script type="application/json" id="eventmap-data-')
    start = page.index(">", start) + 1
    data = orjson.loads(page[start : page.index("</script>", start)])
    assert data["basemap"] is True
    assert data["events"]
    return data


def _map_countries(url: str) -> list[str]:
    """The basemap country names embedded in a map drawn by the service."""
    resp = httpx.post(f"{url}/v1/map", json={"text": TEXT}, timeout=120)
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/html")
    return [country[1] for country in _map_data(resp.text)["countries"]]


def test_service_reads_the_prebuilt_basemap(prebuilt: Path, tmp_path: Path) -> None:
    with serve(tmp_path, EVENTMAP_BASEMAP=str(prebuilt)) as (url, log):
        health = httpx.get(f"{url}/healthz", timeout=10).json()
        assert health["status"] == "ok"
        names = _map_countries(url)
        resp = httpx.post(f"{url}/v1/geoparse", json={"text": TEXT}, timeout=30)
        assert resp.status_code == 200
    assert {"Syria", "Turkey", "France"} <= set(names)
    assert "building it" not in log.read_text()


def test_service_builds_the_basemap_when_it_is_missing(prebuilt: Path, tmp_path: Path) -> None:
    missing = tmp_path / "no" / "basemap.json"
    with serve(tmp_path, EVENTMAP_BASEMAP=str(missing)) as (url, log):
        names = _map_countries(url)
    assert "building it" in log.read_text()
    assert not missing.exists()  # built in memory; the service writes nothing under var/
    with serve(tmp_path, EVENTMAP_BASEMAP=str(prebuilt)) as (url, _):
        assert _map_countries(url) == names


def test_eager_start_builds_the_basemap_before_answering(tmp_path: Path) -> None:
    with serve(tmp_path, EVENTMAP_LAZY_START="false") as (url, log):
        assert "Syria" in _map_countries(url)
    assert "building it" not in log.read_text()


def test_cli_map_with_and_without_the_prebuilt_basemap(prebuilt: Path, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    pages = []
    for path in (prebuilt, tmp_path / "missing.json"):
        env = {"EVENTMAP_DATA_DIR": str(DATA_DIR), "EVENTMAP_BASEMAP": str(path), "PATH": str(BIN)}
        out = tmp_path / f"{path.stem}.html"
        result = subprocess.run(
            [BIN / "eventmap", "parse", article, "-o", tmp_path / "out.geojson", "--map", out],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert ("building it" in result.stderr) == (path != prebuilt)
        pages.append(_map_data(out.read_text(encoding="utf-8")))
    assert "Syria" in [country[1] for country in pages[0]["countries"]]
    assert pages[0] == pages[1]


def test_prebuilt_file_round_trips_and_stale_files_are_ignored(tmp_path: Path) -> None:
    built = basemap.build()
    path = basemap.write(tmp_path / "basemap.json", built)
    assert basemap.read(path) == built
    data = orjson.loads(path.read_bytes())
    data["stamp"]["tolerance"] = 0.5  # built with other settings
    path.write_bytes(orjson.dumps(data))
    assert basemap.read(path) is None
    path.write_bytes(b"{not json")
    assert basemap.read(path) is None
    assert basemap.read(tmp_path / "missing.json") is None
