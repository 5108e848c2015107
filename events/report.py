"""The report stage: an event for every sentence that reports one, even when the clause
rules of ``events.extract`` could not tie it to a place.

Real reporting ("On 3 May, militants attacked a police post in X (Y, Z), killing 5
policemen"; "Gunmen kill doctor in Kabul") names one event per sentence and its place in
forms the clause rules do not read. This stage runs after them, on each body sentence they
left without an event:

1. the report rules (``events/rules/report.toml``, a decision list kept as data and checked
   by a schema when loaded) find the first asserted trigger whose tests hold: it gives the
   event type and the ACLED event type and sub-event type;
2. the place is the finest one the sentence names (a town before a district, a district
   before a province, a province before a country; an adjective of an actor, "the Malian
   army", is no place); a sentence that names none takes the last place the story named;
3. the toll is the sentence's, or the next sentence's when that one tells no event of its
   own ("One soldier was killed and six others wounded.");
4. the date is the sentence's, else the story's last one; never the publication date guessed.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Annotated, get_args

import ahocorasick
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from core import regexes
from core.document import PRECISION, Document, Event, EventType, Span
from core.toponym import Toponym, km_between
from events.background import is_background, is_stale
from events.casualties import Toll, find_toll, is_claim
from events.context import (
    EVENT_ROLES,
    Mention,
    clause_bounds,
    clause_of,
    fineness,
    is_container,
    last_named_actor,
    listed_places,
    mentions_in,
    stated_containers,
)
from events.dates import DateMention, find_dates
from events.sentences import is_boilerplate
from events.story import ADDS, ANOTHER, victim_nouns
from events.triggers import AIR_FORCE, GOODS, is_sport, polarity
from gazetteer.organisations import load_organisations, organisation_matcher

RULES_FILE = Path(__file__).parent / "rules" / "report.toml"
_CLASS_REF = regexes.compile(r"\{([a-z_]+)\}")
_EVENT_TYPES = frozenset(get_args(EventType))
_ARMED_KINDS = frozenset({"armed_group", "security_force"})
_ACTOR_KINDS = _ARMED_KINDS | {"party"}

# How fine a place of each feature class is: lower is finer (a town before its district)
_ACTOR_AFTER = regexes.compile(
    r"\s*(?:-led\s+|-backed\s+)?(?:armed forces|army|military|forces|troops|soldiers|police"
    r"|militia\w*|rebels|fighters|militants|government|authorities|air ?force|navy|jets"
    r"|war-?planes|gendarmes?|security|officials|regime|nationals?)\b",
    re.IGNORECASE,
)
# Local armed men or crowds named by their town or region ("Imo police", "Yangon resistance
# group", "Kaduna militiamen"): where nothing finer than a country is told, they are local
_LOCAL_ACTOR_AFTER = regexes.compile(
    rf"{_ACTOR_AFTER.pattern}|\s*(?:resistance|guerrillas?|gunmen|vigilantes|youths|mobs?"
    r"|bandits|gangs?|insurgents|police(?:men)?)\b",
    re.IGNORECASE,
)
_LOCAL = frozenset({"admin1", "admin2", "city", "village"})
# A sentence that goes on with the event just told: "The raids hit ...", "The attack was..."
_REFERS_BACK = regexes.compile(
    r"^\W*(?:The|These|Those|That|This|Both|All)\s+(?:[\w-]+\s+){0,2}?(?:strikes?|attacks?"
    r"|raids?|shelling|bombings?|bombardments?|assaults?|fighting|clashes|violence|protests?"
    r"|demonstrations?|explosions?|blasts?|ambush|operation|offensive|incident)\b"
)
# A preposition that makes the next name a place whatever follows it
_LOCATIVE_BEFORE = regexes.compile(
    r"\b(?:in|near|at|outside|around|inside|(?:north|south|east|west)\w* of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# A mention that follows a place to say where it lies: "X (Y", "X, Y", "X of Y", "X in Y"
_STATED_AFTER = regexes.compile(r".*(?:\(|,|\bof|\bin)\s*(?:the\s+)?$", re.DOTALL)
# People named by where they live ("villagers of Kokoun ... fought around Siguiri town"): the
# place of their home, not a statement of where the event was
_PEOPLE_OF = regexes.compile(
    r"\b(?:residents|villagers|inhabitants|natives|people|youths?|communities|farmers|herders"
    r"|families|tribesmen|elders|citizens|members)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
CONFIDENCE = 0.6
# A toll that sums the story up rather than adding to it
_SUMMED_UP = regexes.compile(
    r"\b(?:toll|total|in all|overall|so far|altogether|since|according to|claim\w*|up to)\b",
    re.IGNORECASE,
)
_PERFECT_BEFORE = regexes.compile(r"\b(?:has|have|'ve)\b", re.IGNORECASE)
# One victim named by a definite generic noun retells a victim already counted ("The victim
# died of his injuries later at the hospital") unless the sentence says it is another ("The
# man also died"); a title may name another ("The commander died of his wounds")
_DEFINITE_ONE = regexes.compile(
    r"(?:the|this|that)\s+(?:victim|man|woman|person|individual|boy|girl|child)\b",
    re.IGNORECASE,
)
# A name the text gives as a place ("the village of Rounga", "in Nassougou (Mopti)", "near
# Salmossi", "Saigang village"): kept on an event whose place the gazetteer does not know.
_NAME = (
    r"(?:(?:al|el|ad|an|ar|as|ash|at|az)-)?[A-Z][\w'’-]+"
    r"(?:\s+(?:(?:al|el|de|del|la|bin|ibn)\s+)?[A-Z][\w'’-]+){0,3}"
)
_NAMED_PLACE = regexes.compile(
    rf"\b(?:(?:village|town|city|locality|area|district|commune|municipality|neighbou?rhood"
    rf"|camp|settlement|hamlet|suburb)\s+of\s+(?P<of>{_NAME})"
    rf"|(?P<cue>{_NAME})\s+(?:village|town|city|locality|area|district|commune|municipality"
    rf"|neighbou?rhood|camp|settlement|hamlet|suburb|market)\b"
    rf"|(?:in|near|outside|around)\s+(?P<loc>{_NAME})(?=\s*(?:\(|,\s*[A-Z]|[.;]|$)))"
)
# Capitalised words that a locative cue puts before no place: months, weekdays, determiners
_NOT_PLACES = frozenset({
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "The", "A", "An", "This", "That", "Its", "Their", "His", "Her",
})  # fmt: skip
_NEIGHBOURHOOD = 400  # characters: the sentences just before and after
_RETOLD_KM = 25.0  # an event this near one told already is that one retold
_OPENING_DATE = 12  # characters before a date that opens its sentence ("Around 4 May")


class RuleFileError(ValueError):
    """The report rules file does not follow its schema; the message names the rule."""


class _RuleModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=r"^[a-z_]+$")]
    acled: tuple[str, str]
    event_type: str
    stems: Annotated[list[Annotated[str, Field(pattern=r"^[^A-Z]+$")]], Field(min_length=1)]
    pattern: str
    when: str | None = None
    # Words that, shortly before a ``when`` match in its clause, make that match no
    # evidence: the protest's cause or object, an earlier event, a possibility.
    not_after: str | None = None
    unless: str | None = None
    # Event types (beyond those a decision refines anyway) whose events this rule's decision
    # makes its own: a development that says what a violent-looking verb did (explosives
    # made safe, property torched with no one harmed)
    retypes: list[str] = []
    # ``retypes`` only where the story tells of no one killed or injured at the event's place
    # (property torched in a village where a later sentence tells of the dead is an attack)
    unharmed: bool = False
    examples: Annotated[list[str], Field(min_length=1)]
    counterexamples: Annotated[list[str], Field(min_length=1)]

    @field_validator("event_type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in _EVENT_TYPES:
            raise ValueError(f"unknown event type {value!r}; use one of {sorted(_EVENT_TYPES)}")
        return value

    @field_validator("retypes")
    @classmethod
    def _known_types(cls, value: list[str]) -> list[str]:
        for event_type in value:
            cls._known_type(event_type)
        return value


class _SentenceModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    skip: str
    modal: str
    examples: Annotated[list[str], Field(min_length=1)]
    counterexamples: Annotated[list[str], Field(min_length=1)]


class _RuleFileModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    sentence: _SentenceModel
    classes: dict[str, str]
    rule: Annotated[list[_RuleModel], Field(min_length=1)]


@dataclass(frozen=True, slots=True)
class ReportRule:
    """One entry of the decision list, its regular expressions compiled (case-insensitive)."""

    id: str
    event_type: EventType
    acled: tuple[str, str]
    stems: tuple[str, ...]
    pattern: re.Pattern[str]
    when: re.Pattern[str] | None
    not_after: re.Pattern[str] | None
    unless: re.Pattern[str] | None
    retypes: frozenset[str]
    unharmed: bool
    examples: tuple[str, ...]
    counterexamples: tuple[str, ...]


def _expand(source: str, classes: dict[str, str], rule_id: str) -> re.Pattern[str]:
    def class_of(m: re.Match[str]) -> str:
        if m.group(1) not in classes:
            raise RuleFileError(f"rule {rule_id!r}: unknown word class {{{m.group(1)}}}")
        return f"(?:{classes[m.group(1)]})"

    expanded = _CLASS_REF.sub(class_of, source)
    try:
        return regexes.compile(expanded, re.IGNORECASE)
    except re.error as exc:
        raise RuleFileError(f"rule {rule_id!r}: bad regular expression: {exc}") from exc


def _automaton(decision_list: tuple[ReportRule, ...]) -> ahocorasick.Automaton:
    needs: dict[str, set[int]] = {}
    for i, rule in enumerate(decision_list):
        for stem in rule.stems:
            needs.setdefault(stem, set()).add(i)
    automaton = ahocorasick.Automaton()
    for stem, indices in needs.items():
        automaton.add_word(stem, frozenset(indices))
    automaton.make_automaton()
    return automaton


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The decision list and the test of sentences that retell rather than report."""

    rules: tuple[ReportRule, ...]
    skip: re.Pattern[str]
    modal: re.Pattern[str]
    gate: ahocorasick.Automaton  # stem -> indices of the rules that need it
    skip_examples: tuple[str, ...]
    skip_counterexamples: tuple[str, ...]


