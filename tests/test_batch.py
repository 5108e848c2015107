"""`eventmap batch`: JSONL and folders in; JSONL, GeoPackage and GeoJSON out; reruns skip."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pyogrio

from tests.conftest import DATA_DIR, ROOT
from tests.test_service_process import BIN

DOCS = [
    {"id": "a", "text": "Drone strikes hit Kherson on Sunday.", "published": "2023-05-08"},
    {
        "id": "b",
        "text": "Fighting broke out in Tripoli, Libya, on Friday.",
        "published": "2023-08-19",
    },
    {"id": "bad-text", "text": ""},
    {"id": "bad-date", "text": "Shelling hit Aleppo.", "published": "soon"},
]


def _run(*args: object) -> subprocess.CompletedProcess[str]:
    env = {"EVENTMAP_DATA_DIR": str(DATA_DIR), "PATH": str(BIN)}
    return subprocess.run(
        [BIN / "eventmap", "batch", *map(str, args)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def _write_jsonl(path: Path, docs: list[dict], garbage: bool = False) -> None:
    lines = [json.dumps(d) for d in docs]
    if garbage:
        lines.insert(1, "{this is not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_jsonl_to_jsonl_reports_bad_documents_and_skips_done_ids(tmp_path: Path) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write_jsonl(source, DOCS, garbage=True)
    first = _run(source, "-o", out)
    assert first.returncode == 0, first.stderr
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    by_id = {line["id"]: line for line in lines}
    assert by_id["a"]["result"]["type"] == "FeatureCollection"
    assert "Kherson" in {t["mention"] for t in by_id["a"]["result"]["toponyms"]}
    assert "text" in by_id["bad-text"]["error"]
    assert "published" in by_id["bad-date"]["error"]
    assert "line-2" in by_id and "invalid JSON" in by_id["line-2"]["error"]
    assert "skipped bad-text" in first.stderr

    _write_jsonl(source, [*DOCS, {"id": "c", "text": "Protests spread across Tehran."}])
    second = _run(source, "-o", out)
    assert second.returncode == 0, second.stderr
    ids = [json.loads(line)["id"] for line in out.read_text().splitlines()]
    assert ids.count("a") == 1 and ids.count("c") == 1


def test_folder_to_geopackage_and_geojson_layers(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for doc in DOCS[:2]:
        (folder / f"{doc['id']}.txt").write_text(doc["text"], encoding="utf-8")
    for suffix in ("gpkg", "geojson"):
        out = tmp_path / f"events.{suffix}"
        result = _run(folder, "-o", out, "--workers", "2" if suffix == "gpkg" else "1")
        assert result.returncode == 0, result.stderr
        info = pyogrio.read_info(out)
        assert info["crs"] == "EPSG:4326"
        assert info["features"] >= 2
        assert {"doc_id", "event_type", "place", "killed"} <= set(info["fields"])


def test_unreadable_source_is_a_clear_error(tmp_path: Path) -> None:
    result = _run(tmp_path / "missing.jsonl", "-o", tmp_path / "out.jsonl")
    assert result.returncode == 2
    assert "neither a JSONL file nor a folder" in result.stderr
    result = _run(tmp_path, "-o", tmp_path / "out.csv")
    assert result.returncode == 2
    assert ".jsonl, .gpkg or .geojson" in result.stderr
