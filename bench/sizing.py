"""How the cost of one article grows with its length, 1 KB to 1 MB, on one core.

``python -m bench.sizing [--sizes 1 4 16 64 256 1024] [--samples 3] [--budget 10]`` makes
synthetic articles of each size (KB of UTF-8 text) by joining real news articles of the shared
dev corpora (GWN, TR-News, LGL) one after another, cut at a word boundary at the size; each
sample starts at another article (one sample only above 64 KB, where a run takes seconds).
It times the whole analysis the service and ``eventmap batch`` run on a document
(``resources.analyse``: sentences, places, events, the GeoJSON FeatureCollection), every
sample at least once and as many rounds as ``--budget`` seconds a size allow, and prints the
median time per article, per KB and per 1,000 words, the ratio of the time per KB to the
smallest size's (1.00 = linear growth), and what that is in articles a day on one core. The
service refuses bodies over ``EVENTMAP_BODY_LIMIT`` (1,000,000 bytes), so a 1 MB article
goes through ``eventmap batch``; the index load (once per process) is not counted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from bench.http import articles
from service import resources
from service.schemas import GeoparseRequest
from service.settings import Settings


def synthetic(texts: list[str], size: int, first: int) -> str:
    """Real articles from ``first`` on, joined by blank lines, cut at the last word boundary
    before ``size`` bytes of UTF-8."""
    parts: list[str] = []
    length = 0
    i = first
    while length < size:
        text = texts[i % len(texts)]
        parts.append(text)
        length += len(text.encode()) + 2
        i += 1
    joined = "\n\n".join(parts).encode()[:size].decode(errors="ignore")
    return joined.rsplit(None, 1)[0] if len(joined.encode()) >= size else joined


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 4, 16, 64, 256, 1024])
    parser.add_argument("--samples", type=int, default=3, help="articles of each size")
    parser.add_argument("--budget", type=float, default=10, help="seconds a size, at least")
    args = parser.parse_args()
    texts = articles(["gwn", "trnews", "lgl"])
    pipeline = resources.load(Settings()).pipeline
    rows = []
    for kb in args.sizes:
        count = args.samples if kb <= 64 else 1
        step = max(1, len(texts) // count)
        samples = [synthetic(texts, kb * 1024, n * step) for n in range(count)]
        requests = [GeoparseRequest(text=s) for s in samples]
        times: list[float] = []
        deadline = time.perf_counter() + args.budget
        while not times or time.perf_counter() < deadline:
            for request in requests:
                t0 = time.perf_counter()
                resources.analyse(pipeline, request)
                times.append(time.perf_counter() - t0)
        words = statistics.mean(len(s.split()) for s in samples)
        rows.append((kb, words, statistics.median(times), len(times)))
    print(
        f"one article of each size, whole analysis + GeoJSON, one core ({os.cpu_count()} on "
        "the machine); synthetic articles of real news joined; median of the runs"
    )
    print("| size | words | runs | ms / article | ms / KB | ms / 1,000 words | per KB vs "
          f"{args.sizes[0]} KB | articles / day / core |")  # fmt: skip
    print("|" + "---|" * 8)
    base = rows[0][2] / rows[0][0]
    for kb, words, seconds, runs in rows:
        print(
            f"| {kb:,} KB | {words:,.0f} | {runs} | {seconds * 1000:,.1f} | "
            f"{seconds * 1000 / kb:.2f} | {seconds * 1e6 / words:.1f} | "
            f"{seconds / kb / base:.2f} | {86400 / seconds:,.0f} |"
        )


if __name__ == "__main__":
    main()