def _armed_group_names(kinds: frozenset[str]) -> str:
    """The organisations of ``kinds`` in the list shared with the gazetteer, as one
    alternation; names written with inner capitals or in capitals ("FAMa", "IS") match
    only as written."""
    # Longest first, ties by name: the same pattern in every process (the install-time
    # cache of compiled patterns is keyed by the pattern's text, see core.regexes)
    names = sorted(
        {n for o in load_organisations() if o.kind in kinds for n in o.names},
        key=lambda n: (-len(n), n),
    )
    return "|".join(
        f"(?-i:{re.escape(n)})" if any(c.isupper() for c in n[1:]) else re.escape(n) for n in names
    )


def _classes(declared: dict[str, str]) -> dict[str, str]:
    """The word classes of the file, each ``{name}`` inside them expanded, and
    ``armed_groups`` (armed groups and security forces) and ``nonstate_groups`` (armed
    groups only) from the shared organisations list, ``air_force`` (the air force as a
    weapon) and ``goods`` (what is seized and is no territory) as the trigger lexicon reads
    them."""
    classes = {
        "armed_groups": _armed_group_names(_ARMED_KINDS),
        "nonstate_groups": _armed_group_names(frozenset({"armed_group"})),
        "air_force": AIR_FORCE,
        "goods": GOODS,
        **declared,
    }
    for name, source in classes.items():
        classes[name] = _CLASS_REF.sub(lambda m: f"(?:{classes.get(m.group(1), '')})", source)
    return classes


def load_rules(path: Path = RULES_FILE) -> RuleSet:
    """The rules of ``path``, in file order; ``RuleFileError`` names what is wrong."""
    try:
        model = _RuleFileModel.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    except (ValidationError, tomllib.TOMLDecodeError) as exc:
        raise RuleFileError(f"{path}: {exc}") from exc
    classes = _classes(model.classes)
    ids = [r.id for r in model.rule]
    if len(set(ids)) != len(ids):
        raise RuleFileError(f"{path}: rule ids must be unique")
    decision_list = tuple(
        ReportRule(
            id=r.id,
            event_type=r.event_type,  # type: ignore[arg-type]  # checked by the schema
            acled=r.acled,
            stems=tuple(r.stems),
            pattern=_expand(r.pattern, classes, r.id),
            when=_expand(r.when, classes, r.id) if r.when else None,
            not_after=_expand(r.not_after, classes, r.id) if r.not_after else None,
            unless=_expand(r.unless, classes, r.id) if r.unless else None,
            retypes=frozenset(r.retypes),
            unharmed=r.unharmed,
            examples=tuple(r.examples),
            counterexamples=tuple(r.counterexamples),
        )
        for r in model.rule
    )
    return RuleSet(
        rules=decision_list,
        skip=_expand(model.sentence.skip, classes, "sentence"),
        modal=_expand(model.sentence.modal, classes, "sentence"),
        gate=_automaton(decision_list),
        skip_examples=tuple(model.sentence.examples),
        skip_counterexamples=tuple(model.sentence.counterexamples),
    )


