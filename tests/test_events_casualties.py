"""Numbers and casualty tolls."""

from __future__ import annotations

import pytest

from events.casualties import find_count, find_toll, parse_number


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("36", 36),
        ("1,200", 1200),
        ("four", 4),
        ("twenty-six", 26),
        ("forty two", 42),
        ("two hundred", 200),
        ("3 thousand", 3000),
        ("dozens", 12),  # ACLED: conservative reading
        ("a dozen", 12),
        ("tens", 10),
        ("hundreds", 100),
        ("several", None),
        ("many", None),
    ],
)
def test_parse_number(phrase: str, value: int | None) -> None:
    assert parse_number(phrase) == value


def test_killed_and_injured_with_qualifier_and_victims() -> None:
    toll = find_toll("Shelling killed at least 14 civilians and wounded 30 others in the town.")
    assert toll is not None
    c = toll.casualties
    assert (c.killed, c.injured, c.qualifier, c.victims) == (14, 30, "at least", "civilians")


def test_number_words_and_passive_voice() -> None:
    c = find_toll("Eleven soldiers were killed when their convoy was ambushed.").casualties
    assert (c.killed, c.injured, c.victims) == (11, None, "soldiers")


def test_deaths_of() -> None:
    c = find_toll("The raid resulted in the deaths of more than 100 people.").casualties
    assert (c.killed, c.qualifier) == (100, "more than")


def test_left_dead() -> None:
    c = find_toll("The bombing left 23 people dead and dozens injured.").casualties
    assert (c.killed, c.injured) == (23, 12)


def test_vague_number_gets_at_least() -> None:
    c = find_toll("Hundreds of people were killed in the fighting.").casualties
    assert (c.killed, c.qualifier) == (100, "at least")


def test_about_and_up_to() -> None:
    assert find_toll("Around 40 people died.").casualties.qualifier == "about"
    assert find_toll("The strike killed up to 60 fighters.").casualties.qualifier == "up to"


def test_two_groups_are_added() -> None:
    c = find_toll("Five police officers and two children were killed.").casualties
    assert c.killed == 7
    assert c.victims == "police officers, children"


def test_single_victim() -> None:
    c = find_toll("A child was killed when a shell hit the yard.").casualties
    assert (c.killed, c.victims) == (1, "child")


def test_demonym_victims() -> None:
    assert find_toll("The attack killed 9 Palestinians.").casualties.victims == "Palestinians"


def test_death_toll_rose() -> None:
    assert find_toll("The death toll rose to 58 on Friday.").casualties.killed == 58


@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        # the victims named between "number of" and "killed", a long clause before the verb
        (
            "The number of civilians killed by airstrikes in the east of the province rose to 54.",
            54,
        ),
        (
            "The number of casualties killed by the shelling of villages south of the "
            "river near the border rose to at least 31.",
            31,
        ),
    ],
)
def test_a_number_killed_that_rose_is_the_toll(sentence: str, killed: int) -> None:
    assert find_toll(sentence).casualties.killed == killed


def test_a_number_of_things_that_rose_is_no_toll() -> None:
    assert find_toll("The number of checkpoints in the city rose to 40.") is None


def test_no_toll_in_plain_sentences() -> None:
    assert find_toll("Four missiles crashed in the desert.") is None
    assert find_toll("In 2014 the group took the city.") is None
    assert find_toll("The convoy drove 30 km before it was hit.") is None


def test_nobody_hurt() -> None:
    assert find_toll("No one was killed in the blast.") is None
    assert find_toll("There were no casualties.") is None
    assert find_toll("Nine people were killed.").casualties.killed == 9


def test_no_deaths_but_some_injured() -> None:
    c = find_toll("No deaths were reported, but three guards were injured.").casualties
    assert (c.killed, c.injured) == (None, 3)


def test_a_victim_named_by_role_or_pronoun() -> None:
    assert find_toll("Gunmen shot dead a local candidate on Monday.").casualties.killed == 1
    c = find_toll("Attackers opened fire, killing her and wounding two others.").casualties
    assert (c.killed, c.injured) == (1, 2)


