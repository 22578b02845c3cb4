"""The event detection stage: sub-event types, non-events, framing flags, the relevance filter."""

from __future__ import annotations

import pytest
from spacy.language import Language

from sitrep.model import Article
from sitrep.nlp import load_nlp
from sitrep.pipeline.detect import EventDetector
from sitrep.pipeline.document import Document
from sitrep.pipeline.segment import split_sentences
from sitrep.taxonomy import SubEventType as S

# A ruler pattern so that the entity ruler is not empty (spaCy warns about an empty one).
_PATTERNS = [{"label": "GPE", "pattern": "Mali", "id": "MLI"}]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp(_PATTERNS, key="tests-detect")


@pytest.fixture(scope="module")
def detector() -> EventDetector:
    return EventDetector()


def classify(detector: EventDetector, nlp: Language, text: str) -> S | None:
    decision = detector.classify_sentence(text, nlp(text))
    return decision.sub_event_type if decision is not None else None


def document(nlp: Language, text: str) -> Document:
    article = Article(id="t", text=text)
    doc = Document(article=article, sentences=split_sentences(text))
    for sentence in doc.sentences:
        sentence.doc = nlp(sentence.text)
    return doc


EVENTS = [
    # "Air" in an airline's name is no aircraft; "from the air" is
    ("A bomb exploded outside the offices of Air Mali in the capital.", S.remote_explosive),
    ("The market was bombed from the air overnight, killing five traders.", S.air_drone_strike),
    # Battles
    ("Soldiers clashed with jihadist fighters near the border town on Tuesday.", S.armed_clash),
    ("Rebels attacked an army checkpoint overnight, killing four soldiers.", S.armed_clash),
    (
        "Troops exchanged fire with gunmen for two hours outside the district capital.",
        S.armed_clash,
    ),
    (  # heavy machine-gun fire from afar: ACLED codes it with the heavy weapons
        "Monitors counted forty bursts of fire from heavy machineguns near the river crossing.",
        S.shelling_artillery_missile,
    ),
    (
        "Loyalist forces fired machine guns, presumably heavy, at farms east of the port.",
        S.shelling_artillery_missile,
    ),
    (
        "Rebels fired 14.5mm and 12.7mm guns at houses on the edge of the town.",
        S.shelling_artillery_missile,
    ),
    (
        "Rebels fired 12.7mm machine guns and sniper shots at the east of the town.",
        S.shelling_artillery_missile,
    ),
    (
        "Government forces fired IFVs at rebel positions near the bridge.",
        S.shelling_artillery_missile,
    ),
    (
        "Government forces recaptured the town from the insurgents after a week of fighting.",
        S.government_regains_territory,
    ),
    (
        "Militants seized control of three villages in the north of the province.",
        S.non_state_actor_overtakes_territory,
    ),
    (
        "The rebels entered the town without resistance after the army withdrew.",
        S.non_violent_transfer_of_territory,
    ),
    # Explosions / remote violence
    ("A drone strike hit a convoy on the highway, the monitoring group said.", S.air_drone_strike),
    ("Warplanes bombed rebel positions east of the city.", S.air_drone_strike),
    (
        "Artillery shells landed on the market district, wounding five people.",
        S.shelling_artillery_missile,
    ),
    ("Two rockets were fired at the airport late on Monday.", S.shelling_artillery_missile),
    (
        "A roadside bomb exploded as a police vehicle passed, killing two officers.",
        S.remote_explosive,
    ),
    ("A landmine blast killed a herder and his son near the village.", S.remote_explosive),
    ("A suicide bomber blew himself up at the entrance of a mosque.", S.suicide_bomb),
    ("Unknown attackers threw a grenade into a crowded bar.", S.grenade),
    ("Residents reported that chlorine gas was dropped on the neighbourhood.", S.chemical_weapon),
    # Violence against civilians
    ("Gunmen stormed a village and shot dead eleven farmers.", S.attack),
    ("Armed men kidnapped a school teacher on the road to the market.", S.abduction),
    ("Soldiers raped two women during a search operation, a rights group said.", S.sexual_violence),
    # Protests and riots
    ("Hundreds of teachers marched to the ministry to demand unpaid salaries.", S.peaceful_protest),
    ("Shopkeepers blocked the coastal road in both directions on Monday.", S.peaceful_protest),
    ("Gunmen killed three farmers near the mining town on Sunday.", S.attack),
    ("Residents stoned a police patrol on the edge of the village.", S.mob_violence),
    (
        "Police used teargas to disperse a second day of violent demonstrations by inmates over a search.",
        S.violent_demonstration,
    ),
    (
        "Dozens were hurt when police broke up a non-violent demonstration outside the court.",
        S.protest_with_intervention,
    ),
    (
        "Police used force against mourners who had gathered at the cemetery.",
        S.protest_with_intervention,
    ),
    (
        "Unknown men burnt the main tribune of the town stadium overnight.",
        S.looting_property_destruction,
    ),
    ("Villagers beat up a grocer in the market during the coronavirus lockdown.", S.mob_violence),
    ("Villagers staged a road blockade to stop trucks entering the district.", S.peaceful_protest),
    ("Dockers blocked the RN 3 on Monday, denouncing unpaid wages.", S.peaceful_protest),
    (
        "Unknown men destroyed ballot boxes and election materials in the village.",
        S.looting_property_destruction,
    ),
    ("Drones of an unknown force targeted the air base overnight.", S.air_drone_strike),
    (
        "Monitors recorded twenty explosions in both directions of the contact line near the mine.",
        S.armed_clash,
    ),
    (
        "Police fired tear gas to disperse students protesting against fee increases.",
        S.protest_with_intervention,
    ),
    (
        "Security forces opened fire on protesters, killing three of them.",
        S.excessive_force_against_protesters,
    ),
    (
        "Protesters threw stones at police and burned tyres on the main road.",
        S.violent_demonstration,
    ),
    ("An angry mob lynched a suspected thief in the market.", S.mob_violence),
    # crowds fighting each other or the police are rioters, not armed groups
    ("Factory workers clashed with police at a bus depot.", S.mob_violence),
    ("Fighting broke out between two families over a boundary dispute.", S.mob_violence),
    ("Supporters of the two parties clashed in the market square.", S.mob_violence),
    ("Armed youths from two villages clashed after a row over water.", S.armed_clash),
    ("Villagers beat up two men they accused of stealing chickens.", S.mob_violence),
    (
        "Four neighbours beat up a bus driver with clubs after an argument over a fare.",
        S.mob_violence,
    ),
    ("Two groups of dock workers got into a brawl over shifts at the port.", S.mob_violence),
    ("On 4 March, a crowd beat a man suspected of theft.", S.mob_violence),
    # farmers and herders attacking each other's people, party cadres attacking opponents: militias
    ("A group of herders attacked farmers in their fields and killed two of them.", S.attack),
    ("Farmers attacked a pastoralist settlement and burned several shelters.", S.attack),
    ("Ruling party cadres attacked opposition activists at a campaign stall.", S.attack),
    # fighting in which territory changed hands is coded as the change
    (
        "Government forces recovered control of two villages from rebels who withdrew after "
        "heavy artillery bombardment.",
        S.government_regains_territory,
    ),
    (
        "Troops launched a counterattack overnight and regained ground lost to the rebels.",
        S.government_regains_territory,
    ),
    (
        "Peacekeepers handed control of the airfield back to the local authorities.",
        S.non_violent_transfer_of_territory,
    ),
    (
        "Insurgents seized the district headquarters after assaulting it at dawn, officials said.",
        S.non_state_actor_overtakes_territory,
    ),
    # a gathering to press a demand
    (
        "Some fifty market traders gathered outside the town hall on Monday to demand lower stall fees.",
        S.peaceful_protest,
    ),
    ("Nurses went to the streets to claim months of unpaid allowances.", S.peaceful_protest),
    (
        "Households banged pots and pans from their balconies against the new tax.",
        S.peaceful_protest,
    ),
    # shots in the air harm no one
    ("Villagers reported hearing shots fired in the air by a patrol at night.", S.other),
    # violence that is only the topic of a protest or a demand does not make it a riot
    (
        "Hundreds rallied in the capital against the killing of a student by police.",
        S.peaceful_protest,
    ),
    (
        "Pensioners rallied outside the central bank demanding the return of looted savings.",
        S.peaceful_protest,
    ),
    (
        "Farmers held a sit-in demanding the arrest of the men who torched their granaries.",
        S.peaceful_protest,
    ),
    # people shot by gunmen are their victims, not the other side of a battle
    (
        "A teacher was killed in a drive-by shooting by two gunmen on a motorcycle on Friday.",
        S.attack,
    ),
    (
        "A driver was shot and wounded by three hooded gunmen in what officers suspect was a robbery.",
        S.attack,
    ),
    # an off-duty soldier is a civilian; an army post is not
    ("Insurgents gunned down an off-duty policeman outside his home in the evening.", S.attack),
    ("Militants attacked an army post and killed four soldiers.", S.armed_clash),
    # a killing that caused a protest is its background; one done to the protesters is the event
    (
        "Traders marched through the town centre after a policeman shot dead a street vendor.",
        S.peaceful_protest,
    ),
    (
        "Several marchers were wounded after troops dispersed the rally using live bullets.",
        S.excessive_force_against_protesters,
    ),
    # a deal that a protest is about
    (
        "Hundreds protested outside parliament over the recent talks on a prisoner swap.",
        S.peaceful_protest,
    ),
    # crowds attacking the police; a motive told with "revenge for" is background
    (
        "A crowd assaulted two constables who were checking travel permits at the market.",
        S.mob_violence,
    ),
    (
        "Students attacked two policemen to take revenge for the arrest of their leader.",
        S.mob_violence,
    ),
    ("Gunmen attacked a police patrol in the village, killing two officers.", S.armed_clash),
    # gang members and private guards are armed actors
    ("Two suspected gang members were gunned down outside a bar.", S.armed_clash),
    ("Gunmen opened fire on a private security guard at a petrol station.", S.armed_clash),
    # an allegation still reports the event
    ("Soldiers were accused of assaulting a fisherman at the jetty.", S.attack),
    (
        "Police shot dead a man who was not wearing a mask during the coronavirus lockdown.",
        S.attack,
    ),
    # Strategic developments
    ("The two armed groups signed a ceasefire agreement on Friday.", S.agreement),
    ("Police arrested twelve opposition activists at their homes.", S.arrests),
    ("The army deployed reinforcements to the border region.", S.change_to_group_activity),
    (
        "Soldiers defused an improvised explosive device planted on the bridge.",
        S.disrupted_weapons_use,
    ),
    (
        "Air defences shot down a drone over the capital; no casualties were reported.",
        S.disrupted_weapons_use,
    ),
    (
        "Troops seized a large cache of weapons and ammunition in a raid on the camp.",
        S.disrupted_weapons_use,
    ),
    ("Foreign troops set up a new military base near the airport.", S.headquarters_established),
    (
        "Gunmen looted shops and set houses on fire before leaving the village.",
        S.looting_property_destruction,
    ),
    # hyphenated lexicon words ("self-defence") and the new group and property patterns
    (
        "Farmers in the commune created a village self-defense militia last week.",
        S.change_to_group_activity,
    ),
    (
        "The brigade ended its affiliation with the northern operations room.",
        S.change_to_group_activity,
    ),
    (
        "Rebel security forces confiscated a shopping mall from its owner.",
        S.looting_property_destruction,
    ),
    (
        "Thousands of activists went down in the street of the capital to ask for better pay.",
        S.peaceful_protest,
    ),
    (
        "Army units shot down two pro-rebel reconnaissance drones over the port.",
        S.disrupted_weapons_use,
    ),
    (
        "Twenty soldiers and policemen joined the Taliban in the district.",
        S.change_to_group_activity,
    ),
    # an abduction in which people are also killed is coded by the killing
    ("Unknown gunmen abducted and killed a herder near the village on Sunday.", S.attack),
    ("Gunmen kidnapped twelve passengers on the highway on Sunday.", S.abduction),
    ("Officers said the men started shooting and they shot back.", S.armed_clash),
    # a participle clause tells what the protesters did, not what they protested about
    (
        "Hundreds of youths marched through the town, throwing stones at the police.",
        S.violent_demonstration,
    ),
]


