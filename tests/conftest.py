"""Shared fixtures: one app with the real gazetteer, loaded once per test session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import gazetteer
from gazetteer.build import build
from service.app import create_app
from service.settings import Settings
from tests.postgis_server import PostgisServer
from tests.postgis_server import missing_reason as postgis_missing_reason

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "var" / "gazetteer"


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    if not (DATA_DIR / "index.pkl").exists():
        pytest.fail("the gazetteer index is missing: run `make install` first")
    db = tmp_path_factory.mktemp("db") / "eventmap.db"
    return Settings(data_dir=DATA_DIR, database_url=f"sqlite:///{db}")


@pytest.fixture(scope="session")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.fixture(scope="session")
def gaz() -> gazetteer.Gazetteer:
    """The gazetteer of ``var/gazetteer`` (built first when it is missing)."""
    if not (DATA_DIR / "index.pkl").exists():
        build(DATA_DIR)
    return gazetteer.load(DATA_DIR)


@pytest.fixture(scope="session")
def postgis_server() -> Iterator[PostgisServer]:
    """A real PostgreSQL + PostGIS server in a temporary folder, for the session."""
    reason = postgis_missing_reason()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    server = PostgisServer()
    try:
        server.start()
        server.make_template()
        yield server
    finally:
        server.remove()


@pytest.fixture(params=["sqlite", pytest.param("postgis", marks=pytest.mark.postgis)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty store's EVENTMAP_DATABASE_URL, once per backend: a SQLite file, and a
    PostGIS database of ``postgis_server`` (dropped after the test)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    server: PostgisServer = request.getfixturevalue("postgis_server")
    name = server.create_database()
    try:
        yield server.url(name)
    finally:
        server.drop_database(name)
