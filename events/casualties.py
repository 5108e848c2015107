"""Numbers in words and digits, and casualty tolls ("at least 36 civilians were killed").

Counts follow ACLED's conservative rules for vague numbers: "a dozen" and "dozens" = 12,
"tens" = 10, "scores" = 20, "hundreds" = 100, "thousands" = 1000; a vague number with no
qualifier of its own gets the qualifier "at least". Qualifiers are normalised to the four
the contract knows: "at least", "about" (about, around, nearly, some...), "more than"
(more than, over) and "up to" (up to, as many as). A range takes its low end ("between six
and ten" = 6).

A toll is a list of counted groups read around a verb or noun of death: "2 soldiers and one
attacker were killed", "killing a woman and her son", "left 3 fighters dead", "4 rebel
fatalities", "beat a thief to death", "the bodies of four men were found". Groups may be
named by acronyms, capitals, quotes and parentheses ("4 IS fighters", "9 (presumed ISWAP)
fighters"). What is no toll of the event told: deaths and injuries counted together
("killed and injured 5"), a running total ("bringing the toll to 40") next to new deaths, a
breakdown ("among the dead"), another source's count ("other sources report 60"), an
aggregate over days ("30 killed in two days"), and an earlier event's toll told as
background ("protested the killing of two students", "came after bandits killed 6",
"where a 2017 bombing killed 300"). "9 casualties" with no injured told apart may count
the wounded too: up to 9 killed.

Event notes (ACLED's) state their own coding: "Fatalities coded as 0 (X reported 2)" is 0,
and "split across three events" gives each event a third. ``note_tolls`` is the stage that
applies these remarks to a document's events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from core import regexes
from core.document import Casualties, Document, Event, Qualifier
from events.dates import WEEKDAYS
from events.triggers import has_trigger_words

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
_NUMBER_RE = regexes.compile(rf"^{NUMBER}$", re.IGNORECASE)

VICTIM_WORDS = (
    "people|persons|person|civilians?|children|child|kids|women|woman|men|man|babies|baby"
    "|infants?|girls?|boys?|soldiers?|troops|servicemen|fighters?|militants?|rebels?|insurgents?"
    "|combatants|militiamen|gunmen|jihadists|policemen|police officers|officers?|police"
    "|guards?|residents?|villagers|worshippers|pilgrims|protesters?|demonstrators?|students?"
    "|workers?|journalists?|medics|doctors|patients|passengers|crew members|crew|members"
    "|refugees|migrants|detainees|prisoners|victims|bodies|casualties|employees|staff"
    "|family members|relatives|teenagers?|elderly|individuals?|males?|females?|youths?|drivers?"
    "|traders|merchants"
    "|farmers|herders|fishermen|miners|shoppers|customers|paramedics|rescuers|monks|nuns|priests"
    "|clerics|worshipers|bodyguards|commanders|leaders|firefighters|peacekeepers|gendarmes"
    "|sailors|pilots|hostages|tourists|visitors|spectators|pedestrians|motorists|villagers"
    "|candidates|politicians|activists|volunteers|aid workers|health workers|inmates|convicts"
    "|others|more"
)
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
# Words that end a noun phrase ("5 soldiers were", "killing 3 in", "2 rebel and 1 military
# fatality"): function words, verbs of a toll, number words and months.
_STOP = (
    r"(?:and|or|but|nor|plus|in|on|at|of|off|by|from|to|into|with|without|for|during|after"
    r"|before|when|while|which|who|whom|whose|that|where|as|near|including|among|amid|since"
    r"|between|across|along|around|behind|beyond|through|throughout|toward|towards|under|upon"
    r"|via|within|against|despite|inside|outside|over|about|like|per|because|if|although"
    r"|until|than|then|were|was|is|are|be|been|being|have|has|had|reportedly|also|all|both"
    r"|killed|killing|kills?|died|dies?|dead|injured|injuring|wounded|wounding|hurt|slain"
    r"|fatalit(?:y|ies)|deaths?|bodies|corpses|martyrs|casualties|the|a|an|his|her|their|its"
    r"|this|these|those|said|says|say|told|tells|stated|added|according|coded|split|spread"
    r"|number|total|toll|lot|few"
    rf"|couple|handful|dozens?|tens|scores|hundreds?|thousands?|several|many|some|{_MONTHS}"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety|unknown|unspecified|undetermined|unidentified number|further)"
)
# a stop word in any case but an acronym in capitals ("IS fighters", "US drone strike")
_STOP_WORD = rf"(?!(?-i:[A-Z]{{2,}})\b)(?:{_STOP}|{_MONTHS})\b"
# One word of a noun phrase: "IS", "Afghan", "(presumed ISWAP)", "'bandits'", "63-year-old"
# (also written "12 year old", "12 years old", "12 years": "killed a 12 years child")
_TOKEN = (
    r"(?:\([^()]{1,40}\)|'[^'\s][^']{0,28}'|\"[^\"]{1,30}\"|“[^”]{1,30}”|‘[^’]{1,30}’"
    r"|\d+-years?-old|\d+\s+years?(?:[-\s]old)?(?=\s+(?!ago|earlier|before|later|after)[a-z])"
    rf"|(?!{_STOP_WORD})[A-Za-z][\w'’/-]*)"
)
# A count over two kinds of people, as one group: "4 women and children were killed"
_PAIR = r"(?:women|children|men|civilians|elderly|babies|infants|girls|boys)"
_NP = (
    rf"(?:(?:{_TOKEN}\s+){{0,3}}{_PAIR}\s+and\s+{_PAIR}\b"
    rf"|(?:{_TOKEN}\s+){{0,4}}{_TOKEN}(?:\s+and\s+{_TOKEN}(?=\s+(?:was|is|has)\b))?)"
    rf"(?:\s+(?:of|from)\s+(?:(?:the|an?|his|her|their|its|these|those)\s+)?(?:{_TOKEN}\s+){{0,3}}"
    rf"{_TOKEN}"
    r"|\s+of\s+them)?"
)
_QUAL = r"(?:(?P<q>at least|about|around|approximately|roughly|nearly|almost|some|an estimated"
_QUAL += r"|more than|over|upwards of|up to|as many as)\s+)?"
_QUAL0 = _QUAL.replace("?P<q>", "?:")
# "a" before these counts no one: amounts, ordinals, and the happenings that kill ("A clash
# broke out and 3 suspects were killed" counts three)
_NOT_ONE = (
    r"(?!(?:number|total|few|lot|couple|dozen|handful|series|further|unknown|unspecified"
    r"|undetermined|significant|large|small|great|high|record|similar|second|third|fourth|fifth"
    r"|half|clash|fight|firefight|gunfight|shootout|battle|explosion|blast|raid|ambush|attack"
    r"|incident|operation|offensive|assault)\b)"
)


# One person named by a bare noun, as headlines do: "Gunmen kill doctor", "kill father, son"
_PERSON = (
    r"(?:man|woman|child|boy|girl|teen|teenager|youth|baby|infant|soldier|policeman"
    r"|policewoman|officer|journalist|reporter|doctor|nurse|mayor|activist|student|farmer"
    r"|priest|pastor|imam|cleric|judge|official|leader|commander|lawyer|businessman|driver"
    r"|trader|civilian|worker|resident|villager|protester|demonstrator|candidate|politician"
    r"|chief|guard|pilot|teacher|elder|herder|person|mother|father|son|daughter|husband|wife"
    r"|brother|sister|tourist|shopkeeper|vendor|merchant|gunman|suspect|prisoner|inmate"
    r"|detainee|migrant|refugee|monk|engineer|employee|lawmaker|councillor|councilor|governor"
    r"|minister|professor|photographer|cameraman|medic|paramedic|peacekeeper|gendarme"
    r"|bodyguard|miner|fisherman|hunter|shepherd|worshipper|pilgrim|passenger|pedestrian"
    r"|motorist|cyclist)"
)


_OF = r"(?:\s+of(?:\s+(?:the|these|those|his|her|their|its|them)\b)?)?"


def _item(subject: bool, first: bool = False) -> str:
    """One counted group of a list: "5 soldiers", "a woman", "her three children", "two of
    his guards"; ``subject`` also admits "the driver" and "her son" (a count of one), and
    ``first`` admits "the driver" as the first object ("killing the driver")."""
    one = r"an?|one" + (r"|the|his|her|their" if subject else r"|the" if first else "")
    return (
        rf"(?:(?:(?:his|her|their|its)\s+)?{_QUAL0}{NUMBER}{_OF}(?:\s+{_NP})?"
        rf"|(?:{one})\s+{_NOT_ONE}{_NP}"
        # a later object: "his wife and son", "a man and his son" (never the first: "Gunmen
        # kill doctor" is left to the report stage, which knows the event)
        # a bare noun with "of" after a comma is a title, no second victim ("killed an army
        # officer, commander of the battalion")
        + ("" if subject or first else rf"|(?:his|her|their)\s+{_NP}|{_PERSON}\b(?!\s+of\b)")
        + ")"
    )


# "a mother with her 4 children": the family killed with the first counts too
_WITH_KIN = (
    r"\s+with\s+(?=(?:his|her|their)\s+(?:\S+\s+)?(?:wife|husband|sons?|daughters?|children"
    r"|child|baby|babies|brothers?|sisters?|mother|father|parents)\b)"
)
_JOIN = (
    r"(?:\s*,\s*(?:and\s+)?|\s+(?:and|as well as|in addition to|along with|plus)\s+"
    rf"|{_WITH_KIN})"
)
# a later group of a list is no count of the same kind when its own verb follows it
# ("kill one soldier, 3 injured")
_OWN_VERB = (
    r"(?!\s+(?:(?:were|was|are|is|have been|has been)\s+)?(?:injured|wounded|hurt|dead|killed))"
)
# a subject list needs its "and": "Two officers, one civil servant and one resident were
# killed"; "the outskirts of the town, one herder was killed" is one group
_SUBJECT_CHAIN = (
    rf"{_item(True)}(?:(?:\s*,\s*{_item(True)}){{0,4}}\s*,?\s+(?:and|as well as|along with"
    rf"|plus)\s+{_item(True)})?"
)
_AFTER_PREPOSITION = (
    r"(?i)\b(?:of|in|at|on|from|to|by|with|near|for|against|outside|inside|into|about)\s+$"
)
_OBJECT_CHAIN = rf"{_item(False, True)}(?:{_JOIN}{_item(False)}{_OWN_VERB}){{0,5}}"
_ITEM_RE = regexes.compile(
    rf"(?:(?:his|her|their|its)\s+)?{_QUAL}(?P<n>{NUMBER}){_OF}(?:\s+(?P<np>{_NP}))?"
    rf"|(?P<one>an?|one|the|his|her|their)\s+(?P<np1>{_NP})|(?P<bare>{_PERSON})\b",
    re.IGNORECASE,
)
_BE = r"(?:\s+(?:were|was|have been|has been|had been|are|is|been|have|has|had|reportedly"
_BE += r"|also|all|later|allegedly|subsequently|reported|confirmed|both|eventually|then|found"
_BE += r"|(?!only\b)[a-z]+ly|(?:said|reported|believed|feared|thought|confirmed|understood)"
_BE += r"(?:\s+to\s+(?:have\s+been|be))?))*"
_DEATH_VERBS = (
    r"beaten|beat|burnt|burned|hacked|stabbed|shot|tortured|stoned|clubbed|bludgeoned|macheted"
    r"|crushed|trampled|starved|strangled|kicked|whipped|lynched|battered|choked|burn|beats"
)
_KILL_WORDS = (
    r"killed|dead|died|dies|die|drowned|perished|slain|lost (?:their|his|her) li(?:ves|fe)"
    r"|murdered|shot dead|gunned down|executed|massacred|beheaded|decapitated|slaughtered"
    r"|assassinated|lynched|martyred|succumbed|found dead|found murdered|found killed"
    r"|(?:pronounced|declared|confirmed)\s+dead|'?neutrali[sz]ed"
    r"|(?:fatally|mortally)\s+(?:shot|stabbed|wounded|injured|assaulted|attacked|beaten|hit"
    rf"|struck|hurt)|(?:[a-z]+ed\s+and\s+)?(?:{_DEATH_VERBS})(?:\s+up)?\s+to\s+death"
    r"|(?:[a-z]+ed|shot|beaten|beat|hit|struck|caught)\s+and\s+(?:killed|executed|murdered"
    r"|lynched|beheaded|died)"
)
_HURT_WORDS = (
    r"injured|wounded|hurt|maimed"
    r"|(?:being\s+)?treated\s+(?:in\s+hospital\s+)?for\s+(?:[a-z]+\s+)?(?:burns|wounds|injuries)"
)
# A word of a unit's or group's name: no verb, conjunction, relative or bare number ("300
# residents of the village were displaced and 4 were killed" is no 300 dead)
_UNIT_WORD = (
    r"(?!(?:were|was|is|are|been|be|had|has|have|and|or|but|who|that|which|where|when|while"
    r"|after|before)\b|\d+\b)[A-Za-z0-9'’-]+"
)
_ASIDE = (
    # the unit or group they belonged to: "nine fighters from the 5th Brigade were killed",
    # "two members of the local council were shot dead"
    rf"(?:\s+(?:from|of)\s+(?:the\s+|an?\s+)?{_UNIT_WORD}(?:\s+{_UNIT_WORD}){{0,6}}?)?"
    r"(?:\s*\([^()]{1,60}\))?(?:\s*,[^,]{1,60},)?(?:\s+(?:including|among them)\s+[^,.;]{1,80}?)?"
    # "3 young men of one family were killed", "two brothers from the same clan"
    r"(?:\s+(?:of|from)\s+(?:the\s+same|one|an?|the|his|her|their)\s+(?:family|families"
    r"|household|clan|tribe))?"
)

# The comma closing an apposition: "The mayor's bodyguards, two police agents, were killed"
_APPOSITION_END = r"(?:,(?=\s+(?:were|was|have|has|had|are|is)\b))?"
# A relative clause between the dead and a passive verb: "Three guards who were on duty at
# the gate were killed", "two men who worked for the council were shot dead"; not an active
# verb ("two men who attacked the convoy killed a guard" counts the guard) nor a clause that
# names others ("two boys who saw the men who were shot")
_RELATIVE = (
    r"\s*,?\s+(?:who|that)\s+(?:(?!\b(?:who|whom|that|which)\b)[^,.;()]){1,100}?,?"
    rf"\s+(?:were|was|are|is|have been|has been|had been){_BE}"
)
# "2 soldiers were killed", "Three guards and one gunman were killed",
# "a woman and her child were shot dead", "4 IS fighters were killed in a US drone strike"
_AFTER = regexes.compile(
    rf"\b(?P<chain>{_SUBJECT_CHAIN}){_ASIDE}{_APPOSITION_END}"
    rf"(?:{_RELATIVE}|(?:\s+(?:who|that))?{_BE})\s*(?P<verb>{_KILL_WORDS}|{_HURT_WORDS})\b",
    re.IGNORECASE,
)
# "killing 5 policemen", "killed a commander and three of his escorts",
# "the deaths of more than 100 people", "executes 3 men", "killed a rebel commander",
# "an execution by the council against two people", "slaughter and torture two people"
_BEFORE = regexes.compile(
    r"\b(?P<verb>(?:killing|killed|kills|kill|murder(?:ed|s|ing)?|slaughter(?:ed|s|ing)?"
    r"|execut(?:ed|es|e|ing))\s+and\s+(?!injur|wound|hurt|maim|(?:an)?other\b|some\b|one\b"
    r"|more\b)[a-z]+(?:ed|ing|es|e)\b"
    r"|(?:the )?executions?\s+(?:by\s+[^,.;()]{1,40}?\s+)?(?:for|against)"
    r"|killing|killed|kills|kill|injuring|injured|wounding|wounded"
    # a headline's present tense: "kills 1, injures 4", "kill 2, wound 5"
    r"|injures|wounds|(?<=, )(?:injure|wound)|(?<=and )(?:injure|wound)"
    r"|claim(?:s|ed|ing)? (?:the )?lives of|(?:an? )?massacres? of|massacred|massacring|executed"
    r"|shoot(?:s|ing)? dead"
    r"|executing|executes|execute|executions? of|shooting dead|shot dead|gunning down"
    r"|gunned down|assassinated|assassinating|assassinates?|assassinations? of|murdered"
    r"|murdering|murders?|slaughter(?:s|ed|ing)?"
    r"|(?:fatally|mortally)\s+(?:shot|shooting|shoots|stabbed|stabbing|stabs|wounded|wounding"
    r"|injured|injuring|beat|beating|beaten|hit|struck)"
    r"|lynch(?:ed|es|ing)?|behead(?:s|ed|ing)?|(?:the )?deaths? of|(?:the )?killings? of"
    r"|(?:the )?murders? of|(?:the )?remains of|crucif(?:y|ies|ied|ying)"
    r"|(?:the )?injur(?:y|ies) of|death toll(?: \w+)?(?: to| at| of)?|toll(?: \w+)? to"
    r"|bodies of)\s+(?:all\s+|the\s+(?=\d|(?:two|three|four|five|six|seven|eight|nine|ten)\b))?"
    rf"(?P<chain>{_OBJECT_CHAIN})\b",
    re.IGNORECASE,
)
# Headlines: "Student killed as city protests", "UPDATE 1-Journalist shot dead in the capital"
_HEADLINE = regexes.compile(
    r"(?:^\W*|(?<=[-:])\s*)(?:[A-Z][\w'’-]*\s+){0,2}?"
    rf"(?P<chain>{_PERSON}(?:\s*(?:,|and)\s+{_PERSON}){{0,3}})\s+(?:is\s+|was\s+)?"
    r"(?P<verb>killed|shot dead|gunned down|murdered|dies|died|slain|executed|beheaded"
    r"|lynched|stabbed to death|beaten to death|found dead)\b",
    re.IGNORECASE,
)
# Headlines in the present name one victim by a bare noun: "Gunmen kill doctor in Kabul",
# "Grenade attack kills public works officer" (a report's "killed officer X" is left alone)
_HEADLINE_OBJECT = regexes.compile(
    r"\b(?P<verb>kills?|shoots? dead|guns? down|beheads?|lynch(?:es)?|murders?)\s+"
    rf"(?P<chain>(?:(?!{_STOP_WORD}|{NUMBER}\b)[A-Za-z][\w'’-]*\s+){{0,3}}?{_PERSON}\b"
    rf"(?:{_JOIN}{_item(False)}{_OWN_VERB}){{0,5}})\b"
    r"(?=\s*(?:[,;:]|\.|$|(?:in|at|near|on|and|as|after|during|outside|inside|while|over)\b))",
    re.IGNORECASE,
)
# Captives killed once taken, told by a pronoun: "abducted three notables ..., executed them
# and dumped their bodies", "kidnapped two aid workers and later killed them"
_CAPTIVES_KILLED = regexes.compile(
    r"\b(?:abduct(?:ed|s|ing)|kidnapp?(?:ed|s|ing)|captur(?:ed|es|ing)|seiz(?:ed|es|ing)"
    r"|took|taking|detain(?:ed|s|ing)|arrest(?:ed|s|ing)|rounded up)\s+"
    rf"(?P<chain>{_OBJECT_CHAIN})\b[^.;]{{0,200}}?\b(?P<verb>killed|executed|shot dead|beheaded"
    r"|murdered|slaughtered|slaughtering|killing|executing|beheading)\s+(?:all\s+of\s+)?them\b",
    re.IGNORECASE,
)
# "left 3 militia fighters dead", "leaving the driver dead"
_LEFT = regexes.compile(
    rf"\b(?:left|leaving|leaves|leave)\s+(?P<chain>{_SUBJECT_CHAIN}){_ASIDE}\s+"
    r"(?P<verb>dead|injured|wounded)\b",
    re.IGNORECASE,
)
# "beat a man to death", "burnt two suspects to death", "lynched a thief"
_TO_DEATH = regexes.compile(
    rf"\b(?P<verb>{_DEATH_VERBS}|beating|burning|stabbing|hacking|stoning)\s+"
    rf"(?P<chain>{_OBJECT_CHAIN}|him|her)\s+(?:up\s+)?to\s+death\b",
    re.IGNORECASE,
)
# "2 fatalities", "at least six deaths", "2 rebel and 1 military fatality", "5 martyrs"
_DEATH_NOUN = regexes.compile(
    rf"(?<!\bthe\s)\b(?P<chain>{_OBJECT_CHAIN}|another|one)\s+(?P<verb>fatalities|fatality|deaths"
    r"|death|martyrs|casualties"
    r"|dead bodies|corpses|bodies)\b(?!\s+(?:sentences?|penalty|penalties|threats?|squads?"
    r"|row|toll|anniversary|certificates?|march|coded|split|spread))",
    re.IGNORECASE,
)
# The dead named by what was done to them: "in front of five executed victims", "the 12
# slain soldiers", "they find two dismembered women" (not "two mutilated survivors": no
# word that a survivor may bear)
_SLAIN = regexes.compile(
    rf"\b(?P<chain>{_QUAL0}{NUMBER})\s+(?P<verb>executed|slain|murdered|massacred|beheaded"
    rf"|assassinated|dismembered|decapitated|lifeless|bullet-riddled)\s+(?:{VICTIM_WORDS})\b",
    re.IGNORECASE,
)
# "Rescuers pulled three bodies from the rubble"
_BODIES = regexes.compile(
    rf"\b(?P<verb>pulled|recovered|retrieved|found|discovered)\s+{_QUAL}(?P<n>{NUMBER})\s+"
    r"(?:more\s+)?(?:bodies|corpses)\b",
    re.IGNORECASE,
)
# "the body of a former alderman was found"
_ONE_BODY = regexes.compile(
    r"\b(?:the|a)\s+(?P<verb>body|corpse|remains)\s+of\s+(?P<n>an?|one|the)\b"
    rf"(?:[^,.;]{{0,80}}?){_BE}\s+(?:found|discovered|recovered|retrieved|dumped)\b"
    r"|\b(?P<n4>an?|one)\s+(?:[\w-]+\s+){0,2}?[\w-]+['’]s\s+(?P<v4>body|corpse)\b",
    re.IGNORECASE,
)
# One person a relative clause says died of what was just told: "hit the man, who died", "a
# soldier who later succumbed" (not "the family of a man who died in an accident": a
# restrictive clause names whom the sentence is about)
_WHO_DIED = regexes.compile(
    rf"\b(?P<n>the|an?|one)\s+(?:[\w-]+\s+){{0,2}}?{_PERSON}(?:,\s+who\s+"
    r"(?:later\s+|subsequently\s+|eventually\s+|then\s+)?|\s+who\s+(?:later|subsequently"
    r"|eventually)\s+)(?P<verb>died|succumbed)\b",
    re.IGNORECASE,
)
_TOLL_ROSE = regexes.compile(
    r"\b(?P<verb>death toll|toll|number of (?:the )?(?:dead|deaths|casualties|fatalities|victims"
    r"|(?:[a-z]+ ){1,2}killed))\b[^.;]{0,100}?\b(?:rose|rises|risen|climbed|climbs|reached"
    rf"|reaches|stands|stood|is|was|jumped|increased|has risen)\s+(?:to\s+|at\s+)?{_QUAL}"
    rf"(?P<n>{NUMBER})\b",
    re.IGNORECASE,
)
# "The blast claimed 12 lives", "the floods cost 40 lives"
_LIVES = regexes.compile(
    r"\b(?P<verb>claim(?:s|ed|ing)?|cost(?:s|ing)?|took|tak(?:es|ing))\s+(?:the\s+)?"
    rf"{_QUAL}(?P<n>{NUMBER})\s+(?:more\s+|other\s+)?(?:human\s+)?lives\b",
    re.IGNORECASE,
)
# A past time named before the toll in its clause: "where a 2017 bombing killed 300",
# "Last year a bombing there killed 300 people"
_PAST_BEFORE = regexes.compile(
    r"\b(?:(?:a|an|the|its|their|his|her|that)\s+(?:19|20)\d\d\b|in\s+(?:19|20)\d\d\b"
    r"|last\s+(?:year|month|week)|(?:a|one|two|three|four|five|several|many)\s+(?:years?"
    r"|months?|weeks?)\s+(?:ago|earlier|before)|years\s+(?:ago|earlier))",
    re.IGNORECASE,
)
_FAMILY = regexes.compile(
    rf"\b(?P<verb>killing|killed|kills|wiping out)\s+(?:a|an entire|the entire|the whole)\s+"
    rf"family\s+of\s+(?P<n>{NUMBER})\b",
    re.IGNORECASE,
)
# "A family of four was killed when a shell hit their house"
_FAMILY_PASSIVE = regexes.compile(
    rf"\b(?:a|an entire|the entire|the whole)\s+family\s+of\s+(?P<n>{NUMBER}){_BE}\s+"
    rf"(?P<verb>{_KILL_WORDS})\b",
    re.IGNORECASE,
)
# "opened fire, killing her and wounding three others", "resulting in his death"
_PRONOUN = regexes.compile(
    r"\b(?P<verb>killing|killed|injuring|injured|wounding|wounded|(?:shot|shooting|stabbed"
    r"|stabbing|beat|beating|beaten|burnt|burned|hacked)(?=\s+(?:him|her)\s+(?:dead|to\s+death)))"
    r"\s+(?P<n>him|her)\b(?=\s*(?:[,.;]|and\b|or\b|dead\b|to\s+death\b|in\b|at\b|on\b|near\b"
    r"|after\b|with\b|by\b|during\b|while\b|inside\b|outside\b|$))"
    r"|\b(?P<n3>he|she)\s+(?:was\s+|had\s+been\s+|has\s+been\s+)?(?:later\s+|subsequently\s+"
    r"|eventually\s+|reportedly\s+|also\s+)?(?P<v3>killed|died|shot dead|succumbed|executed"
    r"|murdered|beheaded|lynched)\b(?!\s+(?:a|an|the|his|her|\d|one|two|three)\b)"
    r"|\b(?:resulting in|causing|leading to|led to|caused)\s+(?P<n2>his|her)\s+(?P<v2>death)\b",
    re.IGNORECASE,
)
_NO_TOLL = regexes.compile(
    r"\b(?:no(?: one|body)?|none)\b(?:\s+\w+){0,2}\s+(?:was|were|had been|has been)?\s*"
    r"(?:killed|injured|hurt|wounded|casualties|deaths|fatalities|injuries|dead)\b"
    r"|\bno\s+(?:reports?|information|details)\s+(?:on|of|about)\s+(?:any\s+)?(?:fatalities"
    r"|casualties|deaths|victims)(?:\s+(?:and|or|nor)\s+(?:injuries|injured|wounded))?"
    r"|\bwithout\s+(?:any\s+)?(?:casualties|fatalities|deaths|loss of life)"
    r"|\b(?:casualties|fatalities|deaths|the toll)\s+(?:are|is|were|was|remain|remains)?\s*"
    r"(?:unknown|unclear|not known|not reported|undetermined)"
    r"|\b(?:an?\s+)?(?:unknown|unspecified|undetermined|unclear|undisclosed)\s+(?:number\s+of\s+)?"
    r"(?:casualties|fatalities|deaths)",
    re.IGNORECASE,
)
# "killed and injured 5", "Eight soldiers were killed and wounded": deaths and injuries
# counted together give neither count
_KILLED_AND_HURT = regexes.compile(
    r"\b(?:killed|killing|kill|kills|dead)\s*(?:,|and|or|and/or)\s*(?:injured|injuring|wounded"
    r"|wounding|injures|injure|wounds|wound|hurt|captured|arrested|abducted|missing)\b"
    r"(?:\s*,?\s*(?:or|and)\s+[a-z]+)?"
    r"|\b(?:injured|injuring|wounded|wounding)\s+(?:and|or)\s+(?:killed|killing)\b"
    r"|\bcasualties\s+(?:and|or)\s+(?:injuries|injured|wounded|wounds)\b",
    re.IGNORECASE,
)
# "7 casualties and tens of injuries": casualties told apart from the injured are deaths
_INJURED_APART = regexes.compile(r"\b(?:injur|wound)", re.IGNORECASE)
_MORE = regexes.compile(r"\b(?:more|another|additional|further)\b", re.IGNORECASE)
_SAID_AFTER = regexes.compile(
    r"\s+(?:[\w'’-]+\s+){0,3}?(?:said|says|say|told|reported|reports|stated|added|confirmed"
    r"|according)\b",
    re.IGNORECASE,
)
# A day's tally over a whole country, broken down by side, is no event's toll: "180 were
# killed yesterday, including 59 members of the regime forces ..., and 41 civilians were
# killed in aerial bombardment" (nor are its parts); an event told with its day names what
# happened ("12 people were killed yesterday when a bomb exploded in the market")
_DAY_TALLY = regexes.compile(
    r"^\W*(?:(?:about|nearly|around|at\s+least|more\s+than|over)\s+)?[\d,]+\s+(?:people\s+"
    r"|persons\s+)?(?:(?:were|have\s+been)\s+)?(?:killed|martyred)\s+(?:yesterday|today"
    rf"|(?:on\s+)?(?:{'|'.join(WEEKDAYS)})|in\s+the\s+(?:past|last)\s+24"
    r"\s+hours)\s*,?\s+including\b",
    re.IGNORECASE,
)
# A running total is no new toll: "..., bringing the death toll to 20", "This brings the
# total number of civilians killed since March to 200"
_RUNNING_TOTAL = regexes.compile(
    r"\b(?:bring(?:s|ing)?|brought|rais(?:es|ed|ing)|raise|tak(?:es|ing)|took|push(?:es|ed|ing)"
    r"|lift(?:s|ed|ing)?|increas(?:es|ed|ing))\s+(?:the\s+|its\s+|their\s+)?(?:overall\s+|total\s+"
    r"|cumulative\s+)?(?:death\s+|casualty\s+)?(?:toll|total|tally|count|number)\b"
    rf"[^.;]{{0,80}}?\bto\s+{_QUAL0}{NUMBER}\b"
    r"|\b(?:the\s+)?total\s+(?:number\s+)?of\s+[^.;]{0,60}?\b(?:killed|dead|deaths|fatalities"
    rf"|victims)\b[^.;]{{0,40}}?\b(?:to|at|is|was|stands at|reached)\s+{_QUAL0}{NUMBER}\b",
    re.IGNORECASE,
)
# "Among the dead were 12 rebels and 11 children": a breakdown of a toll already given
_BREAKDOWN = regexes.compile(
    r"\b(?:among\s+(?:the\s+)?(?:dead|killed|victims|fatalities|those\s+killed)|of\s+whom)\b"
    r"[^.;]*",
    re.IGNORECASE,
)
# Another count of the same deaths: "although other sources report 60 fatalities", "(3
# according to Taliban sources)", "while others stated at least 4 fatalities"
_OTHER_COUNT = regexes.compile(
    r"\b(?:other|some|another|different|local|conflicting)\s+(?:sources?|reports?|accounts?"
    r"|versions?|estimates?|figures?)\b[^.;]*"
    r"|\bothers?\s+(?:stated|said|reported|claimed|put|gave)\b[^.;]*"
    r"|\(\s*[^()]{0,20}\baccording\s+to\b[^()]*\)"
    r"|\([^()]*\b(?:unconfirmed|unverified|rumou?rs?)\b[^()]*\)",
    re.IGNORECASE,
)
# A toll over a period is an aggregate, not one event's: "More than 40 police killed in three
# days of raids", "800 soldiers killed since June 2020", "killed so far this year"
_SPAN_OF_TIME = (
    rf"(?:(?:{NUMBER}|several|a\s+few|recent)\s+(?:(?:consecutive|successive|straight)\s+)?"
    r"(?:days|weeks|months|years|hours)|(?:a\s+)?fortnight)\b"
)
_PERIOD = regexes.compile(
    rf"[^.;]{{0,60}}?\b(?:in|over|during|within|across)\s+(?:the\s+)?(?:past\s+|last\s+)?"
    rf"{_SPAN_OF_TIME}"
    r"|[^.;]{0,60}?\bsince\s+(?:(?:the\s+start\s+of|early|late|mid-?)\s*)?(?:(?:January|February"
    r"|March|April|May|June|July|August|September|October|November|December)\s+)?(?:19|20)\d\d"
    r"|[^.;]{0,60}?\bsince\s+the\s+(?:start|beginning|outbreak)\s+of\s+the\s+(?:war|conflict"
    r"|fighting|insurgency|offensive|uprising|crisis)"
    r"|[^.;]{0,60}?\b(?:so\s+far|this\s+year|last\s+year|to\s+date)\b"
    rf"|[^.;]{{0,60}}?\bbetween\s+\d{{1,2}}(?:\s+{_MONTHS})?\s*(?:and|-|–|to)\s*\d{{1,2}}\s+{_MONTHS}",
    re.IGNORECASE,
)
# The period told first: "In six weeks, 25 bodies were found in the area"
_PERIOD_FIRST = regexes.compile(
    rf"\b(?:in|over|during|within)\s+(?:the\s+)?(?:past\s+|last\s+)?{_SPAN_OF_TIME}\s*,\s*$",
    re.IGNORECASE,
)
# ACLED's notes state their own coding: "Fatalities coded as 0 (local radio reported 2)",
# "Unknown fatalities coded as 5", "dozens (coded as 12)"
# "Unknown fatalities coded at 3, in addition to 2 known fatalities": 5 ("fatalites" is a
# common misspelling of the notes)
_CODED = regexes.compile(
    r"\b(?:fatalit(?:y|ies|es)|deaths|casualties)\s+"
    r"(?:(?:are|were|is|was|have\s+been|has\s+been)\s+)?"
    rf"coded\s+(?:as\s+|at\s+)?(?P<n>{NUMBER})\b"
    rf"(?:,?\s+in\s+addition\s+to\s+(?P<plus>{NUMBER})\s+(?:known\s+|confirmed\s+)?"
    r"(?:fatalit(?:y|ies)|deaths))?(?P<rest>\s*\([^()]*\))?",
    re.IGNORECASE,
)
_CODED_INLINE = regexes.compile(
    rf"\b(?:{NUMBER}|several|many|some|a number)\s*\(\s*coded\s+(?:as\s+)?(?P<n>{NUMBER})\s*\)",
    re.IGNORECASE,
)
# "Fatalities are split across three events", "43 fatalities split across two events",
# "Unclear fatalities coded as 6 and spread between 3 locations", "twenty militants killed,
# split between 2 days of fighting"
_SPLIT = regexes.compile(
    r"(?:\b(?:fatalit(?:y|ies|es)|deaths|casualties|toll)\b[^.;\[\]]{0,40}?\b|(?<=killed, ))"
    r"(?:split|spread|divided|distributed)\s+(?:up\s+)?(?:evenly\s+)?(?:across|between|among|into|over|in)\s+(?:the\s+)?"
    rf"(?P<k>{NUMBER})\s+(?:separate\s+|different\s+)?(?:events|locations|places|days|areas"
    r"|villages|sites|incidents|attacks)\b",
    re.IGNORECASE,
)
# "between six and about ten people": ACLED takes the lower bound
_RANGE = regexes.compile(
    rf"\bbetween\s+(?P<low>{NUMBER})\s*(?:and|to|-|–)\s*(?:about\s+|around\s+)?{NUMBER}\b"
    rf"|\b(?P<low2>\d+)\s*(?:-|–|to)\s*\d+(?=\s+[a-z])",
    re.IGNORECASE,
)
# A group counted by its members ("killed a group of 12 militants", "a team of three aid
# workers was shot dead", headlines' "kill unit of six fighters"): the members are the
# toll, not one group (a family: see _FAMILY)
_COLLECTIVE = regexes.compile(
    r"\b(?:(?:an?|the|one)\s+)?(?:group|unit|team|band|squad|cell|crew|gang)\s+of\s+"
    rf"(?={_QUAL0}{NUMBER}\b)",
    re.IGNORECASE,
)
# Double quotes around a name or title ('kill the "chief of the committee"') read as spaces
_NO_QUOTES = str.maketrans('"“”', "   ")
# An amount quoted from a source: "among 'around 20' junta fighters killed", "'dozens' died"
_QUOTED_AMOUNT = regexes.compile(rf"['‘\"“](?P<inner>{_QUAL0}{NUMBER})['’\"”]", re.IGNORECASE)
_DATE = regexes.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}(?:\s*,?\s*(?:19|20)\d\d)?\b"
    rf"|\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*,?\s*(?:19|20)\d\d)?\b"
    rf"|\b(?:in|since|of|by|until|from|between|before|after|during)\s+(?:19|20)\d\d\b"
    r"|\b\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?\b|\b\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)"
    r"|\[[^\]]*\]",
    re.IGNORECASE,
)
_EARLIER_AFTER = regexes.compile(
    r"[^,.;]{0,90}?\b(?:the previous (?:day|week|month|year)|the day before"
    r"|(?:days|weeks|months|years) (?:ago|earlier|before)|(?:a|one) (?:day|week|month"
    r"|year) (?:ago|earlier|before)|in (?:19|20)\d\d|in a previous)\b",
    re.IGNORECASE,
)
# animals as the head of the counted phrase ("15 livestock", "30 head of cattle"; not "a
# cattle thief")
# "10 cattle heads killed", "40 cows": animals are no toll
_ANIMALS = regexes.compile(
    r"(?:^|\s)(?:livestock|cattle|cows?|goats?|sheep|camels?|animals?|dogs?|birds|donkeys?"
    r"|horses?|poultry|chickens?|pigs?|oxen|bulls?|mules?)(?:\s+heads?)?\s*$",
    re.IGNORECASE,
)


_TOLL_HINT = regexes.compile(
    r"kill|dead|death|died|\bdie|drown|injur|wound|hurt|perish|slain|lives|toll|bodies|body"
    r"|corpse|murder|maim|gunned|execut|massacr|behead|treated|fatalit|lynch|martyr|slaughter"
    r"|assassin|decapitat|dismember|lifeless|riddled|succumb|fatal|mortal|neutrali|remains|crucif"
    r"|casualt",
    re.IGNORECASE,
)


def has_toll_words(sentence: str) -> bool:
    """A quick test: could ``sentence`` state a toll? (False rules it out.)"""
    return bool(_TOLL_HINT.search(sentence))


# No report counts this many of anything it tells: a bigger number is an amount, an id or noise
MAX_COUNT = 10_000_000


def parse_number(phrase: str) -> int | None:
    """The value of a number phrase: "36", "1,200", "twenty-six", "two hundred", "dozens".

    Vague amounts take ACLED's conservative value; a number over MAX_COUNT and anything
    else is None.
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
        value = int(float(head.replace(",", "")) * scale)
        return value if value <= MAX_COUNT else None
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
    return "injured" if re.search(r"(?i)injur|wound|hurt|maim|treated", verb) else "killed"