@lru_cache(maxsize=1)
def rules() -> RuleSet:
    """The project's report rules, loaded once."""
    return load_rules()


@dataclass(frozen=True, slots=True)
class Decision:
    """The rule that decided a sentence and where its trigger is (sentence offsets)."""

    rule: ReportRule
    start: int
    end: int
    trigger: str


# Coordinated clauses: ", and", ", as", "; ", "and said"
_COORDINATED = regexes.compile(
    r",\s+(?:and|as|but|so|then)\s|;|\s+and\s+(?:said|says|vowed|warned|promised|announced"
    r"|added|claimed|threatened)\b"
)


def _asserted(
    sentence: str, bounds: list[tuple[int, int]], m: re.Match[str], modal: re.Pattern[str]
) -> bool:
    start, end = bounds[clause_of(bounds, m.start())]
    if polarity(sentence[start : m.start()], sentence[m.end() : end]) is not None:
        return False
    return all(_apart(sentence, m, x) for x in modal.finditer(sentence, start, end))


def _apart(sentence: str, trigger: re.Match[str], modal: re.Match[str]) -> bool:
    """Whether a coordination stands between the trigger and the modal of its clause."""
    if modal.start() >= trigger.end():
        # the coordination may end in the modal's own verb: "beat him and threatened to"
        return bool(_COORDINATED.search(sentence, trigger.end(), modal.end()))
    return bool(_COORDINATED.search(sentence, modal.end(), trigger.start()))


def decide(sentence: str, ruleset: RuleSet | None = None) -> Decision | None:
    """The first rule of the decision list that holds for ``sentence``, or None (also for
    a question and a sentence that retells or weighs events: a trial, an anniversary, a
    threat). The project's rules decide a sentence once: the stage asks again for the
    sentences around an event."""
    if ruleset is None:
        return _decide_with_project_rules(sentence)
    return _decide(sentence, ruleset)


@lru_cache(maxsize=4096)
def _decide_with_project_rules(sentence: str) -> Decision | None:
    return _decide(sentence, rules())


def _decide(sentence: str, ruleset: RuleSet) -> Decision | None:
    candidates: set[int] = set()
    for _, indices in ruleset.gate.iter(sentence.lower()):
        candidates |= indices
    if not candidates or sentence.rstrip(" ”\"'").endswith("?") or ruleset.skip.search(sentence):
        return None
    bounds = clause_bounds(sentence)
    sport = is_sport(sentence)
    for rule in (ruleset.rules[i] for i in sorted(candidates)):
        if sport and rule.acled[0] != "Riots":
            continue  # a game's "beat", "shot" and "rally"; fans who riot still riot
        match = next(
            (
                m
                for m in rule.pattern.finditer(sentence)
                if _asserted(sentence, bounds, m, ruleset.modal)
            ),
            None,
        )
        if match is None:
            continue
        if rule.when is not None and not _when_holds(rule, sentence, bounds):
            continue
        if rule.unless is not None and rule.unless.search(sentence):
            continue
        return Decision(rule, match.start(), match.end(), match.group(0))
    return None


def _is_actor_word(sentence: str, m: Mention) -> bool:
    """Whether the mention names whose men act, not where ("the Malian army", "Niger
    militia", "Russian forces")."""
    return m.is_demonym or (
        m.toponym.feature_class in {"country", "admin1"}
        and bool(_ACTOR_AFTER.match(sentence, m.end))
    )


def _rank(m: Mention) -> tuple[int, int]:
    return fineness(m.toponym), m.start


def finest_place(sentence: str, offset: int, toponyms: list[Toponym]) -> Mention | None:
    """The finest place a sentence (at ``offset`` in the text) says something happened at,
    the first in the text among equals: a mention in a place role ("in X", "near X",
    "attacked X") or one that states where such a place lies ("in western Yemen (Hays, Al
    Hudaydah)": Hays); never a dateline, a speaker, a source or an actor ("PESHAWAR,
    Pakistan -", "Moscow said", "fled from X", "the Malian army"). Without a place role, a
    bare mention that is none of those; else the first town naming a road ("blocked the
    Lagos-Ibadan expressway"); else None. Where that is a country or nothing, the town or
    region of local actors ("Imo police raid a camp") is the near place."""
    return _finest(sentence, offset, toponyms)[0]


def finest_places(sentence: str, offset: int, toponyms: list[Toponym]) -> list[Mention]:
    """``finest_place`` and the places the sentence lists with it (see ``listed_places``);
    [] when it names none."""
    found, mentions = _finest(sentence, offset, toponyms)
    if found is None:
        return []
    return listed_places(sentence, mentions, found) if mentions else [found]


def _finest(
    sentence: str, offset: int, toponyms: list[Toponym]
) -> tuple[Mention | None, list[Mention]]:
    """``finest_place``, and the mentions it was chosen from when it may head a list ([]
    for a country, a region or a local actor's place)."""
    every = mentions_in(sentence, offset, toponyms, clause_bounds(sentence))
    mentions = [m for m in every if not _is_actor_word(sentence, m)]
    found = _finest_of(sentence, mentions, every)
    if found is not None and found.toponym.feature_class not in {"country", "region"}:
        return found, mentions
    return _local_actor(sentence, every) or found, []


def _local_actor(sentence: str, mentions: list[Mention]) -> Mention | None:
    """The town or region that names local armed men or a crowd ("Imo police raid a camp",
    "shot dead by Yangon resistance group"), as the near place of an event the sentence
    places no finer than a country; None without one. A country or its adjective names a
    state's forces, which act anywhere."""
    local = [
        m
        for m in mentions
        if m.toponym.feature_class in _LOCAL
        and not m.is_demonym
        and _LOCAL_ACTOR_AFTER.match(sentence, m.end)
    ]
    if not local:
        return None
    chosen = min(local, key=_rank)
    return replace(chosen, role="in", near=True)


def _finest_of(sentence: str, mentions: list[Mention], every: list[Mention]) -> Mention | None:
    """``finest_place`` among mentions that name no actor (``every``: with the actors)."""
    for m in mentions:
        if m.role == "agent" and _LOCATIVE_BEFORE.search(sentence, 0, m.start):
            m.role = "in"  # "fighting north of Homs between rebels and soldiers"
    if any(m.role in EVENT_ROLES for m in mentions):
        chosen = [
            m
            for m in mentions
            if m.role in EVENT_ROLES
            or (
                _STATED_AFTER.match(sentence, 0, m.start)
                and not _PEOPLE_OF.search(sentence, 0, m.start)
            )
        ]
    else:
        chosen = [m for m in mentions if m.role == "none" and not m.toponym.mention.isupper()]
    chosen = chosen or [m for m in mentions if m.role == "road"][:1] or _across_border(every)
    if not chosen:
        return None
    # A place the sentence states another lies in is where that other place is, not a finer
    # place of its own: "Gulran district, Herat" happened in Gulran, though Herat names a city.
    containers = stated_containers(sentence, chosen) if len(chosen) > 1 else []
    return min(chosen, key=lambda m: (is_container(m, containers), *_rank(m)))


