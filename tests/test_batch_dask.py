"""`eventmap batch --engine dask` on a LocalCluster of 2 worker processes: the same records as
the local engine from globs of JSONL files and folders, bad documents logged and skipped,
partitions resumed, and GeoParquet that reads back as the local run's events."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import geopandas
import pytest
import shapely

from tests.conftest import DATA_DIR, ROOT
from tests.test_batch_workers import _documents
from tests.test_service_process import BIN

BAD_IDS = {"empty", "bad-date", "line-4"}


def _run(*args: object) -> subprocess.CompletedProcess[str]:
    env = {"EVENTMAP_DATA_DIR": str(DATA_DIR), "PATH": str(BIN)}
    return subprocess.run(
        [BIN / "eventmap", "batch", *map(str, args)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def _records(lines: list[str]) -> dict[str, str]:
    """Each id's whole record as canonical JSON; an id written twice fails."""
    found: dict[str, str] = {}
    for line in lines:
        row = json.loads(line)
        assert row["id"] not in found, f"{row['id']} written twice"
        found[row["id"]] = json.dumps(row, sort_keys=True)
    return found


def _folder_records(out: Path) -> dict[str, str]:
    lines = [line for p in sorted(out.glob("part-*.jsonl")) for line in p.read_text().splitlines()]
    return _records(lines)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three JSONL files (a bad line, an empty text, a bad date among them) and a folder of
    .txt files."""
    docs = _documents()[:90]
    docs.insert(7, {"id": "empty", "text": ""})
    docs.insert(40, {"id": "bad-date", "text": "Shelling hit Aleppo.", "published": "soon"})
    root = tmp_path_factory.mktemp("dask")
    feeds = root / "feeds"
    feeds.mkdir()
    for n in range(3):
        lines = [json.dumps(d) for d in docs[n * 30 : (n + 1) * 30]]
        if n == 0:
            lines.insert(3, "{this is not json")
        (feeds / f"day-{n}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    texts = root / "texts"
    texts.mkdir()
    for doc in docs[90:]:
        (texts / f"{doc['id'].replace('/', '_')}.txt").write_text(doc["text"], encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def local(inputs: Path) -> dict[str, str]:
    out = inputs / "local.jsonl"
    result = _run(inputs / "feeds" / "*.jsonl", inputs / "texts", "-o", out)
    assert result.returncode == 0, result.stderr
    return _records(out.read_text().splitlines())


def test_dask_gives_the_local_records_and_skips_bad_documents(
    inputs: Path, local: dict[str, str]
) -> None:
    out = inputs / "dask-jsonl"
    args = [inputs / "feeds" / "*.jsonl", inputs / "texts", "-o", out, "--engine", "dask"]
    result = _run(*args, "--workers", "2", "--partition-size", "25")
    assert result.returncode == 0, result.stderr
    for bad in BAD_IDS:
        assert f"skipped {bad}" in result.stderr
    assert "analysed, 3 skipped" in result.stderr
    parts = sorted(out.glob("part-*.jsonl"))
    assert len(parts) == 7  # 31, 30 and 30 lines by 25, and the folder's 2 files
    assert not list(out.glob(".*.tmp"))
    dask = _folder_records(out)
    assert set(dask) == set(local)
    assert dask == local
    assert set(dask) >= BAD_IDS
    assert "published" in json.loads(dask["bad-date"])["error"]
    assert sum(1 for r in dask.values() if '"result"' in r) == len(dask) - 3

    again = _run(*args, "--workers", "2", "--partition-size", "25")
    assert again.returncode == 0, again.stderr
    assert "0 analysed, 0 skipped" in again.stderr and "7 written before" in again.stderr
    assert sorted(out.glob("part-*.jsonl")) == parts
    assert _folder_records(out) == local

    other = _run(*args, "--partition-size", "40")
    assert other.returncode == 2
    assert "partitions of another input" in other.stderr


def test_an_interrupted_dask_run_redoes_only_missing_partitions(
    inputs: Path, local: dict[str, str]
) -> None:
    out = inputs / "dask-resumed"
    args = [inputs / "feeds" / "day-*.jsonl", "-o", out, "--engine", "dask", "--workers", "1"]
    assert _run(*args).returncode == 0
    parts = sorted(out.glob("part-*.jsonl"))
    assert len(parts) == 3
    kept = parts[1].read_bytes()
    parts[0].unlink()
    parts[2].unlink()
    result = _run(*args)
    assert result.returncode == 0, result.stderr
    assert "1 written before" in result.stderr
    assert parts[1].read_bytes() == kept
    texts = {p.stem for p in (inputs / "texts").glob("*.txt")}
    assert len(texts) == 2
    assert _folder_records(out) == {k: v for k, v in local.items() if k not in texts}


def test_geoparquet_reads_back_as_the_local_events(inputs: Path, local: dict[str, str]) -> None:
    out = inputs / "dask-parquet"
    args = [inputs / "feeds" / "*.jsonl", inputs / "texts", "-o", out, "--engine", "dask"]
    result = _run(*args, "--workers", "2", "--format", "geoparquet", "--partition-size", "7")
    assert result.returncode == 0, result.stderr
    assert "skipped empty" in result.stderr
    assert len(list(out.glob("part-*.parquet"))) == 16  # 31, 30 and 30 lines by 7, and the folder
    frame = geopandas.read_parquet(out)
    assert frame.crs.to_epsg() == 4326
    assert {"doc_id", "event_type", "place", "killed", "confidence"} <= set(frame.columns)
    got = sorted(
        (row.doc_id, row.event_type, row.place, shapely.to_wkt(row.geometry, rounding_precision=5))
        for row in frame.itertuples()
    )
    expected = []
    for doc_id, record in local.items():
        for feature in json.loads(record).get("result", {"features": []})["features"]:
            props = feature["properties"]
            if props["kind"] == "event" and feature["geometry"] is not None:
                shape = shapely.geometry.shape(feature["geometry"])
                wkt = shapely.to_wkt(shape, rounding_precision=5)
                expected.append((doc_id, props["event_type"], props["place"], wkt))
    assert len(expected) > 20
    assert got == sorted(expected)
    assert not BAD_IDS & set(frame["doc_id"])


def test_dask_options_are_refused_by_the_local_engine(inputs: Path) -> None:
    result = _run(inputs / "texts", "-o", inputs / "x.jsonl", "--format", "geoparquet")
    assert result.returncode == 2
    assert "--engine dask" in result.stderr
    result = _run(inputs / "nothing-*.jsonl", "-o", inputs / "y", "--engine", "dask")
    assert result.returncode == 2
    assert "no file matches" in result.stderr
    assert not (inputs / "y").exists()