def _blank(text: str, start: int, end: int, keep: str = "") -> str:
    """``text`` with ``start:end`` replaced by ``keep`` padded with spaces (same length)."""
    return text[:start] + keep + " " * (end - start - len(keep)) + text[end:]


def _prepare(sentence: str) -> str:
    """The sentence with what is no toll blanked out, offsets unchanged: dates and bracketed
    remarks, ACLED's coding remarks, running totals, breakdowns of a toll ("among the dead"),
    deaths and injuries counted together, quotes around an amount; ranges and coded vague
    amounts reduced to the number ACLED takes ("between six and ten" is six, "dozens (coded
    as 12)" is 12)."""
    text = sentence
    for m in _QUOTED_AMOUNT.finditer(text):
        text = _blank(text, m.start(), m.end(), " " + m.group("inner"))
    text = text.translate(_NO_QUOTES)
    for m in _COLLECTIVE.finditer(text):
        text = _blank(text, m.start(), m.end())
    for m in _CODED_INLINE.finditer(text):
        text = _blank(text, m.start(), m.end(), m.group("n"))
    for pattern in (_CODED, _SPLIT, _OTHER_COUNT, _BREAKDOWN, _KILLED_AND_HURT, _DATE):
        for m in pattern.finditer(text):
            text = _blank(text, m.start(), m.end())
    for m in _RANGE.finditer(text):
        low = m.group("low") or m.group("low2")
        text = _blank(text, m.start(), m.end(), low)
    return text


