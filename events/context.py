"""What a place mention does in its sentence, without a parser: clause boundaries, the
role of each toponym (where something happened, who did it, whose it is), actors and the
source of a claim.

Roles come from the words around a mention. Walking back from the mention over articles,
adjectives and place nouns ("the northern city of") to a preposition or a trigger verb:
"in", "at", "on", "over", "into" make a place of occurrence (``in``); "near", "outside",
"north of" a place nearby (``near``); "from" an origin (``source``); "to", "towards" a
destination (``direction``); "by" an agent (``agent``); a trigger verb ("hit", "seized",
"fled") its object (``object``). The word after a mention can override this: "Turkish air
space" is a place, "Russian jets" an agent, "Syria's civil war" an owner (no place), "Gaza
airstrikes" a modifier (the place unless the clause names another), "US bases" attributive
(a place only when nothing better is named), "Kyiv said" a speaker. A mention joined to the
previous one by "," / "and" / "or" takes its role (one coordinated group). A mention with
none of these (a subject: "Moscow has dismissed claims") is no place of an event.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from core import regexes
from core.toponym import Toponym
from gazetteer.containment import find_statements
from gazetteer.normalize import ARABIC_ARTICLES

# Short and adjective forms of the countries most often named as actors, for names that
# reach an actor without a resolved toponym (the toponym's own name is used otherwise).
_CANONICAL = {
    "us": "United States", "u.s": "United States", "u.s.": "United States",
    "usa": "United States", "america": "United States", "american": "United States",
    "americans": "United States", "uk": "United Kingdom", "u.k.": "United Kingdom",
    "britain": "United Kingdom", "british": "United Kingdom", "russian": "Russia",
    "russians": "Russia", "israeli": "Israel", "israelis": "Israel", "ukrainian": "Ukraine",
    "iranian": "Iran", "turkish": "Turkey", "syrian": "Syria", "saudi": "Saudi Arabia",
    "chinese": "China", "french": "France", "german": "Germany", "indian": "India",
    "pakistani": "Pakistan", "sudanese": "Sudan", "yemeni": "Yemen", "iraqi": "Iraq",
}  # fmt: skip


def canonical_actor(name: str) -> str:
    """The usual name of an actor: "U.S." and "American" are "United States"; each part
    of "US and Britain" is named alike; anything else is returned as it is."""
    parts = name.split(" and ")
    return " and ".join(_CANONICAL.get(p.strip().casefold(), p) for p in parts)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


PLACE_ROLES = frozenset({"in", "near", "object", "direction", "modifier", "attributive"})
# The words between a place and the place it lies in: "Jarablus in Aleppo", "Quamishli city
# in al-Hasakeh", "Bara in the southern countryside of Idleb", "Kwadon (Gombe", "Jarablus in
# northern Aleppo"
IN_CONTAINER = regexes.compile(
    r"\s*(?:\((?:[^()]*,\s*)?|(?:(?:city|town|village|hamlet|district|area|camp|neighbou?rhood"
    r"|quarter|suburb)\s+)?(?:in|of)\s+(?:the\s+)?(?:(?:[\w-]+\s+){0,2}?(?:countryside|outskirts"
    r"|suburbs|part|parts)\s+of\s+(?:the\s+)?"
    # "near Shadadah in southern Al-Hasakeh countryside", "Jarablus in northern Aleppo"
    r"|(?:north|south|east|west)(?:ern|-?(?:east|west)(?:ern)?)?\s+)?)"
)

_CLAUSE_BREAK = regexes.compile(
    r";|:\s|\s[–—]\s|\s-\s|\(|\)"
    r"|,\s+(?=(?:but|while|whereas|which|who|where|although|though|as|after|before|when|saying"
    r"|adding|resulting|according|even as|despite)\b)"
    r"|\s(?=(?:but|while|whereas|although|though|because|before|after|when|who|which|unless"
    r"|until)\s)"
    r"|\s(?=since\s(?!(?:last\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|dawn|daybreak|morning|midnight|yesterday)\b))"
    r"|\s(?=as\s+(?:[A-Z]|the\s))|\s(?=in (?:response|retaliation|reprisal) (?:to|for)\s)"
    r"|\s(?=and\s+(?:later\s+|also\s+)?(?:accused|said|says|claimed|denied|rejected|added"
    r"|blamed|warned|insisted)\b)"
    r"|,\s+(?=and\s+(?:the\s+)?[a-z])",
)
_TOKEN = regexes.compile(r"[A-Za-z0-9][\w’'.-]*|[^\w\s]")
_LOCATIVE = _words(
    """across along amid around at in inside into on onto over through throughout upon within"""
)
_NEAR = frozenset(["near", "outside", "nearby", "outskirts", "vicinity", "close"])
# A lower-case Arabic article left before a name read without it ("shelling on al-Ghouta")
_ARTICLE_TOKENS = frozenset(f"{a}{d}" for a in ARABIC_ARTICLES for d in "-‐")
_COMPASS = _words(
    """east north north-east north-west northeast northwest south south-east south-west
    southeast southwest west"""
)
_OBJECT_VERBS = _words(
    """against attacked attacking besieged bombarded bombed bombing capture captured capturing
    control encircled entered fall evacuate evacuated fled flee fleeing hit hits hitting levelled
    liberate liberated over overran overrun pounded pounding raided razed recapture
    recaptured retake retaken retook rocked seize seized seizing shelled shelling stormed
    strike strikes striking struck surrounded targeted targeting swept lashed battered ravaged
    inundated flooded submerged engulfed attack attacks bomb bombs bombard bombards shell shells
    target targets raid raids storm storms besiege besieges captures seizes enters pound pounds
    recaptures retakes liberates overruns encircle encircles surround surrounds"""
)
# "Sagaing region's Budalin township": a unit noun written after its name owns what follows
_OWNING_UNITS = frozenset({"region", "province", "state", "governorate", "oblast", "district"})
# "the Port-au-Prince suburb of Carrefour": the name before one of these is its owner
_PLACE_NOUNS = _words(
    """capital city commune district municipality neighborhood neighbourhood port province
    region suburb township town village"""
)
_LIST = frozenset(["including", "like", "incl"])
_ROUTES = _words(
    "train trains flight flights bus buses coach ferry ferries boat plane journey trip service"
)
_FILLER = _words(
    """a all an and area areas besieged border both capital central cities city coastal
    devastated district districts eastern eight embattled five four frontline
    government-controlled government-held her his its key large main many most much nearby
    neighboring neighbouring nine north-eastern north-western northeastern northern
    northernmost northwestern occupied of outlying part parts port province provinces
    rebel-controlled rebel-held region regions rural seven several six small so-called some
    south-eastern south-western southeastern southern southernmost southwestern strategic
    ten that the their these this those three town towns two village villages war-torn
    western suburb suburbs neighbourhood neighborhood township commune municipality"""
)
_GEO_AFTER = regexes.compile(
    r"^\s*(?:['’]s\s+)?(?:air\s?space|air\s+space|territor(?:y|ial)|soil|waters|skies|border"
    r"|frontier|coast(?:line)?|side of the border)\b",
    re.IGNORECASE,
)
_PLACE_OF_AFTER = regexes.compile(
    r"^\s+(?:(?!(?:and|or|but|in|at|on|near|from|to|the)\b)[\w-]+\s+){0,2}?"
    r"(?:city|town|village|port|capital|province|region|district|suburb|neighbou?rhood"
    r"|township|commune|municipality|county|governorate|oblast|state|enclave|island)\s+of\s+[A-Z]"
)
_FACILITY_AFTER = regexes.compile(
    r"^\s*['’]s\s+(?:[\w-]+\s+){0,2}?(?:airport|port|harbou?r|hospital|market|refinery"
    r"|power (?:plant|station)|railway station|train station|university|prison|stadium"
    r"|central mosque|main mosque|fuel depot|oil terminal|dam)\b",
    re.IGNORECASE,
)
_TOWN_NOUN_AFTER = regexes.compile(r"^\s+(?:port\s+)?(?:city|town|port)\b(?!\s+of\b)")
_ADMIN1_AFTER = regexes.compile(
    r"^\s+(?:provinces?|regions?|oblasts?|governorates?|states?)\b", re.IGNORECASE
)
_ADMIN2_AFTER = regexes.compile(
    r"^\s+(?:districts?|county|counties|raions?|municipalit(?:y|ies))\b", re.IGNORECASE
)
# "Tripoli's Souq district", "Sagaing Region's Budalin Township"
_CONTAINER_AFTER = regexes.compile(
    r"^\s*(?:(?:region|province|state|governorate|oblast|division|district)\s*)?['’]s\s+"
    r"(?:[\w-]+\s+){0,2}?(?:province|region|city|town|township|village|district|governorate"
    r"|oblast|state|capital|north|south|east|west|centre|center|port|area)",
    re.IGNORECASE,
)
AGENT_NOUNS = (
    r"forces|troops|army|military|militar(?:y|ies)|soldiers|jets|warplanes?|aircraft|planes"
    r"|drones|navy|naval|air\s?force|warships|ships|submarines|artillery|gunmen|militants"
    r"|rebels|insurgents|fighters|militias?|militiamen|police|security|government|regime"
    r"|authorities|officials|defen[cs]e|coalition|missiles|rockets|bombers|helicopters"
    r"|tanks|units|battalions?|brigades?|special|paratroopers|marines|president|minister"
    r"|leader|separatists|jihadists|allies|partners"
)
_AGENT_AFTER = regexes.compile(
    r"^\.?\s*(?:['’]s\s+)?(?:(?!(?:from|in|on|at|by|with|to|and|or|of|for|into|over|after|before"
    r"|when|while|as|since|until|but|where|that|which|who|the|a|an|said|says|were|was|had|has"
    r"|have|fired|launched|sent|shot|hit|struck|attacked|shelled|bombed|targeted)\b)[\w-]+\s+)?"
    rf"(?:{AGENT_NOUNS})\b|^-(?:led|backed)\b"
)
_EVENT_NOUN_AFTER = regexes.compile(
    # a compound's first noun may stand between: "Mexico jet crash", "Kabul suicide attack"
    r"^\s+(?:(?:jet|plane|helicopter|drone|car|truck|bus|train|boat|ferry|suicide|bomb|mine"
    r"|rocket|missile|mortar|grenade|gun|knife|prison|school|market|mosque|church|border)\s+)?"
    r"(?:air\s?strikes?|air\s?raids?|bombing|bombings|strikes?|shelling|attacks?|offensive"
    r"|clashes|fighting|protests?|crash|violence|war|battle|conflict|siege|blasts?)\b",
    re.IGNORECASE,
)
_PLACE_NOUN = (
    r"(?:(?:(?:nearby|neighbou?ring|northern|southern|eastern|western|central|small|remote"
    r"|border|frontline)\s+)?(?:towns?|city|cities|villages?|areas?|regions?|provinces?)\s+"
    r"(?:of\s+)?)?"
)
# "A, B and C", "A and the town of B"; not ", the UK ... said" (a bare comma takes no "the")
# People named by where they live: what is taken "from residents in X" is taken in X
_RESIDENTS = frozenset(
    {"residents", "villagers", "inhabitants", "locals", "farmers", "herders", "traders",
     "shopkeepers", "families", "households", "civilians", "people", "population"}
)  # fmt: skip
_OPENING_BRACKET = regexes.compile(r"\s*[(\[]\s*")
_COORD = regexes.compile(
    r"^\s*(?:,\s*|,?\s*(?:and|or|as well as|&)\s+(?:the\s+)?)"
    rf"{_PLACE_NOUN}(?:both\s+)?$"
)
# "in Hodeidah and around the capital Sanaa": a second place of the same happening
_COORD_PREP = regexes.compile(
    r"^\s*,?\s*(?:and|or|as well as)\s+(?:also\s+)?(?:(?:an?|the|another)\s+[a-z-]+\s+)?"
    r"(?:in|at|around|near|outside|across)\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}$"
)
_DEMONYM_END = regexes.compile(r"(?:ian|ean|an|ish|ese|i|ic|ch|ss|ov)$")
SPEECH_VERBS = (
    r"said|says|say|claimed|claims|reported|reports|told|announced|alleged|confirmed|stated"
    r"|added|accused|insisted|warned|condemned|denied|blamed|called for|urged"
)
_SPEAKER_AFTER = regexes.compile(
    rf"^\s+(?:(?:has|have|had|also|later|earlier|on \w+)\s+)*(?:{SPEECH_VERBS})\b"
)
SPEECH_BETWEEN = regexes.compile(rf"\b(?:{SPEECH_VERBS})\b")
_ATTRIBUTIVE_AFTER = regexes.compile(
    r"^\.?\s+(?:bases?|embass(?:y|ies)|consulates?|positions?|interests|targets|facilit(?:y|ies)"
    r"|installations?|personnel|citizens|nationals|residents|vessels?|ships?|airports?"
    r"|diplomats|assets|infrastructure|headquarters|apartment|homes?|buildings?)\b"
)
# A country named as one side of a border is a line, no place of the event: "clashes near the
# Thai border", "on the Syria-Turkey border", "near the border with Mali" (role "border"); a
# border town or region lies in its country ("a Mexican border city")
_BORDER_AFTER = regexes.compile(
    r"^\.?(?:\s?[-–/]\s?[A-Z][\w'’.]*)*\s+[Bb]orders?\b(?!\s+(?:towns?|cit(?:y|ies)|villages?|areas?"
    r"|regions?|provinces?|states?|districts?|counties|county|municipalit(?:y|ies)|zones?))"
)
_BORDER_BEFORE = regexes.compile(r"\b[Bb]orders?\s+[Ww]ith\s+(?:[Tt]he\s+)?$")
# A town that names a road (with another): "the Lagos - Badagry expressway", "the
# Aleppo-Lattakia highway", "the Aden road": the event is on the road, and the towns are
# where it happened only when the sentence names no other place (role "road")
_ROAD_AFTER = regexes.compile(
    r"^(?:\s?[-–]\s?(?:[A-Z][\w'’]*)(?:[ -](?:[A-Z][\w'’]*|al|el))*)*\s+"
    r"(?:expressway|highway|motorway|freeway|road|railway|pipeline|bypass)\b"
)
# Towns a road or a train runs between or towards: "the road linking Aden to Taizz", "a train
# from Kaduna to Abuja", "route 11, that heads to Pilcomayo" (role "road" too)
_ROAD_BEFORE = regexes.compile(
    r"\b(?:roads?|routes?|highways?|railways?|rail lines?|trains?)\b[^.;()]{0,30}?\b"
    r"(?:linking|connecting|heads? to|heading (?:to|towards)|leads? to|leading to|from|between)"
    r"\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,3}?(?:(?:to|and)\s+(?:the\s+)?)?$"
)
_LAUNCHER_FROM = regexes.compile(
    r"(?:helicopters?|drones?|missiles?|rockets?|jets?|aircraft|planes?|forces|troops"
    r"|fighters|militants|gunmen|balloons?)\s+from\s+$",
    re.IGNORECASE,
)

GROUPS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (regexes.compile(rf"\b(?:{pattern})\b"), name)
    for pattern, name in (
        (r"Islamic State|ISIS|ISIL|Isil|IS|Daesh|Da'esh", "Islamic State"),
        (r"Hamas", "Hamas"),
        (r"Hezbollah|Hizbollah|Hizbullah", "Hezbollah"),
        (r"Houthis?|Huthis?|Ansar Allah", "Houthis"),
        (r"[Aa]l[- ]Shabaa?b", "al-Shabaab"),
        (r"Boko Haram", "Boko Haram"),
        (r"Taliban", "Taliban"),
        (r"RSF|Rapid Support Forces", "Rapid Support Forces"),
        (r"SAF|Sudanese Armed Forces", "Sudanese Armed Forces"),
        (r"Wagner(?: Group)?", "Wagner Group"),
        (r"PKK", "PKK"),
        (r"YPG", "YPG"),
        (r"SDF|Syrian Democratic Forces", "Syrian Democratic Forces"),
        (r"HTS|Hayat Tahrir al-Sham", "Hayat Tahrir al-Sham"),
        (r"[Aa]l-Qa[e']?ida", "al-Qaeda"),
        (r"(?:al-)?Nusra(?: Front)?", "al-Nusra Front"),
        (r"IDF|Israel Defen[cs]e Forces", "Israel"),
        (r"LNA|Libyan National Army", "Libyan National Army"),
        (r"M23", "M23"),
        (r"JNIM", "JNIM"),
        (r"ISWAP", "ISWAP"),
        (r"Free Syrian Army|FSA", "Free Syrian Army"),
        (r"Janjaweed", "Janjaweed"),
        (r"Popular Mobili[sz]ation Forces|PMF|Hashd al-Shaabi", "Popular Mobilization Forces"),
        (r"Kurdish (?:forces|fighters|militia)|Peshmerga", "Kurdish forces"),
        (r"NATO", "NATO"),
        (r"Arakan Army", "Arakan Army"),
        (r"Kachin Independence Army", "Kachin Independence Army"),
        (r"Ta'ang National Liberation Army|TNLA", "Ta'ang National Liberation Army"),
        (r"Myanmar National Democratic Alliance Army|MNDAA", "MNDAA"),
        (r"People's Defen[cs]e Forces?|PDF", "People's Defence Force"),
        (r"Allied Democratic Forces", "Allied Democratic Forces"),
        (r"CODECO", "CODECO"),
        (r"Fano", "Fano"),
        (r"SPLM-N", "SPLM-N"),
        (r"Tehreek-e-Taliban Pakistan|TTP|Pakistani Taliban", "Pakistani Taliban"),
        (r"Balo?u?ch(?:istan)? Liberation Army|BLA", "Baloch Liberation Army"),
        (r"Jaish al-Adl", "Jaish al-Adl"),
        (r"Lashkar-e-Tayy?iba|Jaish-e-Mohammed", "Lashkar-e-Taiba"),
        (r"ELN", "ELN"),
        (r"FARC", "FARC"),
        (r"Gran Grif", "Gran Grif"),
        (r"Viv Ansanm", "Viv Ansanm"),
        (r"Sinaloa [Cc]artel", "Sinaloa Cartel"),
        (r"Jalisco New Generation Cartel|CJNG", "Jalisco New Generation Cartel"),
        (r"Islamic Jihad", "Islamic Jihad"),
        (r"Ambazonian? (?:separatists|fighters)", "Ambazonian separatists"),
    )
)
# All groups in one pass: one alternative per group, the name found by the one that matched
# (every name opens with a capital or "al-": other positions are ruled out at once)
_ANY_GROUP = regexes.compile(
    r"(?=[A-Z]|al-)(?:"
    + "|".join(f"(?P<g{i}>{p.pattern})" for i, (p, _) in enumerate(GROUPS))
    + ")"
)


def _groups_in(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of each named group in ``text``, in text order."""
    return [
        (m.start(), m.end(), GROUPS[int(m.lastgroup[1:])][1])
        for m in _ANY_GROUP.finditer(text)
        if m.lastgroup is not None
    ]