def test_find_count() -> None:
    assert find_count("four missiles that crashed") == (4, "missiles")
    assert find_count("two military helicopters went down") == (2, "helicopters")
    assert find_count("no numbers here") is None


@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        # the unit or group the dead belonged to stands between them and the verb
        ("Nine fighters from the 5th Brigade were reported killed.", 9),
        ("Two members of the local council were shot dead.", 2),
        ("A man from the city of Homs was executed by the militants.", 1),
        # counterexample: a clause with its own verb is no part of the group's name
        ("300 residents of the village were displaced and 4 were killed.", 4),
    ],
)
def test_the_dead_named_with_their_unit(sentence: str, killed: int) -> None:
    toll = find_toll(sentence)
    assert toll is not None and toll.casualties.killed == killed


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a headline's present tense for the injured too
        ("Jet crash kills 1, injures 4 near the airport.", (1, 4)),
        ("Gunmen kill 2, wound 5 in Kano.", (2, 5)),
        ("Bomb wounds 12 at a market.", (None, 12)),
        # counterexamples: a wound is no count; killed and injured together give neither
        ("A deep wound 5 cm long was found on the body.", None),
        ("Fighting kills and injures about 25 fighters.", None),
    ],
)
def test_present_tense_injuries(sentence: str, expected: tuple[int | None, int | None]) -> None:
    toll = find_toll(sentence)
    got = None if toll is None else (toll.casualties.killed, toll.casualties.injured)
    assert got == expected


def test_family_of() -> None:
    c = find_toll("The strike killed a family of seven.").casualties
    assert (c.killed, c.victims) == (7, "family members")


def test_both_and_one_after_the_verb() -> None:
    c = find_toll("The crash killed both pilots on board.").casualties
    assert (c.killed, c.qualifier) == (2, None)
    assert find_toll("Shelling killed a 63-year-old man.").casualties.killed == 1


def test_an_age_written_without_hyphens_is_no_count() -> None:
    assert find_toll("Soldiers killed a 12 years child.").casualties.killed == 1
    assert find_toll("Soldiers killed a 12 year old boy.").casualties.killed == 1
    # a time ago is no age: the killing is history
    assert find_toll("Gunmen killed two people 10 years ago.") is None


def test_dead_as_an_adjective_is_no_toll() -> None:
    assert find_toll("Inspectors found 2 dead young owls in the zoo.") is None
    assert find_toll("Five were injured in the blast.").casualties.injured == 5


def test_ages_are_no_tolls() -> None:
    assert find_toll("He is charged in the death of 24-year-old Sarah.") is None


def test_a_toll_that_rises_within_the_sentence_is_not_added_up() -> None:
    toll = find_toll("Eight people were killed on Monday, and by evening the toll had risen to 11.")
    assert toll is not None and toll.casualties.killed == 11


def test_drivers_and_traders_are_victims() -> None:
    toll = find_toll("Gunmen ambushed the lorries, killing nine drivers.")
    assert toll is not None and (toll.casualties.killed, toll.casualties.victims) == (9, "drivers")
    toll = find_toll("Four traders were killed when the market was shelled.")
    assert toll is not None and toll.casualties.victims == "traders"


def test_ages_and_inmates() -> None:
    c = find_toll("A 50-year-old woman was killed when debris fell on her house.").casualties
    assert (c.killed, c.victims) == (1, "woman")
    c = find_toll("The riot left at least 15 inmates dead and 14 injured.").casualties
    assert (c.killed, c.injured, c.victims) == (15, 14, "inmates")


def test_one_person_who_died() -> None:
    c = find_toll("A 23-year-old protester died after being hit by a canister.").casualties
    assert (c.killed, c.victims) == (1, "protester")
    assert find_toll("A soldier killed two civilians.").casualties.killed == 2


def test_people_treated_for_burns_are_injured() -> None:
    toll = find_toll("Another 40 people were being treated in hospital for burns.")
    assert toll is not None
    assert (toll.casualties.killed, toll.casualties.injured) == (None, 40)


