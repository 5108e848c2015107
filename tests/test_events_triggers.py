"""Trigger lexicons, ACLED mapping, negation and hedges."""

from __future__ import annotations

import pytest

from events.triggers import find_triggers, polarity


def _kinds(sentence: str) -> list[tuple[str, str | None]]:
    return [(t.rule.event_type, t.rule.acled[1]) for t in find_triggers(sentence)]


@pytest.mark.parametrize(
    ("sentence", "kind", "sub_event"),
    [
        ("Air strikes pounded the old city.", "strike", "Air/drone strike"),
        ("A drone attack set a depot ablaze.", "strike", "Air/drone strike"),
        ("Artillery fire hit the market.", "strike", "Shelling/artillery/missile attack"),
        ("Troops shelled the village.", "strike", "Shelling/artillery/missile attack"),
        (
            "They fired a ballistic missile at the port.",
            "strike",
            "Shelling/artillery/missile attack",
        ),
        ("Heavy clashes broke out at dawn.", "clash", "Armed clash"),
        # a headline's present tense, and "the control" as translations write it
        (
            "Factions take the control of the hill of Tell Aran.",
            "territory_change",
            "Non-state actor overtakes territory",
        ),
        (
            "The militia takes control of the town of Kafr Naya.",
            "territory_change",
            "Non-state actor overtakes territory",
        ),
        ("A car bomb exploded near the mosque.", "other", "Remote explosive/landmine/IED"),
        ("A suicide bomber struck a checkpoint.", "other", "Suicide bomb"),
        (
            "Rebels seized the town of Kidal.",
            "territory_change",
            "Non-state actor overtakes territory",
        ),
        ("The army recaptured two villages.", "territory_change", "Government regains territory"),
        ("Students protested outside parliament.", "protest", "Peaceful protest"),
        ("Rioters torched cars.", "protest", "Violent demonstration"),
        ("Thousands fled the city.", "displacement", None),
        ("A cargo plane crashed on landing.", "crash", None),
        ("Jets violated Greek airspace twice.", "airspace_violation", "Other"),
    ],
)
def test_lexicon(sentence: str, kind: str, sub_event: str | None) -> None:
    assert (kind, sub_event) in _kinds(sentence)


def test_bare_verbs_need_a_weapon() -> None:
    assert _kinds("The storm hit the coast.") == [("other", None)]  # a hazard, no strike
    assert _kinds("The news hit markets hard.") == []
    assert ("strike", "Air/drone strike") in _kinds("Warplanes hit the bridge.")


def test_the_air_force_naming_its_people_is_no_air_weapon() -> None:
    for sentence in (
        "Gunmen opened fire on two members of the Air Force Intelligence in the town.",
        "Assailants attacked an air force officer outside his home.",
    ):
        assert ("strike", "Air/drone strike") not in _kinds(sentence), sentence
    assert ("strike", "Air/drone strike") in _kinds("The air force attacked the convoy.")


def test_figurative_uses_need_conflict_context() -> None:
    assert _kinds("Oil prices crashed after the announcement.") == []
    assert _kinds("The home side fought back to win 3-2.") == []
    assert _kinds("Tourists fled the heat.") == []
    assert _kinds("The opposition launched a scathing attack on the budget.") == []
    assert ("clash", "Armed clash") in _kinds("Heavy fighting erupted near the airport.")
    assert ("displacement", None) in _kinds("Thousands of families fled the town.")
    assert ("crash", None) in _kinds("A military helicopter crashed on take-off.")


def test_raids_flown_by_aircraft_are_air_strikes() -> None:
    air = ("strike", "Air/drone strike")
    assert _kinds("Warplanes carried out raids on the depot near the town.") == [air]
    assert air in _kinds("Raids by helicopter gunships hit the market.")
    # counterexample: a raid on foot is no air strike, whatever weapons the raiders carry
    assert air not in _kinds("Gunmen armed with rockets raided the village at dawn.")


def test_labour_strikes_are_protests() -> None:
    assert _kinds("Dock workers went on strike in the port.") == [("protest", "Peaceful protest")]
    assert _kinds("A general strike shut the city.") == [("protest", "Peaceful protest")]
    assert _kinds("Hospital staff staged a 48-hour strike.") == [("protest", "Peaceful protest")]
    assert _kinds("Drivers held a strike over fuel prices.") == [("protest", "Peaceful protest")]
    assert _kinds("The union called a strike at the mine.") == [("protest", "Peaceful protest")]
    assert _kinds("Nurses began a protest strike on Monday.") == [("protest", "Peaceful protest")]
    # counterexamples: an army carries out a strike or calls one in
    assert _kinds("Jets carried out a strike on the depot.") == [("strike", "Air/drone strike")]
    assert ("strike", "Air/drone strike") in _kinds("Troops called in an air strike on the ridge.")


