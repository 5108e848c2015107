"""Trigger lexicons per event type, with the ACLED event / sub-event each maps to, and the
negation and hedge cues that keep a trigger from making a confident event.

Lexicons are regular expressions over the sentence text; rules are tried in order and an
earlier rule wins a span over a later one, so specific phrases ("air strikes", "rocket fire")
come before the bare verbs ("hit", "struck") that need a weapon in the sentence to count.
Words used figuratively as often as not ("fought", "crashed", "fled") need context (armed
men, a vehicle, many people). One Aho-Corasick pass over the lower-cased sentence finds the
stems each rule needs, so only the rules that can match are run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from core import regexes
from core.document import EventType

EXPLOSIONS = "Explosions/Remote violence"
AIR = (EXPLOSIONS, "Air/drone strike")
SHELLING = (EXPLOSIONS, "Shelling/artillery/missile attack")
IED = (EXPLOSIONS, "Remote explosive/landmine/IED")
SUICIDE = (EXPLOSIONS, "Suicide bomb")
CLASH = ("Battles", "Armed clash")
NON_STATE_TAKEOVER = ("Battles", "Non-state actor overtakes territory")
GOVERNMENT_REGAINS = ("Battles", "Government regains territory")
TRANSFER = ("Strategic developments", "Non-violent transfer of territory")
ATTACK = ("Violence against civilians", "Attack")
ABDUCTION = ("Violence against civilians", "Abduction/forced disappearance")
PROTEST = ("Protests", "Peaceful protest")
RIOT = ("Riots", "Violent demonstration")
STRATEGIC_OTHER = ("Strategic developments", "Other")
NO_ACLED: tuple[str | None, str | None] = (None, None)

# The air force as a weapon, not as the branch that names its people and bases ("members of
# the Air Force Intelligence", "an air force officer"); report.toml's {air} uses it too.
AIR_FORCE = (
    r"air ?force(?! (?:intelligence|bases?|academy|college|officers?|members?|personnel|pilots?"
    r"|colonel|general|commanders?|chief|veterans?|cadets?)\b)"
)
WEAPON = regexes.compile(
    r"\b(?:war-?planes?|(?:fighter )?jets?|aircraft|"
    + AIR_FORCE
    + r"|air ?strikes?|drones?(?! ships?)"
    r"|UAVs?|missiles?|rockets?|(?-i:shells?|Shells)|shelling|artillery|mortars?|bombs?|bombing"
    r"|bombers?|helicopters?|gunships?|munitions|projectiles|barrages?|Shahed|HIMARS|strikes?"
    r"|air attacks?)\b",
    re.IGNORECASE,
)
_AERIAL = regexes.compile(
    r"\b(?:war-?planes?|jets?|aircraft|" + AIR_FORCE + r"|air ?strikes?|air ?raids?|drones?|UAVs?"
    r"|helicopters?|gunships?|bombers?|bombs?|bombing|Shahed)\b",
    re.IGNORECASE,
)
_GROUND = regexes.compile(
    r"\b(?:missiles?|rockets?|shells?|shelling|artillery|mortars?|projectiles|barrages?"
    r"|HIMARS|Grad|howitzers?|tanks?)\b",
    re.IGNORECASE,
)
# "summoned the envoy to protest against...": a diplomatic protest, not a demonstration
_DIPLOMATIC = regexes.compile(
    r"\b(?:summon\w*|envoys?|ambassadors?|diplomat\w*|lodged|formal protest|protest note)\b",
    re.IGNORECASE,
)
_VOLCANO = regexes.compile(r"\b(?:volcano\w*|Mount|Mt\.?|lava|ash|crater|magma)\b", re.IGNORECASE)
# Spaceflight: its rockets and drone ships are no weapons
_SPACEFLIGHT = regexes.compile(
    r"\b(?:satellites?|lift-?off|launch ?pad|orbit\w*|boosters?|payloads?|rocket launch\w*"
    r"|spacecraft|astronauts?|first stage|space (?:agency|station|programme|program))\b",
    re.IGNORECASE,
)
# Context some triggers need in their sentence: armed men, war or harm ("fighting",
# "fought", "attacked" are often figurative); a vehicle for "crashed"; many people for
# "fled".
CONFLICT = regexes.compile(
    r"\b(?:fighters|forces|troops|rebels?|militants|army|soldiers|jihadists?|insurgents"
    r"|militias?|militiamen|gunmen|tanks|paratroopers|marines|separatists|guerrillas|military"
    r"|war|offensive|front ?lines?|shelling|artillery|gunfire|weapons?|armed|erupt\w*"
    r"|broke out|rag(?:ed|ing)|intensif\w*|fierce|heavy|killed|killing|wounded|injured|dead"
    r"|deaths?|casualties|police|security|Taliban|Hamas|Hezbollah|Houthis?|Islamic State"
    r"|al[- ]Shabaa?b|Boko Haram|Wagner|al-Qaeda|jihad\w*)\b"
    r"|(?-i:\b(?:IS|ISIS|ISIL|IDF|RSF|SAF|HTS|PKK|YPG|SDF|M23|JNIM|ISWAP)\b)",
    re.IGNORECASE,
)
# War told in a sentence: armed men, harm, the aircraft that bomb or what they bomb
_AT_WAR = regexes.compile(
    rf"{CONFLICT.pattern}|\b(?:war-?planes?|jets?|aircraft|air ?force|helicopters?|gunships?"
    r"|bombers?|drones?|UAVs?|targets?|positions|bases?|hideouts?)\b",
    re.IGNORECASE,
)
# Forces on the move: "a Turkish convoy entered Idlib", "reinforcements entered the city"
_MOVEMENT = regexes.compile(
    r"\b(?:convoys?|columns?|patrols?|reinforcements)\b(?:\s+[\w’'-]+,?){0,10}?\s+"
    r"(?:entered|advanced into|pushed into|swept into)\b",
    re.IGNORECASE,
)
# Men who take a town by entering it (a convoy or a delegation does not)
_FIGHTERS = regexes.compile(
    r"\b(?:rebels?|fighters|militants|insurgents|jihadists?|militias?|militiamen|gunmen|troops"
    r"|forces|soldiers|army|separatists|guerrillas|paratroopers|Taliban|Hamas|Hezbollah"
    r"|Houthis?|Islamic State|al[- ]Shabaa?b|Boko Haram|Wagner)\b"
    r"|(?-i:\b(?:IS|ISIS|ISIL|RSF|HTS|M23|JNIM|ISWAP)\b)",
    re.IGNORECASE,
)
_VEHICLE = regexes.compile(
    r"\b(?:planes?|aircraft|airliners?|jets?|helicopters?|drones?|UAVs?|missiles?|rockets?"
    r"|cars?|(?:mini)?bus(?:es)?|trains?|trucks?|tankers?|lorr(?:y|ies)|vehicles?|boats?|ships?"
    r"|ferr(?:y|ies)"
    r"|vessels?|flights?|convoys?|balloons?|satellites?|(?:fighter-)?bombers?|Su-\d+|MiG"
    r"|F-\d+)\b",
    re.IGNORECASE,
)
# A strike by workers: a protest (ACLED "Protests"), not an attack
LABOUR_STRIKE = (
    r"\b(?:go|goes|went|gone|going|are|were|was|is|been|be|remain\w*|stay\w*) on strike\b"
    r"|\b(?:general|labou?r|national|nationwide|indefinite|hunger|workers['’]?|teachers['’]?"
    r"|doctors['’]?|nurses['’]?|miners['’]?|truckers['’]?|drivers['’]?|dock|port|rail|transport"
    r"|protest|warning|solidarity|sympathy|sit-?down|sit-?in|wildcat"
    r"|(?:\d+|one|two|three)[- ](?:hour|day|week))[- ]strikes?\b"
    r"|\bstrike action\b|\bstrikers\b|\bwalk-?outs?\b|\bwork stoppages?\b"
    r"|\bstag(?:ed|ing|e) (?:a |an )?(?:\w+ )?strike\b"
    # workers hold, call or observe a strike; an army carries one out or calls one in
    r"|\b(?:h[eo]ld|holds|holding|call(?:s|ed|ing)?|declar(?:e|es|ed|ing)|observ(?:e|es|ed|ing))"
    r" (?:a |an |the )?strikes?\b"
)
# "The strike left trucks stranded" in a story about a labour strike
_STRIKE_NOUN = regexes.compile(r"\bstrikes?\b(?!\s+(?:on|at|against|in|near|hit))", re.IGNORECASE)
# Matches, goals and fans: "a clash watched by 40,000 fans" is a football match
_SPORT = regexes.compile(
    r"\b(?:scored|goals?|fans|league|cup|striker|midfielder|goalkeeper|stadium|tournament"
    r"|championship|derby|penalty|kick-?off|(?:semi|quarter)-?finals?|team-?mates?|matches"
    r"|match|(?:\d{1,2}|nil)-(?:\d{1,2}|nil)|rebounds?|assists|points|half-?time|innings?"
    r"|touchdowns?|quarterbacks?|playoffs?|(?:top|\d{1,2}(?:st|nd|rd|th))-ranked"
    r"|(?:first|second) half|wrestl\w+)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def is_sport(sentence: str) -> bool:
    """Whether ``sentence`` reports a game: two different words of sport ("18 points and 8
    rebounds as top-ranked Kentucky beat Tennessee", "a clash watched by 40,000 fans in the
    stadium"), where "beat", "shot" and "rally" are no violence or protest (cached: the
    trigger and report stages both ask)."""
    return len({m.group(0).lower() for m in _SPORT.finditer(sentence)}) >= 2


# Armed forces as the subject of a bare "struck": "Ukrainian forces said they had struck..."
_FORCES_STRUCK = regexes.compile(
    r"\b(?:forces|troops|army|military|navy)\b[^.;]{0,40}?\b(?:struck|hit|targeted)\b",
    re.IGNORECASE,
)
_CROWD = regexes.compile(
    r"\b(?:thousands|hundreds|dozens|families|residents|civilians|people|villagers|refugees"
    r"|population|inhabitants|survivors|millions?|women|children|communities)\b"
    r"|\b\d{1,3}(?:,\d{3})+\b",
    re.IGNORECASE,
)
# Who kills by shooting in an attack ("gunmen shot dead a candidate"), not in a battle
_ASSAILANTS = regexes.compile(
    r"\b(?:gunmen|attackers|assailants|armed men|hitmen|bandits|unidentified|unknown|masked"
    r"|militants|jihadists|insurgents|suspected)\b",
    re.IGNORECASE,
)
# What is seized, taken or stolen and is no territory ("seized motorbikes and cattle",
# "took hostages"); report.toml's {goods} uses it too
GOODS = (
    r"(?:vehicle|truck|car|motorcycle|motorbike|tricycle|bicycle|boat|canoe|weapon|gun|rifle"
    r"|cattle|cow|goat|sheep|camel|livestock|good|phone|telephone|item|belonging|equipment"
    r"|ammunition|money|cash|food|foodstuff|grain|crop|document|hostage|AK(?:-?47)?"
    r"|Kalashnikov)s?"
)
_TERRITORY_OBJECT = regexes.compile(
    r"^\s*(?:(?!(?:in|at|near|on|by|from|to|after|during|while|when|between|"
    + GOODS
    + r")\b)(?-i:[a-z])[\w’'-]*\s+)"
    r"{0,4}?(?:villages?|towns?|city|cities|areas?|territor(?:y|ies)"
    r"|districts?|regions?|provinces?|bases?|airports?|airfields?|hills?|bridges?|settlements?"
    r"|neighbou?rhoods?|positions|outposts?|bridgeheads?|checkpoints?|ports?|capital|control|parts"
    r"|swathes|prisons?|jails?|barracks|garrisons?|pockets?|enclaves?|strongholds?"
    r"|(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March"
    r"|April|May|June|July|August|September|October|November|December)\b)"
    r"(?-i:[A-Z])[\w’'-]+\b(?!\s+(?:soldiers|troops|fighters|servicemen|prisoners|citizens"
    r"|civilians|officers|nationals|sailors|pilots|men|women|children|hostages)))",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """A lexicon entry: the words that fire it and the event they make.

    ``needs_weapon``: only with a weapon word in the sentence ("hit", "struck").
    ``needs_territory``: only when a place or territory noun follows ("seized the town").
    ``requires``: only in a sentence this also matches ("rebels entered the city", a plane
    that crashed, thousands who fled: not "prices crashed", "tourists fled the heat").
    ``without_weapon``: only when no weapon is named ("explosions" after a missile attack
    are the missiles, not a bomb).
    ``unless``: never in a sentence this matches ("a Turkish convoy entered Idlib" moves
    forces, it takes no territory).
    ``stems``: lower-case strings one of which every match contains; a sentence holding
    none of them is not searched with ``pattern`` (an Aho-Corasick pass finds them all).
    """

    event_type: EventType
    acled: tuple[str | None, str | None]
    pattern: re.Pattern[str]
    needs_weapon: bool = False
    needs_territory: bool = False
    stems: tuple[str, ...] = ()
    without_weapon: bool = False
    requires: re.Pattern[str] | None = None
    unless: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    """A trigger found in a sentence; offsets are into the sentence."""

    rule: TriggerRule
    start: int
    end: int
    text: str


def _rule(
    event_type: EventType,
    acled: tuple[str | None, str | None],
    pattern: str,
    *,
    needs_weapon: bool = False,
    needs_territory: bool = False,
    stems: tuple[str, ...],
    without_weapon: bool = False,
    requires: re.Pattern[str] | None = None,
    unless: re.Pattern[str] | None = None,
) -> TriggerRule:
    return TriggerRule(
        event_type,
        acled,
        regexes.compile(pattern, re.IGNORECASE),
        needs_weapon,
        needs_territory,
        stems,
        without_weapon,
        requires,
        unless,
    )


RULES: tuple[TriggerRule, ...] = (
    _rule(
        "airspace_violation",
        STRATEGIC_OTHER,
        r"\bviolat\w*\s+(?:of\s+)?(?:[\w’'-]+\s+){0,2}?air\s?space\b"
        r"|\bair\s?space\s+(?:violations?|incursions?|breach(?:es)?)\b"
        r"|\b(?:entered|intruded into|incursions? into|breached|strayed into)\s+(?:[\w’'-]+\s+)"
        r"{0,2}?air\s?space\b",
        stems=("airspace", "air space"),
    ),
    _rule(
        "other",
        NO_ACLED,
        r"\b(?:earthquakes?|quakes?|floods|flooding|flash floods?|flood ?waters?|landslides?"
        r"|mudslides?|cyclones?"
        r"|hurricanes?|typhoons?|tornado(?:es)?|wildfires?|forest fires?|tsunamis?|avalanches?"
        r"|storms?|blizzards?|heatwaves?|(?:heavy|torrential) rains?|downpours?|tremors?"
        r"|aftershocks?"
        r"|dams? (?:to )?(?:collapsed?|burst|broke|failed)|dam (?:collapse|burst|failure)"
        r"|(?:collapsed|burst|breached) dams?|volcanic eruptions?)\b",
        # people named by a disaster they lived through are no new disaster ("victims of the
        # latest floods blocked the road to demand justice")
        unless=regexes.compile(
            r"\b(?:victims|survivors)\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:earthquakes?"
            r"|quakes?|floods?|flooding|landslides?|mudslides?|cyclones?|hurricanes?|typhoons?"
            r"|tornado(?:es)?|wildfires?|tsunamis?|storms?)\b",
            re.IGNORECASE,
        ),
        stems=(
            "quake",
            "tremor",
            "aftershock",
            "flood",
            "landslid",
            "mudslid",
            "cyclone",
            "hurricane",
            "typhoon",
            "tornado",
            "wildfire",
            "forest fire",
            "tsunami",
            "avalanche",
            "volcanic",
            "storm",
            "blizzard",
            "heatwave",
            "rain",
            "downpour",
            "dam",
        ),
    ),
    _rule(
        "other",
        NO_ACLED,
        r"\berupt(?:ed|ing|s|ion)\b",
        stems=("erupt",),
        requires=_VOLCANO,
    ),
    _rule(
        "other",
        SUICIDE,
        r"\bsuicide (?:bomb(?:ing|ings|er|ers)?|attacks?|blasts?)\b",
        stems=("suicide",),
    ),
    _rule(
        "other",
        IED,
        r"\b(?:car|truck|roadside|road-side|bicycle|motorcycle) bombs?\b|\bIEDs?\b"
        r"|\blandmines?\b|\bexplosive devices?\b|\bbomb (?:blasts?|explosions?|attacks?)\b"
        r"|\bbombs? (?:went off|exploded|detonated)\b|\bgrenade attacks?\b",
        stems=("bomb", "ied", "landmine", "explosive device", "grenade"),
    ),
    _rule(
        "other",
        IED,
        r"\b(?:explosions?|blasts?)\b|\bexploded\b|\bdetonated\b",
        stems=("explosion", "blast", "exploded", "detonated"),
        without_weapon=True,
    ),
    _rule(
        "strike",
        AIR,
        r"\bair[- ]?strikes?\b|\bair[- ]?raids?\b|\bair (?:attacks?|campaigns?|bombardment)\b"
        r"|\bbombing (?:raids?|campaigns?|runs?|missions?)\b|\bdrone (?:strikes?|attacks?)\b"
        r"|\baerial (?:bombardment|attacks?|bombing)\b"
        r"|\bdropp(?:ed|ing) (?:explosives|bombs|grenades|munitions)\b",
        stems=("air", "bomb", "drone", "aerial", "dropp"),
    ),
    # raids flown by aircraft are air strikes ("warplanes carried out raids on the depot",
    # "raids by helicopter gunships"); a raid on foot is a clash (below)
    _rule(
        "strike",
        AIR,
        r"\b(?:war-?planes?|(?:fighter )?jets|aircraft|helicopters?|gunships?|drones|UAVs"
        r"|bombers|" + AIR_FORCE + r")\s+(?:[\w-]+\s+){0,3}?raid(?:ed|s|ing)?\b"
        r"|\braids?\s+(?:by|of)\s+(?:[\w-]+\s+){0,2}?(?:war-?planes|jets|aircraft|helicopters"
        r"|gunships|drones|UAVs|bombers)\b",
        stems=("raid",),
    ),
    # "bombed" is a strike only where war is told: an album or a play that bombed is none
    _rule("strike", AIR, r"\bbomb(?:ed|ing)\b", stems=("bomb",), requires=_AT_WAR),
    _rule(
        "strike",
        SHELLING,
        r"\b(?-i:shell|[Ss]hell(?:ed|ing|s))\b|\bartillery (?:fire|strikes?|barrages?|attacks?)\b"
        r"|\bmortar (?:fire|attacks?|rounds|shells|strikes?)\b"
        r"|\brocket (?:fire|attacks?|strikes?)\b|\btank (?:fire|shells?|rounds)\b"
        r"|\bmissile (?:strikes?|attacks?|barrages?)\b|\bbombard(?:ed|ing|ment|s)\b"
        r"|\b(?:launched|fired|launches|fires|launching|firing)\s+(?:[\w-]+\s+){0,3}?"
        r"(?:missiles?|rockets?|mortars?|shells|projectiles|drones?)\b"
        r"|\b(?:missiles?|rockets?|mortars?|shells|projectiles|drones?)\s+(?:were|was|had been"
        r"|have been|being)\s+(?:fired|launched)\b",
        stems=(
            "shell",
            "tank ",
            "artillery",
            "mortar",
            "rocket",
            "missile",
            "bombard",
            "launch",
            "fire",
            "firing",
        ),
    ),
    _rule(
        "other",
        ATTACK,
        r"\b(?:set|sets|setting) fire to\b|\b(?:set|sets|setting) (?:\w+ )?ablaze\b"
        r"|\btorch(?:ed|ing)\b|\bburn(?:ed|t) down\b|\barson\b"
        # "set two shops on fire", "three houses were set on fire", "set a man alight" (not
        # "set the stage on fire": a thing that burns or a person)
        r"|\b(?:set|sets|setting) (?:[\w'’-]+ ){0,3}?(?:houses?|homes?|huts?|shops?|stores?"
        r"|stalls?|vehicles?|cars?|trucks?|lorr(?:y|ies)|buses|bus|motorbikes?|motorcycles?"
        r"|tyres|tires|buildings?|offices?|stations?|churches|church|mosques?|schools?"
        r"|markets?|propert(?:y|ies)|granar(?:y|ies)|crops|fields|farms?|warehouses?"
        r"|factor(?:y|ies)|machinery|equipment|tractors?|excavators?|bulldozers?|apartments?"
        r"|him|her|them|himself|herself|themselves) (?:on fire|alight)\b"
        r"|\b(?:was|were|had been|have been|has been) set (?:on fire|alight)\b",
        stems=(
            "set fire",
            "sets fire",
            "setting fire",
            "on fire",
            "alight",
            "ablaze",
            "torch",
            "burned down",
            "burnt down",
            "arson",
        ),
        without_weapon=True,
    ),
    _rule(
        "other",
        ABDUCTION,
        r"\babduct(?:ed|s|ing|ion|ions)?\b|\bkidnapp?(?:ed|s|ing)?\b|\bkidnappings?\b"
        r"|\btook (?:\w+ )?hostages?\b|\btaken hostage\b",
        stems=("abduct", "kidnap", "hostage"),
    ),
    _rule(
        "other",
        ATTACK,
        r"\b(?:shot dead|shot and killed|gunned down|assassinated)\b",
        stems=("shot dead", "shot and killed", "gunned down", "assassinated"),
        requires=_ASSAILANTS,
    ),
    _rule("protest", RIOT, r"\briot(?:s|ed|ing|ers)?\b", stems=("riot",)),
    _rule(
        "protest",
        PROTEST,
        rf"{LABOUR_STRIKE}",
        stems=("strike", "walkout", "walk-out", "stoppage"),
    ),
    _rule(
        "protest",
        PROTEST,
        r"\bprotest(?:s|ed|ers|ing)?\b|\bdemonstrat(?:ions?|ors|ed|ing)\b(?!\s+(?:that|how))"
        r"|\b(?:mass|opposition|protest|counter|anti-\w+|pro-\w+)[- ]rall(?:y|ies)\b"
        r"|\bmarched\b"
        r"|\btook to the streets\b|\bsit-ins?\b|\bpicket(?:ed|ing|ers|s)?\b|\bpicket lines?\b",
        stems=(
            "protest",
            "demonstrat",
            "rall",
            "marched",
            "took to the streets",
            "sit-in",
            "picket",
        ),
    ),
    _rule(
        "territory_change",
        GOVERNMENT_REGAINS,
        r"\b(?:re-?captur(?:ed|e|es|ing)|re-?took|re-?taken|re-?take|regain(?:ed)?(?: control of)?"
        r"|liberat(?:ed|ion of|ing)|reclaimed|won back)\b",
        needs_territory=True,
        stems=(
            "recaptur",
            "re-captur",
            "retook",
            "re-took",
            "retake",
            "re-take",
            "regain",
            "liberat",
            "reclaimed",
            "won back",
        ),
    ),
    _rule(
        "territory_change",
        NON_STATE_TAKEOVER,
        r"\b(?:seiz(?:ed|e|es|ing)|captur(?:ed|e|es|ing)"
        r"|t(?:ook|aken|aking|akes?) (?:the )?(?:full |complete |total )?control of"
        r"|t(?:ook|aken|aking|akes?) over|overr?an|overrun|stormed|annexed)\b",
        needs_territory=True,
        stems=(
            "seiz",
            "captur",
            "control",
            "took over",
            "taken over",
            "taking over",
            "take over",
            "takes over",
            "overran",
            "overrun",
            "stormed",
            "annexed",
        ),
    ),
    _rule(
        "territory_change",
        NON_STATE_TAKEOVER,
        r"\b(?:entered|advanced into|pushed into|swept into|took)\b",
        needs_territory=True,
        requires=_FIGHTERS,
        unless=_MOVEMENT,
        stems=("entered", "advanced into", "pushed into", "swept into", "took"),
    ),
    _rule(
        "territory_change",
        NON_STATE_TAKEOVER,
        r"\b(?:fell to|fallen to|fall of)\b",
        stems=("fell to", "fallen to", "fall of"),
        requires=CONFLICT,
    ),
    _rule(
        "territory_change",
        TRANSFER,
        r"\b(?:withdr(?:ew|awn) from|retreated from|pulled out of|handed over)\b",
        needs_territory=True,
        stems=("withdr", "retreated from", "pulled out of", "handed over"),
    ),
    _rule(
        "crash",
        NO_ACLED,
        r"\bcrash(?:ed|es|ing)?\b|\bcrash-landed\b|\bwent down\b|\bcollided\b|\bcollisions?\b"
        r"|\bderail(?:ed|ment)\b|\bcapsized\b|\boverturned\b|\bplunged (?:into|off)\b",
        stems=(
            "crash",
            "went down",
            "collided",
            "collision",
            "derail",
            "capsized",
            "overturned",
            "plunged",
        ),
        requires=_VEHICLE,
    ),
    _rule(
        "displacement",
        NO_ACLED,
        r"(?<!\bthe\s)\b(?:internally )?displaced\b(?!\s+(?:(?:people|persons)['’]?s?\s+)?camps?)"
        r"(?!\s+(?:families|people|persons|civilians|residents|children|communities|population"
        r"|(?-i:[A-Z])\w+ians?)\b)"
        r"|\bdisplacement\b(?!\s+camps?)|\bdisplacing\b"
        r"|\bforced (?:\w+ )?from their homes\b|\buprooted\b|\bexodus\b|\bsought refuge\b"
        r"|\b(?:left|made|rendered) homeless\b",
        stems=("displac", "forced", "uproot", "exodus", "sought refuge", "homeless"),
    ),
    _rule(
        "displacement",
        NO_ACLED,
        r"\bfled\b|\bflee(?:ing|s)?\b|\bevacuat(?:ed|ion|ions|ing|es?)\b",
        stems=("fled", "flee", "evacuat"),
        requires=_CROWD,
    ),
    _rule(
        "clash",
        CLASH,
        r"\bclash(?:es|ed|ing)?\b|\b(?:gun ?battles?|firefights?|gunfights?|skirmish(?:es)?)\b"
        r"|\bexchang(?:ed|es|ing) (?:of )?(?:gun)?fire\b|\bambush(?:ed|es)?\b"
        r"|\bground (?:assault|attack|offensive)\b|\bstreet battles\b",
        stems=(
            "clash",
            "battl",
            "firefight",
            "gunfight",
            "skirmish",
            "exchang",
            "ambush",
            "ground ",
        ),
    ),
    _rule(
        "clash",
        CLASH,
        r"\bfighting\b|\bfought\b|\bbattl(?:es|ed|ing)\b|\bbattle for\b"
        r"|\b(?:counter-)?offensive\b",
        stems=("fighting", "fought", "battl", "offensive"),
        requires=CONFLICT,
    ),
    _rule(
        "strike",
        AIR,
        r"\b(?:hit|hits|hitting|struck|strikes?|striking|target(?:ed|ing)|pound(?:ed|ing)"
        # a headline's present ("Raids target Hama countryside"), not the noun
        r"|(?<!\bthe )(?<!\ba )targets?(?= (?:the |several |two |three |areas?\b|positions\b"
        r"|villages?\b|towns?\b|(?-i:[A-Z])))"
        r"|rained down on|slammed into|landed (?:in|on|near))\b",
        needs_weapon=True,
        stems=(
            "hit",
            "struck",
            "strike",
            "striking",
            "target",
            "pound",
            "rained down",
            "slammed",
            "landed",
        ),
    ),
    _rule(
        "strike",
        AIR,
        # "a glide bomb destroyed a school" (not "air defences destroyed 60 drones"), "debris
        # from a downed drone started a fire"
        r"\b(?:bombs?|missiles?|rockets?|drones?|shells?|strikes?|airstrikes?|shelling)\s+"
        r"(?:also\s+|later\s+)?(?:destroyed|damaged|set\s+(?:[\w-]+\s+){0,4}?(?:ablaze|on fire)"
        r"|(?:sparked|started|caused)\s+(?:an?\s+)?(?:[\w-]+\s+)?fires?)\b"
        r"|\b(?:debris|fragments|wreckage)\s+(?:of|from)\s+(?:an?\s+|the\s+)?(?:downed\s+"
        r"|intercepted\s+|shot-down\s+)?(?:drones?|missiles?|rockets?)\b",
        stems=("destroyed", "damaged", "debris", "fragments", "wreckage", "ablaze", "fire"),
    ),
    _rule(
        "strike",
        AIR,
        r"\b(?:flattened|levell?ed|razed|reduced to rubble)\b",
        needs_weapon=True,
        stems=("flattened", "levelled", "leveled", "razed", "reduced to rubble"),
    ),
    _rule(
        "strike",
        AIR,
        r"\battack(?:ed|s|ing)?\b|\b(?:fired|opened fire) (?:at|on|upon)\b",
        needs_weapon=True,
        stems=("attack", "fire"),
    ),
    _rule(
        "clash",
        CLASH,
        r"\battack(?:ed|s|ing)?\b|\braid(?:ed|s)?\b|\bassault(?:ed|s)?\b"
        r"|\b(?:repell?ed|repulsed|fought off|beat back)\b"
        r"|\b(?:fired|opened fire) (?:at|on|upon)\b",
        stems=(
            "attack",
            "raid",
            "assault",
            "fire",
            "repelled",
            "repulsed",
            "fought off",
            "beat back",
        ),
        requires=CONFLICT,
    ),
)


LABOUR_RULE = next(r for r in RULES if r.pattern.pattern == LABOUR_STRIKE)
_VIOLENT_TYPES = frozenset({"strike", "clash", "territory_change"})


def is_labour_story(text: str) -> bool:
    """Whether ``text`` tells of a workers' strike ("went on strike", "a general strike")."""
    # the long pattern is run only around the words it needs (most stories have none)
    return any(
        _LABOUR.search(text, max(0, m.start() - 40), m.end() + 20)
        for m in _LABOUR_HINT.finditer(text)
    )


