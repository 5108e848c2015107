"""Many documents at once: JSONL or a folder of .txt in, JSONL, GeoPackage or GeoJSON out."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import pyogrio
import pyogrio.raw
import shapely
from pydantic import ValidationError

from core.pipeline import Pipeline
from service import resources
from service.errors import describe
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
    """What one document gave: a FeatureCollection, or the reason it was skipped."""

    id: str
    result: dict[str, Any] | None = None
    error: str | None = None


def read_documents(source: Path) -> Iterator[dict[str, Any] | Outcome]:
    """Raw documents from a JSONL file (``{"id", "text", "published"?}`` a line) or a folder of
    ``.txt`` files (id = file stem). A document that cannot be read becomes an error Outcome;
    a source that is neither raises BatchInputError at once."""
    if source.is_dir():
        return _read_folder(source)
    if source.is_file():
        return _read_jsonl(source)
    raise BatchInputError(f"{source} is neither a JSONL file nor a folder of .txt files")


def _read_folder(source: Path) -> Iterator[dict[str, Any] | Outcome]:
    for path in sorted(source.glob("*.txt")):
        try:
            yield {"id": path.stem, "text": path.read_text(encoding="utf-8")}
        except UnicodeDecodeError as exc:
            yield Outcome(path.stem, error=f"not UTF-8: {exc}")


def _read_jsonl(source: Path) -> Iterator[dict[str, Any] | Outcome]:
    with source.open("rb") as lines:
        for number, line in enumerate(lines, start=1):
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


def _analyse(doc: dict[str, Any]) -> Outcome:
    doc_id = str(doc["id"])
    try:
        request = GeoparseRequest.model_validate(doc)
    except ValidationError as exc:
        return Outcome(doc_id, error=f"invalid document: {describe(exc)}")
    return Outcome(doc_id, result=resources.analyse(_PIPELINE, request))


_PIPELINE: Pipeline


def _init_worker(settings: Settings) -> None:
    global _PIPELINE
    _PIPELINE = resources.load(settings).pipeline


def analyse_all(
    docs: Iterable[dict[str, Any]], settings: Settings, workers: int = 1
) -> Iterator[Outcome]:
    """Outcomes in completion order; ``workers`` processes each load the gazetteer once."""
    if workers <= 1:
        _init_worker(settings)
        yield from map(_analyse, docs)
        return
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(settings,)) as pool:
        yield from pool.imap_unordered(_analyse, docs, chunksize=4)


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
        line: dict[str, Any] = {"id": outcome.id}
        if outcome.error is None:
            line["result"] = outcome.result
        else:
            line["error"] = outcome.error
        self._file.write(orjson.dumps(line) + b"\n")
        self._file.flush()

    def __exit__(self, *exc: object) -> None:
        self._file.close()


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
        _, _, _, fields = pyogrio.raw.read(self.path, columns=["doc_id"], read_geometry=False)
        return {str(v) for v in fields[0]}

    def __enter__(self) -> LayerSink:
        return self

    def write(self, outcome: Outcome) -> None:
        if outcome.result is None:
            return
        for feature in outcome.result["features"]:
            props = feature["properties"]
            if props["kind"] != "event" or feature["geometry"] is None:
                continue
            row = {**props, **(props.get("casualties") or {}), "doc_id": outcome.id}
            self.rows.append(row)
            self.geometries.append(orjson.dumps(feature["geometry"]))

    def __exit__(self, *exc: object) -> None:
        if not self.rows:
            return
        wkb = shapely.to_wkb(shapely.from_geojson(self.geometries))
        text = [
            np.array([None if r.get(n) is None else str(r[n]) for r in self.rows], dtype=object)
            for n in TEXT_FIELDS
        ]
        numbers = [
            np.array([np.nan if r.get(n) is None else r[n] for r in self.rows], dtype=float)
            for n in NUMBER_FIELDS
        ]
        pyogrio.raw.write(
            self.path,
            geometry=np.asarray(wkb, dtype=object),
            field_data=text + numbers,
            fields=[*TEXT_FIELDS, *NUMBER_FIELDS],
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
