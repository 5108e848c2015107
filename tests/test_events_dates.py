"""Dates resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from events.dates import find_dates

SATURDAY = date(2015, 10, 10)


def _first(sentence: str, published: date | None = SATURDAY):
    found = find_dates(sentence, published)
    assert found, sentence
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "value", "precision"),
    [
        ("Reports on October 9 said the town fell.", date(2015, 10, 9), "day"),
        ("It happened on 3 March 2014.", date(2014, 3, 3), "day"),
        ("Fighting resumed on Oct. 2.", date(2015, 10, 2), "day"),
        ("The strike on 2015-09-30 was confirmed.", date(2015, 9, 30), "day"),
        ("Drones hit the port on Wednesday.", date(2015, 10, 7), "day"),
        ("Wednesday’s air strikes were announced late.", date(2015, 10, 7), "day"),
        ("Protests began on Saturday.", date(2015, 10, 10), "day"),
        ("The village was shelled last Saturday.", date(2015, 10, 3), "day"),
        ("Two people were hurt yesterday.", date(2015, 10, 9), "day"),
        ("The city was shelled three days ago.", date(2015, 10, 7), "day"),
        ("Earlier this week, jets struck the base.", date(2015, 10, 5), "week"),
        ("Clashes erupted last week.", date(2015, 9, 28), "week"),
        ("The offensive began in August.", date(2015, 8, 1), "month"),
        ("The offensive began in December.", date(2014, 12, 1), "month"),
        ("The dam was taken in May 2014.", date(2014, 5, 1), "month"),
        ("The group seized the city in 2014.", date(2014, 1, 1), "year"),
    ],
)
def test_resolved(sentence: str, value: date, precision: str) -> None:
    found = _first(sentence)
    assert (found.value, found.precision) == (value, precision)


def test_day_month_in_the_future_is_last_year() -> None:
    assert _first("It started on December 20.").value == date(2014, 12, 20)


def test_relative_dates_need_a_publication_date() -> None:
    assert find_dates("Jets struck the base on Wednesday.", None) == []
    assert find_dates("Two people were hurt yesterday.", None) == []
    assert _first("It happened on 3 March 2014.", None).value == date(2014, 3, 3)


def test_bounds_are_not_dates() -> None:
    assert find_dates("This happened after October 1, officials said.", SATURDAY) == []
    assert find_dates("Thousands have fled since June.", SATURDAY) == []


def test_date_of_a_statement_is_not_an_event_date() -> None:
    assert find_dates("Clashes killed 12, the ministry said on Wednesday.", SATURDAY) == []


def test_as_reported_on_dates_the_event_by_its_report() -> None:
    found = find_dates("As reported on 2 May 2020, forces destroyed 40 houses.", None)
    assert [(d.value, d.precision) for d in found] == [(date(2020, 5, 2), "day")]
    assert find_dates("The ministry reported on 2 May 2020 that forces took the town.", None) == []
    # a note that opens with its report date, as ACLED's do
    for sentence in (
        "Reported on 2 May 2020, forces destroyed 40 houses.",
        "Arrests: Reported on 2 May 2020, police detained three suspects.",
    ):
        found = find_dates(sentence, None)
        assert [(d.value, d.precision) for d in found] == [(date(2020, 5, 2), "day")], sentence


def test_a_numeric_date_is_read_when_a_part_over_12_names_the_day() -> None:
    found = find_dates("Two men were shot in the town on 28/01.", SATURDAY)
    assert [(d.value.month, d.value.day) for d in found if d.value] == [(1, 28)]
    found = find_dates("A man was shot on 3/15/2015 in the city.", None)
    assert [d.value for d in found] == [date(2015, 3, 15)]
    # which part is the day is not said, or no date at all
    assert find_dates("Bodies were found on the morning of 08/04.", SATURDAY) == []
    assert find_dates("The clinic is open 24/7 for patients.", SATURDAY) == []


def test_on_or_before_a_day_is_that_day() -> None:
    found = find_dates("On or before 11 July 2018, farmers blocked a road.", None)
    assert [d.value for d in found] == [date(2018, 7, 11)]
    assert find_dates("It happened before 11 July 2018, officials said.", None) == []


def test_a_bracketed_range_after_a_date_remarks_on_it() -> None:
    for sentence in (
        "Around 22 March 2022 (between 20 - 24 March), soldiers killed two herders.",
        "Around 31 March 2022 (between 28 March - 3 April), 52 people were displaced.",
    ):
        found = find_dates(sentence, None)
        assert [d.value for d in found] == [found[0].value] and found[0].start < 10, sentence
    # a bracket after a weekday gives it its date, and a bracket of its own is a date
    assert len(find_dates("On Tuesday (3 May), troops attacked.", SATURDAY)) == 2
    assert len(find_dates("Fighting resumed (on 3 May) after talks failed.", SATURDAY)) == 1


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        # a span of days is dated by its first day
        ("Fighting went on 13-14 October in the hills.", date(2015, 10, 13)),
        ("Nurses held a sit-in on 24 and 25 July.", date(2015, 7, 24)),
        ("Between 2 and 3 October 2015, a post was burned.", date(2015, 10, 2)),
        ("Protests between March 12 and 15 drew thousands.", date(2015, 3, 12)),
        ("A sit-in lasted from 13/02/2014 to 17/02/2014.", date(2014, 2, 13)),
        # an abbreviated month glued to its day
        ("Officers held a sit-in on Jan.29 and Jan.30.", date(2015, 1, 29)),
        # a day before the month owns it: "Sep. 9" here is no date
        ("13 Sep. 9 people were killed in the blast.", date(2015, 9, 13)),
    ],
)
def test_spans_and_abbreviations(sentence: str, value: date) -> None:
    found = [d for d in find_dates(sentence, SATURDAY) if d.value is not None]
    assert found and found[0].value == value


def test_a_bound_is_no_span() -> None:
    # "after" and "between ... pm" bound a time: no date of the event from them
    assert find_dates("Fighting continued after 12 March.", SATURDAY) == []
    assert [d.value for d in find_dates("Talks between 2 and 3 pm on 5 March.", SATURDAY)] == [
        date(2015, 3, 5)
    ]


def test_may_the_verb_is_no_month() -> None:
    assert find_dates("The talks may resume.", SATURDAY) == []


def test_anaphora_is_returned_as_an_offset() -> None:
    same = _first("On the same day, rebels took the town.")
    assert (same.value, same.anaphora_days) == (None, 0)
    assert _first("The next day, shelling resumed.").anaphora_days == 1


def test_by_an_evening_is_that_day() -> None:
    found = _first("By Thursday evening, shelling had killed five people.")
    assert (found.value, found.precision) == (date(2015, 10, 8), "day")


def test_by_a_day_alone_is_a_deadline() -> None:
    assert find_dates("Troops must withdraw by Thursday.", SATURDAY) == []
