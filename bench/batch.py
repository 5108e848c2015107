"""`eventmap batch` on every core: documents/s for 1 and N workers, side by side in one run,
and the memory each worker process takes.

``python -m bench.batch [--docs 1800] [--corpus wiktor] [--workers 1 2 4] [--rounds 3]
[--no-spawn] [--no-dask]`` writes the first ``docs`` texts of the shared dev corpus to a JSONL
file and runs the real command (``eventmap batch IN -o OUT.jsonl --workers N``) on it, end to
end: process start, imports, index load, every document, output written. The dask runs
(``--engine dask --workers N -o OUT/``, partitions of 100 documents) start a LocalCluster of N
worker processes, each loading its own index, and write one JSONL file per partition. Rounds
interleave the configurations so a busy machine slows them alike; the median round is reported. The
``EVENTMAP_BATCH_START=spawn`` runs (skipped with ``--no-spawn``) start workers the old way,
each loading its own index, where the default forks them from the process that loaded it.
The same command on one document gives the fixed start-up (imports, index load), which no
number of workers shortens.

Memory is sampled in one more run of each configuration, every 0.25 s, from
``/proc/<pid>/smaps_rollup`` (or psutil when installed), never in the timed runs:
RSS, PSS (shared pages divided among the processes sharing them) and USS (pages only that
process holds), the peak of each per process. With one local worker the worker is the command's own
process; with more, and with dask, the worker processes (multiprocessing's resource tracker
left out), and the parent is listed apart; total PSS is the
peak of the whole process tree's sum, what the run costs the machine. The outputs of all
configurations must agree as sets of (id, result).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
BIN = Path(sys.executable).parent

try:
    import psutil
except ImportError:  # optional: /proc does the same on Linux
    psutil = None


def memory_kb(pid: int) -> tuple[int, int, int] | None:
    """``(rss, pss, uss)`` of ``pid`` in KiB, or None when it is gone."""
    if psutil is not None:
        try:
            full = psutil.Process(pid).memory_full_info()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            return None
        return full.rss // 1024, full.pss // 1024, full.uss // 1024
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    values = {}
    for line in text.splitlines()[1:]:
        name, _, rest = line.partition(":")
        values[name] = int(rest.split()[0])
    uss = values.get("Private_Clean", 0) + values.get("Private_Dirty", 0)
    return values.get("Rss", 0), values.get("Pss", 0), uss


def children(pid: int) -> list[int]:
    """Direct children of ``pid``."""
    if psutil is not None:
        try:
            return [c.pid for c in psutil.Process(pid).children()]
        except psutil.NoSuchProcess:
            return []
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def is_worker(pid: int) -> bool:
    """Not multiprocessing's resource tracker (a small helper, not a worker)."""
    try:
        return b"resource_tracker" not in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


@dataclass
class Run:
    """One end-to-end run of the command and the peak memory of its processes."""

    seconds: float
    parent: tuple[int, int, int]
    workers: dict[int, tuple[int, int, int]] = field(default_factory=dict)
    total_pss: int = 0
    output: set[tuple[str, bytes]] = field(default_factory=set)


def _peak(old: tuple[int, int, int] | None, new: tuple[int, int, int]) -> tuple[int, int, int]:
    if old is None:
        return new
    return (max(old[0], new[0]), max(old[1], new[1]), max(old[2], new[2]))


def run_batch(
    source: Path, workers: int, start: str | None, scratch: Path, sample: bool = False
) -> Run:
    """Run ``eventmap batch`` once (``start`` "dask" for the dask engine); with ``sample``,
    read the memory of its process tree every 0.25 s while it runs (each read costs the
    kernel about 2 ms, so timed runs don't)."""
    dask = start == "dask"
    out = scratch / (f"out-{workers}-dask" if dask else f"out-{workers}-{start}.jsonl")
    shutil.rmtree(out, ignore_errors=True)
    out.unlink(missing_ok=True)
    env = {**os.environ, "EVENTMAP_DATA_DIR": str(ROOT / "var" / "gazetteer")}
    env.pop("EVENTMAP_BATCH_START", None)
    if start and not dask:
        env["EVENTMAP_BATCH_START"] = start
    args = [str(BIN / "eventmap"), "batch", str(source), "-o", str(out), "--workers", str(workers)]
    if dask:
        args += ["--engine", "dask", "--partition-size", "100"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, env=env, cwd=ROOT, stderr=subprocess.PIPE)
    parent: tuple[int, int, int] | None = None
    pool: dict[int, tuple[int, int, int]] = {}
    total_pss = 0
    while sample and proc.poll() is None:
        own = memory_kb(proc.pid)
        if own:
            parent = _peak(parent, own)
        pss = own[1] if own else 0
        for child in children(proc.pid) if workers > 1 or dask else []:
            if not is_worker(child):
                pss += (memory_kb(child) or (0, 0, 0))[1]
                continue
            got = memory_kb(child)
            if got:
                pool[child] = _peak(pool.get(child), got)
                pss += got[1]
        total_pss = max(total_pss, pss)
        time.sleep(0.25)
    proc.wait()
    seconds = time.perf_counter() - t0
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"eventmap batch failed ({proc.returncode}): {stderr[-2000:]}")
    output = set()
    for path in sorted(out.glob("part-*.jsonl")) if dask else [out]:
        for line in path.read_bytes().splitlines():
            row = orjson.loads(line)
            result = orjson.dumps(row.get("result"), option=orjson.OPT_SORT_KEYS)
            output.add((row["id"], result))
    return Run(seconds, parent or (0, 0, 0), pool, total_pss, output)


