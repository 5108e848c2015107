"""A place lies inside the container the text states for it (gazetteer.agreement)."""

from __future__ import annotations

from pathlib import Path

import pytest

import gazetteer
from core.toponym import Toponym, km_between
from gazetteer.agreement import agree_with_containers

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def gaz() -> gazetteer.Gazetteer:
    return gazetteer.load(ROOT / "var" / "gazetteer")


def _read(gaz: gazetteer.Gazetteer, text: str) -> dict[str, Toponym]:
    return {t.mention: t for t in agree_with_containers(text, gaz.geoparse(text), gaz)}


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        ("Clashes erupted in Tripoli's Souq al-Juma district overnight.", "Souq al-Juma", "LY"),
        (
            "Helicopters landed in the tourist town of Kalam in the Swat Valley, Pakistan.",
            "Kalam",
            "PK",
        ),
        # the container's own container counts, and a big town abroad is no exception
        (
            "Militants shot and killed 1 civilian in Islamabad area of Alishing district, Laghman.",
            "Islamabad",
            "AF",
        ),
    ],
)
def test_a_namesake_abroad_yields_to_the_stated_container(
    gaz: gazetteer.Gazetteer, text: str, mention: str, country: str
) -> None:
    assert _read(gaz, text)[mention].country_code == country


def test_a_district_named_in_another_province_is_read_inside_the_stated_one(
    gaz: gazetteer.Gazetteer,
) -> None:
    found = _read(gaz, "Two soldiers were killed in an ambush in Qarabagh district, Ghazni.")
    qarabagh, ghazni = found["Qarabagh"], found["Ghazni"]
    assert qarabagh.container == "Ghazni" or qarabagh.admin1 == ghazni.admin1
    assert km_between(qarabagh, ghazni) <= 200


@pytest.mark.parametrize(
    ("text", "mention", "container"),
    [
        # Andar is also a district of Ghazni, some 100 km from Nirkh: no district lies
        # inside another, so the name is placed inside the district the text states
        ("A civilian was killed in the Andar area of Nirkh district, Wardak.", "Andar", "Nirkh"),
        ("Gunmen killed 2 soldiers in Qarabagh district, Ghazni.", "Qarabagh", "Ghazni"),
    ],
)
def test_a_place_lies_within_a_district_radius_of_the_district_stated(
    gaz: gazetteer.Gazetteer, text: str, mention: str, container: str
) -> None:
    found = _read(gaz, text)
    assert km_between(found[mention], found[container]) <= 100


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        # a province is not inside a town: "the Hunan city of Yueyang" is Yueyang in Hunan
        ("In the Hunan city of Yueyang, 47 reservoirs overflowed.", "Hunan", "CN"),
        # containers that do not nest (Abadan read as Ibadan, Oyo state) say nothing
        ("Militants clashed with soldiers in Malam Fatori (Abadan, Borno).", "Malam Fatori", "NG"),
        # a container read from part of its name ("Shabelle" of "Middle Shabelle") is no reading
        (
            "Troops recaptured the town of Adan Yabaal in the Middle Shabelle region.",
            "Adan Yabaal",
            "SO",
        ),
    ],
)
def test_places_that_agree_with_the_text_stay(
    gaz: gazetteer.Gazetteer, text: str, mention: str, country: str
) -> None:
    before = {t.mention: t for t in gaz.geoparse(text)}
    after = _read(gaz, text)
    assert after[mention].country_code == country
    assert (after[mention].lat, after[mention].lon) == (before[mention].lat, before[mention].lon)
    assert after[mention].reading != "container"


def test_a_big_town_in_its_stated_country_keeps_its_reading(gaz: gazetteer.Gazetteer) -> None:
    # "Lahore district, Punjab": the city is the district's seat, not a namesake inside
    found = _read(gaz, "Police dispersed protesters in Lahore city, Lahore district, Punjab.")
    assert found["Lahore"].country_code == "PK"
    assert found["Lahore"].reading != "container"