_UNITS_AFTER = regexes.compile(
    r"\s*(?:km\b|kilomet|miles?\b|metres?\b|meters?\b|%|percent|per cent|years?\b|months?\b"
    r"|weeks?\b|days?\b|hours?\b|minutes?\b|times\b|rounds?\b|shells?\b|mm\b|tons?\b|tonnes?\b)"
    r"|-?\s*(?:year|month|week|day)s?[- ]old",
    re.IGNORECASE,
)
# "the police shot back and two men were killed": a clause before the victims
_ENDS_IN_VERB = regexes.compile(
    r"(?i)\s(?:[a-z]+ed|fired|shot|fought|broke|began|ran|fled)(?:\s+(?:back|out|fire))?$"
)
_PLURAL_HEAD = regexes.compile(r"(?i)(?<!s)s$|men$|people$|children$|police$|personnel$|folk$")


def _head(np: str) -> str:
    """The head noun of a noun phrase: "two of his bodyguards" -> "bodyguards"."""
    words = [w.strip("'\"()") for w in np.split()]
    words = [w for w in words if w]
    return words[-1] if words else ""


# Victims of a known kind, or a people by its plural ("Syrians", "Fulanis", "Oromos", "Hutus")
_VICTIM_RE = regexes.compile(
    rf"^(?:{VICTIM_WORDS}|(?-i:[A-Z][a-z]+(?:ians|ans|is|ese|os|as|us)))$", re.IGNORECASE
)


