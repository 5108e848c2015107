"""Containment the text states ("X (Y, Z)", "X, Y province", "Y's X district", "X, 12 km
northwest of Y"), how each toponym was read, and the admin-2 units kept without towns
(own sentences, real index)."""

from __future__ import annotations

import math

import pytest

import gazetteer
from gazetteer import Gazetteer, Toponym
from gazetteer.containment import find_statements, offset_point
from tests.test_gazetteer import DATA_DIR


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer.load(DATA_DIR)


def found(gaz: Gazetteer, text: str) -> dict[str, Toponym]:
    return {t.mention: t for t in gaz.geoparse(text)}


def _km(a: Toponym, b: Toponym) -> float:
    dlat = math.radians(b.lat - a.lat)
    dlon = math.radians(b.lon - a.lon) * math.cos(math.radians(a.lat))
    return 6371.0 * math.hypot(dlat, dlon)


# ----------------------------------------------------------------- statements (no index)

STATEMENTS = [
    (
        "Militants attacked Tindaro (Tindaro, Soum) at dawn.",
        "Tindaro",
        ["Tindaro", "Soum"],
        "paren",
    ),
    ("in the area of Yeri (Matia, Gourma).", "Yeri", ["Matia", "Gourma"], "paren"),
    ("Protesters marched in Kut city, Wasit province.", "Kut", ["Wasit"], "admin"),
    ("A drone hit Kyiv's Dnipro district.", "Dnipro", ["Kyiv"], "possessive"),
    ("Shelling hit the Karrada district of Baghdad.", "Karrada", ["Baghdad"], "part_of"),
    (
        "Raiders burned Tchelemba village in Sud-Kivu province.",
        "Tchelemba",
        ["Sud-Kivu"],
        "part_of",
    ),
    ("Fighters entered the village of Qarbasin near Aleppo.", "Qarbasin", ["Aleppo"], "near"),
    ("A mob attacked Zzyqpur village near Rapar town.", "Zzyqpur", ["Rapar"], "near"),
    # a neighbourhood told after the city of the sentence
    (
        "In Teresina, Piaui, a man was shot in Zzyqcenca neighborhood by two men.",
        "Zzyqcenca",
        ["Teresina"],
        "near",
    ),
    (
        "In Acapulco, Guerrero, the body of a woman lay in Colonia Zzyqtad.",
        "Zzyqtad",
        ["Acapulco"],
        "near",
    ),
    # a quoted local name
    (
        "Gunmen attacked a post in the 'Qalat' area of Kushki Kuhna district.",
        "Qalat",
        ["Kushki Kuhna"],
        "part_of",
    ),
    # a natural feature named after a place, and an editor's bracket with another name
    (
        "Two militias clashed in the Sabon Birni forest (Igabi, Kaduna).",
        "Sabon Birni",
        ["Igabi", "Kaduna"],
        "paren",
    ),
    (
        "Militants raided Blafouri [N'Garoua Gana] (Diffa, Diffa).",
        "Blafouri",
        ["Diffa", "Diffa"],
        "paren",
    ),
    ("Shelling hit Qorvatel, 12 km northwest of Homs.", "Qorvatel", ["Homs"], "offset"),
    ("On Monday In Abu Salim (Tripoli) clashes resumed.", "Abu Salim", ["Tripoli"], "paren"),
    # a village in the countryside of its district or province, either way round
    (
        "Jets struck Kafr Nabl in the southern countryside of Idlib.",
        "Kafr Nabl",
        ["Idlib"],
        "part_of",
    ),
    (
        "A mine hit a car in Western Ghariyah in Daraa countryside.",
        "Western Ghariyah",
        ["Daraa"],
        "part_of",
    ),
    # a unit named after its kind word
    (
        "OLA attacked soldiers in Sire, in the district of Gemechis, killing five.",
        "Sire",
        ["Gemechis"],
        "part_of",
    ),
    ("Militants raided Kpakan in the department of Mangodara.", "Kpakan", ["Mangodara"], "part_of"),
    # a place of a local unit the text calls one
    (
        "A mine hit a patrol in Zzyq Khel of Mohammad Agha district, Logar.",
        "Zzyq Khel",
        ["Mohammad Agha"],
        "part_of",
    ),
    ("Police raided a house at Zzyqa of Dera LGA, Borno.", "Zzyqa", ["Dera"], "part_of"),
    # an airport in the unit that holds it
    (
        "Mortars fell on Zzyq international airport in Wadajir district of Mogadishu.",
        "Zzyq",
        ["Wadajir"],
        "part_of",
    ),
    # an abbreviation with an ampersand or dots closes the bracket
    (
        "Troops fired at Zzyqpur village (Poonch district, J&K) overnight.",
        "Zzyqpur",
        ["Poonch", "J&K"],
        "paren",
    ),
    (
        "Police raided a house in Zzyqganj (Gorakhpur, U.P.) on Monday.",
        "Zzyqganj",
        ["Gorakhpur", "U.P."],
        "paren",
    ),
    # a container opened by a lower-case article, in every form
    (
        "Guards raided the families' section in Hole camp in al-Hasakeh.",
        "Hole",
        ["al-Hasakeh"],
        "part_of",
    ),
    (
        "Clashes hit Maliha village (al-Dumayr, Rif Dimashq).",
        "Maliha",
        ["al-Dumayr", "Rif Dimashq"],
        "paren",
    ),
    ("Troops shelled Tall Abyad, al-Raqqa governorate.", "Tall Abyad", ["al-Raqqa"], "admin"),
    # units that reports name after their seat: subdivision, township, upazila
    (
        "Gunmen burned a school in the town of Zzyqtown, Gangara subdivision (Tanout, Zinder).",
        "Zzyqtown",
        ["Gangara"],
        "admin",
    ),
    ("Troops shelled Zzyqdaung, Minbya township.", "Zzyqdaung", ["Minbya"], "admin"),
    # a possessive container with its unit noun
    (
        "Five men were killed in Sagaing Region's Budalin Township.",
        "Budalin",
        ["Sagaing"],
        "possessive",
    ),
    # a bracket's list written without the space after its comma
    (
        "Clashes hit Lafoole (Afgooye,Lower Shabelle).",
        "Lafoole",
        ["Afgooye", "Lower Shabelle"],
        "paren",
    ),
    # a child told with two kind words, bracketed units with their kind word or an "and"
    (
        "Troops exchanged fire at Zzyqpir sector area (Haveli district, AJK).",
        "Zzyqpir",
        ["Haveli", "AJK"],
        "paren",
    ),
    (
        "Senators fought in Zzyqtown, Quella subdivision (Boe and Quilla, Nimba).",
        "Quella",
        ["Boe and Quilla", "Nimba"],
        "paren",
    ),
    # "in X, Y," with the clause going on: a place and its region; of a region named after
    # two towns, the first
    ("On 3 June, in Juliaca, Puno, traders went on strike.", "Juliaca", ["Puno"], "admin"),
    ("In Maracas, Tunapuna/Piarco, a shop was robbed.", "Maracas", ["Tunapuna"], "admin"),
]


