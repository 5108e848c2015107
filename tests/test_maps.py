"""Map rendering without a browser: the page is standalone and offline, untrusted text stays
data, and the payload drawn by the script says what the FeatureCollection says."""

from __future__ import annotations

import json
import re
from typing import Any

import folium
import pytest
import shapely

import maps
from maps import basemap
from maps.render import payload, script_json
from tests.browser import collection, event, point, regional_collection

HOSTILE = '<script>alert(1)</script> "onerror=alert(2) </script><img src=x onerror=alert(3)>'
DATA_BLOCK = re.compile(r'<script type="application/json" id="[^"]+">(.*?)</script>', re.S)


def embedded(html: str) -> dict[str, Any]:
    """The JSON payload the page hands to eventmap.js."""
    blocks = DATA_BLOCK.findall(html)
    assert len(blocks) == 1
    return json.loads(blocks[0])


@pytest.fixture(scope="module")
def regional_html() -> str:
    return maps.render_html(regional_collection())


def test_render_returns_a_folium_map() -> None:
    assert isinstance(maps.render(regional_collection()), folium.Map)


def test_page_is_standalone(regional_html: str) -> None:
    assert regional_html.startswith("<!DOCTYPE html>")
    assert not re.search(r"<script[^>]+src=", regional_html)
    assert not re.search(r"<link[^>]+href=", regional_html)
    assert not re.search(r"url\((?!data:|#default#VML)", regional_html)
    for cdn in ("cdn.jsdelivr", "cdnjs", "code.jquery", "bootstrapcdn", "unpkg"):
        assert cdn not in regional_html
    assert "Leaflet 1.9.4" in regional_html
    assert "L.MarkerClusterGroup" in regional_html


def test_page_credits_the_data(regional_html: str) -> None:
    assert "GeoNames (CC BY 4.0), Natural Earth" in regional_html


def test_hostile_text_never_reaches_markup() -> None:
    fc = collection(
        [event("strike", point(36.7, 34.9), HOSTILE, place=HOSTILE, actor=HOSTILE)],
        title=HOSTILE,
    )
    html = maps.render_html(fc)
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert not re.search(r'(?<!\\)"onerror=', html)  # only as an escaped JSON quote
    data = embedded(html)
    assert data["sentences"] == [HOSTILE]
    assert ["Actor", HOSTILE] in data["events"][0]["rows"]
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_template_syntax_in_text_is_not_evaluated() -> None:
    text = "Quoted {{ 7*7 }} and {% for x in y %}{# note #} stay as typed."
    data = embedded(maps.render_html(collection([event("clash", point(10.0, 10.0), text)])))
    assert data["sentences"] == [text]


def test_script_json_escapes_what_ends_a_script() -> None:
    out = script_json({"s": "</script><!-- & \u2028"})
    assert "<" not in out and ">" not in out and "&" not in out and "\u2028" not in out
    assert json.loads(out) == {"s": "</script><!-- & \u2028"}


def test_shared_toll_is_one_event_with_a_marker_per_place() -> None:
    data = payload(regional_collection())
    tolls = [e for e in data["events"] if e["t"] == "casualty"]
    assert len(tolls) == 1
    assert [p[2].split(" ")[0] for p in tolls[0]["pts"]] == ["Paris", "Brussels", "Berlin"]
    assert ["Killed", "at least 12"] in tolls[0]["rows"]
    assert ["Injured", "at least 30"] in tolls[0]["rows"]


def test_markers_grow_with_the_toll() -> None:
    def size(killed: int | None) -> int:
        casualties = {"killed": killed, "injured": None, "qualifier": None, "victims": None}
        fc = collection([event("casualty", point(0.0, 0.0), "s", casualties=casualties)])
        return payload(fc)["events"][0]["r"]

    assert size(None) == size(0) < size(1) < size(10) < size(1000) <= 56


def test_positions_are_lat_lon_and_place_source_is_shown() -> None:
    strike = payload(regional_collection())["events"][0]
    lat, lon, label, name = strike["pts"][0]
    assert (lat, lon) == (41.9, 12.5)
    assert label == "Rome (IT) · GeoNames, confidence 0.91"
    assert name == "Rome"


def test_missile_path_keeps_its_line_route_and_overflown_countries() -> None:
    data = payload(regional_collection())
    path = next(e for e in data["events"] if e["t"] == "missile_path")
    assert path["lines"] == [[[50.4, 30.5], [47.0, 26.0], [42.7, 23.3]]]
    assert path["route"] == "Kyiv → Sofia"
    assert path["pts"] == [[42.7, 23.3, "Kyiv → Sofia", "Sofia"]]
    assert ["Overflies", "RO"] in path["rows"]
    assert data["overflown"] == ["RO"]


def test_stated_counts_and_distances_are_shown() -> None:
    fc = collection(
        [
            event("crash", point(53.0, 32.0), "s", count=4, object="drones"),
            event(
                "missile_path",
                {"type": "LineString", "coordinates": [[50.0, 42.0], [38.0, 35.0]]},
                "s",
                distance_km=1345.2,
                stated_distance_km=1500,
            ),
        ]
    )
    crash, path = payload(fc)["events"]
    assert ["Count", "4 drones"] in crash["rows"]
    assert ["Distance", "1,345 km along the geodesic"] in path["rows"]
    assert ["Stated distance", "1,500 km"] in path["rows"]