def test_malam_fatori_stays_in_borno(gaz: gazetteer.Gazetteer) -> None:
    found = _read(gaz, "Militants clashed with soldiers in Malam Fatori (Abadan, Borno).")
    assert km_between(found["Malam Fatori"], found["Borno"]) <= 400


@pytest.mark.parametrize(
    ("text", "mention", "container"),
    [
        # the container is first read abroad by its spelling, then in the story's country
        (
            "Soldiers opened fire on a vehicle in Aapsikan area of Mand town (Kech district,"
            " Balochistan), killing a man.",
            "Aapsikan",
            "Mand",
        ),
        (
            "Taliban militants attacked a base in Shamal (Do Mando) district, Khost.",
            "Shamal",
            "Do Mando",
        ),
    ],
)
def test_a_name_placed_at_its_container_moves_with_the_container(
    gaz: gazetteer.Gazetteer, text: str, mention: str, container: str
) -> None:
    found = {t.mention: t for t in gaz.geoparse(text)}
    assert found[mention].reading == "container"
    assert found[mention].country_code == found[container].country_code
    assert km_between(found[mention], found[container]) <= 200


def test_a_name_placed_at_its_container_that_agrees_stays(gaz: gazetteer.Gazetteer) -> None:
    text = "Gunmen killed a trader in Abu Salim (Tripoli) on Sunday."
    before = {t.mention: t for t in gaz.geoparse(text)}
    after = _read(gaz, text)
    assert (after["Abu Salim"].lat, after["Abu Salim"].lon) == (
        before["Abu Salim"].lat,
        before["Abu Salim"].lon,
    )
    assert after["Abu Salim"].country_code == "LY"


def test_a_namesake_abroad_yields_to_another_spelling_inside_the_container(
    gaz: gazetteer.Gazetteer,
) -> None:
    # "Mansura" alone is Al Mansurah, Egypt; in the Raqqa countryside it is Syria's village
    found = _read(gaz, "Gunmen shot a civilian in Mansura in Ar-Raqqa countryside.")
    assert found["Mansura"].country_code == "SY"
    assert found["Mansura"].reading == "spelling"
    assert km_between(found["Mansura"], found["Ar-Raqqa"]) <= 200


def test_a_place_read_by_a_spelling_lies_near_its_container(gaz: gazetteer.Gazetteer) -> None:
    # Salam Khel, a spelling of "Saleem Khil", lies 60 km from Azra in another province;
    # Koulikoro, one of "Kori Kori", 500 km from Bandiagara: both yield to the container
    for text, mention, container in [
        ("A mortar hit the Saleem Khil area of Azra district, Logar.", "Saleem Khil", "Azra"),
        ("Gunmen attacked a minivan in Kori Kori (Bandiagara, Mopti).", "Kori Kori", "Bandiagara"),
    ]:
        found = _read(gaz, text)
        assert km_between(found[mention], found[container]) <= 40, text
    # Counterexample: a spelling that lies in its stated province is kept, far as it is
    # from the province's point (Abu Kamal, 120 km from Deir ez-Zor)
    found = _read(gaz, "Jets struck Albukamal city, Deir ez-Zor governorate.")
    assert found["Albukamal"].reading == "spelling" and found["Albukamal"].name == "Ālbū Kamāl"


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Gunmen robbed a shop in the town of Menaka (Menaka, Menaka).", "Menaka"),
        ("Residents marched in Balaka (Balaka, Southern) on Monday.", "Balaka"),
    ],
)
def test_a_place_stated_inside_its_namesake_unit_is_its_seat(
    gaz: gazetteer.Gazetteer, text: str, mention: str
) -> None:
    # no place contains itself: the town the region or district is named after
    first = next(
        t for t in agree_with_containers(text, gaz.geoparse(text), gaz) if t.mention == mention
    )
    assert first.feature_class == "city"