def _across_border(mentions: list[Mention]) -> list[Mention]:
    """Where an event told only "near the Thai border" is: near the other country the
    sentence names, an actor's too ("the Myanmar army ... near the Thai border" is in
    Myanmar), else near the first country of the border; [] without a border."""
    border = [m for m in mentions if m.role == "border"]
    if not border:
        return []
    sides = {m.toponym.country_code for m in border}
    other = [
        m
        for m in mentions
        if m.role != "border"
        and m.toponym.feature_class == "country"
        and m.toponym.country_code not in sides
    ]
    return [replace((other or border)[0], role="in", near=True)]


def _story_place(doc: Document, toponyms: list[Toponym], before: int) -> Toponym | None:
    """The finest place of the last earlier sentence that names one."""
    for span in reversed([s for s in doc.sentences if s.end <= before]):
        inside = [t for t in toponyms if span.start <= t.start and t.end <= span.end]
        if inside:
            found = finest_place(doc.text[span.start : span.end], span.start, inside)
            return found.toponym if found else None
    return None


def _date(dates: list[DateMention], at: int) -> DateMention | None:
    """The date nearest offset ``at``; a date that opens the sentence ("On 3 May, ...")
    holds for all of it."""
    dated = [d for d in dates if d.value is not None]
    if dated and dated[0].start <= _OPENING_DATE:
        return dated[0]
    return min(dated, key=lambda d: abs(d.start - at)) if dated else None


def _actor(before: str) -> str | None:
    """The armed group, force or party named last before the trigger, by the name the
    organisations list gives it ("ISWAP militants attacked": Islamic State West Africa
    Province), else the last named group the clause rules know."""
    found = [m for m in organisation_matcher().find(before) if m.organisation.kind in _ACTOR_KINDS]
    return found[-1].organisation.name if found else last_named_actor(before)


def event_precision(places: list[Toponym], exact: bool) -> tuple[int | None, int | None]:
    """(ACLED geo_precision, UCDP where_prec) of an event at ``places``: the coarsest
    place's; "near" (2) at least when the point is not the place's own (a place named
    only by its stated container, or a place told "near"); None without a place."""
    if not places:
        return None, None
    geo, ucdp = max(PRECISION.get(p.feature_class, (3, 6)) for p in places)
    if not exact or any(p.reading == "container" for p in places):
        return max(geo, 2), max(ucdp, 2)
    return geo, ucdp


def _event(
    doc: Document,
    span: Span,
    decision: Decision,
    places: list[Toponym],
    exact: bool,
    when: DateMention | None,
) -> Event:
    geo, ucdp = event_precision(places, exact)
    sentence = doc.text[span.start : span.end]
    event = Event(
        event_type=decision.rule.event_type,
        places=places,
        sentence=span,
        trigger=decision.trigger,
        date=when.value if when else None,
        date_precision=when.precision if when else None,
        actor=_actor(sentence[: decision.start]),
        acled_event_type=decision.rule.acled[0],
        acled_sub_event_type=decision.rule.acled[1],
        geo_precision=geo,
        ucdp_where_prec=ucdp,
        confidence=CONFIDENCE if exact else CONFIDENCE / 2,
    )
    event.rule = decision.rule.id
    return event


# Event types whose ACLED type the report rules may refine (paths, crashes, airspace
# violations, displacement and hazards keep theirs).
_RETYPED: frozenset[str] = frozenset({"strike", "clash", "other", "protest", "territory_change"})
_BROAD: frozenset[str] = frozenset({"country", "admin1", "region"})
# Events that happen at one spot; a flood, a quake or an exodus may cover the region named
_MOVABLE: frozenset[str] = _RETYPED | {"casualty"}


def _contains(outer: Toponym, inner: Toponym) -> bool:
    """Whether ``outer`` is the country or the admin-1 region ``inner`` lies in."""
    if outer.feature_class == "country":
        return outer.country_code == inner.country_code
    return (
        outer.feature_class == "admin1"
        and outer.admin1 is not None
        and outer.admin1 == inner.admin1
        and outer.country_code == inner.country_code
    )


def _distinct_places(places: list[Toponym]) -> int:
    """How many places ``places`` are, the country or region a place lies in counted as part
    of it ("near Bohdanivka, Donetsk": one; "in the Lviv and Rivne regions": two)."""
    distinct: list[Toponym] = []
    for p in sorted(places, key=fineness):
        if not any((q.lon, q.lat) == (p.lon, p.lat) or _contains(p, q) for q in distinct):
            distinct.append(p)
    return len(distinct)


def _without_containers(places: list[Toponym]) -> list[Toponym]:
    """``places`` less those that only contain another of them ("near X, Y region": X); of
    two that contain each other (two names placed at their region) the first stays."""
    return [
        p
        for i, p in enumerate(places)
        if not any(
            q is not p and _contains(p, q) and (j < i or not _contains(q, p))
            for j, q in enumerate(places)
        )
    ]


_PROTEST_RULES = frozenset({"peaceful_protest", "protest_with_intervention", "excessive_force"})
# An attack its target or defenders fought: "repelled the attack", "clashes erupted", "an IED
# exploded and was followed by gunshots"
_FOUGHT_OFF = regexes.compile(
    r"\b(?:repel(?:l?ed|s)?|repuls(?:ed|es)|(?:were|was) repell?ed|(?:being|been) repell?ed"
    r"|fought off|beat back|beaten back)\b|\bclash(?:es)? (?:erupted|broke out|ensued)\b"
    r"|\bshot back\b|\bfollowed by (?:heavy |sporadic )?(?:gunshots|gunfire|shooting|clashes"
    r"|an? (?:gun ?battle|fire ?fight|exchange of fire))\b",
    re.IGNORECASE,
)
# Attacks that a fight their target put up makes battles (ACLED's armed clash): an attack on
# a village its defenders beat back, a bomb or grenade followed by an exchange of fire
_FOUGHT_OFF_RULES = frozenset({"attack_on_civilians", "grenade", "remote_explosive"})
# Remote violence the target may answer with fire
_ANSWERABLE_RULES = frozenset({"grenade", "shelling", "remote_explosive", "heavy_fire"})
# The one arrested harmed in the sentences that follow the arrest ("He was beaten during the
# arrest.", "The soldiers tortured the imam.", "tortured the man whilst in their custody"):
# ACLED's attack on the one arrested, as when the arrest's own sentence tells it
_HARMED_AFTER_ARREST = regexes.compile(
    r"\b(?:tortur(?:ed|ing)|beat(?:ing)?|ill-treat(?:ed|ing)|mistreat(?:ed|ing)|kill(?:ed|ing)"
    r"|shot|executed)\s+(?:him|her|them|the (?:\w+ )?(?:man|woman|men|women|detainees?"
    r"|suspects?|prisoners?|imam|victims?))\b"
    r"|\b(?:he|she|they|the (?:\w+ )?(?:man|woman|men|women|detainees?|suspects?|prisoners?))"
    r"\s+(?:was|were)\s+(?:\w+\s+)?(?:tortured|beaten|ill-treated|mistreated|killed|shot"
    r"|executed)\b",
    re.IGNORECASE,
)


