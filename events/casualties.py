"""Numbers in words and digits, and casualty tolls ("at least 36 civilians were killed").

Counts follow ACLED's conservative rules for vague numbers: "a dozen" and "dozens" = 12,
"tens" = 10, "scores" = 20, "hundreds" = 100, "thousands" = 1000; a vague number with no
qualifier of its own gets the qualifier "at least". Qualifiers are normalised to the four
the contract knows: "at least", "about" (about, around, nearly, some...), "more than"
(more than, over) and "up to" (up to, as many as).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from events.document import Casualties, Qualifier

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_VAGUE = {
    "a dozen": 12, "dozens": 12, "tens": 10, "scores": 20, "hundreds": 100,
    "thousands": 1000, "a hundred": 100, "a thousand": 1000,
}  # fmt: skip
_SCALE = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_QUALIFIERS: dict[str, Qualifier] = {
    "at least": "at least", "about": "about", "around": "about", "approximately": "about",
    "roughly": "about", "nearly": "about", "almost": "about", "some": "about",
    "an estimated": "about", "more than": "more than", "over": "more than",
    "upwards of": "more than", "up to": "up to", "as many as": "up to",
}  # fmt: skip

_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_TEN = "|".join(_TENS)
NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s+(?:hundred|thousand|million))?"
    rf"|(?:(?:{_TEN})(?:[- ](?:{_UNIT}))?|{_UNIT})(?:\s+(?:hundred|thousand|million))?"
    r"|a dozen|dozens|tens|scores|hundreds|thousands|a hundred|a thousand|both)"
)
_NUMBER_RE = re.compile(rf"^{NUMBER}$", re.IGNORECASE)
_QUAL = r"(?:(?P<q>at least|about|around|approximately|roughly|nearly|almost|some|an estimated"
_QUAL += r"|more than|over|upwards of|up to|as many as)\s+)?"

VICTIM_WORDS = (
    "people|persons|person|civilians?|children|child|kids|women|woman|men|man|babies|baby"
    "|infants?|girls?|boys?|soldiers?|troops|servicemen|fighters?|militants?|rebels?|insurgents?"
    "|combatants|militiamen|gunmen|jihadists|policemen|police officers|officers?|police"
    "|guards?|residents?|villagers|worshippers|pilgrims|protesters?|demonstrators?|students?"
    "|workers?|journalists?|medics|doctors|patients|passengers|crew members|crew|members"
    "|refugees|migrants|detainees|prisoners|victims|bodies|casualties|employees|staff"
    "|family members|relatives|teenagers?|elderly|individuals|persons|drivers?|traders|merchants"
    "|farmers|herders|fishermen|miners|shoppers|customers|paramedics|rescuers|monks|nuns|priests"
    "|clerics|worshipers|bodyguards|commanders|leaders|firefighters|peacekeepers|gendarmes"
    "|sailors|pilots|hostages|tourists|visitors|spectators|pedestrians|motorists|villagers"
    "|candidates|politicians|activists|volunteers|aid workers|health workers|inmates|convicts"
    "|others|more"
)
_ADJ = r"(?:(?-i:[a-z]+-?[a-z]*|[A-Z][a-z]+(?:i|ian|an|ese|ish)|\d+-year-old)\s+){0,2}?"
_VICTIMS = rf"(?P<v>{VICTIM_WORDS}|(?-i:[A-Z][a-z]+(?:ians|ans|is|ese)))"
_BE = r"(?:\s+(?:were|was|have been|has been|had been|are|is|been|have|has|had|reportedly"
_BE += r"|also|all|later|allegedly|subsequently))*"
_KILL_WORDS = (
    r"killed|dead|died|drowned|perished|slain|lost (?:their|his|her) li(?:ves|fe)|murdered"
    r"|shot dead|shot and killed|gunned down|executed|massacred|beheaded"
    r"|(?:burned|hacked|stabbed) to death"
)
_HURT_WORDS = (
    r"injured|wounded|hurt|maimed"
    r"|(?:being\s+)?treated\s+(?:in\s+hospital\s+)?for\s+(?:[a-z]+\s+)?(?:burns|wounds|injuries)"
)

_AFTER = re.compile(
    rf"\b(?:(?P<n0>{NUMBER})\s+(?P<v0>{VICTIM_WORDS})\s*(?:,|and)\s+)?{_QUAL}(?P<n>{NUMBER})(?:\s+{_ADJ}{_VICTIMS})?(?:,[^,]{{1,60}},)?{_BE}\s*(?P<verb>{_KILL_WORDS}|{_HURT_WORDS})\b",
    re.IGNORECASE,
)
_BEFORE = re.compile(
    r"\b(?P<verb>killing|killed|kills|kill|injuring|injured|wounding|wounded|claimed the lives of"
    r"|massacred|massacring|executed|executing|shooting dead|shot dead|gunning down|gunned down"
    r"|(?:the )?deaths? of|death toll(?: \w+)?(?: to| at| of)?|toll(?: \w+)? to|bodies of)\s+"
    rf"(?:all\s+)?{_QUAL}(?P<n>{NUMBER})(?:\s+{_ADJ}{_VICTIMS})?\b",
    re.IGNORECASE,
)
_LEFT = re.compile(
    rf"\b(?:left|leaving)\s+{_QUAL}(?P<n>{NUMBER})(?:\s+{_ADJ}{_VICTIMS})?\s+"
    rf"(?P<verb>dead|injured|wounded)\b",
    re.IGNORECASE,
)
_SINGLE = re.compile(
    rf"\b(?P<n>an?|one)\s+{_ADJ}(?P<v>{VICTIM_WORDS})\s+(?:(?:was|has been|had been)\s+"
    r"(?:reportedly\s+)?|(?=died|perished|drowned))"  # "a soldier killed two" is no toll
    rf"(?P<verb>{_KILL_WORDS}|{_HURT_WORDS})\b",
    re.IGNORECASE,
)
# "Rescuers pulled three bodies from the rubble"
_BODIES = re.compile(
    rf"\b(?P<verb>pulled|recovered|retrieved|found)\s+{_QUAL}(?P<n>{NUMBER})\s+(?:more\s+)?bodies\b",
    re.IGNORECASE,
)
_TOLL_ROSE = re.compile(
    r"\b(?P<verb>death toll|toll)\b[^.;]{0,40}?\b(?:rose|risen|climbed|reached|stands|stood|is"
    rf"|was|jumped|increased|has risen)\s+(?:to\s+|at\s+)?{_QUAL}(?P<n>{NUMBER})\b",
    re.IGNORECASE,
)
_FAMILY = re.compile(
    rf"\b(?P<verb>killing|killed|kills|wiping out)\s+(?:a|an entire|the entire|the whole)\s+"
    rf"family\s+of\s+(?P<n>{NUMBER})\b",
    re.IGNORECASE,
)
_ONE_AFTER = re.compile(
    r"\b(?P<verb>killing|killed|kills|injuring|injured|wounding|wounded|shot dead|shooting dead"
    r"|gunned down|gunning down|assassinated|murdered)\s+(?P<n>an?|one)\s+(?:[\w-]+\s+){0,3}?"
    r"(?P<v>man|woman|child|boy|girl|baby|civilian|soldier|person|teenager|resident|farmer"
    r"|journalist|policeman|police officer|officer|worker|medic|doctor|nurse|fighter|student"
    r"|candidate|mayor|politician|lawmaker|activist|priest|pastor|imam|judge|official|leader"
    r"|commander|businessman|lawyer|chief)\b",
    re.IGNORECASE,
)
# "killing a senior commander and two of his bodyguards", "a woman and her two children"
_ONE_AND = re.compile(
    r"\b(?P<verb>killing|killed|kills|injuring|injured|wounding|wounded)\s+(?:an?|one)\s+"
    r"(?:[\w-]+\s+){0,2}?(?P<one>man|woman|child|boy|girl|baby|civilian|soldier|person"
    r"|teenager|resident|farmer|journalist|policeman|officer|commander|leader|chief|official"
    r"|fighter|militant|student|mother|father)\s+and\s+(?:(?:his|her|their|its)\s+)?"
    rf"(?P<n>{NUMBER})\s+(?:of\s+(?:his|her|their|its)\s+)?(?:[\w-]+\s+)?"
    rf"(?P<v>{VICTIM_WORDS}|sons|daughters|brothers|sisters|grandchildren|relatives)\b",
    re.IGNORECASE,
)
# "opened fire, killing her and wounding three others"
_PRONOUN = re.compile(
    r"\b(?P<verb>killing|killed|injuring|injured|wounding|wounded)\s+(?P<n>him|her)\b"
    r"(?=\s*(?:[,.;]|and\b|or\b|$))",
    re.IGNORECASE,
)
_NO_TOLL = re.compile(
    r"\b(?:no(?: one|body)?|none)\b(?:\s+\w+){0,2}\s+(?:was|were|had been|has been)?\s*"
    r"(?:killed|injured|hurt|wounded|casualties|deaths|fatalities|injuries|dead)\b",
    re.IGNORECASE,
)


_TOLL_HINT = re.compile(
    r"kill|dead|death|died|drown|injur|wound|hurt|perish|slain|lives|toll|bodies|murder|maim|gunned"
    r"|execut|massacr|behead|treated",
    re.IGNORECASE,
)


def has_toll_words(sentence: str) -> bool:
    """A quick test: could ``sentence`` state a toll? (False rules it out.)"""
    return bool(_TOLL_HINT.search(sentence))


def parse_number(phrase: str) -> int | None:
    """The value of a number phrase: "36", "1,200", "twenty-six", "two hundred", "dozens".

    Vague amounts take ACLED's conservative value; anything else is None.
    """
    words = phrase.strip().lower().replace("-", " ")
    if not _NUMBER_RE.match(phrase.strip()):
        return None
    if words in _VAGUE:
        return _VAGUE[words]
    if words == "both":
        return 2
    parts = words.split()
    scale = _SCALE.get(parts[-1], 1)
    if scale > 1:
        parts = parts[:-1]
    head = " ".join(parts)
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", head):
        return int(float(head.replace(",", "")) * scale)
    value = 0
    for word in parts:
        if word in _TENS:
            value += _TENS[word]
        elif word in _UNITS:
            value += _UNITS[word]
        else:
            return None
    return value * scale


def is_vague(phrase: str) -> bool:
    """True for "dozens", "hundreds" and the like (not an exact count)."""
    return phrase.strip().lower() in _VAGUE


@dataclass(slots=True)
class Toll:
    """One casualty statement in a sentence; ``start``/``end`` are offsets in the sentence."""

    casualties: Casualties
    start: int
    end: int
    phrase: str


def _kind(verb: str) -> str:
    return "injured" if re.match(rf"(?i){_HURT_WORDS}|injuring|wounding", verb) else "killed"


def find_toll(sentence: str) -> Toll | None:
    """The casualties a sentence states, killed and injured together, or None.

    Several statements of the same kind in one sentence ("killing five soldiers and three
    civilians") are added up; "no one was killed" gives None, and "no deaths" leaves the
    killed unset.
    """
    if not _TOLL_HINT.search(sentence):
        return None
    found: dict[str, list[tuple[int, Qualifier | None, str | None]]] = {}
    updated: dict[str, int] = {}  # "...and the toll later rose to 15": 15, not a sum
    start, end = len(sentence), 0
    phrase_text = ""
    # "no one was killed", "No deaths were reported, but two were injured": only the injured
    taken: list[tuple[int, int]] = [(m.start(), m.end()) for m in _NO_TOLL.finditer(sentence)]
    patterns = (
        _TOLL_ROSE,
        _FAMILY,
        _ONE_AND,
        _LEFT,
        _BEFORE,
        _BODIES,
        _AFTER,
        _SINGLE,
        _ONE_AFTER,
        _PRONOUN,
    )
    for pattern in patterns:
        for m in pattern.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            phrase = m.group("n")
            if phrase.lower() in {"a", "an", "one", "him", "her"}:
                count: int | None = 1
            else:
                count = parse_number(phrase)
            if count is None or _is_not_a_toll(sentence, m):
                continue
            if pattern is _ONE_AND:
                count += 1
            qualifier = m.groupdict().get("q")
            qual = _QUALIFIERS.get(qualifier.lower()) if qualifier else None
            if qual is None and is_vague(phrase):
                qual = "at least"
            victims = m.groupdict().get("v") or ("family members" if pattern is _FAMILY else None)
            if pattern is _ONE_AND:
                victims = None  # "a commander and two of his bodyguards": mixed
            items = found.setdefault(_kind(m.group("verb")), [])
            if m.groupdict().get("n0"):
                first = parse_number(m.group("n0"))
                if first is not None:
                    items.append((first, qual, m.group("v0")))
            items.append((count, qual, victims))
            if pattern is _TOLL_ROSE:
                updated[_kind(m.group("verb"))] = count
            taken.append((m.start(), m.end()))
            if not phrase_text or m.start() < start:
                phrase_text = m.group(0)
            start, end = min(start, m.start()), max(end, m.end())
    if not found:
        return None
    casualties = Casualties()
    victims: list[str] = []
    for kind, items in found.items():
        total = (
            max(updated[kind], *(c for c, _, _ in items))
            if kind in updated
            else sum(count for count, _, _ in items)
        )
        setattr(casualties, kind, total)
        if casualties.qualifier is None or kind == "killed":
            casualties.qualifier = items[0][1]
        for _, _, v in items:
            if (
                v
                and v.lower() not in {"others", "more"}
                and v.lower() not in {x.lower() for x in victims}
            ):
                victims.append(v if v[0].isupper() else v.lower())
    casualties.victims = ", ".join(victims) if victims else None
    return Toll(casualties, start, end, phrase_text)


_CONTINUATION = (
    r"(?:and|or|in|at|on|after|when|as|from|following|during|since|so|while|by|with|including"
    r"|across|near|over|among|amid|today|yesterday|overnight|last|this)\b"
)


def _is_not_a_toll(sentence: str, m: re.Match[str]) -> bool:
    """Years, distances, "2 dead young owls" and the like caught by the number pattern."""
    phrase = m.group("n")
    verb = m.group("verb").lower()
    verb_last = m.start("verb") > m.start("n")
    if verb_last and verb in {"dead", "injured", "wounded"} and not m.groupdict().get("v"):
        following = sentence[m.end() :].lstrip()
        if re.match(r"[a-z]", following) and not re.match(_CONTINUATION, following):
            return True
    before = sentence[max(0, m.start("n") - 7) : m.start("n")].lower()
    if re.fullmatch(r"(?:19|20)\d\d", phrase) and (
        not m.groupdict().get("v") or re.search(r"\b(?:in|since|by|until|from|of)\s+$", before)
    ):
        return True
    after = sentence[m.end("n") : m.end("n") + 12].lower()
    return bool(
        re.match(
            r"\s*(?:km|kilomet|miles?\b|%|percent|per cent|years?\b)|-?\s*(?:year|month|week|day)s?"
            r"[- ]old",
            after,
        )
    )


_COUNTED = re.compile(
    rf"\b(?P<n>{NUMBER})\s+(?:[a-z-]+\s+){{0,2}}?(?P<what>missiles|rockets|drones|planes|aircraft"
    r"|helicopters|jets|projectiles|shells|vehicles|boats|ships|trains|buses)\b",
    re.IGNORECASE,
)


def find_count(text: str) -> tuple[int, str] | None:
    """A counted object ("four missiles") in ``text``: (count, object noun) or None."""
    for m in _COUNTED.finditer(text):
        count = parse_number(m.group("n"))
        if count is not None:
            return count, m.group("what").lower()
    return None
