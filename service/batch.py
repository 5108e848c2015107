"""Many documents at once: JSONL or a folder of .txt in, JSONL, GeoPackage or GeoJSON out."""

from __future__ import annotations

import glob
import multiprocessing
import queue
import sys
import threading
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import shapely
from pydantic import ValidationError

from core.pipeline import Pipeline
from service import resources
from service.schemas import GeoparseRequest
from service.settings import Settings

LAYER = "events"
TEXT_FIELDS = (
    "doc_id", "event_type", "place", "country_code", "date", "date_precision", "trigger",
    "sentence", "actor", "target", "qualifier", "victims", "acled_event_type",
    "acled_sub_event_type",
)  # fmt: skip
NUMBER_FIELDS = ("geo_precision", "killed", "injured", "confidence")


class BatchInputError(ValueError):
    """The batch input cannot be read at all (not a single bad document)."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one document gave: its FeatureCollection as JSON bytes, or why it was skipped.

    Workers send the bytes, not the dict: a few kilobytes pickle in microseconds, where a
    nested FeatureCollection costs the parent more to unpickle than the JSONL sink needs."""

    id: str
    data: bytes | None = None
    error: str | None = None

    @property
    def result(self) -> dict[str, Any] | None:
        """The FeatureCollection, decoded."""
        return None if self.data is None else orjson.loads(self.data)


def expand_sources(patterns: Iterable[str]) -> list[Path]:
    """Paths for the command's arguments: each a JSONL file, a folder of ``.txt`` files, or a
    glob pattern (``'feeds/*.jsonl'``, quoted so that the shell leaves it) matching some."""
    paths: list[Path] = []
    for pattern in patterns:
        if glob.has_magic(pattern):
            found = sorted(glob.glob(pattern))
            if not found:
                raise BatchInputError(f"no file matches {pattern}")
            paths.extend(Path(p) for p in found)
        else:
            paths.append(Path(pattern))
    return paths


def read_documents(source: Path) -> Iterator[dict[str, Any] | Outcome]:
    """Raw documents from a JSONL file (``{"id", "text", "published"?}`` a line) or a folder of
    ``.txt`` files (id = file stem). A document that cannot be read becomes an error Outcome;
    a source that is neither raises BatchInputError at once."""
    if source.is_dir():
        return read_texts(sorted(source.glob("*.txt")))
    if source.is_file():
        return read_jsonl(source)
    raise BatchInputError(f"{source} is neither a JSONL file nor a folder of .txt files")


def read_texts(paths: Iterable[Path]) -> Iterator[dict[str, Any] | Outcome]:
    """One document a ``.txt`` file, its id the file's stem."""
    for path in paths:
        try:
            yield {"id": path.stem, "text": path.read_text(encoding="utf-8")}
        except UnicodeDecodeError as exc:
            yield Outcome(path.stem, error=f"not UTF-8: {exc}")


def read_jsonl(
    source: Path, start: int = 0, end: int | None = None, first_line: int = 1
) -> Iterator[dict[str, Any] | Outcome]:
    """The documents of a JSONL file, or of the lines from byte ``start`` (a line's first
    byte, line number ``first_line``) up to byte ``end``: a partition of a larger file."""
    with source.open("rb") as lines:
        lines.seek(start)
        offset = start
        for number, line in enumerate(lines, start=first_line):
            if end is not None and offset >= end:
                break
            offset += len(line)
            if not line.strip():
                continue
            try:
                doc = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                yield Outcome(f"line-{number}", error=f"line {number}: invalid JSON ({exc})")
                continue
            if not isinstance(doc, dict) or "id" not in doc:
                yield Outcome(f"line-{number}", error=f'line {number}: expected {{"id", "text"}}')
                continue
            yield doc


def analyse_document(doc: dict[str, Any], pipeline: Pipeline) -> Outcome:
    """One raw document's Outcome: its FeatureCollection, or why it was skipped (invalid, or
    the analysis failed: one document must not stop an archive)."""
    doc_id = str(doc["id"])
    try:
        request = GeoparseRequest.model_validate(doc)
    except ValidationError as exc:
        from service.errors import describe  # FastAPI's import, only once a document fails

        return Outcome(doc_id, error=f"invalid document: {describe(exc)}")
    try:
        fc = resources.analyse(pipeline, request)
    except Exception as exc:
        return Outcome(doc_id, error=f"analysis failed: {type(exc).__name__}: {exc}")
    return Outcome(doc_id, data=orjson.dumps(fc))


def _analyse(doc: dict[str, Any]) -> Outcome:
    return analyse_document(doc, _PIPELINE)


_PIPELINE: Pipeline


def _init_worker(settings: Settings) -> None:
    global _PIPELINE
    _PIPELINE = resources.load(settings).pipeline


class WorkerDiedError(RuntimeError):
    """A worker process ended without finishing its documents (killed, or out of memory)."""


