"""The look-alike filters of recognition (``gazetteer.filters``), one by one on the real index.

Each filter is run alone on a name in a sentence (its example: the verdict it gives; its
counterexample: it decides nothing), and the whole geoparse is checked on the same
sentences: the dropped name is no mention, the left one is.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import gazetteer
from gazetteer import Gazetteer
from gazetteer import filters as F
from gazetteer.build import build
from gazetteer.filters import FILTERS, Filter, Look, Mention, Verdict, judge
from gazetteer.normalize import norm_name, word_spans

DATA_DIR = Path(__file__).resolve().parent.parent / "var" / "gazetteer"
KEEP, DROP, DOUBT = Verdict.KEEP, Verdict.DROP, Verdict.DOUBT


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    if not (DATA_DIR / "index.pkl").exists():
        build(DATA_DIR)
    return gazetteer.load(DATA_DIR)


def span_of(text: str, name: str) -> tuple[int, int]:
    """The span of ``name`` in ``text``: its last occurrence when written "@name"."""
    if name.startswith("@"):
        start = text.rindex(name[1:])
        return start, start + len(name) - 1
    start = text.index(name)
    return start, start + len(name)


def look_at(gaz: Gazetteer, text: str, name: str, dateline: bool = False) -> Look:
    """The look recognition takes at ``name`` in ``text`` (a name the index lacks is read
    as a demonym, as recognition does)."""
    start, end = span_of(text, name)
    tokens = word_spans(text)
    first = next(i for i, t in enumerate(tokens) if t[0] == start)
    last = next(i for i, t in enumerate(tokens) if t[1] == end)
    key = norm_name(text[start:end])
    cands = gaz._names.get(key, ())
    m = Mention(start, end, key, first, last, cands, demonym=not cands, dateline=dateline)
    return Look.at(gaz, text, tokens, m, gaz._doc_words(text, tokens))


# (filter, sentence, name, its verdict there); None: the filter decides nothing.
CASES: list[tuple[Filter, str, str, Verdict | None]] = [
    (F.capitalised_word, "The talks resume on Monday in Geneva.", "Monday", DROP),
    (F.capitalised_word, "Fighting continued in Monrovia.", "Monrovia", None),
    # holidays are calendar names
    (F.capitalised_word, "Gunmen struck on Christmas Eve in the hills.", "Christmas", DROP),
    (F.title_case_word, "Soldiers Killed in Clashes With Resistance in North.", "North", DROP),
    (F.title_case_word, "Rebels Fight to Secure Strategic Town Near Capital.", "Capital", DROP),
    (F.title_case_word, "Fighting spread to the north of the town in North.", "@North", None),
    (F.title_case_word, "Floods Hit Farms Across Tennessee And Kentucky.", "Tennessee", None),
    (F.code_not_in_capitals, "Car bombs hit the market.", "Car", DROP),
    (F.code_not_in_capitals, "Fighting spread across CAR last week.", "CAR", None),
    (F.thing_named_after_place, "Cases of the Marburg virus rose.", "Marburg", DROP),
    (F.thing_named_after_place, "It cost 5 US$ a day.", "US", DROP),
    (F.thing_named_after_place, "A clinic in Marburg closed.", "Marburg", None),
    (F.thing_named_after_place, "Rioters protested the US dollar exchange rate.", "US", DROP),
    (F.thing_named_after_place, "The Lebanese pound fell again.", "Lebanese", DROP),
    (F.thing_named_after_place, "Rebels fired Grad rockets at the post.", "Grad", DROP),
    (F.thing_named_after_place, "Militants fired 3 Grad Missiles at it.", "Grad", DROP),
    (F.thing_named_after_place, "Militants fired Gaza rockets at it.", "Gaza", None),
    (F.thing_named_after_place, "Iranian missiles hit the base.", "Iranian", None),
    (F.thing_named_after_place, "Israel pounds Gaza for a third day.", "Israel", None),
    (F.thing_named_after_place, "Rioters threw Molotov cocktails at police.", "Molotov", DROP),
    (F.head_of_landmark, "Students demonstrated in Calderon park on Monday.", "Calderon", DROP),
    (F.head_of_landmark, "Students demonstrated in Calderon on Monday.", "Calderon", None),
    (F.head_of_landmark, "Crowds gathered on Kabul street.", "Kabul", None),
    (F.head_of_arabic_name, "A feud between Abu Mohammed Joulani and Sahd.", "Abu", DROP),
    (F.head_of_arabic_name, "The commander Abu al-Yaqzan al-Masri spoke.", "Abu", DROP),
    (F.head_of_arabic_name, "A bus crashed near Abu in Rajasthan.", "Abu", None),
    (F.dateline_head, "BEIRUT (Reuters) - Strikes hit the south.", "BEIRUT", KEEP),
    (F.dateline_head, "Strikes hit Beirut on Monday.", "Beirut", None),
    (F.common_noun_of_name, "Jets struck the Coast of Zwara.", "Coast", DROP),
    (F.common_noun_of_name, "Residents of Coast, Tanzania fled.", "Coast", None),
    (F.common_noun_of_name, "The Turkey of Erdogan is changing.", "Turkey", None),
    (F.organisation_word_next, "The Denver Post reported it.", "Denver", DROP),
    (F.organisation_word_next, "Snow fell in Denver again.", "Denver", None),
    (F.organisation_word_next, "Fighters of the Idlib Brigade withdrew.", "Idlib", DROP),
    (F.organisation_word_next, "Officers of the Watan liberation movement died.", "Watan", DROP),
    (F.organisation_word_next, "Fighters withdrew from Idlib on Monday.", "Idlib", None),
    (F.given_name_before_particle, "Dennis van Engelsdorp said bees died.", "Dennis", DROP),
    (F.given_name_before_particle, "He lives in Dennis, Texas.", "Dennis", None),
    (F.surname_after_particle, "Dennis van Houten said bees died.", "Houten", DROP),
    (F.surname_after_particle, "They met in the town of Houten.", "Houten", None),
    (F.given_name_before_surname, "Jordan Henderson scored twice.", "Jordan", DROP),
    (F.given_name_before_surname, "Fighting in the Jordan Valley continued.", "Jordan", None),
    (F.surname_after_given_name, "John Kerry met the minister.", "Kerry", DROP),
    (F.surname_after_given_name, "Rain fell in Kerry overnight.", "Kerry", None),
    (F.title_before, "Mayor Houston said the roads were closed.", "Houston", DROP),
    (F.title_before, "Mr. Washington spoke.", "Washington", DROP),
    (F.title_before, "The mayor of Houston said the roads were closed.", "Houston", None),
    (F.people_or_family, "Elders of the Shama clan met on Sunday.", "Shama", DROP),
    (F.people_or_family, "People in Shama met on Sunday.", "Shama", None),
    (F.followers_of_name, "They demanded that Bandera supporters leave.", "Bandera", DROP),
    (F.followers_of_name, "Russia supporters rallied in the square.", "Russia", None),
    (F.followers_of_name, "Supporters rallied in Bandera, Texas.", "Bandera", None),
    (F.demonym_use, "The Syrian army advanced.", "Syrian", KEEP),
    (F.demonym_use, "The driver was Syrian.", "Syrian", DROP),
    (F.demonym_use, "Troops entered Chad on Monday.", "Chad", None),
    (F.direction_before_name, "A protest in Central Park grew.", "Central", DROP),
    (F.direction_before_name, "They moved to Western.", "Western", None),
    (F.acronym, "NATO warned on Monday.", "NATO", DROP),
    (F.acronym, "Talks in the UAE resumed.", "UAE", None),
    (F.acronym, "Gunmen struck a post in NWFP.", "NWFP", None),
    (F.country_name, "Troops entered Chad on Monday.", "Chad", KEEP),
    (F.country_name, "Talks in the UAE resumed.", "UAE", KEEP),
    (F.country_name, "Saudi officials said nothing.", "Saudi", DROP),
    (F.country_name, "They met in the town of Houten.", "Houten", None),
    (F.after_name_word, "Zubairu Kaura spoke.", "Kaura", DROP),
    (F.after_name_word, "Attacks in Kaura continued.", "Kaura", None),
    (F.side_taken, "Pro-Kock forces advanced.", "Kock", DROP),
    (F.side_taken, "An anti-Kock march went ahead.", "Kock", DROP),
    (F.side_taken, "Fighting in Kock went on.", "Kock", None),
    (F.side_taken, "Pro-Russian fighters advanced.", "Russian", None),
    (F.before_name_word, "Kock Zhubanov spoke.", "Kock", DROP),
    (F.before_name_word, "Kock residents fled.", "Kock", None),
    (F.before_name_word, "Texas Zhubanov spoke.", "Texas", None),
    # a word for a unit or feature continues no proper name
    (F.before_name_word, "Kock Governorate offices burned.", "Kock", None),
    (F.before_name_word, "Kock Wilaya offices burned.", "Kock", None),
    (F.person_word_without_cue, "Mr Taylor arrived. Taylor said nothing.", "@Taylor", DROP),
    (F.person_word_without_cue, "Mr Taylor arrived in Taylor on Monday.", "@Taylor", None),
    (F.head_of_longer_word, "Wal-Mart opened a store.", "Wal", DROP),
    (F.head_of_longer_word, "Shoppers in Wal were angry.", "Wal", None),
    (F.head_of_longer_word, "Wal's mayor spoke.", "Wal", None),
    (F.head_of_romance_name, "The match at Stade de France ended late.", "Stade", DROP),
    (F.head_of_romance_name, "The road to Stade was closed.", "Stade", None),
    (F.named_event, "Crews fought the Franklin fire overnight.", "Franklin", DROP),
    (F.named_event, "A fire broke out in Franklin overnight.", "Franklin", None),
    (F.speaker, "Kock said the plan had failed.", "Kock", DROP),
    (F.speaker, "According to Yap, the plan failed.", "Yap", DROP),
    (F.speaker, "Shelling hit Kock on Monday.", "Kock", None),
    (F.doubtful_word, "Bath time is over now.", "Bath", DOUBT),
    (F.doubtful_word, "They stayed at a hotel in Bath.", "Bath", None),
]


def _case_id(case: tuple[Filter, str, str, Verdict | None]) -> str:
    f, _, name, verdict = case
    return f"{f.__name__}-{name.lstrip('@')}-{verdict.name if verdict else 'none'}"


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_filter_alone(gaz: Gazetteer, case: tuple[Filter, str, str, Verdict | None]) -> None:
    f, text, name, verdict = case
    dateline = f is F.dateline_head and name.isupper()
    assert f(look_at(gaz, text, name, dateline=dateline)) is verdict


def _found(gaz: Gazetteer, text: str, name: str) -> bool:
    start, end = span_of(text, name)
    return any(t.start == start and t.end == end for t in gaz.geoparse(text))


# The dropped or doubted name is no mention of the whole geoparse (an example may still be
# part of a longer name: "Central Park"); the name a filter leaves is one.
@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_geoparse_agrees(gaz: Gazetteer, case: tuple[Filter, str, str, Verdict | None]) -> None:
    _, text, name, verdict = case
    assert _found(gaz, text, name) is (verdict is not DROP and verdict is not DOUBT)


def test_every_filter_has_an_example_and_a_counterexample() -> None:
    decided = {f for f, _, _, v in CASES if v is not None}
    left = {f for f, _, _, v in CASES if v is None}
    assert decided == set(FILTERS)
    assert left == set(FILTERS)


def test_every_filter_documents_what_it_removes() -> None:
    for f in FILTERS:
        doc = f.__doc__ or ""
        assert len(doc) > 80, f.__name__
        assert any(w in doc for w in ("Drops", "Keeps", "Doubts")), f.__name__
        assert "leaves" in doc or "decides nothing" in doc, f.__name__


def test_filters_run_in_table_order(gaz: Gazetteer) -> None:
    """The first filter that decides wins: a dateline's head in capitals is kept before the
    acronym filter sees it; "in" leaves a name the text gives a person a place."""
    head = look_at(gaz, "GOMA — Strikes hit the south.", "GOMA", dateline=True)
    assert F.acronym(head) is DROP
    assert judge(head) is KEEP
    assert judge(head, (F.acronym, F.dateline_head)) is DROP
    look = look_at(gaz, "Mr Taylor arrived in Taylor on Monday.", "@Taylor")
    assert judge(look) is KEEP
    assert [f.__name__ for f in FILTERS][:4] == [
        "capitalised_word",
        "code_not_in_capitals",
        "thing_named_after_place",
        "dateline_head",
    ]


def test_no_filter_deciding_keeps(gaz: Gazetteer) -> None:
    look = look_at(gaz, "Shelling hit Kharkiv on Monday.", "Kharkiv")
    assert all(f(look) is None for f in FILTERS)
    assert judge(look) is KEEP
    assert judge(look_at(gaz, "NATO warned on Monday.", "NATO"), ()) is KEEP