@pytest.mark.parametrize(
    "sentence",
    ["Eight people were treated for smoke inhalation.", "Dozens were treated for cholera."],
)
def test_people_treated_for_an_illness_are_no_toll(sentence: str) -> None:
    assert find_toll(sentence) is None


def test_bodies_pulled_from_rubble_are_dead() -> None:
    toll = find_toll("Rescuers pulled at least six bodies from the rubble overnight.")
    assert toll is not None
    assert (toll.casualties.killed, toll.casualties.qualifier) == (6, "at least")


def test_bodies_pulled_with_no_number_are_no_toll() -> None:
    assert find_toll("Rescuers pulled the bodies from the rubble.") is None


# --- tolls as real reporting states them: each class with examples and counterexamples ---
# (sentences written for these tests; (killed, injured), None when no toll at all)

Expected = tuple[int | None, int | None] | None


def _read(sentence: str) -> Expected:
    toll = find_toll(sentence)
    return None if toll is None else (toll.casualties.killed, toll.casualties.injured)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # fatalities, deaths, "N dead"
        ("The raid left the village in ruins. 3 fatalities.", (3, None)),
        ("The army confirmed 5 insurgent fatalities.", (5, None)),
        ("The clash caused 3 rebel and 2 army fatalities.", (5, None)),
        ("The riot caused at least four deaths.", (4, None)),
        ("Two dead in market clashes.", (2, None)),
        ("One death was reported after the riot.", (1, None)),
        ("The brawl led to another death.", (1, None)),
        # verbs of killing, passive and active
        ("3 CID officers were shot dead by gunmen.", (3, None)),
        ("A trader was beaten to death by a mob.", (1, None)),
        ("Residents beat a suspected thief to death.", (1, None)),
        ("Two farmers were hacked to death in their field.", (2, None)),
        ("A detainee was tortured to death in custody.", (1, None)),
        ("Villagers lynched a suspected cattle thief.", (1, None)),
        ("The militia executes 5 men in the square.", (5, None)),
        ("The group executed three captives.", (3, None)),
        # one person named by a word for anyone, and where they came from
        ("The militants executed an individual from the town after a trial.", (1, None)),
        ("Fighters executed a young male in the square.", (1, None)),
        # a title after a comma is the same person; a fight before the dead counts no one
        ("Gunmen shot dead a police captain, head of the station.", (1, None)),
        # an amount quoted from a source
        ("Officers were among 'around 20' junta fighters killed in the clash.", (20, None)),
        ("'Dozens' of students were injured when the police fired.", (None, 12)),
        # killing told with another act, an execution by an agent, the dead named by it
        ("They slaughter and torture two young people in the town.", (2, None)),
        ("Militants killed and beheaded three farmers.", (3, None)),
        ("An execution by a military council against two people in the province.", (2, None)),
        ("The group posed in front of five executed victims.", (5, None)),
        ("Police found two dismembered women beside the highway.", (2, None)),
        ("Three lifeless men were left outside the town hall.", (3, None)),
        # a relative clause between the dead and a passive verb
        ("Three guards who were on duty at the gate were killed.", (3, None)),
        ("Two men who worked for the council were shot dead.", (2, None)),
        ("Four of the hostages who had been held since May were executed.", (4, None)),
        # a group counted by its members, a family in the passive
        ("Soldiers killed a group of 12 militants near the border.", (12, None)),
        ("A team of three aid workers was shot dead.", (3, None)),
        ("Troops kill unit of six guerrilla fighters on the highway.", (6, None)),
        ("A family of four was killed when a shell hit their house.", (4, None)),
        # a name or title in double quotes
        ('Gunmen kill the "head of the local council" in a village.', (1, None)),
        ("Gunmen kill the “head of the local council” in a village.", (1, None)),
        ("The clash left four soldiers killed and another five wounded.", (4, 5)),
        ("Gunmen killed and injured five people.", None),
        # the family killed with the first, never the weapon
        ("Warplanes kill a mother with her 4 children in the countryside.", (5, None)),
        ("Gunmen killed a farmer with his wife and son.", (3, None)),
        ("Gunmen killed a man with his own gun.", (1, None)),
        # the killing a victim was charged with, quoted, is no toll of its own
        (
            "A faction executes a person on charges of “assassinating one of its commanders.",
            (1, None),
        ),
        # a clause before the counted group counts no one
        ("The police fired, and dozens of students were injured.", (None, 12)),
        ("A clash broke out and 3 suspects were killed and an officer was wounded.", (3, 1)),
        ("The police shot back and two armed men were killed.", (2, None)),
        ("The soldiers returned fire and the gunman was killed.", (1, None)),
        ("A watchman fatally stabbed a thief at the gate.", (1, None)),
        ("Over 15 insurgents were 'neutralized' in the operation.", (15, None)),
        ("Student killed as city protests enter a second week.", (1, None)),
        ("1 doctor and lecturer was killed by gunmen.", (1, None)),
        ("Gunmen stormed the house and shot him dead.", (1, None)),
        ("Witnesses said that he was killed by a soldier.", (1, None)),
        ("Gunmen assassinated a judge outside the court.", (1, None)),
        ("The group assassinates 4 engineers working on the dam.", (4, None)),
        # the family or clan of the dead between count and verb
        ("Three young men of one family were killed by a landmine.", (3, None)),
        ("Two brothers from the same clan shot dead at a well.", (2, None)),
        # bodies
        ("The bodies of four men were found near the road.", (4, None)),
        ("Three bodies were found in a truck.", (3, None)),
        ("A herder's body was found near the well.", (1, None)),
        # lives
        ("The blast claimed 12 lives.", (12, None)),
        ("Nine people lost their lives in the collapse.", (9, None)),
        # groups named by acronyms, capitals, quotes and parentheses
        ("4 IS fighters were killed in a US drone strike.", (4, None)),
        ("9 (presumed ISWAP) fighters were killed in the raid.", (9, None)),
        ("Three 'bandits' were killed and five arrested.", (3, None)),
        ("Six LNA fighters were reportedly killed.", (6, None)),
        ("three members of the village guard were shot dead.", (3, None)),
        # lists add up; a breakdown with "including" does not
        ("Three guards and one gunman were killed.", (4, None)),
        ("Three nurses, one driver and one patient were killed.", (5, None)),
        ("The ambush killed a commander and three of his escorts.", (4, None)),
        ("Attackers killed a farmer, his wife and son.", (3, None)),
        ("Soldiers fired on the car, killing a man and his daughter.", (2, None)),
        ("16 soldiers, including 2 officers, were killed.", (16, None)),
        # one count over two kinds of people is one group, in either order
        ("4 women and children were killed in the shelling.", (4, None)),
        ("Four children and women were killed in the shelling.", (4, None)),
        ("The strike killed 12 women and children.", (12, None)),
        ("2 women and 3 children were killed.", (5, None)),
        ("Twelve rebel fighters and 4 army fatalities were reported.", (16, None)),
        # killed N and injured M: the killed only
        ("The bomb killed 5 policemen and injured 2.", (5, 2)),
        ("The fighting resulted in 6 bandits killed and 2 wounded.", (6, 2)),
        ("Roadside bomb kills one officer, 4 injured.", (1, 4)),
        ("The feud caused the killing of two men and the injury of five others.", (2, 5)),
        # vague amounts and ranges: the lowest reading
        ("Dozens of people were killed in the fighting.", (12, None)),
        ("The raiders killed between four and about eight villagers.", (4, None)),
        ("Between 3 and 12 guards were killed.", (3, None)),
        ("Dozens (coded as 12) of fighters were killed.", (12, None)),
    ],
)
def test_death_vocabulary(sentence: str, expected: Expected) -> None:
    assert _read(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # no deaths stated
        ("The police fired tear gas, injuring 2 protesters.", (None, 2)),
        ("Three soldiers were wounded in the ambush.", (None, 3)),
        ("Gunmen abducted 5 villagers from the market.", None),
        ("The attack caused no fatalities.", None),
        ("The village was shelled without casualties.", None),
        ("Casualties unknown.", None),
        ("Officials gave no information on fatalities.", None),
        ("An unknown number of bandits died.", None),
        # killed and injured counted together give neither
        ("The shelling killed and injured 5 civilians.", None),
        ("Nine policemen were killed and wounded.", None),
        ("12 rebels were killed, wounded or arrested.", None),
        # not deaths at all
        ("Bandits killed 30 cattle and looted the shops.", None),
        ("Raiders killed 10 cattle heads and burned a granary.", None),
        # the toll of the accident told as the cause
        (
            "Riders burnt a car after a road accident that resulted in the death of a colleague.",
            None,
        ),
        ("One herder was shot and killed, and 10 cattle heads killed.", (1, None)),
        ("Gunmen tried to kill a village chief.", None),
        ("Men who were contracted to assassinate the chief fled.", None),
        ("A court jailed the man on charges of murdering a trader.", None),
        ("The union demanded the execution of the agreement.", None),
        ("The wounded soldier was taken to hospital.", None),
        ("Officials said the three fatalities were all smugglers.", None),
        ("Rescuers pulled the bodies from the rubble.", None),
        ("Two mutilated survivors were treated at the clinic.", None),
        ("A group of 50 protesters marched to the governor's office.", None),
        # the one who acts after a relative clause is no victim; nor are others it names
        ("Two men who attacked the convoy escaped on foot.", None),
        ("Two boys who saw the men who were shot ran away.", None),
    ],
)
def test_no_deaths(sentence: str, expected: Expected) -> None:
    assert _read(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a running total gives way to the deaths newly stated
        ("A strike killed 3 people, bringing the death toll to 20.", (3, None)),
        ("Two more bodies were found, raising the toll to 40.", (40, None)),  # the same event
        ("The shelling raised the death toll to 40.", (40, None)),  # the total alone
        # an aggregate over days is no event's toll
        ("More than 40 police killed in three days of raids.", None),
        ("Nearly 800 soldiers killed since June 2020.", None),
        ("30 soldiers were killed in an attack on Monday.", (30, None)),
        ("Troops killed 9 civilians and torched 800 homes in a fortnight of raids.", None),
        ("Some 30 civilians were killed in 4 consecutive days of shelling.", None),
        ("In the past three days, 14 people were killed in the area.", None),
        ("In six weeks, 25 corpses were found in the same area.", None),
        ("In Kaura, 14 people were killed by gunmen.", (14, None)),
        ("Gunmen killed 14 villagers in two trucks.", (14, None)),
        # another source's count of the same deaths
        ("At least 14 died, although other sources report 30 deaths.", (14, None)),
        ("4 guards were killed (6 according to militant sources).", (4, None)),
        # a breakdown of a toll already given
        ("Among the dead were 5 soldiers and 2 nurses.", None),
    ],
)
def test_totals_aggregates_and_other_counts(sentence: str, expected: Expected) -> None:
    assert _read(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # an earlier event's toll named as background is not taken
        ("Students protested against the killing of two classmates.", None),
        ("Workers demanded justice after the death of a colleague.", None),
        ("Villagers beat a driver for killing a girl.", None),
        ("Parents marched after three pupils were killed by a gang.", None),
        ("The raid came after bandits killed 6 rangers earlier that week.", None),
        ("Troops torched shops in reprisal for the killing of a corporal.", None),
        (
            "The attack, near the market where a 2017 bombing killed 300 people, killed 35.",
            (35, None),
        ),
        ("Last year a bombing there killed 300 people.", None),
        # counterexamples: the event's own toll, with "after" or a date
        ("Gunmen stormed the village after dark, killing 5 people.", (5, None)),
        ("Three soldiers were killed after their vehicle hit a mine.", (3, None)),
        ("On 3 May 2020 militants killed 5 people.", (5, None)),
        ("An attack against a police post killed 3 officers.", (3, None)),
        # a claim by one side is a toll when it is the one stated
        ("The rebels claimed to have killed six policemen.", (6, None)),
    ],
)
def test_background_tolls(sentence: str, expected: Expected) -> None:
    assert _read(sentence) == expected


