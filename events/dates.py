"""Dates written in news text, resolved against the publication date.

Handled: "October 9", "9 October 2015", "Oct. 9", "2015-10-09" (day); "on Saturday",
"Wednesday's", "last Monday" (day: the latest such weekday on or before publication, or
strictly before for "last"); "yesterday", "today", "last night", "overnight", "three days
ago" (day); "this week", "last week", "two weeks ago" (week: the Monday of that week); "in
October", "October 2015", "last month" (month: its first day); "in 2014" (year: 1 January).
Anaphora ("on the same day", "that day", "the next day", "the day before", "two days later")
refers to the date of an earlier sentence and is returned as an offset for the caller to apply.

A date needing the publication date when there is none, or one that is only a bound ("after
October 1", "since 2014"), is not returned: no date is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from core.document import DatePrecision

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_NUMS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "a": 1}

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# The second day of a span: "-14", " and 25", " to 30th"
_TO_DAY = r"\s*(?:-|–|and|to|&)\s*[0-3]?\d(?:st|nd|rd|th)?"
_BOUND = re.compile(
    r"\b(?:after|since|until|till|(?<!\bor )before|by|from|between|through)\s+$"
    r"|\b(?:since|until|till)\b[^,.;]{0,30}$"
    # "as reported on 2 May" and a note's opening "Reported on 2 May, ..." date the event by
    # its report (ACLED's usage); "the ministry reported on Tuesday that..." dates a statement
    r"|\b(?:said|says|say|told|(?<![Aa]s )(?<=\w\s)reported|announced|added|confirmed|statement)\s+"
    r"(?:on\s+)?$",
    re.I,
)

_PART_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night)\b", re.I)

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<day>[0-3]\d)\b")),
    # "on 28/01", "the morning of 16/02/2018": read only when a part over 12 says which is
    # the day ("on 08/04" may be April or August); after a preposition ("24/7" is no date)
    (
        "numeric",
        re.compile(
            r"(?:(?<=\bon )|(?<=\bof )|(?<=\bfrom )|(?<=\bsince )|(?<=\bto )|(?<=\buntil )"
            r"|(?<=\bdated ))(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)"
            r"(?:/(?P<year>(?:19|20)\d\d))?\b(?!/)"
        ),
    ),
    # A span of days is dated by its first: "13-14 October", "on 24 and 25 July", "between
    # 22 and 23 March 2020", "May 3-5"
    ("dmy", re.compile(rf"\b{_DAY}{_TO_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR}\b)?")),
    ("mdy", re.compile(rf"\b{_MONTH}(?:\s+|(?<=\.)){_DAY}{_TO_DAY}\b(?:,?\s+{_YEAR}\b)?")),
    # "Jan.29" (no space after the abbreviation); not "13 Sep. 9 people", whose day comes first
    ("mdy", re.compile(rf"(?<!\d\s)\b{_MONTH}(?:\s+|(?<=\.)){_DAY}\b(?:,?\s+{_YEAR}\b)?")),
    ("dmy", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR}\b)?")),
    (
        "my",
        re.compile(
            rf"\b(?:in\s+(?:early\s+|late\s+|mid-)?)?{_MONTH}(?:\s+{_YEAR})?\b"
            r"(?P<ly>\s+(?:last|this) year)?"
        ),
    ),
    (
        "weekday",
        re.compile(
            r"\b(?P<last>last\s+|this\s+|on\s+|early\s+|late\s+)?(?P<wd>Monday|Tuesday|Wednesday"
            r"|Thursday|Friday|Saturday|Sunday)\b(?P<poss>['’]s)?"
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?P<rel>the day before yesterday|yesterday|today|tonight|this (?:morning|afternoon"
            r"|evening)|last night|overnight|earlier (?:this|last) week|this week|last week"
            r"|last month|this month|last year|this year)\b",
            re.I,
        ),
    ),
    (
        "ago",
        re.compile(
            r"\b(?P<n>\d+|one|two|three|four|five|six|seven|a)\s+(?P<unit>days?|weeks?|months?)"
            r"\s+ago\b",
            re.I,
        ),
    ),
    ("year", re.compile(rf"\b(?:[Ii]n|[Dd]uring|[Oo]f)\s+{_YEAR}\b")),
    (
        "anaphora",
        re.compile(
            r"\b(?P<ana>(?:on\s+)?the same day|that (?:same )?day|the same night|that night"
            r"|the (?:next|following) (?:day|morning|night|evening)|the day before"
            r"|the previous (?:day|night)|a day later|a day earlier)\b",
            re.I,
        ),
    ),
    (
        "later",
        re.compile(
            r"\b(?P<n>\d|one|two|three|four|five|six|seven|a)\s+(?P<unit>days?|weeks?)\s+"
            r"(?P<dir>later|earlier|afterwards|before)\b",
            re.I,
        ),
    ),
]
# Every date pattern contains one of these: one cheap search rules out most sentences.
_HINT = re.compile(
    r"\d|day|night|week|month|year|ago|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec",
    re.IGNORECASE,
)
_ANAPHORA_OFFSET = {
    "the same day": 0, "that day": 0, "that same day": 0, "the same night": 0, "that night": 0,
    "the next day": 1, "the following day": 1, "a day later": 1, "the day before": -1,
    "the previous day": -1, "a day earlier": -1, "the next morning": 1,
    "the following morning": 1, "the next night": 1, "the following night": 1,
    "the next evening": 1, "the following evening": 1, "the previous night": -1,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date found in a sentence; offsets are into the sentence.

    ``anaphora_days`` is set (and ``value`` None) for "the same day" and its kin: the date is
    that of an earlier sentence plus this many days.
    """

    start: int
    end: int
    value: date | None
    precision: DatePrecision | None
    anaphora_days: int | None = None


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _month_back(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _with_year(month: int, day: int, year: str | None, published: date | None) -> date | None:
    if year:
        return _safe_date(int(year), month, day)
    if published is None:
        return None
    candidate = _safe_date(published.year, month, day)
    if candidate is not None and candidate > published + timedelta(days=7):
        candidate = _safe_date(published.year - 1, month, day)
    return candidate


def _resolve(
    kind: str, m: re.Match[str], published: date | None
) -> tuple[date | None, DatePrecision | None, int | None]:
    g = m.groupdict()
    if kind == "iso":
        return _safe_date(int(g["year"]), int(g["m"]), int(g["day"])), "day", None
    if kind == "numeric":
        a, b = int(g["a"]), int(g["b"])
        if (a > 12) == (b > 12):
            return None, None, None  # "08/04": which is the day is not said
        day, month = (a, b) if a > 12 else (b, a)
        return _with_year(month, day, g["year"], published), "day", None
    if kind in {"mdy", "dmy"}:
        month = _MONTHS[g["month"].rstrip(".").lower()]
        return _with_year(month, int(g["day"]), g["year"], published), "day", None
    if kind == "my":
        month = _MONTHS[g["month"].rstrip(".").lower()]
        if g["year"]:
            return date(int(g["year"]), month, 1), "month", None
        if published is None:
            return None, None, None
        year = published.year if month <= published.month else published.year - 1
        if g["ly"] and "last" in g["ly"]:
            year = published.year - 1
        return date(year, month, 1), "month", None
    if kind == "anaphora":
        phrase = re.sub(r"^on\s+", "", g["ana"].lower())
        return None, None, _ANAPHORA_OFFSET[phrase]
    if kind == "later":  # "two days later": an earlier sentence's date plus two days
        n = int(g["n"]) if g["n"].isdigit() else _NUMS[g["n"].lower()]
        days = n * (7 if g["unit"].lower().startswith("week") else 1)
        return None, None, days if g["dir"].lower() in {"later", "afterwards"} else -days
    if kind == "year":
        return date(int(g["year"]), 1, 1), "year", None
    if published is None:
        return None, None, None
    if kind == "weekday":
        back = (published.weekday() - WEEKDAYS.index(g["wd"].lower())) % 7
        if back == 0 and (g["last"] or "").strip().lower() == "last":
            back = 7
        return published - timedelta(days=back), "day", None
    if kind == "ago":
        n = int(g["n"]) if g["n"].isdigit() else _NUMS[g["n"].lower()]
        unit = g["unit"].lower().rstrip("s")
        if unit == "day":
            return published - timedelta(days=n), "day", None
        if unit == "week":
            return _monday(published - timedelta(weeks=n)), "week", None
        return _month_back(published, n), "month", None
    rel = g["rel"].lower()
    table: dict[str, tuple[date, DatePrecision]] = {
        "the day before yesterday": (published - timedelta(days=2), "day"),
        "yesterday": (published - timedelta(days=1), "day"),
        "last night": (published - timedelta(days=1), "day"),
        "today": (published, "day"),
        "tonight": (published, "day"),
        "overnight": (published, "day"),
        "this week": (_monday(published), "week"),
        "earlier this week": (_monday(published), "week"),
        "last week": (_monday(published - timedelta(weeks=1)), "week"),
        "earlier last week": (_monday(published - timedelta(weeks=1)), "week"),
        "this month": (published.replace(day=1), "month"),
        "last month": (_month_back(published, 1), "month"),
        "this year": (date(published.year, 1, 1), "year"),
        "last year": (date(published.year - 1, 1, 1), "year"),
    }
    value, precision = table.get(rel, (published, "day"))
    return value, precision, None


def find_dates(sentence: str, published: date | None) -> list[DateMention]:
    """Dates in ``sentence`` in text order, overlapping matches resolved longest first."""
    if not _HINT.search(sentence):
        return []
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if (
                kind == "my"
                and m.group("month").lower() == "may"
                and not m.group(0).startswith("in")
            ):
                continue  # the modal verb
            taken.append((m.start(), m.end()))
            bound = _BOUND.search(sentence[max(0, m.start() - 40) : m.start()])
            if bound is not None and _opens_span(bound.group(0), sentence, m):
                bound = None
            if bound is not None and not (
                # "By Tuesday evening, shelling had killed five": what happened that day
                kind == "weekday"
                and bound.group(0).strip().lower() == "by"
                and _PART_OF_DAY.match(sentence, m.end())
            ):
                continue
            value, precision, offset = _resolve(kind, m, published)
            if value is not None or offset is not None:
                found.append(DateMention(m.start(), m.end(), value, precision, offset))
    found.sort(key=lambda d: d.start)
    return [d for d in found if not _remark_on_date(sentence, d, found)]


# What follows the first date of a span: "from 13/02/2014 to 17/02/2014"
_SPAN_NEXT = re.compile(r"\s*(?:-|–|to|and|until|till|through)\s+[0-3]?\d\b")


def _opens_span(bound: str, sentence: str, m: re.Match[str]) -> bool:
    """Whether a date after "between" or "from" is the first day of a span, which dates the
    event ("from 13/02 to 17/02", "between 22 and 23 March"), not a bound of it."""
    if bound.strip().lower() not in {"between", "from"}:
        return False
    return bool(re.search(_TO_DAY, m.group(0))) or bool(_SPAN_NEXT.match(sentence, m.end()))


def _remark_on_date(sentence: str, d: DateMention, found: list[DateMention]) -> bool:
    """Whether ``d`` lies in brackets that qualify the day-and-month date just before them
    ("Around 22 March 2022 (between 20 - 24 March)"): a remark on that date, not a date of
    its own ("On Tuesday (3 May)" gives the weekday its date, and is kept)."""
    opened = sentence.rfind("(", 0, d.start)
    if opened < 0 or sentence.find(")", opened, d.start) >= 0:
        return False
    return any(
        e.end <= opened
        and not sentence[e.end : opened].strip()
        and any(c.isdigit() for c in sentence[e.start : e.end])
        for e in found
    )
