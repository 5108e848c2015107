"""Event extraction on hand-built documents: the places are given, the rules are tested."""

from __future__ import annotations

import re
from datetime import date

from core.document import Document, Event
from core.toponym import Toponym
from events.extract import extract_events
from events.sentences import split_sentences

PLACES: dict[str, tuple[str, float, float, str | None, str]] = {
    "Kharkiv": ("Kharkiv", 49.98, 36.25, "UA", "city"),
    "Izium": ("Izium", 49.21, 37.26, "UA", "city"),
    "Balakliia": ("Balakliia", 49.46, 36.86, "UA", "city"),
    "Kupiansk": ("Kupiansk", 49.71, 37.61, "UA", "city"),
    "Kyiv": ("Kyiv", 50.45, 30.52, "UA", "city"),
    "Moscow": ("Moscow", 55.75, 37.62, "RU", "city"),
    "Russian": ("Russia", 60.0, 100.0, "RU", "country"),
    "Russia": ("Russia", 60.0, 100.0, "RU", "country"),
    "Ukrainian": ("Ukraine", 49.0, 32.0, "UA", "country"),
    "Ukraine": ("Ukraine", 49.0, 32.0, "UA", "country"),
    "Sanaa": ("Sanaa", 15.35, 44.21, "YE", "city"),
    "Marib": ("Marib", 15.46, 45.33, "YE", "city"),
    "Yemen": ("Yemen", 15.5, 47.5, "YE", "country"),
    "Black Sea": ("Black Sea", 43.0, 34.0, None, "water"),
    "Odesa": ("Odesa", 46.48, 30.73, "UA", "city"),
    "Benghazi": ("Benghazi", 32.12, 20.07, "LY", "city"),
    "Derna": ("Derna", 32.77, 22.64, "LY", "city"),
    "Crimea": ("Crimea", 45.0, 34.0, "UA", "region"),
    "United States": ("United States", 39.76, -98.5, "US", "country"),
    "U.S": ("United States", 39.76, -98.5, "US", "country"),
    "Britain": ("United Kingdom", 54.76, -2.7, "GB", "country"),
    "Hizyaz": ("Hizyaz", 15.25, 44.2, "YE", "village"),
    "Ein Issa": ("Ein Issa", 36.42, 38.84, "SY", "admin2"),
    "Raqqa": ("Raqqa", 35.95, 39.01, "SY", "city"),
    "Myanmar": ("Myanmar", 19.75, 96.1, "MM", "country"),
    "Mandalay": ("Mandalay", 21.97, 96.08, "MM", "city"),
    "Jarablus": ("Jarablus", 36.82, 38.01, "SY", "city"),
    "Aleppo": ("Aleppo", 36.2, 37.16, "SY", "city"),
    "Ghouta": ("Eastern Ghouta", 33.55, 36.45, "SY", "region"),
}


def _doc(text: str, published: date | None = date(2022, 9, 10)) -> Document:
    toponyms = []
    for mention, (name, lat, lon, code, kind) in PLACES.items():
        for m in re.finditer(rf"(?<!\w){re.escape(mention)}(?!\w)", text):
            toponyms.append(
                Toponym(
                    m.start(), m.end(), mention, name, lat, lon, code, kind, None, "geonames", 0.9
                )
            )
    doc = Document(text=text, published=published, toponyms=sorted(toponyms, key=lambda t: t.start))
    split_sentences(doc)
    extract_events(doc)
    return doc


def _at(doc: Document, kind: str) -> list[list[str]]:
    return [[p.name for p in e.places] for e in doc.events if e.event_type == kind]


def _one(doc: Document, kind: str) -> Event:
    found = [e for e in doc.events if e.event_type == kind]
    assert len(found) == 1, [(e.event_type, [p.name for p in e.places]) for e in doc.events]
    return found[0]


def test_list_after_including_gives_one_strike_per_town() -> None:
    doc = _doc("Russian jets bombed towns including Izium, Balakliia and Kupiansk on Thursday.")
    assert _at(doc, "strike") == [["Izium"], ["Balakliia"], ["Kupiansk"]]
    assert {e.actor for e in doc.events} == {"Russia"}
    assert {e.date for e in doc.events} == {date(2022, 9, 8)}


def test_a_place_after_a_lower_case_article_is_the_clause_place() -> None:
    # the gazetteer reads "Ghouta" without the article the text writes before it
    doc = _doc("Clashes in Raqqa and shelling on al-Ghouta.")
    assert _at(doc, "clash") == [["Raqqa"]]
    assert _at(doc, "strike") == [["Eastern Ghouta"]]


