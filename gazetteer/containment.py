"""Containment the text states: which named place lies inside (or near) which.

Reports write where a small place lies: "Kelbo (Kelbo, Soum)", "Kut city, Wassit
province", "the Karrada district of Baghdad", "Kyiv's Dnipro district", "Tchamilemba
village in Sud-Kivu province", "the village of Qarah near Aleppo", "Dara, 12 km northwest of
Homs". :func:`find_statements` finds these statements with regular expressions over the
raw text (no gazetteer needed); the geoparser then makes a known name agree with its stated
container, and places a name the index lacks at its finest known container (see
``Gazetteer._contain``).

A statement names one contained span (``child``) and its containers, finest first, as the
text wrote them: "Hosingow town (Kismaayo, Lower Juba)" gives the child "Hosingow" and the
containers "Kismaayo" then "Lower Juba". ``kind`` says how: ``paren`` ("X (Y, Z)"),
``admin`` ("X, Y province"), ``part_of`` ("X district of Y", "X village in Y", "X, in
the district of Y"), ``possessive`` ("Y's X district"), ``near`` ("the village of X near
Y"), ``offset`` ("X, 10 km north of Y": ``offset_km`` along ``bearing`` degrees from the
container) or ``in`` ("Mansura in Ar-Raqqa": two resolved places, which
``gazetteer.agreement`` finds itself; it says only which country the first lies in).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from core import regexes

StatementKind = Literal["paren", "admin", "part_of", "possessive", "near", "offset", "in"]

# One capitalised word as written ("Al-Raqqa", "Sana'a", "Mogadishu-Dharkenley").
_WORD = r"[A-Z][^\W_]*(?:['’][^\W_]+)*(?:-[^\W_]+(?:['’][^\W_]+)*)*"
# Lower-case words allowed inside a name: Arabic articles, Romance and Dutch particles.
_PARTICLE = (
    r"(?:al|el|ad|ar|as|ash|at|az|an|ed|er|es|ez|en|de|du|des|la|le|di|da|do|dos|"
    r"bin|ibn|wa|ould|van|von|der|den|y)"
)
# A name: a capitalised word, optionally opened by a lower-case article ("al-Bab"), then
# up to four more capitalised words, each perhaps after a particle ("Deir ez-Zor").
NAME = (
    rf"(?:(?:al|el)[\-‐ ])?{_WORD}"
    rf"(?:(?: |-)(?:{_PARTICLE}[ \-‐])?{_WORD}){{0,4}}"
)
# Words that say what kind of place the child is ("Hosingow town", "Karrada district").
SETTLEMENT_WORDS = (
    r"(?:village|town|city|hamlet|settlement|locality|area|neighbou?rhood|"
    r"quarter|suburb|district|sub-district|subdistrict|camp|refugee camp|"
    r"IDP camp|market|commune|municipality|chiefdom|sector|ward|"
    r"kebele|woreda|county|sub-county|division|subdivision|township|"
    r"tehsil|union|cell|groupement|localite|locality|mahalla|"
    r"(?:international )?airport|airfield|air base)"
)
# Admin words after a container: "Wassit province", "Nineveh governorate".
ADMIN_WORDS = (
    r"(?:province|governorate|state|region|district|county|oblast|division|"
    r"department|prefecture|municipality|LGA|Local Government Area|sub-county|"
    r"commune|zone|woreda|raion|rayon|territory|emirate|wilaya|cercle|"
    r"subdivision|sub-division|sub-prefecture|arrondissement|township|upazila|tehsil)"
)
_BEARINGS = {
    "north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
    "southwest": 225.0, "west": 270.0, "northwest": 315.0,
    "north-east": 45.0, "south-east": 135.0, "south-west": 225.0, "north-west": 315.0,
    "north east": 45.0, "south east": 135.0, "south west": 225.0, "north west": 315.0,
    "nne": 22.5, "ene": 67.5, "ese": 112.5, "sse": 157.5, "ssw": 202.5, "wsw": 247.5,
    "wnw": 292.5, "nnw": 337.5,
}  # fmt: skip
_BEARING = "|".join(sorted((re.escape(b) for b in _BEARINGS), key=len, reverse=True))
_UNITS = {
    "km": 1.0,
    "kms": 1.0,
    "kilometers": 1.0,
    "kilometres": 1.0,
    "kilometer": 1.0,
    "kilometre": 1.0,
    "miles": 1.609344,
    "mile": 1.609344,
    "mi": 1.609344,
}
_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
}

# Natural features named after a place, stated in brackets like it: "Sabon Birni forest
# (Igabi, Kaduna)", "Bari hills (Sahel, Soum)"
FEATURE_WORDS = r"(?:forest|hills?|mountains?|valley|river|lake|reserve|park)"
# An editor's bracket may give another name first: "Blafouri [N'Garoua Gana] (Diffa, Diffa)".
# The child may be told as two kind words ("Hajipir sector area (Haveli district, AJK)"), a
# bracketed unit may carry its kind word or join two names ("(Boe and Quilla, Nimba)").
# An abbreviation with an ampersand or dots ("J&K", "U.P.") closes a bracket as a name does.
_ABBREVIATION = r"[A-Z](?:&[A-Z]|\.[A-Z]|[A-Z]){1,5}\.?"
_BRACKETED = rf"(?:{NAME}(?: and {NAME})?(?: (?:{ADMIN_WORDS}))?|{_ABBREVIATION})"
_PAREN_RE = regexes.compile(
    rf"(?P<child>{NAME})(?: (?:{SETTLEMENT_WORDS}|{FEATURE_WORDS})){{0,2}}"
    rf"(?: \[[^\[\]()]{{1,40}}\])? "
    rf"\((?P<inner>{_BRACKETED}(?:, ?{_BRACKETED}){{0,3}})\)"
)
_ADMIN_RE = regexes.compile(
    rf"(?P<child>{NAME})(?: (?:{SETTLEMENT_WORDS}))?, (?:the )?(?P<c1>{NAME}) "
    rf"(?:{ADMIN_WORDS})\b"
)
# "Ishkamish district, Takhar", "Bora town, Dawe district, Wallo": a kind word then a comma.
_KIND_COMMA_RE = regexes.compile(
    rf"(?P<child>{NAME}) (?:{SETTLEMENT_WORDS}), (?:the )?(?P<c1>{NAME})"
    rf"(?![^\W_]|['’\-]| (?:{ADMIN_WORDS})\b)"
)
# A kind word capitalised, as some reports write them all: "Miyo District, Borena Zone",
# "Gemechis Woreda of West Hararghe Zone", "Hidilola, Miyo District, Borena Zone". Only a
# pair of them states containment: one capitalised word after a name is as often part of
# an organisation's or an event's name ("the Department of Workforce Development, Boone
# County", "March for Babies in DeKalb County").
_CAP_KIND = rf"(?=[A-Z])(?i:{SETTLEMENT_WORDS}|{ADMIN_WORDS})"
_IN = r"(?:, | of | in )(?:the )?"
_CAP_KINDS_RE = regexes.compile(
    rf"(?P<child>{NAME})(?: {_CAP_KIND}{_IN}(?P<c1>{NAME}) {_CAP_KIND}\b"
    rf"|, (?P<c2>{NAME}) {_CAP_KIND}(?={_IN}{NAME} {_CAP_KIND}\b))"
)
# Kind words closing a span as written: "Damboa LGA", "Paletwa Township", "Gubio LGA".
_KIND_TAIL_RE = regexes.compile(rf"(?: (?i:{ADMIN_WORDS}|{SETTLEMENT_WORDS}|LGA|township))+$")
# A local name may be quoted: "the 'Qalat' area of Kushki Kuhna district"
_PART_OF_RE = regexes.compile(
    rf"(?P<q>['‘\"“])?(?P<child>{NAME})(?(q)['’\"”]) (?:{SETTLEMENT_WORDS}) (?:of|in) (?:the )?"
    rf"(?P<c1>{NAME})"
)
# "in Husain Khel of Mohammad Agha district", "at Regi of Deh Rahwod district": a place of a
# local unit the text calls one (not "the Bay of Bengal region": a region is no such unit)
_LOCAL_UNITS = (
    r"(?:district|sub-district|subdistrict|county|sub-county|LGA|woreda|upazila|tehsil|"
    r"township|municipality|commune|raion|rayon|cercle|subdivision|sub-division|"
    r"arrondissement|sub-prefecture)"
)
_OF_UNIT_RE = regexes.compile(
    rf"\b(?:in|at|near) (?P<child>{NAME}) of (?:the )?(?P<c1>{NAME}) {_LOCAL_UNITS}\b"
)
# "Tall Ad Dhahab in Saladin province", "Awe in the Nasarawa state": a name in a region
# the text calls a region.
_IN_REGION_RE = regexes.compile(
    rf"(?P<child>{NAME}) in (?:the )?(?P<c1>{NAME}) (?:{ADMIN_WORDS})\b"
)
# "Bara in the southern countryside of Idleb", "Western Maliha in Dar'a countryside": Syrian,
# Iraqi and Yemeni reporting places a village in the countryside of its district or province.
_COUNTRYSIDE = r"(?:countryside|outskirts|suburbs|desert)"
_IN_COUNTRYSIDE_RE = regexes.compile(
    rf"(?P<child>{NAME})(?: (?:{SETTLEMENT_WORDS}))? in (?:the )?"
    rf"(?:(?:[a-z]+(?:-[a-z]+)? ){{0,2}}{_COUNTRYSIDE} of (?:the )?(?P<c1>{NAME})"
    rf"|(?P<c2>{NAME}) {_COUNTRYSIDE}\b)"
)
# "Sire, in the district of Gemechis", "Kpakan, in the department of Mangodara": a unit
# named after its kind word ("the village of X" names X itself, see _NEAR_RE)
_IN_UNIT_OF_RE = regexes.compile(
    rf"(?P<child>{NAME}),? in the (?:{ADMIN_WORDS}) of (?:the )?(?P<c1>{NAME})"
)
# "Kyiv's Dnipro district", "Sagaing Region's Budalin Township", "Mon State’s Ye township"
_POSSESSIVE_RE = regexes.compile(
    rf"(?P<c1>{NAME})(?: (?i:{ADMIN_WORDS}))?['’]s? (?P<child>{NAME}) "
    rf"(?i:{SETTLEMENT_WORDS}|township)\b"
)
_NEAR_RE = regexes.compile(
    rf"\b(?:village|town|hamlet|settlement|locality|area|district|neighbou?rhood|camp) of "
    rf"(?P<child>{NAME}),? (?P<rel>near|in|outside|close to|on the outskirts of) "
    rf"(?:the )?(?:(?:town|city|village) of )?(?P<c1>{NAME})"
)
# "Hamirpur village near Rapar town": a settlement told by its kind word, near a town
_KIND_NEAR_RE = regexes.compile(
    rf"(?P<child>{NAME}) (?:village|hamlet|settlement|locality) (?:near|close to|outside"
    rf"|on the outskirts of) (?:the )?(?:(?:town|city|village) of )?(?P<c1>{NAME})"
)
# A city's neighbourhood told after the city in one sentence: "in Teresina, Piaui, a man was
# shot in Renascenca neighborhood", "in Acapulco, Guerrero, a man was found in Colonia
# Libertad" (the neighbourhood lies near the city)
_QUARTER_RE = regexes.compile(
    rf"\b[Ii]n (?P<c1>{NAME})(?:, {NAME})?(?: \({NAME}\))?,[^.;()]{{0,140}}?\b(?:in|at) "
    rf"(?:the )?(?:(?:Colonia|Barrio) (?P<child2>{NAME})|(?P<child>{NAME}) "
    rf"(?:neighbou?rhood|colonia|barrio))\b"
)
# "in Maracas, Tunapuna/Piarco, a man was shot", "in El Alto, La Paz, a group of citizens":
# a place and its region after "in", the clause going on after them (not a list: "in
# Alatona, Barikoro, and Songo"); of a region named after two towns, the first states it
_IN_COMMA_RE = regexes.compile(
    rf"\b[Ii]n (?:the )?(?P<child>{NAME}), (?P<c1>{NAME})(?:/{NAME})?"
    rf"(?=, (?!and\b|or\b)[a-z\d]|[.;:]|$)"
)
_OFFSET_RE = regexes.compile(
    rf"(?P<child>{NAME})(?: (?:{SETTLEMENT_WORDS}))?,? (?:(?:which is|which lies|located|"
    rf"situated|lying|some|about|around|approximately|roughly|nearly|almost) ){{0,2}}"
    rf"(?P<n>\d+(?:\.\d+)?|(?i:{'|'.join(_NUMBER_WORDS)}))[ \-]?"
    rf"(?P<unit>(?i:{'|'.join(_UNITS)}))(?: \([^()]{{1,20}}\))? (?:to the )?"
    rf"(?P<dir>(?i:{_BEARING})) of (?:the )?(?:(?:town|city|village) of )?(?P<c1>{NAME})"
)


@dataclass(frozen=True, slots=True)
class Statement:
    """One stated containment: ``child`` (start, end) lies in ``containers`` (finest first)."""

    child: tuple[int, int]
    containers: tuple[tuple[int, int], ...]
    kind: StatementKind
    offset_km: float | None = None
    bearing: float | None = None


def _spans_of(inner: str, base: int) -> list[tuple[int, int]]:
    """The spans of the names of a bracket's list ("Afgooye, Lower Shabelle", or written
    without the space: "Afgooye,Lower Shabelle")."""
    return [(base + m.start(), base + m.end()) for m in re.finditer(r"[^,\s][^,]*", inner)]


# Capitalised words that open a sentence or a date before a name, not part of it.
_LEADING = frozenset(
    {
        "The",
        "In",
        "At",
        "On",
        "Near",
        "From",
        "Around",
        "Outside",
        "Inside",
        "By",
        "Since",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    }
)


def _trim_article(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Drop capitalised function words and dates opening a span ("On Monday In Karrada" ->
    "Karrada")."""
    s, e = span
    while True:
        space = text.find(" ", s, e)
        if space < 0 or text[s:space] not in _LEADING:
            return s, e
        s = space + 1


