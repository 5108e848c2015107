"""The story stage: a toll retold by a later sentence is counted once; a toll that adds to
the story is kept. Sentences are written for these tests; tolls run through the real
gazetteer and every stage."""

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


def _killed(pipeline: Pipeline, text: str) -> int:
    doc = pipeline(text, published=date(2021, 6, 8))
    return sum(e.casualties.killed or 0 for e in doc.events if e.casualties)


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # two headlines of one find: the same count
        (
            "Nine bodies found in Culiacan. Nine bodies with signs of torture found in "
            "Culiacan on Monday.",
            9,
        ),
        # the same victims counted twice, the larger count kept
        ("Car bomb kills 20 rebels in Azaz. Bomb blast kills 25 rebels near Azaz.", 25),
        # a later toll that says it adds ("also") adds
        (
            "Gunmen attacked a police post in Kidal, killing 5 policemen. "
            "Twelve militants were also killed.",
            17,
        ),
        # a later toll that sums the story up is no addition
        (
            "Gunmen attacked a police post in Kidal, killing 5 policemen. "
            "More bodies were found later, bringing the toll to 9.",
            9,
        ),
        # "more" adds to the toll
        ("Gunmen killed 3 villagers in Djibo. Two more villagers died of their wounds.", 5),
        # the same victims counted again without a place: the same toll retold
        ("Gunmen killed 3 villagers in Djibo. Three villagers were killed, police said.", 3),
    ],
)
def test_retold_tolls_count_once(pipeline: Pipeline, text: str, killed: int) -> None:
    assert _killed(pipeline, text) == killed


def test_a_headline_toll_retold_at_a_town_of_its_country_counts_once(
    pipeline: Pipeline,
) -> None:
    text = (
        "Blast in Syria kills 20 rebels. Bomb blast kills at least 16 Turkish-backed fighters "
        "in Azaz."
    )
    assert _killed(pipeline, text) == 20
