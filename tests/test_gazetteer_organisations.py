"""Look-alikes: the shared list of organisations, agencies, outlets and parties; peoples
and families; hashtags; inference only with a settlement cue (own sentences, real index)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import get_args

import pytest

import gazetteer
from gazetteer import Gazetteer, Toponym
from gazetteer.organisations import (
    DATA_FILE,
    Organisation,
    OrganisationKind,
    OrganisationMatcher,
    load_organisations,
    organisation_matcher,
)
from tests.test_gazetteer import DATA_DIR


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer.load(DATA_DIR)


def found(gaz: Gazetteer, text: str) -> dict[str, Toponym]:
    return {t.mention: t for t in gaz.geoparse(text)}


# ----------------------------------------------------------------- the list and its API


def test_the_list_loads_typed_and_without_duplicates() -> None:
    orgs = load_organisations()
    assert len(orgs) > 300
    assert all(isinstance(o, Organisation) for o in orgs)
    assert {o.kind for o in orgs} <= set(get_args(OrganisationKind))
    names = [o.name for o in orgs]
    assert len(names) == len(set(names))
    assert all(o.country is None or (len(o.country) == 2 and o.country.isupper()) for o in orgs)
    by_name = {o.name: o for o in orgs}
    assert by_name["Xinhua"].kind == "news_agency" and by_name["Xinhua"].country == "CN"
    assert "Hamas" in by_name and "Ansar Allah" in by_name["Houthis"].aliases


def test_the_word_lists_keep_no_second_list_of_organisations() -> None:
    words = json.loads((DATA_FILE.parent / "wordlists.json").read_text(encoding="utf-8"))
    assert "organisations" not in words


def test_a_matcher_over_another_file(tmp_path: Path) -> None:
    path = tmp_path / "orgs.json"
    path.write_text(
        json.dumps(
            {
                "organisations": [
                    {"name": "Zembla Liberation Front", "kind": "armed_group", "aliases": ["ZLF"]}
                ]
            }
        )
    )
    matcher = OrganisationMatcher(load_organisations(path))
    text = "The ZLF and the Zembla Liberation Front, but not the zlf."
    assert [m.text for m in matcher.find(text)] == ["ZLF", "Zembla Liberation Front"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Xinhua reported that the Islamic Dawa Party met the African Union.",
            ["Xinhua", "Islamic Dawa Party", "African Union"],
        ),
        ("Saba news agency said FAMa soldiers left.", ["Saba news agency", "FAMa"]),
        ("The Lebanese Forces leader spoke.", ["Lebanese Forces"]),
        # Case decides: the army of Lebanon, a town called Fama, gold ("Au").
        ("Lebanese forces entered Fama; Au prices rose.", []),
        # a name after an Arabic article, written in lower case
        ("Al shabaab militants attacked the base.", ["Al shabaab"]),
    ],
)
def test_the_matcher_finds_names_as_written(text: str, names: list[str]) -> None:
    assert [m.text for m in organisation_matcher().find(text)] == names


# ----------------------------------------------------------------- no place mentions


@pytest.mark.parametrize(
    ("text", "not_places"),
    [
        ("Xinhua reported the crash near Chengdu.", ["Xinhua"]),
        ("Members of the Islamic Dawa Party met in Baghdad.", ["Dawa", "Islamic Dawa Party"]),
        ("Saba News Agency said the strike hit Marib.", ["Saba"]),
        ("FAMa soldiers patrolled near Gao.", ["FAMa"]),
        ("Libya al-Ahrar reported clashes in Misrata.", ["Libya", "Libya al-Ahrar"]),
    ],
)
def test_organisation_names_are_no_places(gaz: Gazetteer, text: str, not_places: list[str]) -> None:
    t = found(gaz, text)
    assert not set(t) & set(not_places), t
    assert len(t) == 1  # the real place of the sentence is still found


def test_a_demonym_opening_an_organisation_stays_an_adjective(gaz: Gazetteer) -> None:
    # As the evaluation corpora annotate it ("European" of "European Union"): the
    # adjective says whose body it is; no other word of the name is a place.
    t = found(gaz, "The Syrian Democratic Forces held Raqqa.")
    assert t["Syrian"].reading == "adjective" and t["Syrian"].country_code == "SY"
    assert "Syrian Democratic Forces" not in t
    t = found(gaz, "The African Union sent envoys to Khartoum.")
    assert t["African"].reading == "adjective" and "Union" not in t and "Khartoum" in t


@pytest.mark.parametrize(
    ("text", "not_place", "place"),
    [
        ("Clashes broke out between the al-Fara family and police in Hebron.", "Fara", "Hebron"),
        ("Elders of the Uwa people met in Abuja.", "Uwa", "Abuja"),
        ("Fighters of the Shama clan attacked a market in Baidoa.", "Shama", "Baidoa"),
    ],
)
def test_families_clans_and_peoples_are_no_places(
    gaz: Gazetteer, text: str, not_place: str, place: str
) -> None:
    t = found(gaz, text)
    assert not_place not in t and place in t


def test_a_country_before_people_is_still_the_country(gaz: Gazetteer) -> None:
    assert found(gaz, "Aid reached the Syrian people.")["Syrian"].country_code == "SY"


def test_a_hashtag_names_the_place(gaz: Gazetteer) -> None:
    t = found(gaz, "Separatists attacked soldiers in #Mbengwi on Monday.")
    assert t["Mbengwi"].country_code == "CM"


# ----------------------------------------------------------------- inference needs a cue


def test_a_list_of_towns_infers_its_unknown_member(gaz: Gazetteer) -> None:
    t = found(gaz, "Gunmen attacked Zafaraneh, Rastan and Talbiseh.")
    assert t["Zafaraneh"].source == "inferred" and t["Zafaraneh"].country_code == "SY"


@pytest.mark.parametrize(
    ("text", "not_place"),
    [
        ("Talks with Hamid Karzai, Kabul and Kandahar resumed.", "Karzai"),  # a person
        ("Delegates from Zorvania, Oromia and Amhara met.", "Zorvania"),  # regions, not towns
    ],
)
def test_no_inference_without_a_settlement_cue(gaz: Gazetteer, text: str, not_place: str) -> None:
    assert not_place not in found(gaz, text)
