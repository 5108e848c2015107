"""One Store contract, run against both backends: a SQLite file and a real PostgreSQL +
PostGIS server (tests marked ``postgis``; see tests/postgis_server.py)."""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from service.storage import DatabaseUnavailable, DuplicateId, Query, Source, StorageError, Store
from tests.postgis_server import PostgisServer


def _event(
    lon: float,
    lat: float,
    day: str | None = "2024-03-06",
    event_type: str = "strike",
    killed: int | None = None,
    geo_precision: int = 1,
    actor: str | None = None,
) -> dict[str, Any]:
    props: dict[str, Any] = {
        "kind": "event", "event_type": event_type, "place": f"{lon},{lat}",
        "country_code": "SY", "geo_precision": geo_precision, "date": day,
        "date_precision": "day" if day else None, "actor": actor,
        "acled_event_type": "Explosions/Remote violence", "confidence": 0.8,
        "sentence": "Ünïcode «quoted» text.",
    }  # fmt: skip
    if killed is not None:
        props["casualties"] = {"killed": killed, "injured": None, "qualifier": None}
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": props}  # fmt: skip


def _place(lon: float, lat: float, name: str) -> dict[str, Any]:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"kind": "place", "name": name}}  # fmt: skip


def _path(coords: list[list[float]], day: str) -> dict[str, Any]:
    feature = _event(coords[-1][0], coords[-1][1], day=day, event_type="missile_path")
    feature["geometry"] = {"type": "LineString", "coordinates": coords}
    return feature


def _fc(*features: dict[str, Any], published: str | None = "2024-03-06",
        url: str | None = None) -> dict[str, Any]:  # fmt: skip
    return {"type": "FeatureCollection", "features": list(features),
            "document": {"published": published, "title": "T", "url": url}}  # fmt: skip


ALEPPO = (37.16, 36.20)
KYIV = (30.52, 50.45)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    opened = Store(database_url)
    yield opened
    opened.close()


def _ids(found: tuple[int, list[dict[str, Any]]]) -> list[str]:
    return [f["properties"]["doc_id"] for f in found[1]]


def _fill(store: Store) -> None:
    store.add("aleppo-1", "Strike on Aleppo.", _fc(_event(*ALEPPO), _place(*ALEPPO, "Aleppo")))
    toll = _event(37.17, 36.21, "2024-03-07", "casualty", 5)
    store.add("aleppo-2", "Aleppo: 5 killed.", _fc(toll, published="2024-03-07"))
    store.add("kyiv", "Kyiv hit.", _fc(_event(*KYIV, day="2024-02-01"), published="2024-02-01"))
    store.add("undated", "Something.", _fc(_event(*KYIV, day=None), published=None))
    store.add("fiji", "Over the antimeridian.",
              _fc(_path([[178.0, -17.0], [-179.5, -16.5]], "2024-01-15")))  # fmt: skip


def test_documents_dedup_sources_get_and_delete(store: Store) -> None:
    fc = _fc(_event(*ALEPPO), url="https://a.example/1")
    assert store.add("a", "Strike  on\nAleppo.", fc) == ("a", True)
    assert store.add("b", "Strike on Aleppo.", fc) == ("a", False)  # same text, same source
    assert store.find(None, "Strike on Aleppo. ", Source("2024-03-07", "Again", None)) == "a"
    assert store.find("a", "Strike on Aleppo.", Source("2024-03-07", "Again", None)) == "a"
    assert store.find(None, "Another text.", Source()) is None
    with pytest.raises(DuplicateId):
        store.add("a", "Another text.", _fc())
    with pytest.raises(DuplicateId):
        store.find("a", "Another text.", Source())
    stored = store.get("a")
    assert stored is not None and stored["id"] == "a"
    assert stored["features"][0]["properties"]["sentence"] == "Ünïcode «quoted» text."
    assert [(s["published"], s["title"], s["url"]) for s in stored["sources"]] == [
        ("2024-03-06", "T", "https://a.example/1"), ("2024-03-07", "Again", None),
    ]  # fmt: skip
    assert store.get("b") is None
    total, docs = store.documents(10, 0)
    assert total == 1
    assert {k: docs[0][k] for k in ("id", "published", "url", "events", "sources")} == {
        "id": "a", "published": "2024-03-06", "url": "https://a.example/1", "events": 1,
        "sources": 2,
    }  # fmt: skip
    assert store.delete("a") is True
    assert store.delete("a") is False
    assert store.get("a") is None
    assert store.documents(10, 0) == (0, [])
    assert store.items("events", Query()) == (0, [])
    assert store.items("incidents", Query()) == (0, [])


def test_documents_page_newest_first(store: Store) -> None:
    for n in range(5):
        store.add(f"d{n}", f"text {n}", _fc())
    total, first = store.documents(2, 0)
    _, rest = store.documents(10, 2)
    assert total == 5
    ids = [d["id"] for d in first + rest]
    assert sorted(ids) == [f"d{n}" for n in range(5)] and len(set(ids)) == 5


