"""Numbers and casualty tolls."""

from __future__ import annotations

import pytest

from events.casualties import find_count, find_toll, parse_number


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("36", 36),
        ("1,200", 1200),
        ("four", 4),
        ("twenty-six", 26),
        ("forty two", 42),
        ("two hundred", 200),
        ("3 thousand", 3000),
        ("dozens", 12),  # ACLED: conservative reading
        ("a dozen", 12),
        ("tens", 10),
        ("hundreds", 100),
        ("several", None),
        ("many", None),
    ],
)
def test_parse_number(phrase: str, value: int | None) -> None:
    assert parse_number(phrase) == value


def test_killed_and_injured_with_qualifier_and_victims() -> None:
    toll = find_toll("Shelling killed at least 14 civilians and wounded 30 others in the town.")
    assert toll is not None
    c = toll.casualties
    assert (c.killed, c.injured, c.qualifier, c.victims) == (14, 30, "at least", "civilians")


def test_number_words_and_passive_voice() -> None:
    c = find_toll("Eleven soldiers were killed when their convoy was ambushed.").casualties
    assert (c.killed, c.injured, c.victims) == (11, None, "soldiers")


def test_deaths_of() -> None:
    c = find_toll("The raid resulted in the deaths of more than 100 people.").casualties
    assert (c.killed, c.qualifier) == (100, "more than")


def test_left_dead() -> None:
    c = find_toll("The bombing left 23 people dead and dozens injured.").casualties
    assert (c.killed, c.injured) == (23, 12)


def test_vague_number_gets_at_least() -> None:
    c = find_toll("Hundreds of people were killed in the fighting.").casualties
    assert (c.killed, c.qualifier) == (100, "at least")


def test_about_and_up_to() -> None:
    assert find_toll("Around 40 people died.").casualties.qualifier == "about"
    assert find_toll("The strike killed up to 60 fighters.").casualties.qualifier == "up to"


def test_two_groups_are_added() -> None:
    c = find_toll("Five police officers and two children were killed.").casualties
    assert c.killed == 7
    assert c.victims == "police officers, children"


def test_single_victim() -> None:
    c = find_toll("A child was killed when a shell hit the yard.").casualties
    assert (c.killed, c.victims) == (1, "child")


def test_demonym_victims() -> None:
    assert find_toll("The attack killed 9 Palestinians.").casualties.victims == "Palestinians"


def test_death_toll_rose() -> None:
    assert find_toll("The death toll rose to 58 on Friday.").casualties.killed == 58


def test_no_toll_in_plain_sentences() -> None:
    assert find_toll("Four missiles crashed in the desert.") is None
    assert find_toll("In 2014 the group took the city.") is None
    assert find_toll("The convoy drove 30 km before it was hit.") is None


def test_nobody_hurt() -> None:
    assert find_toll("No one was killed in the blast.") is None
    assert find_toll("There were no casualties.") is None
    assert find_toll("Nine people were killed.").casualties.killed == 9


def test_no_deaths_but_some_injured() -> None:
    c = find_toll("No deaths were reported, but three guards were injured.").casualties
    assert (c.killed, c.injured) == (None, 3)


def test_a_victim_named_by_role_or_pronoun() -> None:
    assert find_toll("Gunmen shot dead a local candidate on Monday.").casualties.killed == 1
    c = find_toll("Attackers opened fire, killing her and wounding two others.").casualties
    assert (c.killed, c.injured) == (1, 2)


def test_find_count() -> None:
    assert find_count("four missiles that crashed") == (4, "missiles")
    assert find_count("two military helicopters went down") == (2, "helicopters")
    assert find_count("no numbers here") is None


def test_family_of() -> None:
    c = find_toll("The strike killed a family of seven.").casualties
    assert (c.killed, c.victims) == (7, "family members")


def test_both_and_one_after_the_verb() -> None:
    c = find_toll("The crash killed both pilots on board.").casualties
    assert (c.killed, c.qualifier) == (2, None)
    assert find_toll("Shelling killed a 63-year-old man.").casualties.killed == 1


def test_dead_as_an_adjective_is_no_toll() -> None:
    assert find_toll("Inspectors found 2 dead young owls in the zoo.") is None
    assert find_toll("Five were injured in the blast.").casualties.injured == 5


def test_ages_are_no_tolls() -> None:
    assert find_toll("He is charged in the death of 24-year-old Sarah.") is None


def test_a_toll_that_rises_within_the_sentence_is_not_added_up() -> None:
    toll = find_toll("Eight people were killed on Monday, and by evening the toll had risen to 11.")
    assert toll is not None and toll.casualties.killed == 11


def test_drivers_and_traders_are_victims() -> None:
    toll = find_toll("Gunmen ambushed the lorries, killing nine drivers.")
    assert toll is not None and (toll.casualties.killed, toll.casualties.victims) == (9, "drivers")
    toll = find_toll("Four traders were killed when the market was shelled.")
    assert toll is not None and toll.casualties.victims == "traders"


def test_ages_and_inmates() -> None:
    c = find_toll("A 50-year-old woman was killed when debris fell on her house.").casualties
    assert (c.killed, c.victims) == (1, "woman")
    c = find_toll("The riot left at least 15 inmates dead and 14 injured.").casualties
    assert (c.killed, c.injured, c.victims) == (15, 14, "inmates")


def test_one_person_who_died() -> None:
    c = find_toll("A 23-year-old protester died after being hit by a canister.").casualties
    assert (c.killed, c.victims) == (1, "protester")
    assert find_toll("A soldier killed two civilians.").casualties.killed == 2


def test_people_treated_for_burns_are_injured() -> None:
    toll = find_toll("Another 40 people were being treated in hospital for burns.")
    assert toll is not None
    assert (toll.casualties.killed, toll.casualties.injured) == (None, 40)


@pytest.mark.parametrize(
    "sentence",
    ["Eight people were treated for smoke inhalation.", "Dozens were treated for cholera."],
)
def test_people_treated_for_an_illness_are_no_toll(sentence: str) -> None:
    assert find_toll(sentence) is None


def test_bodies_pulled_from_rubble_are_dead() -> None:
    toll = find_toll("Rescuers pulled at least six bodies from the rubble overnight.")
    assert toll is not None
    assert (toll.casualties.killed, toll.casualties.qualifier) == (6, "at least")


def test_bodies_pulled_with_no_number_are_no_toll() -> None:
    assert find_toll("Rescuers pulled the bodies from the rubble.") is None