@pytest.mark.parametrize(("text", "expected"), EVENTS)
def test_detect_classifies_sub_event_type(
    detector: EventDetector, nlp: Language, text: str, expected: S
) -> None:
    assert classify(detector, nlp, text) is expected


NON_EVENTS = [
    "Surveillance drones were seen flying over the area on Monday.",
    "The striker scored twice as the home team attacked relentlessly in the second half.",  # sport
    "A powerful earthquake killed at least twelve people and destroyed hundreds of homes.",  # disaster
    "Floods caused by torrential rain killed nine people in the coastal province.",  # disaster
    "Cholera has killed twelve people in the camp since Monday.",  # epidemic
    "A gas cylinder explosion at a restaurant kitchen injured four workers.",  # accident
    "A fire at a factory in Nairobi killed four people on Monday.",  # accident, "people" no mob
    "An explosion at a petrol station killed four people.",  # accident
    "The foreign minister condemned the attack and announced new sanctions.",  # diplomacy
    "A court sentenced three men to life in prison for the 2015 bombing.",  # court case
    "The ministry published its annual budget on Thursday.",  # no trigger
    "Thousands gathered at the stadium for the funeral of the singer.",  # a gathering, no demand
    "Fans gathered outside the stadium to support their team before the final.",  # sport
    "Police arrested two men suspected of smuggling counterfeit banknotes.",  # organised crime
    "The government expelled two envoys for joining an opposition rally.",
    "Officials said a splinter faction was responsible for last week's attack on the convoy.",
    # armed men blocking a road are part of the attack the article tells, not protesters
    "The gunmen blocked the highway with two trucks before a patrol arrived.",
    # a rescue by the forces is no abduction
    "Troops rescued eight hostages held in a forest camp, the army said.",
]