def test_one_toll_over_several_places_is_one_event() -> None:
    doc = _doc("Missiles struck Izium and Balakliia, killing twelve people and wounding 40.")
    casualty = _one(doc, "casualty")
    assert [p.name for p in casualty.places] == ["Izium", "Balakliia"]
    assert (casualty.casualties.killed, casualty.casualties.injured) == (12, 40)


def test_capital_as_government_is_no_event_place() -> None:
    doc = _doc("Moscow denied the reports, and Kyiv accused Russia of shelling Kharkiv.")
    assert _at(doc, "strike") == [["Kharkiv"]]


def test_talks_in_a_capital_are_no_event() -> None:
    doc = _doc("Officials met in Moscow on Monday to discuss the air strikes.")
    assert doc.events == []


def test_speaker_place_is_no_event_place() -> None:
    doc = _doc("Officials in Kyiv said the strikes were the heaviest in months.")
    assert doc.events == []


def test_negated_and_hedged_triggers_make_no_event() -> None:
    text = (
        "The ministry said its artillery did not shell Kharkiv.\n"
        "Russia denied that any of its drones crashed in Ukraine.\n"
        "Officials warned that fighting could spread to Kupiansk.\n"
        "Both armies are preparing to attack Izium."
    )
    assert _doc(text).events == []


def test_claim_source_is_kept() -> None:
    doc = _doc("Ukrainian officials said Russian drones hit Odesa overnight.")
    strike = _one(doc, "strike")
    assert strike.claimed_by == "Ukrainian officials"
    assert strike.actor == "Russia"
    assert strike.date == date(2022, 9, 10)


def test_country_level_event_has_country_precision() -> None:
    strike = _one(_doc("Saudi-led air strikes continued across Yemen."), "strike")
    assert (strike.geo_precision, strike.ucdp_where_prec) == (3, 6)


def test_near_a_town_has_precision_two() -> None:
    clash = _one(_doc("Heavy fighting was reported near Marib."), "clash")
    assert (clash.geo_precision, clash.ucdp_where_prec) == (2, 2)


def test_passive_subject_is_the_place() -> None:
    assert _at(_doc("Kharkiv was shelled again overnight."), "strike") == [["Kharkiv"]]


def test_active_subject_is_not_the_place() -> None:
    assert _at(_doc("Russia shelled Kharkiv."), "strike") == [["Kharkiv"]]


def test_missile_path_from_sea_to_city() -> None:
    doc = _doc("Russia fired cruise missiles from the Black Sea at Odesa on Friday.")
    path_event = _one(doc, "missile_path")
    assert path_event.path is not None
    assert path_event.path.origin.name == "Black Sea"
    assert path_event.path.target.name == "Odesa"
    assert 420 < path_event.path.distance_km < 510
    assert path_event.actor == "Russia"
    assert _at(doc, "strike") == [["Odesa"]]


def test_same_day_takes_the_previous_date() -> None:
    doc = _doc("Rebels seized Derna on August 30.\nOn the same day, clashes broke out in Benghazi.")
    clash = _one(doc, "clash")
    assert clash.date == date(2022, 8, 30)


def test_no_date_in_the_text_is_none() -> None:
    assert _one(_doc("Clashes broke out in Benghazi."), "clash").date is None


def test_repeated_event_is_merged() -> None:
    doc = _doc("Shelling hit Kharkiv.\nThe shelling of Kharkiv lasted hours, officials said.")
    assert _at(doc, "strike") == [["Kharkiv"]]


def test_nothing_after_the_body() -> None:
    doc = _doc(
        "Protesters gathered in Sanaa.\n"
        "This website uses cookies. Read more about our privacy policy.\n"
        "Related stories: Shelling hits Kharkiv"
    )
    assert _at(doc, "protest") == [["Sanaa"]]
    assert _at(doc, "strike") == []


def test_displacement_from_a_city() -> None:
    displacement = _one(_doc("Thousands of families fled Marib towards Sanaa."), "displacement")
    assert [p.name for p in displacement.places] == ["Marib"]


def test_crash_with_count() -> None:
    crash = _one(_doc("Two drones crashed in Kupiansk, the governor said."), "crash")
    assert (crash.count, crash.counted) == (2, "drones")
    assert crash.claimed_by == "governor"


