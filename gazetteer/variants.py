"""Names spelled another way than the index spells them, in a story about their country.

Reports transliterate names from Arabic, Burmese, Pashto... each their own way: "Deir
Ezzor", "Der-Ezzor" and "Deir ez-Zor" (Dayr az Zawr), "Menbej" (Manbij), "Albukamal" and
"Bokamal" (Abu Kamal), "Jesr al-Shughour" (Jisr ash Shughur), "Al-Raqqah" (Ar Raqqah). No
list holds every spelling. :func:`spelling_key` maps a name to a key that most spellings
share: Arabic articles dropped (standing alone, hyphenated, or glued to a long word:
"Albukamal"), a closing "h" dropped, then its consonants with doubled letters once ("drzr"
for all three spellings of Deir ez-Zor); a name of fewer than MIN_CONSONANTS consonants
keeps its vowels ("~raqqa"), as too many names share a short skeleton.

:func:`find_spelled_places` reads a capitalised name the geoparser left unread as a place
only where the text calls it one ("in X", "X city", "the countryside of X", "shelled X")
and only among the places of the countries the story names: a key shared by many places
of the world is one place inside one country. The toponym has ``reading`` "spelling".
"""

from __future__ import annotations

import argparse
import logging
import pickle
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from core.toponym import FeatureClass, Reading, Source, Toponym, haversine_km
from gazetteer.normalize import ARABIC_ARTICLE_COUNTRIES, ARABIC_ARTICLES, norm_name

if TYPE_CHECKING:
    from gazetteer.geoparser import Gazetteer

log = logging.getLogger(__name__)
SPELLINGS_FILE = "spellings.pkl"
_FORMAT = 5
_KINDS = ("admin1", "admin2", "city", "village")

MIN_CONSONANTS = 4
# A town this populous is read by a spelling of its name even in a story that names no
# country ("Shells target Deir Ezzor city"), when no other such town shares the key
WORLD_POPULATION = 50_000
# Confidence of a place read by a spelling of its name: likely, not certain
SPELLING_CONFIDENCE = 0.5
# A spelling is weak evidence: its place lies within this of some other town or region the
# text names in that country, when it names any ("Jojodagra village (West Singhbhum,
# Jharkhand)" is no spelling of Yadgir, Karnataka, 1,070 km off)
SPELLED_NEAR_KM = 200.0
# A name that opens with the Arabic article ("al-Tank", "Al Bukhater", "ar-Raqqa"; not "El",
# which Spanish names share) is spelled from Arabic: its place lies where names carry it.
_ARABIC_ARTICLE_RE = re.compile(r"(?:[Aa]l|AL)[-‐ ]|(?:el|ar|as|ash|ad|an|at|az|ez|es|ed)[-‐]")
_NO_VOWELS = str.maketrans("", "", "aeiouyw")
# In the Arab countries qaf is written q, k or, as Libyans, Sudanese and Gulf Arabs say it, g
# ("Garabulli", "Qarabulli"; "Kuneitra", "Quneitra"): one consonant of the key there; "gh"
# (ghain) stays apart, and elsewhere g and k are other sounds ("Gorodaga", "Korodougou")
_QAF = re.compile(r"q|g(?!h)")
_SPLIT = re.compile(r"[\s\-‐'’]+")
_DOUBLE = re.compile(r"(.)\1+")
# A capitalised name (1-3 words, Arabic article and particles allowed) the text calls a place
_NAME = (
    r"(?:(?:al|el|Al|El)[-‐ ])?[A-Z][a-z'’]+(?:[-‐][A-Za-z'’]+)*"
    r"(?:\s+(?:(?:al|el|ash|as|ad|an|ar|at|az|ez|es|ed|bin|ibn)[-‐ ])?"
    r"[A-Z][a-z'’]+(?:[-‐][A-Za-z'’]+)*){0,2}"
)
_CUED = re.compile(
    rf"\b(?:in|of|at|near|on|outside|around|into|towards?|shell(?:s|ed|ing)?|bomb(?:s|ed|ing)?"
    rf"|targets?|targeted|raid(?:s|ed)?|hits?|stormed?|seized?|captured?|reached)\s+"
    rf"(?:the\s+)?(?:(?:\w+\s+)?(?:countryside|outskirts|vicinity|suburbs|city|town|village|area"
    rf"|province|governorate|desert)\s+of\s+(?:the\s+)?)?(?P<a>{_NAME})"
    rf"|(?P<b>{_NAME})\s+(?:city|town|village|countryside|province|governorate|district|area"
    rf"|desert|neighbou?rhood|camp)\b"
)
_NOT_PLACES = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "the", "this", "that", "these", "those",
})  # fmt: skip


