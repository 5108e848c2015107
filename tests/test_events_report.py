"""The report stage: its rules file (schema, examples, counterexamples) and the events it
adds through the real gazetteer. Every sentence here is written for these tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import gazetteer
from core.geojson import feature_collection
from core.pipeline import Pipeline
from events.report import RuleFileError, decide, load_rules, rules
from events.stages import standard_pipeline

ROOT = Path(__file__).resolve().parent.parent
RULESET = rules()
EXAMPLES = [(r.id, text) for r in RULESET.rules for text in r.examples]
COUNTEREXAMPLES = [(r.id, text) for r in RULESET.rules for text in r.counterexamples]


@pytest.mark.parametrize(("rule_id", "sentence"), EXAMPLES)
def test_rule_decides_its_examples(rule_id: str, sentence: str) -> None:
    decision = decide(sentence)
    assert decision is not None, f"no rule holds for {sentence!r}"
    assert decision.rule.id == rule_id


@pytest.mark.parametrize(("rule_id", "sentence"), COUNTEREXAMPLES)
def test_rule_does_not_decide_its_counterexamples(rule_id: str, sentence: str) -> None:
    decision = decide(sentence)
    assert decision is None or decision.rule.id != rule_id


@pytest.mark.parametrize("sentence", RULESET.skip_examples)
def test_retold_sentences_make_no_event(sentence: str) -> None:
    assert decide(sentence) is None


@pytest.mark.parametrize("sentence", RULESET.skip_counterexamples)
def test_reported_sentences_are_not_skipped(sentence: str) -> None:
    assert decide(sentence) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "The new album bombed in the charts.",
        "Oil prices crashed in March after the meeting.",
        "Shares rallied on Tuesday.",
        "Did rebels attack the town?",
        "Police did not arrest anyone.",
        # a game: "beat", "shot" and "rally" with two words of sport
        "Davis had 18 points and 8 rebounds as top-ranked Kentucky beat Tennessee.",
        "The visitors shot 31 percent before a 12-0 run in the second half.",
        "Crowder had 20 points, helping Marquette rally from a sluggish first half.",
    ],
)
def test_figurative_and_negated_sentences_make_no_event(sentence: str) -> None:
    decision = decide(sentence)
    assert decision is None, decision


def test_an_accusation_reports_the_act_and_a_charge_does_not() -> None:
    # "accused of" tells what people say happened; a charge or trial retells it in court
    accused = decide("Police in the town are accused of assaulting a taxi driver on Sunday.")
    assert accused is not None and accused.rule.acled[0] == "Violence against civilians"
    assert decide("The man was charged with assaulting a taxi driver on Sunday.") is None


def test_fans_who_riot_at_a_match_still_riot() -> None:
    decision = decide("Football fans rioted after the match, throwing stones at police.")
    assert decision is not None and decision.rule.acled[0] == "Riots"


def _sentences_of_the_project_articles() -> list[str]:
    from events.sentences import sentence_spans

    found = []
    for path in sorted((ROOT / "tests" / "articles").rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found.extend(text[s.start : s.end] for s in sentence_spans(text))
    return found


def test_every_match_holds_one_of_its_rule_stems() -> None:
    """The stems pick the rules worth trying: a rule whose pattern matches a sentence that
    holds none of its stems would be skipped."""
    sentences = _sentences_of_the_project_articles()
    sentences += [t for r in RULESET.rules for t in r.examples + r.counterexamples]
    assert len(sentences) > 500
    for rule in RULESET.rules:
        for sentence in sentences:
            for m in rule.pattern.finditer(sentence):
                assert any(stem in m.group(0).lower() for stem in rule.stems), (
                    rule.id,
                    m.group(0),
                )


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "rules.toml"
    path.write_text(body, encoding="utf-8")
    return path


_SENTENCE = """[sentence]
skip = 'never'
modal = 'never'
examples = ['never']
counterexamples = ['x']
"""


def test_unknown_word_class_is_named(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        _SENTENCE + "[classes]\na = 'x'\n[[rule]]\nid = 'r'\nacled = ['A', 'B']\n"
        "event_type = 'clash'\nstems = ['x']\n"
        "pattern = '{b}'\nexamples = ['x']\ncounterexamples = ['y']\n",
    )
    with pytest.raises(RuleFileError, match=r"rule 'r': unknown word class \{b\}"):
        load_rules(path)


def test_unknown_event_type_and_missing_examples_are_schema_errors(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        _SENTENCE + "[classes]\n[[rule]]\nid = 'r'\nacled = ['A', 'B']\n"
        "event_type = 'party'\nstems = ['x']\n"
        "pattern = 'x'\nexamples = []\ncounterexamples = ['y']\n",
    )
    with pytest.raises(RuleFileError, match="unknown event type 'party'") as info:
        load_rules(path)
    assert "examples" in str(info.value)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ("event_type = 'clash'\npattern = '(x'\n", "rule 'r': bad regular expression"),
        # an event type a rule takes as its own must be one
        (
            "event_type = 'development'\nretypes = ['party']\npattern = 'x'\n",
            "unknown event type 'party'",
        ),
    ],
)
def test_bad_rule_fields_are_named(tmp_path: Path, fields: str, message: str) -> None:
    path = _write(
        tmp_path,
        _SENTENCE
        + "[classes]\n[[rule]]\nid = 'r'\nacled = ['A', 'B']\nstems = ['x']\n"
        + fields
        + "examples = ['x']\ncounterexamples = ['y']\n",
    )
    with pytest.raises(RuleFileError, match=message):
        load_rules(path)


# --- through the pipeline and the real gazetteer --------------------------------------------


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return standard_pipeline(gazetteer.load(ROOT / "var" / "gazetteer"))


def _events(pipeline: Pipeline, text: str) -> list:
    return pipeline(text, published=date(2021, 6, 8)).events


def test_headline_in_present_tense_is_an_event(pipeline: Pipeline) -> None:
    events = _events(pipeline, "Gunmen kill doctor in Kabul")
    assert [(e.acled_event_type, e.places[0].name) for e in events] == [
        ("Violence against civilians", "Kabul")
    ]


def test_unknown_village_falls_back_to_the_stated_district(pipeline: Pipeline) -> None:
    text = (
        "On 5 June 2021, gunmen attacked and killed two farmers in Zzyqorville village "
        "(Mashegu, Niger)."
    )
    events = _events(pipeline, text)
    attacks = [e for e in events if e.acled_sub_event_type == "Attack"]
    assert attacks, events
    assert all(e.places[0].country_code == "NG" for e in events)
    assert all(e.places[0].feature_class not in {"country", "admin1"} for e in events)
    assert all(e.date == date(2021, 6, 5) for e in events)
    assert sum(e.casualties.killed for e in events if e.casualties) == 2


def test_toll_in_the_next_sentence_completes_the_event(pipeline: Pipeline) -> None:
    text = (
        "On 6 June 2021, an army truck struck a landmine near Djibo. "
        "Three soldiers were killed and four others wounded."
    )
    events = _events(pipeline, text)
    assert "Remote explosive/landmine/IED" in [e.acled_sub_event_type for e in events]
    assert sum(e.casualties.killed for e in events if e.casualties) == 3


def test_riot_is_told_from_protest(pipeline: Pipeline) -> None:
    riot = _events(pipeline, "Protesters burned tyres and threw stones at police in Kisumu.")
    protest = _events(pipeline, "Nurses held a peaceful march in Kisumu to demand better pay.")
    assert [e.acled_event_type for e in riot] == ["Riots"]
    assert [e.acled_event_type for e in protest] == ["Protests"]


def test_arrest_is_a_strategic_development(pipeline: Pipeline) -> None:
    events = _events(pipeline, "Police arrested a local journalist in Mombasa on Monday.")
    assert [(e.event_type, e.acled_sub_event_type) for e in events] == [("development", "Arrests")]


def test_actor_adjective_is_not_the_place(pipeline: Pipeline) -> None:
    events = _events(pipeline, "The Malian army clashed with militants near Douentza.")
    assert [e.places[0].name for e in events] == ["Douentza"]


def test_event_without_a_known_place_is_kept_unlocated(pipeline: Pipeline) -> None:
    events = _events(pipeline, "Gunmen killed three people.")
    assert [(e.places, e.geo_precision, e.casualties.killed) for e in events if e.casualties] == [
        ([], None, 3)
    ]
    assert events[0].unresolved_place is None


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Militants killed a teacher near the village of Zzyqorka.", "Zzyqorka"),
        ("Junta forces kill 7 in Zzyqaing village, torch hundreds of homes.", "Zzyqaing"),
        ("Gunmen abducted two traders in Zzyqoumbou (Zzyq, Zzyqmo).", "Zzyqoumbou"),
    ],
)
def test_unlocated_event_keeps_the_name_the_text_gives(
    pipeline: Pipeline, sentence: str, name: str
) -> None:
    events = _events(pipeline, sentence)
    assert events and all(not e.places for e in events)
    assert events[0].unresolved_place == name


@pytest.mark.parametrize(
    "sentence",
    [
        "In March, gunmen killed two herders.",
        "Gunmen killed two herders in the area on Monday.",
        "Gunmen killed two herders near Boko Haram positions.",
    ],
)
def test_months_and_groups_are_no_unresolved_place(pipeline: Pipeline, sentence: str) -> None:
    events = _events(pipeline, sentence)
    assert events and events[0].unresolved_place is None


def test_unlocated_event_has_null_geometry_in_geojson(pipeline: Pipeline) -> None:
    fc = feature_collection(pipeline("Violent night leaves 4 dead and 2 injured."))
    [event] = [f for f in fc["features"] if f["properties"]["kind"] == "event"]
    assert event["geometry"] is None
    assert event["properties"]["place"] is None
    assert event["properties"]["casualties"]["killed"] == 4


def test_past_event_in_background_is_not_mapped(pipeline: Pipeline) -> None:
    text = "Survivors gathered in Nyamata, where thousands of people were massacred in April 1994."
    assert _events(pipeline, text) == []


def test_places_told_in_the_next_sentence_belong_to_the_event(pipeline: Pipeline) -> None:
    text = (
        "At least 12 people were killed in air strikes in the south of the country. "
        "The raids hit Kafr Nabl and Saraqib."
    )
    events = _events(pipeline, text)
    assert len(events) == 1
    assert {p.name for p in events[0].places} == {"Kafranbel", "Saraqib"}
    assert events[0].casualties is not None and events[0].casualties.killed == 12


def test_a_later_sentence_that_does_not_refer_back_lends_no_place(pipeline: Pipeline) -> None:
    text = (
        "Officials said their aircraft flew 20 missions against militants. "
        "Aid convoys reached Saraqib on Tuesday."
    )
    assert [e for e in _events(pipeline, text) if e.event_type == "strike"] == []


def test_forces_backing_the_actor_do_not_hedge_its_act(pipeline: Pipeline) -> None:
    events = _events(
        pipeline, "Soldiers backed by US forces killed a militant commander near Douentza, Mopti."
    )
    assert events, "the killing is asserted"
    assert all([p.name for p in e.places] == ["Douentza"] for e in events)
    assert {e.acled_event_type for e in events} == {"Battles"}


def test_crowds_fighting_are_mob_violence_not_battles(pipeline: Pipeline) -> None:
    events = _events(
        pipeline, "A group of residents clashed with police officers at the market in Kisumu."
    )
    assert [e.acled_sub_event_type for e in events] == ["Mob violence"]


def test_place_named_only_by_its_container_is_near_precision(pipeline: Pipeline) -> None:
    events = _events(pipeline, "On 7 June 2021, militants shelled Zzyqorville (Aleppo).")
    assert events
    for e in events:
        assert [p.mention for p in e.places] == ["Zzyqorville"]
        assert e.places[0].reading == "container"
        assert e.geo_precision == 2, "the point is the container's, not the village's"


def test_armed_men_after_a_located_place_do_not_make_it_an_actor(pipeline: Pipeline) -> None:
    text = "On 7 June 2021, clashes erupted 12 km north of Homs between rebels and soldiers."
    events = _events(pipeline, text)
    assert [(e.event_type, e.places[0].name) for e in events] == [("clash", "Homs")]
    assert events[0].geo_precision == 2


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        (
            "An IED destroyed a military tank, killing two soldiers, in Gulran district, Herat.",
            "Gulrān",
        ),
        ("A Russian column patrolled the streets of Quamishli city in al-Hasakeh.", "Quamishli"),
        ("Gunmen shot and injured a police officer of Faskari LGA (Katsina).", "Faskari"),
        # the owner of "X region's Y township" contains the place
        ("Five local militia members were killed in Sagaing region’s Budalin township.", "Budalin"),
        ("Troops attacked villages in Mon State's Ye Township on Monday.", "Ye"),
    ],
)
def test_a_stated_container_is_not_the_events_place(
    pipeline: Pipeline, sentence: str, place: str
) -> None:
    assert [e.places[0].name for e in _events(pipeline, sentence)][:1] == [place]


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        # a name the gazetteer lacks is placed at its container, and the event there
        (
            "The air force struck militants in the area of Zzyq Aidjar (Tin-Akoff, Oudalan).",
            "Zzyq Aidjar",
        ),
        # a town in brackets after a country is no container of the country
        ("Forces fired machine guns at houses in western Yemen (Hays, Al Hudaydah).", "Hays"),
        # two unknown names placed at one region: the event keeps the first, finest
        (
            "Youths injured a man in the village of Zzyq Pathe, Zzyq Nian subdivision (Kolda).",
            "Zzyq Pathe",
        ),
    ],
)
def test_containers_stay_places_when_nothing_finer_is_known(
    pipeline: Pipeline, sentence: str, place: str
) -> None:
    assert [e.places[0].name for e in _events(pipeline, sentence)][:1] == [place]


def test_a_grenade_answered_with_fire_in_the_next_sentence_is_a_battle(
    pipeline: Pipeline,
) -> None:
    answered = _events(
        pipeline,
        "On 5 June 2021, militants threw a hand grenade at a checkpoint in Baidoa. "
        "Soldiers responded with gunfire towards the attackers.",
    )
    assert "Battles" in [e.acled_event_type for e in answered]
    # Counterexample: a grenade nobody answers stays remote violence
    alone = _events(
        pipeline,
        "On 5 June 2021, militants threw a hand grenade at a checkpoint in Baidoa. "
        "Two soldiers were wounded.",
    )
    assert "Battles" not in [e.acled_event_type for e in alone]
    assert "Explosions/Remote violence" in [e.acled_event_type for e in alone]


@pytest.mark.parametrize(
    "text",
    [
        "On 5 June 2021, militants detonated an IED near Baidoa. Clashes erupted between the "
        "militants and soldiers, who repelled the attack.",
        "On 5 June 2021, an IED exploded near a checkpoint in Baidoa and was followed by "
        "gunshots which left two soldiers dead.",
        "On 5 June 2021, attackers threw a hand grenade at an army position in Baidoa. "
        "Government forces opened gunfire after the explosion.",
    ],
)
def test_a_bomb_its_target_fights_back_is_a_battle(pipeline: Pipeline, text: str) -> None:
    assert "Battles" in [e.acled_event_type for e in _events(pipeline, text)]


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        # towns that name a road are not where its event happened when the sentence names
        # another place ...
        (
            "Traders protested along the Lagos-Badagry expressway in Ikorodu (Ikorodu, Lagos).",
            "Ikorodu",
        ),
        (
            "Students protested and blocked the Benin-Ore highway near the campus (Egor, Edo).",
            "Egor",
        ),
        # towns a road links or a train runs between, likewise
        (
            "Gunmen attacked a bus on the road linking Aden to Taizz in At Turbah (Taizz).",
            "At Turbah",
        ),
        (
            "A train from Kaduna to Abuja ran over explosives near Jere (Kagarko, Kaduna).",
            "Jere",
        ),
        # ... and they are when it names none
        (
            "Gunmen ambushed a convoy on the Kabul-Jalalabad highway, killing three soldiers.",
            "Kabul",
        ),
        (
            "Gunmen ambushed a convoy on the road from Kabul to Jalalabad, killing three soldiers.",
            "Kabul",
        ),
    ],
)
def test_towns_naming_a_road_place_its_event_only_without_another_place(
    pipeline: Pipeline, sentence: str, place: str
) -> None:
    assert [e.places[0].mention for e in _events(pipeline, sentence)][:1] == [place]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # the container of an origin is part of the origin: people of Redeyef protested, the
        # event is at Redeyef, not at Gafsa, the province town the bracket names
        ("Citizens from Redeyef (Gafsa) protested to demand a medical centre.", "Ar Rudayyif"),
        # an origin followed by where the event is
        ("Displaced families from Kafr Nabl (Idlib) protested in Azaz.", "I‘zāz"),
        # what is taken from residents is taken where they live
        (
            "Militants looted goods from traders in the village of Kokorou (Tera, Tillaberi).",
            "Kokorou",
        ),
        # people named by their home fight where the sentence says, else at their home
        (
            "On 17 October 2021, villagers of Kokoun and Banko villages engaged in a fire fight"
            " around Siguiri town over a gold mine.",
            "Siguiri",
        ),
        ("On 17 October 2021, villagers of Kokoun engaged in a fire fight with herders.", "Kokoun"),
    ],
)
def test_origins_and_where_people_live(pipeline: Pipeline, text: str, place: str) -> None:
    assert [e.places[0].name for e in _events(pipeline, text)][:1] == [place]


@pytest.mark.parametrize(
    ("text", "placed"),
    [
        # two clauses joined by "and", each an event at its own place
        (
            "Shelling hit areas in northern Hama and a fighter was killed in Daraa countryside.",
            {("strike", "Ḩamāh"), ("casualty", "Dar‘ā")},
        ),
        (
            "More casualties in Douma and the regime forces shell the eastern countryside of "
            "Daraa.",
            {("strike", "Dar‘ā"), ("other", "Dūmā")},
        ),
        # a second place with no event of its own is where the first clause's event
        # reaches too: the strikes at both
        (
            "Airstrikes target Tayyibat al-Imam and the southern countryside of Aleppo.",
            {("strike", "Ţayyibat al Imām"), ("strike", "Aleppo")},
        ),
    ],
)
def test_coordinated_clauses_place_their_own_events(
    pipeline: Pipeline, text: str, placed: set[tuple[str, str]]
) -> None:
    events = _events(pipeline, text)
    assert {(e.event_type, e.places[0].name) for e in events if e.places} == placed


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a country named as one side of a border is a line: the event is on the other side
        ("Myanmar troops shelled rebel camps near the Thai border.", "Myanmar"),
        ("Seven people were killed in a Mexican cartel shootout near the U.S. border.", "Mexico"),
        # counterexamples: a border town lies in its country; a finer place is the place
        ("Gunmen shot dead a driver in a Mexican border town.", "Mexico"),
        ("Troops clashed with smugglers in Kassala near the border with Eritrea.", "Kassala"),
    ],
)
def test_a_border_is_no_place_of_the_event(pipeline: Pipeline, text: str, place: str) -> None:
    events = _events(pipeline, text)
    assert events and {e.places[0].name for e in events if e.places} == {place}


@pytest.mark.parametrize(
    ("text", "event_type", "place"),
    [
        # a place before a compound ("jet crash", "suicide attack") is where it happened
        ("Mexico jet crash kills 1.", "crash", "Mexico"),
        ("Kabul suicide attack kills 12.", "casualty", "Kabul"),
    ],
)
def test_a_place_before_a_compound_event_noun(
    pipeline: Pipeline, text: str, event_type: str, place: str
) -> None:
    events = _events(pipeline, text)
    assert (event_type, place) in {(e.event_type, e.places[0].name) for e in events if e.places}


@pytest.mark.parametrize(
    ("text", "tolls"),
    [
        # each clause keeps its own count: the first event loses the second clause's share
        (
            "Four casualties in Saraqib and militants execute 3 men in Hama countryside.",
            {"Saraqib": 4, "Ḩamāh": 3},
        ),
        # counterexample: one clause, one place: the counts of that event add up
        ("Shelling killed four soldiers and three civilians in Saraqib.", {"Saraqib": 7}),
    ],
)
def test_a_coordinated_clause_takes_its_own_toll_out_of_the_sentences(
    pipeline: Pipeline, text: str, tolls: dict[str, int]
) -> None:
    events = _events(pipeline, text)
    killed = {
        e.places[0].name: e.casualties.killed
        for e in events
        if e.places and e.casualties is not None and e.casualties.killed
    }
    assert killed == tolls


@pytest.mark.parametrize(
    ("sentence", "place", "country"),
    [
        # no place but the region of local armed men: near that region
        ("Imo police raid suspected kidnappers' camp, kill five.", "Imo", "NG"),
        # a country is coarser than the town of the local group that acted
        ("Retired army officer shot dead by Yangon resistance group in Myanmar.", "Yangon", "MM"),
        # counterexamples: a state's forces act anywhere; a place of the event stays
        ("Russian forces shelled Ukraine overnight.", "Ukraine", "UA"),
        ("Kaduna militiamen attacked Kujama village in Chikun LGA.", "Kujama", "NG"),
    ],
)
def test_local_actors_place_an_event_told_no_finer_than_a_country(
    pipeline: Pipeline, sentence: str, place: str, country: str
) -> None:
    events = _events(pipeline, sentence)
    assert events
    for e in events:
        assert (e.places[0].mention, e.places[0].country_code) == (place, country)
    if place in {"Imo", "Yangon"}:
        assert all(e.geo_precision >= 2 for e in events), "near the actors' home, not at it"


def test_two_verbs_of_one_act_are_no_two_clauses(pipeline: Pipeline) -> None:
    # "shot and killed" is one act: no second event at the province after it
    text = (
        "On 6 June 2021, a soldier was shot and killed by militants in close proximity to "
        "Maruf district center, Kandahar."
    )
    events = _events(pipeline, text)
    assert {e.places[0].name for e in events} == {"Ma‘rūf"}
    assert "Battles" in {e.acled_event_type for e in events}


def test_shelling_with_fire_seen_both_ways_is_a_battle(pipeline: Pipeline) -> None:
    both = _events(
        pipeline,
        "On 5 June 2021, rebel forces fired mortars at the army's positions near Avdiivka. "
        "Monitors counted 18 explosions in both directions of the frontline near Avdiivka.",
    )
    assert {e.acled_event_type for e in both} == {"Battles"}
    # Counterexample: fire seen one way only stays remote violence
    one_way = _events(
        pipeline,
        "On 5 June 2021, rebel forces fired mortars at the army's positions near Avdiivka. "
        "Monitors counted 18 explosions near Avdiivka.",
    )
    assert "Battles" not in {e.acled_event_type for e in one_way}


def test_explosives_made_safe_are_no_remote_violence(pipeline: Pipeline) -> None:
    safe = _events(
        pipeline,
        "On 5 June 2021, soldiers discovered and destroyed two explosive devices near Djibo.",
    )
    assert safe
    assert {(e.event_type, e.acled_sub_event_type) for e in safe} == {
        ("development", "Disrupted weapons use")
    }
    # Counterexample: a device that went off is remote violence
    blast = _events(pipeline, "On 5 June 2021, an explosive device killed two soldiers near Djibo.")
    assert "Explosions/Remote violence" in {e.acled_event_type for e in blast}


def test_a_toll_with_no_type_of_its_own_takes_the_development_that_caused_it(
    pipeline: Pipeline,
) -> None:
    """A bomb that went off in its carriers' hands killed them: the toll is that disrupted
    weapons use, not an event without an ACLED type."""
    found = _events(
        pipeline,
        "On 5 June 2021, a bomb carried by militants detonated prematurely, killing 4 "
        "militants, in Spin Boldak district.",
    )
    assert found
    assert {(e.acled_event_type, e.acled_sub_event_type) for e in found} == {
        ("Strategic developments", "Disrupted weapons use")
    }
    assert sum(e.casualties.killed or 0 for e in found) == 4


def test_property_torched_with_no_one_harmed_is_property_destruction(pipeline: Pipeline) -> None:
    """The arson the verb tells becomes the development the sentence is about; with people
    harmed it stays an attack."""
    found = _events(
        pipeline, "On 5 June 2021, unknown arsonists torched a telecommunications mast in Limassol."
    )
    assert found
    assert {(e.event_type, e.acled_sub_event_type) for e in found} == {
        ("development", "Looting/property destruction")
    }
    harmed = _events(
        pipeline,
        "On 5 June 2021, bandits attacked bus passengers near Bignona and robbed them; one "
        "traveller was shot and injured.",
    )
    assert "Looting/property destruction" not in {e.acled_sub_event_type for e in harmed}
    assert "Violence against civilians" in {e.acled_event_type for e in harmed}


def test_an_attack_on_a_village_fought_off_is_a_battle(pipeline: Pipeline) -> None:
    fought = _events(
        pipeline,
        "On 5 June 2021, militants attacked the village of Mondoro. Clashes erupted between "
        "the militants and local militiamen who repelled the attack.",
    )
    assert "Battles" in {e.acled_event_type for e in fought}
    assert "Violence against civilians" not in {e.acled_event_type for e in fought}
    # a common misspelling tells it too
    misspelt = _events(
        pipeline,
        "On 5 June 2021, soldiers repeled an attack by militants on their base in Port Harcourt.",
    )
    assert "Battles" in {e.acled_event_type for e in misspelt}
    # Counterexample: an attack nobody fought stays violence against civilians
    alone = _events(
        pipeline,
        "On 5 June 2021, militants attacked the village of Mondoro. Residents fled to the forest.",
    )
    assert "Violence against civilians" in {e.acled_event_type for e in alone}
    assert "Battles" not in {e.acled_event_type for e in alone}


def test_a_sentence_of_two_places_retypes_only_events_of_the_rules_kind(
    pipeline: Pipeline,
) -> None:
    riot = _events(
        pipeline,
        "On 5 June 2021, in Soacha, Bogota, a group of 30 residents demonstrated with stones "
        "demanding food aid.",
    )
    assert riot and {e.acled_event_type for e in riot} == {"Riots"}
    # Counterexample: a protest and a killing in one sentence keep their own types
    both = _events(
        pipeline,
        "On 5 June 2021, protesters rallied in Kumasi while gunmen shot dead a trader in Tamale.",
    )
    assert {(e.event_type, e.acled_event_type) for e in both if e.event_type != "casualty"} == {
        ("protest", "Protests"),
        ("other", "Violence against civilians"),
    }


@pytest.mark.parametrize(
    ("text", "sub_type"),
    [
        (
            "On 5 June 2021, nurses demonstrated in Kisumu to demand pay. "
            "The police dispersed the demonstration and detained 11 protesters.",
            "Protest with intervention",
        ),
        (
            "On 5 June 2021, nurses demonstrated in Kisumu to demand pay. "
            "Police shot one of the protesters.",
            "Excessive force against protesters",
        ),
        # Counterexamples: arrests that caused the protest or came days later
        (
            "On 5 June 2021, nurses demonstrated in Kisumu to demand the release of a colleague. "
            "The colleague was arrested last week on a fraud charge.",
            "Peaceful protest",
        ),
        (
            "On 5 June 2021, nurses demonstrated in Kisumu to demand pay. "
            "Several were arrested in the following days.",
            "Peaceful protest",
        ),
    ],
)
def test_a_protest_takes_the_policing_told_in_the_next_sentence(
    pipeline: Pipeline, text: str, sub_type: str
) -> None:
    events = _events(pipeline, text)
    assert [e.acled_sub_event_type for e in events if e.event_type == "protest"] == [sub_type]


def test_security_measures_and_armed_groups_aid_are_changes_of_activity(
    pipeline: Pipeline,
) -> None:
    for text in (
        "On 5 June 2021, the governor of Kisumu halted all entries and departures from the "
        "county for two weeks.",
        "On 5 June 2021, members of a gang delivered food packages to families in Kisumu.",
    ):
        events = _events(pipeline, text)
        assert [(e.event_type, e.acled_sub_event_type) for e in events] == [
            ("development", "Change to group/activity")
        ], text
        assert events[0].places[0].name == "Kisumu"
    # Counterexamples: weather closes schools, charities hand out food
    assert (
        _events(pipeline, "On 5 June 2021, schools in Kisumu were closed for the holidays.") == []
    )
    assert (
        _events(
            pipeline, "On 5 June 2021, a charity delivered food packages to families in Kisumu."
        )
        == []
    )


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # the other side's dead, told next without a place, complete the story's toll
        (
            "On 5 June 2021, 2 soldiers were killed in an attack by militants in Baidoa. "
            "Troops fought back and killed 3 militants.",
            5,
        ),
        # Counterexamples: people of any kind, or the same victims told again
        (
            "On 5 June 2021, at least 20 people were killed in clashes in Baidoa. "
            "One police officer was killed trying to intervene.",
            20,
        ),
        (
            "On 5 June 2021, 2 soldiers were killed in an attack by militants in Baidoa. "
            "The army said 3 soldiers died.",
            2,
        ),
    ],
)
def test_a_later_toll_of_other_victims_adds_to_the_story(
    pipeline: Pipeline, text: str, killed: int
) -> None:
    events = _events(pipeline, text)
    assert sum(e.casualties.killed or 0 for e in events if e.casualties) == killed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a report: one event at every place of the list, each after its container
        (
            "On 5 June 2021, rebel reinforcements arrived on the Nihm (Nihm, Sanaa) and "
            "Sirwah (Sirwah, Marib) fronts.",
            [{"YE"}],
        ),
        # a trigger: the listed places, each its own point, one ACLED type for all
        (
            "On 5 June 2021, the two sides exchanged mortar fire on the Sirwah (Sirwah, Marib)"
            " and Nati (Nati, Al Bayda) fronts.",
            [{"YE"}, {"YE"}],
        ),
        # the part of each place named before it
        (
            "On 5 June 2021, clashes broke out in the east of Homs and the northern"
            " countryside of Hama.",
            [{"SY"}, {"SY"}],
        ),
        # a unit noun between a listed name and its container
        (
            "On 5 June 2021, the two sides exchanged mortar fire on the fronts of Sirwah front"
            " (Sirwah, Marib) and Nati (Nati, Al Bayda).",
            [{"YE"}, {"YE"}],
        ),
    ],
)
def test_an_event_is_at_every_place_of_a_list(
    pipeline: Pipeline, text: str, expected: list[set[str]]
) -> None:
    events = [e for e in _events(pipeline, text) if e.path is None]
    assert [{p.country_code for p in e.places} for e in events] == expected
    points = {(p.lon, p.lat) for e in events for p in e.places}
    assert len(points) == 2
    assert len({e.acled_event_type for e in events}) == 1


@pytest.mark.parametrize(
    "text",
    [
        # the other end of a stretch, a stated container, a place left open
        "On 5 June 2021, clashes broke out on the road between Sirwah and Nati.",
        "On 5 June 2021, rebel reinforcements arrived in Sirwah, Marib.",
        "On 5 June 2021, rebel reinforcements arrived in Sirwah or Nati.",
        "On 5 June 2021, rebel reinforcements arrived in Sirwah district (Marib) or Nati.",
    ],
)
def test_one_place_is_no_list(pipeline: Pipeline, text: str) -> None:
    events = [e for e in _events(pipeline, text) if e.path is None]
    assert events
    assert all(len({(p.lon, p.lat) for p in e.places}) == 1 for e in events), [
        [p.name for p in e.places] for e in events
    ]
    assert len({(p.lon, p.lat) for e in events for p in e.places}) == 1


def test_a_toll_that_refers_back_goes_to_the_event_just_told(pipeline: Pipeline) -> None:
    text = (
        "On 5 June 2021, militants threw a grenade at soldiers in Baidoa. The soldiers opened "
        "fire in response. The explosion killed one soldier."
    )
    events = _events(pipeline, text)
    assert sum(e.casualties.killed or 0 for e in events if e.casualties) == 1
    assert [e.places[0].name for e in events if e.casualties and e.casualties.killed] == ["Baidoa"]


def test_a_raid_that_makes_arrests_is_the_arrest(pipeline: Pipeline) -> None:
    """The raid is how the arrests were made: one event, an arrest, as ACLED codes it; a
    crowd that frees a suspect from custody makes none."""
    raid = _events(
        pipeline,
        "On 5 June 2021, soldiers raided university dormitories in Adama, arresting some 50 "
        "students.",
    )
    assert {(e.acled_event_type, e.acled_sub_event_type) for e in raid} == {
        ("Strategic developments", "Arrests")
    }
    freed = _events(
        pipeline,
        "On 5 June 2021, residents of Adama freed a suspected thief from police custody and "
        "burnt down a cottage.",
    )
    assert all(e.acled_sub_event_type != "Arrests" for e in freed)


@pytest.mark.parametrize(
    ("text", "sub_types"),
    [
        # an arrest whose next sentence tells the one arrested harmed is an attack...
        (
            "On 5 June 2021, soldiers arrested a shopkeeper in Tandiama. "
            "The soldiers tortured the man in custody.",
            {"Attack"},
        ),
        # ...not a later sentence of someone else's death
        (
            "On 5 June 2021, soldiers arrested a shopkeeper in Tandiama. "
            "The shopkeeper's brother died in 2019.",
            {"Arrests"},
        ),
        # an attack whose next sentence tells only property destroyed is that destruction...
        (
            "On 5 June 2021, militants raided the village of Gorodaga. "
            "They set fire to the school.",
            {"Looting/property destruction"},
        ),
        # ...and someone harmed keeps the attack
        (
            "On 5 June 2021, militants raided the village of Gorodaga. They set fire to the "
            "school and killed two farmers.",
            {"Attack"},
        ),
        # a riot whose cause the next sentence tells is a violent demonstration...
        (
            "On 5 June 2021, students rioted in Jimma. The riots were in response to a new "
            "fee for university education.",
            {"Violent demonstration"},
        ),
        # ...and one with none told, mob violence
        (
            "On 5 June 2021, students rioted in Jimma. Two shops were damaged.",
            {"Mob violence"},
        ),
    ],
)
def test_what_the_next_sentence_tells_retypes_the_event(
    pipeline: Pipeline, text: str, sub_types: set[str]
) -> None:
    assert {e.acled_sub_event_type for e in _events(pipeline, text)} == sub_types
