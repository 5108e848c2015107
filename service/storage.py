"""Stored documents, their features and the incidents across them, in one SQLite file.

Every write is one transaction (``BEGIN IMMEDIATE``), so a failed request leaves what is
stored as it was and two writers never interleave. Feature and incident extents go into
R*Trees for bbox queries; positions are ``[lon, lat]`` in WGS 84 degrees.

A document is stored once per text: ``content_hash`` is the SHA-256 of the text with Unicode
normalised (NFC) and every run of whitespace made one space. The same text posted again with
a ``published`` and ``url`` pair not seen for it adds a row to ``document_sources``.

Stores written by older versions open as they are: missing tables and columns are added, the
hashes and first sources filled in, and the incidents built, once, at open.
"""

from __future__ import annotations

import hashlib
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import orjson
import shapely

from service import incidents
from service.incidents import DEFAULT_RULES, Report, Rules

COLLECTIONS = ("events", "places", "incidents")

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
CREATE TABLE IF NOT EXISTS document_sources (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    added TEXT NOT NULL,
    published TEXT,
    title TEXT,
    url TEXT
);
CREATE INDEX IF NOT EXISTS document_sources_doc ON document_sources(doc_id);
CREATE TABLE IF NOT EXISTS incidents (
    id INTEGER PRIMARY KEY,
    event_type TEXT NOT NULL,
    date_first TEXT,
    date_last TEXT,
    feature BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS incident_reports (
    fid INTEGER PRIMARY KEY REFERENCES features(fid) ON DELETE CASCADE,
    leader INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS incident_reports_leader ON incident_reports(leader);
CREATE VIRTUAL TABLE IF NOT EXISTS incidents_extent USING rtree(id, minx, maxx, miny, maxy);
CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class StorageError(ValueError):
    """The database URL names something this build cannot store to."""


class DuplicateId(ValueError):
    """A document with that id is already stored, with another text."""


@dataclass(frozen=True, slots=True)
class Query:
    """Filters of an items request. ``bbox`` is ``(min_lon, min_lat, max_lon, max_lat)``
    (``min_lon > max_lon`` crosses the antimeridian); ``start``/``end`` bound the event date
    (inclusive; ``None`` = open)."""

    bbox: tuple[float, float, float, float] | None = None
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


def sqlite_path(url: str) -> Path:
    """The file of a ``sqlite:///path`` URL; other schemes raise StorageError."""
    parsed = urlparse(url)
    if parsed.scheme != "sqlite":
        raise StorageError(
            f"EVENTMAP_DATABASE_URL {url!r}: only sqlite:///path/to/file.db is supported"
        )
    return Path(parsed.path)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _bounds(geometry: dict[str, Any]) -> list[float]:
    return shapely.bounds(shapely.from_geojson(orjson.dumps(geometry))).tolist()


def _bbox_clause(
    key: str, table: str, column: str, bbox: tuple[float, float, float, float]
) -> tuple[str, list]:
    """SQL matching ``key`` to the ``column`` of R*Tree ``table`` rows that meet ``bbox``
    (antimeridian included)."""
    minx, miny, maxx, maxy = bbox
    boxes = [(minx, maxx)] if minx <= maxx else [(minx, 180.0), (-180.0, maxx)]
    parts, params = [], []
    for lo, hi in boxes:
        parts.append(f"{key} IN (SELECT {column} FROM {table} WHERE maxx >= ? AND minx <= ? "
                     "AND maxy >= ? AND miny <= ?)")  # fmt: skip
        params += [lo, hi, miny, maxy]
    return "(" + " OR ".join(parts) + ")", params


class Store:
    """Documents, features and incidents in SQLite; one short-lived connection per operation."""

    def __init__(self, path: Path, rules: Rules = DEFAULT_RULES) -> None:
        self.path = path
        self.rules = rules
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=30)
        try:
            db.execute("PRAGMA journal_mode = WAL")  # kept in the file: once is enough
            db.executescript(SCHEMA)
        finally:
            db.close()
        with self._connect(write=True) as db:
            self._migrate(db)

    @contextmanager
    def _connect(self, write: bool = False) -> Iterator[sqlite3.Connection]:
        """A connection in one transaction: committed on success, rolled back on any error.
        ``write`` takes the write lock at once, so checks and the writes after them agree."""
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        finally:
            db.close()

    # -- migration ---------------------------------------------------------------------------

    def _migrate(self, db: sqlite3.Connection) -> None:
        columns = {row[1] for row in db.execute("PRAGMA table_info(documents)")}
        if "content_hash" not in columns:
            db.execute("ALTER TABLE documents ADD COLUMN content_hash TEXT")
        db.execute("CREATE INDEX IF NOT EXISTS documents_hash ON documents(content_hash)")
        rows = db.execute("SELECT id, text FROM documents WHERE content_hash IS NULL").fetchall()
        db.executemany(
            "UPDATE documents SET content_hash = ? WHERE id = ?",
            [(content_hash(text), doc_id) for doc_id, text in rows],
        )
        db.execute(
            "INSERT INTO document_sources (doc_id, added, published, title, url) "
            "SELECT id, created, published, title, url FROM documents d WHERE NOT EXISTS "
            "(SELECT 1 FROM document_sources s WHERE s.doc_id = d.id)"
        )
        db.execute("DROP TABLE IF EXISTS incident_members")  # only ever in development builds
        version = db.execute("SELECT value FROM store_meta WHERE key = 'incident_rules'").fetchone()
        if version is None or version[0] != self.rules.signature:
            self._rebuild_incidents(db)
            db.execute(
                "INSERT OR REPLACE INTO store_meta VALUES ('incident_rules', ?)",
                (self.rules.signature,),
            )

    # -- documents ---------------------------------------------------------------------------

    @staticmethod
    def _stored_id(db: sqlite3.Connection, doc_id: str | None, digest: str) -> str | None:
        """The id of the document holding this text (``doc_id`` first); DuplicateId when
        ``doc_id`` is taken by another text."""
        if doc_id is not None:
            row = db.execute(
                "SELECT content_hash FROM documents WHERE id = ?", (doc_id,)
            ).fetchone()
            if row is not None:
                if row[0] != digest:
                    raise DuplicateId(
                        f"a document with id {doc_id!r} is already stored, with another text"
                    )
                return doc_id
        row = db.execute(
            "SELECT id FROM documents WHERE content_hash = ? ORDER BY created, id LIMIT 1",
            (digest,),
        ).fetchone()
        return row[0] if row else None

    @staticmethod
    def _add_source(db: sqlite3.Connection, doc_id: str, source: Source) -> None:
        """Record ``source`` as another source of ``doc_id`` unless its date and URL are known."""
        known = db.execute(
            "SELECT 1 FROM document_sources WHERE doc_id = ? AND published IS ? AND url IS ?",
            (doc_id, source.published, source.url),
        ).fetchone()
        if known is None:
            db.execute(
                "INSERT INTO document_sources VALUES (?, ?, ?, ?, ?)",
                (doc_id, _now(), source.published, source.title, source.url),
            )

    def find(self, doc_id: str | None, text: str, source: Source) -> str | None:
        """The id of the stored document with this text, its ``source`` recorded; None when
        the text is new. DuplicateId when ``doc_id`` is taken by another text."""
        with self._connect(write=True) as db:
            stored = self._stored_id(db, doc_id, content_hash(text))
            if stored is not None:
                self._add_source(db, stored, source)
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
                self._add_source(db, stored, source)
                return stored, False
            db.execute(
                "INSERT INTO documents (id, created, published, title, url, text, result, "
                "content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (doc_id, now, source.published, source.title, source.url, text,
                 orjson.dumps(fc), digest),
            )  # fmt: skip
            db.execute(
                "INSERT INTO document_sources VALUES (?, ?, ?, ?, ?)",
                (doc_id, now, source.published, source.title, source.url),
            )
            for feature in fc["features"]:
                self._add_feature(db, doc_id, feature)
            self._join_incidents(db, doc_id)
        return doc_id, True

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
            minx, miny, maxx, maxy = _bounds(feature["geometry"])
            db.execute(
                "INSERT INTO features_extent VALUES (?, ?, ?, ?, ?)",
                (cursor.lastrowid, minx, maxx, miny, maxy),
            )

    @staticmethod
    def _sources(db: sqlite3.Connection, doc_id: str) -> list[dict[str, Any]]:
        rows = db.execute(
            "SELECT published, title, url, added FROM document_sources WHERE doc_id = ? "
            "ORDER BY rowid",
            (doc_id,),
        ).fetchall()
        keys = ("published", "title", "url", "added")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def get(self, doc_id: str) -> dict[str, Any] | None:
        """The stored FeatureCollection of ``doc_id`` with its ``id`` and ``sources``, or None."""
        with self._connect() as db:
            row = db.execute("SELECT result FROM documents WHERE id = ?", (doc_id,)).fetchone()
            sources = self._sources(db, doc_id) if row else []
        return {**orjson.loads(row[0]), "id": doc_id, "sources": sources} if row else None

    def delete(self, doc_id: str) -> bool:
        """Remove a document, its features and its reports from incidents; False if none."""
        with self._connect(write=True) as db:
            gone = [
                row[0]
                for row in db.execute(
                    "SELECT fid FROM features WHERE doc_id = ? AND collection = 'events'",
                    (doc_id,),
                )
            ]
            marks = ",".join("?" * len(gone))
            # Incidents the document's events led or were in; events whose leader leaves.
            touched = {*gone}
            touched.update(
                row[0]
                for row in db.execute(
                    f"SELECT DISTINCT leader FROM incident_reports WHERE fid IN ({marks})", gone
                )
            )
            orphans = [
                row[0]
                for row in db.execute(
                    f"SELECT fid FROM incident_reports WHERE leader IN ({marks}) "
                    f"AND fid NOT IN ({marks})",
                    [*gone, *gone],
                )
            ]
            db.execute(
                "DELETE FROM features_extent WHERE fid IN "
                "(SELECT fid FROM features WHERE doc_id = ?)",
                (doc_id,),
            )
            if db.execute("DELETE FROM documents WHERE id = ?", (doc_id,)).rowcount == 0:
                return False
            marks = ",".join("?" * len(orphans))
            cache: dict[int, Report] = {}
            orphaned = self._reports(db, f"f.fid IN ({marks})", orphans, cache)
            touched |= self._lead(db, orphaned, cache)
            self._render_incidents(db, touched, cache)
            return True

    def documents(self, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
        """(total, one page of document summaries, newest first)."""
        with self._connect() as db:
            total = db.execute("SELECT count(*) FROM documents").fetchone()[0]
            rows = db.execute(
                "SELECT d.id, d.created, d.published, d.title, d.url, "
                "(SELECT count(*) FROM features f WHERE f.doc_id = d.id "
                " AND f.collection = 'events'), "
                "(SELECT count(*) FROM document_sources s WHERE s.doc_id = d.id) "
                "FROM documents d ORDER BY d.created DESC, d.id LIMIT ? OFFSET ?",
                (limit, offset),
            ).fetchall()
        keys = ("id", "created", "published", "title", "url", "events", "sources")
        return total, [dict(zip(keys, row, strict=True)) for row in rows]

    # -- incidents ---------------------------------------------------------------------------

    @staticmethod
    def _reports(
        db: sqlite3.Connection,
        where: str,
        params: Iterable[Any],
        cache: dict[int, Report] | None = None,
    ) -> list[Report]:
        """Stored events matching ``where``; ``cache`` (by fid) spares parsing them again
        within one write."""
        cache = {} if cache is None else cache
        rows = db.execute(
            "SELECT f.fid, f.doc_id, d.published, d.created, f.feature FROM features f "
            f"JOIN documents d ON d.id = f.doc_id WHERE f.collection = 'events' AND {where}",
            list(params),
        ).fetchall()
        out = []
        for fid, doc_id, published, created, raw in rows:
            report = cache.get(fid)
            if report is None:
                day = date.fromisoformat(published[:10]) if published else None
                reported = day or date.fromisoformat(created[:10])
                report = cache[fid] = Report.of(fid, doc_id, day, reported, orjson.loads(raw))
            out.append(report)
        return out

    def _candidates(
        self, db: sqlite3.Connection, report: Report, cache: dict[int, Report]
    ) -> list[Report]:
        """Stored events near enough to ``report`` to be linked to it (a superset)."""
        box = incidents.search_box(report, self.rules)
        if box is None:
            return []
        minx, miny, maxx, maxy = box
        if minx < -180 or maxx > 180:
            minx, maxx = -180.0, 180.0
        clause, params = _bbox_clause("f.fid", "features_extent", "fid", (minx, miny, maxx, maxy))
        published = report.published.isoformat() if report.published else None
        # Dates: a span starts at its date and lasts at most a year (366 days, to be safe).
        if report.span is None:
            clause += " AND substr(d.published, 1, 10) = ?"
            params.append(published)
        else:
            slack = timedelta(days=self.rules.date_slack_days)
            clause += (
                " AND (f.date BETWEEN ? AND ?"
                " OR (f.date IS NULL AND substr(d.published, 1, 10) = ?))"
            )
            params += [
                (report.span[0] - slack - timedelta(days=366)).isoformat(),
                (report.span[1] + slack).isoformat(),
                published,
            ]
        return self._reports(db, clause, params, cache)

    def _neighbours(
        self, db: sqlite3.Connection, report: Report, cache: dict[int, Report]
    ) -> list[Report]:
        """The stored events linked to ``report``."""
        return [
            c
            for c in self._candidates(db, report, cache)
            if incidents.linked(report, c, self.rules)
        ]

    @staticmethod
    def _set_leader(db: sqlite3.Connection, report: Report, chosen: Report) -> set[int]:
        """Record ``chosen`` as the leader of ``report``; the incidents (leaders) that change."""
        old = db.execute(
            "SELECT leader FROM incident_reports WHERE fid = ?", (report.fid,)
        ).fetchone()
        if old is not None and old[0] == chosen.fid:
            return set()
        db.execute(
            "INSERT OR REPLACE INTO incident_reports VALUES (?, ?)", (report.fid, chosen.fid)
        )
        return {chosen.fid} if old is None else {chosen.fid, old[0]}

    def _lead(
        self, db: sqlite3.Connection, reports: Iterable[Report], cache: dict[int, Report]
    ) -> set[int]:
        """Choose the leader of each of ``reports`` from its neighbours; the incidents
        (leaders) that change, old and new."""
        touched: set[int] = set()
        for report in reports:
            neighbours = self._neighbours(db, report, cache)
            touched |= self._set_leader(db, report, incidents.leader(report, neighbours))
        return touched

    def _join_incidents(self, db: sqlite3.Connection, doc_id: str) -> None:
        """Merge the events of the new document ``doc_id`` into the incidents: its events
        choose their leaders, and a stored event linked to them takes one of them as its
        leader when it comes first (nothing else changes)."""
        cache: dict[int, Report] = {}
        new = self._reports(db, "f.doc_id = ?", [doc_id], cache)
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
            row = db.execute("SELECT leader FROM incident_reports WHERE fid = ?", (fid,)).fetchone()
            current = self._reports(db, "f.fid = ?", [row[0]], cache) if row else []
            if not current:  # no leader recorded: choose from every neighbour
                touched |= self._lead(db, [stored], cache)
                continue
            chosen = min([current[0], *reports], key=incidents.order_key)
            touched |= self._set_leader(db, stored, chosen)
        self._render_incidents(db, touched, cache)

    def _rebuild_incidents(self, db: sqlite3.Connection) -> None:
        """Every incident from scratch (a store from before incidents, or new rules)."""
        db.execute("DELETE FROM incident_reports")
        db.execute("DELETE FROM incidents_extent")
        db.execute("DELETE FROM incidents")
        cache: dict[int, Report] = {}
        everything = self._reports(db, "1", [], cache)
        self._render_incidents(db, self._lead(db, everything, cache), cache)

    def _render_incidents(
        self, db: sqlite3.Connection, leaders: Iterable[int], cache: dict[int, Report]
    ) -> None:
        """Store anew the incident of each leader (its id), or drop it when it has no report."""
        for incident in sorted(leaders):
            db.execute("DELETE FROM incidents_extent WHERE id = ?", (incident,))
            db.execute("DELETE FROM incidents WHERE id = ?", (incident,))
            members = self._reports(
                db,
                "f.fid IN (SELECT fid FROM incident_reports WHERE leader = ?)",
                [incident],
                cache,
            )
            if not members:
                continue
            feature = incidents.incident_feature(sorted(members, key=lambda r: r.fid))
            props = feature["properties"]
            db.execute(
                "INSERT INTO incidents VALUES (?, ?, ?, ?, ?)",
                (incident, props["event_type"], props["date_first"], props["date_last"],
                 orjson.dumps(feature)),
            )  # fmt: skip
            if feature["geometry"] is not None:
                minx, miny, maxx, maxy = _bounds(feature["geometry"])
                db.execute(
                    "INSERT INTO incidents_extent VALUES (?, ?, ?, ?, ?)",
                    (incident, minx, maxx, miny, maxy),
                )

    # -- OGC items ---------------------------------------------------------------------------

    def items(self, collection: str, query: Query) -> tuple[int, list[dict[str, Any]]]:
        """(number matched, one page of features) of ``collection`` under ``query``."""
        if collection == "incidents":
            return self._incident_items(query)
        where, params = ["f.collection = ?"], [collection]
        if query.bbox is not None:
            clause, more = _bbox_clause("f.fid", "features_extent", "fid", query.bbox)
            where.append(clause)
            params += more
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
                f"ORDER BY {_order('f.date', 'f.fid', query)} LIMIT ? OFFSET ?",
                [*params, query.limit, query.offset],
            ).fetchall()
        return total, [_as_item(*row) for row in rows]

    def _incident_items(self, query: Query) -> tuple[int, list[dict[str, Any]]]:
        where: list[str] = ["1"]
        params: list[Any] = []
        if query.bbox is not None:
            clause, more = _bbox_clause("i.id", "incidents_extent", "id", query.bbox)
            where.append(clause)
            params += more
        if query.start is not None or query.end is not None:
            where.append("i.date_first IS NOT NULL")
        if query.start is not None:  # the incident's dates overlap the interval
            where.append("i.date_last >= ?")
            params.append(query.start.isoformat())
        if query.end is not None:
            where.append("i.date_first <= ?")
            params.append(query.end.isoformat())
        if query.event_type is not None:
            where.append("i.event_type = ?")
            params.append(query.event_type)
        if query.doc_id is not None:
            where.append(
                "i.id IN (SELECT m.leader FROM incident_reports m "
                "JOIN features f ON f.fid = m.fid WHERE f.doc_id = ?)"
            )
            params.append(query.doc_id)
        clause = " AND ".join(where)
        with self._connect() as db:
            total = db.execute(f"SELECT count(*) FROM incidents i WHERE {clause}", params)
            matched = total.fetchone()[0]
            rows = db.execute(
                f"SELECT i.id, i.feature FROM incidents i WHERE {clause} "
                f"ORDER BY {_order('i.date_first', 'i.id', query)} LIMIT ? OFFSET ?",
                [*params, query.limit, query.offset],
            ).fetchall()
        return matched, [_as_incident(*row) for row in rows]

    def item(self, collection: str, fid: int) -> dict[str, Any] | None:
        with self._connect() as db:
            if collection == "incidents":
                row = db.execute("SELECT id, feature FROM incidents WHERE id = ?", (fid,))
                found = row.fetchone()
                return _as_incident(*found) if found else None
            row = db.execute(
                "SELECT fid, doc_id, feature FROM features WHERE collection = ? AND fid = ?",
                (collection, fid),
            ).fetchone()
        return _as_item(*row) if row else None


def _order(date_column: str, key: str, query: Query) -> str:
    """The ORDER BY of a page: the stored order, or the date (undated last) then the key."""
    if query.newest_first is None:
        return key
    direction = "DESC" if query.newest_first else "ASC"
    return f"{date_column} IS NULL, {date_column} {direction}, {key}"


def _as_item(fid: int, doc_id: str, raw: bytes) -> dict[str, Any]:
    feature = orjson.loads(raw)
    feature["id"] = fid
    feature["properties"]["doc_id"] = doc_id
    return feature


def _as_incident(incident: int, raw: bytes) -> dict[str, Any]:
    feature = orjson.loads(raw)
    feature["id"] = incident
    return feature
