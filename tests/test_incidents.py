"""Incidents: reports of one happening in different stored documents merged into one feature.

Through HTTP with the real pipeline and gazetteer (each test on its own fresh store), and on
the Store with hand-written features to pin the linking rules (real SQLite either way).
"""

from __future__ import annotations

import itertools
import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.incidents import Rules, haversine_km
from service.settings import Settings
from service.storage import Query, Store
from tests.test_service_http import _problem

KRAMATORSK = [
    (
        "kr-reuters",
        "A Russian missile strike hit the railway station in Kramatorsk on Friday, killing at "
        "least 50 people, officials said.",
        "2022-04-08",
    ),
    (
        "kr-bbc",
        "At least 52 civilians were killed when rockets struck Kramatorsk train station on "
        "April 8.",
        "2022-04-09",
    ),
    (
        "kr-ap",
        "Missiles slammed into a crowded station in Kramatorsk, eastern Ukraine, on Friday; "
        "39 people died.",
        "2022-04-08",
    ),
]
POLTAVA = ("poltava", "Shelling hit Poltava on Friday, the regional governor said.", "2022-04-08")


@pytest.fixture
def fresh(settings: Settings, tmp_path: Path) -> Iterator[TestClient]:
    """The app on an empty store of its own."""
    own = settings.model_copy(update={"database_url": f"sqlite:///{tmp_path / 'e.db'}"})
    with TestClient(create_app(own)) as client:
        yield client


def _post(client: TestClient, doc: tuple[str, str, str]) -> None:
    doc_id, text, published = doc
    resp = client.post("/v1/documents", json={"id": doc_id, "text": text, "published": published})
    assert resp.status_code == 201, resp.text