def test_toll_in_the_next_sentence_belongs_to_the_strike() -> None:
    doc = _doc(
        "Russian missiles hit Izium and Kupiansk.\nFour people were killed, the governor said."
    )
    casualty = _one(doc, "casualty")
    assert [p.name for p in casualty.places] == ["Izium", "Kupiansk"]
    assert casualty.casualties.killed == 4
    assert casualty.claimed_by == "governor"


def test_toll_retold_in_the_next_sentence_is_not_counted_twice() -> None:
    doc = _doc("Shelling killed five people in Kharkiv.\nTwo children were among those killed.")
    assert _one(doc, "casualty").casualties.killed == 5


def test_attack_on_villagers_is_violence_against_civilians() -> None:
    event = _one(_doc("Gunmen attacked Derna overnight, killing nine villagers."), "other")
    assert (event.acled_event_type, event.acled_sub_event_type) == (
        "Violence against civilians",
        "Attack",
    )


def test_disaster_is_an_other_event_with_its_hazard() -> None:
    doc = _doc("An earthquake struck near Marib, killing 31 people.")
    quake = _one(doc, "other")
    assert quake.hazard == "earthquake"
    assert _at(doc, "strike") == []
    assert _one(doc, "casualty").casualties.killed == 31


def test_withdrawal_from_a_town() -> None:
    event = _one(_doc("Ukrainian troops pulled out of Kupiansk on Friday."), "territory_change")
    assert [p.name for p in event.places] == ["Kupiansk"]
    assert event.acled_sub_event_type == "Non-violent transfer of territory"


def test_target_is_what_the_clause_says_was_hit() -> None:
    strike = _one(_doc("Drones struck an oil refinery near Odesa on Monday."), "strike")
    assert strike.target == "oil refinery"
    assert _one(_doc("Russian jets bombed Izium."), "strike").target is None


def test_the_city_refers_to_the_last_town_named() -> None:
    doc = _doc(
        "Rebels entered Izium on Friday.\nJets struck positions on the outskirts of the city."
    )
    strike = _one(doc, "strike")
    assert [p.name for p in strike.places] == ["Izium"]
    assert strike.geo_precision == 2


def test_temporal_clause_without_a_place_takes_the_main_clause_place() -> None:
    doc = _doc("A curfew was imposed in Sanaa after protesters blocked roads.")
    assert _at(doc, "protest") == [["Sanaa"]]


def test_flight_after_an_attack_starts_where_the_attack_was() -> None:
    doc = _doc("Gunmen attacked Derna on Monday.\nThousands fled towards Benghazi.")
    assert _at(doc, "displacement") == [["Derna"]]
    flight = _one(doc, "displacement")
    assert (flight.acled_event_type, flight.acled_sub_event_type) == (
        "Strategic developments",
        "Other",
    )


def test_a_flight_from_nature_has_no_acled_type() -> None:
    doc = _doc("Floods swept Derna on Monday.\nThousands fled towards Benghazi.")
    assert [e.acled_event_type for e in doc.events if e.event_type == "displacement"] == [None]
    flight = _doc("Thousands of families fled Marib as heavy rains flooded the valley.")
    assert [e.acled_event_type for e in flight.events if e.event_type == "displacement"] == [None]


def test_background_since_is_no_event() -> None:
    doc = _doc("Thousands have fled to Sanaa since the offensive on Marib began.")
    assert _at(doc, "clash") == []


def test_roadside_bomb_is_no_air_strike() -> None:
    doc = _doc("A roadside bomb struck a minibus near Marib, killing four passengers.")
    assert _at(doc, "strike") == []
    assert _one(doc, "other").acled_sub_event_type == "Remote explosive/landmine/IED"


def test_toll_after_a_disaster_is_at_the_disaster() -> None:
    doc = _doc("An earthquake struck Izium on Friday.\nAt least 14 people were killed.")
    casualty = _one(doc, "casualty")
    assert [p.name for p in casualty.places] == ["Izium"]
    assert casualty.date == date(2022, 9, 9)


def test_people_who_fled_long_ago_are_no_new_flight() -> None:
    doc = _doc("Shells hit Marib on Friday.\nThe camp hosts people who fled earlier fighting.")
    assert _at(doc, "displacement") == []


def test_the_city_can_be_named_earlier_in_the_same_sentence() -> None:
    doc = _doc("Gunfire echoed across Izium as rebel fighters pushed into the city centre.")
    assert _at(doc, "territory_change") == [["Izium"]]