def test_items_filters_paging_and_order(store: Store) -> None:
    _fill(store)
    assert store.items("events", Query(limit=100))[0] == 5
    assert store.items("places", Query(limit=100))[0] == 1
    near_aleppo = Query(bbox=(36.0, 35.0, 38.0, 37.0), limit=100)
    assert _ids(store.items("events", near_aleppo)) == ["aleppo-1", "aleppo-2"]
    # A bbox crossing the antimeridian, and one on either side of it.
    assert _ids(store.items("events", Query(bbox=(170.0, -20.0, -170.0, -10.0)))) == ["fiji"]
    assert _ids(store.items("events", Query(bbox=(-179.9, -17.0, -179.0, -16.0)))) == ["fiji"]
    assert store.items("events", Query(bbox=(0.0, 0.0, 10.0, 10.0))) == (0, [])
    march = Query(start=date(2024, 3, 1), end=date(2024, 3, 31), limit=100)
    assert _ids(store.items("events", march)) == ["aleppo-1", "aleppo-2"]
    assert _ids(store.items("events", Query(end=date(2024, 1, 31)))) == ["fiji"]
    assert _ids(store.items("events", Query(event_type="casualty"))) == ["aleppo-2"]
    assert _ids(store.items("events", Query(doc_id="kyiv"))) == ["kyiv"]
    newest = _ids(store.items("events", Query(newest_first=True, limit=100)))
    oldest = _ids(store.items("events", Query(newest_first=False, limit=100)))
    assert newest == ["aleppo-2", "aleppo-1", "kyiv", "fiji", "undated"]  # undated last
    assert oldest == ["fiji", "kyiv", "aleppo-1", "aleppo-2", "undated"]
    matched, page = store.items("events", Query(limit=2, offset=2, newest_first=True))
    assert matched == 5 and [f["properties"]["doc_id"] for f in page] == ["kyiv", "fiji"]
    first = store.items("events", Query(limit=1))[1][0]
    assert store.item("events", first["id"]) == first
    assert store.item("places", first["id"]) is None
    assert store.item("events", 10**9) is None


def test_incidents_merge_filter_and_leave(store: Store) -> None:
    _fill(store)
    matched, found = store.items("incidents", Query(limit=100))
    assert matched == 4
    merged = [f for f in found if f["properties"]["reports"] == 2]
    assert len(merged) == 1
    props = merged[0]["properties"]
    assert props["documents"] == ["aleppo-1", "aleppo-2"] and props["killed"] == 5
    assert store.item("incidents", merged[0]["id"]) == merged[0]
    near = store.items("incidents", Query(bbox=(36.0, 35.0, 38.0, 37.0)))
    assert [f["id"] for f in near[1]] == [merged[0]["id"]]
    assert store.items("incidents", Query(doc_id="aleppo-2"))[1] == merged
    assert store.items("incidents", Query(start=date(2024, 3, 7), end=date(2024, 3, 7)))[0] == 1
    assert store.items("incidents", Query(event_type="strike", limit=100))[0] == 3
    assert _ids_of(store.items("incidents", Query(event_type="missile_path"))) == [["fiji"]]
    dated = store.items("incidents", Query(newest_first=False, limit=100))[1]
    assert [f["properties"]["date_first"] for f in dated] == [
        "2024-01-15", "2024-02-01", "2024-03-06", None,
    ]  # fmt: skip
    assert store.delete("aleppo-1")
    _, (alone,) = store.items("incidents", Query(doc_id="aleppo-2"))
    assert alone["properties"]["documents"] == ["aleppo-2"]
    assert store.items("incidents", Query(limit=100))[0] == 4


def _crowd() -> list[tuple[str, dict[str, Any]]]:
    rng = random.Random(5)
    docs = []
    for i in range(40):
        events = [
            _event(
                36 + rng.random() * 2,
                35 + rng.random() * 2,
                day=f"2024-03-{rng.randint(1, 8):02d}",
                geo_precision=rng.choice([1, 2, 3]),
                actor=rng.choice([None, "Russia"]),
                event_type=rng.choice(["strike", "casualty"]),
                killed=rng.choice([None, 3]),
            )
            for _ in range(rng.randint(1, 3))
        ]
        docs.append((f"doc-{i:02d}", _fc(*events)))
    return docs


def _groups(store: Store) -> list[list[str]]:
    _, features = store.items("incidents", Query(limit=10_000))
    return sorted(sorted(f["properties"]["documents"]) for f in features)


def _feed(store: Store, docs: list[tuple[str, dict[str, Any]]]) -> None:
    """Add ``docs``, deleting one every six documents on the way."""
    for n, (doc_id, fc) in enumerate(docs):
        store.add(doc_id, doc_id, fc)
        if n % 6 == 5:
            assert store.delete(docs[n - 2][0])