_GENERIC_ACTOR = regexes.compile(
    r"\b(?:(?:[\w]+-(?:led|backed|aligned|government|Russian|Western)|pro-[\w]+|rival|armed"
    r"|government|opposition|Islamist|security|paramilitary)\s+)?(?:forces|troops|army|militants"
    r"|rebels|insurgents|fighters|jihadists|separatists|gunmen|militia(?:s|men)?|police"
    r"|protesters|demonstrators|rioters|coalition|soldiers)\b",
    re.IGNORECASE,
)
_SPEECH = (
    r"said|says|say|claimed|claims|claim|reported|reports|report|told|announced|alleged|alleges"
    r"|confirmed|stated|added|accused|insisted|wrote|tweeted|posted"
)
_CLAIM_PATTERNS = (
    regexes.compile(r"\baccording to (?P<who>[^,.;:“”\"]{2,60})"),
    regexes.compile(
        r"^(?:(?:However|But|And|Meanwhile|Separately),\s+)?"
        rf"(?P<who>(?:[\w’'-]+\s+){{0,5}}?[\w’'-]+)\s+(?:(?:has|have|had|also|later|earlier)\s+)*"
        rf"(?:{_SPEECH})\b"
    ),
    regexes.compile(
        rf",\s+(?P<who>[^,;:]{{2,60}}?)\s+(?:(?:has|have|had)\s+)?(?:{_SPEECH})"
        r"(?:\s+(?:on\s+)?[A-Za-z]+)?[.!]?[”\"]?\s*$"
    ),
    regexes.compile(
        rf",\s+(?:and|but|while)\s+(?P<who>(?:[\w’'-]+\s+){{0,4}}?[\w’'-]+)\s+"
        rf"(?:(?:has|have|had)\s+)?(?:{_SPEECH})\b"
    ),
    regexes.compile(rf"[,”\"]\s*(?:{_SPEECH})\s+(?P<who>[^,;:]{{2,60}}?)[.!]?\s*$"),
    regexes.compile(
        rf",\s+(?P<who>[^,;:]{{2,60}}?)\s+(?:(?:has|have|had)\s+)?(?:{_SPEECH})"
        r"(?:\s+(?:on\s+)?[A-Z][a-z]+)?\s*,"
    ),
)
_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "you", "who", "this", "that", "there"])
_TEMPORAL_TAIL = regexes.compile(
    r"\s+(?:on|in|last|this|earlier|late|early)\s+(?:[A-Z]\w+|\d+|the\s+\w+)(?:\s+\d+)?$"
)