# Where a name starts: a capital, or a lower-case article before one ("al-Hasakeh"), as NAME
_CAP = r"(?:(?:al|el)[\-‐ ])?[A-Z]"
# Cheap anchors: a pattern is tried only in a window around one (speed: most texts state
# no containment).
_ANCHORS: dict[str, re.Pattern[str]] = {
    "paren": regexes.compile(rf" \((?={_CAP})"),
    "admin": regexes.compile(rf", (?:the )?{_CAP}[^()\n]{{0,80}}? {ADMIN_WORDS}\b"),
    "in_region": regexes.compile(rf" in (?:the )?{_CAP}[^()\n,.]{{0,60}}? {ADMIN_WORDS}\b"),
    "in_unit_of": regexes.compile(rf" in the {ADMIN_WORDS} of (?:the )?{_CAP}"),
    "of_unit": regexes.compile(rf" of (?:the )?{_CAP}[^()\n,.;]{{0,60}}? {_LOCAL_UNITS}\b"),
    "in_countryside": regexes.compile(
        rf" in (?:the )?(?:[a-z-]+ ){{0,2}}{_COUNTRYSIDE} of |[A-Za-z'’] {_COUNTRYSIDE}\b"
    ),
    "kind_comma": regexes.compile(rf" {SETTLEMENT_WORDS}, (?:the )?{_CAP}"),
    "cap_kinds": regexes.compile(rf" {_CAP_KIND}{_IN}{_CAP}"),
    "part_of": regexes.compile(
        rf"[A-Z][^\W_]*['’\"”]? {SETTLEMENT_WORDS} (?:of|in) (?:the )?{_CAP}"
    ),
    "possessive": regexes.compile(
        rf"['’]s? [A-Z][^()\n]{{0,80}}? (?i:{SETTLEMENT_WORDS}|township)\b"
    ),
    "near": regexes.compile(
        r"(?<![^\W_])(?:vil|tow|ham|set|loc|are|dis|nei|cam)[a-z]{1,10} of "
        rf"{_CAP}"
    ),
    "kind_near": regexes.compile(
        rf"(?:village|hamlet|settlement|locality) (?:near|close to|outside|on the outskirts of)"
        rf" (?:the )?(?:(?:town|city|village) of )?{_CAP}"
    ),
    "quarter": regexes.compile(r"(?i:neighbou?rhood|colonia|barrio)\b"),
    "in_comma": regexes.compile(rf"\b[Ii]n (?:the )?{_CAP}[^,.;()\n]{{0,60}}, {_CAP}"),
    "offset": regexes.compile(r"(?:km|kms|kilomet(?:er|re)s?|miles?|Km|KM)\b"),
}
# A speech verb right after a name: a speaker, no container.
_SPEAKS_RE = regexes.compile(
    r",? (?:said|says|told|added|stated|explained|noted|warned|claimed|reported)\b"
)
# How far before and after an anchor a statement may reach.
_BEFORE, _AFTER = 160, 160


