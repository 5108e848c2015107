"""Loading the heavy resources once: the gazetteer index and the pipeline over it."""

from __future__ import annotations

from dataclasses import dataclass

import gazetteer
from events.pipeline import Pipeline
from service.settings import Settings


@dataclass(frozen=True, slots=True)
class Resources:
    gazetteer: gazetteer.Gazetteer
    pipeline: Pipeline


def load(settings: Settings) -> Resources:
    """Load the gazetteer from ``settings.data_dir`` and build the pipeline over it."""
    gaz = gazetteer.load(settings.data_dir)
    return Resources(gazetteer=gaz, pipeline=Pipeline(gaz))
