"""Loading the heavy resources once: the gazetteer index and the pipeline over it."""

from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gazetteer
from core.geojson import feature_collection
from core.pipeline import Pipeline
from events.stages import standard_pipeline
from service.schemas import GeoparseRequest
from service.settings import Settings


@dataclass(frozen=True, slots=True)
class Resources:
    gazetteer: gazetteer.Gazetteer
    pipeline: Pipeline


_PRELOADED: dict[Path, Resources] = {}


def preload(settings: Settings) -> Resources:
    """Load now, and have ``load`` return this copy in this process and the processes forked
    from it (``eventmap serve --workers N`` loads once, then forks workers sharing its pages)."""
    loaded = load(settings)
    share_before_fork(loaded.gazetteer)
    _PRELOADED[settings.data_dir.resolve()] = loaded
    return loaded


def share_before_fork(gaz: gazetteer.Gazetteer) -> None:
    """Read now what the gazetteer reads on first need (the packed spellings tables, 12 MB),
    frozen out of the collector's reach, so that processes forked from this one share it
    instead of each reading its own copy; each process unpacks the tables of the countries
    its texts name."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        gaz.spellings()
        gc.freeze()
    finally:
        if enabled:
            gc.enable()


def load(settings: Settings) -> Resources:
    """Load the gazetteer from ``settings.data_dir`` and build the pipeline over it (or
    return what ``preload`` loaded from there)."""
    if preloaded := _PRELOADED.get(settings.data_dir.resolve()):
        return preloaded
    # Unpickling makes about a million objects that live as long as the process: collecting
    # while it runs walks them again and again, and afterwards each generation would walk
    # them once more (0.3 s in all). Frozen, the collector leaves them alone, and processes
    # forked from this one do not write to (and so copy) the pages they share.
    enabled = gc.isenabled()
    gc.disable()
    try:
        gaz = gazetteer.load(settings.data_dir)
        gc.freeze()
    finally:
        if enabled:
            gc.enable()
    return Resources(gazetteer=gaz, pipeline=standard_pipeline(gaz))


def analyse(pipeline: Pipeline, request: GeoparseRequest) -> dict[str, Any]:
    """The contract's FeatureCollection for one validated request."""
    doc = pipeline(
        request.text,
        published=request.published,
        title=request.title,
        url=request.url,
        country_hint=request.country_hint,
    )
    return feature_collection(doc)
