"""A place lies inside the container the text states for it (gazetteer.agreement)."""

from __future__ import annotations

from pathlib import Path

import pytest

import gazetteer
from core.toponym import Toponym, km_between, region_within
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
            "A shopkeeper was shot dead in Islamabad area of Alishing district, Laghman.",
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
        # a big city named by another of its names yields to the stated state (Abadan, which
        # GeoNames also gives Ibadan, is read at Borno), and the village stays in Nigeria
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
            "A man died when troops fired at a car in Aapsikan area of Mand town (Kech"
            " district, Balochistan).",
            "Aapsikan",
            "Mand",
        ),
        (
            "A district base came under Taliban attack in Shamal (Do Mando) district, Khost.",
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


def test_a_name_placed_at_a_region_moves_to_the_district_read_later(
    gaz: gazetteer.Gazetteer,
) -> None:
    """The district is read by its spelling after the name was placed at the province's
    town: the name moves to the district, the finer container."""
    text = "Gunmen fired on a convoy in the 'Nawa' area of Kushki Kuhna district, Herat."
    found = {t.mention: t for t in gaz.geoparse(text)}
    assert found["Kushki Kuhna"].feature_class == "admin2"
    assert found["Nawa"].reading == "container"
    assert km_between(found["Nawa"], found["Kushki Kuhna"]) < 1
    assert km_between(found["Nawa"], found["Herat"]) > 30


def test_a_district_is_not_misread_for_a_village_of_its_name_in_its_own_country(
    gaz: gazetteer.Gazetteer,
) -> None:
    """A village named like the stated district 100 km off does not make the district a
    misreading: the commune is read inside the district, not as the town of its name in
    the next province."""
    text = (
        "Police said a landmine exploded in Samraong commune, Ou Chrov district, Banteay Meanchey."
    )
    found = {t.mention: t for t in gaz.geoparse(text)}
    assert found["Ou Chrov"].feature_class == "admin2"
    assert km_between(found["Samraong"], found["Ou Chrov"]) < 40
    assert found["Samraong"].admin1 == found["Banteay Meanchey"].admin1


def test_a_reading_far_outside_its_confirmed_finest_container_moves_to_it(
    gaz: gazetteer.Gazetteer,
) -> None:
    """The only namesakes lie in the stated region but hundreds of km from the stated
    district's town, which itself lies in that region: the name goes to the district."""
    text = "Cattle raiders struck the village of Tanandava (Beroroha, Atsimo Andrefana) at night."
    found = {t.mention: t for t in gaz.geoparse(text)}
    assert found["Tanandava"].reading == "container"
    assert km_between(found["Tanandava"], found["Beroroha"]) < 1
    # Counterexample: a town within a district's reach of the stated town keeps its reading
    text = "Cattle raiders struck the village of Ankazoabo (Beroroha, Atsimo Andrefana) at night."
    found = {t.mention: t for t in gaz.geoparse(text)}
    assert found["Ankazoabo"].reading == "name"
    assert km_between(found["Ankazoabo"], found["Beroroha"]) > 50


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
    # "Mansurah" alone is Al Mansurah, Egypt; in the Raqqa countryside it is Syria's Mansura
    found = _read(gaz, "Gunmen shot a civilian in Mansurah in Ar-Raqqa countryside.")
    assert gaz.geoparse("Gunmen shot a civilian in Mansurah.")[0].country_code == "EG"
    assert found["Mansurah"].country_code == "SY"
    assert found["Mansurah"].reading == "spelling"
    assert km_between(found["Mansurah"], found["Ar-Raqqa"]) <= 200


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


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        # a namesake abroad (Egypt's Al Mansurah) yields to the Syrian village of another
        # spelling; an unknown one (Israel's Rihaniya) to the town it is said to be in
        ("Gunmen shot and killed a civilian in Mansura in Ar-Raqqa.", "Mansura", "SY"),
        ("Rebels looted wheat and barley crops in Rihaniya in al-Hasakeh.", "Rihaniya", "SY"),
    ],
)
def test_the_first_place_of_x_in_y_lies_in_the_country_of_y(
    gaz: gazetteer.Gazetteer, text: str, mention: str, country: str
) -> None:
    assert _read(gaz, text)[mention].country_code == country


