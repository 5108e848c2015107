"""Exports of the store (`GET /v1/export.{gpkg,geojson,fgb,csv}`), each file opened with GDAL
(pyogrio) or the csv module: layer names, counts, field types."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyogrio
import pytest
from fastapi.testclient import TestClient

from service.export import ACLED_COLUMNS

TEXTS = {
    "export-a": "On 5 June 2021, militants attacked an army post in Kidal, killing 4 soldiers.",
    "export-b": "On 6 June 2021, hundreds of teachers marched in Bamako to demand unpaid wages.",
    "export-c": "On 7 June 2021, gunmen killed three farmers near the village of Zzyqorka.",
}


@pytest.fixture(scope="module")
def stored(client: TestClient) -> None:
    for doc_id, text in TEXTS.items():
        answer = client.post(
            "/v1/documents", json={"id": doc_id, "text": text, "published": "2021-06-08"}
        )
        assert answer.status_code in (200, 201)


def _save(client: TestClient, tmp_path: Path, name: str, **params: str) -> Path:
    answer = client.get(f"/v1/export.{name.split('.')[-1]}", params=params)
    assert answer.status_code == 200, answer.text
    path = tmp_path / name
    path.write_bytes(answer.content)
    return path


def test_geopackage_has_three_layers(client: TestClient, stored: None, tmp_path: Path) -> None:
    path = _save(client, tmp_path, "store.gpkg")
    layers = {name for name, _ in pyogrio.list_layers(path)}
    assert {"events", "places", "incidents"} <= layers
    info = pyogrio.read_info(path, layer="events")
    assert info["features"] >= 2
    assert info["crs"] == "EPSG:4326"
    fields = dict(zip(info["fields"], info["dtypes"], strict=True))
    assert fields["event_type"] == "object" and fields["geo_precision"] == "float64"


@pytest.mark.parametrize("name", ["store.geojson", "store.fgb"])
def test_single_layer_formats_hold_the_events(
    client: TestClient, stored: None, tmp_path: Path, name: str
) -> None:
    info = pyogrio.read_info(_save(client, tmp_path, name))
    assert info["features"] >= 2
    assert "acled_event_type" in info["fields"]


def test_csv_has_acled_columns_and_filters(client: TestClient, stored: None) -> None:
    answer = client.get("/v1/export.csv", params={"event_type": "protest"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert rows, "the march is exported"
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert {r["event_type"] for r in rows} == {"Protests"}
    assert all(-180 <= float(r["longitude"]) <= 180 for r in rows)


def test_csv_keeps_an_unlocated_event_with_the_name_the_text_gives(
    client: TestClient, stored: None, tmp_path: Path
) -> None:
    rows = list(csv.DictReader(io.StringIO(client.get("/v1/export.csv").text)))
    [row] = [r for r in rows if r["location"] == "Zzyqorka"]
    assert (row["latitude"], row["longitude"], row["fatalities"]) == ("", "", "3")
    layer = pyogrio.read_info(_save(client, tmp_path, "store.gpkg"), layer="events")
    assert layer["features"] == len(rows) - 1  # GIS layers hold only events with a place


def test_bad_filter_is_400_and_unknown_format_404(client: TestClient) -> None:
    bad = client.get("/v1/export.csv", params={"bbox": "1,2,3"})
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "bbox"
    assert client.get("/v1/export.shp").status_code == 404


def test_cli_export_writes_a_geopackage_gdal_opens(tmp_path: Path) -> None:
    """`eventmap export` on a store filled by the service's own code, in a real process."""
    import subprocess

    from service.incidents import Rules
    from service.storage import Store, sqlite_path
    from tests.conftest import DATA_DIR, ROOT
    from tests.test_service_process import BIN

    db = tmp_path / "store.db"
    store = Store(sqlite_path(f"sqlite:///{db}"), Rules())
    feature = {
        "type": "Feature",
        "id": "e1",
        "geometry": {"type": "Point", "coordinates": [1.0, 16.3]},
        "properties": {"kind": "event", "event_type": "clash", "date": "2021-06-05"},
    }
    fc = {
        "type": "FeatureCollection",
        "features": [feature],
        "document": {"published": "2021-06-08"},
    }
    store.add("cli-a", "A clash near Kidal.", fc)
    env = {
        "EVENTMAP_DATA_DIR": str(DATA_DIR),
        "EVENTMAP_DATABASE_URL": f"sqlite:///{db}",
        "PATH": str(BIN),
    }
    out = tmp_path / "out.gpkg"
    done = subprocess.run(
        [BIN / "eventmap", "export", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert pyogrio.read_info(out, layer="events")["features"] == 1
    bad = subprocess.run(
        [BIN / "eventmap", "export", str(tmp_path / "out.shp")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert bad.returncode != 0 and ".gpkg" in bad.stderr
