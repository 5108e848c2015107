"""Memory of the HTTP service run with several worker processes: RSS, PSS and USS per worker.

``python -m bench.memory [--workers 1 2 4] [--seconds 6]`` starts ``eventmap serve --workers
N`` both ways: *preload* (the default: the index loaded once, the workers forked from that
process and sharing its pages) and *spawn* (``--no-preload``: uvicorn's own workers, fresh
processes that load one index each, as ``uvicorn --workers N`` always does: the way to run
several workers before this version). Each server is loaded by 2N concurrent clients posting
news articles for ``--seconds``, so that every worker has parsed (a worker copies the shared
pages it writes to), while the memory of its processes is read every 0.25 s (psutil's
``memory_full_info``, or ``/proc/<pid>/smaps_rollup``): RSS, PSS (shared pages divided among
the processes sharing them) and USS (pages only that process holds), each process's peak.
Total PSS is the peak of the sum over the server's processes: what the service costs the
machine. ``bench.batch`` reports the same for ``eventmap batch``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import threading

from bench.batch import _mb, children, is_worker, memory_kb, psutil
from bench.http import articles, run_load, start_server, stop_server

Triple = tuple[int, int, int]


def _peak(old: Triple | None, new: Triple) -> Triple:
    return new if old is None else (max(old[0], new[0]), max(old[1], new[1]), max(old[2], new[2]))


class Sampler(threading.Thread):
    """Reads the memory of a server and its worker processes every 0.25 s until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.parent: Triple | None = None
        self.workers: dict[int, Triple] = {}
        self.total_pss = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.25):
            own = memory_kb(self.pid)
            if own:
                self.parent = _peak(self.parent, own)
            total = own[1] if own else 0
            for child in children(self.pid):
                got = memory_kb(child)
                if got is None:
                    continue
                total += got[1]
                if is_worker(child):
                    self.workers[child] = _peak(self.workers.get(child), got)
            self.total_pss = max(self.total_pss, total)


def measure(workers: int, preload: bool, texts: list[str], seconds: float) -> Sampler:
    """One server's peak memory under 2N clients for ``seconds``."""
    proc, url = start_server(workers, [] if preload else ["--no-preload"])
    sampler = Sampler(proc.pid)
    sampler.start()
    try:
        run_load(url, texts, 2 * workers, seconds)
    finally:
        sampler.done.set()
        sampler.join()
        stop_server(proc)
    return sampler


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--seconds", type=float, default=6)
    args = parser.parse_args()
    texts = articles(["gwn", "trnews", "lgl"])
    runs: dict[tuple[int, str], Sampler] = {}
    for workers in args.workers:
        for mode in ("preload", "spawn") if workers > 1 else ("-",):
            runs[(workers, mode)] = measure(workers, mode != "spawn", texts, args.seconds)
    print(
        f"eventmap serve --workers N under 2N clients, {args.seconds:.0f} s; {os.cpu_count()} "
        f"cores; MB, peak per process ({'psutil' if psutil else '/proc smaps_rollup'})"
    )
    print(
        "| workers | start | RSS / PSS / USS per worker | parent RSS / PSS | total PSS | "
        "total PSS vs spawn | total PSS vs N x one |"
    )
    print("|" + "---|" * 7)
    one = runs.get((1, "-"))
    for (workers, mode), run in runs.items():
        if workers == 1:
            per_worker = [run.parent or (0, 0, 0)]
            parent = "-"
        else:
            per_worker = list(run.workers.values())
            own = run.parent or (0, 0, 0)
            parent = f"{_mb(own[0])} / {_mb(own[1])}"
        mean = [statistics.mean(w[i] for w in per_worker) if per_worker else 0 for i in range(3)]
        spawn = runs.get((workers, "spawn"))
        vs_spawn = f"{run.total_pss / spawn.total_pss:.2f}" if spawn else "-"
        vs_one = f"{run.total_pss / (workers * one.total_pss):.2f}" if one else "-"
        print(
            f"| {workers} | {mode} | {_mb(mean[0])} / {_mb(mean[1])} / {_mb(mean[2])} | "
            f"{parent} | {_mb(run.total_pss)} | {vs_spawn} | {vs_one} |"
        )


if __name__ == "__main__":
    main()