def write_input(corpus: str, count: int, path: Path) -> int:
    """The first ``count`` documents of the corpus as ``{id, text}`` lines; their words."""
    words = 0
    with (CORPORA / f"{corpus}.dev.jsonl").open("rb") as src, path.open("wb") as dst:
        for number, line in enumerate(src):
            if number >= count:
                break
            doc = orjson.loads(line)
            words += len(doc["text"].split())
            dst.write(orjson.dumps({"id": doc["id"], "text": doc["text"]}) + b"\n")
    return words


def _mb(kb: float) -> str:
    return f"{kb / 1024:.0f}"


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1800)
    parser.add_argument("--corpus", default="wiktor")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--no-spawn", action="store_true", help="skip the spawned-worker runs (the old way)"
    )
    parser.add_argument("--no-dask", action="store_true", help="skip the dask engine's runs")
    args = parser.parse_args()

    configs: list[tuple[int, str | None]] = [(w, None) for w in args.workers]
    if not args.no_spawn:
        configs += [(w, "spawn") for w in args.workers if w > 1]
    if not args.no_dask:
        configs += [(w, "dask") for w in args.workers]
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        source = scratch / "in.jsonl"
        words = write_input(args.corpus, args.docs, source)
        docs = sum(1 for _ in source.open("rb"))
        single = scratch / "one.jsonl"
        single.write_bytes(source.read_bytes().splitlines(keepends=True)[0])
        runs: dict[tuple[int, str | None], list[Run]] = {c: [] for c in configs}
        start_up: list[float] = []
        for _ in range(args.rounds):
            start_up.append(run_batch(single, 1, None, scratch).seconds)
            for config in configs:
                runs[config].append(run_batch(source, *config, scratch))
        memory = {config: run_batch(source, *config, scratch, sample=True) for config in configs}

    reference = runs[configs[0]][0].output
    differ = {
        config: len({i for i, _ in run.output ^ reference})
        for config in configs
        for run in [*runs[config], memory[config]]
        if run.output != reference
    }
    same = not differ
    base = statistics.median(r.seconds for r in runs[configs[0]])
    print(
        f"eventmap batch, {docs} {args.corpus} documents ({words / docs:.0f} words each), "
        f"{args.rounds} rounds, median; {os.cpu_count()} cores; memory in MB, peak per process "
        f"({'psutil' if psutil else '/proc smaps_rollup'})"
    )
    print(f"outputs equal across configurations (sets of id, result): {same}")
    fixed = statistics.median(start_up)
    print(
        f"start-up, the same command on 1 document: {fixed:.2f} s; 'work only' below "
        "leaves it out of both sides of the ratio"
    )
    header = "| workers | start | seconds | documents/s | words/s | vs 1 worker | work only |"
    header += " RSS / PSS / USS per worker | parent RSS / PSS | total PSS |"
    print(header)
    print("|" + "---|" * 10)
    for config in configs:
        workers, start = config
        seconds = statistics.median(r.seconds for r in runs[config])
        last = memory[config]
        if workers == 1 and start != "dask":
            per_worker = [last.parent]
            parent = "-"
        else:
            per_worker = list(last.workers.values())
            parent = f"{_mb(last.parent[0])} / {_mb(last.parent[1])}"
        mean = [statistics.mean(w[i] for w in per_worker) if per_worker else 0 for i in range(3)]
        label = start or ("fork" if workers > 1 and sys.platform == "linux" else "-")
        work = (base - fixed) / max(seconds - fixed, 1e-9)
        print(
            f"| {workers} | {label} | {seconds:.2f} | {docs / seconds:.0f} | "
            f"{words / seconds:,.0f} | {base / seconds:.2f}x | {work:.2f}x | "
            f"{_mb(mean[0])} / {_mb(mean[1])} / {_mb(mean[2])} | {parent} | "
            f"{_mb(last.total_pss)} |"
        )
    for (workers, start), count in differ.items():
        print(f"{workers} workers, {start or 'local'}: {count} ids differ from the first run")
    if not same:
        raise SystemExit("the outputs differ between configurations")


if __name__ == "__main__":
    main()