def test_a_strike_in_a_labour_story_is_the_labour_strike() -> None:
    sentence = "The strike left buses idle across the capital."
    assert _kinds(sentence) == [("strike", "Air/drone strike")]  # in a war story
    assert [(t.rule.event_type, t.text) for t in find_triggers(sentence, labour=True)] == [
        ("protest", "strike")
    ]
    # an air strike is still an air strike in a story that also tells of a labour strike
    assert ("strike", "Air/drone strike") in [
        (t.rule.event_type, t.rule.acled[1])
        for t in find_triggers("An air strike hit the depot.", labour=True)
    ]


def test_sport_is_no_fighting() -> None:
    assert _kinds("The visitors won the derby 2-1 after a bad-tempered clash.") == []
    assert _kinds("Their striker hit the post twice in the cup final.") == []
    assert ("clash", "Armed clash") in _kinds("Troops clashed with rebels near the stadium.")
    beaten = "The army crushed the rebels and beat back an assault."
    assert ("clash", "Armed clash") in _kinds(beaten)


def test_retaliation_and_support_are_no_new_attack() -> None:
    assert polarity("The strike was in retaliation for ") == "hedged"
    assert polarity("Troops backed by U.S. ") == "hedged"
    assert polarity("Troops fired at ") is None


def test_an_accusation_holds_back_what_it_names_not_the_clauses_own_verb() -> None:
    assert polarity("He was charged with ") == "hedged"
    assert polarity("A prosecutor said the victim was ") == "hedged"
    # the accused are the victims of the clause's own verb
    assert polarity("Two men suspected of robberies in the town were fatally ") is None


def test_a_headline_present_targets_and_the_noun_does_not() -> None:
    assert [t.text for t in find_triggers("Warplanes target several areas in the city.")] == [
        "target"
    ]
    assert [t.text for t in find_triggers("Rockets target the airport.")] == ["target"]
    # the noun: "a target", "the main targets"
    assert find_triggers("Drones remain the main targets of the air defences.") == []
    assert "target" not in {t.text for t in find_triggers("The depot was a target of shells.")}


def test_forces_on_the_move_take_no_territory() -> None:
    moving = "Two Turkish military convoys, with dozens of vehicles, entered Idlib on Monday."
    assert "territory_change" not in {k for k, _ in _kinds(moving)}
    assert _kinds("Rebel troops entered Goma on Monday.")[0][0] == "territory_change"


def test_territory_verbs_need_territory() -> None:
    assert _kinds("Militants captured two soldiers.") == []
    assert _kinds("Rebels captured Ukrainian soldiers near the river.") == []
    assert _kinds("Rebels captured Goma.")[0][0] == "territory_change"
    # headlines in the present; a pocket or enclave is territory, a company is not
    assert _kinds("Rebels take over the last pocket of the town.")[0][0] == "territory_change"
    assert _kinds("Militias take over the enclave after a week of fighting.")[0][0] == (
        "territory_change"
    )
    assert _kinds("A rival firm takes over the company.") == []
    # goods seized on a road or in a village are no territory; "took place between" no taking
    assert "territory_change" not in {
        k for k, _ in _kinds("Gunmen seized two trucks between Kiri and Bargou.")
    }
    assert "territory_change" not in {
        k for k, _ in _kinds("Militiamen seized motorcycles the village of Sama.")
    }
    assert "territory_change" not in {
        k for k, _ in _kinds("Clashes took place between militants and Gao youths.")
    }
    assert _kinds("Militiamen seized the village of Sama.")[0][0] == "territory_change"


@pytest.mark.parametrize(
    "before",
    [
        "Russia has denied that any of its missiles ",
        "The ministry said its jets did not ",
        "They didn’t ",
        "Officials dismissed claims that its week of ",
        "No ",
    ],
)
def test_negated(before: str) -> None:
    assert polarity(before) == "negated"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("There are fears that there could be an accidental ", ""),
        ("Both sides will hold talks to avoid ", ""),
        ("The militia threatened to ", ""),
        ("Analysts say the ", " could resume next week"),
        ("If the ", " spread, aid will stop"),
    ],
)
def test_hedged(before: str, after: str) -> None:
    assert polarity(before, after) == "hedged"


