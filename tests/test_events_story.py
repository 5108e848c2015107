"""Events that need the story around a sentence: who "they" are, where the people who fled
a flood came from, what "two days later" is; and a few look-alikes that are no event."""

from __future__ import annotations

import re
from datetime import date

from events.casualties import find_toll
from events.context import canonical_actor
from events.dates import find_dates
from events.document import Document, Event
from events.extract import extract_events
from events.sentences import split_sentences
from gazetteer.model import Toponym

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
    doc = _doc("Flash floods swept the Dadu district of Sindh on Monday, killing at least 12 people.")
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
