"""A place must lie inside the container the text states for it.

"2 soldiers were killed in Qarabagh district, Ghazni": Afghanistan has several districts
called Qarabagh, and the one chosen by name and population alone lies in Kabul province.
"Sabon Birni forest (Igabi, Kaduna)" is no district of Sokoto state. Resolution weighs the
stated container, but a populous or well-known namesake can still win. After resolution,
:func:`agree_with_containers` checks each statement of ``gazetteer.containment``: a
resolved name that lies outside its resolved container is read again among the name's
candidates inside it, and without one it is placed at the container (``reading`` and
``source`` "container", the container's feature class and a low confidence), as a name the
index lacks is.

Inside means: in the container's country for a country; in the same admin-1 unit, or
within ADMIN1_KM where the admin-1 code is unknown, for an admin-1 unit; within
OWN_ADMIN2_KM of an admin-2 unit read as one (no district lies inside a namesake district
of the next province); within ADMIN2_KM of a town's: "Maywand district, Kandahar" and
"Guire (Nara, Koulikoro)" name a province and a district by their seats, which the
resolver reads as towns; within NEAR_KM of the town of "the village of X near Y".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise
from typing import Any, Protocol

from core.toponym import Toponym, km_between, region_within
from gazetteer.containment import Statement, find_statements
from gazetteer.normalize import norm_name

ADMIN1_KM = 400.0
ADMIN2_KM = 200.0
NEAR_KM = 40.0
OWN_ADMIN2_KM = 100.0
# Two readings of a name this near are one place in two classes (a district and its seat)
SAME_POINT_KM = 1.0
# A town this populous is what its name means, whatever container the text gives it
BIG_TOWN = 100_000
# Confidence of a place moved to its stated container: a guess at the area, not the spot
CONTAINER_CONFIDENCE = 0.3
_BROAD = frozenset({"country", "region", "water", "continent"})
_CONTAINERS = frozenset({"country", "admin1", "admin2", "city", "village"})


class Searchable(Protocol):
    def search(self, q: str, country: str | None = None, limit: int = 10) -> list[dict]: ...

    def search_spelled(self, q: str, country: str, limit: int = 10) -> list[dict]: ...

    def at_region_point(self, place: Toponym) -> bool: ...


def _at(toponyms: Sequence[Toponym], span: tuple[int, int]) -> Toponym | None:
    """The toponym whose mention overlaps ``span``, if any."""
    start, end = span
    return next((t for t in toponyms if t.start < end and start < t.end), None)


def _inside(
    lat: float, lon: float, admin1: str | None, cc: str | None, outer: Toponym, near: bool
) -> bool:
    """Whether a point (degrees) of country ``cc`` and admin-1 code ``admin1`` lies inside
    ``outer``, or near it when ``near`` (see the module docstring)."""
    if outer.country_code and cc != outer.country_code:
        return False
    if outer.feature_class == "country" or outer.feature_class not in _CONTAINERS:
        return True  # an island or a broad region ("Sumatra") holds too much to check
    probe = replace(outer, lat=lat, lon=lon)
    km = km_between(probe, outer)
    if outer.feature_class == "admin1":
        if not (admin1 and outer.admin1):
            return km <= ADMIN1_KM
        if admin1 == outer.admin1:
            return True
        # Codes of two levels ("MW.S" for a town of Malawi's Southern Region, "MW.S.26"
        # for Balaka district in it): the distance decides
        return _nested(admin1, outer.admin1) and km <= ADMIN2_KM
    if near:
        return km <= NEAR_KM
    if outer.feature_class == "admin2":
        # A district lies in one region: a town of another is outside however near
        # ("Samraong commune, Ou Chrov district" is no Samraong town 90 km off in the next
        # province)
        return km <= OWN_ADMIN2_KM and not _other_region(admin1, outer.admin1)
    return km <= ADMIN2_KM


def _nested(admin1: str, other: str) -> bool:
    """Whether one of two different admin-1 codes holds the other ("MW.S", "MW.S.26")."""
    return admin1 != other and (region_within(admin1, other) or region_within(other, admin1))


def _other_region(admin1: str | None, other: str | None) -> bool:
    """Whether two admin-1 codes are known and name different regions."""
    if not (admin1 and other) or admin1 == other:
        return False
    return not _nested(admin1, other)


def _namesake_inside(
    gaz: Searchable, child: Toponym, outer: Toponym, near: bool
) -> dict[str, Any] | None:
    """The best-ranked candidate of the child's name that lies inside ``outer``, else of
    another spelling of it near ``outer`` (NEAR_KM of a town or district), with ``reading``
    "spelling"."""
    found = _first_inside(
        gaz.search(child.mention, country=outer.country_code, limit=25), outer, near
    )
    if found is not None or not outer.country_code:
        return found
    found = _first_inside(gaz.search_spelled(child.mention, outer.country_code), outer, True)
    return None if found is None else {**found, "reading": "spelling"}


def _first_inside(
    candidates: list[dict[str, Any]], outer: Toponym, near: bool
) -> dict[str, Any] | None:
    """The first of ``candidates`` (``search`` answers) that lies inside ``outer``."""
    for c in candidates:
        if c["feature_class"] in _BROAD:
            continue
        if _inside(c["lat"], c["lon"], c.get("admin1"), c["country_code"], outer, near):
            return c
    return None


def _reread(child: Toponym, c: dict[str, Any], outer: Toponym) -> Toponym:
    return replace(
        child,
        name=c["name"],
        lat=c["lat"],
        lon=c["lon"],
        country_code=c["country_code"],
        feature_class=c["feature_class"],
        geonameid=c["geonameid"],
        source=c["source"],
        bbox=tuple(c["bbox"]) if c.get("bbox") else None,
        admin1=c.get("admin1"),
        container=outer.name,
        reading=c.get("reading", child.reading),
    )


def _at_container(child: Toponym, outer: Toponym) -> Toponym:
    return replace(
        child,
        name=child.mention,
        lat=outer.lat,
        lon=outer.lon,
        country_code=outer.country_code,
        feature_class=outer.feature_class,
        geonameid=None,
        source="container",
        confidence=min(child.confidence, CONTAINER_CONFIDENCE),
        bbox=None,
        admin1=outer.admin1,
        reading="container",
        container=outer.name,
    )


def _checkable(gaz: Searchable, outer: Toponym) -> Toponym:
    """``outer`` as a container to check against: the admin-1 or admin-2 unit of its
    country named like it when the resolver read a town ("Katsina" in "Sabuwa LGA
    (Katsina)" is the state), its region when it is an admin-2 unit placed at its region's
    point ("Doba District, West Hararghe Zone": the zone's point is Oromia's), else itself."""
    if gaz.at_region_point(outer):
        return replace(outer, feature_class="admin1")
    if outer.feature_class not in {"city", "village"}:
        return outer
    for c in gaz.search(outer.mention, country=outer.country_code, limit=10):
        if c["country_code"] == outer.country_code and c["feature_class"] in {"admin1", "admin2"}:
            return replace(
                outer,
                lat=c["lat"],
                lon=c["lon"],
                feature_class=c["feature_class"],
                admin1=c.get("admin1"),
            )
    return outer


def _population(gaz: Searchable, t: Toponym) -> int:
    """The population the index gives the place ``t`` was resolved to (0 if unknown)."""
    for c in gaz.search(t.mention, country=t.country_code, limit=25):
        if c["geonameid"] is not None and c["geonameid"] == t.geonameid:
            return int(c.get("population") or 0)
    return 0


def _containers(st: Statement, tops: list[Toponym], child: Toponym) -> list[Toponym]:
    """The resolved containers of ``st``, finest first: places read by their own whole name
    ("Shabelle" read in "Middle Shabelle" is no reading of the container, nor is the
    adjective of "near the Algerian border")."""
    out = []
    for start, end in st.containers:
        o = _at(tops, (start, end))
        if o is None or o is child or o.reading in {"demonym", "adjective"}:
            continue
        if o.start > start or o.end < end:
            continue
        if st.kind == "near" and o.feature_class == "country":
            continue
        out.append(o)
    return out


def _nests(gaz: Searchable, outers: list[Toponym]) -> bool:
    """Whether each container lies inside the next: "Malam Fatori (Abadan, Borno)" with
    Abadan read as Ibadan, in Oyo state, does not nest, and says nothing about the town."""
    return all(
        _inside(a.lat, a.lon, a.admin1, a.country_code, _checkable(gaz, b), False)
        for a, b in pairwise(outers)
    )


def _as_toponym(like: Toponym, c: dict[str, Any]) -> Toponym:
    return replace(
        like,
        lat=c["lat"],
        lon=c["lon"],
        country_code=c["country_code"],
        feature_class=c["feature_class"],
        admin1=c.get("admin1"),
    )


def _misread_container(gaz: Searchable, child: Toponym, outer: Toponym, near: bool) -> bool:
    """Whether another place of the container's name, or a region of another spelling of
    it in the country of a child read by its name, holds the child: then the container
    was misread ("Nunu Kumba, Jimma Horo district": Ethiopia has two Jimma Horo; "Zaranj
    city, Nimruz" is Afghanistan's Nimroz, not Iran's Nimruz), not the child. A place of the
    name at the container's very point (the district's seat) is the container read as
    another class, no other place."""
    cc = child.country_code
    named = gaz.search(outer.mention, country=cc, limit=25)
    spelled = (
        [
            c
            for c in gaz.search_spelled(outer.mention, cc)
            if c["feature_class"] in {"admin1", "admin2"}
        ]
        if cc and cc != outer.country_code and child.reading == "name"
        else []
    )
    # A town or village of the container's name says the container was misread only when
    # that was read abroad: in its own country a district the text names is no village of
    # the name 100 km off ("Samraong commune, Ou Chrov district" is not moved by a village
    # Ou Chrov near Samraong town)
    abroad = outer.country_code != cc
    return any(
        c["geonameid"] != outer.geonameid
        and (abroad or c["feature_class"] in {"admin1", "admin2"})
        and km_between(_as_toponym(outer, c), outer) > SAME_POINT_KM
        and _inside(child.lat, child.lon, child.admin1, cc, _as_toponym(outer, c), near)
        for c in (*named, *spelled)
        if c["country_code"] == cc
    )


def _confirmed(gaz: Searchable, outers: list[Toponym]) -> bool:
    """Whether the finest of ``outers`` (finest first) lies in the next, as the text states:
    a town read in its stated region is read right."""
    if len(outers) < 2:
        return False
    inner, outer = outers[0], outers[1]
    return outer.feature_class != "country" and _inside(
        inner.lat, inner.lon, inner.admin1, inner.country_code, _checkable(gaz, outer), False
    )


def _same_place(a: Toponym, b: Toponym) -> bool:
    if a.geonameid is not None and b.geonameid is not None:
        return a.geonameid == b.geonameid
    return (a.lat, a.lon, a.feature_class) == (b.lat, b.lon, b.feature_class)


def _seat(gaz: Searchable, st: Statement, tops: list[Toponym]) -> Toponym | None:
    """The child of ``st`` read as the town or village of its name inside its container
    when it was read as the container itself: no place contains itself, and "the town of
    Menaka (Menaka, Menaka)" is the seat of the region named after it; else None."""
    child = _at(tops, st.child)
    if child is None or child.reading == "container":
        return None
    outers = _containers(st, tops, child)
    if not outers or not _same_place(child, outers[0]):
        return None
    outer = outers[0]
    towns = [
        c
        for c in gaz.search(child.mention, country=outer.country_code, limit=25)
        if c["feature_class"] in {"city", "village"}
    ]
    town = _first_inside(towns, outer, False)
    return _reread(child, town, outer) if town is not None else None


def _following_container(st: Statement, tops: list[Toponym], child: Toponym) -> Toponym | None:
    """A name placed at its container, moved with the container when the container was
    read again later ("Aapsikan area of Mand town (Kech district)": Mand first read abroad,
    then in the story's country), or placed at a coarser container than one read since
    ("the 'Nawa' area of Kushki Kuhna district, Herat": the district read by its spelling
    after Qalat was placed at Herat), or None when it is still at the container's reading."""
    outers = _containers(st, tops, child)
    if st.kind == "offset" or not outers:
        return None
    outer = outers[0]
    coarser = (
        outer.name != child.container
        and any(o.name == child.container for o in outers[1:])
        and km_between(child, outer) > SAME_POINT_KM
    )
    if (
        not coarser
        and child.country_code == outer.country_code
        and km_between(child, outer) <= ADMIN2_KM
    ):
        return None
    return _at_container(child, outer)


def _checked(gaz: Searchable, st: Statement, tops: list[Toponym]) -> Toponym | None:
    """The child of ``st`` read again inside its finest resolved container, or None when it
    needs nothing: no child or no container, the child inside one of its containers, a
    city of BIG_TOWN or more in the container's country named by its own name ("Abadan
    (Borno)" is no Ibadan, which GeoNames also calls Abadan), a province said to lie in a town
    ("the Hunan city of Yueyang" is Yueyang in Hunan), containers that do not nest or a
    misread container."""
    child = _at(tops, st.child)
    if child is not None and child.reading == "container":
        return _following_container(st, tops, child)
    if child is None or child.feature_class in _BROAD:
        return None
    if st.kind == "offset" or child.feature_class == "country":
        return None
    # An abbreviation read abroad says little: "TN" is Tamil Nadu, Tennessee or Tunisia
    outers = [
        o
        for o in _containers(st, tops, child)
        if o.reading != "abbreviation" or o.country_code == child.country_code
    ]
    if st.kind == "in" and (
        all(o.country_code == child.country_code for o in outers)
        or child.feature_class not in {"admin2", "city", "village"}
        or _population(gaz, child) >= BIG_TOWN
    ):
        return None
    near = st.kind == "near"
    # A place read by a spelling of its name is weak evidence: it must lie near its
    # container ("Saleem Khil area of Azra district" is no Salam Khel 60 km away)
    tight = near or child.reading == "spelling"
    if not outers:
        return None
    held = [
        _inside(
            child.lat,
            child.lon,
            child.admin1,
            child.country_code,
            o if near else _checkable(gaz, o),
            tight,
        )
        for o in outers
    ]
    outer = outers[0]
    if held[0]:
        # A unit the data places only at its region's point, inside a town the text names
        # in brackets ("Suame town (Kumasi, Ashanti)"): the town says where it is ("in Daraa
        # countryside" names the province)
        if (
            st.kind == "paren"
            and gaz.at_region_point(child)
            and outer.feature_class in {"city", "village"}
        ):
            return _at_container(child, outer)
        return None
    if any(held):
        # Inside a coarser container only ("Tanandava (Beroroha, Atsimo Andrefana)" read as
        # a Tanandava of the region 280 km from Beroroha): a namesake inside the finest
        # container is the place; without one, the finest container when the reading lies
        # farther from it than any district reaches and it lies in the next one as stated
        # (then it was read right: "Hombori (Douentza, Mopti)", 140 km from Douentza town,
        # lies in its vast district), else the reading stays
        found = _namesake_inside(gaz, child, outer if near else _checkable(gaz, outer), near)
        if found is not None:
            return _reread(child, found, outer)
        far = km_between(child, outer) > ADMIN2_KM
        return _at_container(child, outer) if far and _confirmed(gaz, outers) else None
    if (
        (child.feature_class == "admin1" and outer.feature_class != "country")
        or (
            child.country_code == outer.country_code
            and _population(gaz, child) >= BIG_TOWN
            and norm_name(child.mention) == norm_name(child.name)
        )
        or not _nests(gaz, outers)
        or _misread_container(gaz, child, outer, tight)
    ):
        return None
    found = _namesake_inside(gaz, child, outer if near else _checkable(gaz, outer), near)
    return _reread(child, found, outer) if found is not None else _at_container(child, outer)


def chained(statements: list[Statement]) -> list[Statement]:
    """``statements`` with each container's own stated containers appended, finest first:
    in "Islamabad area of Alishing district, Laghman" Islamabad lies in Alishing and so in
    Laghman, which resolves where Alishing may not."""
    by_child = {st.child: st for st in statements if st.kind != "offset"}
    out = []
    for st in statements:
        containers = list(st.containers)
        while (outer := by_child.get(containers[-1])) is not None and not set(
            outer.containers
        ) & set(containers):
            containers.extend(outer.containers)
        out.append(replace(st, containers=tuple(containers)))
    return out


def in_statements(text: str, toponyms: Sequence[Toponym]) -> list[Statement]:
    """ "X in Y" for two places written so, X no broad place and Y read by its name: "a
    civilian in Mansura in Ar-Raqqa" is a Mansura of Syria, not Egypt's city. Kind ``in``
    says less than other statements: it moves a small place only (an admin-2 unit, a town
    under BIG_TOWN: "Winnipeg in the Rural Municipality of Thompson" keeps Winnipeg),
    across countries only ("Mosul in Erbil camps"), and that mention only ("Bangor, New
    South Wales ... named after Bangor in Wales")."""
    return [
        Statement((a.start, a.end), ((b.start, b.end),), "in")
        for a, b in pairwise(toponyms)
        if a.feature_class not in _BROAD
        and b.feature_class in _CONTAINERS
        and b.reading == "name"
        and text[a.end : b.start] in {" in ", " in the "}
    ]


def agree_with_containers(
    text: str,
    toponyms: list[Toponym],
    gaz: Searchable,
    statements: Sequence[Statement] | None = None,
) -> list[Toponym]:
    """``toponyms`` (in text order) with every place that lies outside the container the
    text states for it (``statements``, found in ``text`` when not given), or the
    containers stated for that container, read inside it (see the module docstring), and
    every first place of "X in Y" in Y's country. Every mention of a name moved is moved
    alike."""
    tops = list(toponyms)
    moved: dict[str, Toponym] = {}
    stated = list(find_statements(text) if statements is None else statements)
    children = {st.child for st in stated}
    stated += [st for st in in_statements(text, tops) if st.child not in children]
    # Containers are mostly written after what they contain ("Hidilola, Miyo District,
    # Borena Zone"): the last statements first, so that a child sees its container moved.
    for st in reversed(chained(sorted(stated, key=lambda st: st.child))):
        seat = _seat(gaz, st, tops)
        if seat is not None:  # this mention only: "X, X state" names the state too
            tops = [t if t.start != seat.start else seat for t in tops]
            continue
        fixed = _checked(gaz, st, tops)
        if fixed is not None:
            if st.kind != "in":
                moved[fixed.mention] = fixed
            tops = [t if t.start != fixed.start else fixed for t in tops]
    if not moved:
        return tops
    return [
        replace(moved[t.mention], start=t.start, end=t.end)
        if t.mention in moved and (t.lat, t.lon) != (moved[t.mention].lat, moved[t.mention].lon)
        else t
        for t in tops
    ]