def _rule_named(rule_id: str) -> ReportRule:
    """The rule of the project's decision list with this id."""
    return next(r for r in rules().rules if r.id == rule_id)


def _with_neighbours(doc: Document, span: Span, decision: Decision | None) -> Decision | None:
    """The decision for a sentence read with its neighbours (the sentences within
    _NEIGHBOURHOOD): a protest turns violent in the sentences around the one that tells it
    ("Youths demonstrated in X. They burned tyres and clashed with the gendarmes."): the
    violent demonstration rule holds for the report as a whole. A grenade or a shell the
    target answers with fire in the next sentences ("Police responded with gunfire.",
    "explosions in both directions"), or a bomb or an attack on a village its target fought
    off ("Clashes erupted between the militants and the soldiers who repelled the attack"),
    opened a fight: the returned fire rule holds. An arrest whose next sentences tell the
    one arrested beaten, tortured or killed is an attack on civilians; an attack whose next
    sentences tell only property destroyed or looted, no one harmed, is that destruction; a
    riot whose cause a sentence around it tells is a violent demonstration."""
    if decision is None:
        return None
    near = [
        (s.start - span.start, doc.text[s.start : s.end])
        for s in doc.sentences
        if abs(s.start - span.start) <= _NEIGHBOURHOOD
    ]
    rule_id = decision.rule.id
    if rule_id in _ANSWERABLE_RULES or rule_id == "attack_on_civilians":
        answered = _rule_named("returned_fire")
        both_ways = _rule_named("fire_both_ways").pattern
        fought_off = _FOUGHT_OFF if rule_id in _FOUGHT_OFF_RULES else None
        if any(
            answered.pattern.search(text)
            or both_ways.search(text)
            or (fought_off is not None and fought_off.search(text))
            for offset, text in near
            if offset > 0 or (fought_off is not None and offset == 0)
        ):
            return replace(decision, rule=answered)
        if rule_id == "attack_on_civilians" and _only_property_harmed(near):
            return replace(decision, rule=_rule_named("looting"))
    elif rule_id == "riot_without_cause":
        # the cause told in a sentence around it: "Riots between students and police. The
        # riots were in response to the new fee."
        cause = decision.rule.unless
        assert cause is not None
        if any(cause.search(text) for offset, text in near if offset != 0):
            return replace(decision, rule=_rule_named("violent_demonstration"))
    elif rule_id == "arrests":
        if any(_HARMED_AFTER_ARREST.search(text) for offset, text in near if offset > 0):
            return replace(decision, rule=_rule_named("attack_on_civilians"))
    elif rule_id in _PROTEST_RULES:
        # only ever a turn more serious than the one the protest's own sentence told
        for rule in (_rule_named(r) for r in _TURNS[: _TURNS.index(rule_id)]):
            if any(_holds_when(rule, text) for _, text in near):
                return replace(decision, rule=rule)
    return decision


def _only_property_harmed(near: list[tuple[int, str]]) -> bool:
    """Whether the sentences after an attack tell property destroyed or looted and none
    around it tells anyone harmed ("Militants attacked the village. They burned granaries.")."""
    looting = _rule_named("looting")
    assert looting.unless is not None
    return any(offset > 0 and looting.pattern.search(text) for offset, text in near) and not any(
        looting.unless.search(text) for _, text in near
    )


def _holds_when(rule: ReportRule, text: str) -> bool:
    """The rule's condition holds in the text and its exception does not."""
    return (
        rule.when is not None
        and _when_holds(rule, text, clause_bounds(text))
        and not (rule.unless and rule.unless.search(text))
    )


# How far before a ``when`` match its rule's ``not_after`` words reach (characters).
_NOT_AFTER_REACH = 50
# A verb in the past tense tells an act whatever precedes it.
_PAST_ACT = regexes.compile(r"(?:\w+ed|burnt|threw|set|broke|fought|stole|tore)\b", re.IGNORECASE)


def _when_holds(rule: ReportRule, sentence: str, bounds: list[tuple[int, int]]) -> bool:
    """Whether a match of the rule's ``when`` is evidence: none of its ``not_after`` words
    comes shortly before it in its clause ("to denounce attacks against them", "after
    riots last week", "would barricade the road")."""
    assert rule.when is not None
    for m in rule.when.finditer(sentence):
        if rule.not_after is None or _PAST_ACT.match(m.group(0)):
            return True  # "demonstrating against the curfew vandalized a police station"
        start = max(bounds[clause_of(bounds, m.start())][0], m.start() - _NOT_AFTER_REACH)
        cues = list(rule.not_after.finditer(sentence, start, m.start()))
        if not cues or "," in sentence[cues[-1].end() : m.start()]:
            return True
    return False


# What a protest becomes when a neighbouring sentence tells it, most serious first: the
# crowd turned violent, the police shot at it, the police broke it up, nothing happened
_TURNS = (
    "violent_demonstration",
    "excessive_force",
    "protest_with_intervention",
    "peaceful_protest",
)


def _retype(event: Event, decision: Decision | None, harmed: bool = False) -> None:
    """The ACLED type the report rules decide, when the event tells the same kind of
    happening; a toll with no type of its own takes the type of the act that caused it.
    A rule's ``retypes`` make those events its own: explosives made safe make the remote
    violence a bomb's mention gave a development, property torched the attack a verb gave
    (unless ``harmed``: the story tells of people killed or injured where it happened)."""
    if decision is None or event.hazard is not None:
        return
    rule = decision.rule
    taken = (
        event.event_type in rule.retypes
        and event.acled_event_type is not None
        and not (rule.unharmed and harmed)
    )
    untyped_toll = event.event_type == "casualty" and event.acled_event_type is None
    if taken:
        event.event_type = rule.event_type
    elif rule.event_type not in _RETYPED and not untyped_toll:
        return
    typed = (taken or event.event_type in _RETYPED) and event.acled_event_type is not None
    if typed or untyped_toll:
        event.acled_event_type, event.acled_sub_event_type = rule.acled
        event.rule = rule.id