def spelling_key(name: str, country: str = "") -> str:
    """The key most spellings of ``name`` share in ``country`` (ISO alpha-2; see the module
    docstring)."""
    return key_spelling(norm_name(name), country)


def key_spelling(key: str, country: str = "") -> str:
    """:func:`spelling_key` of a name already normalised (``gazetteer.normalize.norm_name``)."""
    words = [w for w in _SPLIT.split(key) if w and w not in ARABIC_ARTICLES]
    joined = "".join(w[2:] if w[:2] in ("al", "el") and len(w) > 6 else w for w in words)
    joined = joined.removesuffix("h")
    consonants = joined.translate(_NO_VOWELS)
    if country in ARABIC_ARTICLE_COUNTRIES:
        consonants = _QAF.sub("k", consonants)
    consonants = _DOUBLE.sub(r"\1", consonants)
    if len(consonants) >= MIN_CONSONANTS:
        return consonants
    return "~" + _DOUBLE.sub(r"\1", joined)


@dataclass(frozen=True, slots=True)
class Place:
    """What a spelled name resolves to: one place of the index."""

    name: str
    lat: float
    lon: float
    country_code: str
    feature_class: FeatureClass
    geonameid: int | None
    source: Source
    admin1: str | None
    population: int


class Spellings:
    """Places of the index by :func:`spelling_key` of their names and by country, for one
    lookup per country: towns, villages and admin units. Each country's table (spelling key
    to place indices of the index) is kept pickled and read on its first lookup: a story
    names a few countries, and a process that starts reads none (0.3 s and 250 MB less)."""

    def __init__(self, packed: dict[str, bytes]) -> None:
        self.packed = packed
        self._tables: dict[str, dict[str, tuple[int, ...]]] = {}

    @classmethod
    def of(cls, entries: Iterable[tuple[str, int, str, int]]) -> Spellings:
        """From (normalised name, place index, country code, population) quadruples; towns
        of WORLD_POPULATION or more are also listed under the country code ""."""
        found: dict[str, dict[str, dict[int, None]]] = {}
        keys: dict[tuple[str, bool], str] = {}
        for name, idx, cc, population in entries:
            for country in (cc, "") if population >= WORLD_POPULATION else (cc,):
                arabic = country in ARABIC_ARTICLE_COUNTRIES
                key = keys.get((name, arabic))
                if key is None:
                    key = keys[name, arabic] = key_spelling(name, country)
                found.setdefault(country, {}).setdefault(key, {})[idx] = None
        return cls(
            {
                cc: pickle.dumps({k: tuple(sorted(v)) for k, v in table.items()})
                for cc, table in found.items()
            }
        )

    def table(self, cc: str) -> dict[str, tuple[int, ...]]:
        """The spelling keys of the country ``cc`` ("" for the world's big towns)."""
        table = self._tables.get(cc)
        if table is None:
            blob = self.packed.get(cc)
            table = self._tables[cc] = pickle.loads(blob) if blob is not None else {}
        return table

    def lookup(
        self, name: str, countries: Iterable[str], place: Callable[[int], Place]
    ) -> Place | None:
        """The place of the countries ``countries`` whose name ``name`` spells, the most
        populous where several share the key; None when none or two equally big do."""
        found = [
            place(i) for cc in countries for i in self.table(cc).get(spelling_key(name, cc), ())
        ]
        if not found:
            return None
        found.sort(key=lambda p: p.population, reverse=True)
        tied = len(found) > 1 and found[0].population == found[1].population
        if tied or (list(countries) == [""] and len(found) > 1):
            return None
        return found[0]


def build_spellings(gaz: Gazetteer) -> Spellings:
    """The spellings of every town, village and admin unit of ``gaz`` (about 10 s), and of
    the villages a national register names (``story_names``: "Dolomytne" spells Dolomitne),
    which a lookup only finds in a story about their country, as every spelling."""
    kinds = {gaz._fc_names.index(k) for k in _KINDS}
    cc, fclass, pop = gaz._cc, gaz._fclass, gaz._pop
    registers = (names.items() for names in gaz._story_names.values())
    return Spellings.of(
        (key, i, c, pop[i])
        for key, ids in chain(gaz._names.items(), *registers)
        for i in ids
        if fclass[i] in kinds and (c := cc[i])
    )


def _fingerprint(data_dir: Path) -> tuple[int, int]:
    """Which index a spellings file was built from: its size, and this module's format."""
    return (data_dir / "index.pkl").stat().st_size, _FORMAT


