"""Cold start, side by side in one run: the service and the command, before and after the
basemap was prebuilt and the start made lazy.

``python -m bench.startup [--runs 5]`` starts fresh processes, the configurations
interleaved round by round so a busy machine slows them alike, and prints the median and the
fastest of each:

- ``eventmap serve`` on a free loopback port: from the process start to the first 200 on
  ``/healthz``, then the first ``POST /v1/map`` (the renderer and basemap a lazy start has
  left for it);
- ``eventmap parse`` of a one-sentence file: the whole command, and with ``--map``.

*before* runs this code the way it started before the basemap was prebuilt:
``EVENTMAP_LAZY_START=false`` imports the map renderer and builds the basemap from Natural
Earth before the service answers, and ``EVENTMAP_BASEMAP`` pointing at no file makes
``parse --map`` build it too. *after* is the default: the prebuilt ``var/maps/basemap.json``
(``make install``) read by the first map. Changes that speed up both (the index's objects
kept from the garbage collector, the command leaving without the interpreter's teardown)
are in both columns, so the previous version itself was slower than *before* here.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TEXT = "Shelling hit Aleppo on Tuesday, killing three civilians, activists said."
MODES: dict[str, dict[str, str]] = {
    "before": {"EVENTMAP_LAZY_START": "false", "EVENTMAP_BASEMAP": "/nonexistent/basemap.json"},
    "after": {},
}


def free_port() -> int:
    """A loopback port nobody listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(mode: str, scratch: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTMAP_")}
    env["EVENTMAP_DATA_DIR"] = str(ROOT / "var" / "gazetteer")
    env["EVENTMAP_DATABASE_URL"] = f"sqlite:///{scratch / 'bench.db'}"
    return {**env, **MODES[mode]}


def serve_once(mode: str, scratch: Path) -> tuple[float, float]:
    """Seconds from ``eventmap serve`` starting to a 200 on /healthz; then the first map."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [str(BIN / "eventmap"), "serve", "--port", str(port)],
        env=_env(mode, scratch),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with httpx.Client(timeout=60) as client:
            while True:
                if proc.poll() is not None:
                    raise SystemExit(f"eventmap serve exited with {proc.returncode}")
                try:
                    if client.get(f"{url}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.perf_counter() - t0 > 120:
                    raise SystemExit("eventmap serve not healthy in 120 s")
                time.sleep(0.01)
            healthy = time.perf_counter() - t0
            t1 = time.perf_counter()
            resp = client.post(f"{url}/v1/map", json={"text": TEXT})
            first_map = time.perf_counter() - t1
            if resp.status_code != 200:
                raise SystemExit(f"/v1/map answered {resp.status_code}")
        return healthy, first_map
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def parse_once(mode: str, scratch: Path, with_map: bool) -> float:
    """Seconds for ``eventmap parse`` of a one-sentence file, optionally with ``--map``."""
    article = scratch / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    args = [str(BIN / "eventmap"), "parse", str(article), "-o", str(scratch / "out.geojson")]
    if with_map:
        args += ["--map", str(scratch / "out.html")]
    t0 = time.perf_counter()
    subprocess.run(args, env=_env(mode, scratch), cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - t0


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    measures: dict[str, Callable[[str, Path], float | tuple[float, float]]] = {
        "serve": serve_once,
        "parse": lambda mode, scratch: parse_once(mode, scratch, False),
        "parse --map": lambda mode, scratch: parse_once(mode, scratch, True),
    }
    seconds: dict[tuple[str, str], list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        for _ in range(args.runs):
            for name, measure in measures.items():
                for mode in MODES:
                    got = measure(mode, scratch)
                    if isinstance(got, tuple):
                        seconds.setdefault((name, mode), []).append(got[0])
                        seconds.setdefault(("first /v1/map", mode), []).append(got[1])
                    else:
                        seconds.setdefault((name, mode), []).append(got)
    print(
        f"cold start, {args.runs} runs each, interleaved; {os.cpu_count()} cores; "
        "seconds, median (fastest)"
    )
    print("| measure | before | after | after / before |")
    print("|---|---|---|---|")
    labels = {
        "serve": "`eventmap serve`: process start to 200 on /healthz",
        "first /v1/map": "then the first `POST /v1/map`",
        "parse": "`eventmap parse` one sentence, whole command",
        "parse --map": "`eventmap parse --map` one sentence, whole command",
    }
    for key, label in labels.items():
        before, after = seconds[(key, "before")], seconds[(key, "after")]
        print(
            f"| {label} | {statistics.median(before):.2f} ({min(before):.2f}) | "
            f"{statistics.median(after):.2f} ({min(after):.2f}) | "
            f"{statistics.median(after) / statistics.median(before):.2f} |"
        )


if __name__ == "__main__":
    main()