def _victim(np: str) -> str | None:
    """The victims a noun phrase names, when they are people of a known kind ("a man from
    Afrin": the man)."""
    np = re.split(r"(?i)\s+from\s+", np, maxsplit=1)[0]
    words = [w.strip("'\"()") for w in np.split()]
    words = [w for w in words if w]
    for size in (2, 1):
        if len(words) >= size and _VICTIM_RE.match(" ".join(words[-size:])):
            return " ".join(words[-size:])
    return None


def _count_chain(text: str, at: int, chain: str) -> tuple[int, str | None, list[str]] | None:
    """(count, qualifier phrase, victims) of a list of counted groups, or None; ``chain``
    starts at offset ``at`` of ``text``."""
    total, known = 0, False
    qualifier: str | None = None
    victims: list[str] = []
    for m in _ITEM_RE.finditer(text, at):
        if m.start() >= at + len(chain):
            break
        np = m.group("np") or m.group("np1") or ""
        if _ANIMALS.search(np):
            continue
        if m.group("n") is not None:
            if _UNITS_AFTER.match(text, m.end("n")):
                return None
            count = parse_number(m.group("n"))
            if count is None:
                continue
            if qualifier is None and m.group("q"):
                qualifier = m.group("q")
            if qualifier is None and is_vague(m.group("n")):
                qualifier = "vague"
        else:
            word = (m.group("one") or "").lower()
            if word in {"the", "his", "her", "their"} and (
                _PLURAL_HEAD.search(_head(np)) or _ENDS_IN_VERB.search(np)
            ):
                # "the soldiers", "their children": how many is not said; "the police
                # fired, and dozens were hurt": a clause, no one counted
                continue
            count = 1
        total += count
        known = True
        victim = _victim(np)
        if victim:
            victims.append(victim)
    return (total, qualifier, victims) if known else None


