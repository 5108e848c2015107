"""Stored documents and their features in one SQLite file.

Every write is one transaction, so a failed request leaves what is stored as it was. Feature
extents go into an R*Tree for bbox queries; positions are ``[lon, lat]`` in WGS 84 degrees.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import orjson
import shapely

COLLECTIONS = ("events", "places")

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL,
    published TEXT,
    title TEXT,
    url TEXT,
    text TEXT NOT NULL,
    result BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS features (
    fid INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    collection TEXT NOT NULL,
    event_type TEXT,
    date TEXT,
    feature BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS features_doc ON features(doc_id);
CREATE INDEX IF NOT EXISTS features_collection ON features(collection, fid);
CREATE VIRTUAL TABLE IF NOT EXISTS features_extent USING rtree(fid, minx, maxx, miny, maxy);
"""


class StorageError(ValueError):
    """The database URL names something this build cannot store to."""


class DuplicateId(ValueError):
    """A document with that id is already stored."""


@dataclass(frozen=True, slots=True)
class Query:
    """Filters of an items request. ``bbox`` is ``(min_lon, min_lat, max_lon, max_lat)``;
    ``start``/``end`` bound the event date (inclusive; ``None`` = open)."""

    bbox: tuple[float, float, float, float] | None = None
    start: date | None = None
    end: date | None = None
    event_type: str | None = None
    doc_id: str | None = None
    limit: int = 10
    offset: int = 0


def sqlite_path(url: str) -> Path:
    """The file of a ``sqlite:///path`` URL; other schemes raise StorageError."""
    parsed = urlparse(url)
    if parsed.scheme != "sqlite":
        raise StorageError(
            f"EVENTMAP_DATABASE_URL {url!r}: only sqlite:///path/to/file.db is supported"
        )
    return Path(parsed.path)


class Store:
    """Documents and features in SQLite; one short-lived connection per operation."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute("PRAGMA journal_mode = WAL")  # kept in the file: once is enough
            db.executescript(SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30)
        try:
            db.execute("PRAGMA foreign_keys = ON")
            with db:  # one transaction: committed on success, rolled back on any error
                yield db
        finally:
            db.close()

    def add(self, doc_id: str, text: str, fc: dict[str, Any]) -> None:
        """Store a document and its FeatureCollection; DuplicateId if ``doc_id`` exists."""
        meta = fc["document"]
        now = datetime.now(UTC).isoformat(timespec="seconds")
        try:
            with self._connect() as db:
                db.execute(
                    "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (doc_id, now, meta["published"], meta["title"], meta["url"], text,
                     orjson.dumps(fc)),
                )  # fmt: skip
                for feature in fc["features"]:
                    self._add_feature(db, doc_id, feature)
        except sqlite3.IntegrityError as exc:
            raise DuplicateId(f"a document with id {doc_id!r} is already stored") from exc

    @staticmethod
    def _add_feature(db: sqlite3.Connection, doc_id: str, feature: dict[str, Any]) -> None:
        props = feature["properties"]
        collection = "events" if props["kind"] == "event" else "places"
        cursor = db.execute(
            "INSERT INTO features (doc_id, collection, event_type, date, feature) "
            "VALUES (?, ?, ?, ?, ?)",
            (doc_id, collection, props.get("event_type"), props.get("date"),
             orjson.dumps(feature)),
        )  # fmt: skip
        if feature["geometry"] is not None:
            minx, miny, maxx, maxy = shapely.bounds(
                shapely.from_geojson(orjson.dumps(feature["geometry"]))
            ).tolist()
            db.execute(
                "INSERT INTO features_extent VALUES (?, ?, ?, ?, ?)",
                (cursor.lastrowid, minx, maxx, miny, maxy),
            )

    def get(self, doc_id: str) -> dict[str, Any] | None:
        """The stored FeatureCollection of ``doc_id`` with its ``id``, or None."""
        with self._connect() as db:
            row = db.execute("SELECT result FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return {**orjson.loads(row[0]), "id": doc_id} if row else None

    def delete(self, doc_id: str) -> bool:
        """Remove a document and its features; False if there was none."""
        with self._connect() as db:
            db.execute(
                "DELETE FROM features_extent WHERE fid IN "
                "(SELECT fid FROM features WHERE doc_id = ?)",
                (doc_id,),
            )
            return db.execute("DELETE FROM documents WHERE id = ?", (doc_id,)).rowcount > 0

    def documents(self, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
        """(total, one page of document summaries, newest first)."""
        with self._connect() as db:
            total = db.execute("SELECT count(*) FROM documents").fetchone()[0]
            rows = db.execute(
                "SELECT d.id, d.created, d.published, d.title, d.url, "
                "(SELECT count(*) FROM features f WHERE f.doc_id = d.id "
                " AND f.collection = 'events') "
                "FROM documents d ORDER BY d.created DESC, d.id LIMIT ? OFFSET ?",
                (limit, offset),
            ).fetchall()
        keys = ("id", "created", "published", "title", "url", "events")
        return total, [dict(zip(keys, row, strict=True)) for row in rows]

    def items(self, collection: str, query: Query) -> tuple[int, list[dict[str, Any]]]:
        """(number matched, one page of features) of ``collection`` under ``query``."""
        where, params = ["f.collection = ?"], [collection]
        if query.bbox is not None:
            minx, miny, maxx, maxy = query.bbox
            where.append(
                "f.fid IN (SELECT fid FROM features_extent WHERE maxx >= ? AND minx <= ? "
                "AND maxy >= ? AND miny <= ?)"
            )
            params += [minx, maxx, miny, maxy]
        if query.start is not None or query.end is not None:
            where.append("f.date IS NOT NULL")
        if query.start is not None:
            where.append("f.date >= ?")
            params.append(query.start.isoformat())
        if query.end is not None:
            where.append("f.date <= ?")
            params.append(query.end.isoformat())
        if query.event_type is not None:
            where.append("f.event_type = ?")
            params.append(query.event_type)
        if query.doc_id is not None:
            where.append("f.doc_id = ?")
            params.append(query.doc_id)
        clause = " AND ".join(where)
        with self._connect() as db:
            matched = db.execute(f"SELECT count(*) FROM features f WHERE {clause}", params)
            total = matched.fetchone()[0]
            rows = db.execute(
                f"SELECT f.fid, f.doc_id, f.feature FROM features f WHERE {clause} "
                "ORDER BY f.fid LIMIT ? OFFSET ?",
                [*params, query.limit, query.offset],
            ).fetchall()
        return total, [_as_item(*row) for row in rows]

    def item(self, collection: str, fid: int) -> dict[str, Any] | None:
        with self._connect() as db:
            row = db.execute(
                "SELECT fid, doc_id, feature FROM features WHERE collection = ? AND fid = ?",
                (collection, fid),
            ).fetchone()
        return _as_item(*row) if row else None


def _as_item(fid: int, doc_id: str, raw: bytes) -> dict[str, Any]:
    feature = orjson.loads(raw)
    feature["id"] = fid
    feature["properties"]["doc_id"] = doc_id
    return feature