def _incidents(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    resp = client.get("/collections/incidents/items", params={"limit": 1000, **params})
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"].startswith("application/geo+json")
    body = resp.json()
    assert body["numberReturned"] == len(body["features"])
    return body["features"]


def test_three_reports_of_one_strike_are_one_incident(fresh: TestClient) -> None:
    for doc in KRAMATORSK:
        _post(fresh, doc)
    (incident,) = _incidents(fresh)
    props = incident["properties"]
    assert props["event_type"] == "strike"
    assert props["reports"] == 3
    assert sorted(props["documents"]) == ["kr-ap", "kr-bbc", "kr-reuters"]
    assert props["first_reported"] == "2022-04-08"
    assert props["last_reported"] == "2022-04-09"
    assert props["place"] == "Kramatorsk" and props["geo_precision"] == 1
    assert incident["geometry"]["type"] == "Point"
    lon, lat = incident["geometry"]["coordinates"]
    assert abs(lon - 37.56) < 0.1 and abs(lat - 48.73) < 0.1
    # Tolls of 50, 52 and 39: the largest stated, never their sum.
    assert props["killed"] == 52
    assert props["casualties"] == {
        "killed": 52,
        "killed_low": 39,
        "killed_high": 52,
        "injured": None,
    }
    # Every report keeps its own events.
    assert {e["doc_id"] for e in props["events"]} == set(props["documents"])
    fids = {e["fid"] for e in props["events"]}
    events = fresh.get("/collections/events/items", params={"limit": 100}).json()["features"]
    assert fids == {f["id"] for f in events}
    one = fresh.get(f"/collections/incidents/items/{incident['id']}")
    assert one.status_code == 200 and one.json()["properties"]["reports"] == 3


def test_unrelated_strike_the_same_day_stays_apart(fresh: TestClient) -> None:
    for doc in [*KRAMATORSK, POLTAVA]:
        _post(fresh, doc)
    incidents = sorted(_incidents(fresh), key=lambda f: f["properties"]["reports"])
    assert [f["properties"]["reports"] for f in incidents] == [1, 3]
    apart = haversine_km(
        tuple(incidents[0]["geometry"]["coordinates"]),
        tuple(incidents[1]["geometry"]["coordinates"]),
    )
    assert apart > 150
    assert incidents[0]["properties"]["documents"] == ["poltava"]
    assert incidents[0]["properties"]["killed"] is None
    assert "casualties" not in incidents[0]["properties"]


def test_incidents_take_the_ogc_filters(fresh: TestClient) -> None:
    for doc in [*KRAMATORSK, POLTAVA]:
        _post(fresh, doc)
    in_box = _incidents(fresh, bbox="37,48,38.5,49.5")
    assert [f["properties"]["place"] for f in in_box] == ["Kramatorsk"]
    assert len(_incidents(fresh, datetime="2022-04-08")) == 2
    assert _incidents(fresh, datetime="2022-05-01/..") == []
    assert len(_incidents(fresh, event_type="strike")) == 2
    assert _incidents(fresh, event_type="protest") == []
    (by_doc,) = _incidents(fresh, doc_id="kr-bbc")
    assert by_doc["properties"]["reports"] == 3
    page = fresh.get("/collections/incidents/items", params={"limit": 1}).json()
    assert page["numberMatched"] == 2 and page["numberReturned"] == 1
    assert any(link["rel"] == "next" for link in page["links"])
    _problem(fresh.get("/collections/incidents/items/999999"), 404)
    collection = fresh.get("/collections/incidents").json()
    assert collection["id"] == "incidents"


def test_deleting_a_document_updates_its_incident(fresh: TestClient) -> None:
    for doc in KRAMATORSK:
        _post(fresh, doc)
    assert fresh.delete("/v1/documents/kr-bbc").status_code == 204
    (incident,) = _incidents(fresh)
    props = incident["properties"]
    assert props["reports"] == 2
    assert sorted(props["documents"]) == ["kr-ap", "kr-reuters"]
    assert props["last_reported"] == "2022-04-08"
    assert props["casualties"]["killed"] == 50  # the 52 left with its report
    assert "kr-bbc" not in {e["doc_id"] for e in props["events"]}
    for doc_id in ("kr-ap", "kr-reuters"):
        assert fresh.delete(f"/v1/documents/{doc_id}").status_code == 204
    assert _incidents(fresh) == []


def test_incidents_do_not_depend_on_the_order_documents_arrive(
    settings: Settings, tmp_path: Path
) -> None:
    docs = [*KRAMATORSK, POLTAVA]
    seen = set()
    for n, order in enumerate(itertools.permutations(docs)):
        if n % 6:  # four orders of the 24 are enough
            continue
        own = settings.model_copy(update={"database_url": f"sqlite:///{tmp_path / f'{n}.db'}"})
        with TestClient(create_app(own)) as client:
            for doc in order:
                _post(client, doc)
            groups = frozenset(frozenset(f["properties"]["documents"]) for f in _incidents(client))
        seen.add(groups)
    assert seen == {frozenset({frozenset(d[0] for d in KRAMATORSK), frozenset({"poltava"})})}


# -- the linking rules on the store, with hand-written features ------------------------------


def _event(
    lon: float,
    lat: float,
    *,
    event_type: str = "strike",
    day: str | None = "2024-03-06",
    date_precision: str | None = "day",
    geo_precision: int = 1,
    actor: str | None = None,
    killed: int | None = None,
    qualifier: str | None = None,
    acled: str | None = "Explosions/Remote violence",
) -> dict[str, Any]:
    props: dict[str, Any] = {
        "kind": "event",
        "event_type": event_type,
        "place": f"{lon},{lat}",
        "country_code": "SY",
        "geo_precision": geo_precision,
        "date": day,
        "date_precision": date_precision if day else None,
        "actor": actor,
        "acled_event_type": acled,
        "confidence": 0.8,
        "sentence": "...",
    }
    if killed is not None:
        props["casualties"] = {
            "killed": killed,
            "injured": None,
            "qualifier": qualifier,
            "victims": None,
        }
    geometry = {"type": "Point", "coordinates": [lon, lat]}
    return {"type": "Feature", "geometry": geometry, "properties": props}


def _fc(*events: dict[str, Any], published: str | None = "2024-03-06") -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "features": list(events),
        "document": {"published": published, "title": None, "url": None},
    }


ALEPPO = (37.16, 36.20)


def _km_east(km: float) -> tuple[float, float]:
    """A point ``km`` east of Aleppo."""
    lon = ALEPPO[0]
    while haversine_km(ALEPPO, (lon, ALEPPO[1])) < km:
        lon += 0.001
    return lon, ALEPPO[1]


def _groups(store: Store) -> list[list[str]]:
    _, features = store.items("incidents", _query())
    return sorted(sorted(f["properties"]["documents"]) for f in features)


def _query() -> Query:
    return Query(limit=10_000)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "rules.db")


@pytest.mark.parametrize(
    ("precision", "near_km", "far_km"), [(1, 8, 14), (2, 45, 60), (3, 140, 170)]
)
def test_distance_depends_on_geo_precision(
    store: Store, precision: int, near_km: float, far_km: float
) -> None:
    store.add("a", "a", _fc(_event(*ALEPPO, geo_precision=precision)))
    store.add("near", "near", _fc(_event(*_km_east(near_km), geo_precision=precision)))
    store.add("far", "far", _fc(_event(*_km_east(far_km + near_km), geo_precision=precision)))
    assert _groups(store) == [["a", "near"], ["far"]]


def test_the_coarser_precision_decides(store: Store) -> None:
    store.add("town", "town", _fc(_event(*ALEPPO, geo_precision=1)))
    store.add("region", "region", _fc(_event(*_km_east(40), geo_precision=2)))
    assert _groups(store) == [["region", "town"]]


