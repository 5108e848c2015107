"""Names spelled another way than the index spells them (gazetteer.variants)."""

from __future__ import annotations

from pathlib import Path

import pytest

import gazetteer
from gazetteer.variants import Place, Spellings, spelling_key

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Deir Ezzor", "Dayr az Zawr"),
        ("Der-Ezzor", "Deir ez-Zor"),
        ("Menbej", "Manbij"),
        ("Albukamal", "Abu Kamal"),
        ("Jesr al-Shughour", "Jisr ash Shughur"),
        ("Al-Raqqah", "Ar Raqqah"),
        ("Sheikh Meskin", "Shaykh Miskin"),
    ],
)
def test_spellings_of_one_name_share_a_key(one: str, other: str) -> None:
    assert spelling_key(one) == spelling_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Homs", "Hama"),  # short names keep their vowels
        ("Raqqa", "Reqqa"),
        ("Idlib", "Adlib"),
        ("Aleppo", "Latakia"),
    ],
)
def test_other_names_do_not_share_a_key(one: str, other: str) -> None:
    assert spelling_key(one) != spelling_key(other)


@pytest.mark.parametrize(
    ("one", "other", "country"),
    [
        ("Garabulli", "Qarabulli", "LY"),  # qaf said as g
        ("Almargeb", "Al Marqab", "LY"),  # and the article glued on
        ("Kuneitra", "Quneitra", "SY"),  # qaf written k
    ],
)
def test_qaf_is_one_consonant_in_the_arab_countries(one: str, other: str, country: str) -> None:
    assert spelling_key(one, country) == spelling_key(other, country)


@pytest.mark.parametrize(
    ("one", "other", "country"),
    [
        ("Gorodaga", "Korodougou", "ML"),  # g and k are other sounds outside the Arab countries
        ("Garabulli", "Qarabulli", ""),  # nor among the world's big towns (Karbala)
        ("Gharyan", "Kharyan", "LY"),  # ghain is no qaf
    ],
)
def test_g_and_k_stay_apart_elsewhere(one: str, other: str, country: str) -> None:
    assert spelling_key(one, country) != spelling_key(other, country)


def _place(i: int) -> Place:
    towns = [
        Place("Dayr az Zawr", 35.3, 40.1, "SY", "city", 1, "geonames", None, 270_000),
        Place("Dayr Zawr", 10.0, 10.0, "XX", "village", 2, "geonames", None, 0),
        Place("Manbij", 36.5, 37.9, "SY", "city", 3, "geonames", None, 99_000),
        Place("Manbaj", 1.0, 1.0, "ZZ", "city", 4, "geonames", None, 60_000),
    ]
    return towns[i]


def _spellings() -> Spellings:
    return Spellings.of(
        [("dayr az zawr", 0, "SY", 270_000), ("dayr zawr", 1, "XX", 0), ("manbij", 2, "SY", 99_000),
         ("manbaj", 3, "ZZ", 60_000)]
    )  # fmt: skip


def test_lookup_keeps_to_the_storys_countries() -> None:
    spellings = _spellings()
    found = spellings.lookup("Deir Ezzor", ["SY"], _place)
    assert found is not None and found.name == "Dayr az Zawr"
    assert spellings.lookup("Deir Ezzor", ["FR"], _place) is None


def test_world_lookup_takes_only_an_unshared_big_town() -> None:
    spellings = _spellings()
    found = spellings.lookup("Deir Ezzor", [""], _place)
    assert found is not None and found.country_code == "SY"  # the village abroad is small
    assert spellings.lookup("Menbej", [""], _place) is None  # two big towns share the key


@pytest.fixture(scope="module")
def gaz() -> gazetteer.Gazetteer:
    return gazetteer.load(ROOT / "var" / "gazetteer")


@pytest.mark.parametrize(
    ("text", "mention", "name"),
    [
        ("Shells and raids target neighborhoods in Deir Ezzor city.", "Deir Ezzor", "Deir ez-Zor"),
        ("Clashes continue in the western countryside of Al-Raqqah.", "Al-Raqqah", "Ar Raqqah"),
        ("Regime forces shelled Menbej in the countryside of Aleppo, Syria.", "Menbej", "Manbij"),
    ],
)
def test_a_spelled_place_is_read(
    gaz: gazetteer.Gazetteer, text: str, mention: str, name: str
) -> None:
    found = {t.mention: t for t in gaz.geoparse(text)}
    assert found[mention].name == name
    assert found[mention].reading == "spelling"


@pytest.mark.parametrize(
    "text",
    [
        "Protesters gathered in Parliament Square on Monday.",  # no cue-less guess
        "The minister spoke in March about the Islamic State.",
        "Police arrested Menbej in the countryside of Paris, France.",  # not a Syrian story
    ],
)
def test_no_spelled_place_where_none_is_meant(gaz: gazetteer.Gazetteer, text: str) -> None:
    assert not [t for t in gaz.geoparse(text) if t.reading == "spelling"]


def test_a_register_village_is_read_where_no_other_place_bears_its_name(
    gaz: gazetteer.Gazetteer,
) -> None:
    text = "Monitors observed a total of 46 bursts of fire near Novoluhanske."
    found = {t.mention: t for t in gaz.geoparse(text)}
    assert found["Novoluhanske"].country_code == "UA"


def test_a_libyan_spelling_of_qaf_is_read_in_a_libyan_story(gaz: gazetteer.Gazetteer) -> None:
    text = "LNA forces shelled the outskirts of Garabulli on Tuesday."
    found = {t.mention: t for t in gaz.geoparse(text)}
    assert found["Garabulli"].country_code == "LY" and found["Garabulli"].reading == "spelling"
    # Counterexample: with no Arab country in the story the key is no Iraqi city's (Karbala)
    text = "Firefighters were called to a blaze in Garabulli on Tuesday."
    assert "Garabulli" not in {t.mention for t in gaz.geoparse(text)}


def test_a_spelling_lies_near_the_places_the_text_names_in_its_country(
    gaz: gazetteer.Gazetteer,
) -> None:
    # Yadgir (Karnataka), a spelling of "Jojodagra", lies 1,070 km from West Singhbhum, the
    # only other place the text names in India: no reading
    text = (
        "Bomb squads made safe three devices near Jojodagra village under Keraikela police "
        "station (West Singhbhum, Jharkhand)."
    )
    assert "Jojodagra" not in {t.mention for t in gaz.geoparse(text)}
    # Counterexample: a spelling near the story's places is read ("Al-Raqqah" is Ar Raqqah
    # beside Deir ez-Zor)
    text = "Clashes in Deir ez-Zor and airstrikes on Al-Raqqah city."
    found = {t.mention: t for t in gaz.geoparse(text)}
    assert found["Al-Raqqah"].name == "Ar Raqqah" and found["Al-Raqqah"].reading == "spelling"
