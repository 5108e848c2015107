"""Geodesic missile paths, antimeridian splitting and overflown countries."""

from __future__ import annotations

import pytest

from core.toponym import Toponym
from events.paths import build_path, geodesic_points, split_antimeridian, stated_distance_km


def _place(name: str, lat: float, lon: float, code: str | None, kind: str = "city") -> Toponym:
    return Toponym(0, len(name), name, name, lat, lon, code, kind, None, "geonames", 0.9)


def test_geodesic_distance_and_density() -> None:
    points, km = geodesic_points((2.3488, 48.8534), (-0.1257, 51.5085))  # Paris -> London
    assert 340 < km < 345
    assert points[0] == (2.3488, 48.8534) and points[-1] == (-0.1257, 51.5085)
    assert 12 <= len(points) <= 16  # one point every ~25 km


def test_geodesic_is_not_a_straight_line_in_degrees() -> None:
    points, _ = geodesic_points((-74.0, 40.7), (37.6, 55.8))  # New York -> Moscow
    middle_lat = points[len(points) // 2][1]
    assert middle_lat > 60  # the great circle bows north over the Atlantic


def test_split_antimeridian() -> None:
    parts = split_antimeridian([(170.0, 10.0), (179.0, 12.0), (-179.0, 14.0), (-170.0, 16.0)])
    assert len(parts) == 2
    assert parts[0][-1] == (180.0, 13.0)
    assert parts[1][0] == (-180.0, 13.0)
    assert all(abs(lon) <= 180 for part in parts for lon, _ in part)


def test_line_inside_one_hemisphere_is_one_part() -> None:
    assert len(split_antimeridian([(10.0, 0.0), (20.0, 5.0)])) == 1


def test_path_across_the_pacific_has_two_parts() -> None:
    path = build_path(
        _place("Tokyo", 35.69, 139.69, "JP"), _place("Honolulu", 21.31, -157.86, "US")
    )
    assert len(path.parts) == 2
    assert path.parts[0][-1][0] == 180.0 and path.parts[1][0][0] == -180.0
    assert 6100 < path.distance_km < 6300


def test_overflies_excludes_origin_and_target_countries() -> None:
    caspian = _place("Caspian Sea", 41.9, 50.7, None, "water")
    syria = _place("Syria", 35.0, 38.0, "SY", "country")
    path = build_path(caspian, syria)
    assert "IR" in path.overflies
    assert "SY" not in path.overflies
    assert 1300 < path.distance_km < 1400


def test_overflies_in_flight_order() -> None:
    path = build_path(_place("Sanaa", 15.35, 44.21, "YE"), _place("Eilat", 29.56, 34.95, "IL"))
    assert path.overflies[0] == "SA"
    assert "YE" not in path.overflies and "IL" not in path.overflies


@pytest.mark.parametrize(
    ("text", "km"),
    [("about 930 miles away", 1496.7), ("some 1,600 km to the north", 1600.0), ("none", None)],
)
def test_stated_distance(text: str, km: float | None) -> None:
    assert stated_distance_km(text) == km