@pytest.mark.parametrize(("text", "child", "containers", "kind"), STATEMENTS)
def test_statements_the_text_makes(text: str, child: str, containers: list[str], kind: str) -> None:
    statements = [s for s in find_statements(text) if text[slice(*s.child)] == child]
    assert statements, find_statements(text)
    s = statements[0]
    assert [text[a:b] for a, b in s.containers] == containers
    assert s.kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "The talks (which lasted hours) ended.",  # no name in the brackets
        "officials said the measure (a curfew) would hold",
        "the army shelled villages north of the river",  # no named container
        "He walked 12 km to the north of the camp.",  # no names at all
        "Farmers in the countryside grew cotton.",  # no named container
        "the lake [a reservoir] (dry) shrank",  # no names
        # "the village of X" names X itself, no container of what comes before
        "Gunmen killed civilians, in the village of Monge.",
        # a "container" that speaks is a person
        "People scattered into neighbourhoods of Djibouti city, Farah said.",
        "Crowds gathered in Kwadon town, Musa told reporters.",
        # a sea, a gulf or a bay "of" a region is no place of a local unit
        "Cyclones form in the Bay of Bengal region every year.",
        "Pirates struck in Gulf of Aden waters.",
        # a list of places is no containment
        "Airstrikes hit militants in Alatona, Barikoro, and Songo.",
        "Troops patrolled in Alatona, Barikoro, Songo and Dia.",
    ],
)
def test_no_statement_without_names(text: str) -> None:
    assert find_statements(text) == []