def test_a_place_and_the_province_of_another() -> None:
    doc = _doc("US warplanes bombed targets in Sanaa and the province of Marib on Saturday.")
    assert _at(doc, "strike") == [["Sanaa"], ["Marib"]]


def test_a_place_said_to_lie_in_another_before_the_trigger_is_the_place() -> None:
    doc = _doc("On Friday, residents in Jarablus in Aleppo protested against the tax.")
    assert _at(doc, "protest") == [["Jarablus"]]
    # Counterexamples: places a sentence lists are not inside one another; a place far
    # from the next one is not in it
    doc = _doc("On Friday, residents in Kharkiv and Izium protested against the tax.")
    assert _at(doc, "protest") == [["Kharkiv"], ["Izium"]]
    doc = _doc("On Friday, students from Moscow in Kharkiv protested against the tax.")
    assert _at(doc, "protest") == [["Kharkiv"]]


def test_a_sentence_going_on_with_the_story_keeps_its_date() -> None:
    doc = _doc("Russian jets bombed Izium on Tuesday.\nThe bombing also hit a school in Balakliia.")
    assert {e.places[0].name: e.date for e in doc.events} == {
        "Izium": date(2022, 9, 6),
        "Balakliia": date(2022, 9, 6),
    }
    doc = _doc("Jets bombed Izium on Tuesday.\nWitnesses said shells hit Kupiansk at about 9 a.m.")
    assert [e.date for e in doc.events if e.places[0].name == "Kupiansk"] == [date(2022, 9, 6)]
    # "during the attack" refers back to the event just told
    doc = _doc(
        "Jets bombed Izium on Tuesday.\nA missile hit a school in Balakliia during the attack."
    )
    assert [e.date for e in doc.events if e.places[0].name == "Balakliia"] == [date(2022, 9, 6)]


def test_a_dateline_heading_dates_the_sentences_under_it() -> None:
    doc = _doc("2 September. Rioters burned police vehicles in Izium and clashed with police.")
    assert {e.date for e in doc.events} == {date(2022, 9, 2)}
    # Counterexample: a date inside a sentence of its own story is no heading
    doc = _doc("Jets bombed Izium on 2 September.\nKupiansk was shelled again.")
    assert [e.date for e in doc.events if e.places[0].name == "Kupiansk"] == [None]


def test_a_new_strike_without_a_date_has_none() -> None:
    doc = _doc("Russian jets bombed Izium on Tuesday.\nKupiansk was shelled again.")
    assert [e.date for e in doc.events if e.places[0].name == "Kupiansk"] == [None]


def test_two_coordinated_actors() -> None:
    doc = _doc("The United States and Britain bombed targets in Sanaa on Saturday.")
    assert _one(doc, "strike").actor == "United States and United Kingdom"
    doc = _doc("Ukrainian troops and their Polish allies shelled Izium.")
    assert _one(doc, "strike").actor == "Ukraine"  # "Polish" is no place of this test


def test_its_forces_are_the_speakers_side() -> None:
    doc = _doc("Russia's defence ministry said its forces had captured the town of Kupiansk.")
    assert _one(doc, "territory_change").actor == "Russia"


def test_missiles_launched_from_a_region_a_sea_or_its_territory() -> None:
    cases = {
        "Missiles launched from Crimea hit Odesa overnight.": ["Crimea", "Odesa"],
        "Russian warships in the Black Sea fired missiles at Odesa.": ["Black Sea", "Odesa"],
        "Russia launched missiles at Kharkiv from its territory.": ["Russia", "Kharkiv"],
    }
    for text, ends in cases.items():
        assert _at(_doc(text), "missile_path") == [ends], text


def test_leaving_a_town_is_no_launch_site() -> None:
    doc = _doc("Troops withdrew from Izium as missiles hit Kharkiv.")
    assert _at(doc, "missile_path") == []


def test_the_war_so_far_is_no_new_event() -> None:
    for text in (
        "Russian forces have shelled Kharkiv repeatedly since the invasion began in 2022.",
        "More than 500 people have been killed in Marib since 2015.",
        "Yemen has been at war for more than a decade, and rebels have attacked Marib often"
        " over the past years.",
    ):
        assert _doc(text).events == [], text
    doc = _doc("Russia has fired dozens of missiles at Kharkiv since Monday.")
    assert _at(doc, "strike") == [["Kharkiv"]]  # since Monday: this week's news


