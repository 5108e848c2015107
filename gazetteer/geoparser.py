"""Find place mentions in English text and resolve them against the compact index.

Recognition is dictionary matching over token n-grams (see ``gazetteer.normalize``) with
filters for look-alikes (the ordered table of ``gazetteer.filters``); resolution scores
every candidate place of a mention with a prior (feature class, population) and the
document's context (country focus, co-mentioned admin-1 regions, distance to the other
places, "Paris, Texas" containment, the caller's country hint). Names the index lacks are
inferred from the towns listed with them.

Decisions
- Demonyms: a singular adjectival form that modifies a noun ("Turkish air space", "Syrian
  army", "French lawmakers") is a mention of its country (feature class ``country``); it
  locates the country, and events may use it. Plural nouns ("Americans", "Syrians") are not
  mentions. GeoWebNews and TR-News annotate the adjectives; GeoVirus does not, so
  ``bench.accuracy`` also reports a run without them. ``Gazetteer.is_demonym`` tells them
  apart.
- Country names always resolve to the country (or, for "Georgia", possibly an admin-1 region
  of another country), never to a town of the same name.
- Look-alikes inside longer names are dropped: newspapers ("New York Times", "Washington
  Post"), persons ("Jordan Henderson", "Paris Hilton", "John Kerry": given-name and surname
  lists of the US Census), and one-word town names that are English words or surnames
  unless a place cue ("in", "town of", "X, Texas") supports them.
- Persons: a given name (US Census lists plus international names in
  ``data/wordlists.json``) before a capitalised word ("Vladimir Putin", "Sydney Sweeney"),
  a title before a name ("President Jordan", "Mayor Houston"), and a surname the text has
  given a person ("Abbas" after "Mahmoud Abbas") are no place mentions.
- Datelines ("KYIV, Ukraine (AP) —", "BEIRUT (Reuters) -") are places even in capitals and
  resolve to towns. Codes that are words ("CAR", "US") count only in capitals; currencies
  ("US$") and pathogens ("Marburg virus") are no mentions.
- Regions against towns: a state's own name stays the state unless the text supports a
  namesake town (its container next to it, or another town or county of its state); in a
  list of states it is the state; after "Town, " it is the container region; a city of a
  million or more named like its own region is the city ("New York", "Lagos"). A local
  story pulls ambiguous towns into the state it names or in which most of its places lie.
- Organisations, armed groups, news agencies and outlets, and parties named like places
  ("Hamas" is an alternate name of Hamm, "Xinhua" and "Dawa" name towns) are listed in
  ``data/organisations.json`` (``gazetteer.organisations``, shared with the events stage)
  and never make a mention, nor does any part of them ("Hamas-run", "Islamic Dawa Party"),
  but for a demonym opening the name, read as the adjective it is ("Syrian Democratic
  Forces", "European Union", as the evaluation corpora annotate it). "the al-Fara family",
  "the Uwa people", "the Shama clan" name peoples, not places.
- Containment the text states (``gazetteer.containment``: "X (Y, Z)", "X, Y province",
  "X district of Y", "Y's X district", "X village in Y", "the village of X near Y", "X in Y
  governorate", "X district, Y", "X, 12 km northwest of Y") decides: a reading outside its
  stated container yields to one inside ("Kut city, Wasit province" is in Iraq), the pair
  of readings that agree winning by their summed scores; the last container of "X (Y, Z)"
  is an administrative unit where one bears the name ("Bam" of Burkina Faso); a name the
  index lacks (or a small namesake abroad) is placed at its finest known container with
  ``source`` and ``reading`` "container", the container's feature class (its precision),
  a low confidence and ``container`` naming it; an offset gives a point along the bearing.
  A name the filters drop (a surname: "Hays") is a place where a namesake lies inside its
  stated container. Each toponym says how it was read (``reading``).
- Story focus: a small place (village, town under STRAY_POPULATION, admin-2 unit) is read
  in the countries the story names where it has a namesake there; a country named only by
  an adjective ("Turkish shelling on Afrin") supports its towns at half weight and holds
  no stray town. A list makes its unknown member an inferred village only when the other
  members are towns (not regions) and no given name or title opens the name.
- A town and the small region named after it ("Idlib", "Rafah", "Jenin", "Al Hudaydah"):
  the bare name is the town; "Idlib province", "the governorate of Idlib", a list of
  regions or "Town, Idlib" make it the region (see SEAT_KM).
- Spellings: an apostrophe inside a transliteration closes up ("Sana'a" = "Sanaa"), and the
  index also keys Arabic town names without their article ("Hodeidah" for El-Hodeidah),
  with "al"/"el" exchanged and "-ah" written "-a" (``gazetteer.build``).
- A small town abroad that nothing in a focused story supports ("Tawila" in a report on
  Darfur, known to the index only as a Yemeni village) is a namesake of a place the index
  lacks: it becomes an inferred village at the nearest place of the story's country, with
  a low confidence (see Gazetteer._stray). Big places ("Paris") and places with their
  country or region in the text keep their reading.
- Exonyms: a town named by an alternate name that many spellings attest ("Odessa",
  "Odesa", "Odessza" for Odesa; "Palmyra" for Tadmur) keeps the own-name weight when it is
  five times as populous as every town of that very name and lies in another country: the
  namesakes ("Odessa, Texas") were named after it. One-off alternates ("Berea" for Aleppo,
  "Manhattan" for New York City) do not (see ``gazetteer.build``).
- An Arabic article in lower case starts the name ("al-Bab", "el-Fasher"); a run of
  capitalised English words before a small town's name ("Let Yet Kone") makes a longer
  name the index lacks: one low-confidence mention over the run, placed by its head or by
  the story (see Gazetteer._common_run).
- One sense per name: a one-word name that is also a word or surname, without a place cue
  ("Oxford is ..."), is the city of 150,000 or more when the text places that name
  elsewhere ("in Oxford").
- A town under 50,000 named by an English word or surname that nothing else in the text
  supports ("in Muse": a Pennsylvania village) keeps its reading with a confidence of at
  most 0.5.
- Speakers ("according to Yap,", "complained Hartl.", "Sambo commented") and given names
  before a surname particle ("Dennis van Houten") are persons, not small towns.
- Named storms ("Cyclone Chido"), venues ("Stade de France", "the Emirates" in a football
  story), commands and cups ("U.S. Africa Command", "Africa Cup") and named fires ("the
  Franklin fire") are no place mentions; "Emirates" alone is the country only where the
  text names it or a country near it (``context_only`` in ``data/wordlists.json``).
- An Arabic head word ("Wad", "Umm", "Kafr", "Deir"...) before a small town's name makes one
  longer name the index lacks ("Wad al-Noura"), placed by the story.
- A country named only by an adjective ("Ukrainian drones") is an actor: it does not hold a
  stray small town abroad in that country (see Gazetteer._stray).
- A name before "-led", "-backed", "-held"... ("Saudi-led coalition", "Turkey backed
  factions", "the Chand-led outfit") names a sponsor or holder, no setting: it adds nothing
  to the story's countries (SPONSOR_AFTER_RE).
- No statistical NER runs at geoparse time: spaCy's small model (about 5,000 words/s) would
  cap the pipeline far below the 300 documents/s target; its English vocabulary (the
  lemmatizer tables) is used at build time instead.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from core.toponym import FeatureClass as FeatureClassName
from core.toponym import Reading, Source, Toponym
from gazetteer.agreement import agree_with_containers
from gazetteer.containment import Statement, find_statements, offset_point
from gazetteer.filters import DETERMINERS, DOUBT, KEEP, DocWords, Look, Mention, judge
from gazetteer.nametable import NameTable
from gazetteer.normalize import (
    ARABIC_ARTICLE_COUNTRIES,
    ARABIC_ARTICLES,
    norm_name,
    norm_token,
    skeleton,
    word_spans,
)
from gazetteer.organisations import organisation_matcher
from gazetteer.schema import (
    ADMIN1,
    ADMIN2,
    CITY,
    COUNTRY,
    FEATURE_CLASSES,
    GEOBOUNDARIES,
    REGION,
    SOURCES,
    SUPPLEMENT,
    VILLAGE,
    WATER,
    Index,
)
from gazetteer.variants import (
    Place,
    Spellings,
    find_spelled_places,
    load_spellings,
    spelling_key,
)

MAX_NAME_TOKENS = 7
# "Calif.", "N.Y.", "W.Va.", "P.E.I." and two-letter postal codes.
ABBREVIATION_RE = re.compile(r"(?:[A-Z][a-z]{0,4}\.){1,3}")
POSTAL_RE = re.compile(r"[A-Z]{2}(?!\w|\.\w)")
# Separators of a list of places: "A, B and C", "A or B".
LIST_GAP_RE = re.compile(r",? (?:and|or) |, ")
LIST_GAP_BEFORE_RE = re.compile(r"(?:,? (?:and|or) |, )$")
SETTLEMENT_BEFORE_RE = re.compile(
    r"\b(?:village|villages|town|towns|hamlet|settlement|suburb|neighbou?rhood)s?"
    r"(?: of)? $",
    re.IGNORECASE,
)
SETTLEMENT_AFTER_RE = re.compile(r" (?:village|town|hamlet|settlement)\b")
# A name that only a namesake abroad bears, followed by a word for a group of people or a
# campaign, names the group or the campaign ("Donso militiamen", "the Koli caste", "the
# Balanda clan", "the “Olive Branch” operation"), not a place; "El Vado community" is a
# village (as Latin American reports call them), "the Gurage and Silte communities" peoples
GROUP_AFTER_RE = re.compile(
    r"['’”\"]? (?:militiam[ae]n|militias?|fighters|hunters|rebels|insurgents|tribesm[ae]n"
    r"|clans?|castes?|tribes?|communities|peoples?|movement|government|operation)\b",
    re.IGNORECASE,
)
# A name the text calls a settlement, perhaps with another name in brackets between
# ("Kant Kaw Myaing (NaTaLa) village", "the village of Monge", "Kokoun and Banko villages")
SETTLEMENT_CUE_AFTER_RE = re.compile(
    r"(?: \([^()]{1,30}\))?(?: and [A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?)? (?:villages?|towns?"
    r"|hamlets?|settlements?)\b"
)


# A country named as the sponsor or holder of others ("Saudi-led coalition airstrikes",
# "Turkish-backed factions", "Russian-held Melitopol") is no setting of the story: the
# coalition bombs Yemen, the factions fight in Syria, Melitopol lies in Ukraine
SPONSOR_AFTER_RE = re.compile(
    r"[-‐](?:led|backed|supported|sponsored|funded|financed|armed|trained|allied|aligned"
    r"|affiliated|brokered|mediated|occupied|controlled|held|installed|appointed)\b"
    # unhyphenated only where no verb or adjective reads the same: "Turkey backed factions",
    # not "Malian armed forces", "Djibouti led by ...", "Aleppo held a vigil"
    r"|\s(?:led|backed)\b(?!\s+by\b)"
)
# A region's word before a name read without it: "Middle Shabelle", "Lower Juba"
CLIPPED_PREFIX_RE = re.compile(
    r"\b(?:Middle|Lower|Upper|Northern|Southern|Eastern|Western|Central|Greater|North|South"
    r"|East|West) \Z"
)
# "the village of Monge" (but "towns of Daraa countryside" names a region)
SETTLEMENT_CUE_BEFORE_RE = re.compile(r"\b(?:village|town|hamlet|settlement)(?: of)? $")


def _settlement_cue(text: str, start: int, end: int) -> bool:
    """Whether the text calls the name at ``start``-``end`` a village, town or hamlet."""
    return bool(
        SETTLEMENT_CUE_BEFORE_RE.search(text[max(0, start - 40) : start])
        or SETTLEMENT_CUE_AFTER_RE.match(text, end)
    )


# A dateline opens a story or paragraph: "KYIV, Ukraine (AP) —", "BEIRUT (Reuters) -",
# "GAZA CITY —". Its capitalised head names where the story was filed.
DATELINE_RE = re.compile(
    r"(?m)^[ \t\"“(]*(?P<head>[A-Z][A-Z'’.\-]+(?:[ \t]+[A-Z][A-Z'’.\-]+){0,3})\)?"
    r"(?:,[ \t]+[^\n()—–]{1,40}?)?[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?(?:—|–|--?)[ \t]"
)
# A town named like a state or province ("California, Pennsylvania") needs support from the
# text unless it is at least this large ("New York", "Washington").
ADMIN1_NAMESAKE_POPULATION = 100_000
# "the province of X": words before "of" that make X an admin-1 region.
_REGION_BEFORE = frozenset(
    {
        "province",
        "governorate",
        "state",
        "oblast",
        "region",
        "prefecture",
        "krai",
        "wilaya",
        "voivodeship",
    }
)
# What a mention's place must be, by its role: a container or a dateline.
_REGION, _TOWN, _ADMIN = 1, 2, 3
# A name, the mention of its container (or -1) and its role: one sense each.
Group = tuple[str, int, int]
# A stated span no mention names whole, the mention of its finest known container, the
# mention of a known word inside it (or -1), and the statement (see Gazetteer._links).
Unknown = tuple[tuple[int, int], int, int, Statement]
_WANTED = {_REGION: (0, 1), _TOWN: (3, 4), _ADMIN: (0, 1, 2)}
# Stated containment (see ``gazetteer.containment``): how far from a container's point a
# place may lie and still be inside it, by the container's class: admin-2 units (whose
# point is that of their towns), towns (a district of a city), regions and water.
INSIDE_ADMIN2_KM = 120.0
# Words after a name that make it a settlement ("Amara city", "Bor town").
_TOWN_WORDS = frozenset({"city", "town", "village"})
# A town container often stands for the district or province named after it ("Kot Diji
# town (Khairpur, Sindh)").
INSIDE_TOWN_KM = 120.0
INSIDE_REGION_KM = 400.0
# A town this far from the town or admin-2 unit the text places it in is a namesake.
STATED_FAR_KM = 300.0
# A name the index lacks placed at its stated container, and a known small place moved
# there because none of its namesakes lies inside the container.
CONTAINER_CONFIDENCE = 0.3
MOVED_CONFIDENCE = 0.35
# Feature class a place named only through its container gets (so events get the
# container's precision): a village in a town's district is "village".
_CONTAINED_CLASS: dict[str, FeatureClassName] = {
    "admin1": "admin1",
    "admin2": "admin2",
    "city": "village",
    "village": "village",
    "region": "region",
    "water": "region",
    "other": "village",
}
# A sentence-initial "Oxford is" is the city when the text names the city elsewhere.
RESTORE_POPULATION = 150_000
# Capitalised words before a name that leave it the name ("Northern Kone", "Greater Cairo").
_QUALIFIERS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "upper",
        "lower",
        "greater",
        "inner",
        "outer",
        "downtown",
        "rural",
        "occupied",
        "coastal",
        "metro",
        "metropolitan",
        "mid",
        "middle",
        "far",
    }
)
# Where a name after a lower-case Arabic article may lie (seas and regions have no country).
_ARTICLE_OR_NONE = frozenset({*ARABIC_ARTICLE_COUNTRIES, None})
# Arabic words that open a longer place name ("Wad al-Noura", "Umm Kadada", "Kafr Kanna",
# "Deir Sharaf"): the name after them is part of that name, not a namesake town of its own.
_NAME_HEADS_WRITTEN = frozenset(
    {
        "Wad",
        "Bir",
        "Ain",
        "Tell",
        "Tel",
        "Kafr",
        "Kfar",
        "Deir",
        "Beit",
        "Khan",
        "Umm",
        "Abu",
        "Ras",
        "Jabal",
        "Jebel",
        "Wadi",
    }
)
_NAME_HEADS = frozenset(w.lower() for w in _NAME_HEADS_WRITTEN)
# Lower-case words that may continue and end a name the index has: "Mitiga airport",
# "Bagram air base" (the index keys airports as "X Airport", "X Air Base"; see
# gazetteer.sources.airports).
_NAME_TAILS = frozenset({"airport", "airfield", "airbase", "air", "base", "international"})
# Places read only in a story about their country (Ukraine's register, ``story_names`` of
# the index): the story is about the country when the caller hints it, or the text names
# it, its people, one of its regions or a city of this many people that is mostly its.
STORY_CITY_POPULATION = 100_000
# Candidates per name kept for scoring, by prior (bounds the cost of "San Jose" and kin).
MAX_CANDIDATES = 40
# What may separate two tokens of one name: spaces, hyphens, apostrophes, periods.
NAME_GAP_RE = re.compile(r"(?:[ \t\-'’.]|\.\s){1,3}")

# Resolution score terms, added to the prior (log10 population for towns, a constant per
# feature class otherwise): country focus share (of the other names), caller's hint, the
# place's own name (not an alternate), "X, Y" containment, other names in the same admin-1,
# that admin-1 named in the text, its share of the text's places (a local story), the
# penalty of a small town named like a state without support, the bonus of a big city named
# like its own region, the penalty of a region tied to the name only by an alternate name
# while a town of that name lies in it, the drop of a small region below its seat (see
# SEAT_KM), nearness (10 km = full, 10,000 km = none), and a small place (admin-2 unit,
# town, village) in a region a named actor's work is bound to ("the OSCE SMM observed
# explosions near Sokilnyky": Luhansk's village, not a bigger namesake elsewhere).
WEIGHTS = {
    "focus": 4.0,
    "hint": 2.0,
    "name": 1.5,
    "container": 6.0,
    "admin1": 1.5,
    "named": 1.0,
    "local": 1.5,
    "state_name": 3.0,
    "metro": 2.0,
    "alias_region": 2.0,
    "seat": 2.5,
    "near": 2.0,
    "actor_region": 2.0,
}
# A region whose point lies near a town of its name ("Idlib", "Rafah", "Jenin", "Kidal",
# "Al Hudaydah") is meant only where the text says so ("Idlib province", "the governorate
# of Rafah", "Homs, Idlib and Hama"): the bare name is the town, and either reading mostly
# lies within the 161 km a geoparse is judged by. Near: SEAT_KM, or SEAT_OWN_NAME_KM when
# the town's own name is the mention (an alternate spelling must have as many words:
# "Oklahoma" is no "Oklahoma City"). Quebec City lies 695 km from its province's point.
SEAT_KM = 150.0
SEAT_OWN_NAME_KM = 250.0
SEAT_POPULATION = 15_000
# "Aita al-Shaab", "Ras al-Ain", "Tel as-Sultan": an Arabic article joins a small town's
# name to a capitalised word before or after it in a longer name. The assimilated forms
# count only hyphenated: "Romans as Eboracum", "Children at Eva's" are English.
ARABIC_JOIN_RE = re.compile(
    r"[ \-‐](?:(?:al|el)[ \-‐]|(?:ad|ar|as|ash|at|az|an|ed|er|es|ez|en)[\-‐])(?=[A-Z])"
)
PARTIAL_CONFIDENCE = 0.4
# A small town named by an English word that nothing in the text supports (see
# Gazetteer._word_namesake).
NAMESAKE_CONFIDENCE = 0.5
# "the Emirates" is the country in a text naming a country this near (see
# Gazetteer._country_named).
CONTEXT_KM = 1500.0
# A doubtful town's name ("Everett") is a place next to a town the text names this near.
NEIGHBOUR_POPULATION = 50_000
NEIGHBOUR_KM = 50.0
# A small town abroad that nothing in the text supports (see Gazetteer._stray).
STRAY_POPULATION = 50_000
# ... or up to this population when the text names it only by one of its alternate names
# ("Inata" in a story on Burkina Faso is no spelling of Inada, Japan)
ALIAS_STRAY_POPULATION = 250_000
STRAY_KM = 500.0
# ... or this far when the text calls it a village or town (and it lies in another country)
CUED_STRAY_KM = 200.0
# A town this near the point of a region the text names is in the story (see _Context.stray_km)
REGION_NEAR_KM = 100.0
# Words for a country's admin-1 units that news keeps to the countries that use them (see
# Gazetteer._of_kind)
DISTINCT_KINDS = frozenset({"state", "department"})
# A stray (see Gazetteer._stray) this far outside the extent of the story's country, when the
# text names no other place of that country, goes to the country's point: a namesake of a
# place the index lacks ("LNA forces clashed in Wadi al-Rabi" is no town of India)
HINTED_STRAY_KM = 500.0
# A town named by an alternate name keeps the own-name weight when it is this many times as
# populous as every town of that very name (see Gazetteer._exonym_town).
EXONYM_FACTOR = 5
# Share of a demonym's support for its country's places that the focus term drops.
DEMONYM_DISCOUNT = 0.5
# An admin-2 unit no town lies in (remote or small, placed by its own point or its seat's)
# weighs like a village without population.
SPARSE_ADMIN2_PRIOR = 1.0
# A national (or territory) capital this populous is what its bare name means
# ("Washington", "San Juan", "Wellington").
CAPITAL_POPULATION = 300_000
# Names of countries, admin-1 regions, water and regions: never only a small town's.
_BIG_CLASSES = frozenset({COUNTRY, ADMIN1, WATER, REGION})
_FCLASS_PRIOR = {
    "country": 9.0,
    "admin1": 6.0,
    "admin2": 3.0,
    "water": 8.0,
    "region": 7.5,
    "other": 2.0,
}


class _Overlay:
    """The index's names (or their prefixes) with those read only in the current story."""

    __slots__ = ("base", "extra")

    def __init__(self, base: Any, extra: Any) -> None:
        self.base, self.extra = base, extra

    def __contains__(self, key: object) -> bool:
        return key in self.extra or key in self.base

    def get(self, key: str, default: tuple[int, ...] = ()) -> tuple[int, ...]:
        found = self.extra.get(key)
        return found if found is not None else self.base.get(key, default)


