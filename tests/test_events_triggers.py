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


def test_figurative_uses_need_conflict_context() -> None:
    assert _kinds("Oil prices crashed after the announcement.") == []
    assert _kinds("The home side fought back to win 3-2.") == []
    assert _kinds("Tourists fled the heat.") == []
    assert _kinds("The opposition launched a scathing attack on the budget.") == []
    assert ("clash", "Armed clash") in _kinds("Heavy fighting erupted near the airport.")
    assert ("displacement", None) in _kinds("Thousands of families fled the town.")
    assert ("crash", None) in _kinds("A military helicopter crashed on take-off.")


def test_labour_strikes_are_protests() -> None:
    assert _kinds("Dock workers went on strike in the port.") == [("protest", "Peaceful protest")]
    assert _kinds("A general strike shut the city.") == [("protest", "Peaceful protest")]
    assert _kinds("Hospital staff staged a 48-hour strike.") == [("protest", "Peaceful protest")]


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


def test_territory_verbs_need_territory() -> None:
    assert _kinds("Militants captured two soldiers.") == []
    assert _kinds("Rebels captured Ukrainian soldiers near the river.") == []
    assert _kinds("Rebels captured Goma.")[0][0] == "territory_change"


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
