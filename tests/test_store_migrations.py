"""Schema migrations: a store written before the versioning is upgraded in place, a new one
is made at the latest version on both backends, and opening again changes nothing."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from service import migrations
from service.storage import Query, Source, Store
from tests.conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "store_pre_migrations.db"
"""Written by the store as it was before migrations (three documents; a and b report one
strike, c another; a has a second source)."""
HEAD = ScriptDirectory.from_config(migrations.config()).get_current_head()


def test_the_version_the_store_checks_is_the_last_script() -> None:
    assert migrations.HEAD == HEAD


def _version(url: str) -> str | None:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as db:
        found = db.execute(text("SELECT version_num FROM alembic_version")).scalar_one_or_none()
    engine.dispose()
    return found


def _tables(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as db:
        return dict(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"))


def test_a_store_from_before_migrations_is_upgraded_not_broken(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copy(FIXTURE, path)
    before = _tables(path)
    assert "alembic_version" not in before
    store = Store(path)
    assert _version(f"sqlite:///{path}") == HEAD
    after = _tables(path)
    assert {k: v for k, v in after.items() if k != "alembic_version"} == before  # kept as is
    total, docs = store.documents(10, 0)
    assert total == 3
    assert {d["id"]: d["sources"] for d in docs} == {"a": 2, "b": 1, "c": 1}
    stored = store.get("a")
    assert stored is not None and [s["url"] for s in stored["sources"]] == [
        None, "https://example.org/a2"
    ]  # fmt: skip
    groups = sorted(
        f["properties"]["documents"] for f in store.items("incidents", Query(limit=10))[1]
    )
    assert groups == [["a", "b"], ["c"]]
    # It keeps working: dedup on the stored hashes, new documents join stored incidents.
    assert store.find(None, "Strike  on Aleppo.", Source()) == "a"
    near = store.items("events", Query(bbox=(37.0, 36.0, 37.3, 36.3)))[1]
    fc = {"type": "FeatureCollection", "features": [{**near[0], "id": None}],
          "document": {"published": "2024-03-06", "title": None, "url": None}}  # fmt: skip
    assert store.add("d", "Aleppo again.", fc) == ("d", True)
    assert ["a", "b", "d"] in [
        f["properties"]["documents"] for f in store.items("incidents", Query(limit=10))[1]
    ]
    store.close()
    again = Store(path)  # opening again migrates nothing
    assert _version(f"sqlite:///{path}") == HEAD and again.documents(10, 0)[0] == 4
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_new_store_is_at_the_latest_version(database_url: str) -> None:
    Store(database_url).close()
    assert _version(database_url) == HEAD
    Store(database_url).close()
    assert _version(database_url) == HEAD


def test_alembic_command_works_on_the_configured_store(tmp_path: Path) -> None:
    path = tmp_path / "cli.db"
    env = {**os.environ, "EVENTMAP_DATABASE_URL": f"sqlite:///{path}"}
    alembic = [str(ROOT / ".venv" / "bin" / "alembic"), "-c", "service/migrations/alembic.ini"]
    upgraded = subprocess.run(
        [*alembic, "upgrade", "head"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert upgraded.returncode == 0, upgraded.stderr
    current = subprocess.run(
        [*alembic, "current"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert current.returncode == 0, current.stderr
    assert f"{HEAD} (head)" in current.stdout
    assert Store(path).documents(10, 0) == (0, [])