def test_casualties_alone_are_up_to_that_many_dead() -> None:
    toll = find_toll("Warplanes bombing the town caused 9 casualties.")
    assert toll is not None and toll.casualties.killed == 9
    assert toll.casualties.qualifier == "up to"
    # Counterexamples: told apart from the injured they are deaths; none is no toll
    toll = find_toll("9 casualties and dozens of injuries in the shelling.")
    assert toll is not None and toll.casualties.qualifier is None
    assert find_toll("The raid left no casualties.") is None


def test_toll_objects_are_fresh_each_call() -> None:
    first = find_toll("Five soldiers were killed.")
    assert first is not None
    first.casualties.killed = 99
    again = find_toll("Five soldiers were killed.")
    assert again is not None and again.casualties.killed == 5


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the killer as the topic: a relative clause tells an earlier death
        ("Relatives demanded a trial for the officer who killed a student.", None),
        ("Soldiers searched the hills for those who killed a ranger.", None),
        ("Arrests followed the bombing of a bus, which killed 5 of its passengers.", None),
        ("Police hunted the men involved in the murder of a pastor.", None),
        ("Relatives said the victim died of wounds from a beating a month ago.", None),
        # counterexamples: the relative clause is the event's own toll
        ("A bomb that killed 5 people exploded in the market.", (5, None)),
        ("The attack, which killed 12 soldiers, began at dawn.", (12, None)),
        ("Insurgents killed 5 guards in a raid last week, the ministry said.", (5, None)),
        # an unconfirmed report in parentheses
        ("Casualties unknown (an unconfirmed post said 9 fighters died).", None),
        # "casualties" are deaths when told apart from the injured, else at most deaths
        ("9 casualties and dozens of injuries in the shelling.", (9, None)),
        ("At least 11 casualties and dozens were injured in the raid.", (11, 12)),
        ("25 casualties and injuries in the raid.", None),
        ("The attack caused 30 casualties.", (30, None)),
        # more verbs and nouns of death
        ("The feud caused the murder of three brothers.", (3, None)),
        ("Police recovered the remains of two women near the dam.", (2, None)),
        ("The militants crucified 2 prisoners.", (2, None)),
        ("A trader was found gagged and killed in a ditch.", (1, None)),
        ("An inmate was declared dead after a beating.", (1, None)),
    ],
)
def test_relatives_reports_and_more_vocabulary(sentence: str, expected: Expected) -> None:
    assert _read(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a pronoun names a victim the sentence already counts
        ("A crowd lynched a burglar and killed him near the church.", (1, None)),
        ("Gunmen opened fire, killing her and wounding two others.", (1, 2)),
        # a subject that starts before a verb is not the list's start: the two youths
        # were lynched, not "a shop"
        ("Two youths who had robbed a shop were lynched.", (2, None)),
        # an aggregate between two dates
        ("The police said they killed 40 gang members between 3 June and 20 June.", None),
        ("The police said they killed 4 gang members on 3 June.", (4, None)),
    ],
)
def test_coreference_subjects_and_dated_aggregates(sentence: str, expected: Expected) -> None:
    assert _read(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the speaker after a toll is no victim
        ("Shelling hit the market, killing 9 people, a local councillor said.", (9, None)),
        ("A drone hit a bus, killing 7 passengers, two witnesses and a nurse said.", (7, None)),
        ("The strike killed 19 people, two doctors told reporters.", (19, None)),
        # counterexample: a list of victims
        ("The strike killed 3 soldiers, 2 police officers and a civilian.", (6, None)),
        # deaths added to the event told give its new total
        ("Four more bodies were found on Tuesday, bringing the death toll to 31.", (31, None)),
        ("A new strike killed 3 people, bringing the death toll to 31.", (3, None)),
        # a season's toll since a month of this year is the event's; since a year, a war's
        ("Floods have killed at least 120 people since August, officials said.", (120, None)),
        ("At least 900 fighters were killed since March 2019.", None),
    ],
)
def test_speakers_increments_and_seasons(sentence: str, expected: Expected) -> None:
    assert _read(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        # a count in apposition to its subject, closed by a comma before the verb
        ("The judge's escorts, two gendarmes, were also killed.", 2),
        ("Their escorts, three soldiers, were killed in the ambush.", 3),
    ],
)
def test_a_count_in_apposition_to_the_subject(sentence: str, killed: int) -> None:
    toll = find_toll(sentence)
    assert toll is not None and toll.casualties.killed == killed


