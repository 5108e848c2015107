"""Airports from airportsdata in the real index: named with their kind, never by bare
codes."""

from __future__ import annotations

import math
from pathlib import Path

import airportsdata
import pytest

import gazetteer
from gazetteer.normalize import norm_name
from gazetteer.sources.airports import airport_places

DATA_DIR = Path(__file__).resolve().parent.parent / "var" / "gazetteer"


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def test_package_has_mitiga() -> None:
    mitiga = airportsdata.load("ICAO")["HLLM"]
    assert mitiga["name"] == "Mitiga Airport" and mitiga["country"] == "LY"


@pytest.mark.parametrize(
    "text, mention",
    [
        ("Drones struck Mitiga airport on Sunday.", "Mitiga airport"),
        ("Flights resumed at Mitiga International Airport.", "Mitiga International Airport"),
    ],
)
def test_mitiga_airport_resolves_to_the_airport_in_libya(
    gaz: gazetteer.Gazetteer, text: str, mention: str
) -> None:
    mitiga = airportsdata.load("ICAO")["HLLM"]
    found = {t.mention: t for t in gaz.geoparse(text)}
    airport = found[mention]
    assert airport.country_code == "LY"
    assert airport.feature_class == "other" and airport.source == "airportsdata"
    assert airport.name == "Mitiga Airport"
    assert _km(airport.lat, airport.lon, mitiga["lat"], mitiga["lon"]) < 1.0


def test_air_base_and_city_airport(gaz: gazetteer.Gazetteer) -> None:
    found = {t.mention: t for t in gaz.geoparse("US jets left Bagram air base.")}
    assert found["Bagram air base"].name == "Bagram Air Base"
    assert found["Bagram air base"].country_code == "AF"
    found = {t.mention: t for t in gaz.geoparse("Shelling hit Kabul airport.")}
    assert found["Kabul airport"].source == "airportsdata"


@pytest.mark.parametrize(
    "text",
    [
        "They CAN fly, but BAD weather and FAT fees kept the ACE team at home.",
        "The airport was closed and the field was wet.",
        "Troops reached the Regional Airport and the Municipal Airport.",
        "He drove to the International Airport near the Air Base.",
        "The Main Airport and the Military Airfield reopened.",
    ],
)
def test_common_words_never_resolve_to_an_airport(gaz: gazetteer.Gazetteer, text: str) -> None:
    assert [t for t in gaz.geoparse(text) if t.source == "airportsdata"] == []


def test_codes_are_no_names(gaz: gazetteer.Gazetteer) -> None:
    """No IATA or ICAO code alone names an airport in the index."""
    codes = {p.iata for p in airport_places() if p.iata} | {p.icao for p in airport_places()}
    assert len(codes) > 10_000
    for code in codes:
        for hit in gaz.search(code, limit=50):
            assert hit["source"] != "airportsdata", (code, hit)
    assert all(norm_name(p.name) not in {c.lower() for c in codes} for p in airport_places())


def test_far_namesake_heads_are_dropped(gaz: gazetteer.Gazetteer) -> None:
    # "Bali Airport" of Cameroon is no name: Bali means the Indonesian island.
    assert all(h["country_code"] != "CM" for h in gaz.search("Bali Airport"))


def test_airportsdata_is_credited(gaz: gazetteer.Gazetteer) -> None:
    credit = next(s for s in gaz.sources if s["name"] == "airportsdata")
    assert credit["licence"] == "MIT"
