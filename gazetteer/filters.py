"""The look-alike filters of place recognition: an ordered table of named predicates.

Recognition (``Gazetteer._recognise``) finds a known name in the text; before it becomes a
mention, :func:`judge` runs the predicates of :data:`FILTERS` in order over a :class:`Look`
at it (the mention with the words around it and what the index says of the name). The
first predicate that decides ends the run: :attr:`DROP` (no place mention),
:attr:`KEEP` (a place mention), or :attr:`DOUBT` (a one-word name that is
also a word or a surname without a place cue here: a place only if the text places the name
elsewhere, see ``Gazetteer._recognise``). A name no predicate decides is kept.

The order matters: a dateline's head is kept before any person test runs, the demonym and
country predicates decide every country name before the tests for small towns, and those
("strong" names aside: countries, admin-1 regions, water, named regions and curated places)
test the plain-word and person readings last.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from gazetteer.normalize import ARABIC_ARTICLES, norm_name, norm_token
from gazetteer.schema import ADMIN1, CITY, COUNTRY, REGION, WATER

if TYPE_CHECKING:
    from gazetteer.geoparser import Gazetteer

Token = tuple[int, int, str]
# Words the document writes in lower case, surnames it gives persons, words it capitalises
# inside a sentence (see ``Gazetteer._doc_words``).
DocWords = tuple[set[str], set[str], set[str]]

# "Marburg virus", "Lassa fever", "Reston ebolavirus": a pathogen named after a place.
PATHOGEN_AFTER_RE = re.compile(
    r"[ \-](?:virus(?:es)?|ebolavirus|ha?emorrhagic|fever|encephalitis|disease)\b", re.IGNORECASE
)
# "the US dollar", "the Hong Kong dollar", "Swiss francs": a currency named after its
# country; "won" and "real" are left out (words), and "pound(s)" is read only after an
# adjective ("the Lebanese pound"; "Israel pounds Gaza" is a verb).
CURRENCY_AFTER_RE = re.compile(
    r" (?:dollars?|euros?|francs?|yen|yuan|renminbi|rupees?|pesos?|shekels?|liras?|dinars?"
    r"|rials?|riyals?|roubles?|rubles?|hryvnias?|naira|rand|shillings?|kwacha|cedis?|birr|taka"
    r"|dirhams?|kyats?|baht|ringgits?|rupiahs?|zlotys?|forints?|kron(?:a|or|e|er)|bolivars?"
    r"|manats?|tenge)\b"
)
POUND_AFTER_RE = re.compile(r" pounds?\b")
# "Molotov cocktails" (Molotov was Perm's name), "Stockholm syndrome"
THING_AFTER_RE = re.compile(r" (?:cocktails?|syndrome)\b")
# "Grad rockets", "Grad missile launchers": a weapon system named like a small place
WEAPON_AFTER_RE = re.compile(
    r" (?:(?:multiple )?(?:rocket|missile) launchers?|rockets?|missiles?|launchers?|MLRS)\b",
    re.IGNORECASE,
)
# Places at least this populous name where rockets come from ("Gaza rockets"), no weapon
WEAPON_NAME_MAX_POP = 50_000
# "Stade de France", "Puerta del Sol": a small town's name before a Romance particle and a
# capitalised word is the head of a longer name (a venue, a square) the index lacks.
ROMANCE_TAIL_RE = re.compile(r" (?:de|des|du|del|della|di|da|do|dos|das) (?:la |l')?[A-Z]")
# "the al-Fara family", "the Uwa people", "the Shama clan", "the Amhara tribe": a name
# before a kin or people word after "the" names a people or a family, not a place.
KIN_AFTER_RE = re.compile(
    r" (?:family|families|clan|clans|sub-clan|subclan|tribe|tribes|tribal|people|peoples|"
    r"ethnic group|ethnic community|community|communities|lineage|dynasty)\b"
)
# "Bandera supporters", "Gbagbo loyalists", "Barcelona fans": a person, party or club
FOLLOWERS_AFTER_RE = re.compile(
    r" (?:supporters?|loyalists?|followers?|partisans?|sympathi[sz]ers?|devotees|fans)\b"
)
DEFINITE_BEFORE_RE = re.compile(r"\b[Tt]he (?:(?:al|el)[\- ])?$")
# "the Franklin fire", "the Eaton blaze": a wildfire named after a small place.
EVENT_AFTER_RE = re.compile(r" (?:[Ff]ire|[Ww]ildfire|[Bb]laze|[Cc]omplex)\b")
WORD_TAIL_RE = re.compile(r"-[A-Z]|['’](?!s\b)[a-z]")
SPEECH_AFTER_RE = re.compile(
    r"(?:,? (?:said|says|told|added|explained|wrote|writes|stated|noted|argued|claimed|"
    r"recalled|tweeted|insisted)| (?:commented|indicated|warned|complained|replied|admitted|"
    r"stressed))\b"
)
# "according to Yap, ...", "complained Joncret.": a speaker (before a comma or full stop).
SPEECH_BEFORE_RE = re.compile(
    r"\b(?:[Aa]ccording to|said|says|added|complained|commented|warned|explained) $"
)
SURNAME_PARTICLE_RE = re.compile(r" (?:van|von|de|der|den|da|di|del|dos|bin|ibn) [A-Z]")
DETERMINERS = frozenset(
    {"the", "a", "an", "this", "that", "its", "their", "his", "her", "our", "your", "my"}
)
# Names of places under this many people are "small" to the tail and speaker filters.
SMALL_POPULATION = 100_000
# A doubtful one-word name (a word, a surname) of a city this large needs no place cue
# unless it opens a sentence where any word is capitalised ("Nice", "Man").
DOUBT_POPULATION = 200_000
# A town this large named by a noun of the vocabulary is that town inside a sentence.
NOUN_TOWN_POPULATION = 20_000
ALIAS_CITY_POPULATION = 200_000
_STRONG_CLASSES = frozenset({ADMIN1, WATER, REGION})


@dataclass(slots=True)
class Mention:
    """A name found in the text: ``start``/``end`` are ``str`` indices (end exclusive),
    ``key`` the normalised name, ``first_tok``/``last_tok`` its tokens, ``candidates`` the
    index rows of the places of that name (empty for a demonym)."""

    start: int
    end: int
    key: str
    first_tok: int
    last_tok: int
    candidates: tuple[int, ...]
    demonym: bool = False
    dateline: bool = False
    # The head of a longer name the index lacks ("Aita" of "Aita al-Shaab"): the span
    # covers the whole name, resolved through its head with a low confidence.
    partial: bool = False
    abbreviation: bool = False


class Verdict(Enum):
    """What a filter decides for a name."""

    KEEP = "keep"
    DROP = "drop"
    DOUBT = "doubt"


# Bound once: an enum member looked up on its class costs more than a filter's test.
KEEP, DROP, DOUBT = Verdict


@dataclass(slots=True)
class Look:
    """A name in its document, with what the filters ask of it.

    ``lower_words``: words the document writes in lower case; ``person_words``: surnames it
    gives persons; ``inside_words``: words it capitalises inside a sentence (see
    ``Gazetteer._doc_words``). ``classes``, ``max_pop`` and ``curated``: the feature
    classes, largest population and whether the curated supplement is among the places of
    the name. ``strong``: a country (or demonym), curated place, or admin-1, water or region
    name that is no plain English adjective or verb. ``prev``/``nxt``: the tokens around
    the name; ``adjacent_*``: that token is capitalised and joined by a space or hyphen.
    """

    gaz: Gazetteer
    text: str
    tokens: list[Token]
    m: Mention
    lower_words: set[str]
    person_words: set[str]
    inside_words: set[str]
    raw: str
    classes: frozenset[int]
    max_pop: int
    curated: bool
    is_country: bool
    strong: bool
    prev: Token | None
    nxt: Token | None
    adjacent_prev: bool
    adjacent_next: bool

    @classmethod
    def at(
        cls,
        gaz: Gazetteer,
        text: str,
        tokens: list[Token],
        m: Mention,
        doc_words: DocWords,
    ) -> Look:
        """The look at mention ``m`` of ``text`` (``doc_words`` from ``_doc_words``)."""
        classes, max_pop, curated = gaz._summary(m.key, m.candidates)
        is_country = COUNTRY in classes or m.demonym
        strong = (
            is_country
            or curated
            or (bool(classes & _STRONG_CLASSES) and m.key not in gaz._vocab_other)
        )
        nxt = tokens[m.last_tok + 1] if m.last_tok + 1 < len(tokens) else None
        prev = tokens[m.first_tok - 1] if m.first_tok > 0 else None
        return cls(
            gaz=gaz,
            text=text,
            tokens=tokens,
            m=m,
            lower_words=doc_words[0],
            person_words=doc_words[1],
            inside_words=doc_words[2],
            raw=text[m.start : m.end],
            classes=classes,
            max_pop=max_pop,
            curated=curated,
            is_country=is_country,
            strong=strong,
            prev=prev,
            nxt=nxt,
            adjacent_prev=(
                prev is not None and prev[2][0].isupper() and text[prev[1] : m.start] in (" ", "-")
            ),
            adjacent_next=(
                nxt is not None and nxt[2][0].isupper() and text[m.end : nxt[0]] in (" ", "-")
            ),
        )

    @property
    def small(self) -> bool:
        """A weak name (see ``strong``) of places under SMALL_POPULATION people."""
        return not self.strong and self.max_pop < SMALL_POPULATION

    @property
    def one_word(self) -> bool:
        """Whether the name is a single token ("Bath", not "Bath Spa")."""
        return self.m.first_tok == self.m.last_tok

    def sentence_initial(self) -> bool:
        """Whether the name opens a sentence, a line or a quotation."""
        before = self.text[max(0, self.m.start - 3) : self.m.start].rstrip(" \t\"“‘'(")
        return not before or before[-1] in ".!?:\n"


Filter = Callable[[Look], Verdict | None]


# ---------------------------------------------------------------------- the filters


def capitalised_word(look: Look) -> Verdict | None:
    """Drop words English capitalises that name places elsewhere (``common_capitalised`` of
    ``data/wordlists.json``: weekdays, months, "God").

    Drops "Monday" of "on Monday in Geneva"; leaves "Monrovia" to the other filters.
    """
    return DROP if look.m.key in look.gaz._common_capitalised else None


_SIDE_BEFORE_RE = re.compile(r"\b(?:[Pp]ro|[Aa]nti|PRO|ANTI)[-‐]$")


def side_taken(look: Look) -> Verdict | None:
    """Drop a name after "pro-" or "anti-" that is no country or people: the leader or
    group whose side someone takes, not a place ("pro-Hadi forces", "pro-Assad militias").
    Countries and demonyms stay: "pro-Russian separatists" speaks of Russia.

    Drops "Hadi" of "pro-Hadi forces advanced"; leaves "Hadi" of "fighting in Hadi".
    """
    if look.is_country:
        return None
    return (
        DROP if _SIDE_BEFORE_RE.search(look.text, max(0, look.m.start - 6), look.m.start) else None
    )


def code_not_in_capitals(look: Look) -> Verdict | None:
    """Drop a name only a code gives a country or region ("CAR", "UK") unless written in
    capitals.

    Drops "Car" of "Car bombs hit ..."; leaves "CAR" of "fighting in CAR".
    """
    return DROP if look.m.key in look.gaz._codes and not look.raw.isupper() else None


def thing_named_after_place(look: Look) -> Verdict | None:
    """Drop a name that is part of a thing named after a place: a currency ("US$", "$US",
    "NZ$", "the US dollar", "the Lebanese pound"), a pathogen ("Marburg virus", "Lassa
    fever"), a weapon or a syndrome ("Molotov cocktails", "Stockholm syndrome"), a weapon
    system named like a small place ("Grad rockets"; not "Gaza rockets", a city's).

    Drops "Marburg" of "the Marburg virus" and "US" of "the US dollar exchange rate"; leaves
    "Marburg" of "a clinic in Marburg" and "Israel" of "Israel pounds Gaza".
    """
    text, m = look.text, look.m
    return (
        DROP
        if (
            text[m.end : m.end + 1] == "$"
            or text[m.start - 1 : m.start] == "$"
            or PATHOGEN_AFTER_RE.match(text, m.end)
            or THING_AFTER_RE.match(text, m.end)
            or (
                WEAPON_AFTER_RE.match(text, m.end)
                and not look.is_country
                and look.max_pop < WEAPON_NAME_MAX_POP
            )
            or CURRENCY_AFTER_RE.match(text, m.end)
            or (m.demonym and POUND_AFTER_RE.match(text, m.end))
        )
        else None
    )


def dateline_head(look: Look) -> Verdict | None:
    """Keep the head of a dateline ("KYIV, Ukraine (AP) —"), even a surname or given name,
    unless it is a plain word ("UPDATE —", "WATCH —").

    Keeps "BEIRUT" of "BEIRUT (Reuters) -"; decides nothing for "Beirut" inside a sentence.
    """
    m = look.m
    if m.dateline and not look.gaz._is_common_word(m.key, nouns=False):
        return KEEP
    return None


def common_noun_of_name(look: Look) -> Verdict | None:
    """Drop an English noun that heads a longer name the index lacks: "of" and a capitalised
    word follow ("Coast of Zwara", "Plain of Jars"); countries excepted ("Turkey of
    Erdogan").

    Drops "Coast" of "strikes hit the Coast of Zwara"; leaves "Coast" of "in Coast region".
    """
    if not look.one_word or look.is_country or not _OF_NAME_AFTER.match(look.text, look.m.end):
        return None
    return DROP if look.gaz._is_common_word(look.m.key) else None


_OF_NAME_AFTER = re.compile(r" of (?:the )?[A-Z]")


def organisation_word_next(look: Look) -> Verdict | None:
    """Drop a name that opens an organisation's name: a capitalised organisation word
    follows ("Manchester United", "Jordan Commission"), or a movement in any case ("the Watan
    liberation movement"); countries excepted from the movement.

    Drops "Denver" of "The Denver Post reported it"; leaves "Denver" of "in Denver".
    """
    nxt = look.nxt
    if look.adjacent_next and nxt is not None and nxt[2].casefold() in look.gaz._org_words:
        return DROP
    return DROP if not look.is_country and _MOVEMENT_AFTER.match(look.text, look.m.end) else None


_MOVEMENT_AFTER = re.compile(r" (?:(?:liberation|resistance|protest) )?movement\b")


def given_name_before_particle(look: Look) -> Verdict | None:
    """Drop a given name before a surname particle: "Dennis van Engelsdorp", "Franck de
    Villiers" (no country: "Jordan bin ..." may still be Jordan).

    Drops "Dennis" of "Dennis van Engelsdorp"; leaves "Dennis" of "in Dennis, Texas".
    """
    m = look.m
    return (
        DROP
        if (
            m.key in look.gaz._given
            and not look.is_country
            and SURNAME_PARTICLE_RE.match(look.text, m.end)
        )
        else None
    )


def surname_after_particle(look: Look) -> Verdict | None:
    """Drop the surname after a given name and a particle: "Houten" of "Dennis van Houten".

    Drops "Houten" there; leaves "Houten" of "the town of Houten".
    """
    m, tokens = look.m, look.tokens
    return (
        DROP
        if (
            not look.is_country
            and m.first_tok >= 2
            and norm_token(tokens[m.first_tok - 2][2]) in look.gaz._given
            and SURNAME_PARTICLE_RE.fullmatch(look.text, tokens[m.first_tok - 2][1], m.start + 1)
        )
        else None
    )


def given_name_before_surname(look: Look) -> Verdict | None:
    """Drop a name that is a given name before a surname: "Jordan Henderson", "Paris
    Hilton", "Vladimir Putin". A town named like a given name yields to any capitalised
    word the text never writes in lower case; a strong name only to a surname.

    Drops "Jordan" of "Jordan Henderson scored"; leaves "Jordan" of "the Jordan Valley"
    (a geographic word follows).
    """
    nxt = look.nxt
    if not look.adjacent_next or nxt is None or look.m.key not in look.gaz._given:
        return None
    gaz = look.gaz
    return (
        DROP
        if (
            _surname_like(gaz, nxt[2])
            or (not look.strong and _proper_word(gaz, nxt[2], look.lower_words))
        )
        else None
    )


def surname_after_given_name(look: Look) -> Verdict | None:
    """Drop a place name right after a given name that is no English word: it is a surname
    ("John Kerry", "Peter Cook"); countries excepted.

    Drops "Kerry" of "John Kerry met"; leaves "Kerry" of "Will Kerry" ("will" is a word).
    """
    prev = look.prev
    if not look.adjacent_prev or prev is None or look.is_country:
        return None
    word = norm_token(prev[2])
    return DROP if word in look.gaz._given and word not in look.gaz._vocab_other else None


def title_before(look: Look) -> Verdict | None:
    """Drop a name after a capitalised title: "President Jordan", "Mr. Washington", "Mayor
    Houston" are persons.

    Drops "Houston" of "Mayor Houston said"; leaves "Houston" of "the mayor of Houston".
    """
    prev = look.prev
    return (
        DROP
        if (
            prev is not None
            and prev[2][0].isupper()
            and prev[2].casefold() in look.gaz._title_words
            and look.text[prev[1] : look.m.start] in (" ", ". ")
        )
        else None
    )


def people_or_family(look: Look) -> Verdict | None:
    """Drop "the X family/clan/tribe/people": a people or a family, not a place ("the
    al-Fara family", "the Uwa people", "the Shama clan"); countries excepted.

    Drops "Shama" of "Elders of the Shama clan"; leaves "Shama" of "People in Shama".
    """
    text, m = look.text, look.m
    return (
        DROP
        if (
            not look.is_country
            and KIN_AFTER_RE.match(text, m.end)
            and DEFINITE_BEFORE_RE.search(text, max(0, m.start - 8), m.start)
        )
        else None
    )


def followers_of_name(look: Look) -> Verdict | None:
    """Drop a name whose supporters, loyalists or fans follow it: a person, party or club
    ("Bandera supporters", "Gbagbo loyalists", "Barcelona fans"); countries excepted.

    Drops "Bandera" of "demanding that Bandera supporters leave"; leaves "Odessa" of
    "supporters gathered in Odessa" and "Russia" of "Russia supporters".
    """
    text, m = look.text, look.m
    return DROP if not look.is_country and FOLLOWERS_AFTER_RE.match(text, m.end) else None


def demonym_use(look: Look) -> Verdict | None:
    """Decide a demonym: a mention of its country only where it modifies a noun (the
    adjective: "Turkish air space", "Syrian army"); a plural noun or a word at the end of a
    clause is no mention ("Syrians fled", "the driver was Turkish.").

    Keeps "Syrian" of "The Syrian army advanced"; drops "Syrian" of "The driver was
    Syrian."; decides nothing for a place's name ("Chad").
    """
    if not look.m.demonym:
        return None
    nxt = look.nxt
    return KEEP if nxt is not None and look.text[look.m.end : nxt[0]] == " " else DROP


def direction_before_name(look: Look) -> Verdict | None:
    """Drop a bare direction or adjective that names a small place before a capitalised
    word: "Western Europe", "North Eastern Province" (countries excepted).

    Drops "Central" of "Central Park" (a longer name of its own); leaves "Western" of "moved
    to Western." (no capitalised word follows).
    """
    m = look.m
    return (
        DROP
        if m.key in look.gaz._vocab_other and look.adjacent_next and not look.is_country
        else None
    )


def acronym(look: Look) -> Verdict | None:
    """Drop an acronym of up to four capitals that is no country, curated name or region's
    code: "IS", "EU", "NATO", "ISIS".

    Drops "NATO"; leaves "UAE" (a country's name), "FCT" and "NWFP" (names only a code
    gives a region) and "Gaza" (not in capitals).
    """
    raw = look.raw
    known = look.is_country or look.curated or look.m.key in look.gaz._codes
    return DROP if raw.isupper() and len(raw) <= 4 and not known else None


def country_name(look: Look) -> Verdict | None:
    """Decide a country's name: kept unless it is a plain English word that only an
    alternate name makes a country ("Man" for the Isle of Man), not in capitals.

    Keeps "Chad" of "Troops entered Chad"; drops "Saudi" of "Saudi officials said"
    (Saudi Arabia's short name, an adjective); decides nothing for a town's name.
    """
    if not look.is_country:
        return None
    gaz, m = look.gaz, look.m
    own_name = any(
        gaz._fclass[c] == COUNTRY and norm_name(gaz._name[c]) == m.key for c in m.candidates
    )
    word = gaz._is_common_word(m.key, nouns=False) and not own_name
    return KEEP if m.demonym or look.raw.isupper() or not word else DROP


# A stretch of text this many words either side of a name, most of them capitalised, is a
# headline in title case ("Junta Fights to Secure Strategic Town Near Capital")
TITLE_CASE_WINDOW = 6
TITLE_CASE_SHARE = 0.75


def title_case_word(look: Look) -> Verdict | None:
    """Drop a one-word name that is an English word (a common word, a direction, "Capital")
    of places under DOUBT_POPULATION people inside a headline written in title case, where
    a capital says nothing and "in North" is no place cue.

    Drops "North" of "Soldiers Killed in Clashes With Resistance in North"; leaves "North"
    of "Fighting spread to the Far North region" (not title case) and "Reading" of "A man
    was stabbed in Reading on Friday".
    """
    if not look.one_word or look.max_pop >= DOUBT_POPULATION or look.is_country:
        return None
    gaz, key = look.gaz, look.m.key
    plain = gaz._is_common_word(key, nouns=False)
    if not (plain or key in gaz._geo_words or key in gaz._settlement_words):
        return None
    lo = max(0, look.m.first_tok - TITLE_CASE_WINDOW)
    around = (
        look.tokens[lo : look.m.first_tok]
        + look.tokens[look.m.last_tok + 1 : look.m.last_tok + 1 + TITLE_CASE_WINDOW]
    )
    words = [t[2] for t in around if len(t[2]) >= 4 and t[2].isalpha()]
    capitalised = sum(w[0].isupper() for w in words)
    return DROP if len(words) >= 3 and capitalised >= TITLE_CASE_SHARE * len(words) else None


def after_name_word(look: Look) -> Verdict | None:
    """Drop the last word of a longer proper name: a capitalised word that is no English
    word comes right before it ("Vladimir Putin", "Peter Cook").

    Drops "Kaura" of "Zubairu Kaura spoke"; leaves "Kaura" of "attacks in Kaura".
    """
    prev = look.prev
    return (
        DROP
        if (
            not look.is_country
            and look.adjacent_prev
            and prev is not None
            and look.gaz._is_name_word(prev[2])
        )
        else None
    )


def before_name_word(look: Look) -> Verdict | None:
    """Drop a weak name that opens a longer proper name: a capitalised word that is no
    English word follows (a person, a company).

    Drops "Kock" of "Kock Zhubanov spoke"; leaves "Kock" of "Kock residents" ("residents"
    is a word) and strong names ("Texas Zhubanov").
    """
    nxt = look.nxt
    return (
        DROP
        if (
            not look.strong
            and look.adjacent_next
            and nxt is not None
            and look.gaz._is_name_word(nxt[2])
        )
        else None
    )


_NAME_AFTER_HEAD = re.compile(rf"[ -](?:[A-Z]|(?:{'|'.join(sorted(ARABIC_ARTICLES))})[- ][A-Za-z])")


def head_of_arabic_name(look: Look) -> Verdict | None:
    """Drop a small place named by a word that opens Arabic personal names ("Abu", "Umm",
    "Ould", word list ``personal_name_heads``) when a name follows it: a kunya or a patronymic.

    Drops "Abu" of "Abu Mohammed Joulani" and of "Abu al-Yaqzan al-Masri"; leaves "Abu"
    of "a bus crash near Abu" (a town in India) and the names the index has whole ("Abu
    Dhabi", "Abu Kamal").
    """
    return (
        DROP
        if (
            look.small
            and look.one_word
            and look.m.key in look.gaz._personal_name_heads
            and _NAME_AFTER_HEAD.match(look.text, look.m.end)
        )
        else None
    )


def person_word_without_cue(look: Look) -> Verdict | None:
    """Drop a one-word weak name the text gives a person ("Abbas" after "Mahmoud Abbas")
    unless a place cue supports it here ("in Abbas", "town of Abbas", "Abbas, Texas").

    Drops the second "Taylor" of "Mr Taylor arrived. Taylor said nothing."; leaves it in
    "Mr Taylor arrived in Taylor".
    """
    return (
        DROP
        if (
            not look.strong
            and look.one_word
            and look.m.key in look.person_words
            and not look.gaz._place_cue(look.text, look.tokens, look.m)
        )
        else None
    )


def head_of_longer_word(look: Look) -> Verdict | None:
    """Drop a small place's name that heads a longer word: "Wal-Mart", "Baha'i".

    Drops "Wal" of "Wal-Mart opened"; leaves "Wal" of "Shoppers in Wal" and a possessive
    ("Wal's mayor").
    """
    return DROP if look.small and WORD_TAIL_RE.match(look.text, look.m.end) else None


# "a demonstration in Calderon park", "gathered at Ittihad square": a landmark's own name
LANDMARK_AFTER_RE = re.compile(r" (?:park|square|avenue|boulevard|roundabout|street)\b")


def head_of_landmark(look: Look) -> Verdict | None:
    """Drop a small place's name before a lower-case word for a landmark of a town: the
    park, square or street is named after it (or after a person), and lies in the town the
    text names, not in the small place.

    Drops "Calderon" of "a demonstration in Calderon park"; leaves "Calderon" of "a
    demonstration in Calderon" and the big towns ("Kabul airport", "Gaza street").
    """
    return DROP if look.small and LANDMARK_AFTER_RE.match(look.text, look.m.end) else None


def head_of_romance_name(look: Look) -> Verdict | None:
    """Drop a small place's name before a Romance particle and a capitalised word: the head
    of a venue or square the index lacks ("Stade de France", "Puerta del Sol").

    Drops "Stade" of "Stade de France"; leaves "Puerta" of "Puerta de hierro" (lower case).
    """
    return DROP if look.small and ROMANCE_TAIL_RE.match(look.text, look.m.end) else None


def named_event(look: Look) -> Verdict | None:
    """Drop a weak name in "the X fire/wildfire/blaze/complex": a wildfire named after a
    small place ("the Franklin fire", "the Eaton blaze").

    Drops "Franklin" of "the Franklin fire"; leaves "Franklin" of "a fire in Franklin".
    """
    prev = look.prev
    return (
        DROP
        if (
            not look.strong
            and prev is not None
            and prev[2].lower() == "the"
            and EVENT_AFTER_RE.match(look.text, look.m.end)
        )
        else None
    )


def speaker(look: Look) -> Verdict | None:
    """Drop a small place's name that speaks: "Kock said", "Hartl told reporters",
    "according to Yap, ...", "complained Joncret.".

    Drops "Kock" of "Kock said" and "Yap" of "According to Yap, ..."; leaves "Kock" of
    "Shelling hit Kock on Monday".
    """
    text, m = look.text, look.m
    return (
        DROP
        if (
            look.small
            and (
                SPEECH_AFTER_RE.match(text, m.end)
                or (
                    SPEECH_BEFORE_RE.search(text, max(0, m.start - 14), m.start)
                    and text[m.end : m.end + 1] in (",", ".")
                )
            )
        )
        else None
    )


def doubtful_word(look: Look) -> Verdict | None:
    """A one-word weak name that is also an English word, a word the text writes in lower
    case, a surname or a given name ("Mobile", "Bath", "Cook", "Taylor") needs a place cue
    ("in X", "town of X", "X, Texas") when its places are under DOUBT_POPULATION people or
    when it opens a sentence: without one it is dropped inside a longer capitalised name
    ("Rift Valley") and doubtful otherwise.

    A noun of the vocabulary that is none of those (the noun list holds proper nouns too:
    "evansville") is doubtful only next to another capitalised word, opening a sentence, after
    a determiner, or when no town of some size bears it as its own name.

    Doubts "Bath" of "Bath time is over now."; leaves "Bath" of "a hotel in Bath" (kept).
    """
    if look.strong or not look.one_word:
        return None
    gaz, word = look.gaz, look.m.key
    plain_word = gaz._is_common_word(word, nouns=False)
    if not (
        _doubtful(look)
        and (look.max_pop < DOUBT_POPULATION or (plain_word and look.sentence_initial()))
    ):
        return None
    prev = look.prev
    inside_name = (
        look.adjacent_prev
        and prev is not None
        and prev[2].lower() not in gaz._cue_words
        and prev[2].lower() not in gaz._vocab_other
    )
    if inside_name:
        return DROP
    if not gaz._place_cue(look.text, look.tokens, look.m):
        return DOUBT
    return None


# The filters in the order they run (see the module docstring).
FILTERS: tuple[Filter, ...] = (
    capitalised_word,
    code_not_in_capitals,
    thing_named_after_place,
    dateline_head,
    side_taken,
    common_noun_of_name,
    organisation_word_next,
    given_name_before_particle,
    surname_after_particle,
    given_name_before_surname,
    surname_after_given_name,
    title_before,
    people_or_family,
    followers_of_name,
    demonym_use,
    direction_before_name,
    acronym,
    country_name,
    title_case_word,
    after_name_word,
    before_name_word,
    head_of_arabic_name,
    person_word_without_cue,
    head_of_longer_word,
    head_of_landmark,
    head_of_romance_name,
    named_event,
    speaker,
    doubtful_word,
)


def judge(look: Look, filters: tuple[Filter, ...] = FILTERS) -> Verdict:
    """The first verdict of ``filters`` on ``look``, or KEEP when none decides."""
    for f in filters:
        verdict = f(look)
        if verdict is not None:
            return verdict
    return KEEP


# ---------------------------------------------------------------------- helpers


def _doubtful(look: Look) -> bool:
    """Whether a one-word name reads as a word or a person's name here (see
    ``doubtful_word``)."""
    gaz, word, prev = look.gaz, look.m.key, look.prev
    if (
        gaz._is_common_word(word, nouns=False)
        or word in look.lower_words
        or word in gaz._surnames
        or word in gaz._given
    ):
        return True
    if word not in gaz._vocab_nouns:
        return False
    return (
        look.adjacent_next
        or look.adjacent_prev
        or (look.sentence_initial() and word not in look.inside_words)
        or (prev is not None and prev[2].lower() in DETERMINERS)
        or not _sizeable_town(look)
    )


def _sizeable_town(look: Look) -> bool:
    """Whether a town of NOUN_TOWN_POPULATION people has the name as its own name, or a
    city of ALIAS_CITY_POPULATION as an alternate name ("Kiev")."""
    gaz, key = look.gaz, look.m.key
    return any(
        gaz._fclass[c] == CITY
        and gaz._pop[c] >= NOUN_TOWN_POPULATION
        and (gaz._pop[c] >= ALIAS_CITY_POPULATION or norm_name(gaz._name[c]) == key)
        for c in look.m.candidates
    )


def _surname_like(gaz: Gazetteer, raw: str) -> bool:
    """A capitalised word that reads as a surname rather than a geographic word."""
    word = norm_token(raw)
    return word not in gaz._geo_words and (word in gaz._surnames or gaz._is_name_word(raw))


def _proper_word(gaz: Gazetteer, raw: str, lower_words: set[str]) -> bool:
    """A capitalised word that is no geographic, adjectival, verbal or function word and
    that the document never writes in lower case ("Putin", but not "Valley" or "Mayor" in a
    text that speaks of a mayor)."""
    word = norm_token(raw)
    return (
        raw[0].isupper()
        and word not in gaz._geo_words
        and word not in gaz._common_capitalised
        and word not in gaz._org_words
        and not gaz._is_common_word(word, nouns=False)
        and raw.lower() not in lower_words
    )