_CAUSE_NOUN = regexes.compile(
    r"\b(?:after|following|against|for|over|denounc\w*|condemn\w*|protest\w*|mourn\w*"
    r"|funerals?\s+of|burial\s+of|anniversary\s+of|commemorat\w*|justice|avenge\w*"
    r"|(?:in\s+)?(?:retaliation|revenge|reprisal|response|reaction)\s+(?:for|to|of|against)"
    r"|blamed\s+for|accused\s+of|suspected\s+of|charged\s+with|(?:on\s+)?charges?\s+of"
    r"|arrested\s+for|convicted\s+of"
    r"|sentenced\s+for|(?:triggered|sparked|caused|prompted|provoked|angered)\s+by"
    r"|(?:outrage|anger|fury)\s+(?:at|over)|demanding|demand|investigat\w*\s+(?:into\s+)?"
    r"|involved\s+in|responsible\s+for|behind)"
    r"\s+(?:the\s+|an?\s+|his\s+|her\s+|their\s+|its\s+)?['\"“‘]?$",
    re.IGNORECASE,
)
_CAUSE_CLAUSE = regexes.compile(
    r"\b(?:after|since|because|following)(?:\s+[\w'’()-]+){0,6}?\s*$",
    re.IGNORECASE,
)
# "rioted after a road accident that resulted in the death of a colleague": the accident's
# toll, told as the cause
_ACCIDENT_CAUSE = regexes.compile(
    r"\baccidents?\s+(?:that|which)\s+(?:resulted in|caused|led to|left)\s+$", re.IGNORECASE
)
# "attempted to kill a commander", "threatened to lynch him": no one died
_IRREALIS = regexes.compile(
    r"\b(?:attempt(?:ed|ing|s)?|tr(?:ied|y|ying|ies)|threat(?:en|ened|ening|ens)|plott?(?:ed"
    r"|ing|s)?|plann?(?:ed|ing|s)?|vow(?:ed|ing|s)?|want(?:ed|ing|s)?|intend(?:ed|ing|s)?"
    r"|sought|seek(?:ing|s)?|wish(?:ed|es)?|order(?:ed|s)?|failed|unable|hired|contracted|paid"
    r"|sent)\s+to\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)


def _told_before(sentence: str, m: re.Match[str]) -> bool:
    """Whether the toll ``m`` belongs to an earlier event the sentence names as background:
    "protested against the killing of two students", "for killing a young man", "came after
    militants killed 10 soldiers", "a man killed two days earlier"; or is an aggregate over a
    period ("30 soldiers killed in two days of attacks")."""
    cut = max(sentence.rfind(c, 0, m.start()) for c in ",;:")
    before = sentence[cut + 1 : m.start()]
    groups = m.groupdict()
    if _CAUSE_NOUN.search(before) or re.search(r"(?i)\bwho\s+(?:had\s+)?$", before):
        return True  # "the officer who killed a student", "those who killed a ranger"
    if _ACCIDENT_CAUSE.search(before):
        return True
    if cut > 0 and re.match(r"(?i)\s*(?:which|that)\s+(?:had\s+)?$", before):
        # "following the bombing of a bus, which killed 3": the relative tells the cause
        earlier = sentence[max(sentence.rfind(c, 0, cut) for c in ",;:") + 1 : cut]
        if re.search(
            r"(?i)\b(?:following|followed|after|in\s+(?:response|retaliation|reprisal))\b",
            earlier,
        ):
            return True
    finite = groups.get("chain") is not None and m.start("verb") < m.start("chain")
    passive = groups.get("chain") is not None and m.start("chain") == m.start()
    cause = _CAUSE_CLAUSE.search(before) if finite or passive else None
    main = sentence[: cut + 1 + cause.start()] if cause is not None else ""
    if cause is not None and (len(main.split()) < 2 or has_trigger_words(main)):
        # "came after bandits killed 6 rangers", "After a massacre claimed 23 lives, ...";
        # but in "Border trade halted after militia kill two men" nothing happened before
        # "after": the killing is the news
        return True
    return bool(
        _PAST_BEFORE.search(before)
        or _EARLIER_AFTER.match(sentence, m.end())
        or _PERIOD.match(sentence, m.end())
        or _PERIOD_FIRST.search(sentence, 0, m.start())
    )


def _not_a_toll(text: str, m: re.Match[str], victims: list[str]) -> bool:
    """Years, distances, "2 dead young owls" and the like caught by the number patterns."""
    verb = (m.group("verb") or "").lower()
    chain = m.groupdict().get("chain") or m.groupdict().get("n") or ""
    verb_last = m.start("verb") > m.start()
    bare = bool(re.fullmatch(rf"(?i)\s*{_QUAL0}{NUMBER}\s*", chain))
    if verb_last and verb in {"dead", "injured", "wounded"} and bare:
        following = text[m.end() :].lstrip()
        if re.match(r"[a-z]", following) and not re.match(_CONTINUATION, following):
            return True
    return bool(re.fullmatch(r"\s*(?:19|20)\d\d\s*", chain) and not victims)


def _share(total: int, parts: int) -> int:
    """One event's share of a toll split over ``parts`` events, rounded half up."""
    return (2 * total + parts) // (2 * parts) if parts > 0 else total


def coded_toll(text: str) -> int | None:
    """The toll an ACLED note states it coded ("Fatalities coded as 0 (local radio reported
    2)", "Unknown fatalities coded as 5"), the last one if several, else None."""
    found = [_coded_count(m) for m in _CODED.finditer(text)]
    found = [n for n in found if n is not None]
    return found[-1] if found else None


def _coded_count(m: re.Match[str]) -> int | None:
    """The toll a ``_CODED`` match states: the coded count and any known deaths it adds."""
    n = parse_number(m.group("n"))
    plus = parse_number(m.group("plus")) if m.group("plus") else 0
    return None if n is None or plus is None else n + plus


def split_parts(text: str) -> int | None:
    """Over how many events a note says its toll is split ("Fatalities are split across
    three events"), else None."""
    for m in _SPLIT.finditer(text):
        parts = parse_number(m.group("k"))
        if parts is not None and parts > 1:
            return parts
    return None


def note_toll(text: str, stated: int, shared: bool = False) -> int:
    """The toll a whole note gives its event, from the deaths ``stated`` in its sentences:
    the note's own coding when it states one, else what its sentences state; either is
    shared out when the note says the toll is split over several events ("Fatalities coded
    as 10 and spread between 2 locations" gives 5), unless the ``stated`` toll was
    ``shared`` already (its own sentence says so: "20 militants killed, split between 2
    days of fighting")."""
    coded = coded_toll(text)
    total = coded if coded is not None else stated
    parts = split_parts(text)
    if parts is None or (shared and coded is None):
        return total
    return _share(total, parts)


# One side's claim: "the rebels claimed responsibility and said they killed 25 militiamen",
# "the rebels claim to have killed 40 soldiers"
_CLAIM = regexes.compile(
    r"\bclaim(?:s|ed|ing)?\s+to\s+have\s+(?:killed|executed|shot)"
    r"|\b(?:claim(?:s|ed|ing)?|said|says|announced|stated)\b[^.;]{0,60}?\b(?:it|they|its\s+\w+)"
    r"\s+(?:had\s+|has\s+|have\s+)?(?:killed|kill)\b",
    re.IGNORECASE,
)


def is_claim(sentence: str) -> bool:
    """Whether ``sentence`` gives one side's claim of whom it killed ("the rebels said they
    killed 25 soldiers")."""
    return bool(_CLAIM.search(sentence))


def told_as_claim(event: Event, text: str) -> bool:
    """Whether ``event``'s sentence of ``text`` is one side's claim (see ``is_claim``)."""
    return is_claim(text[event.sentence.start : event.sentence.end])


def note_tolls(doc: Document) -> None:
    """A stage after the events, for the tolls a whole report decides.

    One side's claim does not add to a toll the report states apart ("4 militiamen and 2
    farmers were killed. The rebels claimed ... they killed 25"): the claim's toll is dropped.
    Then the toll a note's own remarks give (``note_toll``) replaces the sum of the tolls
    its sentences state: the first event with a toll takes it and the others keep only
    their injured; with no toll stated, the first event takes it.
    """
    if not doc.events:
        return
    told = [e for e in doc.events if e.casualties is not None and e.casualties.killed is not None]
    claimed = [e for e in told if told_as_claim(e, doc.text)]
    if claimed and len(claimed) < len(told):
        for event in claimed:
            if event.casualties is not None:
                event.casualties = replace(event.casualties, killed=None, qualifier=None)
        told = [e for e in told if e not in claimed]
    if coded_toll(doc.text) is None and split_parts(doc.text) is None:
        return
    stated = sum(e.casualties.killed or 0 for e in told if e.casualties is not None)
    wanted = note_toll(doc.text, stated, _shared_in_sentence(doc))
    if wanted == stated:
        return
    if not told:
        first = doc.events[0]
        first.casualties = replace(first.casualties or Casualties(), killed=wanted, qualifier=None)
        return
    for i, event in enumerate(told):
        if event.casualties is not None:
            event.casualties = replace(
                event.casualties, killed=wanted if i == 0 else None, qualifier=None
            )


def _shared_in_sentence(doc: Document) -> bool:
    """Whether a sentence states a toll and shares it out itself ("Five leaders were killed,
    five fatalities split across five events"): ``find_toll`` gave that sentence its share."""
    for span in doc.sentences:
        sentence = doc.text[span.start : span.end]
        if split_parts(sentence) is not None and find_toll(sentence) is not None:
            return True
    return False


_PATTERNS = (
    _TOLL_ROSE,
    _FAMILY,
    _FAMILY_PASSIVE,
    _LIVES,
    _LEFT,
    _TO_DEATH,
    _BEFORE,
    _BODIES,
    _ONE_BODY,
    _WHO_DIED,
    _DEATH_NOUN,
    _SLAIN,
    _AFTER,
    _HEADLINE,
    _HEADLINE_OBJECT,
    _CAPTIVES_KILLED,
    _PRONOUN,
)


def find_toll(sentence: str) -> Toll | None:
    """The casualties a sentence states, killed and injured together, or None.

    Several statements of the same kind in one sentence ("killing five soldiers and three
    civilians") are added up; "no one was killed" gives None, and "no deaths" leaves the
    killed unset. A running total ("..., bringing the toll to 40") gives way to the deaths
    the sentence newly states; a breakdown ("among the dead were 12 children"), another
    source's count, an aggregate over days and an earlier event's toll told as background
    ("protested against the killing of two students") are no toll. ACLED's own remarks
    rule: "Fatalities coded as N" gives N, "split across K events" one K-th share.
    """
    read = _read_toll(sentence)
    if read is None:
        return None
    killed, injured, qualifier, victims, start, end, phrase = read
    return Toll(Casualties(killed, injured, qualifier, victims), start, end, phrase)


_Read = tuple[int | None, int | None, Qualifier | None, str | None, int, int, str]


# One toll statement of a sentence: the match, its count, qualifier phrase and victims
_Statement = tuple[re.Match[str], int, str | None, list[str]]
# A sentence's statements by kind ("killed", "injured"): (count, qualifier, victims) of each
_Found = dict[str, list[tuple[int, Qualifier | None, list[str]]]]


@dataclass(slots=True)
class _Tally:
    """The statements of one sentence gathered by kind, and the span they cover."""

    found: _Found = field(default_factory=dict)
    # "...and the toll later rose to 15": 15, not a sum
    updated: dict[str, int] = field(default_factory=dict)
    start: int = 0
    end: int = 0
    phrase: str = ""

    def cover(self, sentence: str, m: re.Match[str]) -> None:
        """Widen the span to ``m``; the phrase is the first statement's."""
        if not self.phrase or m.start() < self.start:
            self.phrase = sentence[m.start() : m.end()]
        self.start, self.end = min(self.start, m.start()), max(self.end, m.end())


@lru_cache(maxsize=4096)
def _read_toll(sentence: str) -> _Read | None:
    """``find_toll``'s reading as plain values (cached: each stage asks for the same
    sentence's toll, and the caller gets fresh objects it may change)."""
    if not _TOLL_HINT.search(sentence) or _DAY_TALLY.match(sentence):
        return None
    text = _prepare(sentence)
    statements = _without_retold(text, _statements(text, sentence))
    tally = _Tally(start=len(sentence))
    for m, count, q, victims in sorted(statements, key=lambda st: st[0].start()):
        qual: Qualifier | None = (
            "at least" if q == "vague" else _QUALIFIERS.get(q.lower()) if q else None
        )
        kind = _kind(_verb(m))
        tally.found.setdefault(kind, []).append((count, qual, victims))
        if m.re is _TOLL_ROSE:
            tally.updated[kind] = count
        tally.cover(sentence, m)
    coded = _add_coded(sentence, tally)
    if not tally.found:
        return None
    casualties = _casualties(sentence, tally, coded)
    return (
        casualties.killed,
        casualties.injured,
        casualties.qualifier,
        casualties.victims,
        tally.start,
        tally.end,
        tally.phrase,
    )


def _statements(text: str, sentence: str) -> list[_Statement]:
    """The toll statements of ``text`` (``sentence`` prepared), each pattern's matches in
    turn, none overlapping another or a statement that no one was hurt."""
    statements: list[_Statement] = []
    # "no one was killed", "No deaths were reported, but two were injured": only the injured
    taken: list[tuple[int, int]] = [(m.start(), m.end()) for m in _NO_TOLL.finditer(text)]
    for pattern in _PATTERNS:
        pos = 0
        while (m := pattern.search(text, pos)) is not None:
            pos = m.start() + 1  # a match that is no toll may hide a shorter one that is
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            counted = _statement(text, sentence, m)
            if counted is None:
                continue
            pos = m.end()
            taken.append((m.start(), m.end()))
            if counted[0] >= 0:
                statements.append((m, *counted))
    return statements


def _without_retold(text: str, statements: list[_Statement]) -> list[_Statement]:
    """The statements that count: new deaths rather than the running total they bring the
    toll to, unless they add to the event already told; no pronoun for a victim counted."""
    totals = [(m.start(), m.end()) for m in _RUNNING_TOTAL.finditer(text)]
    # "killing 3, bringing the death toll to 20": 3; "raising the toll to 9" alone: 9
    new = [st for st in statements if not any(s <= st[0].start() < e for s, e in totals)]
    killed_new = [st for st in new if _kind(_verb(st[0])) == "killed"]
    # ...unless the new deaths add to the event already told ("Four more bodies were found,
    # bringing the death toll to 31"): then the total is that event's toll
    more = all(_MORE.search(st[0].group(0)) for st in killed_new)
    if killed_new and not (more and len(new) < len(statements)):
        statements = new
    elif more and len(new) < len(statements):
        statements = [st for st in statements if st not in killed_new]
    # "lynched a burglar and killed him": the pronoun is a victim already counted
    if any(st[0].re is not _PRONOUN and _kind(_verb(st[0])) == "killed" for st in statements):
        statements = [
            st for st in statements if st[0].re is not _PRONOUN or _kind(_verb(st[0])) != "killed"
        ]
    return statements


def _add_coded(sentence: str, tally: _Tally) -> bool:
    """Set the deaths to the count the sentence says was coded ("Fatalities coded as 3"),
    keeping the victims named; True when it says one."""
    coded = list(_CODED.finditer(sentence))
    if coded:
        n = _coded_count(coded[-1])
        if n is not None:
            items = tally.found.setdefault("killed", [])
            items[:] = [(n, None, [v for _, _, vs in items for v in vs])]
            tally.updated["killed"] = n
            tally.cover(sentence, coded[-1])
    return bool(coded)


def _casualties(sentence: str, tally: _Tally, coded: bool) -> Casualties:
    """The casualties ``tally`` adds up to: per kind the sum of its statements, or the
    total a running total or coded count sets; the deaths shared out when the sentence
    splits them over several events."""
    casualties = Casualties()
    names: list[str] = []
    for kind, items in tally.found.items():
        if kind in tally.updated:
            total = (
                tally.updated[kind]
                if coded and kind == "killed"
                else max(tally.updated[kind], *(c for c, _, _ in items))
            )
        else:
            total = sum(count for count, _, _ in items)
        if kind == "killed":
            parts = split_parts(sentence)
            if parts is not None:
                total = _share(total, parts)
        setattr(casualties, kind, total)
        if casualties.qualifier is None or kind == "killed":
            casualties.qualifier = items[0][1]
        for _, _, vs in items:
            for v in vs:
                if v.lower() not in {"others", "more"} and v.lower() not in {
                    x.lower() for x in names
                }:
                    names.append(v if v[0].isupper() else v.lower())
    casualties.victims = ", ".join(names) if names else None
    return casualties


def _verb(m: re.Match[str]) -> str:
    groups = m.groupdict()
    return groups.get("verb") or groups.get("v2") or groups.get("v3") or groups.get("v4") or ""


def _statement(
    text: str, sentence: str, m: re.Match[str]
) -> tuple[int, str | None, list[str]] | None:
    """(count, qualifier phrase, victims) a toll pattern's match states; count -1 when the
    match is a toll that does not count here (background, claimed, not real); None when it
    is no toll at all."""
    groups = m.groupdict()
    victims: list[str] = []
    q: str | None = None
    if groups.get("chain") is not None:
        chain = m.group("chain")
        if chain.lower() in {"him", "her", "another", "one"}:
            counted: tuple[int, str | None, list[str]] | None = (1, None, [])
        else:
            counted = _count_chain(text, m.start("chain"), chain)
        if counted is None:
            return None
        comma = chain.find(",")
        if comma > 0 and _SAID_AFTER.match(text, m.end("chain")):
            # "killing 9 people, a local councillor said": the speaker is no victim
            counted = _count_chain(text, m.start("chain"), chain[:comma])
            if counted is None:
                return None
        count, q, victims = counted
        if (
            re.match(r"(?i)execut", _verb(m))
            and not re.match(rf"(?i){NUMBER}", chain)
            and not victims
            and not re.search(rf"(?i)\b{_PERSON}\b", chain)
        ):
            return None  # "the execution of a plan", "execute an order"
        if _kind(_verb(m)) == "injured" and re.fullmatch(rf"(?i){_PERSON}", chain):
            return None  # "the wounded soldier": an adjective
    else:
        phrase = groups.get("n") or groups.get("n2") or groups.get("n3") or groups.get("n4") or ""
        if phrase.lower() in {"a", "an", "one", "him", "her", "his", "the", "he", "she"}:
            count = 1
        else:
            parsed = parse_number(phrase)
            if parsed is None or _UNITS_AFTER.match(text, m.end("n")):
                return None
            count = parsed
        q = groups.get("q")
        if q is None and is_vague(phrase):
            q = "vague"
        if groups.get("v"):
            victims = [m.group("v")]
    if m.re in (_FAMILY, _FAMILY_PASSIVE):
        victims = ["family members"]
    if _verb(m).lower() == "casualties" and not _INJURED_APART.search(text):
        q = "up to"  # "30 casualties" alone may count the wounded too: 30 dead at most
    if _not_a_toll(text, m, victims):
        return None
    cut = max(sentence.rfind(c, 0, m.start()) for c in ",;:")
    before = sentence[cut + 1 : m.start()]
    if _IRREALIS.search(before):
        return None
    # (read in ``text``, where "a family of" before "four were killed" is blanked)
    prepared = text[cut + 1 : m.start()]
    if (
        m.re in (_AFTER, _HEADLINE)
        and (re.search(_AFTER_PREPOSITION, prepared) or re.search(r"(?i)\b[a-z]+ed\s+$", prepared))
        and not re.search(r"(?i)\bresult(?:s|ed|ing)?\s+in\s+$", before)
    ):
        # "members of the group were killed", "two youths who had robbed a shop were lynched":
        # the subject starts earlier
        return None
    if re.search(r"(?i)\b(?:including|among\s+them|among\s+whom|of\s+whom)\s+$", before):
        return None  # "27 were killed, including 2 who died": a part of a toll given
    if _told_before(sentence, m):
        return -1, None, []
    return count, q, victims


_CONTINUATION = (
    r"(?:and|or|in|at|on|after|when|as|from|following|during|since|so|while|by|with|including"
    r"|across|near|over|among|amid|today|yesterday|overnight|last|this)\b"
)


_COUNTED = regexes.compile(
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
