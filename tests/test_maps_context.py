"""The map's fit to the places that agree with the story (outliers left out) and the
prebuilt context layers (admin-1 boundaries, rivers, lakes, towns) cut to a map's area."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
import pytest

import maps
from core.geojson import ATTRIBUTION
from maps import basemap, context, fit
from maps.render import payload
from tests.browser import collection, event, point

# South Lebanon (lat, lon) and Accra, Ghana: about 4,400 km apart.
TYRE, NABATIEH, BINT_JBEIL = (33.273, 35.194), (33.378, 35.484), (33.119, 35.433)
ACCRA = (5.556, -0.197)


def _strike(place: str, latlon: tuple[float, float], confidence: float) -> dict[str, Any]:
    return event(
        "strike",
        point(latlon[1], latlon[0]),
        f"An air strike hit {place}.",
        place=place,
        places=[place],
        place_sources=["geonames"],
        place_confidences=[confidence],
        geo_precision=1,
    )


def lebanon_with_ghana(ghana_confidence: float = 0.3) -> dict[str, Any]:
    """Three strikes in south Lebanon and one place wrongly resolved to Accra."""
    return collection(
        [
            _strike("Tyre", TYRE, 0.93),
            _strike("Nabatieh", NABATIEH, 0.9),
            _strike("Bint Jbeil", BINT_JBEIL, 0.88),
            _strike("Accra", ACCRA, ghana_confidence),
        ],
        title="Strikes in south Lebanon",
    )


# The outlier rule


def test_far_uncertain_place_is_an_outlier() -> None:
    points = [TYRE, NABATIEH, BINT_JBEIL, ACCRA]
    assert fit.outliers(points, [0.93, 0.9, 0.88, 0.3]) == {3}


def test_agreeing_cluster_has_no_outlier() -> None:
    assert fit.outliers([TYRE, NABATIEH, BINT_JBEIL], [0.2, 0.3, 0.25]) == set()


def test_single_place_is_never_an_outlier() -> None:
    assert fit.outliers([ACCRA], [0.1]) == set()
    assert fit.outliers([ACCRA, ACCRA], [0.1, 0.2]) == set()  # one distinct position


def test_confident_far_place_is_kept() -> None:
    assert fit.outliers([TYRE, NABATIEH, BINT_JBEIL, ACCRA], [0.9, 0.9, 0.9, 0.8]) == set()
    # Unknown confidence is not low confidence.
    assert fit.outliers([TYRE, NABATIEH, ACCRA], [0.9, 0.9, None]) == set()


def test_near_uncertain_place_is_kept() -> None:
    damascus = (33.513, 36.292)  # about 110 km from the others
    assert fit.outliers([TYRE, NABATIEH, damascus], [0.9, 0.9, 0.1]) == set()


def test_two_places_flag_only_against_a_confident_one() -> None:
    assert fit.outliers([TYRE, ACCRA], [0.95, 0.3]) == {1}
    # Two uncertain places far apart: neither is preferred, both stay in view.
    assert fit.outliers([TYRE, ACCRA], [0.4, 0.3]) == set()


def test_uncertain_majority_is_not_dropped() -> None:
    kyiv, lviv = (50.45, 30.52), (49.84, 24.03)
    # Two uncertain places in Ukraine agree with each other: neither is dropped.
    assert fit.outliers([TYRE, kyiv, lviv], [0.9, 0.3, 0.3]) == set()
    assert fit.outliers([TYRE, NABATIEH, kyiv, lviv], [0.3, 0.3, 0.3, 0.3]) == set()
    # Flagging two of three uncertain places would leave an uncertain minority.
    assert fit.outliers([TYRE, ACCRA, (-33.9, 18.4)], [0.3, 0.3, 0.3]) == set()


def test_payload_fits_lebanon_and_flags_ghana() -> None:
    data = payload(lebanon_with_ghana())
    (south, west), (north, east) = data["fit"]
    assert 33.0 < south < north < 33.5 and 35.1 < west < east < 35.6
    assert data["outliers"] == 1
    flagged = [p for ev in data["events"] for p in ev["pts"] if len(p) == 5]
    assert [(p[0], p[1], p[4]) for p in flagged] == [(ACCRA[0], ACCRA[1], 1)]
    assert all(len(p) == 4 for ev in data["events"][:3] for p in ev["pts"])


def test_payload_without_outlier_fits_every_place() -> None:
    data = payload(lebanon_with_ghana(ghana_confidence=0.9))
    assert data["outliers"] == 0
    (south, west), (north, east) = data["fit"]
    assert (south, west) == ACCRA and north == NABATIEH[0] and east == NABATIEH[1]


def test_payload_of_places_only_flags_the_far_place() -> None:
    from tests.browser import place

    far = place("Accra", ACCRA[1], ACCRA[0], "GH")
    far["properties"]["confidence"] = 0.2
    fc = collection(
        [place(n, p[1], p[0], "LB") for n, p in (("Tyre", TYRE), ("Nabatieh", NABATIEH))] + [far]
    )
    data = payload(fc)
    assert data["outliers"] == 1
    assert [p[2] for p in data["places"] if len(p) == 6] == ["Accra"]
    assert data["fit"][0][0] > 33.0


def test_no_located_place_gives_no_fit() -> None:
    data = payload(collection([event("strike", None, "Somewhere.")]))  # type: ignore[arg-type]
    assert data["fit"] is None and data["outliers"] == 0 and "context" not in data


# The context layers


@pytest.fixture(scope="module")
def layers() -> context.Context:
    return context.layer()


def test_layers_are_present(layers: context.Context) -> None:
    assert len(layers.admin1) > 10_000
    assert len(layers.rivers) > 5_000
    assert len(layers.lakes) > 500
    assert len(layers.towns) > 20_000
    names = {t[2] for t in layers.towns}
    assert {"Sidon", "Tyre", "Nabatîyé et Tahta"} & names


def test_prebuilt_file_is_light(tmp_path: Path) -> None:
    path = context.write(tmp_path / "context.json")
    assert path.stat().st_size < 5_000_000
    built = context.read(path)
    assert built is not None and len(built.admin1) > 10_000
    # A file built from other sources or settings is not used.
    data = orjson.loads(path.read_bytes())
    data["stamp"]["scale"] = 10
    path.write_bytes(orjson.dumps(data))
    assert context.read(path) is None


def test_context_file_sits_beside_the_basemap(tmp_path: Path) -> None:
    basemap.use_file(tmp_path / "basemap.json")
    try:
        assert context.current_file() == tmp_path / "context.json"
    finally:
        basemap.use_file(None)


def test_near_keeps_only_the_area_of_the_places(layers: context.Context) -> None:
    near = context.near([TYRE, NABATIEH], context=layers)
    assert near["scale"] == context.SCALE
    assert len(near["admin1"]) > 20 and len(near["rivers"]) > 5
    towns = {t[2] for t in near["towns"]}
    assert "Sidon" in towns and "Beirut" in towns
    assert "Accra" not in towns and "Kyiv" not in towns
    positions = [basemap.decode_ring(line) for line in near["admin1"][:50]]
    assert positions  # decodable
    for lat, lon, _name, zoom in near["towns"]:
        assert abs(lat - 33.3) < 4 and abs(lon - 35.3) < 4
        assert zoom >= 7
    assert len(orjson.dumps(near)) < 60_000


def test_near_skips_towns_the_map_labels_itself(layers: context.Context) -> None:
    sidon = next(t for t in layers.towns if t[2] == "Sidon")
    near = context.near([TYRE], skip=[(sidon[0], sidon[1])], context=layers)
    assert "Sidon" not in {t[2] for t in near["towns"]}


def test_lines_decode_near_their_cells(layers: context.Context) -> None:
    near = context.near([TYRE], context=layers)
    for line in near["rivers"]:
        lat, lon = _decode(line)[0]
        assert abs(lat - TYRE[0]) < 8 and abs(lon - TYRE[1]) < 8


def _decode(encoded: str) -> list[tuple[float, float]]:
    return [(lat / 10, lon / 10) for lat, lon in basemap.decode_ring(encoded)]


def test_map_html_carries_context_and_credits() -> None:
    html = maps.render_html(lebanon_with_ghana())
    start = html.index('<script type="application/json"')
    data = json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])
    assert data["context"]["admin1"] and data["context"]["towns"]
    assert ATTRIBUTION in data["attribution"] and "GSHHG" in data["attribution"]
    # Online tiles: no offline context, the tile layer has its own credit.
    online = payload(lebanon_with_ghana(), draw_basemap=False)
    assert "context" not in online and online["attribution"] == ATTRIBUTION