@pytest.mark.parametrize("text", NON_EVENTS)
def test_detect_reports_no_event_for_non_conflict_sentences(
    detector: EventDetector, nlp: Language, text: str
) -> None:
    assert classify(detector, nlp, text) is None


@pytest.mark.parametrize(
    ("text", "negated", "hypothetical"),
    [
        ("No clashes were reported in the area.", True, False),
        ("The rebels did not attack the town.", True, False),
        ("The militants threatened to attack the town if the army returned.", False, True),
        ("Officials fear that clashes could erupt again.", False, True),
        ("Analysts warned that violence could erupt again before the vote.", False, True),
        ("Gunmen attacked the town on Sunday.", False, False),
        ("The fighting near the town could be the group's heaviest defeat.", False, False),
        # a habit told in the present tense is what happens in general, not an event
        ("Smugglers in the region often kidnap drivers to extort their employers.", False, True),
        ("Gunmen kidnapped two drivers on the road on Friday.", False, False),
    ],
)
def test_detect_marks_negated_and_hypothetical_triggers(
    detector: EventDetector, nlp: Language, text: str, negated: bool, hypothetical: bool
) -> None:
    decision = detector.classify_sentence(text, nlp(text))
    assert decision is not None
    assert (decision.context.negated, decision.context.hypothetical) == (negated, hypothetical)