def _move(event: Event, finest: Mention) -> None:
    """Put ``event`` at ``finest`` with its precision."""
    event.places = [finest.toponym]
    event.geo_precision, event.ucdp_where_prec = event_precision(event.places, not finest.near)


def _refine(doc: Document, events: list[Event]) -> None:
    """Refine the events of the clause rules where their sentence tells of one place: the
    ACLED type the report rules decide for the sentence ("protesters burned tyres": a
    riot; "gunmen attacked a police post": a battle), no point for the region a place lies
    in, and the finest place the sentence names when the event sits at a region or a
    country ("killed a commander in the area of X (Y, Z)", not "with US forces")."""
    places: dict[Span, list[Toponym]] = {}
    hurt = _harmed_points(events)
    for e in events:
        if e.path is None and len(e.places) > 1:
            e.places = _without_containers(e.places)
        if e.path is None and any(p.reading == "container" for p in e.places):
            e.geo_precision, e.ucdp_where_prec = event_precision(e.places, exact=False)
        places.setdefault(e.sentence, []).extend(e.places)
    for span, where in places.items():
        sentence = doc.text[span.start : span.end]
        decision = _with_neighbours(doc, span, decide(sentence))
        triggers = {e.trigger for e in events if e.sentence == span and e.path is None}
        if _distinct_places(where) > 1 and len(triggers) > 1:
            # a sentence that tells of several places may tell several events: the decision
            # refines only the events of its own kind ("protesters in X, Y burned tyres");
            # one trigger at the places of a list is one event ("exchanged artillery fire on
            # the A, B and C frontlines")
            for e in events:
                if (
                    e.sentence == span
                    and e.path is None
                    and decision is not None
                    and e.event_type == decision.rule.event_type
                ):
                    _retype(e, decision)
            continue
        finest = None
        if len({(p.lon, p.lat) for p in where}) == 1 and where[0].feature_class in _BROAD:
            inside = [t for t in doc.toponyms if span.start <= t.start and t.end <= span.end]
            finest = finest_place(sentence, span.start, inside)
        for e in (e for e in events if e.sentence == span and e.path is None):
            _retype(e, decision, any((p.lon, p.lat) in hurt for p in e.places))
            if (
                finest is not None
                and e.event_type in _MOVABLE
                and e.hazard is None
                and _rank(finest)[0] < fineness(e.places[0])
            ):
                _move(e, finest)


def _harmed_points(events: list[Event]) -> set[tuple[float, float]]:
    """The points (lon, lat) of the events with people killed or injured."""
    return {
        (p.lon, p.lat)
        for e in events
        if e.casualties is not None and (e.casualties.killed or 0) + (e.casualties.injured or 0) > 0
        for p in e.places
    }


def _told(places: list[Toponym], events: list[Event]) -> bool:
    """Whether the story already told an event at or near one of ``places`` ("the
    ministry said it had struck military targets in the Odesa region", "a shell landed on a
    bus stop in the city's X district"): a retelling, not a new event."""
    return any(km_between(p, q) <= _RETOLD_KM for e in events for p in e.places for q in places)


class _Reader:
    """One document read sentence by sentence: its body, toponyms and dates (read only
    when an event needs them)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        end = doc.body_end if doc.body_end is not None else len(doc.text)
        self.body = [s for s in doc.sentences if s.start < end]
        self.texts = [doc.text[s.start : min(s.end, end)] for s in self.body]
        self.toponyms = sorted(doc.toponyms, key=lambda t: t.start)
        self.covered = {e.sentence for e in doc.events}
        self._dates: dict[int, list[DateMention]] = {}

    def dates(self, i: int) -> list[DateMention]:
        if i not in self._dates:
            self._dates[i] = find_dates(self.texts[i], self.doc.published)
        return self._dates[i]

    def story_date(self, i: int) -> DateMention | None:
        """The first date of the nearest earlier sentence that has one."""
        for j in range(i - 1, -1, -1):
            found = _date(self.dates(j), 0)
            if found is not None:
                return found
        return None

    def inside(self, i: int) -> list[Toponym]:
        span = self.body[i]
        return [t for t in self.toponyms if span.start <= t.start and t.end <= span.end]

    def any_place(self, i: int) -> Toponym | None:
        """The finest place sentence ``i`` names in any role but an actor's or a
        dateline's ("executes two men from a family in X"): the last resort of a report."""
        sentence = self.texts[i]
        mentions = [
            m
            for m in mentions_in(
                sentence, self.body[i].start, self.inside(i), clause_bounds(sentence)
            )
            if not _is_actor_word(sentence, m)
            and m.role not in {"speaker", "agent"}
            and not m.toponym.mention.isupper()
        ]
        return min(mentions, key=_rank).toponym if mentions else None

    def own_place(self, i: int) -> Mention | None:
        return finest_place(self.texts[i], self.body[i].start, self.inside(i))

    def own_places(self, i: int) -> list[Mention]:
        return finest_places(self.texts[i], self.body[i].start, self.inside(i))

    def places_told_next(self, i: int) -> list[Toponym]:
        """The places of sentence ``i + 1`` when it goes on with the event of sentence
        ``i`` by referring back to it ("...killed in air strikes in the north-west. The
        raids hit A and B."); countries are no such places."""
        if i + 1 >= len(self.body) or self.body[i + 1] in self.covered:
            return []
        after = self.texts[i + 1]
        if not _REFERS_BACK.match(after):
            return []
        mentions = [
            m
            for m in mentions_in(
                after, self.body[i + 1].start, self.inside(i + 1), clause_bounds(after)
            )
            if m.role in EVENT_ROLES
            and not _is_actor_word(after, m)
            and m.toponym.feature_class != "country"
        ]
        if not mentions:
            return []
        finest = min(_rank(m)[0] for m in mentions)
        return [m.toponym for m in mentions if _rank(m)[0] == finest]

    def next_toll(self, i: int) -> Toll | None:
        """The toll of sentence ``i + 1`` when it tells no event of its own ("Three
        soldiers were killed."), or None."""
        if i + 1 >= len(self.body) or self.body[i + 1] in self.covered:
            return None
        after = self.texts[i + 1]
        if decide(after) is not None and self.own_place(i + 1) is not None:
            return None
        return find_toll(after)