def test_dates_within_the_window_of_their_precision(store: Store) -> None:
    store.add("d0", "d0", _fc(_event(*ALEPPO, day="2024-03-06")))
    store.add("d1", "d1", _fc(_event(*ALEPPO, day="2024-03-07")))  # next day: one incident
    store.add("d5", "d5", _fc(_event(*ALEPPO, day="2024-03-11")))  # five days on: another
    # The week of Monday the 4th (to the 10th) holds the 6th and is a day from the 11th.
    assert _groups(store) == [["d0", "d1"], ["d5"]]
    store.add("wk", "wk", _fc(_event(*ALEPPO, day="2024-03-04", date_precision="week")))
    assert _groups(store) == [["d0", "d1", "d5", "wk"]]


def test_undated_events_match_only_on_the_same_published_day(store: Store) -> None:
    store.add("dated", "dated", _fc(_event(*ALEPPO)))
    store.add("same", "same", _fc(_event(*ALEPPO, day=None), published="2024-03-06"))
    store.add("later", "later", _fc(_event(*ALEPPO, day=None), published="2024-03-07"))
    store.add("none", "none", _fc(_event(*ALEPPO, day=None), published=None))
    assert _groups(store) == [["dated", "same"], ["later"], ["none"]]


def test_actors_must_be_compatible(store: Store) -> None:
    store.add("ru", "ru", _fc(_event(*ALEPPO, actor="Russia")))
    store.add("ru2", "ru2", _fc(_event(*ALEPPO, actor="the russia")))
    store.add("us", "us", _fc(_event(*ALEPPO, actor="United States")))
    assert _groups(store) == [["ru", "ru2"], ["us"]]
    store.add("anon", "anon", _fc(_event(*ALEPPO)))  # no actor: compatible with both
    assert _groups(store) == [["anon", "ru", "ru2", "us"]]


def test_event_families(store: Store) -> None:
    store.add("strike", "s", _fc(_event(*ALEPPO)))
    store.add("toll", "t", _fc(_event(*ALEPPO, event_type="casualty", killed=5)))
    store.add("protest", "p", _fc(_event(*ALEPPO, event_type="protest", acled="Protests")))
    store.add("clash", "c", _fc(_event(*ALEPPO, event_type="clash", acled="Battles")))
    store.add(
        "battle-toll", "bt", _fc(_event(*ALEPPO, event_type="casualty", acled="Battles", killed=3))
    )
    assert _groups(store) == [["battle-toll", "clash"], ["protest"], ["strike", "toll"]]
    _, features = store.items("incidents", _query())
    types = sorted(f["properties"]["event_type"] for f in features)
    assert types == ["clash", "protest", "strike"]


def test_one_document_does_not_merge_its_own_separate_events(store: Store) -> None:
    toll = _event(*ALEPPO, event_type="casualty", killed=7)
    store.add("towns", "t", _fc(_event(*ALEPPO), _event(*_km_east(5)), toll))
    _, features = store.items("incidents", _query())
    assert sorted(len(f["properties"]["events"]) for f in features) == [1, 2]
    assert all(f["properties"]["reports"] == 1 for f in features)


def test_killed_best_low_high(store: Store) -> None:
    store.add("a", "a", _fc(_event(*ALEPPO, event_type="casualty", killed=12)))
    store.add("b", "b", _fc(_event(*ALEPPO, event_type="casualty", killed=20)))
    store.add("c", "c", _fc(_event(*ALEPPO, event_type="casualty", killed=60, qualifier="up to")))
    _, (incident,) = store.items("incidents", _query())
    assert incident["properties"]["casualties"]["killed"] == 20  # "up to 60" states no toll
    assert incident["properties"]["casualties"]["killed_low"] == 12
    assert incident["properties"]["casualties"]["killed_high"] == 60


def test_reports_in_a_row_do_not_chain(store: Store) -> None:
    """West and east are 80 km apart, each 40 km from the middle (reach 50 km): the middle
    joins one of them, never both, and leaving it frees its partner."""
    store.add("west", "w", _fc(_event(*ALEPPO, geo_precision=2)))
    store.add("middle", "m", _fc(_event(*_km_east(40), geo_precision=2)))
    store.add("east", "e", _fc(_event(*_km_east(80), geo_precision=2)))
    assert _groups(store) == [["east", "middle"], ["west"]]
    assert store.delete("middle")
    assert _groups(store) == [["east"], ["west"]]


def test_daily_strikes_on_one_town_stay_apart(store: Store) -> None:
    for day in range(1, 9):
        store.add(f"day-{day}", str(day), _fc(_event(*ALEPPO, day=f"2024-03-{day:02d}")))
    groups = _groups(store)
    assert len(groups) >= 4
    assert all(len(group) <= 2 for group in groups)


