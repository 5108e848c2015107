"""`eventmap batch --workers 2`: the same results as one worker, whichever way the workers
start, with bad documents skipped and reruns resuming."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import DATA_DIR, ROOT
from tests.test_service_process import BIN

ARTICLES = ROOT / "tests" / "articles"


def _documents() -> list[dict]:
    docs = []
    for text in sorted(ARTICLES.rglob("*.txt")):
        meta = text.with_suffix(".json")
        published = json.loads(meta.read_text())["published"] if meta.exists() else None
        doc_id = str(text.relative_to(ARTICLES).with_suffix(""))
        docs.append({"id": doc_id, "text": text.read_text(encoding="utf-8")})
        if published:
            docs[-1]["published"] = published
    return docs


def _run(source: Path, out: Path, workers: int, start: str | None = None) -> str:
    env = {"EVENTMAP_DATA_DIR": str(DATA_DIR), "PATH": str(BIN)}
    if start:
        env["EVENTMAP_BATCH_START"] = start
    result = subprocess.run(
        [BIN / "eventmap", "batch", source, "-o", out, "--workers", str(workers)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stderr


def _events(out: Path) -> dict[str, frozenset[str] | str]:
    """Each id's events (as canonical JSON), or its error."""
    found: dict[str, frozenset[str] | str] = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        assert row["id"] not in found, f"{row['id']} written twice"
        if "error" in row:
            found[row["id"]] = row["error"]
            continue
        events = [f for f in row["result"]["features"] if f["properties"]["kind"] == "event"]
        found[row["id"]] = frozenset(json.dumps(e, sort_keys=True) for e in events)
    return found


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    docs = _documents()
    assert len(docs) > 100
    docs.insert(7, {"id": "empty", "text": ""})
    docs.insert(50, {"id": "bad-date", "text": "Shelling hit Aleppo.", "published": "soon"})
    path = tmp_path_factory.mktemp("batch") / "articles.jsonl"
    path.write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def one_worker(source: Path) -> dict[str, frozenset[str] | str]:
    out = source.with_name("one.jsonl")
    _run(source, out, 1)
    return _events(out)


@pytest.mark.parametrize("start", [None, "spawn"], ids=["default", "spawn"])
def test_two_workers_give_the_same_events_as_one(
    source: Path, one_worker: dict[str, frozenset[str] | str], start: str | None
) -> None:
    out = source.with_name(f"two-{start}.jsonl")
    stderr = _run(source, out, 2, start)
    two = _events(out)
    assert set(two) == set(one_worker)
    assert set(two.items()) == set(one_worker.items())
    assert sum(1 for v in two.values() if v) > 100  # documents with events, not all empty
    assert "skipped empty" in stderr and "skipped bad-date" in stderr
    assert isinstance(two["bad-date"], str) and "published" in two["bad-date"]


def test_two_workers_resume_where_a_run_stopped(
    source: Path, one_worker: dict[str, frozenset[str] | str]
) -> None:
    lines = source.read_text(encoding="utf-8").splitlines()
    first = source.with_name("first-half.jsonl")
    first.write_text("\n".join(lines[:60]) + "\n", encoding="utf-8")
    out = source.with_name("resumed.jsonl")
    _run(first, out, 2)
    stderr = _run(source, out, 2)
    assert "60 already in" in stderr
    assert _events(out) == one_worker


def _workers_of(pid: int) -> list[int]:
    """The processes forked from ``pid`` that run its command (not multiprocessing helpers)."""
    own = Path(f"/proc/{pid}/cmdline").read_bytes()
    kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    found = []
    for kid in map(int, kids):
        try:
            if Path(f"/proc/{kid}/cmdline").read_bytes() == own:
                found.append(kid)
        except OSError:
            continue
    return found


def test_a_killed_worker_stops_the_run_and_a_rerun_finishes(
    source: Path, one_worker: dict[str, frozenset[str] | str], tmp_path: Path
) -> None:
    # the articles three times over (other ids), so that the run lasts a few seconds
    docs = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()]
    copies = [{**d, "id": f"{d['id']}~{k}"} for k in range(3) for d in docs]
    big = tmp_path / "big.jsonl"
    big.write_text("\n".join(json.dumps(d) for d in copies) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    env = {"EVENTMAP_DATA_DIR": str(DATA_DIR), "PATH": str(BIN)}
    args = [BIN / "eventmap", "batch", big, "-o", out, "--workers", "2"]
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not (out.exists() and out.stat().st_size and _workers_of(proc.pid)):
        assert proc.poll() is None and time.monotonic() < deadline, "no worker started"
        time.sleep(0.05)
    os.kill(_workers_of(proc.pid)[0], signal.SIGKILL)  # as the out-of-memory killer does
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 2
    assert "exit code -9" in stderr and "run the same command again" in stderr
    written = len(out.read_text(encoding="utf-8").splitlines())
    assert 0 < written < len(copies)

    stderr = _run(big, out, 2)
    assert f"{written} already in" in stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["id"] for r in rows) == sorted(d["id"] for d in copies)
