"""Shared fixtures: one app with the real gazetteer, loaded once per test session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import gazetteer
from gazetteer.build import build
from service.app import create_app
from service.settings import Settings

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
