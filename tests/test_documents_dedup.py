"""Stored documents are deduplicated by content, and stores from older versions keep working."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.settings import Settings
from service.storage import Store, content_hash
from tests.test_service_http import _problem

TEXT = "Airstrikes hit Raqqa on Tuesday, killing at least 9 civilians, activists said."


@pytest.fixture
def fresh(settings: Settings, tmp_path: Path) -> Iterator[TestClient]:
    """The app on an empty store of its own."""
    own = settings.model_copy(update={"database_url": f"sqlite:///{tmp_path / 'e.db'}"})
    with TestClient(create_app(own)) as client:
        yield client


def _total(client: TestClient) -> int:
    return client.get("/v1/documents").json()["total"]


def _events_of(client: TestClient, doc_id: str) -> int:
    items = client.get("/collections/events/items", params={"doc_id": doc_id, "limit": 1000})
    return items.json()["numberMatched"]


def test_the_same_text_again_answers_the_stored_document(fresh: TestClient) -> None:
    first = fresh.post("/v1/documents", json={"text": TEXT, "published": "2017-06-07"})
    assert first.status_code == 201
    doc_id = first.json()["id"]
    events = _events_of(fresh, doc_id)
    assert events > 0

    spaced = "  " + TEXT.replace(" ", "  \n\t", 3) + "\n\n"
    again = fresh.post("/v1/documents", json={"text": spaced, "published": "2017-06-07"})
    assert again.status_code == 200, again.text
    assert again.headers["location"] == f"/v1/documents/{doc_id}"
    assert again.headers["content-type"].startswith("application/geo+json")
    body = again.json()
    assert body["id"] == doc_id
    assert body["toponyms"] == first.json()["toponyms"]
    assert len(body["sources"]) == 1  # same date, same (no) URL: nothing new
    assert _total(fresh) == 1
    assert _events_of(fresh, doc_id) == events
    incidents = fresh.get("/collections/incidents/items").json()["features"]
    assert all(f["properties"]["reports"] == 1 for f in incidents)

    plain = fresh.post(
        "/v1/documents?published=2017-06-07", content=TEXT.encode(),
        headers={"content-type": "text/plain"},
    )  # fmt: skip
    assert plain.status_code == 200 and plain.json()["id"] == doc_id
    assert _total(fresh) == 1


def test_another_date_or_url_is_another_source(fresh: TestClient) -> None:
    first = fresh.post("/v1/documents", json={"text": TEXT, "published": "2017-06-07"})
    doc_id = first.json()["id"]
    later = fresh.post(
        "/v1/documents",
        json={"text": TEXT, "published": "2017-06-08", "url": "https://example.org/raqqa",
              "title": "Raqqa"},
    )  # fmt: skip
    assert later.status_code == 200 and later.json()["id"] == doc_id
    mirror = fresh.post(
        "/v1/documents",
        json={"text": TEXT, "published": "2017-06-08", "url": "https://mirror.example/r"},
    )
    assert mirror.status_code == 200
    repeat = fresh.post(
        "/v1/documents",
        json={"text": TEXT, "published": "2017-06-08", "url": "https://example.org/raqqa"},
    )
    assert repeat.status_code == 200
    sources = fresh.get(f"/v1/documents/{doc_id}").json()["sources"]
    assert [(s["published"], s["url"]) for s in sources] == [
        ("2017-06-07", None),
        ("2017-06-08", "https://example.org/raqqa"),
        ("2017-06-08", "https://mirror.example/r"),
    ]
    assert sources[1]["title"] == "Raqqa"
    assert all(s["added"] for s in sources)
    (listed,) = fresh.get("/v1/documents").json()["documents"]
    assert listed["sources"] == 3
    # The stored analysis is the first one: relative dates keep their first reading.
    assert fresh.get(f"/v1/documents/{doc_id}").json()["document"]["published"] == "2017-06-07"


def test_explicit_ids_and_stored_texts(fresh: TestClient) -> None:
    assert fresh.post("/v1/documents", json={"id": "raqqa", "text": TEXT}).status_code == 201
    same = fresh.post("/v1/documents", json={"id": "raqqa", "text": TEXT + " "})
    assert same.status_code == 200 and same.headers["location"] == "/v1/documents/raqqa"
    other_id = fresh.post("/v1/documents", json={"id": "raqqa-2", "text": TEXT})
    assert other_id.status_code == 200
    assert other_id.json()["id"] == "raqqa"
    assert other_id.headers["location"] == "/v1/documents/raqqa"
    _problem(fresh.get("/v1/documents/raqqa-2"), 404)
    taken = fresh.post("/v1/documents", json={"id": "raqqa", "text": "Shelling hit Idlib."})
    _problem(taken, 409, "id")
    assert _total(fresh) == 1
    # Once forgotten, the text can be stored again, as a new document.
    assert fresh.delete("/v1/documents/raqqa").status_code == 204
    assert fresh.post("/v1/documents", json={"id": "raqqa-3", "text": TEXT}).status_code == 201


def test_openapi_documents_the_dedup_answer(fresh: TestClient) -> None:
    post = fresh.get("/openapi.json").json()["paths"]["/v1/documents"]["post"]
    assert {"200", "201", "409"} <= post["responses"].keys()
    assert "Location" in post["responses"]["200"]["description"]
    assert "200" in post["description"]


def test_concurrent_posts_of_one_text_store_one_document(tmp_path: Path) -> None:
    store = Store(tmp_path / "race.db")
    fc = {"type": "FeatureCollection", "features": [], "document": {"published": None}}
    answers: list[tuple[str, bool]] = []
    threads = [
        threading.Thread(target=lambda i=i: answers.append(store.add(f"d{i}", TEXT, fc)))
        for i in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(created for _, created in answers) == 1
    assert len({doc_id for doc_id, _ in answers}) == 1
    assert store.documents(10, 0)[0] == 1


OLD_SCHEMA = """
CREATE TABLE documents (
    id TEXT PRIMARY KEY, created TEXT NOT NULL, published TEXT, title TEXT, url TEXT,
    text TEXT NOT NULL, result BLOB NOT NULL
);
CREATE TABLE features (
    fid INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    collection TEXT NOT NULL, event_type TEXT, date TEXT, feature BLOB NOT NULL
);
CREATE INDEX features_doc ON features(doc_id);
CREATE INDEX features_collection ON features(collection, fid);
CREATE VIRTUAL TABLE features_extent USING rtree(fid, minx, maxx, miny, maxy);
"""


def test_a_store_from_before_dedup_and_incidents_opens(
    settings: Settings, client: TestClient, tmp_path: Path
) -> None:
    """A store written by the previous version (no hashes, sources or incidents), holding the
    same text twice as that version allowed, opens, answers and deduplicates."""
    fc = client.post("/v1/geoparse", json={"text": TEXT, "published": "2017-06-07"}).json()
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as db:
        db.executescript(OLD_SCHEMA)
        for doc_id, created in (("old-1", "2024-01-01T00:00:00+00:00"),
                                ("old-2", "2024-01-02T00:00:00+00:00")):  # fmt: skip
            db.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)",
                (doc_id, created, "2017-06-07", None, None, TEXT, orjson.dumps(fc)),
            )
            for feature in fc["features"]:
                kind = "events" if feature["properties"]["kind"] == "event" else "places"
                cursor = db.execute(
                    "INSERT INTO features (doc_id, collection, event_type, date, feature) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (doc_id, kind, feature["properties"].get("event_type"),
                     feature["properties"].get("date"), orjson.dumps(feature)),
                )  # fmt: skip
                lon, lat = feature["geometry"]["coordinates"]
                db.execute(
                    "INSERT INTO features_extent VALUES (?, ?, ?, ?, ?)",
                    (cursor.lastrowid, lon, lon, lat, lat),
                )
    old = settings.model_copy(update={"database_url": f"sqlite:///{path}"})
    for _ in range(2):  # opening twice migrates once
        with TestClient(create_app(old)) as app:
            stored = app.get("/v1/documents/old-1").json()
            assert stored["sources"] == [
                {"published": "2017-06-07", "title": None, "url": None,
                 "added": "2024-01-01T00:00:00+00:00"}
            ]  # fmt: skip
            again = app.post("/v1/documents", json={"text": TEXT, "published": "2017-06-07"})
            assert again.status_code == 200 and again.json()["id"] == "old-1"
            assert app.get("/v1/documents").json()["total"] == 2
            incidents = app.get("/collections/incidents/items").json()["features"]
            assert incidents and all(
                set(f["properties"]["documents"]) == {"old-1", "old-2"} for f in incidents
            )
    with sqlite3.connect(path) as db:
        hashes = {row[0] for row in db.execute("SELECT content_hash FROM documents")}
    assert hashes == {content_hash(TEXT)}