def test_events_dated_long_before_the_story_are_history() -> None:
    doc = _doc("He fought in Marib in 2015.\nJets bombed Sanaa on March 3, 2019.")
    assert doc.events == []
    doc = _doc("Jets bombed Sanaa on September 3.")
    assert _at(doc, "strike") == [["Sanaa"]]


def test_a_labour_strike_is_a_protest_throughout_the_story() -> None:
    doc = _doc(
        "Dock workers in Odesa went on strike on Monday over unpaid wages.\n"
        "The strike left dozens of ships idle off Odesa and in the port of Kherson."
    )
    assert _at(doc, "strike") == []
    assert _one(doc, "protest").acled_event_type == "Protests"


def test_a_football_match_is_no_clash() -> None:
    doc = _doc("Shakhtar crushed Dynamo 3-0 in Kyiv in a bad-tempered clash watched by fans.")
    assert doc.events == []


def test_an_attack_answered_is_no_event_of_its_own() -> None:
    doc = _doc("Jets bombed Sanaa in retaliation for rocket attacks on Marib.")
    assert _at(doc, "strike") == [["Sanaa"]]


def test_a_country_is_dropped_when_the_sentence_names_the_place_inside_it() -> None:
    doc = _doc("Russia fired missiles at Ukraine overnight, targeting power plants in Kharkiv.")
    assert _at(doc, "strike") == [["Kharkiv"]]


def test_a_toll_that_names_its_own_place() -> None:
    doc = _doc("Russian jets bombed Izium and Balakliia, killing nine civilians in Balakliia.")
    assert _at(doc, "casualty") == [["Balakliia"]]


def test_a_rising_toll_updates_the_event() -> None:
    doc = _doc(
        "A car bomb exploded in Kharkiv on Friday, killing 12 people.\n"
        "Nobody claimed the attack.\n"
        "The death toll rose to 20 on Saturday, officials said."
    )
    assert _one(doc, "casualty").casualties.killed == 20


def test_suburb_of_a_city_is_the_place() -> None:
    doc = _doc("Gunmen torched homes in the Sanaa suburb of Hizyaz on Thursday.")
    assert _at(doc, "other") == [["Hizyaz"]]


def test_an_embassy_is_no_place_when_the_city_is_named() -> None:
    doc = _doc("Hundreds protested outside the U.S. embassy in Sanaa on Thursday.")
    assert _at(doc, "protest") == [["Sanaa"]]


def test_an_attack_on_a_displacement_camp_targets_civilians() -> None:
    doc = _doc("Rebel fighters attacked a displacement camp near Marib on Monday.")
    assert _one(doc, "other").acled_sub_event_type == "Attack"


def test_a_speaker_who_says_it_fired_is_the_actor() -> None:
    doc = _doc("The Houthis said they had fired drones at Marib on Sunday.")
    assert _one(doc, "strike").actor == "Houthis"
    doc = _doc("The U.S. military said it had carried out an air strike near Marib.")
    assert _one(doc, "strike").actor == "United States"  # canonical, not "U.S"


def test_repelled_assaults_are_fighting() -> None:
    doc = _doc("Ukrainian troops repelled 11 Russian assaults near Kupiansk.")
    assert _at(doc, "clash") == [["Kupiansk"]]


def test_the_nearby_village_of_a_place_is_that_place() -> None:
    doc = _doc("Jets bombed Izium and the nearby village of Balakliia on Friday.")
    assert _at(doc, "strike") == [["Izium"], ["Balakliia"]]
    assert all(e.geo_precision == 1 for e in doc.events)


def test_the_toll_goes_with_the_nearest_verb_before_it() -> None:
    doc = _doc("Rebels shelled Marib and attacked a checkpoint in Sanaa, killing four soldiers.")
    assert _at(doc, "casualty") == [["Sanaa"]]


def test_a_quote_between_the_attack_and_its_toll() -> None:
    doc = _doc(
        "Militants stormed the town of Izium on Wednesday.\n"
        "\u201cWe are in full control,\u201d a commander said.\n"
        "Twelve soldiers were killed in the fighting."
    )
    assert _at(doc, "casualty") == [["Izium"]]


def test_the_next_day_in_the_same_sentence_counts_from_its_own_date() -> None:
    doc = _doc("Troops entered Izium on Monday, and fighting raged in Kupiansk the next day.")
    assert [e.date for e in doc.events if e.event_type == "clash"] == [date(2022, 9, 6)]