@dataclass(slots=True)
class Mention:
    """A toponym as used in one sentence; ``start``/``end`` are offsets in the sentence."""

    toponym: Toponym
    start: int
    end: int
    role: str
    group: int
    clause: int
    near: bool = False
    level: str | None = None  # "admin1" for "Belgorod region", "admin2" for "X district"
    own_role: str | None = None  # the role an "owner" had from the words before it

    @property
    def is_demonym(self) -> bool:
        """ "Turkish", "Russian": an adjective form of a country or region name."""
        mention, name = _plain(self.toponym.mention), _plain(self.toponym.name)
        return (
            mention.casefold() != name.casefold()
            and not name.casefold().startswith(mention.casefold())
            and self.toponym.feature_class in {"country", "region", "admin1"}
            and len(mention) > 3
            and " " not in mention
            and "-" not in mention
            and bool(_DEMONYM_END.search(mention.casefold()))
        )

    @property
    def actor_name(self) -> str:
        """The actor this mention names: the country's own name for a country ("U.S.",
        "American" and "the US" are all "United States") or a demonym, else the mention."""
        if self.is_demonym or self.toponym.feature_class == "country":
            return self.toponym.name
        return canonical_actor(self.toponym.mention)


def _plain(name: str) -> str:
    """``name`` without accents ("Baghlān" is "Baghlan": the same word, no demonym)."""
    if name.isascii():
        return name
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def clause_bounds(sentence: str) -> list[tuple[int, int]]:
    """Clauses of a sentence as (start, end) offsets, split at conjunctions and punctuation
    that usually open a new clause ("but", "while", ", which", ";", " – ")."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for m in _CLAUSE_BREAK.finditer(sentence):
        if m.end() > start:
            bounds.append((start, m.end()))
            start = m.end()
    bounds.append((start, len(sentence)))
    return [(s, e) for s, e in bounds if e > s]


def clause_of(bounds: list[tuple[int, int]], offset: int) -> int:
    """Index of the clause holding ``offset``."""
    for i, (start, end) in enumerate(bounds):
        if start <= offset < end:
            return i
    return len(bounds) - 1


def _before_owner(tokens: list[str], i: int) -> int:
    """The index of the token before the owner whose possessive is ``tokens[i]`` ("in Mon
    State's", "in Sagaing region's": the index of "in")."""
    i -= 1
    while i >= 0 and tokens[i][:1].isupper() and not tokens[i].endswith(("'s", "’s")):
        i -= 1
    return i


def _walk_back(prefix: str) -> tuple[str, bool]:
    """The role a mention gets from the words before it in its clause, and a near flag."""
    tokens = _TOKEN.findall(prefix)
    unknown = 0
    near = False
    listed = False
    i = len(tokens) - 1
    while i >= 0 and len(tokens) - i <= 14:
        skipped = _skip_back(tokens, i, listed)
        if skipped is not None:
            i, listed = skipped
            continue
        listed = False
        word = tokens[i].lower()
        if word in {"km", "kilometres", "kilometers", "miles"}:
            near = True
        role = _role_word(tokens, i, near)
        if role is not None:
            return role
        if word in _FILLER or word.isdigit() or word in _ARTICLE_TOKENS:
            i -= 1
            continue
        if word.isalpha() and word == tokens[i] and unknown < 2:
            unknown += 1
            i -= 1
            continue
        break
    return "none", False


def _skip_back(tokens: list[str], i: int, listed: bool) -> tuple[int, bool] | None:
    """Where the walk of ``_walk_back`` goes on when ``tokens[i]`` only lists, owns or
    describes the mention, and whether it is inside a list of names; None when the token
    may decide the role."""
    word = tokens[i].lower()
    previous = tokens[i - 1].lower() if i > 0 else ""
    if word in {",", "and", "or"} and i > 0 and tokens[i - 1][:1].isupper():
        return i - 1, True  # "including Zafaraneh, Rastan": an unresolved name in a list
    if listed and tokens[i][:1].isupper():
        return i - 1, True
    possessive = tokens[i].endswith(("'s", "’s"))
    if tokens[i][:1].isupper() and (
        possessive or _DEMONYM_END.search(tokens[i]) or _before_place_noun(tokens, i)
    ):
        # "Russia's Kursk region", "the Saudi city of Jizan", "the West Bank city"
        return (_before_owner(tokens, i) if possessive else i - 1), False
    if i > 0 and word[:-2] in _OWNING_UNITS and possessive and tokens[i - 1][:1].isupper():
        return _before_owner(tokens, i), False  # "Sagaing region's Budalin township"
    if word == "of" and previous in _COMPASS and i > 1 and tokens[i - 2].lower() == "the":
        return i - 2, False  # "in the north of X"
    if word == "nearby" and i + 1 < len(tokens) and tokens[i + 1].lower() in _PLACE_NOUNS:
        return i - 1, False  # "the nearby town of Hinche" is Hinche
    return None


def _role_word(tokens: list[str], i: int, near: bool) -> tuple[str, bool] | None:
    """The role and near flag ``tokens[i]`` gives the mention after it, or None."""
    word = tokens[i].lower()
    previous = tokens[i - 1].lower() if i > 0 else ""
    if word == "of" and previous in _COMPASS:
        return "near", True  # "north of X"
    if word in _NEAR or (word == "to" and previous == "close") or word == "off":
        return "near", True  # "near X", "close to X", "off the coast of X"
    if word == "from" or (word == "of" and previous == "out"):
        return ("near", True) if near else ("source", False)
    if word in _LOCATIVE:
        return ("source", False) if _from_before(tokens, i) else ("in", near)
    if word in {"to", "towards", "toward"}:
        # "waiting for a train to Peshawar": where it was going
        return ("route", False) if previous in _ROUTES else ("direction", near)
    if word == "by":
        return "agent", False
    if word in _LIST or (word == "as" and previous == "such") or word in _OBJECT_VERBS:
        return "object", near
    return None


def _without_tail(gap: str) -> str:
    """The words between two places less what only describes the first: " air base in the
    Negev desert and a school in" is " and a school in"."""
    m = re.search(r"\s(?:and|or|as well as)\s", gap)
    return gap[m.start() :] if m else gap


def _before_place_noun(tokens: list[str], i: int) -> bool:
    """Whether the capitalised words from ``tokens[i]`` on lead to a place noun ("West Bank
    city of", "Kursk region")."""
    j = i + 1
    while j < len(tokens) and tokens[j][:1].isupper():
        j += 1
    return j < len(tokens) and tokens[j].lower() in _PLACE_NOUNS


def _from_before(tokens: list[str], i: int) -> bool:
    """True for "from warships in the Caspian Sea": "from" a few lower-case words back; not
    for people taken from where they live ("taxes from residents in the village of X")."""
    for j in range(i - 1, max(-1, i - 4), -1):
        word = tokens[j]
        if word.lower() == "from":
            return not any(w.lower() in _RESIDENTS for w in tokens[j + 1 : i])
        if not word.isalpha() or word != word.lower():
            return False
    return False


def mentions_in(
    sentence: str, offset: int, toponyms: list[Toponym], bounds: list[tuple[int, int]]
) -> list[Mention]:
    """The toponyms of a sentence (``offset`` = its start in the text) with their roles."""
    mentions: list[Mention] = []
    group = -1
    for t in toponyms:
        start, end = t.start - offset, t.end - offset
        if start < 0 or end > len(sentence):
            continue
        clause = clause_of(bounds, start)
        previous = mentions[-1] if mentions else None
        after = sentence[end:]
        if (
            previous is not None
            and (
                (previous.clause == clause and _COORD.match(sentence[previous.end : start]))
                # the container of an origin is the origin: "citizens from Redeyef (Gafsa)"
                or (
                    previous.role == "source"
                    and _OPENING_BRACKET.fullmatch(sentence[previous.end : start])
                )
            )
        ):
            role, near = previous.role, previous.near
        else:
            group += 1
            prefix_start = max(bounds[clause][0], start - 200)  # the walk stops in 14 words
            role, near = _walk_back(sentence[prefix_start:start])
            if (
                previous is not None
                and previous.clause == clause
                and {role, previous.role} <= {"in", "near", "object"}
                and role != "object"
                and _COORD_PREP.match(_without_tail(sentence[previous.end : start]))
            ):
                group -= 1
        mention = Mention(t, start, end, role, group, clause, near)
        if _ADMIN1_AFTER.match(after):
            mention.level = "admin1"
        elif _ADMIN2_AFTER.match(after):
            mention.level = "admin2"
        if t.feature_class == "country" and (
            _BORDER_AFTER.match(after) or _BORDER_BEFORE.search(sentence, 0, start)
        ):
            mention.role = "border"
        elif _GEO_AFTER.match(after):
            mention.role = role if role in {"source", "direction"} else "in"
        elif _PLACE_OF_AFTER.match(after) or _CONTAINER_AFTER.match(after):
            # "the Saudi city of Jizan", "Tripoli's Souq district": the inner place is the
            # place, unless the gazetteer did not place it (see _restore_owners)
            mention.role = "owner"
            mention.own_role = role
        elif _FACILITY_AFTER.match(after) and role in PLACE_ROLES:
            pass  # "struck Port Sudan's airport": the town is where it happened
        elif re.match(r"^\s*['’]s\b", after):
            mention.role = "agent" if _AGENT_AFTER.match(after) else "owner"
        elif _EVENT_NOUN_AFTER.match(after) and role not in PLACE_ROLES:
            mention.role = "agent" if mention.is_demonym else "modifier"
        elif _AGENT_AFTER.match(after):
            mention.role = "agent"
        elif _SPEAKER_AFTER.match(after) and role not in PLACE_ROLES:
            mention.role = "speaker"
        elif _ATTRIBUTIVE_AFTER.match(after) and role in PLACE_ROLES:
            mention.role = "attributive"
        elif _ROAD_AFTER.match(after) or _ROAD_BEFORE.search(sentence[max(0, start - 80) : start]):
            mention.role = "road"
        elif (
            _TOWN_NOUN_AFTER.match(after)
            and t.feature_class in {"admin1", "admin2", "region"}
            and any(
                m.toponym.feature_class in {"city", "village"}
                and m.toponym.country_code == t.country_code
                for m in mentions
            )
        ):
            mention.role = "none"  # "struck Port Sudan ..., the Red Sea city": the town told
        elif re.match(r"^\s+[a-z]", after) and mention.is_demonym:
            mention.role = "none"
        if mention.role != role and previous is not None and previous.group == group:
            group += 1
            mention.group = group
        mentions.append(mention)
    _restore_owners(mentions)
    _spread_levels(mentions)
    return mentions


# "other" is a neighbourhood, camp or site: inside the town named with it
_SIZE = {"other": -1, "admin2": 1, "admin1": 2, "region": 3, "country": 4}


def _restore_owners(mentions: list[Mention]) -> None:
    """An owner ("Tripoli's ... district") whose inner place got no place role of its own
    is the place after all."""
    for i, m in enumerate(mentions):
        if m.role != "owner" or m.own_role not in PLACE_ROLES:
            continue
        inner = mentions[i + 1] if i + 1 < len(mentions) else None
        if inner is not None and _SIZE.get(inner.toponym.feature_class, 0) > _SIZE.get(
            m.toponym.feature_class, 0
        ):
            # "the Bannu district of Khyber Pakhtunkhwa": the wider one is the container
            m.role, inner.role = m.own_role, "owner"
            continue
        placed = PLACE_ROLES | {"source", "owner"}
        if inner is None or inner.start - m.end > 60 or inner.role not in placed:
            m.role = m.own_role


def _spread_levels(mentions: list[Mention]) -> None:
    """ "Idlib and Aleppo provinces": the level noun after a group applies to all of it."""
    for m in reversed(mentions):
        if m.level is None:
            continue
        for other in mentions:
            if other.group == m.group and other.start < m.start and other.level is None:
                other.level = m.level


_SPEAKER_ITSELF = regexes.compile(r"^\s*(?:on \w+\s+)?(?:that\s+)?(?:it|they|we)\s+", re.IGNORECASE)
_PASSIVE_WORDS = regexes.compile(r"\b(?:been|being|was|were|is|are|came under)\b", re.IGNORECASE)
_OWN_UNITS = regexes.compile(r"^\s*(?:that\s+)?(?:its|their|our)\s+", re.IGNORECASE)
_ALLIED = regexes.compile(
    r"^(?:\s+[\w-]+){0,3}?\s+(?:and|together with|along with)\s+(?:their\s+|its\s+)?$"
)
_TARGETED = regexes.compile(
    r"(?:target\w*|against|attack\w*|hit|struck|on|at|bomb\w*|fight\w*|of|with|from)\s+"
    r"(?:the\s+)?(?:so-called\s+)?(?:rival\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A possible actor: ``rank`` 2 for named groups and places, 1 for generic nouns."""

    rank: int
    start: int
    name: str


def _actor_candidates(text: str, mentions: list[Mention]) -> list[_Candidate]:
    """Named armed groups and generic actors ("rebels") in ``text``; ``mentions`` have
    offsets into ``text``.

    Groups that are the object of an attack ("targeting ISIS") are left out. A generic noun
    right after a group or place ("Hamas fighters", "Russian drones") adds nothing; one that
    starts with a place ("Saudi-led coalition") ranks with the named ones.
    """
    groups = _groups_in(text)
    named = [
        _Candidate(2, start, name)
        for start, _, name in groups
        if not _TARGETED.search(text[:start])
    ]
    ends = [end for _, end, _ in groups]
    ends += [m.end for m in mentions]
    starts = {m.start for m in mentions}
    generic = []
    for m in _GENERIC_ACTOR.finditer(text):
        if _TARGETED.search(text[: m.start()]):
            continue
        if any(0 <= m.start() - end <= 2 for end in ends):
            continue
        if any(
            0 <= m.start() - end <= 6 and text[end : m.start()].strip() == "and" for end in ends
        ):
            continue
        generic.append(_Candidate(2 if m.start() in starts else 1, m.start(), m.group(0)))
    return named + generic


def find_actor(
    sentence: str,
    clause: tuple[int, int],
    trigger_start: int,
    trigger_end: int,
    mentions: list[Mention],
    places: Sequence[Mention] = (),
) -> str | None:
    """Who did it.

    A passive agent after the trigger ("by Russian jets") first; else, before the trigger in
    its clause and after any speech verb (the speaker is not the actor), the nearest named
    group or agent-like mention ("Russian warplanes", "Russia has launched"), and failing
    those the nearest generic actor ("rebels").
    """
    after = sentence[trigger_end : clause[1]]
    by = re.match(r"^(?:\s*[\w’'-]+){0,5}?\s+by\s+", after)
    if by:
        agent_start = trigger_end + by.end()
        for m in mentions:
            if agent_start <= m.start <= agent_start + 4:  # "by Russian jets", "by the US"
                return m.actor_name
        window = sentence[agent_start : agent_start + 40]
        found = [c for c in _actor_candidates(window, []) if c.start < 12]
        if found:
            return min(found, key=lambda c: (-c.rank, c.start)).name
    start = clause[0]
    speech = list(SPEECH_BETWEEN.finditer(sentence, clause[0], trigger_start))
    if speech:
        start = speech[-1].end()
    before = sentence[start:trigger_start]
    candidates: list[_Candidate] = []
    for m in mentions:
        if m in places or not start <= m.start < trigger_start:
            continue
        if m.role == "source" and _LAUNCHER_FROM.search(sentence[clause[0] : m.start]):
            return m.actor_name  # "a helicopter from Belarus"
        # a subject: near the trigger, or opening the clause ("Azerbaijan launched ...,
        # shelling Stepanakert")
        close = trigger_start - m.end <= 60 or not sentence[clause[0] : m.start].strip()
        if m.role in {"agent", "modifier"} or (m.role == "none" and close):
            candidates.append(_Candidate(2, m.start - start, m.actor_name))
    shifted = [
        Mention(m.toponym, m.start - start, m.end - start, m.role, m.group, m.clause)
        for m in mentions
    ]
    active = speech and not _PASSIVE_WORDS.search(before)  # not "it had been attacked"
    if active and _SPEAKER_ITSELF.match(before):
        # "Hezbollah said it had fired...", "the army said it had recaptured...": the speaker
        named = [
            c
            for c in _actor_candidates(sentence[clause[0] : speech[-1].start()], [])
            if c.rank == 2
        ]
        speaker = [
            m
            for m in mentions
            if clause[0] <= m.start < speech[-1].start() and m.role in {"agent", "owner", "none"}
        ]
        if named:
            return max(named, key=lambda c: c.start).name
        if speaker:
            return speaker[-1].actor_name
    if active and _OWN_UNITS.match(before):
        # "Sudan's army said its warplanes struck...": the speaker's side
        speaker = [
            m
            for m in mentions
            if clause[0] <= m.start < speech[-1].start() and m.role in {"agent", "owner", "none"}
        ]
        if speaker:
            return speaker[-1].actor_name
    candidates += _actor_candidates(before, shifted)
    if not candidates:
        return None
    best = max(candidates, key=lambda c: (c.rank, c.start, len(c.name)))
    return _with_allies(sentence, start, best, candidates, mentions)


def _with_allies(
    sentence: str,
    start: int,
    best: _Candidate,
    candidates: list[_Candidate],
    mentions: list[Mention],
) -> str:
    """The actor, and the one coordinated before it: "The United States and Britain",
    "Syrian government forces and their Russian allies"."""
    by_start = {m.start - start: m for m in mentions}
    chosen = by_start.get(best.start)
    if chosen is None:
        return best.name
    earlier = [
        c
        for c in candidates
        if c.start < best.start and c.rank == 2 and c.start in by_start and c.name != best.name
    ]
    if not earlier:
        return best.name
    ally = by_start[max(c.start for c in earlier)]
    if not _ALLIED.match(sentence[ally.end : chosen.start]):
        return best.name
    return f"{ally.actor_name} and {best.name}"


_TARGET_NOUNS = (
    r"buildings?|blocks?|hospitals?|clinics?|markets?|schools?|houses?|homes?|camps?|convoys?"
    r"|checkpoints?|bases?|positions|hideouts?|infrastructure|facilit(?:y|ies)|depots?"
    r"|refiner(?:y|ies)|stations?|bridges?|airports?|airfields?|mosques?|church(?:es)?"
    r"|shelters?|ships?|vessels?|tankers?|targets?|fighters|militants|troops|soldiers"
    r"|civilians|protesters|crowds?|gatherings?|weddings?|funerals?|plants?|substations?|dams?"
    r"|hotels?|offices?|headquarters|compounds?|cars?|vehicles?|bus(?:es)?|trains?|trucks?"
    r"|warehouses?|factor(?:y|ies)|centres?|centers?|malls?|baker(?:y|ies)|universit(?:y|ies)"
    r"|residential areas?|grid|installations?|barracks|outposts?|strongholds?|tunnels?"
    r"|launchers?|arsenals?|command posts?|power lines"
)
_TARGET_AFTER = regexes.compile(
    r"^\s+(?:(?:on|against|at|targeting|into|upon)\s+)?(?:(?:a|an|the|its|their|his|her|several"
    r"|two|three|four|five|multiple|dozens of|so-called)\s+)*"
    rf"(?P<t>(?:[\w’'-]+\s+){{0,3}}?(?:{_TARGET_NOUNS}))\b",
    re.IGNORECASE,
)


def find_target(
    sentence: str, trigger_end: int, clause_end: int, mentions: list[Mention]
) -> str | None:
    """What was hit, where the clause says it right after the trigger: "a residential
    building", "militant hideouts", "ISIS" (a named group is given its usual name)."""
    after = sentence[trigger_end:clause_end]
    group = re.match(r"^\s+(?:(?:on|against|at|targeting)\s+)?(?:the\s+)?(?:so-called\s+)?", after)
    rest = after[group.end() :] if group else after
    named = _ANY_GROUP.match(rest)
    if named is not None and named.lastgroup is not None:
        return GROUPS[int(named.lastgroup[1:])][1]
    m = _TARGET_AFTER.match(after)
    if not m:
        return None
    start, end = trigger_end + m.start("t"), trigger_end + m.end("t")
    if any(start < x.end and x.start < end for x in mentions):
        return None
    return m.group("t")


def find_claimant(sentence: str) -> str | None:
    """Who the sentence says claims it ("activists said", "according to the UN"), or None."""
    for pattern in _CLAIM_PATTERNS:
        m = pattern.search(sentence)
        if not m:
            continue
        who = _TEMPORAL_TAIL.sub("", m.group("who").strip(" “”\"'"))
        who = re.sub(r"^(?:the|The|a|A|an|An|and|but|But|However,?)\s+", "", who).strip()
        if not who or who.lower() in _PRONOUNS or len(who.split()) > 6:
            continue
        if who.split()[0].lower() in _PRONOUNS:
            continue
        return who
    return None


_ANAPHORIC = regexes.compile(
    r"\b(?:the|these|those)\s+(?:group|groups|rebels|militants|militia|militiamen|insurgents"
    r"|jihadists|fighters|movement|organi[sz]ation|gang|assailants|attackers|gunmen)\b"
    r"|\bthey\b(?=(?:\s+[\w’'-]+){0,3}\s*$)",
    re.IGNORECASE,
)


def last_named_actor(text: str) -> str | None:
    """The named armed group mentioned last in ``text`` ("M23 rebels ...": "M23"), or None."""
    found = [name for start, _, name in _groups_in(text) if not _TARGETED.search(text[:start])]
    return found[-1] if found else None


def is_named(actor: str | None) -> bool:
    """Whether ``actor`` names someone ("M23", "Russia"), not a generic noun ("rebels")."""
    return actor is not None and not _GENERIC_ACTOR.fullmatch(
        re.sub(r"^the\s+", "", actor, count=1)
    )


def anaphoric_actor(before: str, actor: str | None, story_actor: str | None) -> str | None:
    """The actor, or the story's last named one when the clause (``before`` runs from the
    clause start to the trigger) names its subject only as "they", "the group" or "the
    rebels" and no one else is named."""
    if story_actor is None or is_named(actor):
        return actor
    found = list(_ANAPHORIC.finditer(before))
    if not found:
        return actor
    m = found[-1]
    if actor is not None and actor.lower() not in m.group(0).lower():
        return actor  # "the army said they ..."
    return story_actor


EVENT_ROLES = PLACE_ROLES | {"owner"}
FINENESS: dict[str, int] = {
    "city": 0, "village": 0, "other": 0, "admin2": 1, "water": 2, "region": 3, "admin1": 3,
    "country": 4,
}  # fmt: skip


def fineness(place: Toponym) -> int:
    """0 for a town or site, 1 a district, 2 water, 3 a region or province, 4 a country."""
    return FINENESS.get(place.feature_class, 4)


def stated_containers(sentence: str, mentions: list[Mention]) -> list[tuple[int, int]]:
    """The spans (sentence offsets) the sentence names as containers of a town or district
    it also names: "Herat" in "Gulran district, Herat", "Katsina" in "Faskari LGA
    (Katsina)", "Aleppo" in "in Jarablus in Aleppo" and "in Bara in the southern
    countryside of Idleb". A container of a name the gazetteer lacks, or of a country
    ("western Yemen (Hays, Al Hudaydah)"), is no such container: it is the finest place."""
    local = [m for m in mentions if fineness(m.toponym) <= 1]
    pairs = [(s.child, span) for s in find_statements(sentence) for span in s.containers]
    ordered = sorted(mentions, key=lambda m: m.start)
    pairs += [
        ((inner.start, inner.end), (outer.start, outer.end))
        for inner, outer in pairwise(ordered)
        if IN_CONTAINER.fullmatch(sentence, inner.end, outer.start)
    ]
    return [outer for child, outer in pairs if any(_overlaps(m, child) for m in local)]


def _overlaps(m: Mention, span: tuple[int, int]) -> bool:
    return m.start < span[1] and span[0] < m.end


def is_container(m: Mention, containers: list[tuple[int, int]]) -> bool:
    return any(_overlaps(m, span) for span in containers)


# What joins two places of one list: a comma or "and", after the first one's container in
# brackets ("the Nihm (Nihm, Sanaa) and Sirwah (Sirwah, Marib) frontlines"), before the part
# of the next one; "or" leaves the place open, "between A and B" and "from A to B" name one
# stretch of road. A unit noun may follow a listed name, before its brackets ("the fronts of
# Jabal al Kirsh front (Al Qabbaytah, Lahij) and Bab Ghaliq").
_UNIT_NOUN = (
    r"(?:\s+(?:front|frontline|area|village|town|city|district|sub-district|commune|camp"
    r"|neighbou?rhood|LGA|woreda|locality))?"
)
_LIST_GAP = regexes.compile(
    rf"{_UNIT_NOUN}(?:\s*\([^()]{{1,80}}\))?(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?"
    # "in the countryside of Al-Raqqah and the southern countryside of Al-Hasakah"
    r"(?:(?:[a-z-]+\s+){0,2}?(?:countryside|outskirts|suburbs|vicinity|north|south|east|west)"
    r"\s+of\s+(?:the\s+)?)?"
)
_OPEN_BRACKET = regexes.compile(rf"{_UNIT_NOUN}\s*\([^()]*")
_STRETCH_BEFORE = regexes.compile(r"\b(?:between|from)\s+(?:the\s+)?$", re.IGNORECASE)


def listed_places(sentence: str, mentions: list[Mention], first: Mention) -> list[Mention]:
    """``first`` and the places listed after it as places of the same event: as fine as it
    (towns and districts alike), in its country, each joined to the one before by a comma
    or "and" ("shelling hit Kafr Nabl, Hass and Kafr Sajna": all three); not a container
    ("in Gulran district, Herat"), nor a place named inside the brackets that follow one,
    nor the other end of a stretch ("clashes between Kafr Nabl and Hass": Kafr Nabl)."""
    if _STRETCH_BEFORE.search(sentence, 0, first.start):
        return [first]
    containers = stated_containers(sentence, mentions)
    listed = [first]
    for m in sorted(mentions, key=lambda m: m.start):
        last = listed[-1]
        if m.start < last.end or is_container(m, containers):
            continue
        if _OPEN_BRACKET.fullmatch(sentence, last.end, m.start):
            continue
        if not (
            _LIST_GAP.fullmatch(sentence, last.end, m.start)
            and (m.role in EVENT_ROLES or m.role == "none")
            and max(fineness(m.toponym), 1) == max(fineness(first.toponym), 1)
            and m.toponym.country_code == first.toponym.country_code
        ):
            break
        if all((p.toponym.lon, p.toponym.lat) != (m.toponym.lon, m.toponym.lat) for p in listed):
            listed.append(m)
    return listed
