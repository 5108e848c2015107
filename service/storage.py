"""Stored documents, their features and the incidents across them, in SQLite (one file, the
default) or PostgreSQL with PostGIS (``EVENTMAP_DATABASE_URL=postgresql://...``).

Every write is one transaction under the store's one write lock (SQLite ``BEGIN IMMEDIATE``,
a PostgreSQL advisory lock), so a failed request leaves what is stored as it was and two
writers never interleave. Feature and incident extents are indexed for bbox queries (SQLite
R*Trees, PostGIS GiST); positions are ``[lon, lat]`` in WGS 84 degrees.

A document is stored once per text: ``content_hash`` is the SHA-256 of the text with Unicode
normalised (NFC) and every run of whitespace made one space. The same text posted again with
a ``published`` and ``url`` pair not seen for it adds a row to ``document_sources``.

The schema is versioned (Alembic, ``service/migrations``) and upgraded when the store opens;
SQLite stores written before the versioning open as they are. Incidents built with other
rules are rebuilt, once, at open.
"""

from __future__ import annotations

import hashlib
import threading
import unicodedata
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Connection, TextClause, bindparam, text
from sqlalchemy.exc import DBAPIError

from service import incidents, migrations
from service.backends import (
    Box,
    PostgisBackend,
    SqliteBackend,
    StorageError,
    backend_for,
    split_antimeridian,
    sqlite_path,
)
from service.incidents import DEFAULT_RULES, Report, Rules

__all__ = [
    "COLLECTIONS",
    "DatabaseUnavailable",
    "DuplicateId",
    "Query",
    "Source",
    "StorageError",
    "Store",
    "content_hash",
    "sqlite_path",
]

COLLECTIONS = ("events", "places", "incidents")


class DuplicateId(ValueError):
    """A document with that id is already stored, with another text."""


class DatabaseUnavailable(RuntimeError):
    """The database cannot be reached (server down or refusing connections); the store
    connects again on the next request."""


@dataclass(frozen=True, slots=True)
class Query:
    """Filters of an items request. ``bbox`` is ``(min_lon, min_lat, max_lon, max_lat)``
    (``min_lon > max_lon`` crosses the antimeridian); ``start``/``end`` bound the event date
    (inclusive; ``None`` = open)."""

    bbox: Box | None = None
    start: date | None = None
    end: date | None = None
    event_type: str | None = None
    doc_id: str | None = None
    limit: int = 10
    offset: int = 0
    newest_first: bool | None = None  # sort by the event date; None keeps the stored order


@dataclass(frozen=True, slots=True)
class Source:
    """Where a text was seen: its publication date (ISO), title and URL."""

    published: str | None = None
    title: str | None = None
    url: str | None = None


def content_hash(text: str) -> str:
    """SHA-256 (hex) of ``text`` with NFC normalisation and whitespace runs made one space."""
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _sql(statement: str, expanding: Collection[str] = ()) -> TextClause:
    """``statement`` with its ``expanding`` parameters bound as lists (``IN :name``)."""
    clause = text(statement)
    if expanding:
        clause = clause.bindparams(*(bindparam(name, expanding=True) for name in expanding))
    return clause


def _load(raw: Any) -> dict[str, Any]:
    """A stored JSON value: bytes from SQLite, already parsed from PostgreSQL."""
    return raw if isinstance(raw, dict) else orjson.loads(raw)