def start_method(settings: Settings) -> str:
    """``fork`` where the platform has it (workers share the parent's index), else ``spawn``
    (each worker loads its own); ``EVENTMAP_BATCH_START`` chooses."""
    if settings.batch_start:
        return settings.batch_start
    return "fork" if sys.platform == "linux" else "spawn"


def chunk_size(count: int | None, workers: int) -> int:
    """Documents a worker takes at a time: few round trips, and a short tail at the end
    (a few chunks per worker at most are left when the others run dry)."""
    if count is None:
        return 8
    return max(1, min(8, count // (workers * 32)))


def analyse_all(
    docs: Iterable[dict[str, Any]],
    settings: Settings,
    workers: int = 1,
    loaded: resources.Resources | None = None,
) -> Iterator[Outcome]:
    """Outcomes in completion order.

    One worker runs here. With more, this process is one of them and the others fork from
    it once the gazetteer is loaded (or use ``loaded``), so they share its pages
    copy-on-write instead of loading one index each (see :func:`_forked`); where fork is
    unavailable (or ``EVENTMAP_BATCH_START=spawn``) a pool of worker processes each loads
    its own.
    """
    global _PIPELINE
    method = start_method(settings)
    if workers > 1 and method != "fork":
        docs = list(docs)
        pool = multiprocessing.get_context(method).Pool(
            workers, initializer=_init_worker, initargs=(settings,)
        )
        with pool:
            yield from pool.imap_unordered(_analyse, docs, chunk_size(len(docs), workers))
        return
    loaded = loaded or resources.load(settings)
    _PIPELINE = loaded.pipeline
    if workers <= 1:
        yield from map(_analyse, docs)
        return
    resources.share_before_fork(loaded.gazetteer)
    yield from _forked(list(docs), workers)


@dataclass(frozen=True, slots=True)
class _Chunks:
    """The documents in chunks of ``size``, taken one at a time by whichever process is free
    (``taken`` is a counter in shared memory)."""

    docs: list[dict[str, Any]]
    size: int
    taken: Any  # multiprocessing.Value("i")

    def take(self) -> list[dict[str, Any]]:
        """The next chunk, or [] when none is left."""
        with self.taken.get_lock():
            i = self.taken.value
            self.taken.value += 1
        return self.docs[i * self.size : (i + 1) * self.size]


def _work(chunks: _Chunks, results: Connection) -> None:
    """A forked worker: chunks until none is left, each chunk's outcomes sent at once."""
    while chunk := chunks.take():
        results.send([_analyse(doc) for doc in chunk])
    results.close()


def _listen(readers: list[Connection], received: queue.SimpleQueue[list[Outcome] | int]) -> None:
    """Pass on what the workers send, and the number of each worker whose pipe closes (it
    ended, or died: a message cut off by its death ends its pipe too, so nothing waits on
    it)."""
    open_ = dict(enumerate(readers))
    while open_:
        ready = wait(list(open_.values()))
        for k, conn in list(open_.items()):
            if conn not in ready:
                continue
            try:
                received.put(conn.recv())
            except (EOFError, OSError):
                del open_[k]
                received.put(k)


def _forked(docs: list[dict[str, Any]], workers: int) -> Iterator[Outcome]:
    """The outcomes of ``docs`` by this process and ``workers - 1`` processes forked from it.

    Each process takes the next chunk when done with one, so none idles while another has
    work left. The forked ones send their outcomes over pipes that a thread here reads as
    they come, and this process yields them between its own chunks: unlike a pool, no
    process only hands out work (which took a tenth of a core), and this one's pages are its
    own, not copied on write. The index's objects were frozen out of the collector's reach
    (``resources.load``), so the workers' collections do not touch (and copy) the pages
    they share with this process. A worker that dies (killed, out of memory) stops the run
    with WorkerDiedError; what is written stays, and a rerun resumes.
    """
    ctx = multiprocessing.get_context("fork")
    chunks = _Chunks(docs, chunk_size(len(docs), workers), ctx.Value("i", 0))
    procs, readers = [], []
    try:
        for _ in range(workers - 1):
            reader, writer = ctx.Pipe(duplex=False)
            procs.append(ctx.Process(target=_work, args=(chunks, writer), daemon=True))
            procs[-1].start()
            writer.close()  # this end lives in the worker alone: its death closes the pipe
            readers.append(reader)
        received: queue.SimpleQueue[list[Outcome] | int] = queue.SimpleQueue()
        threading.Thread(target=_listen, args=(readers, received), daemon=True).start()
        running = len(procs)
        while chunk := chunks.take():
            yield from map(_analyse, chunk)
            while running and not received.empty():
                running -= yield from _received(received.get(), procs)
        while running:
            running -= yield from _received(received.get(), procs)
    finally:
        for proc in procs:
            if proc.is_alive():
                proc.terminate()


def _received(
    item: list[Outcome] | int, procs: Sequence[BaseProcess]
) -> Generator[Outcome, None, int]:
    """Yield a worker's outcomes; return 1 when a worker ended (0 otherwise), raising
    WorkerDiedError when it failed."""
    if isinstance(item, list):
        yield from item
        return 0
    proc = procs[item]
    proc.join()
    if proc.exitcode != 0:
        raise WorkerDiedError(
            f"a worker process ended with exit code {proc.exitcode} before its documents were "
            "done (killed, or out of memory?); run the same command again to finish: the "
            "documents already written are kept"
        )
    return 1


class JsonlSink:
    """One ``{"id", "result"}`` or ``{"id", "error"}`` line per document, flushed as it comes."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def ids_written(self) -> set[str]:
        ids: set[str] = set()
        if not self.path.exists():
            return ids
        for line in self.path.read_bytes().splitlines():
            try:
                ids.add(str(orjson.loads(line)["id"]))
            except (orjson.JSONDecodeError, KeyError, TypeError):
                continue  # a line cut off by an interrupted run: that document runs again
        return ids

    def __enter__(self) -> JsonlSink:
        self._file = self.path.open("ab")
        return self

    def write(self, outcome: Outcome) -> None:
        head = b'{"id":' + orjson.dumps(outcome.id)
        if outcome.error is None and outcome.data is not None:
            line = head + b',"result":' + outcome.data + b"}\n"
        else:
            line = head + b',"error":' + orjson.dumps(outcome.error) + b"}\n"
        self._file.write(line)
        self._file.flush()

    def __exit__(self, *exc: object) -> None:
        self._file.close()


def event_rows(outcome: Outcome) -> Iterator[tuple[dict[str, Any], bytes]]:
    """Each event of a document with a geometry: its flat row (properties, casualties and
    ``doc_id``) and its GeoJSON geometry (lon/lat, EPSG:4326) as JSON bytes."""
    result = outcome.result
    if result is None:
        return
    for feature in result["features"]:
        props = feature["properties"]
        if props["kind"] != "event" or feature["geometry"] is None:
            continue
        row = {**props, **(props.get("casualties") or {}), "doc_id": outcome.id}
        yield row, orjson.dumps(feature["geometry"])


def layer_columns(rows: list[dict[str, Any]]) -> dict[str, np.ndarray]:
    """The layer's attribute columns: TEXT_FIELDS as str or None, NUMBER_FIELDS as float (NaN
    where absent)."""
    columns = {
        n: np.array([None if r.get(n) is None else str(r[n]) for r in rows], dtype=object)
        for n in TEXT_FIELDS
    }
    for n in NUMBER_FIELDS:
        columns[n] = np.array([np.nan if r.get(n) is None else r[n] for r in rows], dtype=float)
    return columns


class LayerSink:
    """The events of all documents as one GeoPackage or GeoJSON layer, written at the end."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.driver = "GPKG" if path.suffix.lower() == ".gpkg" else "GeoJSON"
        self.rows: list[dict[str, Any]] = []
        self.geometries: list[bytes] = []

    def ids_written(self) -> set[str]:
        if not self.path.exists():
            return set()
        import pyogrio.raw  # only for layer output: it brings pandas along (see __exit__)

        _, _, _, fields = pyogrio.raw.read(self.path, columns=["doc_id"], read_geometry=False)
        return {str(v) for v in fields[0]}

    def __enter__(self) -> LayerSink:
        return self

    def write(self, outcome: Outcome) -> None:
        for row, geometry in event_rows(outcome):
            self.rows.append(row)
            self.geometries.append(geometry)

    def __exit__(self, *exc: object) -> None:
        if not self.rows:
            return
        # Imported here: pyogrio brings pandas and geopandas where they are installed (0.4 s),
        # which a batch writing JSONL should not pay at start.
        import pyogrio.raw

        wkb = shapely.to_wkb(shapely.from_geojson(self.geometries))
        columns = layer_columns(self.rows)
        pyogrio.raw.write(
            self.path,
            geometry=np.asarray(wkb, dtype=object),
            field_data=list(columns.values()),
            fields=list(columns),
            layer=LAYER,
            geometry_type="Unknown",
            crs="EPSG:4326",
            driver=self.driver,
            append=self.path.exists(),
        )


def open_sink(path: Path) -> JsonlSink | LayerSink:
    """The sink for ``path`` by its suffix."""
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return JsonlSink(path)
    if suffix in (".gpkg", ".geojson"):
        return LayerSink(path)
    raise BatchInputError(f"{path}: write to a .jsonl, .gpkg or .geojson file")


def pending(
    docs: Iterable[dict[str, Any] | Outcome], done: set[str], report: Callable[[Outcome], None]
) -> Iterator[dict[str, Any]]:
    """Documents not yet in the output; unreadable ones go to ``report``."""
    for doc in docs:
        if isinstance(doc, Outcome):
            report(doc)
        elif str(doc["id"]) not in done:
            yield doc