def _is_background(sentence: str) -> bool:
    """Background: the war so far told in the present perfect ("The Houthis have attacked
    more than 100 ships since November"); a perfect that only comes after the news ("a
    protest against the mayor, who has run the city for 20 years") leaves it news."""
    if not is_background(sentence):
        return False
    decision = decide(sentence)
    return decision is None or bool(_PERFECT_BEFORE.search(sentence, 0, decision.end))


def _any_country(reader: _Reader) -> Toponym | None:
    """The story's first country, even one named only as an actor ("Eritrean shelling
    injures two civilians"): the last resort of a report that names no other place."""
    return next((t for t in reader.toponyms if t.feature_class == "country"), None)


def _report_event(
    reader: _Reader, i: int, decision: Decision, mapped: bool, skip: set[int]
) -> Event | None:
    """The event sentence ``i`` reports, or None when it has no place (its own, the next
    sentence's when that one goes on with it, or the story's when nothing is mapped yet)
    or tells of history. A next sentence whose places it takes is added to ``skip``."""
    doc, span = reader.doc, reader.body[i]
    dates = reader.dates(i)
    own_date = _date(dates, decision.start)
    if own_date is not None and is_stale(own_date.value, own_date.precision, doc.published):
        return None  # "the rebel commander who fought in Iraq in 2004": history
    listed = reader.own_places(i)
    mention = listed[0] if listed else None
    told_next = [] if mention is not None else reader.places_told_next(i)
    if mention is not None:
        places, exact = [m.toponym for m in listed], not mention.near
    elif told_next:
        places, exact = told_next, True
        skip.add(i + 1)
    elif mapped:
        return None  # a sentence with no place of its own, in a story already mapped
    else:
        place = (
            reader.any_place(i)
            or _story_place(doc, reader.toponyms, span.start)
            or _any_country(reader)
        )
        places, exact = ([place] if place is not None else []), False
    when = own_date or reader.story_date(i)
    event = _event(doc, span, decision, places, exact, when)
    if not places:
        event.unresolved_place = unresolved_place(reader.texts[i])
    return event


def unresolved_place(sentence: str) -> str | None:
    """The name ``sentence`` gives a place in with a settlement cue ("in the area of
    Salmossi", "Saigang village", "in Nassougou (Mopti)"), or None: what a reader needs to
    place an event that the gazetteer could not."""
    for m in _NAMED_PLACE.finditer(sentence):
        name = m.group("of") or m.group("cue") or m.group("loc")
        if name.split()[0] not in _NOT_PLACES and not organisation_matcher().find(name):
            return name
    return None


def _complete_toll(reader: _Reader, i: int, events: list[Event]) -> bool:
    """Add the toll of sentence ``i``, which names no place of its own, to the event told
    just before it when the sentence says it adds to it ("...killing 5 policemen. Two more
    died of their wounds.": 7) or counts other victims than every toll told before ("2
    soldiers were killed in the attack. Troops killed 3 militants.": 5); a toll that says it
    adds may name the same scene again ("Two more villagers were killed near Djibo").
    Otherwise a later toll retells or sums up the story ("The death toll rose to 46", "up to
    300 were killed, other sources said") and is not added."""
    sentence = reader.texts[i]
    toll = find_toll(sentence)
    if toll is None or toll.casualties.killed is None or _SUMMED_UP.search(sentence):
        return False
    if (
        toll.casualties.killed == 1
        and _DEFINITE_ONE.match(toll.phrase)
        and not ANOTHER.search(sentence)
    ):
        return False
    span = reader.body[i]
    before = [e for e in events if e.sentence.start < span.start and e.path is None]
    adds = ADDS.search(sentence)
    if not before or not (adds or _other_victims(toll, before)):
        return False
    last = max(before, key=lambda e: e.sentence.start)
    if last.sentence not in reader.body or reader.body.index(last.sentence) < i - 2:
        return False  # too far back to be the same story
    own = reader.own_place(i)
    # naming the scene again, the toll itself must say it adds ("Two more villagers were
    # killed near Djibo"; not "16 killed in another 'Bloody Friday' in Baluchistan")
    adds_here = ADDS.search(sentence, toll.start, toll.end)
    if own is not None and not (adds_here and _told([own.toponym], [last])):
        return False
    told = [e for e in before if e.sentence == last.sentence and e.casualties is not None]
    target = next((e for e in told if e.casualties and e.casualties.killed), last)
    killed = (target.casualties.killed or 0) if target.casualties else 0
    target.casualties = replace(
        target.casualties or toll.casualties, killed=killed + toll.casualties.killed
    )
    return True


def _other_victims(toll: Toll, before: list[Event]) -> bool:
    """Whether ``toll`` counts victims of another kind than every toll told before it, each
    naming its victims, and another number."""
    tolls = [e.casualties for e in before if e.casualties and e.casualties.killed]
    nouns = victim_nouns(toll.casualties)
    earlier = [victim_nouns(c) for c in tolls]
    return (
        bool(tolls and nouns)
        and all(n and not n & nouns for n in earlier)
        and not any(n & _ANYONE for n in [nouns, *earlier])
        and all(c.killed != toll.casualties.killed for c in tolls)
    )


# Victims of any kind: "20 people were killed ... one police officer was killed" is 20
_ANYONE = frozenset({"people", "person", "individual", "victim", "other", "member", "bodie"})


def _lend_toll(reader: _Reader, i: int, decision: Decision, events: list[Event]) -> None:
    """Give the toll of sentence ``i``, which tells an event but names no place in a story
    mapped elsewhere, to the nearest event of the story of its ACLED type whose sentence
    counts no dead yet: a headline's toll belongs to the event the body places ("Airstrikes
    kill at least 19 civilians. Warplanes bombed the town of X on Monday." is 19 dead at X).
    A bare toll ("Eight dead.") or one that refers back to the event ("The explosion killed
    one soldier.") goes to the nearest event of any type in a story that counts no dead
    yet; a toll the story told already, one that sums it up ("the toll rose to 46"), or one
    side's claim in a story that counts its dead ("The jihadists said they killed 30"), to
    none."""
    sentence = reader.texts[i]
    toll = find_toll(sentence)
    if toll is None or toll.casualties.killed is None or _SUMMED_UP.search(sentence):
        return
    counts = [e for e in events if e.casualties and e.casualties.killed is not None]
    if counts and is_claim(sentence):
        return
    # "The explosion killed one soldier" goes to the event just told, whatever its type
    bare = decision.rule.id == "toll_only" or bool(_REFERS_BACK.match(sentence))
    told = {e.casualties.killed for e in counts if e.casualties}
    if (bare and told) or toll.casualties.killed in told:
        return  # a bare toll that may sum the story up, or a toll the story has told
    counted = {e.sentence for e in counts}
    open_events = [
        e
        for e in events
        if e.path is None
        and e.sentence in reader.body
        and e.sentence not in counted
        and (bare or e.acled_event_type == decision.rule.acled[0])
    ]
    if not open_events:
        return
    target = min(
        open_events, key=lambda e: (abs(reader.body.index(e.sentence) - i), -e.sentence.start)
    )
    injured = target.casualties.injured if target.casualties else None
    target.casualties = replace(toll.casualties, injured=injured or toll.casualties.injured)


