"""`eventmap serve --workers 2`: workers forked after one index load share its pages, answer
like one, come back when one dies, and all leave on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator

import httpx
import psutil
import pytest

from tests.conftest import DATA_DIR, ROOT
from tests.test_service_process import BIN, _free_port, wait_healthy

TEXT = "Shelling hit Aleppo on Tuesday, killing three civilians, activists said."


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[subprocess.Popen, str]]:
    port = _free_port()
    db = tmp_path_factory.mktemp("serve-workers") / "eventmap.db"
    env = {
        "EVENTMAP_DATA_DIR": str(DATA_DIR),
        "EVENTMAP_DATABASE_URL": f"sqlite:///{db}",
        "PATH": str(BIN),
    }
    proc = subprocess.Popen(
        [BIN / "eventmap", "serve", "--port", str(port), "--workers", "2"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(proc, url, lambda: proc.stdout.read().decode() if proc.stdout else "")
        yield proc, url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _workers(proc: subprocess.Popen, count: int = 2) -> list[psutil.Process]:
    deadline = time.monotonic() + 30
    while True:
        found = psutil.Process(proc.pid).children()
        if len(found) == count or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def test_forked_workers_share_the_index_and_answer(server: tuple[subprocess.Popen, str]) -> None:
    proc, url = server
    with httpx.Client(base_url=url, timeout=60) as client:
        for _ in range(6):
            resp = client.post("/v1/geoparse", json={"text": TEXT})
            assert resp.status_code == 200
            assert "Aleppo" in {t["mention"] for t in resp.json()["toponyms"]}
        assert client.post("/v1/geoparse", json={"text": ""}).status_code == 422
    workers = _workers(proc)
    assert len(workers) == 2
    for worker in workers:
        memory = worker.memory_full_info()
        # The index is most of a worker's RSS; forked, it stays shared, not the worker's own.
        assert memory.rss > 200 * 2**20
        assert memory.uss < memory.rss / 3, (memory.uss, memory.rss)


def test_a_dead_worker_is_replaced_and_sigterm_stops_all(
    server: tuple[subprocess.Popen, str],
) -> None:
    proc, url = server
    first = _workers(proc)
    os.kill(first[0].pid, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while {w.pid for w in _workers(proc)} & {first[0].pid} and time.monotonic() < deadline:
        time.sleep(0.1)
    now = _workers(proc)
    assert len(now) == 2 and first[0].pid not in {w.pid for w in now}
    for _ in range(4):
        assert httpx.post(f"{url}/v1/geoparse", json={"text": TEXT}, timeout=60).status_code == 200
    proc.terminate()
    assert proc.wait(timeout=30) == 0
    _, alive = psutil.wait_procs(now, timeout=10)
    assert not alive
