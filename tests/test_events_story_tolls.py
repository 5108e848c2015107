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
        # unless the larger is one side's claim: the toll the report states is kept
        (
            "On 5 June 2021, militants killed at least twenty herders near Menaka. The group "
            "claimed the attack and said it killed about 100 militiamen near Menaka.",
            20,
        ),
        (
            "On 5 June 2021, militias and jihadists clashed near Menaka. Three militiamen and "
            "one jihadist were killed. The jihadists said they killed 30 militiamen.",
            4,
        ),
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
        # "4 others" closes the retelling's own list, it adds no one
        (
            "6 militants killed in drone strike in Afghanistan. Drone strike kills Taliban "
            "commander, 4 others in Kunduz province.",
            6,
        ),
        # "others" told apart from the toll still adds
        (
            "Gunmen killed 3 villagers in Djibo. Two others were killed by a mine near Djibo.",
            5,
        ),
        # other victims, a people named by its plural first
        (
            "Police clashed with armed villagers in Djibo, leaving 7 Oromos dead. 13 policemen "
            "were reportedly killed during the fighting.",
            20,
        ),
        # "the victim" is the one already counted, however "later" the sentence tells it
        (
            "Gunmen shot and killed a taxi driver near Djibo. The victim died from his "
            "injuries later at the hospital.",
            1,
        ),
        # ...unless the sentence says it is another
        ("Gunmen killed 3 villagers in Djibo. A man also died of his wounds later.", 4),
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


def test_a_town_toll_retold_at_its_country_counts_once(pipeline: Pipeline) -> None:
    """A later headline that tells no more dead at the country the town lies in retells the
    town's toll; one that tells more dead there is another event."""
    retold = "Three dead in Ghazni shootout. Local commander killed in east Afghan province."
    assert _killed(pipeline, retold) == 3
    other = "Two civilians killed by shelling in Ghazni. Militants kill 19 soldiers in Afghanistan."
    assert _killed(pipeline, other) == 21


def _tolls(pipeline: Pipeline, text: str) -> list[tuple[str, str, int]]:
    doc = pipeline(text, published=date(2021, 6, 8))
    return [
        (e.event_type, e.places[0].name if e.places else "", e.casualties.killed)
        for e in doc.events
        if e.casualties and e.casualties.killed
    ]


@pytest.mark.parametrize(
    ("text", "tolls"),
    [
        # a headline's toll with no place goes to the event of its kind the body places
        (
            "Airstrikes kill at least 19 civilians. Warplanes bombed the town of Saraqeb on "
            "Monday.",
            [("strike", "Saraqib", 19)],
        ),
        # a bare toll goes to the story's only event
        (
            "Eight dead, witnesses say. Gunmen opened fire on a market in Maiduguri.",
            [("clash", "Maiduguri", 8)],
        ),
    ],
)
def test_a_toll_told_without_a_place_completes_the_event_placed_later(
    pipeline: Pipeline, text: str, tolls: list[tuple[str, str, int]]
) -> None:
    assert _tolls(pipeline, text) == tolls


@pytest.mark.parametrize(
    "text",
    [
        # a toll of another kind of event is not lent to a protest
        "Airstrikes kill at least 19 civilians. Students protested in Kisumu on Monday.",
        # a bare toll that may sum the story up is not lent where the story counts its dead
        "Five dead. Gunmen killed 3 villagers in Djibo. A march was held in Kaya.",
        # a running total is no toll of the event
        "The death toll rose to 46. Warplanes bombed the town of Saraqeb on Monday.",
    ],
)
def test_a_toll_without_a_place_is_not_lent_to_another_event(pipeline: Pipeline, text: str) -> None:
    assert sum(killed for *_, killed in _tolls(pipeline, text)) in {0, 3}