def test_detect_lowers_the_score_of_negated_and_hypothetical_mentions(
    detector: EventDetector, nlp: Language
) -> None:
    stated = detector.classify_sentence(
        "Clashes broke out in the town.", nlp("Clashes broke out in the town.")
    )
    denied = detector.classify_sentence(
        "No clashes were reported.", nlp("No clashes were reported.")
    )
    assert stated is not None and denied is not None
    assert denied.score < stated.score


@pytest.mark.parametrize(
    ("text", "civilian"),
    [
        ("A drone strike killed nine civilians, including four children, at a wedding.", True),
        ("A drone strike killed nine fighters at their base.", False),
        ("Gunmen shot dead two traders on the road.", True),
    ],
)
def test_detect_sets_civilian_targeting(
    detector: EventDetector, nlp: Language, text: str, civilian: bool
) -> None:
    decision = detector.classify_sentence(text, nlp(text))
    assert decision is not None
    assert decision.civilian_targeting is civilian


def test_detect_reports_claims_of_responsibility_as_no_new_event(
    detector: EventDetector, nlp: Language
) -> None:
    text = "The group claimed responsibility for the bombing in a statement."
    assert classify(detector, nlp, text) is None


def test_detect_mentions_carry_article_spans(detector: EventDetector, nlp: Language) -> None:
    text = (
        "For all the latest headlines follow our channel.\n\n"
        "At least 21 people, including 11 children, were killed by drone strikes on Sunday, rebels said. "
        "The strikes targeted a pharmacy."
    )
    doc = document(nlp, text)
    mentions = detector(doc)
    assert [m.sub_event_type for m in mentions] == [S.air_drone_strike, S.air_drone_strike]
    for mention in mentions:
        assert text[mention.trigger.start : mention.trigger.end] == mention.trigger.text
        assert mention.trigger_token is not None
    assert mentions[0].trigger.text == "drone strikes"
    assert mentions[0].civilian_targeting


