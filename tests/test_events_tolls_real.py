"""The toll a whole report gives its event: the conventions of event notes (a coded toll, a
toll split over several events) and the stage that applies them. Sentences written for
these tests in the format of such notes."""

from __future__ import annotations

from datetime import date

import pytest

import gazetteer
from core.document import Casualties, Document, Event, Span
from events.casualties import coded_toll, find_toll, note_toll, note_tolls, split_parts
from events.stages import standard_pipeline


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        (
            "Rebels killed 2 guards. Fatalities coded as 0 (local radio reported 2).",
            0,
        ),
        ("Militants ambushed a convoy. Unknown fatalities coded as 3.", 3),
        (
            "Both sides shelled. Unclear fatalities coded as 6 and spread between 3 locations.",
            6,
        ),
        ("A sniper killed 1 guard. Fatalities coded as 1 (the radio also reported 1).", 1),
        # the known deaths a coded count adds to, and a misspelling the notes often have
        ("Unknown fatalities coded at 3, in addition to 2 known fatalities.", 5),
        ("Both sides shelled. Unclear fatalites coded as 10.", 10),
        # counterexamples: no remark of the notes format
        ("Rebels attacked a post, killing 2 guards.", None),
        ("The attackers were coded as unidentified.", None),
    ],
)
def test_coded_toll(text: str, coded: int | None) -> None:
    assert coded_toll(text) == coded


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "The police killed six robbers. Fatalities are split across two events.",
            2,
        ),
        ("Four commanders were killed, four fatalities split across 4 locations.", 4),
        ("Fatalities split between three events.", 3),
        ("The toll was divided between 2 days of fighting.", 2),
        ("At least twenty militants were killed, split between 2 days of fighting.", 2),
        # counterexamples
        ("The rebels split into two groups and attacked three villages.", None),
        ("Four militants were killed in two villages.", None),
    ],
)
def test_split_parts(text: str, parts: int | None) -> None:
    assert split_parts(text) == parts


def test_note_toll_prefers_the_coded_toll_then_the_share() -> None:
    assert note_toll("Two were killed. Fatalities coded as 0 (radio reported 2).", 2) == 0
    assert note_toll("The police killed six. Fatalities are split across two events.", 6) == 3
    assert (
        note_toll("The police killed seven. Fatalities split between 2 events.", 7) == 4
    )  # half up
    assert note_toll("The police killed thirteen. Fatalities split across three events.", 13) == 4
    assert note_toll("The police killed four robbers.", 4) == 4


def test_a_coded_remark_sentence_states_its_toll() -> None:
    toll = find_toll("Fatalities coded as 0 (local radio reported 4 fatalities).")
    assert toll is not None and toll.casualties.killed == 0
    toll = find_toll("Unknown fatalities coded as 5.")
    assert toll is not None and toll.casualties.killed == 5


def test_a_toll_split_in_its_own_sentence_is_shared() -> None:
    toll = find_toll("Six officers were killed, six fatalities split across 3 locations.")
    assert toll is not None and toll.casualties.killed == 2


def _event(killed: int | None, sentence: Span) -> Event:
    casualties = None if killed is None else Casualties(killed=killed, injured=1)
    return Event(event_type="clash", places=[], sentence=sentence, trigger="attacked",
                 casualties=casualties)  # fmt: skip


def test_the_note_tolls_stage_puts_the_coded_toll_on_the_first_toll() -> None:
    text = "Rebels attacked a post, killing 2 guards. Fatalities coded as 0 (radio reported 2)."
    doc = Document(text=text)
    doc.events = [_event(None, Span(0, 41)), _event(2, Span(0, 41)), _event(3, Span(0, 41))]
    note_tolls(doc)
    assert [e.casualties.killed if e.casualties else None for e in doc.events] == [None, 0, None]
    assert doc.events[1].casualties is not None and doc.events[1].casualties.injured == 1


def test_the_note_tolls_stage_gives_an_untold_coded_toll_to_the_first_event() -> None:
    doc = Document(text="Militants ambushed a convoy. Unknown fatalities coded as 3.")
    doc.events = [_event(None, Span(0, 28))]
    note_tolls(doc)
    assert doc.events[0].casualties is not None and doc.events[0].casualties.killed == 3


def test_the_note_tolls_stage_leaves_plain_reports_alone() -> None:
    doc = Document(text="Rebels attacked a post, killing 2 guards.")
    doc.events = [_event(2, Span(0, 41))]
    note_tolls(doc)
    assert doc.events[0].casualties is not None and doc.events[0].casualties.killed == 2


def test_a_coded_toll_spread_over_places_is_shared() -> None:
    text = "Both sides shelled. Unclear fatalities coded as 6 and spread between 3 locations."
    assert note_toll(text, 0) == 2
    toll = find_toll("Unknown fatalities coded as 8 and split up between 2 events.")
    assert toll is not None and toll.casualties.killed == 4


def test_a_claim_does_not_add_to_a_toll_stated_apart() -> None:
    text = (
        "Rebels and a militia clashed. 4 militiamen and 2 farmers were killed. "
        "The rebels claimed responsibility and said they killed 25 militiamen."
    )
    doc = Document(text=text)
    second = text.index("4 militiamen")
    third = text.index("The rebels claimed")
    doc.events = [_event(6, Span(second, third - 1)), _event(25, Span(third, len(text)))]
    note_tolls(doc)
    assert [e.casualties.killed if e.casualties else None for e in doc.events] == [6, None]


def test_a_claim_alone_is_the_toll() -> None:
    text = "Rebels attacked a base and claimed to have killed six policemen."
    doc = Document(text=text)
    doc.events = [_event(6, Span(0, len(text)))]
    note_tolls(doc)
    assert doc.events[0].casualties is not None and doc.events[0].casualties.killed == 6


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # the sentence shares its own toll: once, not again for the note
        (
            "On 15 March 2021, militiamen clashed with militants in Menaka. At least twenty "
            "militants were killed, split between 2 days of fighting.",
            10,
        ),
        (
            "On 15 March 2021, troops carried out airstrikes in Gwoza and four other camps. Five"
            " leaders were killed in the strikes, five fatalities split across five events.",
            1,
        ),
        # a remark of its own shares the toll its note states
        (
            "On 15 March 2021, militiamen clashed with militants in Menaka, killing 20. "
            "Fatalities are split across two events.",
            10,
        ),
    ],
)
def test_a_split_toll_is_shared_once(gaz: gazetteer.Gazetteer, text: str, killed: int) -> None:
    doc = standard_pipeline(gaz)(text, published=date(2021, 6, 8))
    assert sum(e.casualties.killed or 0 for e in doc.events if e.casualties) == killed