def save_spellings(spellings: Spellings, data_dir: Path) -> Path:
    """Write ``spellings`` beside the index in ``data_dir``; the file written."""
    path = Path(data_dir) / SPELLINGS_FILE
    with path.open("wb") as fh:
        pickle.dump({"of": _fingerprint(Path(data_dir)), "packed": spellings.packed}, fh)
    return path


def load_spellings(gaz: Gazetteer, data_dir: Path | None) -> Spellings:
    """The spellings saved beside the index in ``data_dir`` by ``make install``, or built
    now (with a warning) when the file is missing or belongs to another index."""
    if data_dir is not None:
        path = Path(data_dir) / SPELLINGS_FILE
        try:
            with path.open("rb") as fh:
                saved = pickle.load(fh)
            if saved.get("of") == _fingerprint(Path(data_dir)):
                return Spellings(saved["packed"])
        except (OSError, pickle.UnpicklingError, EOFError):
            pass
        log.warning("%s is missing or stale: building spellings (run `make install`)", path)
    return build_spellings(gaz)


def _cued_names(text: str) -> Iterable[tuple[int, int, str]]:
    for m in _CUED.finditer(text):
        group = "a" if m.group("a") else "b"
        yield m.start(group), m.end(group), m.group(group)


def find_spelled_places(
    text: str,
    toponyms: Sequence[Toponym],
    spellings: Callable[[], Spellings],
    place_of: Callable[[int], Place],
    is_other: Callable[[str], bool],
    hints: Sequence[str] = (),
    own_name: Callable[[str], Place | None] = lambda name: None,
    contained: frozenset[tuple[int, int]] = frozenset(),
) -> list[Toponym]:
    """``toponyms`` with the places ``text`` names by another spelling added (in text
    order): places of the countries the story names, or of the world's big towns in a story
    that names none. ``spellings`` gives the index of spellings, asked for only when a name
    needs it; ``is_other`` says whether a name is something else (an organisation, a
    person, an English word). ``own_name`` reads a name by its own spelling where the
    geoparser could not: a village of a national register read only in a story about its
    country ("near Novoluhanske", with Ukraine unnamed), when no other place bears it.
    A spelling far from the places the text names in its country is no reading (see
    SPELLED_NEAR_KM), unless the name is one of the spans ``contained`` that the text states
    a container for: ``gazetteer.agreement`` reads it there."""
    countries = list(dict.fromkeys([*hints, *(t.country_code for t in toponyms if t.country_code)]))
    if not countries:
        countries = [""]  # the world's big towns only
    taken = [(t.start, t.end) for t in toponyms]
    added: list[Toponym] = []
    for start, end, name in _cued_names(text):
        if any(s < end and start < e for s, e in taken) or name.split()[0].lower() in _NOT_PLACES:
            continue
        if is_other(name):
            continue
        place = own_name(name)
        reading: Reading = "name"
        if place is None:
            place, reading = spellings().lookup(name, countries, place_of), "spelling"
        if place is None or (
            reading == "spelling"
            and (
                ((start, end) not in contained and _far_from_its_country(place, toponyms))
                or _article_abroad(name, place)
            )
        ):
            continue
        taken.append((start, end))
        added.append(
            Toponym(
                start=start,
                end=end,
                mention=name,
                name=place.name,
                lat=place.lat,
                lon=place.lon,
                country_code=place.country_code,
                feature_class=place.feature_class,
                geonameid=place.geonameid,
                source=place.source,
                confidence=SPELLING_CONFIDENCE,
                admin1=place.admin1,
                reading=reading,
            )
        )
    if not added:
        return list(toponyms)
    return sorted([*toponyms, *added], key=lambda t: t.start)


def _article_abroad(name: str, place: Place) -> bool:
    """Whether ``name`` opens with the Arabic article and ``place`` lies in a country whose
    names do not carry it ("al-Tank" is no spelling of Tonk, India)."""
    return (
        bool(_ARABIC_ARTICLE_RE.match(name)) and place.country_code not in ARABIC_ARTICLE_COUNTRIES
    )


def _far_from_its_country(place: Place, toponyms: Sequence[Toponym]) -> bool:
    """Whether the text names towns or regions of ``place``'s country by their own names,
    all over SPELLED_NEAR_KM from it."""
    others = [
        t
        for t in toponyms
        if t.country_code == place.country_code
        and t.feature_class in _KINDS
        and t.reading == "name"
    ]
    return bool(others) and all(
        haversine_km(place.lat, place.lon, t.lat, t.lon) > SPELLED_NEAR_KM for t in others
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Build the spellings file beside the index.")
    parser.add_argument("--data-dir", type=Path, default=Path("var/gazetteer"))
    args = parser.parse_args()
    from gazetteer import load

    path = save_spellings(build_spellings(load(args.data_dir)), args.data_dir)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
