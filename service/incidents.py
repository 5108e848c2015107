"""Incidents: the events of different stored documents that report the same happening.

Two events are *linked* when they

- belong to the same family (a strike and the toll it caused are both ``strike``; see
  ``family``); a toll whose cause is not said (family ``casualty``) goes with any deadly
  family (``DEADLY``),
- lie within ``Rules.link_km`` of each other, by the coarser ``geo_precision`` of the two
  (by default 10 km between towns (1), 50 km near a town or in a district (2), 150 km for a
  region, country or water body (3) or no precision),
- happen on compatible dates: each date covers its precision's span (a day, the week from its
  Monday, the month, the year) and the two spans are at most ``Rules.date_slack_days`` apart
  (default 1: a day-precise strike links to reports dated the day before or after); an
  undated event links only to an event of a document published the same day,
- name compatible actors (one or both unnamed, or the same after case and "the" are ignored).

Two events of the same document link only when they stand at the very same place(s): a
strike and its toll told in two clauses, not three strikes on three towns of one report.

Every event has a *leader*: the first, in a fixed order (the date it happened, then the
document id, then its place in the document), of itself and the events linked to it. An
incident is the group of events that share a leader. So every report in an incident is linked
to its leader: an incident never chains (daily shelling of one town stays a string of
incidents, not one; reports 10 km apart in a row do not merge a region). A leader depends only
on the events linked to it, never on the order documents arrive in, and adding or deleting a
document changes the leader of the events linked to its events only: incremental, and the
same as a rebuild.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

RULES_VERSION = "2"
"""Part of ``Rules.signature``: bump it when the linking code changes."""

SAME_PLACE_KM = 0.01


@dataclass(frozen=True, slots=True)
class Rules:
    """The tunable part of linking (settings ``EVENTMAP_INCIDENT_KM`` and
    ``EVENTMAP_INCIDENT_DATE_SLACK_DAYS``). A store whose incidents were built with other rules
    rebuilds them when it opens."""

    link_km: tuple[float, float, float] = (10.0, 50.0, 150.0)
    """Largest distance (km) between two reports of one happening, for a coarser
    ``geo_precision`` of 1, 2 and 3 (the last also when a precision is missing)."""
    date_slack_days: int = 1
    """Days allowed between two date spans (a strike at night is dated either side of
    midnight, a report the next morning says "yesterday")."""

    def reach_km(self, geo_precision: int | None) -> float:
        if geo_precision is not None and 1 <= geo_precision <= 3:
            return self.link_km[geo_precision - 1]
        return self.link_km[2]

    @property
    def signature(self) -> str:
        km = ",".join(f"{v:g}" for v in self.link_km)
        return f"{RULES_VERSION};km={km};slack={self.date_slack_days}"


DEFAULT_RULES = Rules()

_ACLED_FAMILY = {
    "Explosions/Remote violence": "strike",
    "Battles": "clash",
    "Violence against civilians": "attack",
    "Protests": "protest",
    "Riots": "protest",
}
_TYPE_FAMILY = {"missile_path": "strike"}
_BY_ACLED = ("casualty", "other")
DEADLY = frozenset({"strike", "clash", "attack", "crash"})
"""Families a toll with no stated cause (family ``casualty``) may belong to."""
_PRECISION_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3, None: 4}


def family(event_type: str, acled_event_type: str | None) -> str:
    """The kind of happening an event reports. A toll (``casualty``) and an ``other`` event take
    the family of the act their ACLED type names (a toll of shelling is a strike)."""
    if event_type in _BY_ACLED:
        return _ACLED_FAMILY.get(acled_event_type or "", event_type)
    return _TYPE_FAMILY.get(event_type, event_type)


def _span(day: date, precision: str | None) -> tuple[date, date]:
    if precision == "week":
        return day, day + timedelta(days=6)
    if precision == "month":
        return day, day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if precision == "year":
        return day, day.replace(month=12, day=31)
    return day, day


def _actor_key(actor: str | None) -> str | None:
    if not actor:
        return None
    words = actor.casefold().split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words) or None


def _points(geometry: dict[str, Any] | None) -> list[tuple[float, float]]:
    """Where an event happened: its point(s); the target end of a path."""
    if not geometry:
        return []
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "Point":
        return [(coords[0], coords[1])]
    if kind == "MultiPoint":
        return [(c[0], c[1]) for c in coords]
    if kind == "LineString":
        return [(coords[-1][0], coords[-1][1])]
    if kind == "MultiLineString":
        return [(coords[-1][-1][0], coords[-1][-1][1])]
    return []


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two ``(lon, lat)`` positions, in km (mean radius)."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True, slots=True)
class Report:
    """One stored event, with what linking needs."""

    fid: int
    doc_id: str
    published: date | None
    reported: date | None
    """The day the document was published, or stored when it has no date."""
    feature: dict[str, Any]
    family: str
    span: tuple[date, date] | None
    actor: str | None
    points: tuple[tuple[float, float], ...]
    geo_precision: int | None

    @classmethod
    def of(
        cls,
        fid: int,
        doc_id: str,
        published: date | None,
        reported: date | None,
        feature: dict[str, Any],
    ) -> Report:
        props = feature["properties"]
        day = props.get("date")
        return cls(
            fid=fid,
            doc_id=doc_id,
            published=published,
            reported=reported,
            feature=feature,
            family=family(props["event_type"], props.get("acled_event_type")),
            span=_span(date.fromisoformat(day), props.get("date_precision")) if day else None,
            actor=_actor_key(props.get("actor")),
            points=tuple(_points(feature.get("geometry"))),
            geo_precision=props.get("geo_precision"),
        )


def _distance_km(a: Report, b: Report) -> float:
    return min(haversine_km(p, q) for p in a.points for q in b.points)


def _dates_match(a: Report, b: Report, slack_days: int) -> bool:
    if a.span is None or b.span is None:
        return a.published is not None and a.published == b.published
    gap = max((b.span[0] - a.span[1]).days, (a.span[0] - b.span[1]).days, 0)
    return gap <= slack_days


def _families_match(a: str, b: str) -> bool:
    """Same family; a toll whose cause the text does not say goes with any deadly act."""
    return a == b or (a == "casualty" and b in DEADLY) or (b == "casualty" and a in DEADLY)


def linked(a: Report, b: Report, rules: Rules = DEFAULT_RULES) -> bool:
    """Whether ``a`` and ``b`` report the same happening (the rules in the module docstring)."""
    if a.fid == b.fid or not _families_match(a.family, b.family) or not a.points or not b.points:
        return False
    if a.actor is not None and b.actor is not None and a.actor != b.actor:
        return False
    if not _dates_match(a, b, rules.date_slack_days):
        return False
    if a.doc_id == b.doc_id:
        return sorted(a.points) == sorted(b.points) or (
            len(a.points) == len(b.points) == 1 and _distance_km(a, b) <= SAME_PLACE_KM
        )
    reach = max(rules.reach_km(a.geo_precision), rules.reach_km(b.geo_precision))
    return _distance_km(a, b) <= reach


def order_key(report: Report) -> tuple[date, str, int]:
    """The fixed order leaders are chosen in: the day the event happened (the publication
    day when undated), then document id, then its place in the document (fids grow with it)."""
    day = report.span[0] if report.span else report.published or date.max
    return day, report.doc_id, report.fid


def leader(report: Report, neighbours: Iterable[Report]) -> Report:
    """The first, in ``order_key`` order, of ``report`` and ``neighbours`` (the reports linked
    to it)."""
    return min([report, *neighbours], key=order_key)


def _most_common(values: list[str]) -> str:
    return sorted(set(values), key=lambda v: (-values.count(v), v))[0]


def _casualties(members: list[Report]) -> dict[str, Any] | None:
    tolls = [m.feature["properties"].get("casualties") or {} for m in members]
    killed = [t["killed"] for t in tolls if t.get("killed") is not None]
    if not killed:
        return None
    # A count given as a ceiling ("up to 60") bounds the toll from above but states no toll.
    stated = [
        t["killed"] for t in tolls if t.get("killed") is not None and t.get("qualifier") != "up to"
    ]
    injured = [t["injured"] for t in tolls if t.get("injured") is not None]
    return {
        "killed": max(stated) if stated else min(killed),
        "killed_low": min(killed),
        "killed_high": max(killed),
        "injured": max(injured) if injured else None,
    }


def _where(report: Report) -> tuple:
    props = report.feature["properties"]
    return (
        report.geo_precision or 9,
        len(report.points),
        -(props.get("confidence") or 0.0),
        report.fid,
    )


def incident_feature(members: list[Report]) -> dict[str, Any]:
    """The GeoJSON Feature of one incident (without its ``id``)."""
    where = min(members, key=_where)
    place = where.feature["properties"]
    types = [m.feature["properties"]["event_type"] for m in members]
    acts = [t for t in types if t != "casualty"] or types
    dated = [m for m in members if m.span is not None]
    spans = [m.span for m in members if m.span is not None]
    when = min(
        dated,
        key=lambda m: (_PRECISION_ORDER[m.feature["properties"].get("date_precision")], m.span),
        default=None,
    )
    docs: dict[str, date | None] = {}
    for m in members:
        docs.setdefault(m.doc_id, m.reported)
    reported = sorted(d for d in docs.values() if d is not None)
    actors = sorted({a for m in members if (a := m.feature["properties"].get("actor"))})
    props: dict[str, Any] = {
        "kind": "incident",
        "event_type": _most_common(acts),
        "family": _most_common(
            [m.family for m in members if m.family != "casualty"] or ["casualty"]
        ),
        "reports": len(docs),
        "documents": sorted(docs, key=lambda d: (docs[d] or date.max, d)),
        "first_reported": reported[0].isoformat() if reported else None,
        "last_reported": reported[-1].isoformat() if reported else None,
        "date": when.span[0].isoformat() if when and when.span else None,
        "date_precision": when.feature["properties"].get("date_precision") if when else None,
        "date_first": min(span[0] for span in spans).isoformat() if spans else None,
        "date_last": max(span[1] for span in spans).isoformat() if spans else None,
        "place": place.get("place"),
        "country_code": place.get("country_code"),
        "geo_precision": where.geo_precision,
        "actor": actors[0] if len(actors) == 1 else None,
        "actors": actors,
        "events": [
            {
                "fid": m.fid,
                "doc_id": m.doc_id,
                "event_type": m.feature["properties"]["event_type"],
                "date": m.feature["properties"].get("date"),
                "place": m.feature["properties"].get("place"),
                "killed": (m.feature["properties"].get("casualties") or {}).get("killed"),
                "sentence": m.feature["properties"].get("sentence"),
            }
            for m in members
        ],
    }
    casualties = _casualties(members)
    props["killed"] = casualties["killed"] if casualties else None
    if casualties:
        props["casualties"] = casualties
    return {"type": "Feature", "geometry": where.feature.get("geometry"), "properties": props}


def search_box(
    report: Report, rules: Rules = DEFAULT_RULES
) -> tuple[float, float, float, float] | None:
    """``(minx, miny, maxx, maxy)`` degrees around a report's points, wide enough to hold every
    report it can link to (the widest reach); None when it has no position."""
    if not report.points:
        return None
    reach = max(rules.link_km)
    dlat = reach / 110.574
    lats = [p[1] for p in report.points]
    lons = [p[0] for p in report.points]
    far_lat = min(89.0, max(abs(v) for v in lats) + dlat)
    dlon = min(180.0, reach / (111.320 * math.cos(math.radians(far_lat))))
    return min(lons) - dlon, min(lats) - dlat, max(lons) + dlon, max(lats) + dlat