def test_a_group_before_a_comma_is_not_the_count_killed() -> None:
    # the comma closes "Of the 12 passengers", no apposition: two were killed, not twelve
    toll = find_toll("Of the 12 passengers on the bus, two were killed.")
    assert toll is not None and toll.casualties.killed == 2


@pytest.mark.parametrize(
    "sentence",
    [
        "180 were killed yesterday, including 59 members of the regime forces and armed "
        "loyalists, and 41 civilians were killed in aerial bombardment and shelling.",
        "About 75 people were killed on Tuesday, including 35 soldiers and 6 civilians.",
        # a headline drops the auxiliary
        "140 killed yesterday including 50 regime soldiers.",
    ],
)
def test_a_days_tally_broken_down_by_side_is_no_toll(sentence: str) -> None:
    assert find_toll(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "12 people were killed yesterday when a bomb exploded in the market, including 3 children.",
        "12 killed yesterday in a market bombing, including 3 children.",  # a headline
    ],
)
def test_an_event_told_with_its_day_keeps_its_toll(sentence: str) -> None:
    assert find_toll(sentence).casualties.killed == 12


@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        # nothing happened before "after": the killing is the news
        ("Border trade was halted after militiamen killed two traders.", 2),
        # the protest or the attack before "after" is the event; the killing its background
        ("Residents protested after police killed two students.", None),
        ("The raid came after bandits killed six rangers.", None),
        ("After gunmen killed 23 civilians, warplanes bombed the village.", None),
    ],
)
def test_a_killing_after_an_event_is_its_background(sentence: str, killed: int | None) -> None:
    assert _killed(sentence) == killed


