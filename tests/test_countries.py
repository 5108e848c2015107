"""Natural Earth country polygons: point-in-country, line crossings, bboxes."""

from __future__ import annotations

import pytest
import shapely

from gazetteer.countries import CountryShapes


@pytest.fixture(scope="module")
def shapes() -> CountryShapes:
    return CountryShapes.load()


def test_load_is_cached(shapes: CountryShapes) -> None:
    assert CountryShapes.load() is shapes


@pytest.mark.parametrize(
    ("lon", "lat", "code"),
    [
        (2.35, 48.85, "FR"),  # Paris: France is -99 in ISO_A2
        (10.75, 59.95, "NO"),  # Oslo: Norway is -99 in ISO_A2
        (21.16, 42.66, "XK"),  # Pristina: Kosovo has no ISO code, XK is the usual stand-in
        (36.72, 34.93, "SY"),  # Ar Rastan
        (30.52, 50.45, "UA"),  # Kyiv
        (44.2, 15.35, "YE"),  # Sanaa
        (-149.9, 61.2, "US"),  # Anchorage
    ],
)
def test_containing(shapes: CountryShapes, lon: float, lat: float, code: str) -> None:
    assert shapes.containing(lon, lat) == code


def test_containing_at_sea_is_none(shapes: CountryShapes) -> None:
    assert shapes.containing(50.7, 41.9) is None  # middle of the Caspian Sea
    assert shapes.containing(-30.0, 30.0) is None  # North Atlantic


def test_crossed_by_orders_countries_along_the_line(shapes: CountryShapes) -> None:
    caspian_to_syria = shapely.LineString([(50.7, 41.9), (44.0, 36.5), (38.0, 35.0)])
    crossed = shapes.crossed_by(caspian_to_syria)
    assert crossed[0] in {"AZ", "IR"}
    assert "IR" in crossed
    assert crossed.index("IR") < crossed.index("IQ") < crossed.index("SY")


def test_crossed_by_reverse_line_reverses_order(shapes: CountryShapes) -> None:
    line = shapely.LineString([(2.35, 48.85), (13.4, 52.5), (21.0, 52.2)])  # Paris-Berlin-Warsaw
    assert shapes.crossed_by(line)[0] == "FR"
    assert shapes.crossed_by(line.reverse())[-1] == "FR"
    assert shapes.crossed_by(line)[-1] == "PL"


def test_crossed_by_multilinestring_keeps_part_order(shapes: CountryShapes) -> None:
    # Two pieces of a trans-Pacific path split at the antimeridian: Japan first, then USA.
    line = shapely.MultiLineString(
        [[(139.7, 35.7), (180.0, 50.0)], [(-180.0, 50.0), (-122.4, 37.8)]]
    )
    crossed = shapes.crossed_by(line)
    assert crossed[0] == "JP"
    assert crossed[-1] == "US"


def test_bbox_is_main_body(shapes: CountryShapes) -> None:
    minlon, minlat, maxlon, maxlat = shapes.bbox("FR")
    assert -6 < minlon < -4 and 7 < maxlon < 10  # not stretched to French Guiana or Réunion
    assert 41 < minlat < 43 and 50 < maxlat < 52
    minlon, _, maxlon, _ = shapes.bbox("us")
    assert minlon > -180 and maxlon < -60


def test_unknown_code(shapes: CountryShapes) -> None:
    assert shapes.bbox("QQ") is None
    assert shapes.shape("QQ") is None


def test_shape_contains_capital(shapes: CountryShapes) -> None:
    assert shapes.shape("SY").contains(shapely.Point(36.29, 33.51))  # Damascus
