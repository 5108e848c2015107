"""Geoparsing speed in-process on one core, and the memory the loaded index takes.

``python -m bench.speed [--runs 5] [--corpus gwn]`` geoparses every document of the dev
corpus ``runs`` times and prints the median documents per second, the index load time and
the process's peak resident set size (MB) after loading.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
from pathlib import Path

import gazetteer

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
DATA_DIR = ROOT / "var" / "gazetteer"


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", default="gwn")
    args = parser.parse_args()
    base_rss = peak_rss_mb()
    t0 = time.perf_counter()
    gaz = gazetteer.load(DATA_DIR)
    load_s = time.perf_counter() - t0
    index_rss = peak_rss_mb()
    with (CORPORA / f"{args.corpus}.dev.jsonl").open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    rates = []
    for _ in range(args.runs):
        t1 = time.perf_counter()
        for text in texts:
            gaz.geoparse(text)
        rates.append(len(texts) / (time.perf_counter() - t1))
    words = sum(len(t.split()) for t in texts)
    median = statistics.median(rates)
    print(
        f"| corpus | docs | runs | median docs/s | words/s | load s | RSS after load MB "
        f"(index alone) |\n|---|---|---|---|---|---|---|\n"
        f"| {args.corpus}.dev | {len(texts)} | {args.runs} | {median:.0f} | "
        f"{median * words / len(texts):,.0f} | {load_s:.2f} | {index_rss:.0f} "
        f"({index_rss - base_rss:.0f}) |"
    )


if __name__ == "__main__":
    main()