@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        # a headline names one victim by a bare noun
        ("Gunmen kill doctor in Kabul.", 1),
        ("Grenade attack kills public works officer and injures a nurse", 1),
        ("Drone strike kills Taliban key commander, 4 others in Kunduz province.", 5),
        ("Herdsmen attack Benue community, kill father, son.", 2),
        ("Junta troops kill villager, torture monk in Sagaing.", 1),
        ("He kills time at the office before the match.", None),
        ("Drought kills livestock in the north.", None),
        ("Gunmen kill two doctors in Kabul.", 2),
        # captives killed once taken, told by a pronoun
        ("Gunmen kidnapped two aid workers and later killed them.", 2),
        (
            "Soldiers abducted three notables of the community, including the village chief, "
            "executed them and dumped their bodies on the road.",
            3,
        ),
        ("Police arrested five suspects and questioned them.", None),
        ("Militants seized 12 trucks and burned them.", None),
    ],
)
def test_victims_counted_by_a_noun_or_a_pronoun(sentence: str, killed: int | None) -> None:
    assert _killed(sentence) == killed


def _killed(sentence: str) -> int | None:
    toll = find_toll(sentence)
    return toll.casualties.killed if toll else None


def test_one_a_relative_clause_says_died() -> None:
    assert find_toll("Guards fired back and struck the gunman, who died.").casualties.killed == 1
    assert find_toll("Police shot a suspect who later died in hospital.").casualties.killed == 1
    # a restrictive clause names whom the sentence is about: no toll of this event
    assert (
        find_toll("Relatives of a man who died in a road accident rallied outside the court.")
        is None
    )