def test_a_brackets_list_nests_finest_first() -> None:
    text = "Militants attacked Sima (Kain, Yatenga) at dawn."
    nested = {
        text[slice(*s.child)]: [text[a:b] for a, b in s.containers] for s in find_statements(text)
    }
    assert nested == {"Sima": ["Kain", "Yatenga"], "Kain": ["Yatenga"]}
    # Counterexample: a bracket of one name states nothing more.
    assert len(find_statements("Clashes erupted in Abu Salim (Tripoli) overnight.")) == 1


def test_an_offset_is_a_point_along_the_bearing() -> None:
    lat, lon = offset_point(0.0, 0.0, 111.195, 0.0)
    assert lat == pytest.approx(1.0, abs=0.01) and lon == pytest.approx(0.0, abs=1e-6)
    lat, lon = offset_point(10.0, 20.0, 50.0, 90.0)
    assert lat == pytest.approx(10.0, abs=0.01) and lon > 20.4


def test_the_offset_statement_reads_numbers_units_and_compound_bearings() -> None:
    (s,) = find_statements("Dara village, about ten kilometres south-east of Homs, burned.")
    assert s.offset_km == 10.0 and s.bearing == 135.0
    (s,) = find_statements("Troops reached Ora, 5 miles north of Kabul.")
    assert s.offset_km == pytest.approx(8.05, abs=0.01) and s.bearing == 0.0


def test_a_village_in_the_countryside_of_a_town_lies_near_it(gaz: Gazetteer) -> None:
    # "Bara" alone is a Nigerian town; in the countryside of Idleb it is the Syrian village
    t = found(gaz, "Artillery struck Bara in the southern countryside of Idleb at dawn.")
    assert t["Bara"].country_code == "SY" and _km(t["Bara"], t["Idleb"]) < 100


# ----------------------------------------------------------------- known names agree


def test_a_namesake_abroad_yields_to_the_stated_container(gaz: Gazetteer) -> None:
    # Bam closing "(X, Bam)" is Burkina Faso's province, not the Iranian city.
    bam = found(gaz, "Militants attacked Zorgatenga (Zorgatenga, Bam) on Monday.")["Bam"]
    assert (bam.country_code, bam.feature_class) == ("BF", "admin2")
    # Counterexample: the bare name is the city.
    assert found(gaz, "An earthquake struck Bam in 2003.")["Bam"].country_code == "IR"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # told with two kind words before its bracket: India's Hajipur is not the sector
        ("Troops exchanged fire at Hajipir sector area (Haveli district, AJK).", "Hajipir", "PK"),
        # a subdivision in a bracketed district named with "and": not Angola's Quela
        (
            "Senators fought in Bomi town, Quella subdivision (Boe and Quilla, Nimba).",
            "Quella",
            "LR",
        ),
    ],
)
def test_a_stated_container_told_with_kind_words_keeps_the_name_in_its_country(
    gaz: Gazetteer, text: str, name: str, country: str
) -> None:
    assert found(gaz, text)[name].country_code == country


def test_a_big_city_named_by_another_of_its_names_yields_to_the_stated_container(
    gaz: Gazetteer,
) -> None:
    # GeoNames also calls Ibadan "Abadan": Borno's Abadan is no city 1,100 km away
    t = found(gaz, "Troops clashed with militants in Abadan (Borno).")["Abadan"]
    assert (t.admin1, t.reading) == ("NG.27", "container")
    # Counterexample: a big city named by its own name keeps its reading
    assert found(gaz, "Gunmen attacked a bank in Lagos (Lagos state).")["Lagos"].reading == "name"


def test_a_town_followed_by_its_namesake_region_is_the_town(gaz: Gazetteer) -> None:
    tops = gaz.geoparse("In Valparaiso, Valparaiso, 100 workers marched.")
    assert [t.feature_class for t in tops] == ["city", "admin1"]
    assert tops[0].country_code == "CL"
    # Counterexample: a list of states stays a list of states
    tops = gaz.geoparse("Floods hit Oregon, Ohio, Texas.")
    assert [t.feature_class for t in tops] == ["admin1", "admin1", "admin1"]


def test_a_village_near_a_town_is_no_namesake_far_away(gaz: Gazetteer) -> None:
    text = "A mob killed five people in Hamirpur village near Rapar town (Kachchh, Gujarat)."
    t = found(gaz, text)
    assert _km(t["Hamirpur"], t["Rapar"]) <= 40