def test_asserted() -> None:
    assert polarity("Activists said Russian warplanes ", " towns including") is None


def test_explosions_are_the_weapons_named_when_there_are_some() -> None:
    assert _kinds("An explosion shook the market.") == [("other", "Remote explosive/landmine/IED")]
    kinds = _kinds("Missiles hit the port and explosions were heard across the city.")
    assert ("other", "Remote explosive/landmine/IED") not in kinds
    kinds = _kinds("Airstrikes hit Aleppo, causing explosions across the city.")
    assert ("other", "Remote explosive/landmine/IED") not in kinds


@pytest.mark.parametrize(
    "sentence",
    [
        "Airstrikes target Al-Raqqah city and explosion at the southern countryside of Al-Hasakah.",
        "Injuries in airstrike at Deir Ezzor city and explosions in Raqqah city.",
    ],
)
def test_an_explosion_told_after_another_place_is_another_event(sentence: str) -> None:
    kinds = _kinds(sentence)
    assert ("strike", "Air/drone strike") in kinds
    assert ("other", "Remote explosive/landmine/IED") in kinds


def test_passive_launch() -> None:
    assert ("strike", "Shelling/artillery/missile attack") in _kinds(
        "Rockets were fired from the south overnight."
    )


def test_arson_and_dropped_munitions() -> None:
    assert ("other", "Attack") in _kinds("Settlers set fire to homes in the village.")
    assert ("strike", "Air/drone strike") in _kinds("A drone dropped explosives on a bus stop.")


def test_abduction() -> None:
    assert ("other", "Abduction/forced disappearance") in _kinds(
        "Gunmen abducted dozens of pupils from a school."
    )


def test_names_and_forecasts_are_no_triggers() -> None:
    assert _kinds("They won the Clash VI tournament in the city.") == []
    assert _kinds("A storm expected to reach the coast.") == [("other", None)]
    assert polarity("A ", " expected to miss the city") == "hedged"
    assert _kinds("The suspects were captured Thursday evening in the town.") == []


def test_court_cases_are_not_new_events() -> None:
    assert polarity("He was sentenced to five years for an ") == "hedged"
    assert polarity("A court sentenced two men to death for the ") == "hedged"
    # a sentence carried out at once is the event
    assert polarity("A militant court sentenced a man to death and ") is None


def test_camps_and_convoys() -> None:
    assert "displacement" not in {k for k, _ in _kinds("Shells hit the displacement camp.")}
    assert _kinds("A military convoy entered Idlib to resupply its posts.") == []
    assert ("territory_change", "Non-state actor overtakes territory") in _kinds(
        "Rebel fighters entered Hama on Thursday."
    )


def test_tank_fire_and_arson() -> None:
    assert ("strike", "Shelling/artillery/missile attack") in _kinds(
        "Two men were killed by tank fire near the crossing."
    )
    assert ("other", "Attack") in _kinds("Gunmen stormed the hamlet, setting fire to granaries.")


def test_heavy_rain_and_a_burst_dam_are_hazards() -> None:
    assert _kinds("Torrential rain flooded the valley.") == [("other", None)]
    assert _kinds("The dam burst before dawn.") == [("other", None)]
    assert _kinds("Damascus condemned the damage.") == []


def test_people_named_by_a_disaster_are_no_new_disaster() -> None:
    assert _kinds("Victims of the latest floods blocked the national road.") == []
    assert _kinds("Survivors of the earthquake demanded new homes.") == []
    assert _kinds("Floods swept through the valley overnight.") == [("other", None)]


@pytest.mark.parametrize(
    ("sentence", "kind", "sub_event"),
    [
        ("LIMA (AP) - Hurricane Otis made landfall overnight.", "other", None),
        ("KABUL (AP) - Fighting erupted near the border, killing 12 soldiers.", "clash", None),
        ("Two buses collided on the highway at night.", "crash", None),
        ("A ferry capsized with 200 passengers on board.", "crash", None),
        ("Thousands were left homeless by the storm surge.", "displacement", None),
        ("It forced 12,000 to flee their homes.", "displacement", None),
        ("Unknown gunmen shot dead a local mayor at his office.", "other", "Attack"),
    ],
)
def test_more_ways_to_tell_an_event(sentence: str, kind: str, sub_event: str | None) -> None:
    found = [t for t in find_triggers(sentence) if t.rule.event_type == kind]
    assert found, _kinds(sentence)
    if kind == "clash":
        assert found[0].rule.acled[1] == "Armed clash"
    else:
        assert found[0].rule.acled[1] == sub_event


