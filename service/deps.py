"""Typed dependencies: what a route needs of the running app, read from its state here and
nowhere else (the lifespan in ``service.app`` puts it there)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from core.pipeline import Pipeline
from gazetteer import Gazetteer
from service.settings import Settings
from service.storage import Store


def get_store(request: Request) -> Store:
    """The document store opened at start."""
    store: Store = request.app.state.store
    return store


def get_gazetteer(request: Request) -> Gazetteer:
    """The gazetteer loaded at start."""
    gazetteer: Gazetteer = request.app.state.gazetteer
    return gazetteer


def get_pipeline(request: Request) -> Pipeline:
    """The pipeline over that gazetteer."""
    pipeline: Pipeline = request.app.state.pipeline
    return pipeline


def get_settings(request: Request) -> Settings:
    """The settings the app was made with."""
    settings: Settings = request.app.state.settings
    return settings


StoreDep = Annotated[Store, Depends(get_store)]
GazetteerDep = Annotated[Gazetteer, Depends(get_gazetteer)]
PipelineDep = Annotated[Pipeline, Depends(get_pipeline)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