def test_a_neighbourhood_lies_in_the_city_the_sentence_names(gaz: Gazetteer) -> None:
    # Brazil has other Renascenças, far from Teresina
    text = "In Teresina, Piaui, gunmen killed a driver in Renascenca neighborhood."
    t = found(gaz, text)
    assert _km(t["Renascenca"], t["Teresina"]) <= 40


def test_a_container_read_abroad_yields_to_the_container_after_it(gaz: Gazetteer) -> None:
    # Kain alone is the Belgian town; in "(Kain, Yatenga)" it is Burkina Faso's
    # department, and the village it holds lies there too.
    t = found(gaz, "Gunmen stole cattle from herders near Sima (Kain, Yatenga) on Sunday.")
    assert t["Kain"].country_code == "BF" and t["Sima"].country_code == "BF"
    assert t["Kain"].container == "Yatenga"
    # Counterexample: the bare name.
    assert found(gaz, "The road to Kain was closed after the flood.")["Kain"].country_code == "BE"


def test_an_abbreviation_read_abroad_moves_no_city(gaz: Gazetteer) -> None:
    # "TN" is read as Tennessee, but it does not move an Indian city of a million there.
    t = found(gaz, "Protesters blocked roads in Madurai city (Madurai, TN).")
    assert [p.country_code for m, p in t.items() if m == "Madurai"] == ["IN"]
    for p in gaz.geoparse("Protesters blocked roads in Madurai city (Madurai, TN)."):
        if p.mention == "Madurai":
            assert p.country_code == "IN" and p.source == "geonames"


def test_a_district_of_a_city_is_the_district_not_a_namesake_city(gaz: Gazetteer) -> None:
    t = found(gaz, "A drone hit a house in Kyiv's Dnipro district.")
    assert t["Dnipro"].country_code == "UA" and _km(t["Dnipro"], t["Kyiv"]) < 30
    assert t["Dnipro"].container == "Kyiv"
    # Counterexample: the bare name is the city of Dnipro, 400 km from Kyiv.
    assert found(gaz, "Missiles struck Dnipro on Friday.")["Dnipro"].feature_class == "city"


def test_a_known_town_in_its_district_keeps_its_reading(gaz: Gazetteer) -> None:
    t = found(gaz, "Protesters gathered in Larkana town (Larkana, Sindh).")
    assert t["Larkana"].source == "geonames" and t["Larkana"].country_code == "PK"
    assert t["Sindh"].feature_class == "admin1"


def test_a_container_in_another_country_does_not_move_a_city(gaz: Gazetteer) -> None:
    # The country in brackets agrees: nothing moves, and the container is recorded.
    t = found(gaz, "Officials in Paris (France) said the talks went well.")
    assert t["Paris"].country_code == "FR" and t["Paris"].source == "geonames"
    assert t["Paris"].container == "France"


def test_a_town_abroad_yields_to_the_region_after_a_comma(gaz: Gazetteer) -> None:
    # The index knows "Maracas" only in Brazil; the text puts it in Trinidad's Tunapuna
    t = found(gaz, "On 3 June 2021, in Maracas, Tunapuna/Piarco, a bakery was robbed.")
    assert t["Maracas"].country_code == "TT" and t["Maracas"].source == "container"
    # Counterexample: a town inside the region keeps its own reading
    juliaca = found(gaz, "On 3 June 2021, in Juliaca, Puno, market traders went on strike.")[
        "Juliaca"
    ]
    assert juliaca.country_code == "PE" and juliaca.source == "geonames"


def test_a_unit_at_its_regions_point_takes_the_town_its_brackets_name(gaz: Gazetteer) -> None:
    # The data places Suame only at Ashanti's point; the text puts it in Kumasi
    t = found(gaz, "A fire destroyed a market in Suame town (Kumasi, Ashanti).")
    assert t["Suame"].source == "container" and t["Suame"].container == "Kumasi"
    assert (t["Suame"].lat, t["Suame"].lon) == (t["Kumasi"].lat, t["Kumasi"].lon)
    # Counterexample: "in Daraa countryside" names the province, not the town
    t = found(gaz, "Farmers harvested wheat in Al-Sanamayn in Daraa countryside.")
    assert t["Al-Sanamayn"].source != "container"


def test_a_small_namesake_abroad_moves_to_the_stated_region(gaz: Gazetteer) -> None:
    # The index knows "Kut" only as a Ukrainian village; the text puts it in Iraq.
    kut = found(gaz, "Protesters marched in Kut city, Wasit province.")["Kut"]
    assert kut.country_code == "IQ" and kut.source == "container"
    assert kut.reading == "container" and kut.name == "Kut"


