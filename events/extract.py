"""Events from a Document whose sentences, body end and toponyms are already filled.

For each sentence of the article body (boilerplate skipped): find triggers, drop the negated
and hedged ones, attach each to the places its clause says it happened at, and add actor,
target, claim source, date and ACLED type; then one casualty event per stated toll (one
event for all the places it covers, never one per place), and a missile path where missiles
are launched from one place at another. A sentence that names no place of its own can
still report on the one before ("Four people were killed.", "Survivors fled.", "...the
outskirts of the city"). The story is remembered across sentences: the last named actor
("they had seized", "the group claimed", "The strikes hit..."), the last flood or quake (the
people who fled it, its drowned), a retelling that places the events just told better ("The
crash happened near X"). Repeats across sentences (the same strike on the same place) are
merged. No parser: clause and role heuristics in ``events.context``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise

from core.document import PRECISION, DatePrecision, Document, Event, EventType, Span
from core.toponym import Toponym, km_between, region_within
from events.background import is_background, is_stale
from events.casualties import Toll, find_count, find_toll, has_toll_words, told_as_claim
from events.context import (
    IN_CONTAINER,
    PLACE_ROLES,
    SPEECH_VERBS,
    Mention,
    anaphoric_actor,
    clause_bounds,
    clause_of,
    find_actor,
    find_claimant,
    find_target,
    fineness,
    is_named,
    last_named_actor,
    listed_places,
    mentions_in,
)
from events.dates import DateMention, find_dates
from events.paths import build_path, stated_distance_km
from events.sentences import is_boilerplate, sentence_spans
from events.triggers import (
    ABDUCTION,
    AIR,
    ATTACK,
    CLASH,
    NO_ACLED,
    SHELLING,
    STRATEGIC_OTHER,
    TriggerMatch,
    find_triggers,
    has_trigger_words,
    is_ground_fire,
    is_labour_story,
    polarity,
)

_VIOLENT: frozenset[EventType] = frozenset({"strike", "clash", "other", "territory_change"})
# A flight from nature is no conflict event: ACLED codes no displacement by a flood
_NATURAL_CAUSE = re.compile(
    r"\b(?:floods?|flooding|flash floods?|earthquakes?|quakes?|storms?|cyclones?|hurricanes?"
    r"|typhoons?|tornado(?:es)?|droughts?|landslides?|mudslides?|volcan\w*|eruptions?"
    r"|wildfires?|bushfires?|forest fires?|tsunamis?|heavy rains?|rains|heatwaves?)\b",
    re.IGNORECASE,
)
_PASSIVE_GAP = re.compile(
    r"^\s*(?:was|were|has been|had been|have been|is being|are being|been|came under"
    r"|come under|comes under)(?:\s+(?:heavy|intense|repeated|renewed|also|again))*\s*$"
)
# Words between a place and a later trigger that tie the place to something else: a speech
# ("officials in Moscow said the strikes..."), a meeting or a purpose ("met in Moscow to
# discuss the air strikes").
_DETACHED = re.compile(
    rf"\b(?:{SPEECH_VERBS})\b|\bto\s+[a-z]+\b|\b(?:met|meet\w*|talks?|discuss\w*|summit"
    r"|conference|visit\w*|condemn\w*|denounc\w*|about(?!\s+\d)|regarding|concerning)\b",
    re.IGNORECASE,
)
# Speakers who report from where it happened: "police in Chicago said a gunman shot..."
_LOCAL_SOURCE = re.compile(
    r"\b(?:police|residents|witnesses|medics|doctors|hospital|rescuers|mayor|governor|locals"
    r"|local officials|emergency services)\s+(?:in|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "launchers used to attack shipping in the Red Sea": the place of another, purposed act
_PURPOSE = re.compile(r"\b(?:used|designed|meant|intended)\s+to\s+[a-z]+")
# "set fire to the offices in the capital and blocked roads in Chittagong": the first act
# has its own place, the later one is the second verb's (a toll's verbs are no second act)
_SECOND_VERB = re.compile(
    r"\s+\S[^,;]*?\s(?:in|at|near|outside|inside)\s[^,;]*?\s(?:,\s*)?and\s+"
    r"(?:then\s+|later\s+|also\s+)?"
    r"(?!killed|wounded|injured|left|leaving)[a-z]+ed\b"
)
_FROM_IS_PLACE = re.compile(r"withdr|retreat|pulled out|abduct|kidnap|hostage", re.IGNORECASE)
_THE_TOWN = re.compile(
    r"\b(?:the|this|that)\s+(?:(?:[a-z]+-?)+\s+)?(?:city|town|village|capital|camp)\b(?!\s+of\b)"
)
# "exchanged fire with the gangs": the armed men of the story just told, so the scene goes on
_THE_ASSAILANTS = re.compile(
    r"\b(?:the|those)\s+(?:[a-z]+\s+)?(?:gangs?|gang members|attackers|assailants|gunmen"
    r"|militants|insurgents|rebels|raiders|jihadists|bandits)\b"
)
_CAMP_AFTER = re.compile(r"\s+(?:refugee\s+|displacement\s+)?camp\b")
_NEAR_WORDS = re.compile(r"\b(?:near|outside|outskirts|edge|edges|north|south|east|west)\b")
_TRUCE = re.compile(
    r"cease-?fire|truce|talks|agree\w*|deal\b|negotiat\w*|peace|accord", re.IGNORECASE
)
_RELATIVE = re.compile(r"(?:^|[,\s])(?:who|which|where|whose)\s[^,;]*$", re.IGNORECASE)
_FROM_ELSEWHERE = re.compile(r"^(?:\s+[\w,]+){0,6}?\s+from\s+(?!the area\b)", re.IGNORECASE)
_RELATIVE_START = re.compile(r"^\W*(?:who|which|that|whose)\b", re.IGNORECASE)
_NARROWED = re.compile(
    r"\s+(?:near|outside|around|in)\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}?(?:of\s+)?$"
)
_WHERE = re.compile(r"^\W*where\b", re.IGNORECASE)
_SUBORDINATE = re.compile(r"^\W*(?:after|when|following|during)\b", re.IGNORECASE)
_FRONTED = re.compile(
    r"^\W*(?:in|at|near|outside|across|around|inside|throughout)\s+(?:the\s+)?$", re.IGNORECASE
)
_SUBJECT_TRIGGERS = re.compile(r"^(?:fell to|fallen to)$", re.IGNORECASE)
_PATH_WEAPON = re.compile(
    r"\b(?:missiles?|rockets?|drones?|projectiles|ICBMs?|UAVs?|Shaheds?)\b", re.IGNORECASE
)
_PLATFORMS = (
    r"warships?|ships?|vessels?|submarines?|bombers?|aircraft|jets|planes|launchers?"
    r"|batter(?:y|ies)"
)
_LAUNCHERS = (
    r"launch\w*|fir(?:ed|es|ing)|sent|shot|missiles?|rockets?|drones?|projectiles|UAVs?"
    rf"|Shaheds?|ICBMs?|{_PLATFORMS}"
)
# "missiles fired from Crimea", "drones from Lebanon", "from warships in the Caspian Sea"
_LAUNCHED_FROM = re.compile(rf"\b(?:{_LAUNCHERS})\b[^,;.]{{0,40}}$", re.IGNORECASE)
# "warships in the Black Sea fired...", "bombers over the Caspian Sea launched..."
_PLATFORM = re.compile(
    rf"\b(?:{_PLATFORMS})\s+(?:in|over|off|on)\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}$",
    re.IGNORECASE,
)
_LAUNCH_AFTER = re.compile(
    r"^(?:\s+[\w-]+){0,2}?\s+(?:launch\w*|fir(?:ed|es|ing)|sent|shot)\b", re.IGNORECASE
)
_OWN_TERRITORY = re.compile(r"\bfrom (?:its|their) (?:own )?(?:territory|soil)\b", re.IGNORECASE)
_ATTACK_WORD = re.compile(r"attack|raid|assault|fired|opened fire|ambush", re.IGNORECASE)
# An attack on these (or on a settlement, killing "people") is violence against civilians.
_CIVILIANS = re.compile(
    r"\b(?:civilians?|villagers|residents|worshippers|passengers|students|pilgrims|farmers"
    r"|children|women|patients|shoppers|mourners|wedding|(?:displacement|refugee|displaced)"
    r" camps?)\b"
    r"|\b(?:attack\w*|raid\w*|stormed)\s+(?:on\s+)?(?:the\s+|a\s+)?(?:town|village|camp|market"
    r"|settlement|hamlet)s?\b.*\bkill\w*\s+(?:at least\s+|more than\s+|about\s+)?\S+\s+people\b",
    re.IGNORECASE,
)
_SETTLEMENT = re.compile(
    r"\s+(?:the\s+|a\s+)?(?:(?:[\w-]+\s+){0,2}?(?:town|village|city|neighbou?rhood|settlement"
    r"|hamlet|market|camp)s?\b|(?-i:[A-Z])\w+(?:\s+(?-i:[A-Z])\w+)?\s*[,.]|(?-i:[A-Z])\w+\s+on\b)",
    re.IGNORECASE,
)
_STATE_ACTOR = re.compile(r"\b(?:army|military|government|troops|soldiers|regime)\b", re.I)
_POLICE = re.compile(r"\b(?:police|security|forces|troops|army|soldiers)\b", re.IGNORECASE)
# A sentence that is only a date, as notes head their text: "25 February.", "13-14 October.",
# "On or before 31 August."
_DATELINE = re.compile(
    r"^\W*(?:on or (?:before|about|around)\s+)?(?:\d{1,2}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2}"
    r"(?:st|nd|rd|th)?)?\s+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?)"
    r"(?:,?\s+(?:19|20)\d\d)?\s*[.:]?\s*$",
    re.IGNORECASE,
)
# A sentence that goes on with the event just told, not a new one ("again" is a new one)
_CONTINUES = re.compile(
    r"\b(?:also|then|later|meanwhile|moments later|minutes later)\b(?!.*\bagain\b)"
    r"|\b(?:hours?|minutes) (?:later|earlier|after|before)\b"
    r"|\bat (?:about |around )?\d{1,2}(?:[:.]\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC)"
    r"|\bat (?:dawn|dusk|noon|midnight|daybreak)\b"
    r"|^\W*(?:The|That|This)\s+(?:\w+\s+)?(?:strikes?|attacks?|shelling|bombing|blast|explosion"
    r"|raid|assault|fighting|clashes|ambush|bombardment)\b(?!.*\bagain\b)"
    # "...was destroyed by the attack", "wounded in the clashes": the event just told
    r"|\b(?:by|in|during) (?:the|that|this) (?:strikes?|attacks?|shelling|bombing|blast"
    r"|explosion|raids?|assault|fighting|clashes|ambush|bombardment)\b(?!.*\bagain\b)",
    re.IGNORECASE,
)
_TOLL_UPDATE = re.compile(
    r"\btoll\b.*\b(?:rose|risen|rises|climbed|climbs|increased|reached|jumped)\b"
    r"|\b(?:raising|bringing|taking|pushing) the (?:death )?toll to\b",
    re.IGNORECASE,
)
# A date that puts a "since" far back: "since 2011", "since last October", "for years"
_LONG_AGO = re.compile(
    r"\b(?:19|20)\d\d\b|\b(?:January|February|March|April|June|July|August|September|October"
    r"|November|December)\b|\blast year\b|\byears\b|\bdecades?\b"
    r"|\b(?:start|beginning|outbreak) of the (?:year|war|conflict)\b"
)
BASE_CONFIDENCE = 0.8
CLAIM_CONFIDENCE = 0.7


_ARMED_VICTIMS = re.compile(
    r"\b(?:soldiers|troops|forces|police\w*|officers|fighters|militants|army|guards|servicemen)\b",
    re.IGNORECASE,
)
_UNARMED_VICTIMS = re.compile(
    r"^(?:people|persons|civilians?|villagers|residents|worshippers|passengers|students|children"
    r"|women|men|family members|pilgrims|farmers|patients|shoppers|customers|guests|mourners"
    r"|workers|journalists|teachers|drivers|traders|merchants|herders|fishermen|miners"
    r"|paramedics|rescuers|(?-i:[A-Z])\w+(?:ians?|is|ese|ans))$",
    re.IGNORECASE,
)


def _civilian_toll(toll: Toll | None, sentence: str) -> bool:
    """Whether the toll's victims are all unarmed ("killing 12 people") and no armed men
    but the attackers are named ("46 people, most of them members of the security forces")."""
    if toll is None or toll.casualties.killed is None or not toll.casualties.victims:
        return False
    if _ARMED_VICTIMS.search(sentence, toll.start):  # the attackers may be armed, not the dead
        return False
    return all(_UNARMED_VICTIMS.match(v) for v in toll.casualties.victims.split(", "))


def _precision(places: list[Mention]) -> tuple[int, int]:
    """(ACLED geo_precision, UCDP where_prec) of an event at ``places`` (the coarsest)."""
    levels = []
    for m in places:
        level = PRECISION.get(m.toponym.feature_class, (1, 1))
        if m.level is not None:
            level = max(level, PRECISION[m.level])
        if m.near and level[0] == 1:
            level = (2, 2)
        levels.append(level)
    return max(a for a, _ in levels), max(u for _, u in levels)


def _confidence(places: list[Toponym], claimed: bool) -> float:
    base = CLAIM_CONFIDENCE if claimed else BASE_CONFIDENCE
    return base * (0.5 + 0.5 * min(p.confidence for p in places))


def _attach(
    sentence: str,
    start: int,
    end: int,
    event_type: EventType,
    phrase: str,
    mentions: list[Mention],
    clause: int,
    clause_start: int,
) -> list[Mention]:
    """The mentions where an event whose trigger spans ``start:end`` happened.

    The first coordinated group of place mentions after the trigger in its clause; else the
    last group before it, unless a speech, meeting or purpose stands between ("officials in
    Moscow said the strikes...") and it is not a fronted "In Khartoum, ..."; else a passive
    subject ("Kharkiv was shelled"); else a modifier ("Syria bombing campaigns"); else, for
    a temporal clause ("a curfew in Bahir Dar after protesters blocked roads"), the first
    place of the clause it hangs on.
    """
    in_clause = [m for m in mentions if m.clause == clause]
    if event_type == "airspace_violation":
        inside = [m for m in in_clause if start <= m.start and m.end <= end]
        if inside:
            # "entered Polish airspace near the village of Oserdow": the village
            finer = [
                m
                for m in in_clause
                if m.start >= end
                and m.toponym.feature_class not in _COARSE
                and m.toponym.country_code == inside[0].toponym.country_code
                and _NARROWED.match(sentence, end, m.start)
            ]
            return finer[:1] or inside[:1]
    allowed = PLACE_ROLES - {"modifier"}
    if event_type not in {"strike", "protest", "other"}:
        # "rockets towards Israel" land there; "fled to X" or "advancing towards X" did not
        # happen at X
        allowed = allowed - {"direction"}
    if event_type == "displacement" or _FROM_IS_PLACE.search(phrase):
        allowed = allowed | {"source"}
    after = [
        m
        for m in in_clause
        if m.start >= end
        and m.role in allowed
        and not _PURPOSE.search(sentence, end, m.start)
        and (event_type == "protest" or not _SECOND_VERB.match(sentence, end, m.start))
    ]
    after = [m for m in after if m.role != "attributive"] or after
    if after:
        first = [m for m in after if m.group == after[0].group]
        finer = [m for m in after if m.group != after[0].group]
        if (
            finer
            and all(m.toponym.feature_class in _COARSE for m in first)
            and finer[0].toponym.feature_class not in _COARSE
            and finer[0].toponym.country_code in {m.toponym.country_code for m in first}
            and _NARROWED.match(sentence, first[-1].end, finer[0].start)
            and not (
                # "the countryside of Ein Issa in Ar-Raqqa", "Busra Esh-Sham in the
                # countryside of Dar'a": a district in the province its seat names, not a
                # town inside the district
                all(m.toponym.feature_class == "admin2" for m in first)
                and IN_CONTAINER.fullmatch(sentence, first[-1].end, finer[0].start)
            )
        ):
            # "struck central Myanmar near the city of Mandalay": Mandalay
            return [m for m in finer if m.group == finer[0].group]
        # "on the Sirwah (Sirwah, Marib) and Nati (Nati, Al Bayda) frontlines": both
        return first + listed_places(sentence, mentions, first[-1])[1:]
    before = [m for m in in_clause if m.end <= start]
    placed = [
        m
        for m in before
        if m.role in allowed
        and (
            not _DETACHED.search(sentence[m.end : start])
            or _FRONTED.match(sentence[clause_start : m.start])
            or _LOCAL_SOURCE.search(sentence[clause_start : m.start])
        )
    ]
    placed = [m for m in placed if m.role != "attributive"] or placed
    if placed:
        return _finest_group(placed, before, sentence)
    if before:
        last = before[-1]
        gap = sentence[last.end : start]
        if last.role == "none" and (
            _PASSIVE_GAP.match(gap) or (_SUBJECT_TRIGGERS.match(phrase) and not gap.strip())
        ):
            return [m for m in before if m.group == last.group]
    modifiers = [
        m
        for m in in_clause
        if m.role == "modifier"
        and m.end <= start
        and _MODIFIER_GAP.fullmatch(sentence, m.end, start)
    ]
    if not modifiers and clause > 0 and _WHERE.match(sentence[clause_start:]):
        # "In the town of Paiporta, where 40 people died": the place the clause hangs on
        antecedent = [m for m in mentions if m.clause == clause - 1 and m.role in allowed]
        return [m for m in antecedent if m.group == antecedent[-1].group] if antecedent else []
    if modifiers or clause == 0 or not _SUBORDINATE.match(sentence[clause_start:]):
        return modifiers
    main = sentence[:clause_start]
    # "a ceasefire in Gaza after weeks of fighting", "who lived in Moscow ... when she was
    # attacked": the main clause is no event, or is about someone else
    if _TRUCE.search(main) or _RELATIVE.search(main):
        return []
    earlier = [m for m in mentions if m.clause == clause - 1 and m.role in allowed]
    earlier = [m for m in earlier if m.role != "attributive"] or earlier
    return [m for m in earlier if m.group == earlier[0].group] if earlier else []


# Between a place that modifies a trigger and the trigger: nothing, or one lower-case word
# ("Syria bombing", "Mexico jet crash", "Kabul suicide attack")
_MODIFIER_GAP = re.compile(r"\s{0,2}|\s[a-z][\w-]*\s")
_COARSE = frozenset({"admin1", "admin2", "region", "country"})
_COMMA = re.compile(r",\s*")
# How far a town may lie from the point of the district written after it ("X, Y district")
OWN_DISTRICT_KM = 60.0


def _without_own_region(sentence: str, group: list[Mention]) -> list[Mention]:
    """``group`` less each province or district written right after a town it holds: "in
    Puerto Montt, Los Lagos, drivers protested" happened in Puerto Montt, once (the region
    is the town's address, not a second place); "in Aleppo, Idlib and Hama" keeps all three.
    The gazetteer decides what holds what: the town's admin-1 code, and for a district
    also OWN_DISTRICT_KM."""
    kept = group[:1]
    for previous, m in pairwise(group):
        if not (_COMMA.fullmatch(sentence, previous.end, m.start) and _holds(m, previous)):
            kept.append(m)
    return kept


def _holds(outer: Mention, inner: Mention) -> bool:
    """Whether ``outer`` is an admin unit the finer ``inner`` lies in (see above)."""
    o, i = outer.toponym, inner.toponym
    if o.feature_class not in {"admin1", "admin2"} or fineness(i) >= fineness(o):
        return False
    if not (o.admin1 and i.admin1 and o.country_code == i.country_code):
        return False
    same_region = region_within(i.admin1, o.admin1)
    if o.feature_class == "admin1":
        return same_region
    return same_region and km_between(i, o) <= OWN_DISTRICT_KM


# How far a place may lie from the place the sentence says it is in (a province's point)
CHAIN_KM = 250.0


def _finest_group(placed: list[Mention], before: list[Mention], sentence: str) -> list[Mention]:
    """The last group before a trigger, unless it only widens an earlier one ("attacked
    Macomia in Cabo Delgado province, clashing with soldiers": Macomia) or is where an
    earlier place lies (see _innermost)."""
    last = [m for m in placed if m.group == placed[-1].group]
    inner = _innermost(last[0], before, sentence)
    if inner is not last[0]:
        return [m for m in before if m.group == inner.group]
    codes = {m.toponym.country_code for m in last}
    if all(m.toponym.feature_class in _COARSE or m.level for m in last):
        finer = [
            m
            for m in placed
            if m.group != last[0].group
            and m.toponym.feature_class not in _COARSE
            and m.level is None
            and m.toponym.country_code in codes
        ]
        if finer:
            return [m for m in placed if m.group == finer[-1].group]
    return last


def _innermost(outer: Mention, before: list[Mention], sentence: str) -> Mention:
    """The first place of the chain of places that ends at ``outer``, each said to lie in
    the next ("civilians in Jarablus in Aleppo protested", "farmers from Orgebas village in
    Maktaaral district of Turkistan region rallied": Jarablus, Orgebas), else ``outer``.
    A link holds between two places of one country, the inner one no wider than a
    district, within CHAIN_KM of each other or stated so by the gazetteer."""
    chain = outer
    for m in reversed([m for m in before if m.end <= outer.start]):
        t, c = m.toponym, chain.toponym
        if not (
            IN_CONTAINER.fullmatch(sentence, m.end, chain.start)
            and t.country_code == c.country_code
            and t.feature_class not in {"country", "region", "admin1"}
            and m.role not in {"agent", "modifier"}
            and (t.container == c.name or km_between(t, c) <= CHAIN_KM)
        ):
            break
        chain = m
    return chain


def _acled(
    trigger: TriggerMatch, sentence: str, actor: str | None, mentions: list[Mention]
) -> tuple[str | None, str | None]:
    """ACLED (event type, sub-event type): the rule's, with the weapons named deciding air
    strike or shelling for bare verbs, and a state actor's takeover counted as a clash."""
    rule = trigger.rule
    if rule.event_type == "strike" and rule.needs_weapon:
        return SHELLING if is_ground_fire(sentence) else AIR
    if rule.acled[1] == "Non-state actor overtakes territory" and actor is not None:
        states = {m.actor_name for m in mentions}
        if actor in states or _STATE_ACTOR.search(actor):
            return CLASH
    return rule.acled


class _Dates:
    """Dates of a document's sentences, read only when asked for ("on the same day" reads
    back to the nearest earlier sentence with a date)."""

    def __init__(self, published: date | None, sentences: list[str]) -> None:
        self.published = published
        self.sentences = sentences
        self.cache: dict[int, list[DateMention]] = {}

    def of(self, index: int) -> list[DateMention]:
        """The dates of sentence ``index``, anaphora resolved."""
        if index in self.cache:
            return self.cache[index]
        resolved: list[DateMention] = []
        for d in find_dates(self.sentences[index], self.published):
            if d.anaphora_days is not None:
                # "...on Saturday, and fighting went on the next day": Saturday + 1
                earlier = next(
                    ((r.value, r.precision) for r in reversed(resolved) if r.value is not None),
                    None,
                ) or self._last_before(index)
                if earlier is None:
                    continue
                value = earlier[0] + timedelta(days=d.anaphora_days)
                d = replace(d, value=value, precision=earlier[1], anaphora_days=None)
            resolved.append(d)
        self.cache[index] = resolved
        return resolved

    def here(self, index: int) -> list[DateMention]:
        """The dates of sentence ``index``, or, when it has none but goes on with the story
        just told ("The shelling also hit...", "...at about 10 a.m."), the date of one of
        the three sentences before it."""
        own = self.of(index)
        if own:
            return own
        if _CONTINUES.search(self.sentences[index]):
            earlier = self._last_before(index, 3)
        else:
            earlier = self._heading(index)
        if earlier is None:
            return []
        return [DateMention(0, 0, earlier[0], earlier[1])]

    def _heading(self, index: int) -> tuple[date, DatePrecision | None] | None:
        """The date of the nearest earlier sentence that is nothing but a date: a note's
        dateline ("25 February. Rioters barricaded ...", "13-14 October. Troops fought ...")
        dates the sentences under it."""
        for i in range(index - 1, -1, -1):
            if _DATELINE.match(self.sentences[i]):
                found = [(d.value, d.precision) for d in self.of(i) if d.value is not None]
                return found[0] if found else None
        return None

    def _last_before(
        self, index: int, back: int | None = None
    ) -> tuple[date, DatePrecision | None] | None:
        stop = -1 if back is None else max(-1, index - back - 1)
        for i in range(index - 1, stop, -1):
            # a day before a coarser date: "overnight ... this year" is overnight
            found = sorted(
                (d for d in self.of(i) if d.value is not None),
                key=lambda d: (d.precision == "day", d.start),
            )
            if found and found[-1].value is not None:
                return found[-1].value, found[-1].precision
        return None

    @staticmethod
    def nearest(dates: list[DateMention], offset: int) -> tuple[date | None, DatePrecision | None]:
        """The date nearest the sentence offset ``offset``: (date, precision), or Nones."""
        if not dates:
            return None, None
        best = min(dates, key=lambda d: abs(d.start - offset))
        return best.value, best.precision


# A hazard retold this near the place first given is the same hazard (a province's centre
# can be this far from a town in it)
_SAME_HAZARD_KM = 300.0


def _close(places: list[Toponym], told: list[Toponym]) -> bool:
    """Whether every one of ``places`` lies within _SAME_HAZARD_KM of a place in ``told``
    (a name the gazetteer only inferred has no position of its own: its country decides)."""
    return all(
        any(
            km_between(p, t) <= _SAME_HAZARD_KM
            or (p.source == "inferred" and p.country_code == t.country_code)
            for t in told
        )
        for p in places
    )


def _place_key(t: Toponym) -> tuple:
    return ("id", t.geonameid) if t.geonameid is not None else ("name", t.name, t.lat, t.lon)


def _merge(events: list[Event], text: str) -> list[Event]:
    """One event per type and place set: later repeats fill what the first one lacks, the
    larger toll the first one's, unless it is one side's claim ("IS said it killed 100")
    and the first's is stated ("IS militants killed twenty people")."""
    merged: dict[tuple, Event] = {}
    for event in events:
        key: tuple = (event.event_type, tuple(_place_key(p) for p in event.places))
        if event.path is not None:
            key = (*key, "path")
        first = merged.get(key)
        if first is None:
            merged[key] = event
            continue
        for name in ("date", "date_precision", "actor", "target", "claimed_by"):
            if getattr(first, name) is None and getattr(event, name) is not None:
                setattr(first, name, getattr(event, name))
        if event.casualties and first.casualties:
            if (event.casualties.killed or 0) > (first.casualties.killed or 0) and not (
                told_as_claim(event, text) and not told_as_claim(first, text)
            ):
                first.casualties = replace(
                    event.casualties,
                    injured=event.casualties.injured or first.casualties.injured,
                )
            elif first.casualties.injured is None and event.casualties.injured is not None:
                first.casualties = replace(first.casualties, injured=event.casualties.injured)
        first.confidence = max(first.confidence, event.confidence)
    return list(merged.values())


class _Sentence:
    """One sentence being read: its text, clauses, place mentions, dates and claim."""

    def __init__(
        self, span: Span, text: str, toponyms: list[Toponym], dates: list[DateMention]
    ) -> None:
        self.span = span
        self.text = text
        self.bounds = clause_bounds(text)
        self.mentions = mentions_in(text, span.start, toponyms, self.bounds)
        self.dates = dates
        self.claimant = find_claimant(text)
        self.question = text.rstrip(" ”\"'").endswith("?")

    def event(
        self,
        event_type: EventType,
        places: list[Mention],
        at: int,
        trigger: str,
        actor: str | None,
    ) -> Event:
        """An event at ``places`` whose trigger starts at offset ``at`` of the sentence."""
        tops = [m.toponym for m in places]
        geo, ucdp = _precision(places)
        start, end = self.bounds[clause_of(self.bounds, at)]
        own = [d for d in self.dates if start <= d.start < end]  # "..., and X the next day"
        when, precision = _Dates.nearest(own or self.dates, at)
        return Event(
            event_type=event_type,
            places=tops,
            sentence=self.span,
            trigger=trigger,
            date=when,
            date_precision=precision,
            actor=actor,
            geo_precision=geo,
            ucdp_where_prec=ucdp,
            confidence=_confidence(tops, self.claimant is not None),
            claimed_by=self.claimant,
        )

    def confident(self, start: int, end: int) -> bool:
        """Neither negated nor hedged nor asked: the trigger at ``start:end`` is asserted."""
        clause = self.bounds[clause_of(self.bounds, start)]
        before = self.text[clause[0] : start]
        after = self.text[end : clause[1]]
        return not self.question and polarity(before, after) is None


def _sentence_events(
    span: Span,
    text: str,
    toponyms: list[Toponym],
    dates: list[DateMention],
    labour: bool,
    story_actor: str | None = None,
) -> list[Event]:
    triggers = find_triggers(text, labour)
    toll = find_toll(text)
    if not triggers and toll is None:
        return []
    s = _Sentence(span, text, toponyms, dates)
    found: list[tuple[int, Event]] = []
    launch: tuple[TriggerMatch, str | None] | None = None
    for trigger in triggers:
        if not s.confident(trigger.start, trigger.end):
            continue
        ci = clause_of(s.bounds, trigger.start)
        event_type = trigger.rule.event_type
        places = _attach(
            text,
            trigger.start,
            trigger.end,
            event_type,
            trigger.text,
            s.mentions,
            ci,
            s.bounds[ci][0],
        )
        places = _without_own_region(text, places)
        actor = find_actor(text, s.bounds[ci], trigger.start, trigger.end, s.mentions, places)
        actor = anaphoric_actor(text[s.bounds[ci][0] : trigger.start], actor, story_actor)
        if event_type == "protest" and actor is not None and _POLICE.search(actor):
            actor = None  # "police dispersed protesters": the police are not the protesters
        target = find_target(text, trigger.end, s.bounds[ci][1], s.mentions)
        # the trigger naming the weapon launched, if any: "the Houthis launched a missile"
        if (
            event_type == "strike"
            and _PATH_WEAPON.search(text)
            and (
                launch is None
                or (_PATH_WEAPON.search(trigger.text) and not _PATH_WEAPON.search(launch[0].text))
            )
        ):
            launch = (trigger, actor)
        if event_type == "territory_change":
            places = [m for m in places if m.toponym.feature_class != "country"]
        acled = _acled(trigger, text, actor, s.mentions)
        hazard: str | None = None
        crashed: tuple[int, str] | None = None
        if trigger.rule.acled == NO_ACLED and event_type == "other":
            hazard = trigger.text.lower()
        elif (
            event_type == "clash"
            and _ATTACK_WORD.match(trigger.text)
            and (_CIVILIANS.search(text) or _civilian_toll(toll, text))
        ):
            event_type, acled = "other", ATTACK  # gunmen attacking villagers: no clash
        elif (
            event_type == "clash"
            and _ATTACK_WORD.match(trigger.text)
            and any(t.rule.acled == ATTACK for t in triggers)
            and _SETTLEMENT.match(text, trigger.end)
        ):
            # "Gangs attacked the town of Mirebalais, ... setting fire to ...": a raid on a
            # town, not a battle
            event_type, acled = "other", ATTACK
        elif (
            event_type == "territory_change"
            and trigger.text.lower() in {"stormed", "raided"}
            and any(t.rule.acled in {ATTACK, ABDUCTION} for t in triggers)
        ):
            # "stormed three villages, setting fire to houses": a raid, nobody holds them
            event_type, acled = "other", ATTACK
        elif (
            event_type == "territory_change"
            and trigger.text.lower() in {"stormed", "raided"}
            and any(t.rule.event_type == "clash" for t in triggers)
        ):
            continue  # "stormed a base, sparking a gun battle": the battle is the event
        if event_type == "crash":
            counted = find_count(text[s.bounds[ci][0] : trigger.start]) or find_count(
                text[: trigger.start]
            )
            crashed = counted or None
        for place in places:  # "hit towns including A, B and C": one event per place
            event = s.event(event_type, [place], trigger.start, trigger.text, actor)
            event.target = target
            event.acled_event_type, event.acled_sub_event_type = acled
            event.hazard = hazard
            if crashed is not None:
                event.count, event.counted = crashed
            found.append((trigger.start, event))

    events = _without_wider(e for _, e in found)
    if launch is not None:
        path_event = _path_event(s, launch)
        if path_event is not None:
            events.append(path_event)
    if toll is not None and s.confident(toll.start, toll.end):
        events.extend(_casualty_event(s, toll, found))
    return events


def _without_wider(events: Iterable[Event]) -> list[Event]:
    """The events of one sentence less those at a country where the same sentence puts an
    event of the same type at a place inside it ("missiles at Ukraine, targeting the Odesa
    region": Odesa only)."""
    events = list(events)
    finer = {
        (e.event_type, p.country_code)
        for e in events
        for p in e.places
        if p.feature_class != "country"
    }
    return [
        e
        for e in events
        if not (
            len(e.places) == 1
            and e.places[0].feature_class == "country"
            and (e.event_type, e.places[0].country_code) in finer
        )
    ]


def _origin(s: _Sentence, actor: str | None) -> Mention | None:
    """Where the missiles or drones were launched from: "fired from Crimea", "drones from
    Lebanon", "warships in the Black Sea fired", or "from its territory" (the actor's
    country, when the sentence names it)."""
    for m in s.mentions:
        before = s.text[max(0, m.start - 60) : m.start]
        if m.role == "source" and _LAUNCHED_FROM.search(before):
            return m
        if (
            m.role in {"in", "near"}
            and _PLATFORM.search(before)
            and _LAUNCH_AFTER.match(s.text[m.end : m.end + 40])
        ):
            return m
    if actor is not None and _OWN_TERRITORY.search(s.text):
        return next(
            (
                m
                for m in s.mentions
                if m.actor_name == actor and m.toponym.feature_class == "country"
            ),
            None,
        )
    return None


def _path_event(s: _Sentence, launch: tuple[TriggerMatch, str | None]) -> Event | None:
    """origin -> target for "missiles launched from A at B"."""
    trigger, actor = launch
    origin = _origin(s, actor)
    if origin is None:
        return None
    targets = [
        m
        for m in s.mentions
        if m.role in PLACE_ROLES
        and m.group != origin.group
        and _place_key(m.toponym) != _place_key(origin.toponym)
    ]
    targets = [m for m in targets if m.role != "attributive"] or targets
    if not targets:
        return None
    target = targets[0]
    event = s.event("missile_path", [origin, target], trigger.start, trigger.text, actor)
    event.path = build_path(origin.toponym, target.toponym)
    event.acled_event_type, event.acled_sub_event_type = SHELLING
    stated = stated_distance_km(s.text)
    if stated is not None:
        event.stated_distance_km = stated
    return event


def _casualty_event(s: _Sentence, toll: Toll, found: list[tuple[int, Event]]) -> list[Event]:
    """One event for the toll, at every place of the events it reports on.

    Those are the events triggered in the toll's own clause, else the ones whose trigger is
    nearest the toll ("warplanes hit A, B and C, resulting in the deaths of 36"); with no
    event in the sentence, the place the toll's clause names ("killed in Kherson").
    """
    ci = clause_of(s.bounds, toll.start)
    related = [
        (at, e)
        for at, e in found
        if e.event_type in _VIOLENT | {"crash", "protest"} and e.hazard is None
    ]
    if not related:
        # "floods swept the Swat valley, killing 19": the hazard's toll, unless the toll
        # names its own place ("killing 1,000 people in villages around Herat")
        told = _attach(
            s.text, toll.start, toll.start, "casualty", "", s.mentions, ci, s.bounds[ci][0]
        )
        if not [m for m in told if m.start >= toll.start]:
            related = [(at, e) for at, e in found if e.hazard is not None]
    same = [(at, e) for at, e in related if clause_of(s.bounds, at) == ci]
    # "shelled A and attacked B, killing four soldiers": the toll of the nearest verb
    last = max((at for at, _ in same if at < toll.start), default=None)
    if last is not None:
        same = [(at, e) for at, e in same if at == last]
    if not same and related:
        nearest = min(abs(at - toll.start) for at, _ in related)
        same = [(at, e) for at, e in related if abs(at - toll.start) == nearest]
    places: list[Toponym] = []
    for _, e in same:
        places.extend(p for p in e.places if p not in places)
    # "..., killing nine civilians in the town of Ariha": the toll names its own place
    own = [
        m
        for m in s.mentions
        if m.clause == ci
        and toll.start <= m.start <= toll.end + 60
        and m.role in {"in", "near"}
        and _place_key(m.toponym) in {_place_key(p) for p in places}
    ]
    if own:
        chosen = own
    elif places:
        chosen = []
        for p in places:
            chosen.append(next(m for m in s.mentions if m.toponym == p))
    else:
        # the toll's own words may hold the place: "the death toll in Derna rose to..."
        chosen = _attach(
            s.text, toll.start, toll.start, "casualty", "", s.mentions, ci, s.bounds[ci][0]
        )
    if not chosen:
        return []
    source = same[0][1] if same else None
    actor = source.actor if source else None
    event = s.event("casualty", chosen, toll.start, toll.phrase, actor)
    event.casualties = toll.casualties
    if source is not None:
        event.acled_event_type = source.acled_event_type
        event.acled_sub_event_type = source.acled_sub_event_type
        if event.date is None:
            event.date, event.date_precision = source.date, source.date_precision
    return [event]


def _sources(previous: list[Event], hazards: bool = False) -> list[Event]:
    """The events of a sentence that a later toll or flight can refer back to (natural
    hazards only when ``hazards``: a flood's toll, not the people it drove out)."""
    return [
        e
        for e in previous
        if (
            e.event_type in _VIOLENT | {"crash", "protest"}
            # a toll of a violent event told on its own ("At least 10 people were killed")
            or (e.event_type == "casualty" and e.acled_event_type is not None)
        )
        and e.path is None
        and (hazards or e.hazard is None)
    ]


def _code_flights(found: list[Event], sentence: str, after_hazard: bool) -> None:
    """ACLED's strategic development (Other) for each displacement of ``found`` that war or
    violence caused ("thousands fled the fighting"), none for a flight from a flood or a
    quake (``after_hazard``: one told in the last sentences)."""
    if after_hazard or _NATURAL_CAUSE.search(sentence):
        return
    for e in found:
        if e.event_type == "displacement" and e.acled_event_type is None and e.hazard is None:
            e.acled_event_type, e.acled_sub_event_type = STRATEGIC_OTHER


def _at_places(
    event_type: EventType, sources: list[Event], span: Span, trigger: str, claimed: str | None
) -> Event:
    """An event at every place of ``sources`` (their date, actor and precision)."""
    places: list[Toponym] = []
    for e in sources:
        places.extend(p for p in e.places if p not in places)
    return Event(
        event_type=event_type,
        places=places,
        sentence=span,
        trigger=trigger,
        date=sources[0].date,
        date_precision=sources[0].date_precision,
        actor=sources[0].actor if event_type == "casualty" else None,
        acled_event_type=sources[0].acled_event_type if event_type == "casualty" else None,
        acled_sub_event_type=sources[0].acled_sub_event_type if event_type == "casualty" else None,
        geo_precision=max(e.geo_precision or 1 for e in sources),
        ucdp_where_prec=max(e.ucdp_where_prec or 1 for e in sources),
        confidence=min(e.confidence for e in sources) * 0.9,
        claimed_by=claimed,
    )


def _follow_up(
    span: Span,
    text: str,
    dates: list[DateMention],
    previous: list[Event],
    town: Toponym | None,
    toponyms: list[Toponym],
    labour: bool,
    story_actor: str | None = None,
    hazards: list[Event] | None = None,
    camp: Toponym | None = None,
) -> list[Event]:
    """Events of a sentence that names no place of its own, from the sentences before it.

    "Rebels entered Aleppo. Jets struck the outskirts of the city.": "the city" is the
    last town named in the two sentences before. "Missiles hit Kharkiv. Four people were
    killed." and "Gunmen attacked Ikot. Survivors fled.": a toll or a flight with no place
    belongs to the violent events of the sentence just before (a toll only if that sentence
    gave none, else it is the same toll retold). In a story of a flood or an earthquake
    (``hazards``: its events of the last sentences) with no violence just told, "Residents
    fled their homes" and "Three people drowned" are at the hazard's places.
    """
    s = _Sentence(span, text, toponyms, dates)
    events: list[Event] = []
    fled = None
    elsewhere = False
    continued: list[Event] = []  # a fight going on at the scene just told, added last
    scene_here: int | None = None  # the clause that placed an event at "the town"
    hazard_story = bool(hazards) and not _sources(previous)
    for trigger in find_triggers(text, labour):
        if not s.confident(trigger.start, trigger.end):
            continue
        ci = clause_of(s.bounds, trigger.start)
        clause = text[s.bounds[ci][0] : s.bounds[ci][1]]
        anaphor = _THE_TOWN.search(clause)
        placed = any(m.clause == ci and m.role in PLACE_ROLES | {"owner"} for m in s.mentions)
        # "...across Goma as fighters pushed into the city centre": a town named earlier in
        # the sentence comes first
        here_before = [
            m.toponym
            for m in s.mentions
            if m.clause < ci and m.toponym.feature_class in {"city", "village"}
        ]
        town = here_before[-1] if here_before else town
        if anaphor and camp is not None and anaphor.group(0).endswith("camp"):
            town = camp  # "the camp's alleys": the camp named, not the town near it
        flight = trigger.rule.event_type == "displacement"
        # "... in the camp's alleys, and a drone strike hit militants": the scene goes on
        goes_on = scene_here is not None and ci > scene_here and not flight
        if (
            town is not None
            and (anaphor or goes_on)
            and not placed
            and not (flight and hazard_story)
        ):
            scene_here = ci
            clause_text = clause[: anaphor.start()] if anaphor else ""
            near = bool(_NEAR_WORDS.search(clause_text))
            here = Mention(town, -1, -1, "in", 0, ci, near)
            actor = find_actor(text, s.bounds[ci], trigger.start, trigger.end, s.mentions)
            actor = anaphoric_actor(text[s.bounds[ci][0] : trigger.start], actor, story_actor)
            event = s.event(trigger.rule.event_type, [here], trigger.start, trigger.text, actor)
            event.acled_event_type, event.acled_sub_event_type = _acled(
                trigger, text, actor, s.mentions
            )
            event.target = find_target(text, trigger.end, s.bounds[ci][1], s.mentions)
            events.append(event)
        elif (
            trigger.rule.event_type in {"strike", "clash"}
            and not placed
            and _THE_ASSAILANTS.search(clause)
            and (scene := [e for e in _sources(previous) if e.event_type in _VIOLENT])
            and all(p.feature_class not in _COARSE for e in scene for p in e.places)
        ):
            went_on = _at_places(trigger.rule.event_type, scene, span, trigger.text, s.claimant)
            went_on.acled_event_type, went_on.acled_sub_event_type = _acled(
                trigger, text, None, s.mentions
            )
            continued.append(went_on)
        elif flight and fled is None and not _RELATIVE_START.match(clause):
            # "people who fled earlier fighting" is no flight now
            fled = trigger
            elsewhere = bool(_FROM_ELSEWHERE.search(text[trigger.end :]))  # "from border areas"
    sources = _sources(events) or _sources(previous)
    if fled is not None and not events:
        if sources and not elsewhere:
            events.append(_at_places("displacement", sources, span, fled.text, s.claimant))
        elif hazard_story and hazards:
            events.append(_at_places("displacement", hazards, span, fled.text, s.claimant))
    toll = find_toll(text)
    sources = (
        sources or _sources(previous, hazards=True) or ((hazards or []) if hazard_story else [])
    )
    told = next((e for e in previous if e.casualties is not None), None)
    if toll is not None and told is not None and not events and s.confident(toll.start, toll.end):
        _complete_toll(told, toll)
    elif (
        toll is not None
        and sources
        and s.confident(toll.start, toll.end)
        and (events or told is None)
    ):
        casualty = _at_places("casualty", sources, span, toll.phrase, s.claimant)
        casualty.casualties = toll.casualties
        when, precision = _Dates.nearest(dates, toll.start)
        if when is not None:
            casualty.date, casualty.date_precision = when, precision
        events.append(casualty)
    return events + continued


_HAZARD_RETOLD = re.compile(
    r"^\W*The\s+(?:[\w-]+\s+){0,2}?(?:dam|quake|earthquake|tremor|floods?|flooding|storm"
    r"|cyclone|typhoon|hurricane|landslide|eruption|fire|wildfire)\b"
)
_REFERS_BACK = re.compile(
    r"\b(?:the|these|those)\s+(?:strikes|attacks?|raids?|shelling|bombing|assault|bombardment)"
    r"\b(?!\s+(?:on|in|at|against)\b)"
)
_RETELLS = re.compile(
    r"^\W*(?:The|These|Those|That|This)\s+(?:[\w-]+\s+)?(?:strikes?|attacks?|shelling|bombing"
    r"|raids?|assault|barrage|bombardment|drones?|missiles?)\b"
)


def _retold_actor(sentence: str, found: list[Event], previous: list[Event]) -> None:
    """ "The strikes hit Lviv": a sentence retelling the events just told has their actor."""
    if not _RETELLS.match(sentence):
        return
    for event in found:
        if event.actor is None and event.event_type in _VIOLENT:
            event.actor = next(
                (e.actor for e in previous if e.actor and e.event_type == event.event_type), None
            )


_WHERE_IT_HAPPENED = re.compile(
    r"^\W*The\s+(?:[\w-]+\s+)?(?P<noun>crash|collision|accident|derailment|attack|strike|airstrike"
    r"|blast|explosion|bombing|ambush|raid|shelling)\s+(?:happened|occurred|took place|was)\s+"
    r"(?P<prep>near|in|at|on|outside)\b",
    re.IGNORECASE,
)
_NOUN_TYPES: dict[str, frozenset[str]] = {
    "crash": frozenset({"crash"}),
    "collision": frozenset({"crash"}),
    "accident": frozenset({"crash"}),
    "derailment": frozenset({"crash"}),
}


def _relocate(sentence: str, start: int, inside: list[Toponym], previous: list[Event]) -> bool:
    """ "A train crashed in West Bengal ... The crash happened near New Jalpaiguri": the
    events just told, and their toll, move to the finer place the retelling names. True
    when they moved. ``start``: the sentence's offset in the text."""
    m = _WHERE_IT_HAPPENED.match(sentence)
    if m is None or not previous:
        return False
    after = [t for t in inside if t.start - start >= m.end() and t.feature_class not in _COARSE]
    if not after:
        return False
    place = after[0]
    kinds = _NOUN_TYPES.get(m.group("noun").lower(), _VIOLENT - {"other"})
    moved = [
        e
        for e in previous
        if e.event_type in kinds
        and all(p.feature_class in _COARSE for p in e.places)
        and {p.country_code for p in e.places} == {place.country_code}
    ]
    if not moved:
        return False
    old = {_place_key(p) for e in moved for p in e.places}
    near = m.group("prep").lower() in {"near", "outside"}
    geo, ucdp = (2, 2) if near else PRECISION.get(place.feature_class, (1, 1))
    for e in previous:
        if e in moved or (e.casualties is not None and {_place_key(p) for p in e.places} == old):
            e.places = [place]
            e.geo_precision, e.ucdp_where_prec = geo, ucdp
    return True


def _complete_toll(told: Event, toll: Toll) -> None:
    """A toll retold ("..., killing her and wounding three others") fills in the kinds the
    first telling left out (the injured here); it never replaces a count already given."""
    if told.casualties is None:
        return
    have, new = told.casualties, toll.casualties
    if have.killed is None and new.killed is not None:
        told.casualties = replace(have, killed=new.killed, qualifier=new.qualifier)
    elif have.injured is None and new.injured is not None:
        told.casualties = replace(have, injured=new.injured)


def _update_toll(events: list[Event], sentence: str) -> None:
    """ "The death toll rose to 37": the story's latest toll, raised (never lowered)."""
    toll = find_toll(sentence)
    if toll is None or toll.casualties.killed is None:
        return
    latest = next((e for e in reversed(events) if e.casualties is not None), None)
    if latest is None or latest.casualties is None:
        return
    if (latest.casualties.killed or 0) >= toll.casualties.killed:
        return
    latest.casualties = replace(
        latest.casualties, killed=toll.casualties.killed, qualifier=toll.casualties.qualifier
    )


def extract_events(doc: Document) -> None:
    """Fill ``doc.events`` from its text, sentences, body end, toponyms and published date."""
    text = doc.text
    end = doc.body_end if doc.body_end is not None else len(text)
    spans = doc.sentences or sentence_spans(text)
    toponyms = sorted(doc.toponyms, key=lambda t: t.start)
    starts = [t.start for t in toponyms]
    body = [span for span in spans if span.start < end]
    sentences = [text[span.start : min(span.end, end)] for span in body]
    dates = _Dates(doc.published, sentences)
    labour = is_labour_story(text[:end])
    events: list[Event] = []
    previous: list[Event] = []
    held = False  # whether ``previous`` is from two sentences back
    town: tuple[int, Toponym] | None = None  # the last town named, and in which sentence
    camp: tuple[int, Toponym] | None = None  # the last camp named ("the Nur Shams camp")
    actor: str | None = None  # the last actor named: "they", "the group" may refer to it
    hazard: tuple[int, list[Event]] | None = None  # the last flood or quake, and where told
    sides: set[str] = set()  # the named actors of the story's strikes so far
    abroad: set[str] = set()  # those of them that struck outside their own country
    home = {t.name: t.country_code for t in toponyms if t.feature_class == "country"}
    for index, (span, sentence) in enumerate(zip(body, sentences, strict=True)):
        first, last = bisect_left(starts, span.start), bisect_left(starts, span.end)
        inside = [t for t in toponyms[first:last] if t.end <= span.end]
        recent = town[1] if town is not None and index - town[0] <= 2 else None
        recent_camp = camp[1] if camp is not None and index - camp[0] <= 2 else None
        found: list[Event] = []
        if (
            (inside or previous or recent is not None)
            and (has_trigger_words(sentence) or has_toll_words(sentence))
            and not is_boilerplate(sentence)
        ):
            if is_background(sentence):
                # the war so far: only the displacement it names a place for is mapped
                # ("millions have been displaced across Sudan since the war began")
                found = _sentence_events(span, sentence, inside, dates.here(index), labour, actor)
                if not found and not _LONG_AGO.search(sentence):  # "since the offensive began"
                    found = _follow_up(
                        span, sentence, dates.here(index), previous, None, inside, labour
                    )
                found = [e for e in found if e.event_type == "displacement"]
            else:
                if inside:
                    found = _sentence_events(
                        span, sentence, inside, dates.here(index), labour, actor
                    )
                if not found:
                    found = _follow_up(
                        span,
                        sentence,
                        dates.here(index),
                        previous,
                        recent,
                        inside,
                        labour,
                        actor,
                        hazard[1] if hazard and index - hazard[0] <= 3 else None,
                        recent_camp,
                    )
                _retold_actor(sentence, found, previous)
        # the events just told, placed better: the story goes on with them
        relocated = not found and bool(inside) and _relocate(sentence, span.start, inside, previous)
        if _TOLL_UPDATE.search(sentence) and any(e.casualties for e in events):
            # "The death toll rose to 2,000 as rescuers dug ... in Zindajan": the story's toll
            _update_toll(events, sentence)
            found = [e for e in found if e.event_type != "casualty"]
        if hazard and index - hazard[0] <= 3 and _HAZARD_RETOLD.match(sentence):
            # "The Arbaat dam, 40 km north of Port Sudan, burst": the hazard already told
            # ("The cyclone had earlier battered Mayotte", far from the first: a new place)
            told = [p for e in hazard[1] for p in e.places]
            found = [e for e in found if e.hazard is None or not _close(e.places, told)]
        _code_flights(found, sentence, hazard is not None and index - hazard[0] <= 3)
        events.extend(found)
        # a sentence with no place of its own (a quote), or one about the events just told
        # ("Central Command said the strikes hit radar sites"), does not end their story
        if not relocated:
            if found or (inside and not _REFERS_BACK.search(sentence)) or held:
                previous, held = found, False
            else:
                held = True
        towns = [t for t in inside if t.feature_class in {"city", "village"}]
        if towns:
            town = (index, towns[-1])
        camps = [t for t in inside if _CAMP_AFTER.match(text, t.end)]
        if camps:
            camp = (index, camps[-1])
        named = [e.actor for e in found if is_named(e.actor) and e.event_type != "casualty"]
        for e in found:
            if e.event_type == "strike" and e.actor is not None and is_named(e.actor):
                sides.add(e.actor)
                if any(p.country_code != home.get(e.actor) for p in e.places):
                    abroad.add(e.actor)
        if len(sides) == 1:  # "Russia launched drones ... a drone slammed into a building"
            side = next(iter(sides))
            for e in found:
                if (
                    e.event_type == "strike"
                    and e.actor is None
                    and e.path is None
                    # at home, the strike of a side that strikes abroad is the other side's
                    and not (
                        side in abroad and any(p.country_code == home.get(side) for p in e.places)
                    )
                ):
                    e.actor = side
        if any(e.hazard is not None for e in found):
            hazard = (index, [e for e in found if e.hazard is not None])
        actor = named[-1] if named else last_named_actor(sentence) or actor
    doc.events = [
        e for e in _merge(events, doc.text) if not is_stale(e.date, e.date_precision, doc.published)
    ]
