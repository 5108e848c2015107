"""Loading the heavy resources once: the gazetteer index and the pipeline over it."""

from __future__ import annotations

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
    gaz = gazetteer.load(settings.data_dir)
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