# ----------------------------------------------------------------- unknown names


def test_an_unknown_name_is_placed_at_its_finest_container(gaz: Gazetteer) -> None:
    t = found(gaz, "Militants attacked Zorgatenga (Zorgatenga, Bam) on Monday.")
    z = t["Zorgatenga"]
    assert (z.source, z.reading, z.container) == ("container", "container", "Bam")
    assert z.feature_class == "admin2"  # the container's precision
    assert (z.lat, z.lon) == (t["Bam"].lat, t["Bam"].lon)
    assert z.confidence < 0.5


@pytest.mark.parametrize(
    ("text", "name", "container", "feature_class"),
    [
        (
            "Gunmen raided Tchelemba village in Sud-Kivu province.",
            "Tchelemba",
            "Sud-Kivu",
            "admin1",
        ),
        ("Shelling hit the Karrada district of Baghdad.", "Karrada", "Baghdad", "village"),
        ("Fighters entered the village of Qarbasin near Aleppo.", "Qarbasin", "Aleppo", "village"),
        ("Clashes erupted in Abu Salim (Tripoli) overnight.", "Abu Salim", "Tripoli", "village"),
    ],
)
def test_unknown_names_with_a_stated_container(
    gaz: Gazetteer, text: str, name: str, container: str, feature_class: str
) -> None:
    t = found(gaz, text)
    assert t[name].source == "container" and t[name].feature_class == feature_class
    assert t[name].country_code == t[container].country_code
    assert t[name].container == t[container].name


def test_an_offset_places_the_name_along_the_bearing(gaz: Gazetteer) -> None:
    t = found(gaz, "Shelling hit Qorvatel, 12 km northwest of Homs.")
    q, homs = t["Qorvatel"], t["Homs"]
    assert q.source == "container" and 11 < _km(q, homs) < 13
    assert q.lat > homs.lat and q.lon < homs.lon


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen raided Tchelemba at night.",  # no container stated
        "The Regional Security Council (Kismayo) met on Monday.",  # a body, not a place
        "Ahmed Warsame (Mogadishu) said the talks failed.",  # a person
        "The JNIM (Mali) statement was read out.",  # an acronym
    ],
)
def test_no_place_invented_without_a_container_or_for_non_places(gaz: Gazetteer, text: str) -> None:
    assert all(t.source != "container" for t in gaz.geoparse(text))


# ----------------------------------------------------------------- readings


def test_each_toponym_says_how_it_was_read(gaz: Gazetteer) -> None:
    t = found(gaz, "The Syrian army and police in Long Beach, CA.")
    assert t["Syrian"].reading == "adjective"
    assert found(gaz, "Aid reached the Syrians in Homs.").get("Syrians") is None or (
        found(gaz, "Aid reached the Syrians in Homs.")["Syrians"].reading == "demonym"
    )
    assert t["CA"].reading == "abbreviation"
    assert t["Long Beach"].reading == "name" and t["Long Beach"].container == "California"
    t = found(gaz, "Gunmen attacked Zafaraneh, Rastan and Talbiseh.")
    assert t["Zafaraneh"].reading == "inferred" and t["Rastan"].reading == "name"
    d = t["Rastan"].as_dict()
    assert d["reading"] == "name" and d["container"] is None
    assert {
        "start",
        "end",
        "mention",
        "name",
        "lat",
        "lon",
        "country_code",
        "feature_class",
        "geonameid",
        "source",
        "confidence",
        "bbox",
    } <= set(d)


# ----------------------------------------------------------------- admin-2 units


def test_admin2_units_without_towns_are_kept(gaz: Gazetteer) -> None:
    # Daman district of Kandahar has no town of cities500 in it.
    assert any(
        r["country_code"] == "AF" and r["feature_class"] == "admin2" for r in gaz.search("Daman")
    )
    assert any(
        r["country_code"] == "TG" and r["feature_class"] == "admin2" for r in gaz.search("Golfe")
    )


def test_a_province_is_no_district_of_that_name(gaz: Gazetteer) -> None:
    # "X Province" does not select a unit named "X District" (Rwanda's Nyanza District).
    t = found(gaz, "Residents of Nyanza Province voted.")
    assert t["Nyanza"].name != "Nyanza District"
    # Counterexamples: "region" is an oblast; "district" selects the district.
    assert (
        found(gaz, "Villages across the Kherson region lost power.")["Kherson"].feature_class
        == "admin1"
    )