def _container_span(m: re.Match[str]) -> tuple[int, int] | None:
    """The span of the (first) container of a statement match, None without one."""
    for group in ("c1", "c2", "inner"):
        if group in m.re.groupindex and m.group(group) is not None:
            return m.span(group)
    return None


def _matches(kind: str, pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` near its anchors, the next searched from the container of
    the last, so that a container may be the child of the next statement ("X, Y
    municipality, Z state")."""
    done = 0
    for a in _ANCHORS[kind].finditer(text):
        if a.start() < done:
            continue
        lo = max(
            done,
            a.start() if kind == "near" else text.rfind(" ", 0, max(0, a.start() - _BEFORE)) + 1,
        )
        hi = min(len(text), a.end() + _AFTER)
        pos = lo
        while (m := pattern.search(text, pos, hi)) is not None:
            yield m
            container = _container_span(m)
            pos = max(container[0] if container else m.start(), m.start() + 1)
            done = m.end()
        done = max(done, a.end())


def _bare(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The span without a kind word closing it ("Damboa LGA" -> "Damboa")."""
    s, e = span
    m = _KIND_TAIL_RE.search(text, s, e)
    return (s, m.start()) if m is not None and m.start() > s else (s, e)


def find_statements(text: str) -> list[Statement]:
    """Every containment the text states, in text order (see the module docstring); a
    "container" that speaks is a person ("neighbourhoods of Djibouti city, Farah said")."""
    out = [
        Statement(
            _bare(text, s.child),
            tuple(_bare(text, c) for c in s.containers),
            s.kind,
            s.offset_km,
            s.bearing,
        )
        for s in _statements(text)
        if not _SPEAKS_RE.match(text, s.containers[-1][1])
    ]
    return sorted(out, key=lambda s: s.child)


def _statements(text: str) -> list[Statement]:
    out: list[Statement] = []
    for m in _matches("paren", _PAREN_RE, text):
        spans = _spans_of(m.group("inner"), m.start("inner"))
        out.append(Statement(_trim_article(text, m.span("child")), tuple(spans), "paren"))
        # the list nests too: in "(Yamba, Gourma)" the department lies in the province
        # ("(Menaka, Menaka)", a unit named after the region, says nothing to check)
        out.extend(
            Statement(a, (b,), "paren")
            for a, b in pairwise(spans)
            if text[a[0] : a[1]] != text[b[0] : b[1]]
        )
    for m in _matches("admin", _ADMIN_RE, text):
        out.append(Statement(_trim_article(text, m.span("child")), (m.span("c1"),), "admin"))
    for m in _matches("in_comma", _IN_COMMA_RE, text):
        out.append(Statement(_trim_article(text, m.span("child")), (m.span("c1"),), "admin"))
    for m in _matches("kind_comma", _KIND_COMMA_RE, text):
        out.append(Statement(_trim_article(text, m.span("child")), (m.span("c1"),), "admin"))
    for m in _matches("cap_kinds", _CAP_KINDS_RE, text):
        if (span := _container_span(m)) is not None:
            out.append(Statement(_trim_article(text, m.span("child")), (span,), "admin"))
    for m in _matches("in_region", _IN_REGION_RE, text):
        out.append(Statement(_trim_article(text, m.span("child")), (m.span("c1"),), "part_of"))
    for m in _matches("in_unit_of", _IN_UNIT_OF_RE, text):
        out.append(Statement(_trim_article(text, m.span("child")), (m.span("c1"),), "part_of"))
    for m in _matches("of_unit", _OF_UNIT_RE, text):
        out.append(Statement(m.span("child"), (m.span("c1"),), "part_of"))
    for m in _matches("in_countryside", _IN_COUNTRYSIDE_RE, text):
        if (span := _container_span(m)) is not None:
            out.append(Statement(_trim_article(text, m.span("child")), (span,), "part_of"))
    for m in _matches("part_of", _PART_OF_RE, text):
        out.append(Statement(_trim_article(text, m.span("child")), (m.span("c1"),), "part_of"))
    for m in _matches("possessive", _POSSESSIVE_RE, text):
        out.append(Statement(m.span("child"), (_trim_article(text, m.span("c1")),), "possessive"))
    for m in _matches("near", _NEAR_RE, text):
        kind: StatementKind = "part_of" if m.group("rel") == "in" else "near"
        out.append(Statement(m.span("child"), (m.span("c1"),), kind))
    for m in _matches("kind_near", _KIND_NEAR_RE, text):
        out.append(Statement(_trim_article(text, m.span("child")), (m.span("c1"),), "near"))
    for m in _matches("quarter", _QUARTER_RE, text):
        child = "child" if m.group("child") is not None else "child2"
        out.append(Statement(m.span(child), (m.span("c1"),), "near"))
    for m in _matches("offset", _OFFSET_RE, text):
        if not m.group("child")[0].isupper() or not m.group("c1")[0].isupper():
            continue
        n = m.group("n").lower()
        km = (float(n) if n[0].isdigit() else _NUMBER_WORDS[n]) * _UNITS[m.group("unit").lower()]
        out.append(
            Statement(
                _trim_article(text, m.span("child")),
                (m.span("c1"),),
                "offset",
                offset_km=km,
                bearing=_BEARINGS[m.group("dir").lower()],
            )
        )
    return out


def offset_point(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    """The point ``km`` from (lat, lon) along ``bearing`` degrees (spherical Earth)."""
    r = km / 6371.0088
    p1, l1, b = math.radians(lat), math.radians(lon), math.radians(bearing)
    p2 = math.asin(math.sin(p1) * math.cos(r) + math.cos(p1) * math.sin(r) * math.cos(b))
    l2 = l1 + math.atan2(
        math.sin(b) * math.sin(r) * math.cos(p1), math.cos(r) - math.sin(p1) * math.sin(p2)
    )
    return math.degrees(p2), (math.degrees(l2) + 540.0) % 360.0 - 180.0
