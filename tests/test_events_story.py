"""Events that need the story around a sentence: who "they" are, where the people who fled
a flood came from, what "two days later" is; and a few look-alikes that are no event."""

from __future__ import annotations

import re
from datetime import date

from core.document import Document, Event
from core.toponym import Toponym
from events.casualties import find_toll
from events.context import canonical_actor
from events.dates import find_dates
from events.extract import extract_events
from events.sentences import split_sentences

PLACES: dict[str, tuple[str, float, float, str | None, str]] = {
    "Hama": ("Hama", 35.13, 36.75, "SY", "city"),
    "Homs": ("Homs", 34.73, 36.71, "SY", "city"),
    "Syria": ("Syria", 35.0, 38.0, "SY", "country"),
    "Kindu": ("Kindu", -2.94, 25.92, "CD", "city"),
    "Maniema": ("Maniema", -3.0, 26.0, "CD", "admin1"),
    "Sindh": ("Sindh", 26.0, 68.5, "PK", "admin1"),
    "Pakistan": ("Pakistan", 30.0, 70.0, "PK", "country"),
    "Dadu": ("Dadu", 26.73, 67.78, "PK", "city"),
    "Gao": ("Gao", 16.27, -0.04, "ML", "city"),
    "Menaka": ("Menaka", 15.92, 2.4, "ML", "city"),
    "Aden": ("Aden", 12.78, 45.04, "YE", "city"),
    "Taiz": ("Taiz", 13.58, 44.02, "YE", "city"),
    "Gulf of Aden": ("Gulf of Aden", 12.0, 48.0, None, "water"),
    "American": ("United States", 39.76, -98.5, "US", "country"),
    "Yemen": ("Yemen", 15.5, 47.5, "YE", "country"),
    "Tokyo": ("Tokyo", 35.69, 139.69, "JP", "city"),
    "Sokoto": ("Sokoto", 13.06, 5.24, "NG", "admin1"),
    "Isa": ("Isa", 13.2, 6.4, "NG", "city"),
    "West Bank": ("West Bank", 31.9, 35.2, "PS", "region"),
    "Jericho": ("Jericho", 31.86, 35.46, "PS", "city"),
    "Kasba": ("Kasba", 33.51, 36.3, "SY", "other"),
    "Baghlan": ("Baghlān", 36.0, 68.8, "AF", "admin1"),
}


def _doc(text: str, published: date | None = date(2024, 3, 15)) -> Document:
    toponyms = [
        Toponym(m.start(), m.end(), mention, name, lat, lon, code, kind, None, "geonames", 0.9)
        for mention, (name, lat, lon, code, kind) in PLACES.items()
        for m in re.finditer(rf"(?<!\w){re.escape(mention)}(?!\w)", text)
    ]
    toponyms.sort(key=lambda t: (t.start, -t.end))
    kept: list[Toponym] = []
    for t in toponyms:  # "Gulf of Aden" wins over "Aden"
        if not kept or t.start >= kept[-1].end:
            kept.append(t)
    doc = Document(text=text, published=published, toponyms=kept)
    split_sentences(doc)
    extract_events(doc)
    return doc


def _of(doc: Document, kind: str) -> list[Event]:
    return [e for e in doc.events if e.event_type == kind]


def _places(doc: Document, kind: str) -> list[list[str]]:
    return [[p.name for p in e.places] for e in _of(doc, kind)]


def test_people_who_fled_a_flood_are_at_the_flood() -> None:
    doc = _doc(
        "Floods swept through Sindh province on Monday after days of heavy rain. "
        "Thousands of families were evacuated from villages along the river, officials said. "
        "Four people drowned, they said."
    )
    assert _places(doc, "displacement") == [["Sindh"]]
    [toll] = _of(doc, "casualty")
    assert [p.name for p in toll.places] == ["Sindh"]
    assert toll.casualties.killed == 4


def test_the_city_after_a_quake_in_a_province_is_still_the_quake() -> None:
    doc = _doc(
        "An earthquake struck Maniema province on Tuesday. "
        "Older houses collapsed in the town of Kindu. "
        "Hundreds of residents fled their homes and slept in the city's streets."
    )
    assert _places(doc, "displacement") == [["Maniema"]]


def test_a_hazard_toll_goes_to_the_place_the_hazard_hit() -> None:
    doc = _doc(
        "Flash floods swept the Dadu district of Sindh on Monday, killing at least 12 people."
    )
    [toll] = _of(doc, "casualty")
    assert [p.name for p in toll.places] == ["Dadu"]


def test_a_flight_from_fighting_is_not_taken_for_a_flood() -> None:
    doc = _doc(
        "Floods hit Gao on Monday. On Friday jihadists attacked Menaka, killing five soldiers. "
        "Hundreds of families fled, witnesses said."
    )
    assert _places(doc, "displacement") == [["Menaka"]]


