"""An armed group or security force the text names says which country the story is about."""

from __future__ import annotations

from pathlib import Path

import pytest

import gazetteer

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def gaz() -> gazetteer.Gazetteer:
    return gazetteer.load(ROOT / "var" / "gazetteer")


def _countries(gaz: gazetteer.Gazetteer, text: str) -> dict[str, str | None]:
    return {t.mention: t.country_code for t in gaz.geoparse(text)}


def test_an_armed_groups_country_holds_its_towns(gaz: gazetteer.Gazetteer) -> None:
    assert _countries(gaz, "OLA fighters attacked a police station in Ambo.")["Ambo"] == "ET"


def test_a_party_abroad_does_not_pull_a_region_home(gaz: gazetteer.Gazetteer) -> None:
    # parties are named in world news; their country is no setting ("Middle East" is no
    # town of the United States)
    found = _countries(gaz, "The Republican party spoke about the Middle East.")
    assert found["Middle East"] != "US"