@pytest.mark.parametrize(
    ("text", "mention", "country", "feature_class"),
    [
        # the kind words of the units conflict reports name: zones, LGAs, raions, wilayas
        ("Militias attacked villages in Guji zone.", "Guji", "ET", "admin2"),
        ("Gunmen raided farms in Kajuru LGA.", "Kajuru LGA", "NG", "admin2"),
        # "state" and "department" name the countries whose regions they are (ISO 3166-2)
        ("Gunmen killed two men in Bolivar state.", "Bolivar", "VE", "admin1"),
        ("Gunmen killed two men in Bolivar department.", "Bolivar", "CO", "admin1"),
        ("Floods hit Amazonas department.", "Amazonas", "CO", "admin1"),
        # counterexample: "province" decides nothing, news writes it for any country's regions
        (
            "Protesters gathered in Qatif in the Eastern Province.",
            "Eastern Province",
            "SA",
            "admin1",
        ),
        # regions whose data names carry their kind in their own language
        ("Farmers protested in the Turkistan region on Sunday.", "Turkistan", "KZ", "admin1"),
        ("Floods hit Qinghai province this week.", "Qinghai", "CN", "admin1"),
        ("Police raided a mosque in Tatarstan.", "Tatarstan", "RU", "admin1"),
    ],
)
def test_a_name_before_a_units_kind_word_is_the_unit(
    gaz: Gazetteer, text: str, mention: str, country: str, feature_class: str
) -> None:
    t = found(gaz, text)[mention]
    assert (t.country_code, t.feature_class) == (country, feature_class)


def test_a_title_with_a_kind_word_names_no_unit(gaz: Gazetteer) -> None:
    assert found(gaz, "The outbreak led to the publication of The Hot Zone.") == {}


@pytest.mark.parametrize(
    ("text", "child", "containers"),
    [
        ("Troops fought in Farkhar district, Takhar.", "Farkhar", ["Takhar"]),
        ("Gunmen shot a farmer in Qorvatel in Homs governorate.", "Qorvatel", ["Homs"]),
        ("Militants raided Kurbam (Konduga LGA, Borno).", "Kurbam", ["Konduga", "Borno"]),
        ("Gbense subdivision (Kailahun, Eastern) voted.", "Gbense", ["Kailahun", "Eastern"]),
        # kind words as some reports write them, capitalised
        ("Crowds gathered in Hidilola, Miyo District, Borena Zone.", "Miyo", ["Borena"]),
        ("Two died in Qarabagh District, Ghazni Province.", "Qarabagh", ["Ghazni"]),
    ],
)
def test_kind_words_and_regions_named_as_such(text: str, child: str, containers: list[str]) -> None:
    statements = [s for s in find_statements(text) if text[slice(*s.child)] == child]
    assert statements and [text[a:b] for a, b in statements[0].containers] == containers


def test_a_name_in_a_region_the_text_calls_a_region(gaz: Gazetteer) -> None:
    t = found(gaz, "Gunmen shot a farmer in Qorvatel in Homs governorate.")
    assert t["Qorvatel"].source == "container" and t["Qorvatel"].country_code == "SY"
    # Counterexample: no region word, no statement: the unknown name is left alone.
    assert "Qorvatel" not in found(gaz, "Gunmen shot a farmer in Qorvatel in Homs.")


def test_an_unknown_container_passes_on_its_own_container(gaz: Gazetteer) -> None:
    t = found(gaz, "Voters in Yarvah village, Gbense subdivision (Kailahun, Eastern) protested.")
    assert t["Yarvah"].source == "container" and t["Yarvah"].country_code == "SL"
    assert t["Gbense"].container == t["Yarvah"].container


def test_a_name_follows_its_container_read_again(gaz: Gazetteer) -> None:
    # Miyo (read first as Millau, France) is a district of Borena Zone, Ethiopia; the
    # village stated inside Miyo goes where Miyo goes.
    t = found(gaz, "Crowds gathered in Hidilola, Miyo District, Borena Zone.")
    assert t["Miyo"].country_code == "ET" and t["Miyo"].reading == "container"
    assert t["Hidilola"].country_code == "ET"
    assert (t["Hidilola"].lat, t["Hidilola"].lon) == (t["Miyo"].lat, t["Miyo"].lon)


