"""`eventmap batch --engine dask`: the same work as the local engine on a Dask cluster.

The client only plans: it cuts the input into partitions (line ranges of JSONL files, runs of
``.txt`` files), which the workers read themselves, analyse, and write as one output file each
(``part-NNNNN-HASH.jsonl`` in the local engine's format, or ``.parquet`` GeoParquet of the
events), so neither documents nor results funnel through one process: what comes back is a
count and the skipped documents' ids and reasons. Every worker process loads the gazetteer
index once (``IndexPlugin``). Inputs and the output folder must be at the same paths for the
client and the workers (one machine, or a shared file system); the index is where the
worker's ``EVENTMAP_DATA_DIR`` says, or at the client's path.

A partition's file appears whole (written aside, then renamed), so a rerun skips the
partitions already written and redoes the rest.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from service import batch, resources
from service.settings import Settings

if TYPE_CHECKING:
    from core.pipeline import Pipeline

Format = Literal["jsonl", "geoparquet"]
SUFFIX: dict[Format, str] = {"jsonl": ".jsonl", "geoparquet": ".parquet"}
PARTITION_SIZE = 200


@dataclass(frozen=True, slots=True)
class Partition:
    """Documents one task analyses: lines ``first_line`` on of a JSONL file, bytes
    ``start`` to ``end``, or some ``.txt`` files; ``count`` lines or files."""

    name: str
    count: int
    path: str = ""
    start: int = 0
    end: int = 0
    first_line: int = 1
    files: tuple[str, ...] = ()

    def documents(self) -> Iterator[dict[str, Any] | batch.Outcome]:
        """Its raw documents, read where it runs."""
        if self.files:
            return batch.read_texts(Path(f) for f in self.files)
        return batch.read_jsonl(Path(self.path), self.start, self.end, self.first_line)


@dataclass(slots=True)
class Report:
    """What a partition gave the client: counts and the skipped documents, not the results."""

    name: str
    count: int
    ok: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    resumed: bool = False  # written by an earlier run


def _name(index: int, key: str) -> str:
    digest = hashlib.blake2b(key.encode(), digest_size=4).hexdigest()
    return f"part-{index:05d}-{digest}"


def plan(sources: list[Path], size: int = PARTITION_SIZE) -> list[Partition]:
    """Partitions of at most ``size`` documents over all sources, in order; each name holds a
    hash of what it covers, so a rerun on another input does not take old files for its own."""
    raw: list[tuple[str, Partition]] = []
    for source in sources:
        if source.is_dir():
            files = [str(p.resolve()) for p in sorted(source.glob("*.txt"))]
            for i in range(0, len(files), size):
                chunk = tuple(files[i : i + size])
                raw.append(("\n".join(chunk), Partition("", len(chunk), files=chunk)))
        elif source.is_file():
            path = str(source.resolve())
            for start, end, first, count in _line_ranges(source, size):
                key = f"{path}:{start}:{end}"
                raw.append((key, Partition("", count, path, start, end, first)))
        else:
            raise batch.BatchInputError(
                f"{source} is neither a JSONL file nor a folder of .txt files"
            )
    return [
        Partition(_name(i, key), p.count, p.path, p.start, p.end, p.first_line, p.files)
        for i, (key, p) in enumerate(raw)
    ]


def _line_ranges(path: Path, size: int) -> Iterator[tuple[int, int, int, int]]:
    """``(start byte, end byte, first line number, lines)`` for runs of ``size`` lines; only
    line ends are looked for, nothing is parsed."""
    start = offset = count = 0
    first = 1
    with path.open("rb") as lines:
        for number, line in enumerate(lines, start=1):
            offset += len(line)
            count += 1
            if count == size:
                yield start, offset, first, count
                start, first, count = offset, number + 1, 0
    if count:
        yield start, offset, first, count


_LOCK = threading.Lock()
_PIPELINES: dict[Path, Pipeline] = {}


def worker_pipeline(data_dir: Path) -> Pipeline:
    """The pipeline over the index at the worker's own ``EVENTMAP_DATA_DIR`` when it has one,
    else at ``data_dir`` (the client's), loaded once per process (worker threads share it)."""
    if own := os.environ.get("EVENTMAP_DATA_DIR"):
        data_dir = Path(own)
    with _LOCK:
        if data_dir not in _PIPELINES:
            _PIPELINES[data_dir] = resources.load(Settings(data_dir=data_dir)).pipeline
        return _PIPELINES[data_dir]


class IndexPlugin(WorkerPlugin):
    """Loads the index when a worker starts (and on workers that join later), before its
    first task, in a thread: the worker's event loop keeps answering the scheduler's
    heartbeats meanwhile."""

    name = "eventmap-index"

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir

    async def setup(self, worker: Any) -> None:
        await asyncio.to_thread(worker_pipeline, self.data_dir)


def run_partition(part: Partition, out_dir: Path, fmt: Format, data_dir: Path) -> Report:
    """Analyse one partition where it runs and write its file; skipped documents are in the
    report (and in a JSONL partition, as ``{"id", "error"}`` lines like the local engine's)."""
    target = out_dir / f"{part.name}{SUFFIX[fmt]}"
    report = Report(part.name, part.count)
    pipeline = worker_pipeline(data_dir)
    outcomes = []
    for doc in part.documents():
        outcome = doc if isinstance(doc, batch.Outcome) else batch.analyse_document(doc, pipeline)
        if outcome.error is None:
            report.ok += 1
        else:
            report.skipped.append((outcome.id, outcome.error))
        outcomes.append(outcome)
    aside = target.with_name(f".{target.name}.tmp")
    if fmt == "jsonl":
        with batch.JsonlSink(aside) as sink:
            for outcome in outcomes:
                sink.write(outcome)
    else:
        write_geoparquet(outcomes, aside)
    aside.replace(target)
    return report


def write_geoparquet(outcomes: list[batch.Outcome], path: Path) -> None:
    """The events of ``outcomes`` as one GeoParquet file: the local engine's GeoPackage
    columns, geometry as WKB in EPSG:4326 (lon/lat); a partition without events still gets
    its (empty) file, so that a rerun knows it is done."""
    import geopandas
    import pandas as pd
    import shapely

    rows: list[dict[str, Any]] = []
    geometries: list[bytes] = []
    for outcome in outcomes:
        for row, geometry in batch.event_rows(outcome):
            rows.append(row)
            geometries.append(geometry)
    columns = batch.layer_columns(rows)
    frame = pd.DataFrame(
        {
            **{n: pd.Series(columns[n], dtype="str") for n in batch.TEXT_FIELDS},
            **{n: pd.Series(columns[n], dtype="float64") for n in batch.NUMBER_FIELDS},
        }
    )
    shapes = shapely.from_geojson(geometries) if geometries else []
    geopandas.GeoDataFrame(frame, geometry=geopandas.GeoSeries(shapes, crs="EPSG:4326")).to_parquet(
        path, index=False
    )


def check_output(out_dir: Path, parts: list[Partition], fmt: Format) -> int:
    """How many partitions ``out_dir`` already holds; a partition file of another input is
    an error (its documents would be counted twice)."""
    if out_dir.exists() and not out_dir.is_dir():
        raise batch.BatchInputError(f"{out_dir}: with --engine dask, -o is a folder")
    names = {p.name for p in parts}
    found = list(out_dir.glob(f"part-*{SUFFIX[fmt]}")) if out_dir.is_dir() else []
    strangers = sorted(f.name for f in found if f.name.removesuffix(SUFFIX[fmt]) not in names)
    if strangers:
        raise batch.BatchInputError(
            f"{out_dir} holds partitions of another input or partition size "
            f"({', '.join(strangers[:3])}...); write to a new folder"
        )
    return len(found)


@contextlib.contextmanager
def open_client(workers: int, scheduler: str | None) -> Iterator[Client]:
    """A client of the cluster at ``scheduler``, or of a new LocalCluster of ``workers``
    single-threaded processes (the pipeline is pure Python: threads would share one core);
    that cluster ends with the block."""
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def run(
    parts: list[Partition],
    out_dir: Path,
    fmt: Format,
    client: Client,
    data_dir: Path,
    on_report: Callable[[Report], None],
) -> None:
    """Run every partition not yet written on the cluster; ``on_report`` sees each as it
    completes (those written before first, marked ``resumed``)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    todo = []
    for part in parts:
        if (out_dir / f"{part.name}{SUFFIX[fmt]}").exists():
            on_report(Report(part.name, part.count, resumed=True))
        else:
            todo.append(part)
    if not todo:
        return
    client.register_plugin(IndexPlugin(data_dir))
    futures = client.map(
        run_partition,
        todo,
        out_dir=out_dir.resolve(),
        fmt=fmt,
        data_dir=data_dir.resolve(),
        pure=False,
    )
    for future in as_completed(futures):
        on_report(future.result())