# A demonym that modifies the word after it ("Turkish air space", "Syrian army") is an adjective
_MODIFIES = re.compile(r"[ \t]+[A-Za-z]")


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two (lat, lon) points in degrees."""
    dlat = math.radians(lat2 - lat1)
    dlon = math.radians(lon2 - lon1)
    h = (
        math.sin(dlat / 2) ** 2
        + math.cos(math.radians(lat1)) * math.cos(math.radians(lat2)) * math.sin(dlon / 2) ** 2
    )
    return 12_742.0 * math.asin(min(1.0, math.sqrt(h)))


# The key under which an actor's region enters a document's context (no name has it)
_ACTOR_REGION = "\x00actor"


class _Context:
    """What the rest of a document says: countries, admin-1 regions and points named."""

    def __init__(self, hints: Sequence[str]) -> None:
        self.hints = frozenset(hints)
        self.country: dict[str, float] = defaultdict(float, {h: 3.0 for h in hints})
        # What each name added to ``country``: a name does not support its own reading.
        self.country_by_key: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        self.admin1: dict[str, set[str]] = defaultdict(set)
        self.named_admin1: dict[str, set[str]] = defaultdict(set)
        self.admin1_keys: set[str] = set()
        # Admin-1 regions the work of a named actor is bound to (see add_region)
        self.actor_regions: set[str] = set()
        self.local_admin1: dict[str, set[str]] = defaultdict(set)
        self.point_of: dict[str, tuple[float, float]] = {}
        # Names listed next to a state's name ("Missouri, New York and Virginia").
        self.listed_with_regions: frozenset[str] = frozenset()
        self.points: list[tuple[float, float, str]] = []
        # The points of the admin-1 and other regions named (see ``stray_km``)
        self.region_points: list[tuple[float, float, str]] = []
        # Countries named only by an adjective ("Ukrainian drones"): actors, not places.
        self.demonym: dict[str, float] = defaultdict(float)
        # Names read without the region word before them ("Shabelle" of "Middle Shabelle")
        self.clipped: set[str] = set()

    def add(self, gaz: Gazetteer, idx: int, key: str) -> None:
        cc = gaz._cc[idx]
        fc = gaz._fclass[idx]
        if cc:
            self.country[cc] += 1.0
            self.country_by_key[key][cc] += 1.0
        a1 = gaz._admin1[idx]
        if a1:
            self.admin1[a1].add(key)
            self.admin1_keys.add(key)
            if fc == ADMIN1:
                self.named_admin1[a1].add(key)
            else:
                self.local_admin1[a1].add(key)
        if fc >= ADMIN2 and fc != REGION:
            self.points.append((gaz._lat[idx], gaz._lon[idx], key))
            self.point_of[key] = (gaz._lat[idx], gaz._lon[idx])
        elif fc in (ADMIN1, REGION):
            self.region_points.append((gaz._lat[idx], gaz._lon[idx], key))

    def local_support(self, cc: str, key: str) -> bool:
        """Whether a town or district of country ``cc`` other than ``key`` is named, by a
        whole name (not "Shabelle" of "Middle Shabelle", see ``clipped``)."""
        return any(
            other != key
            and other not in self.clipped
            and self.country_by_key[other].get(cc, 0.0) > 0
            for _, _, other in self.points
        )

    def add_region(self, admin1: str) -> None:
        """An admin-1 region the story is set in that no name of it names (an actor's)."""
        self.actor_regions.add(admin1)
        self.admin1[admin1].add(_ACTOR_REGION)
        self.admin1_keys.add(_ACTOR_REGION)
        self.named_admin1[admin1].add(_ACTOR_REGION)

    def admin1_weight(self, admin1: str, key: str) -> tuple[int, float, bool]:
        """Other names of the document in (or naming) this admin-1 region.

        Returns how many distinct other names lie in it, their share of all other names
        that lie in some admin-1 region (a local story names places of one state), and
        whether the text names the region itself ("Texas").
        """
        names = self.admin1.get(admin1)
        if not names:
            return 0, 0.0, False
        inside = len(names) - (key in names)
        total = len(self.admin1_keys) - (key in self.admin1_keys)
        named_by = self.named_admin1.get(admin1)
        named = named_by is not None and len(named_by) - (key in named_by) > 0
        return inside, inside / total if total else 0.0, named

    def has_local(self, admin1: str, key: str) -> bool:
        """Whether another name of the text is a town or county of this admin-1 region."""
        names = self.local_admin1.get(admin1)
        return names is not None and len(names) - (key in names) > 0

    def far_local(self, admin1: str, key: str, lat: float, lon: float) -> bool:
        """Whether another town or county of this admin-1 region lies over 100 km from the
        point: the text speaks of the region, not of one city in it."""
        for other in self.local_admin1.get(admin1, ()):
            p = self.point_of.get(other)
            if other != key and p is not None and _km(lat, lon, p[0], p[1]) > 100.0:
                return True
        return False

    def any_inside(self, bbox: tuple[float, float, float, float], key: str) -> bool:
        """Whether a point another name resolved to lies in ``bbox`` (lon/lat order)."""
        return any(
            bbox[0] <= plon <= bbox[2] and bbox[1] <= plat <= bbox[3]
            for plat, plon, pkey in self.points
            if pkey != key
        )

    def nearest_km(self, lat: float, lon: float, key: str) -> float:
        """Great-circle km to the nearest point another name of the document resolved to."""
        best = 20_000.0
        for plat, plon, pkey in self.points:
            if pkey != key:
                best = min(best, _km(lat, lon, plat, plon))
        return best

    def stray_km(self, lat: float, lon: float, key: str) -> float:
        """``nearest_km``, or 0 where the point lies within REGION_NEAR_KM of a region
        named: a town 25 km from the Gaza Strip's point is no namesake far from the story
        ("Hamas fired Gaza rockets at Sderot"); a region's point says too little of its
        extent to hold a town farther off."""
        if any(
            pkey != key and _km(lat, lon, plat, plon) <= REGION_NEAR_KM
            for plat, plon, pkey in self.region_points
        ):
            return 0.0
        return self.nearest_km(lat, lon, key)


class _Matched(NamedTuple):
    """A name the text matches: its first and last token, key and candidate rows."""

    first: int
    last: int
    key: str
    cands: tuple[int, ...]


class Gazetteer:
    """The loaded place index with geoparsing and search.

    Coordinates are WGS 84 degrees; ``lat``/``lon`` are kept as separate columns and
    bounding boxes are ``(min_lon, min_lat, max_lon, max_lat)``.
    """

    def __init__(self, index: Index) -> None:
        self._ix = index
        # Where the index was read from (``gazetteer.load``), for the files built beside it
        self.data_dir: Path | None = None
        self._spellings: Spellings | None = None
        self._name: list[str] = index["name"]
        self._lat = index["lat"]
        self._lon = index["lon"]
        self._cc: list[str | None] = index["cc"]
        self._fclass: bytes = index["fclass"]
        self._source: bytes = index["source"]
        self._pop = index["pop"]
        self._gid = index["gid"]
        self._admin1: list[str | None] = index["admin1"]
        self._bbox: dict[int, tuple[float, float, float, float]] = index["bbox"]
        self._names: NameTable = index["names"]
        self._prefixes: frozenset[str] = index["prefixes"]
        self._codes: frozenset[str] = index["codes"]
        self._demonyms: dict[str, int] = index["demonyms"]
        self._vocab_nouns: frozenset[str] = index["vocab_nouns"]
        self._vocab_other: frozenset[str] = index["vocab_other"]
        words = index["wordlists"]
        self._particles: frozenset[str] = words["particles"]
        # Words that open Arabic personal names ("Abu Mohammed"); _NAME_HEADS open place names
        self._personal_name_heads: frozenset[str] = words["personal_name_heads"]
        self._org_words: frozenset[str] = words["org_words"]
        self._title_words: frozenset[str] = words["title_words"]
        self._geo_words: frozenset[str] = words["geo_words"]
        self._common_capitalised: frozenset[str] = words["common_capitalised"]
        self._given: frozenset[str] = index["given_names"]
        self._surnames: frozenset[str] = index["surnames"]
        self._capitals: frozenset[int] = index["capitals"]
        self._sparse_admin2: frozenset[int] = index.get("sparse_admin2", frozenset())
        self._exonyms: dict[str, tuple[int, ...]] = index["exonyms"]
        self._postal: dict[str, int] = index["postal_codes"]
        self._abbrevs: dict[str, int] = index["abbreviations"]
        self._abbrev_forms: frozenset[str] = index["abbreviation_forms"]
        self._admin_words: frozenset[str] = words["admin_words"]
        self._cue_words: frozenset[str] = words["cue_words"]
        self._settlement_words: frozenset[str] = words["settlement_words"]
        self._context_only: frozenset[str] = words.get("context_only", frozenset())
        self._country_idx = {self._cc[i]: i for i, f in enumerate(self._fclass) if f == COUNTRY}
        self._orgs = organisation_matcher()
        self._organisations = self._orgs.keys
        self._summaries: dict[tuple[str, tuple[int, ...]], tuple[frozenset[int], int, bool]] = {}
        # The classes' names in column order (``gazetteer.schema.FEATURE_CLASSES``).
        self._fc_names: tuple[str, ...] = index["feature_classes"]
        # Admin-1 and admin-2 units by the skeleton of their names ("Wassit" = "Wasit",
        # "Banadir" = "Banaadir"), for containers the text states (see _stated_regions).
        self._skeletons: dict[str, tuple[int, ...]] = index.get("admin_skeletons", {})
        # Country -> the words for its admin-1 regions ("state", "department"; see _of_kind).
        self._admin1_kinds: dict[str, frozenset[str]] = index.get("admin1_kinds", {})
        # Country -> key -> places read only in a story about that country (see geoparse).
        self._story_names: dict[str, dict[str, tuple[int, ...]]] = index.get("story_names", {})
        self._story_prefixes: dict[str, frozenset[str]] = index.get("story_prefixes", {})
        self._story_views: dict[tuple[str, ...], tuple[_Overlay, _Overlay]] = {}

    # ----------------------------------------------------------------- public API

    @property
    def sources(self) -> list[dict]:
        """Data sources with licence and what each supplies (for attribution)."""
        return [dict(s) for s in self._ix["sources"]]

    @property
    def stats(self) -> dict:
        """Sizes of the loaded index."""
        return {
            "places": len(self._name),
            "names": len(self._names),
            "demonyms": len(self._demonyms),
            "version": self._ix["version"],
        }

    def search(self, q: str, country: str | None = None, limit: int = 10) -> list[dict]:
        """Ranked candidate places for the name ``q``.

        ``country`` (ISO alpha-2) ranks that country's places first without hiding the
        others; ``score`` is the prior used by the resolver (plus the country bias).
        """
        key = norm_name(q)
        ids = list(self._names.get(key, ()))
        # Places read only in a story about their country (``story_names``) are listed too.
        for cc, keys in self._story_names.items():
            if country is None or country.upper() == cc:
                ids.extend(keys.get(key, ()))
        if key in self._demonyms and self._demonyms[key] not in ids:
            ids.append(self._demonyms[key])
        code = country.upper() if country else None
        scored = sorted(
            ((self._prior(i) + (10.0 if code and self._cc[i] == code else 0.0), i) for i in ids),
            reverse=True,
        )[: max(0, limit)]
        return [self._candidate(i, s) for s, i in scored]

    def at_region_point(self, place: Toponym) -> bool:
        """Whether ``place``, an admin-2 unit, lies at the very point of its admin-1 region:
        a unit the data gives no point of its own (Ethiopia's zones all sit at their
        region's), which says in what region it is and no more."""
        if place.feature_class != "admin2" or place.admin1 is None:
            return False
        return self._admin1_points.get(place.admin1) == (place.lat, place.lon)

    def _at_region_point(self, i: int) -> bool:
        """``at_region_point`` for the admin-2 row ``i``."""
        a1 = self._admin1[i]
        return a1 is not None and self._admin1_points.get(a1) == (self._lat[i], self._lon[i])

    @cached_property
    def _admin1_points(self) -> dict[str, tuple[float, float]]:
        """Admin-1 code -> (lat, lon) of its region (degrees)."""
        return {
            a1: (self._lat[i], self._lon[i])
            for i, f in enumerate(self._fclass)
            if f == ADMIN1 and (a1 := self._admin1[i]) is not None
        }

    def search_spelled(self, q: str, country: str, limit: int = 10) -> list[dict]:
        """The places of ``country`` (ISO alpha-2) whose names ``q`` spells another way
        ("Menbej": Manbij; see ``gazetteer.variants``), most likely first, as ``search``
        gives them."""
        ids = self._spelled_ids(q, country.upper())
        scored = sorted(((self._prior(i), i) for i in ids), reverse=True)[: max(0, limit)]
        return [self._candidate(i, s) for s, i in scored]

    def _candidate(self, i: int, score: float) -> dict[str, Any]:
        return {
            "name": self._name[i],
            "geonameid": self._gid_or_none(i),
            "lat": self._lat[i],
            "lon": self._lon[i],
            "country_code": self._cc[i],
            "feature_class": self._fc(i),
            "population": self._pop[i],
            "source": self._src(i),
            "score": round(score, 3),
            "admin1": self._admin1[i],
            "bbox": self._bbox.get(i),
        }

    def is_demonym(self, word: str) -> bool:
        """Whether ``word`` is a known adjectival form of a country or region ("Turkish"),
        not a name of its own ("New Zealand" also modifies nouns)."""
        key = norm_name(word)
        return key in self._demonyms and self._demonyms[key] not in self._names.get(key, ())

    def geoparse(self, text: str, country_hint: Sequence[str] = ()) -> list[Toponym]:
        """Every place mention in ``text``, in text order, resolved to a place.

        ``country_hint`` (ISO alpha-2 codes) biases ambiguous names toward those countries.
        """
        tokens = word_spans(text)
        mentions = self._recognise(text, tokens)
        hints = [c.upper() for c in country_hint]
        countries, regions = self._actors(text)
        hints += [c for c in countries if c not in hints]
        if self._story_names:
            about = tuple(
                cc
                for cc in self._story_names
                if cc in hints or any(self._about(m, cc) for m in mentions)
            )
            if about:
                mentions = self._recognise(text, tokens, *self._story_view(about))
        statements = find_statements(text)
        if statements:
            mentions = self._stated_regions(text, tokens, mentions, statements, hints)
        resolved = self._resolve(text, mentions, hints, statements, regions)
        inferred = self._infer(text, tokens, resolved)
        found = sorted([*resolved, *inferred], key=lambda t: t.start) if inferred else resolved
        found = find_spelled_places(
            text,
            found,
            self.spellings,
            self._spelled_place,
            self._is_other_name,
            hints,
            self._register_place,
            frozenset(st.child for st in statements),
        )
        # After the spellings: "Kori Kori (Bandiagara, Mopti)" is no Koulikoro
        return agree_with_containers(text, found, self, statements)

    def spellings(self) -> Spellings:
        """The places by a key their spellings share (``gazetteer.variants``), read from
        ``data_dir`` when first asked for."""
        if self._spellings is None:
            self._spellings = load_spellings(self, self.data_dir)
        return self._spellings

    def _spelled_place(self, i: int) -> Place:
        return Place(
            name=self._name[i],
            lat=self._lat[i],
            lon=self._lon[i],
            country_code=self._cc[i] or "",
            feature_class=self._fc(i),
            geonameid=self._gid_or_none(i),
            source=self._src(i),
            admin1=self._admin1[i],
            population=self._pop[i],
        )

    def _register_place(self, name: str) -> Place | None:
        """The one place a national register alone names ``name`` (``story_names``), when
        the index has no other place of that name."""
        key = norm_name(name)
        if key in self._names:
            return None
        found = [i for keys in self._story_names.values() for i in keys.get(key, ())]
        return self._spelled_place(found[0]) if len(set(found)) == 1 else None

    @staticmethod
    def _actors(text: str) -> tuple[list[str], frozenset[str]]:
        """The home countries of the armed groups, security forces and single-country
        missions ``text`` names ("the OLA", "Liyu Police", "GNA forces", "the OSCE SMM"):
        where the story most likely is; and the admin-1 regions their work is bound to
        (the OSCE SMM's Donetsk and Luhansk oblasts). Parties, outlets and agencies are
        named in news from anywhere and say nothing of it."""
        kinds = {"armed_group", "security_force", "mission"}
        actors = [
            m.organisation
            for m in organisation_matcher().find(text)
            if m.organisation.kind in kinds and m.organisation.country
        ]
        countries = list(dict.fromkeys(o.country for o in actors if o.country))
        return countries, frozenset(r for o in actors for r in o.regions)

    def _is_other_name(self, name: str) -> bool:
        """Whether a capitalised name is an organisation's, or English words or calendar
        names only ("Thingyan" is a holiday, no spelling of a village)."""
        if organisation_matcher().find(name):
            return True
        return all(
            self._is_common_word(word) or word in self._common_capitalised
            for word in map(norm_token, name.split())
        )

    def _about(self, m: Mention, cc: str) -> bool:
        """Whether the mention names the country ``cc``: the country, its people, one of
        its admin-1 regions, or a city of STORY_CITY_POPULATION or more that is what the
        name mostly means."""
        if not m.candidates:
            return m.key in self._demonyms and self._cc[self._demonyms[m.key]] == cc
        if any(self._fclass[c] == COUNTRY and self._cc[c] == cc for c in m.candidates):
            return True
        best = max(m.candidates, key=self._prior)
        return self._cc[best] == cc and (
            self._fclass[best] <= ADMIN1 or self._pop[best] >= STORY_CITY_POPULATION
        )

    def _story_view(self, countries: tuple[str, ...]) -> tuple[_Overlay, _Overlay]:
        """(names, prefixes) of the index plus the places read only in a story about
        ``countries`` (built once per set of countries)."""
        view = self._story_views.get(countries)
        if view is None:
            extra: dict[str, tuple[int, ...]] = {}
            prefixes: set[str] = set()
            for cc in countries:
                for key, ids in self._story_names[cc].items():
                    extra[key] = (*extra.get(key, self._names.get(key, ())), *ids)
                prefixes |= self._story_prefixes.get(cc, frozenset())
            view = (_Overlay(self._names, extra), _Overlay(self._prefixes, frozenset(prefixes)))
            self._story_views[countries] = view
        return view

    # ----------------------------------------------------------------- inference

    def _infer(
        self, text: str, tokens: list[tuple[int, int, str]], resolved: list[Toponym]
    ) -> list[Toponym]:
        """Places the index lacks, located from the places listed or named next to them.

        A capitalised name that is no English word, given name or known place becomes an
        inferred village when it is listed with resolved towns ("towns including Zafaraneh,
        Rastan and Talbiseh": the centroid of the listed towns) or named as a settlement
        ("the village of X", "X village": the nearest town named before it in the text).
        Without such a neighbour nothing is invented.
        """
        local = [t for t in resolved if t.feature_class in ("city", "village", "admin2")]
        if not local:
            return []
        covered = [(t.start, t.end) for t in resolved]
        out: list[Toponym] = []
        i = 0
        while i < len(tokens):
            s, e, raw = tokens[i]
            if not self._unknown_name(raw) or any(a < e and s < b for a, b in covered):
                i += 1
                continue
            j = i
            while (
                j + 1 < len(tokens)
                and j - i < 2
                and text[tokens[j][1] : tokens[j + 1][0]] in (" ", "-")
                and self._unknown_name(tokens[j + 1][2])
            ):
                j += 1
            start, end = s, tokens[j][1]
            before = text[max(0, start - 40) : start]
            after = text[end : end + 40]
            listed = self._list_neighbours(text, start, end, local)
            settlement = bool(
                SETTLEMENT_BEFORE_RE.search(before) or SETTLEMENT_AFTER_RE.match(after)
            )
            sentence_start = not before.strip() or before.rstrip()[-1] in '.!?\n"“:'
            # A list says its unknown member is a settlement only when its other members
            # are settlements (towns, not regions) and no given name or title opens the
            # name ("Hamid Karzai, Kabul and Kandahar").
            person = (
                i > 0
                and text[tokens[i - 1][1] : s] == " "
                and (
                    norm_token(tokens[i - 1][2]) in self._given
                    or norm_token(tokens[i - 1][2]) in self._title_words
                )
            )
            if person or any(t.feature_class not in ("city", "village") for t in listed):
                listed = []
            if listed and not sentence_start:
                neighbours, conf = listed, 0.35 if len(listed) > 1 else 0.3
            elif settlement:
                prior = [t for t in local if t.end <= start]
                neighbours, conf = ([prior[-1]], 0.2) if prior else ([], 0.0)
            else:
                neighbours = []
            if neighbours:
                lat = sum(t.lat for t in neighbours) / len(neighbours)
                lon = sum(t.lon for t in neighbours) / len(neighbours)
                codes = {t.country_code for t in neighbours}
                out.append(
                    Toponym(
                        start=start,
                        end=end,
                        mention=text[start:end],
                        name=text[start:end],
                        lat=lat,
                        lon=lon,
                        country_code=codes.pop() if len(codes) == 1 else None,
                        feature_class="village",
                        geonameid=None,
                        source="inferred",
                        confidence=conf,
                        bbox=None,
                        admin1=neighbours[0].admin1 if len(neighbours) == 1 else None,
                        reading="inferred",
                    )
                )
                covered.append((start, end))
            i = j + 1
        return out

    def _unknown_name(self, raw: str) -> bool:
        """A capitalised word that no list knows: not English, not a name, not a place."""
        if not raw[0].isupper() or raw.isupper() or len(raw) < 3 or not raw.isalpha():
            return False
        word = norm_token(raw)
        return not (
            word in self._names
            or word in self._demonyms
            or word in self._given
            or word in self._surnames
            or self._is_common_word(word)
            or word in self._common_capitalised
        )

    @staticmethod
    def _list_neighbours(text: str, start: int, end: int, local: list[Toponym]) -> list[Toponym]:
        """Resolved towns listed with the span: "A, B and C" chains around it."""
        chain: list[Toponym] = []
        by_start = {t.start: t for t in local}
        by_end = {t.end: t for t in local}
        pos = end
        while True:
            m = LIST_GAP_RE.match(text, pos)
            nxt = by_start.get(m.end()) if m else None
            if nxt is None:
                break
            chain.append(nxt)
            pos = nxt.end
        pos = start
        while True:
            m = LIST_GAP_BEFORE_RE.search(text, max(0, pos - 8), pos)
            prv = by_end.get(m.start()) if m else None
            if prv is None:
                break
            chain.append(prv)
            pos = prv.start
        return chain

    # ----------------------------------------------------------------- recognition

    def _recognise(
        self, text: str, tokens: list[tuple[int, int, str]], names: Any = None, prefixes: Any = None
    ) -> list[Mention]:
        """The place mentions of the text; ``names`` and ``prefixes``: the index's, or a
        story's view of them (see _story_view)."""
        names = self._names if names is None else names
        prefixes = self._prefixes if prefixes is None else prefixes
        demonyms = self._demonyms
        n = len(tokens)
        out: list[Mention] = []
        datelines = [m.span("head") for m in DATELINE_RE.finditer(text)]
        doc_words: DocWords | None = None
        uncued: list[Mention] = []
        inside_organisation = -1
        i = 0
        while i < n:
            s, _, raw = tokens[i]
            if not raw[0].isupper() and not (
                raw in ARABIC_ARTICLES and self._lower_article(text, tokens, i)
            ):
                i += 1
                continue
            if i < inside_organisation:
                i += 1
                continue
            # No word of an organisation's name is a place ("Xinhua", "Islamic Dawa Party"),
            # but for a demonym opening it, read as the adjective it is ("Syrian
            # Democratic Forces", "European Union").
            organisation_end = self._organisation_end(text, tokens, i)
            alone = False
            if organisation_end > i:
                if organisation_end > i + 1 and norm_token(raw) in demonyms:
                    inside_organisation, alone = organisation_end, True
                else:
                    i = organisation_end
                    continue
            abbreviation = self._abbreviation(text, tokens, i)
            if abbreviation is not None:
                out.append(abbreviation)
                i = abbreviation.last_tok + 1
                continue
            best = self._longest_name(text, tokens, i, names, prefixes, alone)
            if best is None:
                i += 1
                continue
            j, key = best
            name = self._sense(text, tokens, _Matched(i, j, key, names.get(key, ())))
            cands = name.cands
            first, j, partial = self._partial_span(text, tokens, name, out)
            s, end = tokens[first][0], tokens[j][1]
            if partial:
                key = norm_name(text[s:end])
            elif cands and i > 0 and self._after_lower_article(text, tokens, i):
                cands = tuple(c for c in cands if self._cc[c] in _ARTICLE_OR_NONE)
                if not cands:
                    i += 1
                    continue
            mention = Mention(
                s,
                end,
                key,
                first,
                j,
                cands,
                demonym=not cands,
                dateline=any(a <= s and end <= b for a, b in datelines),
                partial=partial,
            )
            if doc_words is None:
                doc_words = self._doc_words(text, tokens)
            kept = self._keep(text, tokens, mention, doc_words)
            if kept is None:
                uncued.append(mention)
            elif kept:
                out.append(self._with_common_run(text, tokens, mention, out))
            i = j + 1
        # One sense per name: a doubtful name of a city of RESTORE_POPULATION or more that
        # the text uses as a place elsewhere ("Oxford is ..." before "in Oxford") is that
        # place here too.
        placed = {m.key for m in out if self._summary(m.key, m.candidates)[1] >= RESTORE_POPULATION}
        # A doubtful name of a town of NEIGHBOUR_POPULATION or more next to a place the text
        # names ("Everett police said ..." in a story on Seattle) is that town.
        restored = [m for m in uncued if m.key in placed or self._near_named(m, out)]
        if restored:
            out = sorted([*out, *restored], key=lambda m: m.start)
        return out

    def _sense(self, text: str, tokens: list[tuple[int, int, str]], name: _Matched) -> _Matched:
        """``name`` with the candidates its context allows, and a capitalised unit word
        after it joined to it ("Nyanza Province")."""
        i, j, key, cands = name
        # "Nyanza Province", "Homs governorate", "Homs and Aleppo provinces", "the
        # province of Idlib": the region, not a town of that name.
        admin_at = self._admin_word_after(text, tokens, j)
        # "The Hot Zone" is a title: an English word before a capitalised kind word
        # names no unit
        titled = admin_at == j + 1 and tokens[admin_at][2][0].isupper()
        regional = (
            ()
            if titled and self._is_common_word(key, nouns=False)
            else self._regional(tokens, i, admin_at, cands)
        )
        if regional:
            cands = regional
            if admin_at == j + 1 and tokens[j + 1][2][0].isupper():
                j += 1
        elif self._town_word_after(text, tokens, j):
            # "Amara city" is the town in Iraq, not Ethiopia's Amara region
            cands = tuple(c for c in cands if self._fclass[c] in (CITY, VILLAGE)) or cands
        # "Canadian" is the adjective of Canada before it is Canadian, Texas.
        if key in self._demonyms and all(self._fclass[c] in (ADMIN2, CITY, VILLAGE) for c in cands):
            cands = ()
        return _Matched(i, j, key, cands)

    def _partial_span(
        self, text: str, tokens: list[tuple[int, int, str]], name: _Matched, out: list[Mention]
    ) -> tuple[int, int, bool]:
        """The first and last token of a weak name read as the head of a longer Arabic name
        the index lacks ("Aita al-Shaab", "Umm Kadada"), and whether it is so read; else its
        own first and last token and False."""
        i, j, key, cands = name
        partial = False
        joined = ARABIC_JOIN_RE.match(text, tokens[j][1])
        if (
            joined
            and cands
            and j + 2 < len(tokens)
            and tokens[j + 2][0] == joined.end()
            and self._weak(key, cands)
        ):
            j += 2
            partial = True
        start = tokens[i][0]
        if (
            cands
            and i >= 2
            and (not out or out[-1].last_tok < i - 2)
            and (
                self._is_name_word(tokens[i - 2][2]) or norm_token(tokens[i - 2][2]) in _NAME_HEADS
            )
            and (before := ARABIC_JOIN_RE.match(text, tokens[i - 2][1]))
            and before.end() == start
            and self._weak(key, cands)
        ):
            return i - 2, j, True
        if (
            cands
            and i >= 1
            and (not out or out[-1].last_tok < i - 1)
            and tokens[i - 1][2] in _NAME_HEADS_WRITTEN
            and text[tokens[i - 1][1] : start] in (" ", "-")
            and self._weak(key, cands)
        ):
            return i - 1, j, True  # "Umm Kadada", "Bir Hooker": a head word before the name
        return i, j, partial

    def _with_common_run(
        self, text: str, tokens: list[tuple[int, int, str]], m: Mention, out: list[Mention]
    ) -> Mention:
        """``m``, or a weak one-word name widened over the capitalised common words before
        it as one longer name (see ``_common_run``)."""
        i = m.first_tok
        if (
            m.candidates
            and not m.partial
            and i == m.last_tok
            and self._weak(m.key, m.candidates)
            and (run := self._common_run(text, tokens, i, out)) < i
        ):
            return Mention(
                tokens[run][0],
                m.end,
                norm_name(text[tokens[run][0] : m.end]),
                run,
                m.last_tok,
                m.candidates,
                dateline=m.dateline,
                partial=True,
            )
        return m

    def _longest_name(
        self,
        text: str,
        tokens: list[tuple[int, int, str]],
        i: int,
        names: Any,
        prefixes: Any,
        alone: bool,
    ) -> tuple[int, str] | None:
        """(last token, key) of the longest known name or demonym starting at token ``i``
        (up to MAX_NAME_TOKENS tokens joined by NAME_GAP_RE), or None; ``alone``: the token
        only (a demonym opening an organisation's name)."""
        n = len(tokens)
        key = norm_token(tokens[i][2])
        best: tuple[int, str] | None = None
        j = i
        while True:
            if (key in names or key in self._demonyms) and (
                tokens[j][2][0].isupper() or (j > i and tokens[j][2] in _NAME_TAILS)
            ):
                best = (j, key)
            if alone or key not in prefixes or j + 1 >= n or j + 1 - i >= MAX_NAME_TOKENS:
                return best
            gap = text[tokens[j][1] : tokens[j + 1][0]]
            nxt = tokens[j + 1][2]
            if not NAME_GAP_RE.fullmatch(gap) or not (
                nxt[0].isupper() or nxt[0].isdigit() or nxt in self._particles or nxt in _NAME_TAILS
            ):
                return best
            j += 1
            key = f"{key} {norm_token(nxt)}"

    def _regional(
        self, tokens: list[tuple[int, int, str]], i: int, admin_at: int, cands: tuple[int, ...]
    ) -> tuple[int, ...]:
        """The candidates an admin word makes the name mean: after it ("Nyanza Province",
        token ``admin_at``, see _admin_word_after) admin-1 and admin-2 units, before it
        ("the province of Idlib") admin-1 regions; () when none or no admin word."""
        if admin_at >= 0:
            # "Nyanza Province" is no "Nyanza District": a unit whose own name ends in the
            # word of a lower level is another unit ("Kherson region" is Khersonska oblast;
            # a county may be a "district").
            written = norm_token(tokens[admin_at][2]).removesuffix("s")
            # A geoBoundaries unit is a commune or district, no province or region.
            units = tuple(
                c
                for c in cands
                if self._fclass[c] in (ADMIN1, ADMIN2)
                and (
                    written not in _REGION_BEFORE
                    or written == "state"
                    or self._unit_word(c) in _REGION_BEFORE
                    or not self._unit_word(c)
                )
                and not (written in _REGION_BEFORE and self._source[c] == GEOBOUNDARIES)
            )
            return self._of_kind(units, written)
        if self._admin_word_before(tokens, i) and not any(
            self._fclass[c] == COUNTRY for c in cands
        ):
            return tuple(c for c in cands if self._fclass[c] == ADMIN1)
        return ()

    def _of_kind(self, units: tuple[int, ...], written: str) -> tuple[int, ...]:
        """``units`` less the units of countries whose admin-1 regions are not of the kind
        ``written`` ("state", "department"), when some are: "Bolivar state" is Venezuela's,
        "Bolivar department" Colombia's, "Punjab state" India's (ISO 3166-2 types). News
        writes "province", "region" and "governorate" for any country's regions ("Saudi
        Arabia's Eastern Province"), so only the words in DISTINCT_KINDS decide."""
        if written not in DISTINCT_KINDS:
            return units
        regions = [c for c in units if self._fclass[c] == ADMIN1]
        kind = [c for c in regions if written in self._admin1_kinds.get(self._cc[c] or "", ())]
        if not kind or len(kind) == len(regions):
            return units
        # a unit of another country is no "state" either ("Bolivar state" is no Colombian
        # municipality); one of the same country may be the unit meant
        countries = {self._cc[c] for c in kind}
        return tuple(
            c
            for c in units
            if c in kind or (self._fclass[c] == ADMIN2 and self._cc[c] in countries)
        )

    def _near_named(self, m: Mention, found: list[Mention]) -> bool:
        """Whether a town of NEIGHBOUR_POPULATION or more whose own name is the mention lies
        within NEIGHBOUR_KM of a town or county that another mention may name."""
        towns = [
            c
            for c in m.candidates
            if self._fclass[c] == CITY
            and self._pop[c] >= NEIGHBOUR_POPULATION
            and norm_name(self._name[c]) == m.key
        ]
        if not towns:
            return False
        return any(
            f.key != m.key
            and self._fclass[o] in (ADMIN2, CITY)
            and _km(self._lat[t], self._lon[t], self._lat[o], self._lon[o]) <= NEIGHBOUR_KM
            for f in found
            for o in f.candidates[:MAX_CANDIDATES]
            for t in towns
        )

    def _common_run(
        self, text: str, tokens: list[tuple[int, int, str]], i: int, found: list[Mention]
    ) -> int:
        """The first token of a run of capitalised English words that the name at token
        ``i`` ends ("Let Yet Kone", "Mount Hope"), or ``i``.

        Such words capitalised inside a sentence belong to a longer name the index lacks,
        of which the known last word is only a namesake. Directions, demonyms and a word
        opening the sentence do not make such a run; a given name or title makes a person
        and an unknown word a longer name, which ``_keep`` drops; a known place name
        ("Decatur McLean County") starts a mention of its own.
        """
        k = i
        while (
            k > 0
            and (not found or found[-1].last_tok < k - 1)
            and tokens[k - 1][2][0].isupper()
            and text[tokens[k - 1][1] : tokens[k][0]] == " "
        ):
            k -= 1
        if k == i:
            return i
        prev = tokens[i - 1][2]
        words = [norm_token(t[2]) for t in tokens[k:i]]
        if self._is_name_word(prev) or any(
            w in self._given
            or w in self._title_words
            or (w in self._names and w not in self._vocab_other)
            for w in words
        ):
            return i
        start = tokens[k][0]
        before = text[max(0, start - 3) : start].rstrip(" \t\"“‘'(")
        counted = words[1:] if not before or before[-1] in ".!?:\n" else words
        if any(
            w not in _QUALIFIERS and w not in self._demonyms and w not in DETERMINERS
            for w in counted
        ):
            return k
        return i

    @staticmethod
    def _lower_article(text: str, tokens: list[tuple[int, int, str]], i: int) -> bool:
        """Whether token ``i`` is an Arabic article written in lower case before a capitalised
        word ("al-Bab", "el-Fasher", "al Hasakah", "ar-Raqqa"): the name may start there."""
        if i + 1 >= len(tokens) or not tokens[i + 1][2][0].isupper():
            return False
        gap = text[tokens[i][1] : tokens[i + 1][0]]
        # The assimilated forms count only hyphenated: "as Mosul fell" is English.
        return gap in ("-", "‐") or (gap == " " and tokens[i][2] in ("al", "el"))

    @classmethod
    def _after_lower_article(cls, text: str, tokens: list[tuple[int, int, str]], i: int) -> bool:
        """Whether token ``i`` follows an Arabic article in lower case that the name does not
        include ("al-Rai" read as "Rai"): the article says where the place lies, so only
        places of a country whose names carry it are read ("al-Rai" is no village of
        France, "al-Tank" no city of India, "al Bostan" not Boston)."""
        return tokens[i - 1][2] in ARABIC_ARTICLES and cls._lower_article(text, tokens, i - 1)

    def _weak(self, key: str, cands: tuple[int, ...]) -> bool:
        """Whether only towns under 100,000 people bear the name (no country, region, water
        or curated place)."""
        fcs, max_pop, curated = self._summary(key, cands)
        return not curated and not fcs & _BIG_CLASSES and max_pop < 100_000

    def _organisation_end(self, text: str, tokens: list[tuple[int, int, str]], i: int) -> int:
        """The token index just past an organisation's name starting at token ``i`` ("Hamas",
        "Boko Haram", "Hayat Tahrir al-Sham", "Saba News Agency"), or -1 (see
        ``gazetteer.organisations``)."""
        key = norm_token(tokens[i][2])
        if key not in self._organisations and key not in self._orgs.prefixes:
            return -1
        found = self._orgs.match_at(text, tokens, i)
        return found[0] if found is not None else -1

    def _unit_word(self, idx: int) -> str:
        """The admin word that ends a unit's own name ("district" of "Nyanza District"),
        or ""."""
        last = norm_name(self._name[idx]).rpartition(" ")[2]
        return last if last in self._admin_words else ""

    @staticmethod
    def _admin_word_before(tokens: list[tuple[int, int, str]], i: int) -> bool:
        """Whether "province of", "the state of" precedes the name at token ``i`` (plurals
        and municipalities speak of parts: "the districts of Tallinn")."""
        return (
            i >= 2 and tokens[i - 1][2] == "of" and norm_token(tokens[i - 2][2]) in _REGION_BEFORE
        )

    @staticmethod
    def _town_word_after(text: str, tokens: list[tuple[int, int, str]], j: int) -> bool:
        """Whether "city", "town" or "village" follows the name ending at token ``j``, and no
        "of" after it ("the Hunan city of Yueyang" names the region)."""
        k = j + 1
        return (
            k < len(tokens)
            and text[tokens[j][1] : tokens[k][0]] == " "
            and tokens[k][2].lower() in _TOWN_WORDS
            and not (k + 1 < len(tokens) and tokens[k + 1][2] == "of")
        )

    def _admin_word_after(self, text: str, tokens: list[tuple[int, int, str]], j: int) -> int:
        """Index of the admin word ("province", "governorates") that follows the name ending
        at token ``j`` directly or after "and <Name>", or -1."""
        n = len(tokens)
        k = j + 1
        if (
            k + 2 < n
            and tokens[k][2] == "and"
            and tokens[k + 1][2][0].isupper()
            and text[tokens[j][1] : tokens[k][0]] == " "
        ):
            k += 2
        if k >= n or text[tokens[k - 1][1] : tokens[k][0]] != " ":
            return -1
        word = norm_token(tokens[k][2])
        if word in self._admin_words or (word.endswith("s") and word[:-1] in self._admin_words):
            return k
        return -1

    def _abbreviation(
        self, text: str, tokens: list[tuple[int, int, str]], i: int
    ) -> Mention | None:
        """A state or province abbreviation at token ``i``: "Calif.", "N.Y.", or a postal
        code right after "Town, " ("Long Beach, CA")."""
        start = tokens[i][0]
        after_comma = i > 0 and text[tokens[i - 1][1] : start] in (", ", ",")
        m = ABBREVIATION_RE.match(text, start)
        idx = None
        end = start
        if m:
            letters = "".join(ch for ch in m.group() if ch.isalpha()).lower()
            # Written as listed ("Pa.", "N.Y."): "P.A." is no abbreviation of Pennsylvania.
            if (
                letters in self._abbrevs
                and m.group().lower() in self._abbrev_forms
                and (after_comma or m.group().count(".") >= 2)
            ):
                idx, end = self._abbrevs[letters], m.end()
        if idx is None and after_comma and POSTAL_RE.match(text, start):
            idx, end = self._postal.get(tokens[i][2].lower()), tokens[i][1]
        if idx is None:
            return None
        j = i
        while j + 1 < len(tokens) and tokens[j + 1][1] <= end:
            j += 1
        return Mention(start, end, norm_name(self._name[idx]), i, j, (idx,), abbreviation=True)

    def _is_common_word(self, word: str, nouns: bool = True) -> bool:
        """True when ``word`` (normalised) or a plain inflection of it is an English word.

        The noun list also holds proper nouns ("paris"), so ``nouns=False`` leaves it out.
        """
        for form in (
            word,
            word[:-1] if word.endswith("s") else "",
            word[:-3] if word.endswith("ing") else "",
            word[:-2] if word.endswith("ed") else "",
        ):
            if form and (form in self._vocab_other or (nouns and form in self._vocab_nouns)):
                return True
        return False

    def _is_name_word(self, raw: str) -> bool:
        """A capitalised word that is not an English word: likely part of a proper name. A
        word for a unit or a feature is none ("Baalbek Governorate", "Anbar Wilayah")."""
        key = norm_token(raw)
        return (
            raw[0].isupper()
            and not self._is_common_word(key)
            and key not in self._vocab_other
            and key not in self._admin_words
            and key not in self._geo_words
        )

    def _place_cue(self, text: str, tokens: list[tuple[int, int, str]], m: Mention) -> bool:
        """Words around a name that make it a place: "in X", "town of X", "X, Texas"."""
        if m.first_tok > 0:
            prev = tokens[m.first_tok - 1][2].lower()
            if prev in self._cue_words:
                return True
            if (
                prev == "of"
                and m.first_tok > 1
                and norm_token(tokens[m.first_tok - 2][2]) in self._settlement_words
            ):
                return True
        if m.last_tok + 1 < len(tokens) and text[m.end : tokens[m.last_tok + 1][0]] in (", ", ","):
            nxt_start, _, nxt = tokens[m.last_tok + 1]
            key = norm_token(nxt)
            written = ABBREVIATION_RE.match(text, nxt_start)
            if written and written.group().lower() in self._abbrev_forms:
                return True  # "Charleston, W.Va."
            if (
                nxt[0].isupper()
                and len(nxt) >= 2
                and (
                    key in self._postal
                    or key in self._abbrevs
                    or any(self._fclass[c] <= ADMIN1 for c in self._names.get(key, ()))
                )
            ):
                return True
        return False

    def _summary(self, key: str, cands: tuple[int, ...]) -> tuple[frozenset[int], int, bool]:
        """Feature classes, largest population and whether the curated supplement is among
        ``cands`` (memoised per name).

        The population counts a place named ``key`` by an alternate name only when that name
        is no plain English word: "Part" (for Perth) does not make a big city.
        """
        found = self._summaries.get((key, cands))
        if found is None:
            word = self._is_common_word(key, nouns=False)
            found = (
                frozenset(self._fclass[c] for c in cands),
                max(
                    (self._pop[c] for c in cands if not word or norm_name(self._name[c]) == key),
                    default=0,
                ),
                any(self._source[c] == SUPPLEMENT for c in cands),
            )
            if len(self._summaries) > 100_000:
                self._summaries.clear()
            self._summaries[(key, cands)] = found
        return found

    def _doc_words(self, text: str, tokens: list[tuple[int, int, str]]) -> DocWords:
        """Words the document writes in lower case, surnames it gives persons, and words it
        capitalises inside a sentence.

        A surname is a capitalised word right after a given name or a title ("Barack
        Obama", "Mr Taylor"): later bare mentions of it are the person, not a town.
        """
        lower = {t[2] for t in tokens if t[2].islower()}
        persons: set[str] = set()
        inside: set[str] = set()
        for k in range(1, len(tokens)):
            raw = tokens[k][2]
            if not raw[0].isupper():
                continue
            gap = text[tokens[k - 1][1] : tokens[k][0]]
            if gap == " " or gap == ", ":
                inside.add(norm_token(raw))
            if gap not in (" ", ". "):
                continue
            prev = norm_token(tokens[k - 1][2])
            # A given name that is also a word ("Mark", "Will") counts inside a sentence.
            prev_inside = k >= 2 and text[tokens[k - 2][1] : tokens[k - 1][0]] in (" ", ", ")
            if tokens[k - 1][2][0].isupper() and (
                prev in self._title_words
                or (prev in self._given and (prev not in self._vocab_other or prev_inside))
            ):
                persons.add(norm_token(raw))
        return lower, persons, inside

    def _keep(
        self, text: str, tokens: list[tuple[int, int, str]], m: Mention, doc_words: DocWords
    ) -> bool | None:
        """Whether the name ``m`` is a place mention, by the look-alike filters of
        ``gazetteer.filters`` (common words, acronyms, persons, peoples, organisations).

        None: a one-word name that is also a word or surname, without a place cue here; it
        is a place if the text places it elsewhere (see ``_recognise``).
        """
        verdict = judge(Look.at(self, text, tokens, m, doc_words))
        return None if verdict is DOUBT else verdict is KEEP

    # ----------------------------------------------------------------- resolution

    def _admissible(self, cands: Sequence[int]) -> Sequence[int]:
        """Country names never resolve to a town of the same name ("France", "China").

        An admin-1 region of that name in another country stays a candidate ("Georgia" the
        state); one inside that country does not ("Mexico" is not the State of Mexico).
        """
        countries = {self._cc[c] for c in cands if self._fclass[c] == COUNTRY}
        if countries:
            return [
                c
                for c in cands
                if self._fclass[c] == COUNTRY
                or (self._fclass[c] == ADMIN1 and self._cc[c] not in countries)
            ]
        return cands

    def _prior(self, i: int) -> float:
        if self._source[i] == SUPPLEMENT:
            return 8.5
        fc = FEATURE_CLASSES[self._fclass[i]]
        if fc == "country":
            # Between two countries of one name ("Congo"), the more populous by a hair.
            return _FCLASS_PRIOR[fc] + 0.01 * math.log10(self._pop[i] + 10)
        if fc in ("city", "village"):
            pop = self._pop[i]
            capital = pop >= CAPITAL_POPULATION and i in self._capitals
            return math.log10(pop + 10) + (2.0 if capital else 0.0)
        if fc == "admin2" and i in self._sparse_admin2:
            return SPARSE_ADMIN2_PRIOR
        if fc == "admin1":
            # Between two regions of one name ("Florida": the US state, a municipality of
            # Puerto Rico), the one in the more populous country by a hair.
            country = self._country_idx.get(self._cc[i])
            return _FCLASS_PRIOR[fc] + (
                0.01 * math.log10(self._pop[country] + 10) if country is not None else 0.0
            )
        return _FCLASS_PRIOR[fc]

    def _resolve(
        self,
        text: str,
        mentions: list[Mention],
        hints: list[str],
        statements: Sequence[Statement] = (),
        regions: frozenset[str] = frozenset(),
    ) -> list[Toponym]:
        """Choose a place per distinct name, in two passes.

        Pass one uses the prior, the caller's hints, "X, Y" containment and the countries of
        names that can only mean one country; pass two adds the country, admin-1 and
        distance context of what pass one chose for the other names (one sense per name
        per document, as in CLIFF and Leidner's spatial minimality), and the admin-1
        ``regions`` of the actors named, as if the text named them.
        """
        if not mentions:
            return []
        # One sense per name and container: "Paris, Texas" and "Paris, France" differ.
        containers = [self._container(text, mentions, k) for k in range(len(mentions))]
        listed = self._listed_with_regions(text, mentions, containers)
        links, admin_roles, unknown = self._links(mentions, statements)
        groups = self._groups(mentions, containers, listed, admin_roles)
        keys = self._group_candidates(mentions, groups)
        first = self._first_pass(keys, hints, listed)
        setting = [k for k, m in enumerate(mentions) if not SPONSOR_AFTER_RE.match(text, m.end)]
        in_setting = [mentions[k] for k in setting], [groups[k] for k in setting]
        ctx = self._second_context(*in_setting, first, hints, listed)
        for a1 in regions:
            ctx.add_region(a1)
        story = self._story_countries(*in_setting, first, hints)
        if story:
            keys = {g: self._within_story(g[0], cands, story) for g, cands in keys.items()}
        chosen = {g: self._choose(g[0], cands, ctx, g[1]) for g, cands in keys.items()}
        final = [chosen[g] for g in groups]
        placed = self._agree(mentions, final, links, groups, keys, ctx) if links else {}
        # A longer name around a known word: the known word is its head ("Onitsha
        # Bridgehead") where its reading lies in the container, else a namesake ("Abu" of
        # "Abu Salim (Tripoli)") that the longer name replaces.
        # A name the filters dropped as a look-alike ("Hays", a surname) is a place where the
        # text states its container and a place of that name lies inside.
        unknown = [
            u
            for u in unknown
            if (
                self._plausible_name(text, *u[0], u[0] == u[3].child)
                or (u[2] < 0 and norm_name(text[u[0][0] : u[0][1]]) in self._names)
            )
            and (
                u[2] < 0
                or not self._inside(
                    final[u[2]][0], placed[u[1]][0] if u[1] in placed else final[u[1]][0], u[3]
                )
            )
        ]
        replaced = {u[2] for u in unknown}
        out: list[Toponym] = []
        for k, m in enumerate(mentions):
            idx, conf = final[k]
            if k in replaced or (
                m.key in self._context_only and not self._country_named(text, m, idx, ctx)
            ):
                continue
            if k in placed:
                moved = self._contained(text, m.start, m.end, *placed[k], MOVED_CONFIDENCE)
                if moved is not None:
                    out.append(moved)
                continue
            conf = 0.9 if m.demonym else min(conf, PARTIAL_CONFIDENCE) if m.partial else conf
            if self._word_namesake(m.key, idx, ctx):
                conf = min(conf, NAMESAKE_CONFIDENCE)
            container = final[links[k][0]][0] if k in links else containers[k]
            out.append(self._toponym(text, m, idx, conf, container))
        if unknown:
            out.extend(self._place_unknown(text, unknown, placed, final, keys, groups))
            out.sort(key=lambda t: t.start)
        cued = {m.key for m in mentions if _settlement_cue(text, m.start, m.end)}
        ctx.clipped = {m.key for m in mentions if CLIPPED_PREFIX_RE.search(text, 0, m.start)}
        strays = self._strays(mentions, {mentions[k].key for k in links}, chosen, ctx, cued)
        if strays:
            out = self._relocate(text, out, strays)
        return out

    def _groups(
        self,
        mentions: list[Mention],
        containers: list[int],
        listed: frozenset[str],
        admin_roles: set[int],
    ) -> list[Group]:
        """One group per name, container and role (see ``_WANTED``).

        The container of "Rego Park, New York" and a state's name in a list of states
        ("Washington, Oregon and Idaho") are regions; a dateline names a town; the last,
        coarsest container of "X (Y, Z)" is an administrative unit where one bears it.
        """
        return [
            (
                m.key,
                containers[k],
                _ADMIN
                if k in admin_roles
                else _REGION
                if (k > 0 and containers[k - 1] >= 0) or (m.key in listed and self._region_name(m))
                else _TOWN
                if m.dateline
                else 0,
            )
            for k, m in enumerate(mentions)
        ]

    def _group_candidates(
        self, mentions: list[Mention], groups: list[Group]
    ) -> dict[Group, tuple[int, ...]]:
        """The admissible places of each group that its role allows (all when none does),
        best prior first, at most MAX_CANDIDATES."""
        keys: dict[Group, tuple[int, ...]] = {}
        for m, group in zip(mentions, groups, strict=True):
            if group not in keys:
                cands = self._admissible(m.candidates or (self._demonyms[m.key],))
                if group[2] == _ADMIN and all(self._fclass[c] != ADMIN1 for c in cands):
                    # "(Lafia, Nassarawa)": the state Nasarawa spelled with a letter doubled,
                    # not the district Nassarawa of another state
                    cands = [*cands, *self._admin1_spelled(m.key)]
                if group[2]:
                    wanted = _WANTED[group[2]]
                    cands = [c for c in cands if self._fclass[c] in wanted] or cands
                if group[1] in m.candidates:
                    # "in Valparaiso, Valparaiso": the town, in the region of its name
                    cands = [c for c in cands if self._fclass[c] in (CITY, VILLAGE)] or cands
                keys[group] = tuple(sorted(cands, key=self._prior, reverse=True)[:MAX_CANDIDATES])
        return keys

    def _admin1_spelled(self, key: str) -> list[int]:
        """The admin-1 regions whose names ``key`` writes with letters doubled or not, an
        article or a closing "h" more or less (``admin_skeletons``)."""
        return [c for c in self._skeletons.get(skeleton(key), ()) if self._fclass[c] == ADMIN1]

    def _first_pass(
        self, keys: dict[Group, tuple[int, ...]], hints: list[str], listed: frozenset[str]
    ) -> dict[Group, tuple[int, float]]:
        """Pass one: each group's place and confidence by the prior, the hints and the
        countries of names that can only mean one country."""
        ctx = _Context(hints)
        ctx.listed_with_regions = listed
        for cands in keys.values():
            countries = {self._cc[c] for c in cands}
            if len(countries) == 1 and (only := next(iter(countries))) is not None:
                ctx.country[only] += 1.0
        return {g: self._choose(g[0], cands, ctx, g[1]) for g, cands in keys.items()}

    def _second_context(
        self,
        mentions: list[Mention],
        groups: list[Group],
        first: dict[Group, tuple[int, float]],
        hints: list[str],
        listed: frozenset[str],
    ) -> _Context:
        """The document's context for pass two: what pass one chose for every mention."""
        ctx = _Context(hints)
        ctx.listed_with_regions = listed
        for m, group in zip(mentions, groups, strict=True):
            idx = first[group][0]
            ctx.add(self, idx, m.key)
            cc = self._cc[idx]
            if m.demonym and cc:
                ctx.demonym[cc] += 1.0
        return ctx

    def _place_unknown(
        self,
        text: str,
        unknown: list[Unknown],
        placed: dict[int, tuple[int, Statement]],
        final: list[tuple[int, float]],
        keys: dict[Group, tuple[int, ...]],
        groups: list[Group],
    ) -> list[Toponym]:
        """The stated names no mention names whole ("Abu Salim (Tripoli)"): a place of that
        name inside the container (or inside another reading of the container in its
        country), else the name placed at the container."""
        out: list[Toponym] = []
        for span, holder, _, statement in unknown:
            where = placed[holder][0] if holder in placed else final[holder][0]
            key = norm_name(text[span[0] : span[1]])
            # The container's other readings in its country count too ("Awe LGA
            # (Nassarawa)": the state, where the town of that name was read).
            holders = [
                where,
                *(
                    c
                    for c in keys[groups[holder]]
                    if c != where and self._cc[c] == self._cc[where] and holder not in placed
                ),
            ]
            inside: list[int] = []
            for h in holders:
                inside = [
                    c
                    for c in self._admissible(self._names.get(key, ()))
                    if self._inside(c, h, statement)
                ]
                if inside:
                    where = h
                    break
            spelled = not inside
            if spelled:
                # "Menbej in the countryside of Aleppo": another spelling of a place inside
                inside = self._spelled_inside(text[span[0] : span[1]], where, statement)
            if inside:
                best = max(inside, key=lambda c: (norm_name(self._name[c]) == key, self._prior(c)))
                read = self._toponym(
                    text, Mention(*span, key, -1, -1, (best,)), best, MOVED_CONFIDENCE + 0.2, where
                )
                out.append(replace(read, reading="spelling") if spelled else read)
                continue
            if key in self._names and not self._plausible_name(
                text, *span, span == statement.child
            ):
                continue
            found = self._contained(text, *span, where, statement, CONTAINER_CONFIDENCE)
            if found is not None:
                out.append(found)
        return out

    def _spelled_inside(self, name: str, container: int, statement: Statement) -> list[int]:
        """The places inside ``container`` that ``name`` spells another way."""
        spelled = self._spelled_ids(name, self._cc[container] or "")
        return [c for c in spelled if self._inside(c, container, statement)]

    def _spelled_ids(self, name: str, country: str) -> tuple[int, ...]:
        """The places of ``country`` (ISO alpha-2) whose names ``name`` spells another way."""
        return self.spellings().table(country).get(spelling_key(name, country), ())

    def _strays(
        self,
        mentions: list[Mention],
        linked: set[str],
        chosen: dict[Group, tuple[int, float]],
        ctx: _Context,
        cued: set[str],
    ) -> dict[str, str]:
        """Names (normalised) to move into a focus country (see ``_stray``; ``cued``: the
        names the text calls a village or town); a longer name the index lacks is placed
        by the story, not by its head's namesake."""
        strays = {
            g[0]: focus
            for g, (idx, _) in chosen.items()
            if g[0] not in linked
            and (focus := self._stray(g[0], idx, g[1], ctx, g[0] in cued)) is not None
        }
        for m in mentions:
            if m.partial and m.key not in strays and m.key not in linked:
                focus = self._focus(ctx, m.key, 1.0, without_demonyms=True)
                if focus is not None:
                    strays[m.key] = focus
        return strays

    def _story_countries(
        self,
        mentions: list[Mention],
        groups: list[tuple[str, int, int]],
        first: dict[tuple[str, int, int], tuple[int, float]],
        hints: list[str],
    ) -> dict[str, frozenset[str]]:
        """The countries the story is about, per name (a name does not support itself):
        countries and admin-1 regions the text names, demonyms, the caller's hints."""
        named: dict[str, set[str]] = defaultdict(set)
        for m, g in zip(mentions, groups, strict=True):
            idx = first[g][0]
            cc = self._cc[idx]
            if cc and (m.demonym or self._fclass[idx] <= ADMIN1):
                named[cc].add(m.key)
        if not named and not hints:
            return {}
        out: dict[str, frozenset[str]] = {}
        for g in first:
            out[g[0]] = frozenset({*hints, *(cc for cc, keys in named.items() if keys - {g[0]})})
        return out

    def _within_story(
        self, key: str, cands: tuple[int, ...], story: dict[str, frozenset[str]]
    ) -> tuple[int, ...]:
        """Story focus as a constraint: a small place (village, town under
        STRAY_POPULATION or admin-2 unit) is read in the countries the story is about
        where it has a namesake there ("Shama" in a story on south Lebanon); readings
        abroad stay only when none lies inside."""
        countries = story.get(key)
        if not countries or any(
            self._fclass[c] <= ADMIN1
            or self._fclass[c] >= WATER
            or self._pop[c] >= STRAY_POPULATION
            or self._source[c] == SUPPLEMENT
            for c in cands
        ):
            return cands
        inside = tuple(c for c in cands if self._cc[c] in countries)
        return inside or cands

    def _country_named(self, text: str, m: Mention, idx: int, ctx: _Context) -> bool:
        """Whether a name that is mostly something else ("Emirates": an airline, a stadium)
        is its place here: another name of the text lies in that place's country, or it is
        written "the Emirates" in a text naming a country within CONTEXT_KM of it."""
        cc = self._cc[idx]
        own = ctx.country_by_key.get(m.key, {})
        if cc and ctx.country.get(cc, 0.0) - own.get(cc, 0.0) > 0:
            return True
        if not text[max(0, m.start - 4) : m.start].lower().endswith("the "):
            return False
        lat, lon = self._lat[idx], self._lon[idx]
        return any(
            other != cc
            and n > 0
            and (c := self._country_idx.get(other)) is not None
            and _km(lat, lon, self._lat[c], self._lon[c]) <= CONTEXT_KM
            for other, n in ctx.country.items()
        )

    def _word_namesake(self, key: str, idx: int, ctx: _Context) -> bool:
        """Whether the place chosen for ``key`` is a town under STRAY_POPULATION named by an
        English word or surname ("Muse", Pennsylvania) that nothing else in the text (nor
        the caller's hint) places in its country: likely a namesake of a place the index
        lacks, so its confidence is at most NAMESAKE_CONFIDENCE."""
        if (
            not self._town_like(idx)
            or self._source[idx] == SUPPLEMENT
            or self._pop[idx] >= STRAY_POPULATION
            or not (self._is_common_word(key) or key in self._surnames)
        ):
            return False
        cc = self._cc[idx]
        if not cc:
            return False
        own = ctx.country_by_key.get(key, {})
        return cc not in ctx.hints and ctx.country.get(cc, 0.0) - own.get(cc, 0.0) <= 0

    def _town_like(self, idx: int) -> bool:
        """A town or village, or a geoBoundaries unit (small, named after its seat, and
        weighed like a village): a namesake abroad of a place the story names."""
        return self._fclass[idx] in (CITY, VILLAGE) or (
            self._fclass[idx] == ADMIN2 and self._source[idx] == GEOBOUNDARIES
        )

    def _stray(
        self, key: str, idx: int, container: int, ctx: _Context, cued: bool = False
    ) -> str | None:
        """The story's focus country when the place chosen for ``key`` is a small town abroad
        that nothing in the text supports, else None.

        A name the index lacks ("Tawila" in a story on Darfur) otherwise lands on a namesake
        village thousands of km away. The town must be under STRAY_POPULATION, in a country
        no other name of the text (nor the caller's hint) lies in, without a container
        ("Tawila, Yemen"), over STRAY_KM from every other place named, while at least two
        other names and most of them lie in one other country. A name the text calls a
        village or town (``cued``: "Bara Bara village", "the village of Monge"), read as a
        town or an admin-2 unit abroad, need lie only CUED_STRAY_KM away and needs one other
        name only, a town or district of that country ("... village, Tooz Khurmato
        district"): a country's name alone is no such support.
        """
        alias = norm_name(self._name[idx]) != key
        if (
            not (self._town_like(idx) or (cued and self._fclass[idx] == ADMIN2))
            or self._source[idx] == SUPPLEMENT
            or self._pop[idx] >= (ALIAS_STRAY_POPULATION if alias else STRAY_POPULATION)
            or container >= 0
        ):
            return None
        cc = self._cc[idx]
        own = ctx.country_by_key.get(key, {})
        if (
            not cc
            or cc in ctx.hints
            or ctx.country.get(cc, 0.0) - own.get(cc, 0.0) - ctx.demonym.get(cc, 0.0) > 0
        ):
            return None
        if ctx.stray_km(self._lat[idx], self._lon[idx], key) <= (
            CUED_STRAY_KM if cued else STRAY_KM
        ):
            return None
        focus = self._focus(ctx, key, 2.0, without_demonyms=True)
        if focus is None and cued:
            focus = self._focus(ctx, key, 1.0, without_demonyms=True)
            if focus is not None and not ctx.local_support(focus, key):
                return None
        return focus

    def _outside_km(self, cc: str, lat: float, lon: float) -> float:
        """How far (km) the point (lat, lon, degrees) lies outside the extent (bounding box)
        of the country ``cc``; 0 inside it or when the index holds no extent."""
        country = self._country_idx.get(cc)
        box = self._bbox.get(country) if country is not None else None
        if box is None:
            return 0.0
        min_lon, min_lat, max_lon, max_lat = box
        near_lat, near_lon = min(max(lat, min_lat), max_lat), min(max(lon, min_lon), max_lon)
        return _km(lat, lon, near_lat, near_lon)

    @staticmethod
    def _focus(
        ctx: _Context, key: str, min_support: float, without_demonyms: bool = False
    ) -> str | None:
        """The country at least ``min_support`` and most of the other names of the text
        (and the caller's hints) lie in, or None. ``without_demonyms``: a country named
        only by adjectives ("Turkish shelling on Afrin") is an actor, no setting."""
        own = ctx.country_by_key.get(key, {})
        others = Counter(
            {
                c: n - own.get(c, 0.0)
                for c, n in ctx.country.items()
                if not without_demonyms or n - own.get(c, 0.0) - ctx.demonym.get(c, 0.0) > 0
            }
        )
        if not others:
            return None
        focus, support = others.most_common(1)[0]
        if support < min_support or support * 2 < sum(others.values()):
            return None
        return focus

    def _relocate(self, text: str, tops: list[Toponym], strays: dict[str, str]) -> list[Toponym]:
        """Move each stray mention (normalised name -> focus country) to the nearest place in
        the text of the focus country, the most local first (town, then region, then the
        country itself), as an inferred village of low confidence; when the strays are all
        the text names, to the country's point if the reading lies over HINTED_STRAY_KM
        outside the country ("LNA forces clashed in Wadi al-Rabi" is no town of India). A
        stray that names a group of people (GROUP_AFTER_RE) is no place at all."""
        rank = {"city": 0, "village": 0, "admin2": 0, "admin1": 1, "region": 2, "country": 3}
        # the strays are all the text names: the story's country is all there is to go by
        alone = all(norm_name(a.mention) in strays for a in tops)
        out: list[Toponym] = []
        for t in tops:
            focus = strays.get(norm_name(t.mention))
            if focus is None or t.source == "container":
                out.append(t)
                continue
            if GROUP_AFTER_RE.match(text, t.end):
                continue
            anchors = [
                a
                for a in tops
                if a.country_code == focus
                and a.feature_class in rank
                and norm_name(a.mention) not in strays
            ]
            if anchors:
                anchor = min(anchors, key=lambda a: (rank[a.feature_class], abs(a.start - t.start)))
                local = rank[anchor.feature_class] == 0
                lat, lon = anchor.lat, anchor.lon
                admin1, confidence = (anchor.admin1, 0.25) if local else (None, 0.15)
            elif (
                alone
                and (country := self._country_idx.get(focus)) is not None
                and self._outside_km(focus, t.lat, t.lon) > HINTED_STRAY_KM
            ):
                lat, lon, admin1, confidence = self._lat[country], self._lon[country], None, 0.1
            else:
                out.append(t)
                continue
            out.append(
                Toponym(
                    start=t.start,
                    end=t.end,
                    mention=t.mention,
                    name=t.mention,
                    lat=lat,
                    lon=lon,
                    country_code=focus,
                    feature_class="village",
                    geonameid=None,
                    source="inferred",
                    confidence=confidence,
                    bbox=None,
                    admin1=admin1,
                    reading="inferred",
                )
            )
        return out

    def _choose(
        self, key: str, cands: tuple[int, ...], ctx: _Context, container: int
    ) -> tuple[int, float]:
        """The best candidate for ``key`` and a confidence from its margin over the next."""
        scored = self._scores(key, cands, ctx, container)
        order = sorted(range(len(cands)), key=scored.__getitem__, reverse=True)
        best = order[0]
        margin = scored[best] - scored[order[1]] if len(order) > 1 else 4.0
        return cands[best], 0.5 + 0.45 * (1.0 - math.exp(-margin))

    def _scores(
        self, key: str, cands: tuple[int, ...], ctx: _Context, container: int
    ) -> list[float]:
        """The resolution score of each candidate of ``key`` (see WEIGHTS)."""
        own = ctx.country_by_key.get(key, {})
        total = (sum(ctx.country.values()) - sum(own.values())) or 1.0
        # A state's name keeps its region reading: no local bonus for towns of its country
        # ("California, Pennsylvania"), and a small town named like a state anywhere needs
        # its container next to it or another town or county of its state in the text.
        state_of = {
            self._cc[c]
            for c in cands
            if self._fclass[c] == ADMIN1 and norm_name(self._name[c]) == key
        }
        state_name = container < 0 and bool(state_of)
        # "Kherson", "Jericho": a region that only an alternate name ties to the mention
        # yields to the town of that name inside it ("Kherson region" selects the region).
        town_regions = {self._admin1[c] for c in cands if self._fclass[c] in (CITY, VILLAGE)}
        exonym = self._exonym_town(key, cands)
        scored: list[float] = []
        for c in cands:
            cc = self._cc[c] or ""
            fc = self._fclass[c]
            # A country named only by an adjective ("Turkish forces") is an actor more
            # than a setting: it supports its towns at half weight.
            score = (
                self._prior(c)
                + WEIGHTS["focus"]
                * (
                    ctx.country.get(cc, 0.0)
                    - own.get(cc, 0.0)
                    - DEMONYM_DISCOUNT * ctx.demonym.get(cc, 0.0)
                )
                / total
            )
            if cc in ctx.hints:
                score += WEIGHTS["hint"]
            if c == exonym or norm_name(self._name[c]) == key:
                score += WEIGHTS["name"]
            elif (
                fc == ADMIN1
                and (a1 := self._admin1[c]) is not None
                and any(a1 == t or a1.startswith(f"{t}.") for t in town_regions if t)
            ):
                score -= WEIGHTS["alias_region"]
            if container >= 0 and self._contains(container, c):
                score += WEIGHTS["container"]
            a1 = self._admin1[c]
            if fc >= ADMIN2 and a1 in ctx.actor_regions:
                score += WEIGHTS["actor_region"]
            if a1 and fc != COUNTRY:
                inside, share, named = ctx.admin1_weight(a1, key)
                score += WEIGHTS["admin1"] * min(1, inside)
                # Towns and counties of a state the text names, or of the state most of its
                # other places lie in (a local story), over namesakes elsewhere.
                if (
                    state_name
                    and fc >= CITY
                    and self._pop[c] < ADMIN1_NAMESAKE_POPULATION
                    and not ctx.has_local(a1, key)
                ):
                    score -= WEIGHTS["state_name"]
                # "New York", "Lagos", "Tokyo": a big city named like its own region is what
                # the bare name means in the news.
                if (
                    fc == CITY
                    and self._pop[c] >= 1_000_000
                    and cc in state_of
                    and key not in ctx.listed_with_regions
                    and not ctx.far_local(a1, key, self._lat[c], self._lon[c])
                ):
                    score += WEIGHTS["metro"]
                if fc >= ADMIN2 and cc not in state_of:
                    score += WEIGHTS["named"] * named
                    if inside >= 2:
                        score += WEIGHTS["local"] * share
            if fc >= ADMIN1 and ctx.points:
                if fc == ADMIN1 and c in self._bbox and ctx.any_inside(self._bbox[c], key):
                    d = 10.0
                else:
                    d = ctx.nearest_km(self._lat[c], self._lon[c], key)
                score += WEIGHTS["near"] * max(0.0, 1.0 - math.log10(max(d, 10.0) / 10.0) / 3.0)
            scored.append(score)
        self._seat_over_region(key, cands, scored, ctx)
        return scored

    def _exonym_town(self, key: str, cands: Sequence[int]) -> int:
        """The town that bears ``key`` as an English exonym rather than as its own name
        ("Odessa" for Odesa, "Palmyra" for Tadmur), or -1.

        It is the most populous town of the name, known by it in many spellings (see
        ``gazetteer.build``), EXONYM_FACTOR times as populous as every town whose own name
        the mention is, and in another country than all of them: the namesakes abroad
        ("Odessa, Texas") are then named after it, and it keeps the own-name weight.
        """
        towns = [c for c in cands if self._fclass[c] in (CITY, VILLAGE)]
        if not towns:
            return -1
        big = max(towns, key=self._pop.__getitem__)
        if big not in self._exonyms.get(key, ()):
            return -1
        own = [c for c in towns if norm_name(self._name[c]) == key]
        if not own or self._cc[big] in {self._cc[c] for c in own}:
            return -1  # a district's or suburb's name ("Manhattan" for New York City)
        most = max(self._pop[c] for c in own)
        return big if self._pop[big] >= EXONYM_FACTOR * max(most, 1) else -1

    def _seat_over_region(
        self, key: str, cands: Sequence[int], scored: list[float], ctx: _Context
    ) -> None:
        """A small region named after its seat yields to the town: the town takes the
        region's standing and the region falls ``WEIGHTS["seat"]`` below it (in place).

        The seat is a town of SEAT_POPULATION or more in the region's country whose own name
        is the mention or another spelling of it with as many words, within SEAT_OWN_NAME_KM
        or SEAT_KM of the region's point, unless the text names another town of its admin-1
        region far from it.
        """
        seats = [
            k
            for k, c in enumerate(cands)
            if self._fclass[c] == CITY
            and self._pop[c] >= SEAT_POPULATION
            and not ctx.far_local(self._admin1[c] or "", key, self._lat[c], self._lon[c])
        ]
        if not seats:
            return
        for r, c in enumerate(cands):
            if self._fclass[c] not in (ADMIN1, ADMIN2):
                continue
            for k in seats:
                t = cands[k]
                own = norm_name(self._name[t])
                if own == key:
                    limit = SEAT_OWN_NAME_KM
                elif own.count(" ") == key.count(" "):
                    limit = SEAT_KM  # another spelling ("Janīn" for "Jenin")
                else:
                    continue  # a longer name: "Oklahoma City" is no "Oklahoma"
                if (
                    self._cc[t] == self._cc[c]
                    and _km(self._lat[t], self._lon[t], self._lat[c], self._lon[c]) <= limit
                ):
                    scored[k] = max(scored[k], scored[r])
                    scored[r] = min(scored[r], scored[k] - WEIGHTS["seat"])
                    break

    def _has_seat(self, m: Mention) -> bool:
        """Whether a region of the mention's name has a town of that very name near its
        point ("Jenin"; see SEAT_KM): in a list, such a name is no sign of a list of
        regions."""
        towns = [
            c
            for c in m.candidates
            if self._fclass[c] == CITY
            and self._pop[c] >= SEAT_POPULATION
            and norm_name(self._name[c]).count(" ") == m.key.count(" ")
        ]
        return any(
            self._fclass[r] == ADMIN1
            and self._cc[t] == self._cc[r]
            and _km(self._lat[t], self._lon[t], self._lat[r], self._lon[r]) <= SEAT_KM
            for r in m.candidates
            for t in towns
        )

    def _region_name(self, m: Mention) -> bool:
        """Whether the mention is the own name of a state, province or country."""
        return any(
            self._fclass[c] <= ADMIN1 and norm_name(self._name[c]) == m.key for c in m.candidates
        )

    def _listed_with_regions(
        self, text: str, mentions: list[Mention], containers: list[int]
    ) -> frozenset[str]:
        """Keys of mentions listed with a state's or country's name: "Missouri, New York
        and Virginia" (three or more names, or two joined by "and"/"or"; "Lagos, Nigeria"
        is no list, nor are "Paris, Texas, and Dallas")."""
        out: set[str] = set()
        chain = [0]
        for k in range(1, len(mentions) + 1):
            contained = k < len(mentions) and (
                containers[k - 1] >= 0 or (k >= 2 and containers[k - 2] >= 0)
            )
            if (
                k < len(mentions)
                and not contained
                and LIST_GAP_RE.fullmatch(text, mentions[k - 1].end, mentions[k].start)
            ):
                chain.append(k)
                continue
            members = [mentions[i] for i in chain]
            joined = len(members) >= 3 or (
                len(members) == 2
                and text[members[0].end : members[1].start].strip(", ") in ("and", "or")
            )
            if joined:
                # Names that can only be regions ("Idaho", not "Tehran") make it a list of
                # regions.
                regions = [
                    m
                    for m in members
                    if self._region_name(m)
                    and not any(
                        self._fclass[c] == CITY and self._pop[c] >= ADMIN1_NAMESAKE_POPULATION
                        for c in m.candidates
                    )
                    and not self._has_seat(m)
                ]
                for m in members:
                    if any(r is not m for r in regions):
                        out.add(m.key)
            chain = [k]
        return frozenset(out)

    def _container(self, text: str, mentions: list[Mention], k: int) -> int:
        """The place named right after "X, " (its admin-1 or country), or -1.

        "Oregon, Ohio, Texas" is a list of states, not a town in Ohio: a name that is itself
        a state or country has no container unless an abbreviation follows ("Washington,
        D.C.") or its own name ("Valparaiso, Valparaiso": the town in its region).
        """
        if k + 1 >= len(mentions):
            return -1
        m, nxt = mentions[k], mentions[k + 1]
        if text[m.end : nxt.start] not in (", ", ","):
            return -1
        written = text[nxt.start : nxt.end]
        abbreviated = "." in written or (written.isupper() and len(written) <= 3)
        # "Miami, West Palm Beach, New York, and Detroit", "Cairo, Giza and Luxor": a list.
        if (
            not abbreviated
            and (
                (k > 0 and LIST_GAP_RE.fullmatch(text, mentions[k - 1].end, m.start))
                or (
                    k + 2 < len(mentions)
                    and LIST_GAP_RE.fullmatch(text, nxt.end, mentions[k + 2].start)
                )
                # ("(Menaka, Menaka)" is a unit and its region, as a bracket lists them)
                or (
                    self._region_name(m)
                    and (nxt.key != m.key or text[m.start - 1 : m.start] == "(")
                )
            )
        ):
            return -1
        for c in nxt.candidates:
            if self._fclass[c] <= ADMIN1:
                return c
        return -1

    # ----------------------------------------------------------------- stated containment

    def _stated_regions(
        self,
        text: str,
        tokens: list[tuple[int, int, str]],
        mentions: list[Mention],
        statements: Sequence[Statement],
        countries: Sequence[str] = (),
    ) -> list[Mention]:
        """Mentions for containers the text states that no mention names: an admin-1 or
        admin-2 unit of that name, or spelled with letters doubled or not, with or without
        an article or a closing "h" ("Wassit province" for Wasit, "(Banadir)" for
        Banaadir), or, in a story about ``countries``, spelled another way where the text
        writes it in brackets or with an admin word (``gazetteer.variants``: "(Al Jabl Al
        Gharbi)" for Al Jabal al Gharbi; "the countryside of Deir Ezzor" may be the town).
        Plain English words ("Eastern") are left."""
        starts = [m.start for m in mentions]
        added: list[Mention] = []
        for st in statements:
            for span in st.containers:
                k = bisect_right(starts, span[1] - 1) - 1
                if k >= 0 and mentions[k].end > span[0]:
                    continue
                key = norm_name(text[span[0] : span[1]])
                if (
                    not key
                    or self._is_common_word(key)
                    or key in self._organisations
                    or any(m.start == span[0] for m in added)
                ):
                    continue
                cands = tuple(
                    c for c in self._names.get(key, ()) if self._fclass[c] in (ADMIN1, ADMIN2)
                )
                if not cands:
                    cands = self._skeletons.get(skeleton(key), ())
                if not cands and st.kind in ("paren", "admin"):
                    cands = tuple(
                        c
                        for cc in countries
                        for c in self._spelled_ids(key, cc)
                        if self._fclass[c] in (ADMIN1, ADMIN2)
                    )
                if not cands or len(cands) > MAX_CANDIDATES:
                    continue
                first = bisect_right([t[0] for t in tokens], span[0]) - 1
                last = bisect_right([t[0] for t in tokens], span[1] - 1) - 1
                added.append(Mention(span[0], span[1], key, first, last, cands))
        if not added:
            return mentions
        return sorted([*mentions, *added], key=lambda m: m.start)

    def _links(
        self, mentions: list[Mention], statements: Sequence[Statement]
    ) -> tuple[
        dict[int, tuple[int, Statement]],
        set[int],
        list[tuple[tuple[int, int], int, int, Statement]],
    ]:
        """Tie the statements of ``gazetteer.containment`` to the mentions.

        Returns the links (mention index -> index of the mention of its finest stated
        container, and the statement), the mentions that close a chain "X (Y, Z)" (an
        administrative unit where one bears the name), and the stated spans no mention
        names whole, each with the mention of its finest known container and the mention
        of a known word inside it ("Abu" of "Abu Salim") or -1.
        """
        starts = [m.start for m in mentions]

        def at(span: tuple[int, int]) -> int:
            k = bisect_right(starts, span[1] - 1) - 1
            return k if k >= 0 and mentions[k].end > span[0] else -1

        links: dict[int, tuple[int, Statement]] = {}
        admin: set[int] = set()
        unknown: list[tuple[tuple[int, int], int, int, Statement]] = []
        seen: set[tuple[int, int]] = set()
        # An unknown container stated to lie in a known one ("Yaryah village, Sandor
        # subdivision (Kono, Eastern)"): its holder holds what it contains (second pass).
        held: dict[tuple[int, int], int] = {}
        for st in (*statements, *statements):
            spans = (st.child, *st.containers)
            chain = [at(span) for span in spans]
            whole = [
                k if k >= 0 and mentions[k].start <= span[0] and mentions[k].end >= span[1] else -1
                for k, span in zip(chain, spans, strict=True)
            ]
            known = [k for k in whole[1:] if k >= 0]
            if st.kind == "paren" and len(chain) >= 3 and known:
                admin.add(known[-1])
            for a, here in enumerate(chain):
                holder = next(
                    (
                        k if k >= 0 else held.get(span, -1)
                        for k, span in zip(whole[a + 1 :], spans[a + 1 :], strict=True)
                        if (k >= 0 and k != here) or span in held
                    ),
                    -1,
                )
                if holder < 0:
                    continue
                m = mentions[here] if here >= 0 else None
                if m is not None and m.start <= spans[a][0] and m.end >= spans[a][1]:
                    links.setdefault(here, (holder, st))
                elif (
                    m is not None
                    and m.start >= spans[a][0]
                    and m.end <= spans[a][1]
                    and spans[a] not in seen
                ):
                    # "Abu Salim (Tripoli)": a known word inside a longer unknown name.
                    unknown.append((spans[a], holder, here, st))
                    seen.add(spans[a])
                elif m is None and spans[a] not in seen:
                    unknown.append((spans[a], holder, -1, st))
                    seen.add(spans[a])
                    held[spans[a]] = holder
                elif m is not None:
                    links.setdefault(here, (holder, st))
        return links, admin, unknown

    def _depth(self, k: int, links: dict[int, tuple[int, Statement]]) -> int:
        depth, seen = 0, {k}
        while k in links and links[k][0] not in seen:
            k = links[k][0]
            seen.add(k)
            depth += 1
        return depth

    def _agree(
        self,
        mentions: list[Mention],
        final: list[tuple[int, float]],
        links: dict[int, tuple[int, Statement]],
        groups: list[tuple[str, int, int]],
        keys: dict[tuple[str, int, int], tuple[int, ...]],
        ctx: _Context,
    ) -> dict[int, tuple[int, Statement]]:
        """Make each linked mention agree with its stated container (coarsest first).

        A pair of readings that agree wins over readings that do not, by the sum of their
        resolution scores ("Kut city, Wassit province" is Kut in Iraq; "Lome city (Golfe)"
        makes Golfe the prefecture of Togo, not a town in Angola); a small place none of
        whose namesakes lies inside is a place the index lacks, placed at the container
        (returned: mention index -> container place and statement). A container that
        agrees with nothing is passed over for the next one stated. Offsets ("X, 10 km
        north of Y") keep a reading near the point they give and move others there.
        """
        placed: dict[int, tuple[int, Statement]] = {}
        scores: dict[tuple[str, int, int], dict[int, float]] = {}
        adrift: set[int] = set()

        def score(k: int) -> dict[int, float]:
            g = groups[k]
            if g not in scores:
                scores[g] = dict(zip(keys[g], self._scores(g[0], keys[g], ctx, g[1]), strict=True))
            return scores[g]

        for k in sorted(links, key=lambda k: self._depth(k, links)):
            holder, st = links[k]
            seen = {k}
            while holder in adrift and holder in links and links[holder][0] not in seen:
                seen.add(holder)
                holder = links[holder][0]
            parent = placed[holder][0] if holder in placed else final[holder][0]
            idx = final[k][0]
            m = mentions[k]
            if m.demonym or (self._fclass[parent] == COUNTRY and self._fclass[idx] == COUNTRY):
                continue
            if st.kind == "offset":
                lat, lon = offset_point(
                    self._lat[parent], self._lon[parent], st.offset_km or 0.0, st.bearing or 0.0
                )
                if _km(self._lat[idx], self._lon[idx], lat, lon) > max(
                    15.0, 0.5 * (st.offset_km or 0.0)
                ) and self._small(idx):
                    placed[k] = (parent, st)
                continue
            if self._inside(idx, parent, st):
                continue
            mine = score(k)
            # Readings of the container that may change: its own, unless it was moved.
            theirs = {parent: 0.0} if holder in placed or holder in links else score(holder)
            best: tuple[float, int, int] | None = None
            for p, sp in sorted(theirs.items(), key=lambda x: -x[1])[:10]:
                for c, sc in mine.items():
                    if self._inside(c, p, st) and (best is None or sp + sc > best[0]):
                        best = (sp + sc, c, p)
            if best is not None:
                _, c, p = best
                final[k] = (c, max(0.6, final[k][1] - 0.1) if c != idx else final[k][1])
                if p != parent:
                    final[holder] = (p, max(0.6, final[holder][1] - 0.1))
            elif self._stray_from(
                idx, parent, mentions[holder].abbreviation, holder in links and holder not in adrift
            ):
                placed[k] = (parent, st)
            else:
                adrift.add(k)
        return placed

    def _stray_from(
        self, idx: int, container: int, abbreviated: bool = False, confirmed: bool = False
    ) -> bool:
        """Whether a reading that no namesake inside its stated container can replace is a
        namesake of a place the index lacks (to be placed at the container).

        Abroad: a village or admin-2 unit, or a town under 100,000 stated to lie in an
        admin-1 region written out or in a town that agrees with its own stated container
        ("Buk (Damboa LGA, Borno)"); a bigger town abroad may
        be right where the container is the doubtful reading ("Lome city (Golfe)", "TN"
        for Tamil Nadu read as Tennessee). In the container's country: a town or village
        over STATED_FAR_KM from a town or admin-2 container ("Kyiv's Dnipro district"); an
        admin-1 or wider container, or a district named after its town, may hold it.
        """
        fc = self._fclass[container]
        if fc == COUNTRY or self._fclass[idx] < ADMIN2 or self._source[idx] == SUPPLEMENT:
            return False
        if self._cc[idx] != self._cc[container]:
            return self._fclass[idx] in (ADMIN2, VILLAGE) or (
                (fc == ADMIN1 or confirmed) and not abbreviated and self._pop[idx] < 100_000
            )
        return (
            fc in (ADMIN2, CITY, VILLAGE)
            and _km(self._lat[idx], self._lon[idx], self._lat[container], self._lon[container])
            > STATED_FAR_KM
        )

    def _small(self, idx: int) -> bool:
        """A village, town under 100,000 or admin-2 unit (no curated place)."""
        return (
            self._fclass[idx] in (ADMIN2, CITY, VILLAGE)
            and self._pop[idx] < 100_000
            and self._source[idx] != SUPPLEMENT
        )

    def _inside(self, place: int, container: int, statement: Statement) -> bool:
        """Whether ``place`` lies in (or, for "near", near) ``container``."""
        if place == container:
            return True
        fc = self._fclass[container]
        if self._cc[place] != self._cc[container]:
            return False
        if fc == COUNTRY:
            return True
        km = _km(self._lat[place], self._lon[place], self._lat[container], self._lon[container])
        bbox = self._bbox.get(container)
        in_box = (
            bbox is not None
            and bbox[0] - 0.2 <= self._lon[place] <= bbox[2] + 0.2
            and bbox[1] - 0.2 <= self._lat[place] <= bbox[3] + 0.2
        )
        if fc == ADMIN1:
            a1 = self._admin1[place]
            return (a1 is not None and a1 == self._admin1[container]) or in_box
        if fc == ADMIN2 and self._at_region_point(container):
            return self._admin1[place] == self._admin1[container]
        if fc == ADMIN2:
            return km <= INSIDE_ADMIN2_KM or in_box
        if fc in (CITY, VILLAGE):
            return km <= INSIDE_TOWN_KM * (1.5 if statement.kind == "near" else 1.0)
        return km <= INSIDE_REGION_KM or in_box

    def _plausible_name(self, text: str, start: int, end: int, child: bool = True) -> bool:
        """Whether the span reads as the name of a place the index lacks: capitalised words
        that are no English adjective, verb or function word, organisation, title or
        people, not an acronym; a contained name also no person ("Ahmed Ali (Mogadishu)"),
        where a container may be named after one ("(Nelson Mandela Bay, Eastern Cape)")."""
        words = [w for _, _, w in word_spans(text[start:end])]
        caps = [w for w in words if w[0].isupper()]
        # An article opening an Arabic name is no English word: "As Shwayrif"
        if len(caps) > 1 and norm_token(caps[0]) in ARABIC_ARTICLES:
            caps = caps[1:]
        if not caps or len(caps) > 4:
            return False
        key = norm_name(text[start:end])
        if key in self._organisations or key in self._demonyms or key in self._names:
            return False
        for w in caps:
            n = norm_token(w)
            if (
                (w.isupper() and len(w) > 1)
                or n in self._vocab_other
                or n in self._common_capitalised
                or n in self._org_words
                or n in self._title_words
                or n in self._demonyms
                or n in self._organisations
            ):
                return False
        # "Clashes in Plateau state": a plural in -es is a word too
        if len(caps) == 1 and (
            self._is_common_word(key) or (key.endswith("es") and self._is_common_word(key[:-2]))
        ):
            return False
        return not (child and len(caps) >= 2 and norm_token(caps[0]) in self._given)

    def _contained(
        self,
        text: str,
        start: int,
        end: int,
        container: int,
        statement: Statement,
        confidence: float,
    ) -> Toponym | None:
        """A place named ``text[start:end]`` at its stated container (or at the offset the
        text gives from it), or None when the container is a country."""
        fc = self._fc(container)
        if fc == "country":
            return None
        lat, lon = self._lat[container], self._lon[container]
        feature: FeatureClassName = _CONTAINED_CLASS.get(fc, "village")
        if statement.kind == "offset" and statement.offset_km is not None:
            lat, lon = offset_point(lat, lon, statement.offset_km, statement.bearing or 0.0)
            feature = "village"
        mention = text[start:end]
        return Toponym(
            start=start,
            end=end,
            mention=mention,
            name=mention,
            lat=lat,
            lon=lon,
            country_code=self._cc[container],
            feature_class=feature,
            geonameid=None,
            source="container",
            confidence=confidence,
            bbox=None,
            admin1=self._admin1[container],
            reading="container",
            container=self._name[container],
        )

    def _contains(self, container: int, place: int) -> bool:
        if place == container:
            return False
        if self._fclass[container] == COUNTRY:
            return self._cc[place] == self._cc[container]
        return self._admin1[place] is not None and self._admin1[place] == self._admin1[container]

    # ----------------------------------------------------------------- helpers

    def _fc(self, i: int) -> FeatureClassName:
        return FEATURE_CLASSES[self._fclass[i]]

    def _src(self, i: int) -> Source:
        return SOURCES[self._source[i]]

    def _gid_or_none(self, i: int) -> int | None:
        g = self._gid[i]
        return g if g > 0 else None

    def _toponym(
        self, text: str, m: Mention, idx: int, confidence: float, container: int = -1
    ) -> Toponym:
        reading: Reading = "name"
        if m.demonym:  # "Turkish air space": an adjective; "the Syrians": a people word
            reading = "adjective" if _MODIFIES.match(text, m.end) else "demonym"
        elif m.abbreviation:
            reading = "abbreviation"
        return Toponym(
            start=m.start,
            end=m.end,
            mention=text[m.start : m.end],
            name=self._name[idx],
            lat=self._lat[idx],
            lon=self._lon[idx],
            country_code=self._cc[idx],
            feature_class=self._fc(idx),
            geonameid=self._gid_or_none(idx),
            source=self._src(idx),
            confidence=round(min(1.0, max(0.0, confidence)), 3),
            bbox=self._bbox.get(idx),
            admin1=self._admin1[idx],
            reading=reading,
            container=self._name[container] if container >= 0 else None,
        )
