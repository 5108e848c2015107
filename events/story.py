"""The story stage: what a whole report tells once, though its sentences tell it again.

A wire story, or a record built from several headlines, retells its toll: "Seven bodies
found in X. Seven decapitated bodies found on the home turf of ..." is seven dead, not
fourteen. A later toll is a retelling when its sentence says nothing that adds to it
("also", "another", "more") and counts the same dead, the same victims, or names a place of
its own near the earlier toll's place or inside the country or region that toll was told
at; the retold tolls keep the largest count on the first event and the others keep only
their injured, unless the largest is one side's claim ("IS said it killed 100"): a toll the
report states itself beats a claim. A later toll of other victims told without a place of
its own ("The army said 12 militants were killed.") completes the story and is kept.
"""

from __future__ import annotations

import re
from dataclasses import replace

from core.document import Casualties, Document, Event
from core.toponym import Toponym, km_between
from events.casualties import NUMBER, told_as_claim

# Places of two tolls this near are the same scene (a town and the district around it)
SAME_SCENE_KM = 50.0
# Words that say a toll counts someone else ("The driver also died", "two more villagers")
_ANOTHER_WORDS = r"also|another|more(?!\s+than\b)|additional|further|too|as well|in addition"
ANOTHER = re.compile(rf"\b(?:{_ANOTHER_WORDS})\b", re.IGNORECASE)
# ...and the words that tell a later or separate happening: a toll that adds to the story
ADDS = re.compile(
    rf"\b(?:{_ANOTHER_WORDS}|other|others|separately|later|meanwhile|besides|second|new)\b",
    re.IGNORECASE,
)
# The last group of a toll's own list adds nothing to the story ("kills Taliban commander, 4
# others", "killed a policeman and two others")
_LISTED_OTHERS = re.compile(rf"(?:,|\band)\s+{NUMBER}\s+others\b", re.IGNORECASE)


def _own_places(event: Event) -> list[Toponym]:
    """The event's places named in its own sentence."""
    return [p for p in event.places if event.sentence.start <= p.start < event.sentence.end]


def victim_nouns(casualties: Casualties | None) -> set[str]:
    """The victims' nouns, singular ("rebels" and "rebel" are one)."""
    if casualties is None or not casualties.victims:
        return set()
    return {w.rstrip("s").lower() for w in re.findall(r"[A-Za-z]{3,}", casualties.victims)}


def _retells(later: Event, earlier: Event, text: str) -> bool:
    """Whether ``later``'s toll retells ``earlier``'s: another sentence that adds nothing
    and either names a place of its own near the earlier toll's, or counts the same dead
    or the same victims."""
    if later.sentence == earlier.sentence:
        return False
    if ADDS.search(_LISTED_OTHERS.sub("", text[later.sentence.start : later.sentence.end])):
        return False
    assert later.casualties is not None and earlier.casualties is not None
    same_victims = victim_nouns(later.casualties) & victim_nouns(earlier.casualties)
    if later.casualties.killed == earlier.casualties.killed or same_victims:
        return True
    own = _own_places(later)
    if any(_same_scene(p, q) for p in own for q in earlier.places):
        return True
    # no more dead, told at the country or region the earlier toll's place lies in: "four
    # dead in Ghazni clash. Local Taliban leader killed in E. Afghan province"
    fewer = (later.casualties.killed or 0) <= (earlier.casualties.killed or 0)
    return fewer and any(_inside(q, p) for p in own for q in earlier.places)


def _inside(inner: Toponym, outer: Toponym) -> bool:
    """Whether ``outer`` is a country or an admin-1 region of ``inner``'s country (the
    region's own code is not compared: a headline's province and the town told later)."""
    if outer.feature_class in {"country", "admin1"} and outer.country_code:
        return inner.country_code == outer.country_code
    return False


def _same_scene(later: Toponym, earlier: Toponym) -> bool:
    """Whether a toll told at ``later`` is one told at ``earlier``: the two are near, or the
    earlier is the country or region the later lies in (the headline, then the town)."""
    if _inside(later, earlier):
        return True
    return km_between(later, earlier) <= SAME_SCENE_KM


def merge_retold_tolls(doc: Document) -> None:
    """Keep one toll for each scene the report retells: the largest, on its first event."""
    told = sorted(
        (e for e in doc.events if e.casualties is not None and e.casualties.killed is not None),
        key=lambda e: e.sentence.start,
    )
    firsts: list[Event] = []
    for event in told:
        first = next((f for f in firsts if _retells(event, f, doc.text)), None)
        if first is None:
            firsts.append(event)
            continue
        assert first.casualties is not None and event.casualties is not None
        claims = (told_as_claim(first, doc.text), told_as_claim(event, doc.text))
        larger = (event.casualties.killed or 0) > (first.casualties.killed or 0)
        # a toll the report states beats one side's claim, larger or not
        if claims == (True, False) or (larger and claims != (False, True)):
            first.casualties = replace(
                first.casualties,
                killed=event.casualties.killed,
                qualifier=event.casualties.qualifier,
            )
        event.casualties = replace(event.casualties, killed=None, qualifier=None)