def test_a_town_stays_when_its_container_is_misread_abroad(gaz: Gazetteer) -> None:
    # "Nimruz" is read as Iran's county; Zaranj lies in Afghanistan's Nimroz, a spelling of
    # the container: the container was misread, not the town.
    t = found(gaz, "A soldier was killed in an ambush in Zaranj city, Nimruz.")
    assert t["Zaranj"].country_code == "AF" and t["Zaranj"].reading == "name"


def test_a_known_name_the_filters_drop_is_a_place_inside_its_container(
    gaz: Gazetteer,
) -> None:
    # "Hays" is a surname; in Al Hudaydah governorate it is the Yemeni district.
    t = found(gaz, "Two civilians died in the town of Hays, Al Hudaydah governorate.")
    assert t["Hays"].country_code == "YE" and t["Hays"].source == "geonames"
    # Counterexample: without a container the surname is no place.
    assert "Hays" not in found(gaz, "Hays said the talks failed.")


def test_a_stated_region_spelled_otherwise_is_found(gaz: Gazetteer) -> None:
    # "Wassit" for Wasit (a doubled letter), "Banadir" for Banaadir: in a container's place.
    t = found(gaz, "Protesters marched in Kut city, Wassit province.")
    assert t["Kut"].country_code == "IQ" and t["Wassit"].feature_class == "admin1"
    t = found(gaz, "A bomb went off in Warta Nabadda district (Warta Nabadda, Banadir).")
    assert t["Banadir"].country_code == "SO" and t["Warta Nabadda"].source == "container"
    # Counterexamples: no look-alike of other letters ("Karenni" is no "Keryneia"), and
    # plain words in a container's place stay words.
    t = found(gaz, "Troops burned houses in Karenni State's Hpruso Township.")
    assert all(x.country_code != "CY" for x in t.values())
    assert "Eastern" not in found(
        gaz, "Voters in Gbense subdivision (Kailahun, Eastern) protested."
    )


def test_a_stated_region_spelled_another_way_in_a_story_about_its_country(gaz: Gazetteer) -> None:
    # the LNA is Libyan: "Al Jabl Al Gharbi" is Al Jabal al Gharbi, and the village the
    # index lacks ("As Shwayrif", an article before it) is placed there
    t = found(gaz, "LNA forces shelled a supply line in As Shwayrif (Al Jabl Al Gharbi).")
    assert t["Al Jabl Al Gharbi"].feature_class == "admin1"
    assert t["As Shwayrif"].source == "container" and t["As Shwayrif"].country_code == "LY"
    # Counterexample: with no country to look in, no spelling is tried
    assert "Al Jabl Al Gharbi" not in found(
        gaz, "A supply line in As Shwayrif (Al Jabl Al Gharbi)."
    )


def test_the_last_container_may_spell_its_region_with_a_letter_doubled(gaz: Gazetteer) -> None:
    # "Nassarawa" names a district of Kano state; as the last container of "X (Y, Z)" it is
    # Nasarawa state, where Lafia is
    t = found(gaz, "Gunmen invaded an office in Lafia (Lafia, Nassarawa).")
    assert t["Nassarawa"].feature_class == "admin1" and t["Nassarawa"].admin1 == "NG.56"
    assert t["Lafia"].admin1 == "NG.56"
    # Counterexample: a district's own name is read where the region word is no container
    t = found(gaz, "Traders protested in Gwarzo (Nassarawa, Kano).")
    assert t["Nassarawa"].feature_class != "admin1"


def test_a_town_word_makes_the_name_a_town(gaz: Gazetteer) -> None:
    # "Amara" alone is Ethiopia's Amhara region (spelled Amara); "Amara city" is in Iraq.
    t = found(gaz, "Employees protested in front of the municipality building in Amara city.")
    assert t["Amara"].country_code == "IQ" and t["Amara"].feature_class == "city"
    assert found(gaz, "Clashes were reported in Amara on Monday.")["Amara"].feature_class == (
        "admin1"
    )


def test_a_speaking_name_after_a_city_leaves_the_city_where_it_is(gaz: Gazetteer) -> None:
    t = found(gaz, "People scattered into neighbourhoods of Djibouti city, Farah said.")
    assert t["Djibouti"].country_code == "DJ" and t["Djibouti"].source == "geonames"


def test_a_plural_word_is_no_unknown_place_in_a_region(gaz: Gazetteer) -> None:
    assert "Clashes" not in {t.mention for t in gaz.geoparse("Clashes in Plateau state.")}