def test_one_named_person_and_others_add_up() -> None:
    toll = find_toll("The raid killed a senior commander and two of his bodyguards.")
    assert toll is not None and toll.casualties.killed == 3
    toll = find_toll("A shell hit the house, killing a woman and her three children.")
    assert toll is not None and toll.casualties.killed == 4
    toll = find_toll("Six fishermen drowned when the boat capsized.")
    assert toll is not None and toll.casualties.killed == 6


def test_two_days_later_counts_from_the_date_before() -> None:
    [later] = find_dates("Two days later, the army retook the town.", date(2024, 3, 15))
    assert later.value is None and later.anaphora_days == 2
    doc = _doc(
        "Jets bombed Hama on Monday, killing nine people. "
        "Two days later, jets struck a market in Homs, killing four."
    )
    assert {e.places[0].name: e.date for e in _of(doc, "strike")} == {
        "Hama": date(2024, 3, 11),
        "Homs": date(2024, 3, 13),
    }


def test_they_and_the_group_are_the_group_named_before() -> None:
    doc = _doc(
        "Islamic State fighters advanced across the desert on Monday, officials said. "
        "By nightfall they had seized Menaka after a battle with the army. "
        "The militants also shelled the outskirts of Gao."
    )
    assert {e.places[0].name: e.actor for e in doc.events if e.event_type != "clash"} == {
        "Menaka": "Islamic State",
        "Gao": "Islamic State",
    }


def test_a_group_speaking_of_itself_is_the_actor() -> None:
    doc = _doc(
        "The Houthis said they were mourning three fighters. "
        "On Sunday the group claimed it had fired a missile at Taiz."
    )
    assert [e.actor for e in _of(doc, "strike")] == ["Houthis"]


def test_the_strikes_retold_keep_their_actor() -> None:
    doc = _doc(
        "American jets carried out air strikes on Yemen overnight. "
        "The strikes hit radar sites in Aden, officials said."
    )
    by_place = {e.places[0].name: e.actor for e in _of(doc, "strike")}
    assert by_place["Aden"] == "United States"


def test_actor_names_are_canonical() -> None:
    assert canonical_actor("U.S.") == "United States"
    assert canonical_actor("US and Britain") == "United States and United Kingdom"
    assert canonical_actor("Russian") == "Russia"
    assert canonical_actor("Hamas") == "Hamas"


def test_a_second_place_after_and_around_is_the_same_happening() -> None:
    doc = _doc("Jets struck targets in Aden and around the city of Taiz late on Friday.")
    assert sorted(_places(doc, "strike")) == [["Aden"], ["Taiz"]]


def test_a_place_of_a_purpose_is_no_place_of_the_strike() -> None:
    doc = _doc(
        "Jets struck Aden on Friday. "
        "Officials said the strikes hit launchers used to attack ships in the Gulf of Aden."
    )
    assert _places(doc, "strike") == [["Aden"]]


def test_a_village_stormed_and_burnt_is_a_raid_not_a_takeover() -> None:
    doc = _doc(
        "Gunmen stormed two villages near Isa in Sokoto state on Friday, setting fire to "
        "houses and abducting 30 women."
    )
    assert not _of(doc, "territory_change")
    assert _places(doc, "other") == [["Isa"]]
    doc = _doc("Rebels stormed Isa on Friday and raised their flag over the town hall.")
    assert _places(doc, "territory_change") == [["Isa"]]


def test_an_oil_company_is_not_shelling() -> None:
    doc = _doc("Shell shares hit a record in Tokyo trading on Friday as oil prices crashed.")
    assert doc.events == []
    doc = _doc("Shelling hit Homs on Friday.")
    assert _places(doc, "strike") == [["Homs"]]


def test_a_retelling_that_names_a_finer_place_moves_the_event_and_its_toll() -> None:
    doc = _doc(
        "Two trains collided in Sindh province on Monday, killing 20 people. "
        "The crash happened near Dadu, officials said."
    )
    assert _places(doc, "crash") == [["Dadu"]]
    [toll] = _of(doc, "casualty")
    assert [p.name for p in toll.places] == ["Dadu"] and toll.geo_precision == 2


def test_a_hazard_retold_elsewhere_is_a_new_place() -> None:
    doc = _doc(
        "Floods hit Gao on Monday, killing nine people. "
        "The floods had earlier swept through Sindh province."
    )
    assert sorted(_places(doc, "other")) == [["Gao"], ["Sindh"]]
    doc = _doc(
        "Floods hit Sindh province on Monday, killing nine people. "
        "The floods swept through the town of Dadu before reaching the coast."
    )
    assert _places(doc, "other") == [["Sindh"]]


