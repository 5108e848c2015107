"""The seed article through the HTTP API: its places, its look-alikes and its boilerplate."""

from __future__ import annotations

import json
import math

import pytest
from fastapi.testclient import TestClient

from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
EXPECTED = json.loads((FIXTURES / "seed-article.expected.json").read_text(encoding="utf-8"))
TEXT = (FIXTURES / "seed-article.txt").read_text(encoding="utf-8")


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def seed(client: TestClient) -> dict:
    resp = client.post("/v1/geoparse", json={"text": TEXT, "published": EXPECTED["published"]})
    assert resp.status_code == 200
    return resp.json()


@pytest.mark.parametrize("place", EXPECTED["places"], ids=lambda p: p["mention"])
def test_every_expected_place_is_found_within_tolerance(seed: dict, place: dict) -> None:
    found = [t for t in seed["toponyms"] if t["mention"] == place["mention"]]
    assert found, f"{place['mention']} not found"
    for t in found:
        assert _km(t["lat"], t["lon"], place["lat"], place["lon"]) <= place["tol_km"], t
        if "country_code" in place:
            assert t["country_code"] == place["country_code"]


@pytest.mark.parametrize("name", EXPECTED["not_places"])
def test_look_alikes_are_not_places(seed: dict, name: str) -> None:
    for t in seed["toponyms"]:
        assert not (name in t["mention"] or t["mention"] in name.split()), t


def test_nothing_comes_from_the_cookie_banner(seed: dict) -> None:
    body_end = seed["document"]["body_end"]
    assert TEXT[body_end:].lstrip().startswith("This website has updated its privacy policy")
    events = [f for f in seed["features"] if f["properties"]["kind"] == "event"]
    assert events and all(f["properties"]["span"][1] <= body_end for f in events)


def test_one_toll_for_three_towns(seed: dict) -> None:
    casualties = [f for f in seed["features"] if f["properties"].get("event_type") == "casualty"]
    assert len(casualties) == 1
    event = casualties[0]
    assert event["geometry"]["type"] == "MultiPoint"
    assert len(event["geometry"]["coordinates"]) == 3
    assert event["properties"]["casualties"]["killed"] == 36
    assert event["properties"]["casualties"]["qualifier"] == "at least"
