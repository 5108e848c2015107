"""An armed group, security force or single-country mission the text names says which country
the story is about."""

from __future__ import annotations

from pathlib import Path

import pytest

import gazetteer
from gazetteer.organisations import load_organisations

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def gaz() -> gazetteer.Gazetteer:
    return gazetteer.load(ROOT / "var" / "gazetteer")


def _countries(gaz: gazetteer.Gazetteer, text: str) -> dict[str, str | None]:
    return {t.mention: t.country_code for t in gaz.geoparse(text)}


def test_an_armed_groups_country_holds_its_towns(gaz: gazetteer.Gazetteer) -> None:
    assert _countries(gaz, "OLA fighters attacked a police station in Ambo.")["Ambo"] == "ET"


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        ("The OSCE SMM observed 57 explosions near Semyhiria.", "Semyhiria", "UA"),
        ("UNMISS peacekeepers protected civilians in Leer.", "Leer", "SS"),
    ],
)
def test_a_single_country_mission_holds_its_towns(
    gaz: gazetteer.Gazetteer, text: str, mention: str, country: str
) -> None:
    assert _countries(gaz, text)[mention] == country


def test_a_world_body_holds_no_country(gaz: gazetteer.Gazetteer) -> None:
    # UNICEF works everywhere: its name says nothing of where Tripoli is, and Libya's
    # capital stays the reading of the bare name
    assert _countries(gaz, "UNICEF delivered aid to Tripoli.")["Tripoli"] == "LY"


def test_a_party_abroad_does_not_pull_a_region_home(gaz: gazetteer.Gazetteer) -> None:
    # parties are named in world news; their country is no setting ("Middle East" is no
    # town of the United States)
    found = _countries(gaz, "The Republican party spoke about the Middle East.")
    assert found["Middle East"] != "US"


def test_a_militia_named_after_a_region_is_no_mention_of_it(gaz: gazetteer.Gazetteer) -> None:
    text = "Mortar rounds struck positions held by the Luhansk People's Militia near Zolote."
    spans = [(t.mention, t.start) for t in gaz.geoparse(text)]
    assert ("Luhansk", text.index("Luhansk")) not in spans
    assert "Zolote" in dict(spans)
    # Counterexample: the region itself, named where something happened
    assert "Luhansk" in _countries(gaz, "Mortars hit a village in Luhansk region.")


# Sokilnyky and Molodizhne: a town of that name elsewhere in Ukraine is more populous
@pytest.mark.parametrize(
    "mention", ["Kruta Balka", "Viktorivka", "Holubivske", "Sokilnyky", "Molodizhne"]
)
def test_a_missions_regions_hold_its_villages(gaz: gazetteer.Gazetteer, mention: str) -> None:
    """Ukraine has several villages of each name; the OSCE SMM reported from Donetsk and
    Luhansk oblasts (its regions in the organisations list), where one of each lies."""
    text = f"The OSCE SMM observed 12 explosions near {mention}."
    assert {t.mention: t for t in gaz.geoparse(text)}[mention].admin1 in {"UA.05", "UA.14"}


def test_without_such_an_actor_the_prior_decides(gaz: gazetteer.Gazetteer) -> None:
    found = {t.mention: t for t in gaz.geoparse("Farmers from Kruta Balka, Ukraine, sold grain.")}
    assert found["Kruta Balka"].admin1 not in {"UA.05", "UA.14"}


def test_a_missions_regions_do_not_move_a_town_named_once(gaz: gazetteer.Gazetteer) -> None:
    found = {t.mention: t for t in gaz.geoparse("The OSCE SMM met officials in Kharkiv.")}
    assert found["Kharkiv"].name == "Kharkiv" and found["Kharkiv"].feature_class == "city"


def test_every_listed_region_is_an_admin1_region_of_its_country(gaz: gazetteer.Gazetteer) -> None:
    regions = {(o.country, r) for o in load_organisations() for r in o.regions}
    assert ("UA", "UA.05") in regions
    index = gaz._ix
    codes = {
        (index["cc"][i], index["admin1"][i])
        for i, f in enumerate(index["fclass"])
        if index["feature_classes"][f] == "admin1"
    }
    assert regions <= codes, regions - codes
