"""Versioned schema migrations (Alembic) for both backends, applied when a store opens.

``versions/`` holds one script per schema version; each does what its database needs
(SQLite or PostgreSQL + PostGIS, told apart by ``op.get_bind().dialect.name``). The version
a database is at is in its ``alembic_version`` table. A SQLite store written before the
versioning (no such table) is upgraded by the first script, which creates only what is
missing. With ``alembic.ini`` here, Alembic's own command works on the configured store
(``EVENTMAP_DATABASE_URL``): ``alembic -c service/migrations/alembic.ini current``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

HERE = Path(__file__).resolve().parent
HEAD = "0001"
"""The latest version, that of the last script in ``versions/`` (a test checks they agree):
a store already there opens without loading Alembic (a quarter of a second)."""


def config() -> Config:
    """Alembic's configuration for the scripts in ``versions/``."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    return cfg


def current(db: Connection) -> str | None:
    """The version the database of ``db`` is at; None before any."""
    if not inspect(db).has_table("alembic_version"):
        return None
    found = db.execute(text("SELECT version_num FROM alembic_version")).scalar_one_or_none()
    return None if found is None else str(found)


def upgrade(db: Connection) -> None:
    """Bring the database of ``db`` to the latest version, inside ``db``'s transaction."""
    if current(db) == HEAD:
        return
    from alembic import command

    cfg = config()
    cfg.attributes["connection"] = db
    command.upgrade(cfg, "head")
