"""Loading the heavy resources once: the gazetteer index and the pipeline over it."""

from __future__ import annotations

import gc
from dataclasses import dataclass
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


def load(settings: Settings) -> Resources:
    """Load the gazetteer from ``settings.data_dir`` and build the pipeline over it."""
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