def test_an_aside_about_the_war_so_far_does_not_hide_the_news() -> None:
    doc = _doc(
        "The army, which has held Menaka since the war began, said its forces had repelled "
        "a jihadist attack on Gao on Sunday."
    )
    assert _places(doc, "clash") == [["Gao"]]


def test_the_injured_of_a_retold_toll_complete_it() -> None:
    doc = _doc(
        "Gunmen shot dead a candidate in Isa on Monday, police said. "
        "The attackers opened fire from a car, killing her and wounding three others."
    )
    [toll] = _of(doc, "casualty")
    assert (toll.casualties.killed, toll.casualties.injured) == (1, 3)
    assert _places(doc, "other") == [["Isa"]]


def test_no_deaths_but_injured_in_a_hazard_story() -> None:
    doc = _doc(
        "A wildfire tore through the hills above Homs on Tuesday, forcing 5,000 residents to "
        "evacuate. No deaths were reported, but two firefighters were injured."
    )
    assert _places(doc, "displacement") == [["Homs"]]
    [toll] = _of(doc, "casualty")
    assert (toll.casualties.killed, toll.casualties.injured) == (None, 2)


def test_a_second_object_with_its_own_place_is_struck_too() -> None:
    doc = _doc("Missiles struck the air base in Homs and a school in the city of Hama.")
    assert sorted(_places(doc, "strike")) == [["Hama"], ["Homs"]]


def test_a_town_named_after_a_multiword_region_is_the_place() -> None:
    doc = _doc("A man was killed by falling debris in the West Bank city of Jericho.")
    [toll] = _of(doc, "casualty")
    assert [p.name for p in toll.places] == ["Jericho"]


def test_the_place_of_a_first_act_is_not_the_second_acts() -> None:
    doc = _doc("Rioters set fire to a police station in the old quarter and blocked roads in Homs.")
    assert _places(doc, "other") == []
    doc = _doc("Gang members torched homes and fired on residents in Isa on Monday.")
    assert _places(doc, "other") == [["Isa"]]


def test_a_headline_toll_is_completed_by_the_injured() -> None:
    doc = _doc(
        "Bombs kill six in Homs\n\nJets dropped bombs on Homs on Saturday, killing six people. "
        "Forty others were wounded, the governor said."
    )
    [toll] = _of(doc, "casualty")
    assert (toll.casualties.killed, toll.casualties.injured) == (6, 40)


def test_a_toll_in_a_where_clause_is_at_the_place_it_hangs_on() -> None:
    doc = _doc(
        "Floods swept Sindh province on Monday, killing 30 people. "
        "In the town of Dadu, where at least 12 people died, residents climbed onto roofs."
    )
    tolls = {e.places[0].name: e.casualties.killed for e in _of(doc, "casualty")}
    assert tolls == {"Sindh": 30, "Dadu": 12}


def test_a_neighbourhood_of_a_town_is_the_place() -> None:
    doc = _doc("Gunmen attacked the Kasba neighbourhood of Homs on Friday, killing four people.")
    assert _places(doc, "other") == [["Kasba"]]


def test_a_gang_raid_on_a_town_is_an_attack_not_a_battle() -> None:
    doc = _doc("Gangs attacked the town of Isa on Monday, looting shops and setting fire to homes.")
    assert _places(doc, "other") == [["Isa"]] and not _of(doc, "clash")
    doc = _doc("Militants attacked an army base near Isa on Monday, setting fire to trucks.")
    assert _places(doc, "clash") == [["Isa"]]


def test_a_country_narrowed_to_a_town_is_the_town() -> None:
    doc = _doc("An earthquake struck central Syria near the city of Homs on Friday.")
    assert _places(doc, "other") == [["Homs"]]
    doc = _doc("An earthquake struck central Syria on Friday; Homs reported no damage.")
    assert _places(doc, "other") == [["Syria"]]


def test_a_hazard_retold_far_from_the_first_place_is_new() -> None:
    doc = _doc(
        "Floods swept Sindh province on Monday, killing 30 people. "
        "The storm had earlier hit the town of Hama."
    )
    assert sorted(_places(doc, "other")) == [["Hama"], ["Sindh"]]


def test_an_accented_gazetteer_name_is_no_demonym() -> None:
    doc = _doc("Floods swept through northern Pakistan's Baghlan province on Friday.")
    assert _places(doc, "other") == [["Baghlān"]]


def test_a_town_before_its_airport_is_the_place() -> None:
    doc = _doc("Drones struck Aden's international airport on Sunday, officials said.")
    assert _places(doc, "strike") == [["Aden"]]


def test_a_record_since_long_ago_is_no_background() -> None:
    doc = _doc(
        "Rebels have seized the town of Gao, the biggest loss for the army since 2012, "
        "officials said on Monday."
    )
    assert _places(doc, "territory_change") == [["Gao"]]