def test_antimeridian_path_stays_one_event() -> None:
    geometry = {
        "type": "MultiLineString",
        "coordinates": [[[170.0, 50.0], [180.0, 52.0]], [[-180.0, 52.0], [-170.0, 53.0]]],
    }
    fc = collection([event("missile_path", geometry, "s", origin="A", target="B", overflies=[])])
    (path,) = payload(fc)["events"]
    assert path["lines"] == [[[50.0, 170.0], [52.0, 180.0]], [[52.0, 180.0], [53.0, 190.0]]]
    assert path["pts"][0][:2] == [53.0, 190.0]


def test_country_level_events_are_marked_approximate() -> None:
    flags = {e["t"]: e["a"] for e in payload(regional_collection())["events"]}
    assert flags["clash"] is True
    assert flags["strike"] is False


def test_only_places_without_events_become_grey_dots() -> None:
    names = [p[2] for p in payload(regional_collection())["places"]]
    assert names == ["Vienna", "Lisbon"]


def test_dates_feed_the_slider_and_bad_values_are_dropped() -> None:
    fc = collection(
        [
            event("strike", point(1.0, 1.0), "a", date="2031-03-05"),
            event("strike", point(2.0, 2.0), "b", date="2031-03-01"),
            event("strike", point(3.0, 3.0), "c", date="2031-03-05"),
            event("strike", point(4.0, 4.0), "d", date="next week"),
        ]
    )
    data = payload(fc)
    assert data["dates"] == ["2031-03-01", "2031-03-05"]
    assert data["undated"] == 1


def test_unusable_geometry_is_counted_not_drawn() -> None:
    fc = collection(
        [
            event("strike", None, "no place"),  # type: ignore[arg-type]
            event("strike", point(500.0, 95.0), "off the globe"),
            event("strike", {"type": "Point", "coordinates": ["a", "b"]}, "not numbers"),
            event("strike", point(5.0, 5.0), "fine"),
        ]
    )
    data = payload(fc)
    assert len(data["events"]) == 1
    assert data["unlocated"] == 3


@pytest.mark.parametrize(
    "fc",
    [
        {},
        {"features": "not a list", "document": "nor a dict", "toponyms": {"a": 1}},
        {"features": [None, 3, {"properties": None}, {"properties": {"kind": "event"}}]},
        collection(
            [
                event(
                    ["a list"],  # type: ignore[arg-type]
                    point(1.0, 2.0),
                    {"not": "text"},  # type: ignore[arg-type]
                    casualties=[1, 2],
                    places={"a": 1},
                    place_sources="geonames",
                    date=20310101,
                    geo_precision=[3],
                    confidence=float("nan"),
                ),
                event(
                    "missile_path",
                    {
                        "type": "MultiLineString",
                        "coordinates": [[[1, 2]], "x", [[True, 2], [3, 4]]],
                    },
                    "s",
                    overflies="IR",
                    distance_km="far",
                ),
                {"type": "Feature", "geometry": point(1.0, 1.0), "properties": {"kind": "place"}},
                {
                    "type": "Feature",
                    "geometry": point(5.0, 5.0),
                    "properties": {"kind": "place", "name": ["x"]},
                },
            ]
        ),
    ],
)
def test_malformed_input_does_not_break_rendering(fc: dict[str, Any]) -> None:
    data = embedded(maps.render_html(fc))
    assert isinstance(data["events"], list)


def test_empty_collection_renders() -> None:
    data = embedded(maps.render_html(collection([])))
    assert data["events"] == [] and data["places"] == []


def test_online_tiles_replace_the_basemap() -> None:
    url = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    html = maps.render_html(regional_collection(), tiles=url)
    assert url in html
    assert "OpenStreetMap" in html
    data = embedded(html)
    assert data["basemap"] is False
    assert [c[0] for c in data["countries"]] == ["RO"]


def test_offline_map_carries_every_country() -> None:
    data = payload(regional_collection())
    codes = {c[0] for c in data["countries"]}
    assert {"SY", "FR", "NO", "RU", "US", "AQ"} <= codes


def test_basemap_ring_encoding_round_trips() -> None:
    ring = [(36.5, 33.5), (37.25, 34.0), (36.0, 35.75), (-179.99, -12.01), (36.5, 33.5)]
    decoded = basemap.decode_ring(basemap.encode_ring(ring))  # type: ignore[arg-type]
    assert decoded == [(lat, lon) for lon, lat in ring[:-1]]


def test_basemap_outline_contains_its_capital() -> None:
    syria = next(c for c in basemap.countries() if c.code == "SY")
    rings = [[(lon, lat) for lat, lon in basemap.decode_ring(r)] for r in syria.rings[0]]
    polygon = shapely.Polygon(rings[0], rings[1:])
    assert polygon.contains(shapely.Point(36.29, 33.51))  # Damascus
    assert not polygon.contains(shapely.Point(35.5, 33.9))  # Beirut


def test_typical_map_stays_small(regional_html: str) -> None:
    assert len(regional_html.encode()) < 2_000_000