_LABOUR = regexes.compile(LABOUR_STRIKE, re.IGNORECASE)
_LABOUR_HINT = regexes.compile(r"strike|walk|stoppage", re.IGNORECASE)


def _automaton(words: dict[str, set[int]]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word, ids in words.items():
        automaton.add_word(word, frozenset(ids))
    automaton.make_automaton()
    return automaton


_STEMS: dict[str, set[int]] = {}
for _index, _r in enumerate(RULES):
    for _stem in _r.stems:
        _STEMS.setdefault(_stem, set()).add(_index)
_RULE_STEMS = _automaton(_STEMS)


def _candidate_rules(lowered: str) -> list[TriggerRule]:
    """The rules one of whose stems occurs in the (lower-cased) sentence, in rule order."""
    hit: set[int] = set()
    for _, ids in _RULE_STEMS.iter(lowered):
        hit |= ids
    return [RULES[i] for i in sorted(hit)]


_NOT_MILITARY = regexes.compile(
    r"(?:hunger|general|labou?r|workers'?|teachers'?|rail|doctors'?) strikes?$|on strike$"
    r"|strike action$|heart attack|cyber-? ?attack|\b(?:heat ?waves?|earthquakes?|storms?"
    r"|lightning|hurricanes?|typhoons?|cyclones?|tornado(?:es)?|floods?)\b"
    r"|(?:match|game|ball)\b.*\bhit",
    re.IGNORECASE,
)

_NEGATION = regexes.compile(
    r"(?:\bnot\b|n[’']t\b|\bnever\b|\bno\b|\bwithout\b|\bnor\b|\bneither\b|\bfail(?:ed|s)? to\b"
    r"|\bdeny\b|\bdenie[sd]\b|\bdenying\b)(?:\s+[\w’'-]+){0,3}\s*$",
    re.IGNORECASE,
)
# "rejected the offer" is no denial; "rejected claims that", "dismissed reports of" are
_DENIAL = regexes.compile(
    r"\b(?:denie[sd]|deny|denying|false(?:ly)?|baseless|fake)\b"
    r"|\b(?:dismiss(?:ed|es)?|reject(?:ed|s)?|refuted?|disputed?)\s+(?:the\s+|as\s+)?"
    r"(?:that|claims?|reports?|allegations?|accusations?|suggestions?|accounts?|assertions?)\b",
    re.IGNORECASE,
)
_HEDGE_NEAR = regexes.compile(
    r"(?:\bcould\b|\bmay\b|\bmight\b|\bwould\b|\bwill\b|\bshall\b|\bshould\b|\bavoid(?:ing|s)?\b"
    r"|\bprevent(?:ing)?\b|\bthreat(?:en(?:ed|s|ing)?)?(?: to| of)?\b|\bplann?(?:ed|ing|s)? to\b"
    r"|\bprepar(?:ed|ing|es) (?:to|for)\b|\bvow(?:ed|s)? to\b|\bready to\b|\brisk of\b"
    r"|\bpossible\b|\bpotential\b|\bunintended\b|\bif\b|\bunless\b|\bwhether\b|\bintend\w* to\b"
    r"|\bwant(?:s|ed)? to\b|\bcall(?:ed|s)? for\b|\bgoing to\b|\bcease-?fire\b|\btalks?\b"
    r"|\bno-fly\b|\bmonths of\b|\blull in\b|\bhalt (?:to|in)\b|\bend (?:to|of)\b|\bpause in\b"
    r"|\btruce\b|\bstop(?:ped)? the\b|\bmemorial\b|\banniversary of\b|\bsince\b"
    r"|\b(?:in (?:response|retaliation|reprisal) (?:to|for)|retaliat\w* for|revenge for)\b"
    r"|\brarely\b|\bseldom\b|\bcomment(?:s|ed|ing)? on\b"
    r"|\b(?:supply|supplies|supplied|supplying|deliver\w*|produc\w*|manufactur\w*|purchas\w*"
    r"|buy\w*|bought|sell\w*|sold|stockpil\w*|shipments? of|orders? (?:for|of)|help)\b"
    r"|\b(?:used|designed|meant|intended|able|capable of|equipped) to\b)"
    r"(?:\s+[\w’'.-]+){0,3}\s*$",
    re.IGNORECASE,
)
# "troops backed by U.S. air strikes": the support named right after, not a new attack
# ("soldiers backed by US forces killed ..." is the soldiers' own act)
_SUPPORT = regexes.compile(
    r"\b(?:(?:backed|supported|covered|aided) by|with the (?:support|help|backing) of)"
    r"(?:\s+[\w’'.-]+)?\s*$",
    re.IGNORECASE,
)
_HEDGE_CLAUSE = regexes.compile(
    r"\b(?:concerns?|fears?|feared|worries|worried|warn(?:ed|s|ing)?|rumou?rs?|speculat\w+"
    r"|hypothetical)\b(?: \w+)? that\b|\bexpressed fears\b|\bin case\b"
    r"|\bsimulat\w*|\b(?:drills|exercises|war ?games|rehearsals?)\b"
    r"|\b(?:could|may|might|would|will)\s+(?:bring|cause|trigger|lead to|unleash)\b"
    r"|\b(?:condemn\w*|denounc\w*|deplor\w*)\b",
    re.IGNORECASE,
)


# What a court or an accusation says someone did ("charged with killing", "suspected of
# attacking", "a prosecutor said the victim was killed"): no event. A participle that
# describes a person ("two men suspected of robberies were fatally assaulted") leaves the
# clause's own verb, after it, its event.
_JUDICIAL = regexes.compile(
    r"\b(?:pleaded|trial|guilty|jailed|prosecut\w*)\b"
    # not a sentence carried out at once: "sentenced a man to death and executed him"
    r"|\bsentenced\b(?!(?:\s+\w+){0,4}?\s+and\s+(?:then\s+|later\s+|publicly\s+)?$)",
    re.IGNORECASE,
)
_ACCUSED = regexes.compile(
    r"\b(?:charged|convicted|indicted|acquitted|suspected of)\b", re.IGNORECASE
)
_OWN_VERB = regexes.compile(r"\b(?:was|were|is|are|has|have|had)\b", re.IGNORECASE)


_REPELLED = regexes.compile(
    r"\b(?:repell?ed|repulsed|fought off|beat back|thwarted|foiled)\s+(?:[\w’'-]+\s+){0,3}$",
    re.IGNORECASE,
)
# Where a capitalised word opens the sentence: "BOGOTA (Reuters) - Fighting between..."
_OPENS = regexes.compile(r"(?:^|[-–—:“\"]|\(\w+\))\s*$")
# "Cyclone Chido", "Hurricane Milton": a hazard with its name
_NAMED_HAZARD = regexes.compile(r"\s+(?-i:[A-Z][a-z]+)\b")


def has_trigger_words(sentence: str) -> bool:
    """A quick test: could any rule fire in ``sentence``? (False rules them all out.)"""
    return bool(_candidate_rules(sentence.lower()))


# "Airstrikes target Al-Raqqah city and explosion at the countryside of Al-Hasakah": an
# explosion coordinated after a place of its own is another event than the weapon's
_CO_EVENT = regexes.compile(
    r"\b[A-Z][\w'’-]+(?: city| town| village| province| countryside)?,?\s+and\s+(?:an?\s+|the\s+)?"
    r"(?:explosions?|blasts?)\s+(?:in|at|near|on|south|north|east|west|hit|rock|struck|target)"
)


def find_triggers(sentence: str, labour: bool = False) -> list[TriggerMatch]:
    """Every trigger in ``sentence``, earlier rules winning overlapping spans, in text order.

    ``labour``: the story is about a workers' strike, so a bare "the strike" with no other
    weapon named is that strike (a protest), not an air strike.
    """
    rules = _candidate_rules(sentence.lower())
    if not rules:
        return []
    if labour:
        has_weapon = any(
            not m.group(0).lower().startswith("strike") for m in WEAPON.finditer(sentence)
        )
    else:
        has_weapon = bool(WEAPON.search(sentence) or _FORCES_STRUCK.search(sentence))
    sport = is_sport(sentence)
    words = re.findall(r"[A-Za-z]{4,}", sentence)
    title_case = sum(w[0].isupper() for w in words) > 0.6 * len(words)
    found: list[TriggerMatch] = []
    if labour and not has_weapon:
        found = [
            TriggerMatch(LABOUR_RULE, m.start(), m.end(), m.group(0))
            for m in _STRIKE_NOUN.finditer(sentence)
        ]
    space = bool(_SPACEFLIGHT.search(sentence))
    for rule in rules:
        if space and rule.event_type in {"strike", "crash"}:
            continue  # "a rocket carrying satellites", "the booster landed on a drone ship"
        if rule.needs_weapon and not has_weapon:
            continue
        if rule.without_weapon and has_weapon and not _CO_EVENT.search(sentence):
            continue
        if rule.requires is not None and not rule.requires.search(sentence):
            continue
        if rule.unless is not None and rule.unless.search(sentence):
            continue
        if sport and (rule.event_type in _VIOLENT_TYPES or rule.acled == ATTACK):
            continue
        for m in rule.pattern.finditer(sentence):
            if any(m.start() < t.end and t.start < m.end() for t in found):
                continue
            if (
                rule.acled != NO_ACLED
                and rule.event_type != "protest"
                and _NOT_MILITARY.search(sentence[max(0, m.start() - 20) : m.end()])
            ):
                continue
            if rule.needs_territory and not _TERRITORY_OBJECT.match(sentence[m.end() :]):
                continue
            if rule.acled == PROTEST and _DIPLOMATIC.search(sentence):
                continue
            if (
                m.group(0)[0].isupper()
                and not title_case
                and not _OPENS.search(sentence, 0, m.start())
                and not (rule.acled == NO_ACLED and _NAMED_HAZARD.match(sentence, m.end()))
            ):
                continue  # a name: "Operation Desert Storm", "Clash VI"
            found.append(TriggerMatch(rule, m.start(), m.end(), m.group(0)))
    if any(t.rule.acled in {IED, SUICIDE} for t in found):  # "a roadside bomb struck a bus"
        found = [t for t in found if not t.rule.needs_weapon]
    if any(t.rule.event_type == "crash" for t in found):  # "a tanker overturned and exploded"
        found = [t for t in found if not t.rule.without_weapon]
    # "repelled Ukrainian attacks near X": the attack beaten back is the battle, no strike
    found = [
        t
        for t in found
        if not (
            t.rule.event_type == "strike"
            and t.text.lower().startswith("attack")
            and _REPELLED.search(sentence, max(0, t.start - 40), t.start)
        )
    ]
    return sorted(found, key=lambda t: t.start)


def is_ground_fire(sentence: str) -> bool:
    """Whether the sentence names missiles, rockets or artillery and no aircraft or drones
    (bare "strikes" and "hit" are air or drone strikes otherwise)."""
    return bool(_GROUND.search(sentence)) and not _AERIAL.search(sentence)


_HEDGE_AFTER = regexes.compile(
    r"^\s*(?:(?-i:[A-Z])\w+\s+)?(?:could|may|might|would|will|shall|should"
    r"|(?:are |is |was |were )?expected"
    r"|(?:is |are )?forecast|were feared|threatens?|looms?)\b",
    re.IGNORECASE,
)


# "in response to a rocket attack" is a cause, often one not yet certain; "in response to a
# rocket attack that wounded two people" tells that attack as done
_RESPONSE = regexes.compile(
    r"\b(?:in (?:response|retaliation|reprisal) (?:to|for)|retaliat\w* for|revenge for)\b"
    r"(?:\s+[\w’'.-]+){0,3}\s*$",
    re.IGNORECASE,
)
_TOLD_DONE = regexes.compile(
    r"^\s*(?:[\w’'-]+\s+){0,2}?(?:that|which)\s+(?:had\s+)?(?:killed|wounded|injured|hit|struck"
    r"|damaged|destroyed|left)\b",
    re.IGNORECASE,
)


def polarity(before: str, after: str = "") -> str | None:
    """ "negated", "hedged" or None for a trigger, given the clause text before and after it.

    ``before`` runs from the start of the trigger's clause (or of the sentence, for
    denials that reach over "that": "Russia denied that any missiles crashed") to the
    trigger itself.
    """
    response = _RESPONSE.search(before)
    if response is not None and _TOLD_DONE.match(after):
        before = before[: response.start()]
    # a denial reaches over "that" but not into the next coordinated clause
    denied = _DENIAL.search(re.split(r",\s+(?:and|but)\s+", before)[-1])
    if _NEGATION.search(before) or denied:
        return "negated"
    if (
        _HEDGE_NEAR.search(before)
        or _SUPPORT.search(before)
        or _HEDGE_CLAUSE.search(before)
        or _judged(before)
        or _HEDGE_AFTER.match(after)
    ):
        return "hedged"
    return None


def _judged(before: str) -> bool:
    """Whether the trigger is what a court or an accusation of its clause says someone did
    (see _JUDICIAL and _ACCUSED)."""
    if _JUDICIAL.search(before):
        return True
    accused = list(_ACCUSED.finditer(before))
    return bool(accused) and not _OWN_VERB.search(before, accused[-1].end())
