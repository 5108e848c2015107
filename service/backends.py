"""What differs between the two databases a ``Store`` writes to: SQLite (embedded, the
default) and PostgreSQL with PostGIS.

Both are reached through SQLAlchemy Core with plain SQL; a ``Backend`` holds the few
statements that differ: how a write takes the store's one write lock, where extents live
(SQLite R*Tree tables; PostGIS ``geometry`` columns with GiST indexes) and how a bbox is
matched against them. Positions are ``[lon, lat]`` in WGS 84 degrees (EPSG:4326).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import orjson
import shapely
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url

Box = tuple[float, float, float, float]
"""``(min_lon, min_lat, max_lon, max_lat)`` in degrees."""


class StorageError(ValueError):
    """The database URL names something this build cannot store to."""


def split_antimeridian(bbox: Box) -> list[Box]:
    """``bbox`` as one or two boxes that do not cross the antimeridian (``min_lon > max_lon``
    crosses it)."""
    minx, miny, maxx, maxy = bbox
    if minx <= maxx:
        return [bbox]
    return [(minx, miny, 180.0, maxy), (-180.0, miny, maxx, maxy)]


def _bounds(geometry: dict[str, Any]) -> list[float]:
    return shapely.bounds(shapely.from_geojson(orjson.dumps(geometry))).tolist()


class Backend(ABC):
    """The statements of one database; subclasses fill them in."""

    name = ""
    source_order = ""
    """The column that keeps ``document_sources`` rows in the order they were added."""

    @abstractmethod
    def engine(self) -> Engine:
        """A SQLAlchemy engine on the database, set up for the store."""

    @abstractmethod
    def lock(self, db: Connection) -> None:
        """Take the store's write lock for the rest of the transaction (one writer at a time,
        so a check and the writes after it agree)."""

    def json(self, param: str) -> str:
        """SQL for the JSON bind parameter ``param``."""
        return f":{param}"

    def dumps(self, value: Any) -> bytes | str:
        """A JSON value as the bind parameter ``json`` expects."""
        return orjson.dumps(value)

    @abstractmethod
    def same(self, column: str, param: str) -> str:
        """SQL true when ``column`` equals ``:param``, NULL matching NULL."""

    @abstractmethod
    def insert_feature(
        self, db: Connection, row: dict[str, Any], geometry: dict[str, Any] | None
    ) -> int:
        """Insert a ``features`` row (``doc_id, collection, event_type, date, feature``) and its
        extent; its fid."""

    @abstractmethod
    def insert_incident(
        self, db: Connection, row: dict[str, Any], geometry: dict[str, Any] | None
    ) -> None:
        """Insert an ``incidents`` row (``id, event_type, date_first, date_last, feature``) and
        its extent."""

    @abstractmethod
    def drop_extents(self, db: Connection, table: str, where: str, params: dict[str, Any]) -> None:
        """Remove the extents of the ``features`` or ``incidents`` rows matching ``where``
        (before the rows go)."""

    @abstractmethod
    def bbox_clause(self, table: str, alias: str, boxes: list[Box]) -> tuple[str, dict[str, Any]]:
        """SQL keeping the rows of ``table`` (as ``alias``) whose extent meets one of
        ``boxes``, with its bind parameters."""


_RTREE = {"features": ("features_extent", "fid"), "incidents": ("incidents_extent", "id")}


class SqliteBackend(Backend):
    """One SQLite file; extents in R*Tree virtual tables."""

    name = "sqlite"
    source_order = "rowid"

    def __init__(self, path: Path) -> None:
        self.path = path

    def engine(self) -> Engine:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Pooled: up to 40 connections at once (the request threadpool), 5 kept between uses.
        engine = create_engine(
            f"sqlite:///{self.path}", connect_args={"timeout": 30}, max_overflow=35
        )

        @event.listens_for(engine, "connect")
        def _connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None  # transactions begun below, not by pysqlite
            dbapi_connection.execute("PRAGMA journal_mode = WAL")  # kept in the file
            dbapi_connection.execute("PRAGMA foreign_keys = ON")

        @event.listens_for(engine, "begin")
        def _begin(db: Connection) -> None:
            # A writer takes the file's write lock at once (BEGIN IMMEDIATE).
            write = db.get_execution_options().get("eventmap_write", False)
            db.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine

    def lock(self, db: Connection) -> None:
        """Taken already: a writing transaction begins with BEGIN IMMEDIATE."""

    def same(self, column: str, param: str) -> str:
        return f"{column} IS :{param}"

    def insert_feature(
        self, db: Connection, row: dict[str, Any], geometry: dict[str, Any] | None
    ) -> int:
        cursor = db.execute(
            text(
                "INSERT INTO features (doc_id, collection, event_type, date, feature) "
                "VALUES (:doc_id, :collection, :event_type, :date, :feature)"
            ),
            row,
        )
        fid = int(cursor.lastrowid)
        self._insert_extent(db, "features", fid, geometry)
        return fid

    def insert_incident(
        self, db: Connection, row: dict[str, Any], geometry: dict[str, Any] | None
    ) -> None:
        db.execute(
            text(
                "INSERT INTO incidents (id, event_type, date_first, date_last, feature) "
                "VALUES (:id, :event_type, :date_first, :date_last, :feature)"
            ),
            row,
        )
        self._insert_extent(db, "incidents", row["id"], geometry)

    @staticmethod
    def _insert_extent(
        db: Connection, table: str, key: int, geometry: dict[str, Any] | None
    ) -> None:
        if geometry is None:
            return
        minx, miny, maxx, maxy = _bounds(geometry)
        db.execute(
            text(f"INSERT INTO {_RTREE[table][0]} VALUES (:key, :minx, :maxx, :miny, :maxy)"),
            {"key": key, "minx": minx, "maxx": maxx, "miny": miny, "maxy": maxy},
        )

    def drop_extents(self, db: Connection, table: str, where: str, params: dict[str, Any]) -> None:
        rtree, key = _RTREE[table]
        db.execute(
            text(f"DELETE FROM {rtree} WHERE {key} IN (SELECT {key} FROM {table} WHERE {where})"),
            params,
        )

    def bbox_clause(self, table: str, alias: str, boxes: list[Box]) -> tuple[str, dict[str, Any]]:
        rtree, key = _RTREE[table]
        parts: list[str] = []
        params: dict[str, Any] = {}
        for n, (minx, miny, maxx, maxy) in enumerate(boxes):
            parts.append(
                f"{alias}.{key} IN (SELECT {key} FROM {rtree} WHERE maxx >= :bx0_{n} "
                f"AND minx <= :bx1_{n} AND maxy >= :by0_{n} AND miny <= :by1_{n})"
            )
            params |= {f"bx0_{n}": minx, f"bx1_{n}": maxx, f"by0_{n}": miny, f"by1_{n}": maxy}
        return "(" + " OR ".join(parts) + ")", params


WRITE_LOCK = 7_410_563
"""The PostgreSQL advisory lock every writing transaction takes (any fixed number)."""


class PostgisBackend(Backend):
    """PostgreSQL with PostGIS (psycopg 3); extents are the ``geom`` columns, GiST-indexed."""

    name = "postgresql"
    source_order = "seq"

    def __init__(self, url: str) -> None:
        self.url = url

    def describe(self) -> str:
        """The URL without its password."""
        return make_url(self.url).render_as_string(hide_password=True)

    def engine(self) -> Engine:
        url = make_url(self.url).set(drivername="postgresql+psycopg")
        # pool_pre_ping: a connection the server dropped (restart) is replaced on next use.
        return create_engine(
            url,
            pool_pre_ping=True,
            json_deserializer=orjson.loads,
            connect_args={"connect_timeout": 5, "application_name": "eventmap"},
        )

    def lock(self, db: Connection) -> None:
        db.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})

    def json(self, param: str) -> str:
        return f"CAST(:{param} AS json)"

    def dumps(self, value: Any) -> bytes | str:
        return orjson.dumps(value).decode()

    def same(self, column: str, param: str) -> str:
        return f"{column} IS NOT DISTINCT FROM CAST(:{param} AS text)"

    @staticmethod
    def _geom(geometry: dict[str, Any] | None) -> str | None:
        return orjson.dumps(geometry).decode() if geometry is not None else None

    def insert_feature(
        self, db: Connection, row: dict[str, Any], geometry: dict[str, Any] | None
    ) -> int:
        fid = db.execute(
            text(
                "INSERT INTO features (doc_id, collection, event_type, date, feature, geom) "
                "VALUES (:doc_id, :collection, :event_type, :date, CAST(:feature AS json), "
                "ST_SetSRID(ST_GeomFromGeoJSON(CAST(:geom AS text)), 4326)) RETURNING fid"
            ),
            {**row, "geom": self._geom(geometry)},
        ).scalar_one()
        return int(fid)

    def insert_incident(
        self, db: Connection, row: dict[str, Any], geometry: dict[str, Any] | None
    ) -> None:
        db.execute(
            text(
                "INSERT INTO incidents (id, event_type, date_first, date_last, feature, geom) "
                "VALUES (:id, :event_type, :date_first, :date_last, CAST(:feature AS json), "
                "ST_SetSRID(ST_GeomFromGeoJSON(CAST(:geom AS text)), 4326))"
            ),
            {**row, "geom": self._geom(geometry)},
        )

    def drop_extents(self, db: Connection, table: str, where: str, params: dict[str, Any]) -> None:
        """Nothing to do: an extent is the row's own ``geom``."""

    def bbox_clause(self, table: str, alias: str, boxes: list[Box]) -> tuple[str, dict[str, Any]]:
        # `&&` (bounding boxes meet) is what the GiST index answers, and what the SQLite
        # R*Tree answers too: both backends keep the same rows.
        parts: list[str] = []
        params: dict[str, Any] = {}
        for n, (minx, miny, maxx, maxy) in enumerate(boxes):
            parts.append(
                f"{alias}.geom && ST_MakeEnvelope(:bx0_{n}, :by0_{n}, :bx1_{n}, :by1_{n}, 4326)"
            )
            params |= {f"bx0_{n}": minx, f"bx1_{n}": maxx, f"by0_{n}": miny, f"by1_{n}": maxy}
        return "(" + " OR ".join(parts) + ")", params


def sqlite_path(url: str) -> Path:
    """The file of a ``sqlite:///path`` URL; other schemes raise StorageError."""
    parsed = urlparse(url)
    if parsed.scheme != "sqlite":
        raise StorageError(f"EVENTMAP_DATABASE_URL {url!r}: not a sqlite:///path/to/file.db URL")
    return Path(parsed.path)


def backend_for(url: str) -> Backend:
    """The backend of a ``sqlite:///path`` or ``postgresql://...`` URL; StorageError otherwise."""
    scheme = urlparse(url).scheme
    if scheme == "sqlite":
        return SqliteBackend(sqlite_path(url))
    if scheme in ("postgresql", "postgres", "postgresql+psycopg"):
        return PostgisBackend(url.replace("postgres://", "postgresql://", 1))
    raise StorageError(
        f"EVENTMAP_DATABASE_URL {url!r}: use sqlite:///path/to/file.db or "
        "postgresql://user:password@host:port/database"
    )
