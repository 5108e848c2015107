"""Story focus: small places read in the countries the story is about, and countries named
only by adjectives taken as actors, not settings (own sentences, real index)."""

from __future__ import annotations

import pytest

import gazetteer
from gazetteer import Gazetteer, Toponym
from tests.test_gazetteer import DATA_DIR


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer.load(DATA_DIR)


def found(gaz: Gazetteer, text: str) -> dict[str, Toponym]:
    return {t.mention: t for t in gaz.geoparse(text)}


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Shelling hit Busayrah in eastern Syria on Monday.", "SY"),
        ("Tourists visited Busayrah in southern Jordan.", "JO"),
        ("Farmers near Dhiban in Jordan protested.", "JO"),
        ("Farmers near Dhiban in Syria protested.", "SY"),
    ],
)
def test_a_small_place_is_read_in_the_story_country(
    gaz: Gazetteer, text: str, country: str
) -> None:
    t = found(gaz, text)
    name = next(m for m in t if m in ("Busayrah", "Dhiban"))
    assert t[name].country_code == country


def test_a_country_named_by_an_adjective_does_not_pull_a_town_into_it(gaz: Gazetteer) -> None:
    text = "Turkish shelling hit Afrin again, and Turkish drones circled overhead."
    afrin = found(gaz, text)["Afrin"]
    assert afrin.country_code == "SY" and afrin.source == "geonames"


def test_a_country_named_by_its_name_still_holds_a_stray_town(gaz: Gazetteer) -> None:
    # Counterexample: the Yemeni village "Tawila" in a story on Sudan's Darfur.
    text = "Thousands fled El Fasher for Tawila. Aid agencies in Sudan and Chad warned of famine."
    tawila = found(gaz, text)["Tawila"]
    assert tawila.country_code == "SD"


def test_a_longer_name_is_not_placed_in_a_country_named_only_by_an_adjective(
    gaz: Gazetteer,
) -> None:
    # "Abu Rasin" is no index name: the story places it, and "Russian" is an actor
    t = found(gaz, "A Russian convoy patrolled in Abu Rasin area in al-Hasakeh on Sunday.")
    assert t["Abu Rasin"].country_code == "SY"
    assert t["Russian"].country_code == "RU"


def test_a_town_abroad_named_only_by_an_alternate_spelling_yields_to_the_story(
    gaz: Gazetteer,
) -> None:
    # "Inata" is an alternate spelling of Inada, Japan (53,000 people)
    t = found(gaz, "An IED detonated between Inata and Djibo in Burkina Faso, wounding two.")
    assert t["Inata"].country_code == "BF"


def test_a_city_abroad_named_by_its_own_name_stays(gaz: Gazetteer) -> None:
    t = found(gaz, "Fans from Naples clashed with police in Florence; Rafah and Khan Younis wept.")
    assert t["Florence"].country_code == "IT" and t["Naples"].country_code == "IT"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # a name the text calls a village, read abroad, with one town of the story's country
        ("Militias shelled Bara Bara village east of Tooz Khurmato on Monday.", "Bara Bara", "IQ"),
        (
            "Gunmen killed a policeman in the village of Monge, ten kilometres from Irumu.",
            "Monge",
            "CD",
        ),
    ],
)
def test_a_village_read_abroad_yields_to_one_town_of_the_story(
    gaz: Gazetteer, text: str, name: str, country: str
) -> None:
    place = found(gaz, text)[name]
    assert (place.country_code, place.reading) == (country, "inferred")


def test_towns_of_a_region_are_no_cue_and_a_lone_village_keeps_its_reading(gaz: Gazetteer) -> None:
    # "towns of Daraa" names a region holding towns: Daraa stays Syria's
    t = found(gaz, "Demonstrations take place in Ma'rat Al-Nouman and towns of Daraa countryside.")
    assert t["Daraa"].country_code == "SY"
    # a village called so, with no other place named: nothing supports another reading
    alone = found(gaz, "Rebels burned Bara Bara village on Monday.")
    assert alone["Bara Bara"].country_code == "LC"


def test_a_lone_namesake_far_from_the_actors_country_goes_to_that_country(gaz: Gazetteer) -> None:
    """The only place named lies thousands of km from the one country the armed actors put
    the story in: an inferred village at that country's point, not a town of India or
    Armenia."""
    t = found(gaz, "LNA forces and militias clashed in Wadi al-Rabi on Saturday.")
    assert t["Wadi al-Rabi"].country_code == "LY"
    assert t["Wadi al-Rabi"].reading == "inferred"
    assert t["Wadi al-Rabi"].confidence <= 0.15
    t = found(gaz, "The OSCE SMM recorded ten explosions near Elenovka overnight.")
    assert t["Elenovka"].country_code == "UA"


def test_a_namesake_near_the_actors_country_stays_and_a_town_there_anchors_a_stray(
    gaz: Gazetteer,
) -> None:
    # Lamu lies next to Somalia, al-Shabaab's home: the Kenyan town, as named
    t = found(gaz, "Al-Shabaab militants attacked a police post in Lamu.")
    assert (t["Lamu"].country_code, t["Lamu"].reading) == ("KE", "name")
    # a town of that country in the text is the anchor, not the country's point
    t = found(gaz, "LNA forces clashed in Wadi al-Rabi, south of Tripoli.")
    assert t["Wadi al-Rabi"].reading == "inferred"
    assert (t["Wadi al-Rabi"].lat, t["Wadi al-Rabi"].lon) == (t["Tripoli"].lat, t["Tripoli"].lon)


@pytest.mark.parametrize(
    ("text", "group", "town"),
    [
        # a name only a namesake abroad bears names a group when a word for one follows
        ("JNIM militants and Donso militiamen clashed near Djenne (Mopti).", "Donso", "Djenne"),
        ("Members of the Donso clan fled to Djenne (Mopti) on Monday.", "Donso", "Djenne"),
    ],
)
def test_a_stray_that_names_a_group_is_no_place(
    gaz: Gazetteer, text: str, group: str, town: str
) -> None:
    t = found(gaz, text)
    assert group not in t
    assert t[town].country_code == "ML"


def test_a_stray_before_other_words_still_moves_into_the_story(gaz: Gazetteer) -> None:
    t = found(gaz, "JNIM militants attacked Donso market near Djenne (Mopti).")
    assert (t["Donso"].country_code, t["Donso"].reading) == ("ML", "inferred")