def test_detect_works_without_a_parse(detector: EventDetector) -> None:
    decision = detector.classify_sentence(
        "Gunmen attacked an army checkpoint, killing four soldiers."
    )
    assert decision is not None
    assert decision.sub_event_type is S.armed_clash


@pytest.mark.parametrize(
    ("text", "relevant"),
    [
        ("Clashes erupted between the two groups.", True),
        (
            "Three people died in the incident, according to local officials.",
            True,
        ),  # casualties, attribution
        ("The spokesman said the talks would resume next week.", True),  # attribution
        (
            "For all the latest headlines follow our Google News channel online or via the app.",
            False,
        ),
        ("The country is known for its beaches and mountains.", False),
        ("Read more:", False),
    ],
)
def test_detect_is_relevant_keeps_event_casualty_and_attribution_sentences(
    detector: EventDetector, text: str, relevant: bool
) -> None:
    assert detector.is_relevant(text) is relevant


def test_detect_is_relevant_keeps_every_sentence_with_a_mention(
    detector: EventDetector, nlp: Language
) -> None:
    for text, _ in EVENTS:
        assert detector.is_relevant(text), text


def test_detect_actor_classes_make_dictionary_actors_cues() -> None:
    ruler_nlp = load_nlp(
        [{"label": "ORG", "pattern": "Northern Guard", "id": "northern-guard"}],
        key="tests-detect-actor",
    )
    text = "The Northern Guard took control of the town on Sunday."
    plain = EventDetector().classify_sentence(text, ruler_nlp(text))
    informed = EventDetector(actor_classes={"northern-guard": "state_forces"}).classify_sentence(
        text, ruler_nlp(text)
    )
    assert plain is not None and informed is not None
    assert plain.sub_event_type is S.non_state_actor_overtakes_territory
    assert informed.sub_event_type is S.government_regains_territory


