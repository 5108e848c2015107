"""HTTP latency and throughput: ``POST /v1/geoparse`` under 1, 8 and 64 concurrent clients.

``python -m bench.http [--seconds 15] [--clients 1 8 64] [--server-workers 1 2]
[--corpora gwn trnews lgl]`` starts ``eventmap serve --workers W`` on a free loopback port for
each ``W``, warms it (every worker loaded and has parsed), then for each number of clients runs
a bounded load: that many asyncio clients (httpx, one connection each) post real news
articles from the shared dev corpora, round robin, each sending its next request as soon as
the last is answered, for ``--seconds``. It prints requests/s, words/s and the p50/p95/p99
latency in ms of the answered requests, the errors (an answer other than 200 fails the bench;
a connection the client lost is counted), and the ratios to one client and to one server
worker. The load generator runs on the same machine: "client CPU" is the share of a core it
took (its CPU time over the run's wall time), CPU the server did not have.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import orjson

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
BIN = Path(sys.executable).parent


def free_port() -> int:
    """A loopback port nobody listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def articles(corpora: list[str]) -> list[str]:
    """The texts of the shared dev corpora's news articles."""
    texts = []
    for name in corpora:
        with (CORPORA / f"{name}.dev.jsonl").open("rb") as lines:
            texts += [orjson.loads(line)["text"] for line in lines]
    return texts


def start_server(workers: int, extra: list[str] | None = None) -> tuple[subprocess.Popen, str]:
    """``eventmap serve --workers N`` on a free port, once every worker has said "Application
    startup complete" (a worker still loading its index accepts no connection, so /healthz
    answering tells only that one is up)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTMAP_")}
    env["EVENTMAP_DATA_DIR"] = str(ROOT / "var" / "gazetteer")
    env["EVENTMAP_LOG_LEVEL"] = "info"  # the access log goes to stdout, thrown away
    args = [str(BIN / "eventmap"), "serve", "--port", str(port), "--workers", str(workers)]
    proc = subprocess.Popen(
        args + (extra or []),
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    ready = threading.Event()
    log: list[str] = []

    def drain() -> None:
        started = 0
        for line in proc.stderr or []:
            log.append(line)
            started += "Application startup complete" in line
            if started >= workers:
                ready.set()

    threading.Thread(target=drain, daemon=True).start()
    if not ready.wait(300):
        stop_server(proc)
        raise SystemExit(f"eventmap serve not ready in 300 s: {''.join(log)[-2000:]}")
    url = f"http://127.0.0.1:{port}"
    if httpx.get(f"{url}/healthz", timeout=30).status_code != 200:
        stop_server(proc)
        raise SystemExit("eventmap serve started but /healthz does not answer 200")
    return proc, url


def stop_server(proc: subprocess.Popen) -> None:
    """SIGTERM, and wait for the workers to leave."""
    proc.terminate()
    proc.wait(timeout=60)


@dataclass
class Load:
    """What a bounded run gave: each answered request's latency (s), words sent, and the
    failures by kind (an HTTP status or the client's exception)."""

    seconds: float
    latencies: list[float]
    words: int
    errors: dict[str, int]
    client_cpu: float  # the load generator's CPU time / wall time: cores it took from the server

    def percentile(self, p: float) -> float:
        """The ``p``-th percentile latency in ms (nearest rank)."""
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, round(p / 100 * len(ordered)) - 1)] * 1000

    @property
    def rate(self) -> float:
        """Answered requests per second."""
        return len(self.latencies) / self.seconds


async def _load(url: str, texts: list[str], clients: int, seconds: float) -> Load:
    latencies: list[float] = []
    counts = {"words": 0}
    errors: dict[str, int] = {}
    words = [len(t.split()) for t in texts]
    bodies = [orjson.dumps({"text": t}) for t in texts]
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    headers = {"content-type": "application/json"}

    async def client_loop(http: httpx.AsyncClient, first: int) -> None:
        for i in itertools.count(first, clients):
            if time.perf_counter() >= deadline:
                return
            n = i % len(bodies)
            t0 = time.perf_counter()
            try:
                resp = await http.post("/v1/geoparse", content=bodies[n], headers=headers)
                error = None if resp.status_code == 200 else f"HTTP {resp.status_code}"
            except httpx.HTTPError as exc:
                error = type(exc).__name__
            if error is None:
                latencies.append(time.perf_counter() - t0)
                counts["words"] += words[n]
            else:
                errors[error] = errors.get(error, 0) + 1

    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as http:
        t0, cpu0 = time.perf_counter(), time.process_time()
        await asyncio.gather(*(client_loop(http, c) for c in range(clients)))
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    return Load(elapsed, latencies, counts["words"], errors, cpu / elapsed)


def run_load(url: str, texts: list[str], clients: int, seconds: float) -> Load:
    """``clients`` concurrent clients posting ``texts`` round robin for ``seconds``."""
    return asyncio.run(_load(url, texts, clients, seconds))


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8, 64])
    parser.add_argument("--server-workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--corpora", nargs="+", default=["gwn", "trnews", "lgl"])
    args = parser.parse_args()
    texts = articles(args.corpora)
    mean_words = statistics.mean(len(t.split()) for t in texts)
    results: dict[tuple[int, int], Load] = {}
    for workers in args.server_workers:
        proc, url = start_server(workers)
        try:
            run_load(url, texts, 4 * workers, 3)  # warm every worker
            for clients in args.clients:
                results[(workers, clients)] = run_load(url, texts, clients, args.seconds)
        finally:
            stop_server(proc)
    print(
        f"POST /v1/geoparse, {len(texts)} news articles ({', '.join(args.corpora)} dev, "
        f"{mean_words:.0f} words each), {args.seconds:.0f} s a run; {os.cpu_count()} cores; "
        "latency in ms"
    )
    print(
        "| server workers | clients | requests | requests/s | words/s | p50 | p95 | p99 | "
        "vs 1 client | vs 1 worker | errors | client CPU |"
    )
    print("|" + "---|" * 12)
    for (workers, clients), load in results.items():
        one_client = results.get((workers, args.clients[0]))
        one_worker = results.get((args.server_workers[0], clients))
        print(
            f"| {workers} | {clients} | {len(load.latencies)} | {load.rate:.1f} | "
            f"{load.words / load.seconds:,.0f} | {load.percentile(50):.0f} | "
            f"{load.percentile(95):.0f} | {load.percentile(99):.0f} | "
            f"{load.rate / one_client.rate if one_client else 1:.2f}x | "
            f"{load.rate / one_worker.rate if one_worker else 1:.2f}x | "
            f"{', '.join(f'{n} {kind}' for kind, n in load.errors.items()) or 0} | "
            f"{load.client_cpu:.2f} |"
        )
    if any(k.startswith("HTTP") for load in results.values() for k in load.errors):
        raise SystemExit("the service answered some requests with an error status")


if __name__ == "__main__":
    main()