@pytest.mark.parametrize(
    ("text", "mention", "lat", "lon"),
    [
        # "X in Y" says only which country X lies in: displaced people "from Mosul in Erbil"
        # are in Erbil, and Mosul stays where it is
        ("Families displaced from Mosul in Erbil camps asked for aid.", "Mosul", 36.34, 43.13),
        ("The mayor of Paris in Texas declared an emergency.", "Paris", 33.66, -95.56),
        # a date after "in" is no place
        ("Fighting in Aleppo in March killed dozens.", "Aleppo", 36.20, 37.16),
        # a big town keeps its reading whatever the next name is read as ("Rural
        # Municipality" is read as a place of Jamaica)
        (
            "The village lies 100 kilometres southwest of Winnipeg in the Rural Municipality "
            "of Thompson.",
            "Winnipeg",
            49.88,
            -97.15,
        ),
    ],
)
def test_x_in_y_of_one_country_moves_nothing(
    gaz: gazetteer.Gazetteer, text: str, mention: str, lat: float, lon: float
) -> None:
    place = _read(gaz, text)[mention]
    assert abs(place.lat - lat) < 0.1 and abs(place.lon - lon) < 0.1
    assert place.reading == "name"


@pytest.mark.parametrize(
    ("text", "mention", "admin1", "moved"),
    [
        # Ethiopia's zones sit at their region's point: a zone so placed holds what lies in
        # its region (Haro Limu woreda is 400 km from Oromia's point, and in Oromia) ...
        (
            "Soldiers killed 2 in Haro Limu District, East Welega Zone.",
            "Haro Limu District",
            "ET.51",
            False,
        ),
        # ... and nothing of another region (North Wollo is a zone of Amhara)
        (
            "Soldiers killed 2 in Haro Limu District, North Wollo Zone.",
            "Haro Limu District",
            "ET.46",
            True,
        ),
    ],
)
def test_a_unit_at_its_regions_point_holds_what_lies_in_its_region(
    gaz: gazetteer.Gazetteer, text: str, mention: str, admin1: str, moved: bool
) -> None:
    places = {t.mention: t for t in gaz.geoparse(text)}
    container = next(t for t in places.values() if t.mention != mention)
    assert gaz.at_region_point(container)
    assert places[mention].admin1 == admin1
    assert (places[mention].reading == "container") is moved


def test_a_unit_with_its_own_point_is_not_at_its_regions_point(gaz: gazetteer.Gazetteer) -> None:
    (kandahar,) = [t for t in gaz.geoparse("Clashes in Kandahar city.") if t.mention == "Kandahar"]
    (haro,) = gaz.geoparse("Clashes in Haro Limu District.")
    assert not gaz.at_region_point(kandahar) and not gaz.at_region_point(haro)


def test_x_in_y_moves_that_mention_only(gaz: gazetteer.Gazetteer) -> None:
    text = (
        "Bangor is a suburb in southern Sydney, New South Wales. It was named after Bangor "
        "in Wales."
    )
    suburb, town = [t for t in gaz.geoparse(text) if t.mention == "Bangor"]
    assert (suburb.country_code, town.country_code) == ("AU", "GB")


@pytest.mark.parametrize(
    ("text", "mention", "country", "feature_class"),
    [
        # the coarsest container of "X (Y, Z)" may be an admin-2 unit: Burkina Faso's
        # provinces are, and Comoé province holds Mangodara where Ivory Coast's region does not
        (
            "Gunmen raided the village of Kpakan, in the department of Mangodara "
            "(Mangodara, Comoe), at dawn.",
            "Comoe",
            "BF",
            "admin2",
        ),
        # a region where one bears the name stays the region
        ("Militants clashed with hunters near Dogofri (Niono, Segou).", "Segou", "ML", "admin1"),
    ],
)
def test_the_coarsest_stated_container_is_the_unit_that_holds_the_rest(
    gaz: gazetteer.Gazetteer, text: str, mention: str, country: str, feature_class: str
) -> None:
    place = _read(gaz, text)[mention]
    assert (place.country_code, place.feature_class) == (country, feature_class)


@pytest.mark.parametrize("district", ["Baraki Barak", "Khoshi"])
def test_a_district_seat_at_the_district_point_is_no_other_container(
    gaz: gazetteer.Gazetteer, district: str
) -> None:
    # "Ghajnai" spells like Ghazni, 80 km off in another province: the district's seat,
    # at the district's own point, is no second Baraki Barak that could hold Ghazni
    text = f"Militants attacked a checkpoint in the Ghajnai area of {district} district, Logar."
    place = _read(gaz, text)["Ghajnai"]
    assert place.name != "Ghazni"
    assert place.admin1 == _read(gaz, text)["Logar"].admin1


def test_admin1_codes_nest_by_prefix() -> None:
    assert region_within("MW.S.26", "MW.S") and region_within("SY.09", "SY.09")
    assert not region_within("MW.S", "MW.S.26")  # the region is not inside its district
    assert not region_within("MW.SE", "MW.S")  # a prefix of letters is no parent