def test_hours_earlier_keeps_the_date_of_the_story() -> None:
    doc = _doc("Gunmen attacked Izium on Saturday.\nHours earlier, rebels shelled Kupiansk.")
    assert [e.date for e in doc.events if e.places[0].name == "Kupiansk"] == [date(2022, 9, 10)]


def test_an_ambush_killing_drivers_targets_civilians() -> None:
    doc = _doc("Suspected militants ambushed a convoy near Marib, killing eleven drivers.")
    assert _one(doc, "other").acled_sub_event_type == "Attack"


def test_families_fleeing_after_a_toll_leave_its_place() -> None:
    doc = _doc(
        "Gunmen attacked the town of Derna on Monday.\n"
        "At least ten people were killed, police said.\n"
        "Hundreds of families fled to the nearby town of Benghazi."
    )
    assert _at(doc, "displacement") == [["Derna"]]


def test_taking_back_a_prison_is_a_territory_change() -> None:
    doc = _doc("Police regained control of the prison in Derna on Tuesday.")
    assert _at(doc, "territory_change") == [["Derna"]]


def test_a_speaker_attacked_is_no_actor() -> None:
    doc = _doc("Russia said its positions near Izium had been shelled on Monday.")
    assert [e.actor for e in doc.events if e.event_type == "strike"] == [None]


def test_a_district_of_a_province_is_the_district() -> None:
    PLACES["Okhtyrka"] = ("Okhtyrka", 50.31, 34.9, "UA", "admin2")
    PLACES["Sumy Oblast"] = ("Sumy Oblast", 50.9, 34.8, "UA", "admin1")
    try:
        doc = _doc("Troops attacked a checkpoint in the Okhtyrka district of Sumy Oblast.")
    finally:
        del PLACES["Okhtyrka"], PLACES["Sumy Oblast"]
    assert _at(doc, "clash") == [["Okhtyrka"]]


def test_a_rising_toll_told_at_another_place_updates_the_story_toll() -> None:
    doc = _doc(
        "An earthquake struck Izium on Saturday, killing 300 people.\n"
        "The death toll rose to 500 on Sunday as rescuers searched villages near Balakliia."
    )
    tolls = [e for e in doc.events if e.event_type == "casualty"]
    assert [([p.name for p in e.places], e.casualties.killed) for e in tolls] == [(["Izium"], 500)]


def test_forces_that_struck_need_no_weapon_word() -> None:
    doc = _doc("Ukrainian forces said they had struck a command post near Kupiansk.")
    assert _at(doc, "strike") == [["Kupiansk"]]
    assert _one(doc, "strike").actor == "Ukraine"


def test_a_government_that_rarely_comments_on_strikes_reports_none() -> None:
    doc = _doc("Russia rarely comments on strikes in Ukraine.")
    assert doc.events == []


def test_an_attack_answered_is_told_when_its_result_is_told() -> None:
    doc = _doc(
        "Russian jets bombed Kupiansk on Friday in retaliation for a drone attack that "
        "injured four people in Moscow on Thursday."
    )
    assert sorted(_at(doc, "strike")) == [["Kupiansk"], ["Moscow"]]
    assert _one(doc, "casualty").casualties.injured == 4


def test_an_attack_answered_with_no_result_stays_a_cause() -> None:
    doc = _doc("Russian jets bombed Kupiansk in response to drone attacks on Moscow.")
    assert _at(doc, "strike") == [["Kupiansk"]]


def test_storming_that_sparks_a_battle_is_the_battle_not_a_takeover() -> None:
    doc = _doc("Rebels stormed an army post near Izium, sparking a gun battle that lasted hours.")
    assert _at(doc, "clash") == [["Izium"]]
    assert _at(doc, "territory_change") == []


def test_storming_a_town_alone_is_still_a_takeover() -> None:
    doc = _doc("Rebels stormed the town of Izium on Monday.")
    assert _at(doc, "territory_change") == [["Izium"]]


def test_where_a_train_was_going_is_no_place_of_the_blast() -> None:
    doc = _doc("A bomb exploded at the station in Kharkiv among people waiting for a train to Kyiv")
    assert [p for e in doc.events for p in e.places if p.name == "Kyiv"] == []
    assert ["Kharkiv"] in _at(doc, "other") + _at(doc, "strike")