def test_incidents_incremental_equals_rebuild_and_order_free(database_url: str) -> None:
    docs = _crowd()
    store = Store(database_url)
    _feed(store, docs)
    incremental = store.items("incidents", Query(limit=10_000))
    assert incremental[0] > 5
    engine = create_engine(database_url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as db:
        db.execute(text("DELETE FROM store_meta"))  # as if the rules had changed
    engine.dispose()
    store.close()
    rebuilt = Store(database_url)
    assert rebuilt.items("incidents", Query(limit=10_000)) == incremental
    groups = _groups(rebuilt)
    kept = [doc_id for doc_id, _ in docs if rebuilt.get(doc_id) is not None]
    for doc_id in kept:
        assert rebuilt.delete(doc_id)
    assert rebuilt.items("incidents", Query()) == (0, [])
    for doc_id, fc in reversed(docs):
        if doc_id in kept:
            rebuilt.add(doc_id, doc_id, fc)
    assert _groups(rebuilt) == groups
    rebuilt.close()


@pytest.mark.postgis
def test_both_backends_answer_alike(postgis_server: PostgisServer, tmp_path: Any) -> None:
    """The same documents, added and deleted in the same order, give the same documents,
    features and incidents (ids included) from SQLite and from PostGIS."""
    name = postgis_server.create_database()
    stores = [Store(tmp_path / "same.db"), Store(postgis_server.url(name))]
    for store in stores:
        _fill(store)
        _feed(store, _crowd())
    queries = [
        Query(limit=10_000), Query(limit=7, offset=3, newest_first=True),
        Query(bbox=(36.5, 35.5, 37.5, 36.5), limit=10_000), Query(bbox=(170.0, -20.0, -170.0, 0.0)),
        Query(start=date(2024, 3, 2), end=date(2024, 3, 4), limit=10_000, newest_first=False),
        Query(event_type="casualty", limit=10_000), Query(doc_id="doc-07", limit=10_000),
    ]  # fmt: skip
    sqlite, postgis = stores
    for collection in ("events", "places", "incidents"):
        for query in queries:
            assert sqlite.items(collection, query) == postgis.items(collection, query), query
    summaries = [
        sorted((d | {"created": None} for d in store.documents(100, 0)[1]), key=str)
        for store in stores
    ]  # the times they were stored differ
    assert summaries[0] == summaries[1]
    strip = {"added": None}
    for doc_id in ("aleppo-1", "doc-04"):
        a, b = sqlite.get(doc_id), postgis.get(doc_id)
        assert a is not None and b is not None
        assert a | {"sources": [s | strip for s in a["sources"]]} == b | {
            "sources": [s | strip for s in b["sources"]]
        }
    for store in stores:
        store.close()
    postgis_server.drop_database(name)


def test_concurrent_writers_store_one_document(database_url: str) -> None:
    store = Store(database_url)
    answers: list[tuple[str, bool]] = []
    threads = [
        threading.Thread(
            target=lambda i=i: answers.append(store.add(f"d{i}", "One text.", _fc(_event(*ALEPPO))))
        )
        for i in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(created for _, created in answers) == 1
    assert len({doc_id for doc_id, _ in answers}) == 1
    assert store.documents(10, 0)[0] == 1
    assert store.items("incidents", Query())[0] == 1
    store.close()


def test_a_bad_url_is_refused_clearly() -> None:
    with pytest.raises(StorageError, match="postgresql://"):
        Store("mysql://localhost/db")


@pytest.mark.postgis
def test_postgis_geometry_columns_with_gist_indexes_that_bbox_queries_use(
    postgis_server: PostgisServer,
) -> None:
    name = postgis_server.create_database()
    url = postgis_server.url(name)
    store = Store(url)
    _fill(store)
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as db:
        columns = db.execute(text(
            "SELECT f_table_name, srid, type FROM geometry_columns ORDER BY f_table_name"
        )).all()  # fmt: skip
        assert columns == [("features", 4326, "GEOMETRY"), ("incidents", 4326, "GEOMETRY")]
        indexes = db.execute(
            text("SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%USING gist (geom)%'")
        ).scalars()
        assert sorted(indexes) == ["features_geom", "incidents_geom"]
        kinds = db.execute(text(
            "SELECT ST_GeometryType(geom) FROM features WHERE geom IS NOT NULL ORDER BY fid"
        )).scalars()  # fmt: skip
        assert "ST_LineString" in list(kinds)
        # The store's own bbox clause, planned with sequential scans made expensive: it can
        # and does go through the GiST index.
        clause, params = store.backend.bbox_clause("features", "f", [(36.0, 35.0, 38.0, 37.0)])
        db.execute(text("SET enable_seqscan = off"))
        plan = db.execute(
            text(f"EXPLAIN SELECT f.fid FROM features f WHERE {clause}"), params
        ).scalars()
        assert "features_geom" in " ".join(plan)
    engine.dispose()
    store.close()
    postgis_server.drop_database(name)


@pytest.mark.postgis
def test_an_unreachable_server_is_told_and_connected_again(postgis_server: PostgisServer) -> None:
    store = Store(f"postgresql://eventmap:secret@127.0.0.1:{_closed_port()}/none", connect=False)
    with pytest.raises(DatabaseUnavailable, match="unreachable") as caught:
        store.ping()
    assert "secret" not in str(caught.value)  # the password is not told
    assert "127.0.0.1" in str(caught.value)


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _ids_of(found: tuple[int, list[dict[str, Any]]]) -> list[list[str]]:
    return [f["properties"]["documents"] for f in found[1]]