@pytest.mark.parametrize(
    "sentence",
    [
        "Veterans of Operation Desert Storm met again in the old capital last week.",
        "Police shot dead a suspect who drew a knife.",
        "Many of the displaced have crossed the border.",
        "Oil prices crashed after the report.",
    ],
)
def test_look_alikes_with_no_event(sentence: str) -> None:
    kinds = {t.rule.event_type for t in find_triggers(sentence)}
    assert not kinds & {"other", "displacement", "crash"}, kinds


@pytest.mark.parametrize(
    ("before", "trigger"),
    [
        ("The navy held drills off the coast, simulating ", "strikes"),
        ("The firm won a contract to supply artillery ", "shells"),
        ("The governor ordered troops to help ", "evacuate"),
        ("The launchers were used to ", "attack"),
    ],
)
def test_drills_contracts_and_purposes_are_hedged(before: str, trigger: str) -> None:
    assert polarity(before) == "hedged"


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The volcano erupted before dawn, burying villages in ash.", "other"),
        ("Floodwaters submerged half the town.", "other"),
        ("Water from the collapsed dam swept away bridges.", "other"),
        ("The floods ended up displacing 40,000 residents.", "displacement"),
    ],
)
def test_hazards_and_flights_in_other_words(sentence: str, kind: str) -> None:
    assert kind in {t.rule.event_type for t in find_triggers(sentence)}, _kinds(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The sequel bombed at the box office last weekend.",
        "SpaceX launched a rocket carrying 20 satellites on Friday.",
        "The booster landed on a drone ship after liftoff.",
        "Fighting erupted in the parliament over the budget vote.",
    ],
)
def test_films_rockets_and_debates_are_no_attack_or_hazard(sentence: str) -> None:
    kinds = {t.rule.event_type for t in find_triggers(sentence)}
    assert not kinds & {"strike", "other"}, kinds


def test_rejecting_an_offer_is_no_denial_but_rejecting_claims_is() -> None:
    assert polarity("Workers rejected the offer and voted to stay on ") is None
    assert polarity("The army rejected claims that its jets had ") == "negated"
    assert polarity("Moscow dismissed reports that drones had ") == "negated"


def test_condemning_strikes_is_no_strike_and_pickets_are_protests() -> None:
    assert polarity("The ministers condemned Israeli ") == "hedged"
    assert ("protest", "Peaceful protest") in _kinds("Nurses were picketing outside the hospital.")
    assert ("other", None) in _kinds("A strong tremor shook the city at dawn.")


def test_forecasts_and_precautions_are_hedged() -> None:
    assert polarity("", " Bert could bring heavy rain to the coast") == "hedged"
    assert polarity("Forecasters said the storm could bring heavy rain and ") == "hedged"
    assert polarity("Shelters were opened in case residents had to be ") == "hedged"
    assert ("territory_change", "Non-state actor overtakes territory") in _kinds(
        "Rebels have taken full control of the town of Kidal."
    )


@pytest.mark.parametrize(
    ("sentence", "strike"),
    [
        ("The new album bombed in the charts.", False),
        ("The comedy bombing at the box office surprised the studio.", False),
        ("Warplanes bombed the market, killing nine people.", True),
        ("Russian jets bombed the outskirts of the town overnight.", True),
    ],
)
def test_bombed_is_a_strike_only_where_war_is_told(sentence: str, strike: bool) -> None:
    assert ("strike" in {k for k, _ in _kinds(sentence)}) is strike


@pytest.mark.parametrize(
    ("sentence", "arson"),
    [
        ("Gunmen set two shops on fire in the market.", True),
        ("Three houses were set on fire by raiders overnight.", True),
        ("Fans set the stadium alight with their chants.", False),
        ("Rioters set him alight in the street.", True),
        ("He set the record on fire with his performance.", False),
        ("The band set the stage on fire at the festival.", False),
    ],
)
def test_set_on_fire_is_arson_for_things_that_burn_and_people(sentence: str, arson: bool) -> None:
    found = any(m.text.lower().startswith(("set", "were set")) for m in find_triggers(sentence))
    assert found is arson


@pytest.mark.parametrize(
    ("sentence", "clash"),
    [
        ("Two police units exchanged gunfire at the court compound.", True),
        ("The two sides exchanged fire across the river.", True),
        ("The ministers exchanged views on the budget.", False),
    ],
)
def test_an_exchange_of_gunfire_is_a_clash(sentence: str, clash: bool) -> None:
    assert ("clash" in {k for k, _ in _kinds(sentence)}) is clash