# Two coordinated clauses each with an event of its own: "Raids target X countryside and
# casualties in Y city", "Shelling on areas in X and a fighter was killed in Y countryside"
_AND = regexes.compile(r"\s+and\s+")
# Two verbs of one act share their "and": "shot and killed", "kidnapped and beheaded"
_ACT_VERB = regexes.compile(
    r"(?:[a-z]+ed|shot|hit|beat|beaten|burnt|struck|stole|stolen|took|taken|set|threw|thrown"
    r"|cut|fled|slain|stabbed|robbed)",
)


def _joins_verbs(sentence: str, start: int, end: int) -> bool:
    """Whether the "and" at ``start``-``end`` joins two verbs of one act."""
    before = sentence[:start].rsplit(None, 1)
    after = sentence[end:].split(None, 1)
    return bool(
        before
        and after
        and _ACT_VERB.fullmatch(before[-1])
        and _ACT_VERB.fullmatch(after[0].rstrip(",.;"))
    )


def _coordinated_parts(sentence: str) -> list[tuple[int, int, Decision | None]]:
    """The clauses of ``sentence`` joined by "and" that each report an event (sentence
    offsets, and the decision of the clause's words), or [] when fewer than two do or the
    first does not: a part that reports none belongs to the one before it ("target X and
    the countryside of Y" is one clause), which is then decided again as a whole."""
    cuts = [
        (m.start(), m.end())
        for m in _AND.finditer(sentence)
        if not _joins_verbs(sentence, m.start(), m.end())
    ]
    if not cuts:
        return []
    starts = [0, *(end for _, end in cuts)]
    ends = [*(start for start, _ in cuts), len(sentence)]
    parts: list[tuple[int, int, Decision | None]] = []
    merged: set[int] = set()
    for a, b in zip(starts, ends, strict=True):
        decision = decide(sentence[a:b])
        if parts and decision is None:
            parts[-1] = (parts[-1][0], b, None)
            merged.add(len(parts) - 1)
        else:
            parts.append((a, b, decision))
    out = [(a, b, decide(sentence[a:b]) if k in merged else d) for k, (a, b, d) in enumerate(parts)]
    return out if len(out) >= 2 and out[0][2] is not None else []


def _add_coordinated_events(reader: _Reader, i: int, told: list[Event]) -> list[Event]:
    """Events of the coordinated clauses of sentence ``i`` (``_coordinated_parts``) placed
    at a place of their own that no event of the sentence (``told``, paths aside) is at: an
    event of the sentence whose trigger lies in that clause moves there, else the clause
    adds its own."""
    span, sentence = reader.body[i], reader.texts[i]
    added: list[Event] = []
    for a, b, decision in _coordinated_parts(sentence):
        inside = [t for t in reader.inside(i) if span.start + a <= t.start < span.start + b]
        mention = finest_place(sentence[a:b], span.start + a, inside)
        if mention is None or mention.toponym.feature_class == "country":
            continue
        place = mention.toponym
        if any(km_between(p, place) <= _RETOLD_KM for e in told + added for p in e.places):
            continue
        mine = [e for e in told if a <= sentence.find(e.trigger) < b]
        if mine:
            geo, ucdp = event_precision([place], not mention.near)
            for e in mine:
                e.places, e.geo_precision, e.ucdp_where_prec = [place], geo, ucdp
            continue
        if decision is None:
            continue
        decision = replace(decision, start=a + decision.start, end=a + decision.end)
        when = _date(reader.dates(i), decision.start) or reader.story_date(i)
        event = _event(reader.doc, span, decision, [place], not mention.near, when)
        toll = find_toll(sentence[a:b])
        if toll is not None:
            event.casualties = toll.casualties
            _take_share(told, toll, find_toll(sentence))
        added.append(event)
    return added


def _take_share(told: list[Event], clause: Toll, whole: Toll | None) -> None:
    """A coordinated clause's own toll leaves the sentence's other events: an event holding
    just that count loses it, one holding the sentence's sum keeps the rest ("7 casualties
    in Idlib and IS executes 2 men in Hama countryside": 7 at Idlib, not 9)."""
    killed = clause.casualties.killed
    if killed is None:
        return
    total = whole.casualties.killed if whole is not None else None
    for e in told:
        if e.casualties is None or e.casualties.killed is None:
            continue
        have = e.casualties.killed
        if have == killed:
            e.casualties = replace(e.casualties, killed=None, qualifier=None)
        elif have == total and have > killed:
            e.casualties = replace(e.casualties, killed=have - killed)


def add_report_events(doc: Document) -> None:
    """Add an event for each body sentence that reports one and has none yet."""
    _refine(doc, doc.events)
    reader = _Reader(doc)
    added: list[Event] = []
    skip: set[int] = set()
    unplaced: list[tuple[int, Decision]] = []
    for i, (span, sentence) in enumerate(zip(reader.body, reader.texts, strict=True)):
        if span in reader.covered or i in skip:
            continue
        if is_boilerplate(sentence) or _is_background(sentence):
            continue
        decision = _with_neighbours(doc, span, decide(sentence))
        mapped = bool(doc.events or added)
        if decision is None or (mapped and reader.own_place(i) is None):
            if not _complete_toll(reader, i, doc.events + added) and decision is not None:
                unplaced.append((i, decision))
            continue
        event = _report_event(reader, i, decision, mapped, skip)
        if event is None:
            continue
        if _told(event.places, doc.events + added):
            # a retelling ("Putin said the air strikes were targeting..."), or a toll added to
            # the scene just told ("Two more villagers were killed near Djibo")
            _complete_toll(reader, i, doc.events + added)
            continue
        toll = find_toll(sentence)
        if toll is None and i + 1 not in skip:
            toll = reader.next_toll(i)
            if toll is not None:
                skip.add(i + 1)
        if toll is not None:
            event.casualties = toll.casualties
        added.append(event)
    doc.events.extend(added)
    by_sentence: dict[Span, list[Event]] = {}
    for e in doc.events:
        if e.path is None:
            by_sentence.setdefault(e.sentence, []).append(e)
    for i, span in enumerate(reader.body):
        if span in by_sentence:
            doc.events.extend(_add_coordinated_events(reader, i, by_sentence[span]))
    for i, decision in unplaced:
        _lend_toll(reader, i, decision, doc.events)
