"""Alembic's entry point: runs the scripts on the connection ``service.migrations.upgrade``
passes, or, from the ``alembic`` command, on the store ``EVENTMAP_DATABASE_URL`` names."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from service.backends import backend_for
from service.settings import Settings


def _run(db: Connection) -> None:
    context.configure(connection=db, target_metadata=None)
    with context.begin_transaction():  # joins the caller's transaction when there is one
        context.run_migrations()


given = context.config.attributes.get("connection")
if given is not None:
    _run(given)
else:
    with backend_for(Settings().database_url).engine().connect() as db:
        _run(db)