class Store:
    """Documents, features and incidents; one pooled connection per operation.

    ``target`` is a SQLite file, or an ``EVENTMAP_DATABASE_URL`` (``sqlite:///path`` or
    ``postgresql://user:password@host:port/database``). ``connect=False`` defers connecting
    (and migrating) to the first operation, for a server that may not be up yet."""

    def __init__(
        self, target: Path | str, rules: Rules = DEFAULT_RULES, *, connect: bool = True
    ) -> None:
        self.backend = SqliteBackend(target) if isinstance(target, Path) else backend_for(target)
        self.path = self.backend.path if isinstance(self.backend, SqliteBackend) else None
        self.rules = rules
        self._engine = self.backend.engine()
        self._ready = False
        self._opening = threading.Lock()
        if connect:
            self.open()

    def open(self) -> None:
        """Connect, upgrade the schema and bring the incidents up to the rules (once).
        DatabaseUnavailable when the database cannot be reached."""
        with self._opening:
            if self._ready:
                return
            with self._transaction(write=True) as db:
                migrations.upgrade(db)
                self._check_rules(db)
            self._ready = True

    def close(self) -> None:
        """Close the pooled connections (the store connects again when used)."""
        self._engine.dispose()

    @property
    def database(self) -> str:
        """Where the store is: the SQLite file, or the PostgreSQL URL without its password."""
        if isinstance(self.backend, PostgisBackend):
            return self.backend.describe()
        return str(self.path)

    def ping(self) -> None:
        """Return when the database answers; DatabaseUnavailable otherwise."""
        with self._connect() as db:
            db.execute(text("SELECT 1"))

    @contextmanager
    def _transaction(self, write: bool = False) -> Iterator[Connection]:
        """A connection in one transaction: committed on success, rolled back on any error.
        ``write`` takes the write lock at once, so checks and the writes after them agree."""
        try:
            db = self._engine.connect()
        except DBAPIError as exc:
            raise self._unavailable(exc) from exc
        with db:
            try:
                with db.execution_options(eventmap_write=write).begin():
                    if write:
                        self.backend.lock(db)
                    yield db
            except DBAPIError as exc:
                if exc.connection_invalidated:
                    raise self._unavailable(exc) from exc
                raise

    def _unavailable(self, exc: DBAPIError) -> DatabaseUnavailable:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        return DatabaseUnavailable(f"The database {self.database} is unreachable: {reason}")

    @contextmanager
    def _connect(self, write: bool = False) -> Iterator[Connection]:
        """``_transaction`` on a store opened (and migrated) first."""
        if not self._ready:
            self.open()
        with self._transaction(write) as db:
            yield db

    def _check_rules(self, db: Connection) -> None:
        """Rebuild the incidents when they were built with other rules (or never)."""
        version = db.execute(
            text("SELECT value FROM store_meta WHERE key = 'incident_rules'")
        ).scalar_one_or_none()
        if version != self.rules.signature:
            self._rebuild_incidents(db)
            db.execute(
                text(
                    "INSERT INTO store_meta (key, value) VALUES ('incident_rules', :value) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
                ),
                {"value": self.rules.signature},
            )

    # -- documents ---------------------------------------------------------------------------

    @staticmethod
    def _stored_id(db: Connection, doc_id: str | None, digest: str) -> str | None:
        """The id of the document holding this text (``doc_id`` first); DuplicateId when
        ``doc_id`` is taken by another text."""
        if doc_id is not None:
            row = db.execute(
                text("SELECT content_hash FROM documents WHERE id = :id"), {"id": doc_id}
            ).first()
            if row is not None:
                if row[0] != digest:
                    raise DuplicateId(
                        f"a document with id {doc_id!r} is already stored, with another text"
                    )
                return doc_id
        row = db.execute(
            text(
                "SELECT id FROM documents WHERE content_hash = :digest ORDER BY created, id LIMIT 1"
            ),
            {"digest": digest},
        ).first()
        return row[0] if row else None

    def _add_source(self, db: Connection, doc_id: str, source: Source, added: str) -> None:
        """Record ``source`` as another source of ``doc_id`` unless its date and URL are known."""
        known = db.execute(
            text(
                "SELECT 1 FROM document_sources WHERE doc_id = :doc_id AND "
                f"{self.backend.same('published', 'published')} AND "
                f"{self.backend.same('url', 'url')}"
            ),
            {"doc_id": doc_id, "published": source.published, "url": source.url},
        ).first()
        if known is None:
            db.execute(
                text(
                    "INSERT INTO document_sources (doc_id, added, published, title, url) "
                    "VALUES (:doc_id, :added, :published, :title, :url)"
                ),
                {"doc_id": doc_id, "added": added, "published": source.published,
                 "title": source.title, "url": source.url},
            )  # fmt: skip

    def find(self, doc_id: str | None, text: str, source: Source) -> str | None:
        """The id of the stored document with this text, its ``source`` recorded; None when
        the text is new. DuplicateId when ``doc_id`` is taken by another text."""
        with self._connect(write=True) as db:
            stored = self._stored_id(db, doc_id, content_hash(text))
            if stored is not None:
                self._add_source(db, stored, source, _now())
            return stored

    def add(self, doc_id: str, text: str, fc: dict[str, Any]) -> tuple[str, bool]:
        """Store a document and its FeatureCollection, and merge its events into incidents.

        Answers ``(id, True)``; or ``(stored id, False)`` when the same text is already stored
        (then only its source is recorded). DuplicateId if ``doc_id`` holds another text."""
        meta = fc["document"]
        source = Source(meta.get("published"), meta.get("title"), meta.get("url"))
        digest = content_hash(text)
        now = _now()
        with self._connect(write=True) as db:
            stored = self._stored_id(db, doc_id, digest)
            if stored is not None:
                self._add_source(db, stored, source, now)
                return stored, False
            db.execute(
                _sql(  # (sqlalchemy's ``text`` is shadowed here by the document's text)
                    "INSERT INTO documents (id, created, published, title, url, text, result, "
                    f"content_hash) VALUES (:id, :created, :published, :title, :url, :text, "
                    f"{self.backend.json('result')}, :digest)"
                ),
                {"id": doc_id, "created": now, "published": source.published,
                 "title": source.title, "url": source.url, "text": text,
                 "result": self.backend.dumps(fc), "digest": digest},
            )  # fmt: skip
            self._add_source(db, doc_id, source, now)
            for feature in fc["features"]:
                self._add_feature(db, doc_id, feature)
            self._join_incidents(db, doc_id)
        return doc_id, True

    def _add_feature(self, db: Connection, doc_id: str, feature: dict[str, Any]) -> None:
        props = feature["properties"]
        row = {
            "doc_id": doc_id,
            "collection": "events" if props["kind"] == "event" else "places",
            "event_type": props.get("event_type"),
            "date": props.get("date"),
            "feature": self.backend.dumps(feature),
        }
        self.backend.insert_feature(db, row, feature["geometry"])

    def _sources(self, db: Connection, doc_id: str) -> list[dict[str, Any]]:
        rows = db.execute(
            text(
                "SELECT published, title, url, added FROM document_sources "
                f"WHERE doc_id = :doc_id ORDER BY {self.backend.source_order}"
            ),
            {"doc_id": doc_id},
        ).all()
        keys = ("published", "title", "url", "added")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def get(self, doc_id: str) -> dict[str, Any] | None:
        """The stored FeatureCollection of ``doc_id`` with its ``id`` and ``sources``, or None."""
        with self._connect() as db:
            row = db.execute(
                text("SELECT result FROM documents WHERE id = :id"), {"id": doc_id}
            ).first()
            sources = self._sources(db, doc_id) if row else []
        return {**_load(row[0]), "id": doc_id, "sources": sources} if row else None

    def delete(self, doc_id: str) -> bool:
        """Remove a document, its features and its reports from incidents; False if none."""
        with self._connect(write=True) as db:
            gone = list(
                db.execute(
                    text(
                        "SELECT fid FROM features WHERE doc_id = :doc_id AND collection = 'events'"
                    ),
                    {"doc_id": doc_id},
                ).scalars()
            )
            # Incidents the document's events led or were in; events whose leader leaves.
            touched = {*gone}
            touched.update(
                db.execute(
                    _sql(
                        "SELECT DISTINCT leader FROM incident_reports WHERE fid IN :gone", ["gone"]
                    ),
                    {"gone": gone},
                ).scalars()
            )
            orphans = list(
                db.execute(
                    _sql(
                        "SELECT fid FROM incident_reports WHERE leader IN :gone "
                        "AND fid NOT IN :gone",
                        ["gone"],
                    ),
                    {"gone": gone},
                ).scalars()
            )
            self.backend.drop_extents(db, "features", "doc_id = :doc_id", {"doc_id": doc_id})
            deleted = db.execute(text("DELETE FROM documents WHERE id = :id"), {"id": doc_id})
            if deleted.rowcount == 0:
                return False
            cache: dict[int, Report] = {}
            orphaned = self._reports(db, "f.fid IN :fids", {"fids": orphans}, cache, ["fids"])
            touched |= self._lead(db, orphaned, cache)
            self._render_incidents(db, touched, cache)
            return True

    def documents(self, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
        """(total, one page of document summaries, newest first)."""
        with self._connect() as db:
            total = db.execute(text("SELECT count(*) FROM documents")).scalar_one()
            rows = db.execute(
                text(
                    "SELECT d.id, d.created, d.published, d.title, d.url, "
                    "(SELECT count(*) FROM features f WHERE f.doc_id = d.id "
                    " AND f.collection = 'events'), "
                    "(SELECT count(*) FROM document_sources s WHERE s.doc_id = d.id) "
                    "FROM documents d ORDER BY d.created DESC, d.id LIMIT :limit OFFSET :offset"
                ),
                {"limit": limit, "offset": offset},
            ).all()
        keys = ("id", "created", "published", "title", "url", "events", "sources")
        return int(total), [dict(zip(keys, row, strict=True)) for row in rows]

    # -- incidents ---------------------------------------------------------------------------

    @staticmethod
    def _reports(
        db: Connection,
        where: str,
        params: dict[str, Any],
        cache: dict[int, Report] | None = None,
        expanding: Collection[str] = (),
    ) -> list[Report]:
        """Stored events matching ``where``; ``cache`` (by fid) spares parsing them again
        within one write."""
        cache = {} if cache is None else cache
        rows = db.execute(
            _sql(
                "SELECT f.fid, f.doc_id, d.published, d.created, f.feature FROM features f "
                "JOIN documents d ON d.id = f.doc_id WHERE f.collection = 'events' "
                f"AND {where}",
                expanding,
            ),
            params,
        ).all()
        out = []
        for fid, doc_id, published, created, raw in rows:
            report = cache.get(fid)
            if report is None:
                day = date.fromisoformat(published[:10]) if published else None
                reported = day or date.fromisoformat(created[:10])
                report = cache[fid] = Report.of(fid, doc_id, day, reported, _load(raw))
            out.append(report)
        return out

    def _candidates(self, db: Connection, report: Report, cache: dict[int, Report]) -> list[Report]:
        """Stored events near enough to ``report`` to be linked to it (a superset)."""
        box = incidents.search_box(report, self.rules)
        if box is None:
            return []
        minx, miny, maxx, maxy = box
        if minx < -180 or maxx > 180:
            minx, maxx = -180.0, 180.0
        clause, params = self.backend.bbox_clause("features", "f", [(minx, miny, maxx, maxy)])
        params["published"] = report.published.isoformat() if report.published else None
        # Dates: a span starts at its date and lasts at most a year (366 days, to be safe).
        if report.span is None:
            clause += " AND substr(d.published, 1, 10) = :published"
        else:
            slack = timedelta(days=self.rules.date_slack_days)
            clause += (
                " AND (f.date BETWEEN :first AND :last"
                " OR (f.date IS NULL AND substr(d.published, 1, 10) = :published))"
            )
            params["first"] = (report.span[0] - slack - timedelta(days=366)).isoformat()
            params["last"] = (report.span[1] + slack).isoformat()
        return self._reports(db, clause, params, cache)

    def _neighbours(self, db: Connection, report: Report, cache: dict[int, Report]) -> list[Report]:
        """The stored events linked to ``report``."""
        return [
            c
            for c in self._candidates(db, report, cache)
            if incidents.linked(report, c, self.rules)
        ]

    @staticmethod
    def _leader_of(db: Connection, fid: int) -> int | None:
        found = db.execute(
            text("SELECT leader FROM incident_reports WHERE fid = :fid"), {"fid": fid}
        ).scalar_one_or_none()
        return None if found is None else int(found)

    def _set_leader(self, db: Connection, report: Report, chosen: Report) -> set[int]:
        """Record ``chosen`` as the leader of ``report``; the incidents (leaders) that change."""
        old = self._leader_of(db, report.fid)
        if old == chosen.fid:
            return set()
        db.execute(
            text(
                "INSERT INTO incident_reports (fid, leader) VALUES (:fid, :leader) "
                "ON CONFLICT (fid) DO UPDATE SET leader = excluded.leader"
            ),
            {"fid": report.fid, "leader": chosen.fid},
        )
        return {chosen.fid} if old is None else {chosen.fid, old}

    def _lead(
        self, db: Connection, reports: Iterable[Report], cache: dict[int, Report]
    ) -> set[int]:
        """Choose the leader of each of ``reports`` from its neighbours; the incidents
        (leaders) that change, old and new."""
        touched: set[int] = set()
        for report in reports:
            neighbours = self._neighbours(db, report, cache)
            touched |= self._set_leader(db, report, incidents.leader(report, neighbours))
        return touched

    def _join_incidents(self, db: Connection, doc_id: str) -> None:
        """Merge the events of the new document ``doc_id`` into the incidents: its events
        choose their leaders, and a stored event linked to them takes one of them as its
        leader when it comes first (nothing else changes)."""
        cache: dict[int, Report] = {}
        new = self._reports(db, "f.doc_id = :doc_id", {"doc_id": doc_id}, cache)
        touched: set[int] = set()
        linked_new: dict[int, list[Report]] = {}
        for report in new:
            neighbours = self._neighbours(db, report, cache)
            for other in neighbours:
                if other.doc_id != doc_id:
                    linked_new.setdefault(other.fid, []).append(report)
            touched |= self._set_leader(db, report, incidents.leader(report, neighbours))
        for fid, reports in sorted(linked_new.items()):
            stored = cache[fid]
            leader = self._leader_of(db, fid)
            current = (
                self._reports(db, "f.fid = :fid", {"fid": leader}, cache)
                if leader is not None
                else []
            )
            if not current:  # no leader recorded: choose from every neighbour
                touched |= self._lead(db, [stored], cache)
                continue
            chosen = min([current[0], *reports], key=incidents.order_key)
            touched |= self._set_leader(db, stored, chosen)
        self._render_incidents(db, touched, cache)

    def _rebuild_incidents(self, db: Connection) -> None:
        """Every incident from scratch (a store from before incidents, or new rules)."""
        db.execute(text("DELETE FROM incident_reports"))
        self.backend.drop_extents(db, "incidents", "1 = 1", {})
        db.execute(text("DELETE FROM incidents"))
        cache: dict[int, Report] = {}
        everything = self._reports(db, "1 = 1", {}, cache)
        self._render_incidents(db, self._lead(db, everything, cache), cache)

    def _render_incidents(
        self, db: Connection, leaders: Iterable[int], cache: dict[int, Report]
    ) -> None:
        """Store anew the incident of each leader (its id), or drop it when it has no report."""
        for incident in sorted(leaders):
            self.backend.drop_extents(db, "incidents", "id = :id", {"id": incident})
            db.execute(text("DELETE FROM incidents WHERE id = :id"), {"id": incident})
            members = self._reports(
                db,
                "f.fid IN (SELECT fid FROM incident_reports WHERE leader = :leader)",
                {"leader": incident},
                cache,
            )
            if not members:
                continue
            feature = incidents.incident_feature(sorted(members, key=lambda r: r.fid))
            props = feature["properties"]
            row = {
                "id": incident,
                "event_type": props["event_type"],
                "date_first": props["date_first"],
                "date_last": props["date_last"],
                "feature": self.backend.dumps(feature),
            }
            self.backend.insert_incident(db, row, feature["geometry"])

    # -- OGC items ---------------------------------------------------------------------------

    def _filters(
        self, table: str, alias: str, dates: tuple[str, str], query: Query
    ) -> tuple[list[str], dict[str, Any]]:
        """WHERE clauses and parameters of ``query`` on ``table``; ``dates`` are the columns
        of the first and last day (the same column for a feature)."""
        first, last = dates
        where: list[str] = []
        params: dict[str, Any] = {}
        if query.bbox is not None:
            clause, params = self.backend.bbox_clause(table, alias, split_antimeridian(query.bbox))
            where.append(clause)
        if query.start is not None or query.end is not None:
            where.append(f"{first} IS NOT NULL")
        if query.start is not None:  # the dates overlap the interval
            where.append(f"{last} >= :start")
            params["start"] = query.start.isoformat()
        if query.end is not None:
            where.append(f"{first} <= :end")
            params["end"] = query.end.isoformat()
        if query.event_type is not None:
            where.append(f"{alias}.event_type = :event_type")
            params["event_type"] = query.event_type
        return where, params

    def items(self, collection: str, query: Query) -> tuple[int, list[dict[str, Any]]]:
        """(number matched, one page of features) of ``collection`` under ``query``."""
        if collection == "incidents":
            return self._incident_items(query)
        where, params = self._filters("features", "f", ("f.date", "f.date"), query)
        where.append("f.collection = :collection")
        params["collection"] = collection
        if query.doc_id is not None:
            where.append("f.doc_id = :doc_id")
            params["doc_id"] = query.doc_id
        clause = " AND ".join(where)
        with self._connect() as db:
            total = db.execute(
                text(f"SELECT count(*) FROM features f WHERE {clause}"), params
            ).scalar_one()
            rows = db.execute(
                text(
                    f"SELECT f.fid, f.doc_id, f.feature FROM features f WHERE {clause} "
                    f"ORDER BY {_order('f.date', 'f.fid', query)} LIMIT :limit OFFSET :offset"
                ),
                {**params, "limit": query.limit, "offset": query.offset},
            ).all()
        return int(total), [_as_item(*row) for row in rows]

    def _incident_items(self, query: Query) -> tuple[int, list[dict[str, Any]]]:
        where, params = self._filters("incidents", "i", ("i.date_first", "i.date_last"), query)
        if query.doc_id is not None:
            where.append(
                "i.id IN (SELECT m.leader FROM incident_reports m "
                "JOIN features f ON f.fid = m.fid WHERE f.doc_id = :doc_id)"
            )
            params["doc_id"] = query.doc_id
        clause = " AND ".join(where or ["1 = 1"])
        with self._connect() as db:
            matched = db.execute(
                text(f"SELECT count(*) FROM incidents i WHERE {clause}"), params
            ).scalar_one()
            rows = db.execute(
                text(
                    f"SELECT i.id, i.feature FROM incidents i WHERE {clause} "
                    f"ORDER BY {_order('i.date_first', 'i.id', query)} "
                    "LIMIT :limit OFFSET :offset"
                ),
                {**params, "limit": query.limit, "offset": query.offset},
            ).all()
        return int(matched), [_as_incident(*row) for row in rows]

    def item(self, collection: str, fid: int) -> dict[str, Any] | None:
        """One feature of ``collection`` by its id, or None."""
        with self._connect() as db:
            if collection == "incidents":
                found = db.execute(
                    text("SELECT id, feature FROM incidents WHERE id = :id"), {"id": fid}
                ).first()
                return _as_incident(*found) if found else None
            row = db.execute(
                text(
                    "SELECT fid, doc_id, feature FROM features "
                    "WHERE collection = :collection AND fid = :fid"
                ),
                {"collection": collection, "fid": fid},
            ).first()
        return _as_item(*row) if row else None


def _order(date_column: str, key: str, query: Query) -> str:
    """The ORDER BY of a page: the stored order, or the date (undated last) then the key."""
    if query.newest_first is None:
        return key
    direction = "DESC" if query.newest_first else "ASC"
    return f"{date_column} IS NULL, {date_column} {direction}, {key}"


def _as_item(fid: int, doc_id: str, raw: Any) -> dict[str, Any]:
    feature = _load(raw)
    feature["id"] = fid
    feature["properties"]["doc_id"] = doc_id
    return feature


def _as_incident(incident: int, raw: Any) -> dict[str, Any]:
    feature = _load(raw)
    feature["id"] = incident
    return feature