def test_al_shabaab_spelt_with_a_space_is_the_group() -> None:
    PLACES["Baidoa"] = ("Baidoa", 3.11, 43.65, "SO", "city")
    try:
        doc = _doc(
            "Al Shabaab fighters attacked an army base in Baidoa, and a fierce battle raged."
        )
    finally:
        del PLACES["Baidoa"]
    assert all(e.actor == "al-Shabaab" for e in doc.events if e.event_type == "clash")
    assert _at(doc, "clash") == [["Baidoa"]]


def test_a_strike_told_by_the_house_it_flattened() -> None:
    doc = _doc(
        "Russian drone strikes killed 12 people across Kharkiv province, among them a couple "
        "whose home in Izium was flattened."
    )
    assert ["Izium"] in _at(doc, "strike")


def test_a_house_flattened_with_no_weapon_named_is_no_strike() -> None:
    doc = _doc("A falling tree flattened a house in Izium on Sunday.")
    assert _at(doc, "strike") == []


def test_people_fled_since_the_start_of_the_war_are_no_flight_from_the_strike() -> None:
    doc = _doc(
        "Russian missiles hit Kharkiv on Monday, killing three people.\n"
        "More than a million people have fled their homes since the start of the war."
    )
    assert _at(doc, "displacement") == []


def test_people_who_fled_the_strike_are_a_flight_from_it() -> None:
    doc = _doc(
        "Russian missiles hit Kharkiv on Monday, killing three people.\n"
        "Hundreds of residents fled their homes."
    )
    assert _at(doc, "displacement") == [["Kharkiv"]]


def test_the_gunmen_of_the_story_keep_fighting_at_its_place() -> None:
    doc = _doc(
        "Gunmen attacked a market in Izium overnight, killing four traders.\n"
        "Soldiers exchanged fire with the gunmen for two hours, and dozens of families fled."
    )
    assert _at(doc, "clash") == [["Izium"]]
    assert _at(doc, "displacement") == [["Izium"]]


def test_a_fight_with_no_armed_men_of_the_story_is_not_placed_by_it() -> None:
    doc = _doc(
        "Gunmen attacked a market in Izium overnight, killing four traders.\n"
        "Elsewhere, soldiers exchanged fire with smugglers for two hours."
    )
    assert _at(doc, "clash") == []


def test_attacks_repelled_are_a_battle_not_a_strike() -> None:
    doc = _doc("The army said it had repelled Russian attacks near Kupiansk with artillery.")
    assert _at(doc, "clash") == [["Kupiansk"]]
    assert _at(doc, "strike") == []


def test_a_drone_in_a_story_of_one_side_strikes_is_that_sides() -> None:
    doc = _doc(
        "Russia launched dozens of drones at Kharkiv overnight, officials said.\n"
        "In Izium, a drone slammed into a school, injuring two guards."
    )
    assert [
        (p.name, e.actor) for e in doc.events if e.event_type == "strike" for p in e.places
    ] == [
        ("Kharkiv", "Russia"),
        ("Izium", "Russia"),
    ]


def test_a_strike_at_home_of_a_side_striking_abroad_is_not_given_to_it() -> None:
    doc = _doc(
        "Russia launched dozens of drones at Kharkiv overnight, officials said.\n"
        "A drone hit an oil depot in Moscow, the mayor said."
    )
    moscow = [e for e in doc.events if e.event_type == "strike" and e.places[0].name == "Moscow"]
    assert [e.actor for e in moscow] == [None]


def test_drones_alone_are_no_actor() -> None:
    doc = _doc("Drones struck an airfield near Kupiansk on Sunday.")
    assert _one(doc, "strike").actor is None


def test_a_tanker_that_overturned_and_exploded_is_a_crash() -> None:
    doc = _doc("A fuel tanker overturned and exploded on a road in Izium, killing nine people.")
    assert _at(doc, "crash") == [["Izium"]]
    assert _at(doc, "other") == []


def test_a_car_overturned_by_protesters_needs_a_vehicle_word() -> None:
    doc = _doc("The court in Kyiv overturned the verdict on Monday.")
    assert _at(doc, "crash") == []


def test_an_airspace_entered_near_a_village_is_at_the_village() -> None:
    PLACES["Polish"] = ("Poland", 52.0, 19.0, "PL", "country")
    PLACES["Hrubieszow"] = ("Hrubieszow", 50.8, 23.89, "PL", "city")
    try:
        doc = _doc("A Russian drone entered Polish airspace near the town of Hrubieszow on Friday.")
    finally:
        del PLACES["Polish"], PLACES["Hrubieszow"]
    event = _one(doc, "airspace_violation")
    assert [p.name for p in event.places] == ["Hrubieszow"]
    assert event.geo_precision == 2


