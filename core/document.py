"""The document model: one object carries the text and what each pipeline stage added.

Stages are plain callables ``Document -> None`` that fill one part of it (sentences, toponyms,
events). Offsets everywhere are Python ``str`` indices into ``Document.text``, end exclusive.
Coordinates are ``(lon, lat)`` in WGS 84 degrees, in that order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from core.toponym import Toponym

EventType = Literal[
    "strike",
    "casualty",
    "missile_path",
    "territory_change",
    "clash",
    "crash",
    "airspace_violation",
    "protest",
    "displacement",
    "development",
    "other",
]
DatePrecision = Literal["day", "week", "month", "year"]
# (ACLED geo_precision, UCDP where_prec) of an event at a place of each feature class; "near"
# a town is (2, 2).
PRECISION: dict[str, tuple[int, int]] = {
    "city": (1, 1), "village": (1, 1), "other": (1, 1), "admin2": (2, 3), "admin1": (3, 4),
    "region": (3, 5), "country": (3, 6), "water": (3, 7),
}  # fmt: skip
Qualifier = Literal["at least", "about", "more than", "up to"]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the text: ``text[start:end]``."""

    start: int
    end: int


@dataclass(slots=True)
class Casualties:
    """A toll as the text states it; counts are the most conservative reading (ACLED)."""

    killed: int | None = None
    injured: int | None = None
    qualifier: Qualifier | None = None
    victims: str | None = None


@dataclass(slots=True)
class Path:
    """A line from ``origin`` to ``target`` along the WGS 84 geodesic.

    ``parts`` holds one list of ``(lon, lat)`` positions per piece; a path that crosses the
    antimeridian has two pieces (RFC 7946, section 3.1.9). ``distance_km`` is the geodesic
    length in kilometres; ``overflies`` the ISO 3166-1 alpha-2 codes of the countries the
    line crosses, origin and target countries excluded, in the order flown.
    """

    origin: Toponym
    target: Toponym
    parts: list[list[tuple[float, float]]]
    distance_km: float
    overflies: list[str]


@dataclass(slots=True)
class Event:
    """Something that happened, at one place (Point), several places (MultiPoint) or along
    a path (LineString / MultiLineString)."""

    event_type: EventType
    places: list[Toponym]
    sentence: Span
    trigger: str
    date: date | None = None
    date_precision: DatePrecision | None = None
    actor: str | None = None
    target: str | None = None
    casualties: Casualties | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    geo_precision: int | None = None
    ucdp_where_prec: int | None = None
    confidence: float = 0.5
    claimed_by: str | None = None
    path: Path | None = None
    rule: str | None = None  # the report rule that typed it (events/rules/report.toml)
    hazard: str | None = None  # the natural hazard told ("earthquake", "floods")
    count: int | None = None  # how many crashed ("two drones crashed": 2)
    counted: str | None = None  # what crashed ("drones")
    stated_distance_km: float | None = None  # a distance the text states for a path
    # The place the text names that the gazetteer does not know, for an event without places
    unresolved_place: str | None = None


@dataclass(slots=True)
class Document:
    """A news text and everything the pipeline found in it."""

    text: str
    published: date | None = None
    title: str | None = None
    url: str | None = None
    country_hint: tuple[str, ...] = ()
    sentences: list[Span] = field(default_factory=list)
    body_end: int | None = None
    toponyms: list[Toponym] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
