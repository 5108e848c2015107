"""A note's own remark on where its event is coded places the event (events.coding).
Sentences are written for these tests and run through the real gazetteer and every stage."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import gazetteer
from core.pipeline import Pipeline
from events.stages import standard_pipeline

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return standard_pipeline(gazetteer.load(ROOT / "var" / "gazetteer"))


def _places(pipeline: Pipeline, text: str) -> list[tuple[str, str | None, int | None]]:
    doc = pipeline(text, published=date(2021, 6, 8))
    return [
        (
            e.places[0].name if e.places else "",
            e.places[0].country_code if e.places else None,
            e.geo_precision,
        )
        for e in doc.events
    ]


@pytest.mark.parametrize(
    ("text", "name", "precision"),
    [
        (
            "On 3 June 2021, militants attacked farmers near Bama (Bama, Borno), location "
            "coded as Maiduguri (Maiduguri Metro, Borno).",
            "Maiduguri",
            1,
        ),
        (
            "On 3 June 2021, 40 militants surrendered to troops in Bama and Gwoza, coded to "
            "the capital Maiduguri.",
            "Maiduguri",
            1,
        ),
    ],
)
def test_events_are_placed_where_the_note_codes_them(
    pipeline: Pipeline, text: str, name: str, precision: int
) -> None:
    places = _places(pipeline, text)
    assert places
    assert {(n, p) for n, _, p in places} == {(name, precision)}


@pytest.mark.parametrize(
    "text",
    [
        # a toll's coding says nothing of the place
        "On 3 June 2021, militants attacked farmers near Bama. Fatalities coded as 10.",
        # two coded places decide nothing
        "On 3 June 2021, militants attacked farmers near Bama, coded as Gwoza, and near "
        "Konduga, coded as Maiduguri.",
        # a coded name read in another country than the events' is a misreading
        "On 3 June 2021, militants attacked farmers near Bama, coded as Paris.",
    ],
)
def test_no_coded_place_leaves_the_events_where_they_are(pipeline: Pipeline, text: str) -> None:
    assert "Bama" in {n for n, _, _ in _places(pipeline, text)}