def test_explosions_heard_during_an_air_attack_are_the_attack() -> None:
    doc = _doc("Russia launched an air attack on Kyiv overnight, and explosions were heard.")
    assert _at(doc, "strike") == [["Kyiv"]]
    assert _at(doc, "other") == []


def test_the_camp_of_a_raid_is_the_camp_and_the_scene_goes_on() -> None:
    PLACES["Jenin"] = ("Jenin", 32.46, 35.3, "PS", "city")
    PLACES["Al-Faraa"] = ("Al-Faraa", 32.29, 35.35, "PS", "other")
    try:
        doc = _doc(
            "Israeli forces raided the Al-Faraa refugee camp near Jenin on Monday, killing "
            "three people.\nSoldiers exchanged fire with gunmen inside the camp, and a drone "
            "strike hit a car."
        )
    finally:
        del PLACES["Jenin"], PLACES["Al-Faraa"]
    assert _at(doc, "clash") == [["Al-Faraa"]]
    assert _at(doc, "strike") == [["Al-Faraa"]]


def test_a_bomb_that_destroyed_a_school_is_a_strike() -> None:
    doc = _doc("A Russian glide bomb destroyed a school in Kharkiv on Sunday.")
    assert _at(doc, "strike") == [["Kharkiv"]]


def test_air_defences_that_destroyed_drones_make_no_strike() -> None:
    doc = _doc("Air defences destroyed 40 drones over Kharkiv overnight, the army said.")
    assert _at(doc, "strike") == []


def test_debris_of_a_downed_drone_is_a_strike() -> None:
    doc = _doc("Debris from a downed drone started a fire at an oil depot in Odesa.")
    assert _at(doc, "strike") == [["Odesa"]]


def test_drones_that_set_a_depot_ablaze_are_a_strike() -> None:
    doc = _doc("Ukrainian drones set an oil depot ablaze in Moscow overnight.")
    assert _at(doc, "strike") == [["Moscow"]]


def test_a_district_in_the_province_its_seat_names_is_the_place() -> None:
    # "Ein Issa in Raqqa": Raqqa is the district's province, named like its seat
    doc = _doc("Turkish forces shelled the countryside of Ein Issa in Raqqa on Saturday.")
    assert _at(doc, "strike") == [["Ein Issa"]]
    # ...also said to lie in the province's countryside, or in a part of it
    doc = _doc("Turkish forces shelled villages in Ein Issa in the countryside of Raqqa.")
    assert _at(doc, "strike") == [["Ein Issa"]]
    doc = _doc("On Friday, residents in Jarablus in northern Aleppo protested against the tax.")
    assert _at(doc, "protest") == [["Jarablus"]]
    # Counterexample: a town near which a strike in a country's wide region fell
    doc = _doc("Jets struck central Myanmar near the city of Mandalay on Saturday.")
    assert _at(doc, "strike") == [["Mandalay"]]


def _placed(text: str, places: dict[str, tuple[float, float, str, str]]) -> Document:
    """A document whose places ``mention: (lat, lon, feature class, admin-1 code)`` lie
    in Chile."""
    toponyms = [
        Toponym(
            m.start(),
            m.end(),
            name,
            name,
            lat,
            lon,
            "CL",
            kind,
            None,
            "geonames",
            0.9,
            admin1=admin1,
        )
        for name, (lat, lon, kind, admin1) in places.items()
        for m in re.finditer(re.escape(name), text)
    ]
    doc = Document(text=text, toponyms=sorted(toponyms, key=lambda t: t.start))
    split_sentences(doc)
    extract_events(doc)
    return doc


def test_a_town_and_its_region_are_one_place() -> None:
    places = {
        "Puerto Montt": (-41.47, -72.94, "city", "CL.14"),
        "Los Lagos": (-42.16, -72.96, "admin1", "CL.14"),
        "Temuco": (-38.74, -72.6, "city", "CL.02"),
        "Biobio": (-37.33, -72.54, "admin1", "CL.06"),
    }
    doc = _placed("In Puerto Montt, Los Lagos, bus drivers protested on Monday.", places)
    assert _at(doc, "protest") == [["Puerto Montt"]]
    # a region that does not hold the town is a second place of a list
    doc = _placed("In Temuco, Biobio, bus drivers protested on Monday.", places)
    assert _at(doc, "protest") == [["Temuco"], ["Biobio"]]