def test_incidents_rebuilt_at_open_equal_incremental(store: Store, tmp_path: Path) -> None:
    store.add("a", "a", _fc(_event(*ALEPPO, killed=3, event_type="casualty")))
    store.add("b", "b", _fc(_event(*_km_east(5))))
    store.add("c", "c", _fc(_event(*_km_east(300))))
    store.delete("c")
    store.add("d", "d", _fc(_event(*_km_east(9))))
    before = store.items("incidents", _query())
    with sqlite3.connect(store.path) as db:
        db.execute("DELETE FROM store_meta")
    again = Store(store.path)
    assert again.items("incidents", _query()) == before


def test_rules_are_settings_and_a_change_rebuilds_the_incidents(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "tuned.db"
    store = Store(path)
    store.add("a", "a", _fc(_event(*ALEPPO)))
    store.add("b", "b", _fc(_event(*_km_east(15))))
    store.add("c", "c", _fc(_event(*ALEPPO, day="2024-03-09")))
    assert _groups(store) == [["a"], ["b"], ["c"]]
    wider = Store(path, Rules(link_km=(20.0, 50.0, 150.0), date_slack_days=3))
    assert _groups(wider) == [["a", "b", "c"]]
    assert _groups(Store(path)) == [["a"], ["b"], ["c"]]
    monkeypatch.setenv("EVENTMAP_INCIDENT_KM", "[20, 50, 150]")
    monkeypatch.setenv("EVENTMAP_INCIDENT_DATE_SLACK_DAYS", "3")
    tuned = Settings(data_dir=settings.data_dir, database_url=f"sqlite:///{path}")
    assert (tuned.incident_km, tuned.incident_date_slack_days) == ((20.0, 50.0, 150.0), 3)
    with TestClient(create_app(tuned)) as client:
        assert len(_incidents(client)) == 1


@pytest.mark.parametrize("year_first", [True, False])
def test_a_year_precise_report_links_to_a_day_in_that_year(store: Store, year_first: bool) -> None:
    year = ("year", _fc(_event(*ALEPPO, day="2024-01-01", date_precision="year")))
    day = ("day", _fc(_event(*ALEPPO, day="2024-11-20")))
    other_year = ("2023", _fc(_event(*ALEPPO, day="2023-11-20")))
    for doc_id, fc in (year, day, other_year) if year_first else (other_year, day, year):
        store.add(doc_id, doc_id, fc)
    assert _groups(store) == [["2023"], ["day", "year"]]


def test_incremental_equals_rebuild_on_a_crowded_store(store: Store) -> None:
    """Eighty documents in one crowded month and region, some deleted on the way: the
    incidents kept up document by document equal those built from scratch, and two stores
    fed in opposite orders agree."""
    rng = random.Random(11)
    docs = []
    for i in range(80):
        events = [
            _event(
                36 + rng.random() * 2,
                35 + rng.random() * 2,
                day=f"2024-03-{rng.randint(1, 10):02d}",
                date_precision=rng.choice(["day", "day", "day", "week"]),
                geo_precision=rng.choice([1, 1, 2, 3]),
                actor=rng.choice([None, None, "Russia", "United States"]),
                event_type=rng.choice(["strike", "casualty"]),
                killed=rng.choice([None, 4]),
            )
            for _ in range(rng.randint(1, 3))
        ]
        docs.append((f"doc-{i:02d}", _fc(*events)))
    for n, (doc_id, fc) in enumerate(docs):
        store.add(doc_id, doc_id, fc)
        if n % 7 == 6:
            assert store.delete(docs[n - 3][0])
    incremental = store.items("incidents", _query())
    assert incremental[0] > 10
    with sqlite3.connect(store.path) as db:
        db.execute("DELETE FROM store_meta")
    assert Store(store.path).items("incidents", _query()) == incremental

    kept = {doc_id for doc_id, _ in docs} - {docs[n - 3][0] for n in range(6, 80, 7)}
    backwards = Store(store.path.with_name("backwards.db"))
    for doc_id, fc in reversed(docs):
        if doc_id in kept:
            backwards.add(doc_id, doc_id, fc)
    assert _groups(backwards) == _groups(store)


def test_a_toll_with_no_stated_cause_joins_the_deadly_act(store: Store) -> None:
    store.add("strike", "s", _fc(_event(*ALEPPO)))
    store.add("toll", "t", _fc(_event(*ALEPPO, event_type="casualty", acled=None, killed=8)))
    store.add("protest", "p", _fc(_event(*ALEPPO, event_type="protest", acled="Protests")))
    assert _groups(store) == [["protest"], ["strike", "toll"]]
    _, features = store.items("incidents", _query())
    merged = next(f["properties"] for f in features if f["properties"]["reports"] == 2)
    assert (merged["event_type"], merged["family"], merged["killed"]) == ("strike", "strike", 8)