@pytest.mark.parametrize(
    ("text", "inferred"),
    [
        ("Ten soldiers were killed near the border on Sunday.", True),
        ("Gunmen shot dead two traders on the road.", True),
        ("Soldiers clashed with militants near the border on Sunday.", False),
        ("Artillery shells landed on the market district, wounding five people.", False),
    ],
)
def test_detect_marks_types_inferred_from_general_words_of_violence(
    detector: EventDetector, nlp: Language, text: str, inferred: bool
) -> None:
    decision = detector.classify_sentence(text, nlp(text))
    assert decision is not None
    assert decision.inferred is inferred


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police arrested a heroin dealer outside a school. Stolen goods were recovered.", []),
        (
            "Customs officers found 400 kilograms of heroin in a shipping container. Two suspects were arrested.",
            [S.looting_property_destruction],
        ),
        (
            "Militants attacked a checkpoint near the town. Police arrested three men.",
            [S.armed_clash, S.arrests],
        ),
        (
            "Officers recovered two pistols and a bag of cocaine from a flat. A woman was detained.",
            [S.disrupted_weapons_use, S.arrests],
        ),
    ],
)
def test_detect_arrests_in_a_drug_or_crime_story_are_police_work_and_part_of_a_seizure(
    detector: EventDetector, nlp: Language, text: str, expected: list[S]
) -> None:
    assert [m.sub_event_type for m in detector(document(nlp, text))] == expected


def test_detect_a_background_event_is_still_a_mention(
    detector: EventDetector, nlp: Language
) -> None:
    text = "The 2015 peace deal ended two decades of fighting."
    decision = detector.classify_sentence(text, nlp(text))
    assert decision is not None
    assert decision.sub_event_type is S.agreement
    assert not decision.context.hypothetical  # the subject of "ended" happened


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Soldiers found and burned a field of opium poppies near Culiacan on Tuesday.",
         S.looting_property_destruction),
        ("Military police dismantled a clandestine laboratory producing crystal meth in Belem.",
         S.looting_property_destruction),
        ("Customs officers seized 40,000 packs of smuggled cigarettes at a warehouse.",
         S.looting_property_destruction),
        ("Police seized guns and drugs in a raid on two houses in Kingston.", S.disrupted_weapons_use),
        ("Rebels seized the opium-rich district of Musa Qala on Sunday.",
         S.non_state_actor_overtakes_territory),
        ("Police cracked down on opposition supporters in the capital, arresting 30 people.",
         S.arrests),
        ("A security guard fatally shot a man at a filling station in Durban.", S.attack),
        ("A local leader of the Awami League was beaten to death by four men on Sunday.",
         S.mob_violence),
        ("Air defence systems intercepted at least one ballistic missile fired by the Houthis over "
         "a military camp.", S.disrupted_weapons_use),
        ("Members of the two rival parties fought one another near the polling station on Sunday.",
         S.mob_violence),
        ("During a session of parliament, a physical fight broke out between deputies of the "
         "ruling party and the opposition.", S.mob_violence),
        ("In Santiago de Cuba, police beat a disabled man for not wearing a mask properly.",
         S.attack),
        ("Anarchists smashed the glass front of a bank branch with hammers.",
         S.looting_property_destruction),
        ("The body of a local trader was found in a field on Monday.", S.attack),
        ("In Chilpancingo, a dead man was thrown from a car near the bus station.", S.attack),
        ("Nurses of the city hospital stood in front of its building demanding their salaries.",
         S.peaceful_protest),
        ("Hundreds of day labourers came out on the roads in Surat, demanding transport home.",
         S.peaceful_protest),
    ],
)  # fmt: skip
def test_detect_sentences_the_lexicon_used_to_miss(
    detector: EventDetector, nlp: Language, text: str, expected: S
) -> None:
    """Drugs seized or destroyed by the forces (ACLED: looting/property destruction), a missile
    intercepted at some words' distance, a fight between two sides, a beating of a man, property
    smashed, a body found some words after it is named, people who stand or come out on the
    streets to press a demand, a shooting at a filling station (no accident), a party whose name
    has "League" in it (no sport)."""
    decision = detector.classify_sentence(text, nlp(text))
    assert decision is not None
    assert decision.sub_event_type is expected
