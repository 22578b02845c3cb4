"""The syntax of a trigger: roles from the dependency parse, negation, modality, report frames."""

from __future__ import annotations

import pytest
from spacy.language import Language

from sitrep.nlp import load_nlp
from sitrep.pipeline.detect import EventDetector
from sitrep.pipeline.event_syntax import is_anaphoric, is_background, roles, trigger_context
from sitrep.pipeline.event_text import Reading


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp([{"label": "GPE", "pattern": "Mali", "id": "MLI"}], key="tests-event-syntax")


@pytest.fixture(scope="module")
def detector() -> EventDetector:
    return EventDetector()


def reading(detector: EventDetector, nlp: Language, text: str) -> Reading:
    return detector.read(text, nlp(text))


def words(r: Reading, start: int, end: int) -> str:
    return " ".join(t.lower for t in r.view.tokens[start:end])


@pytest.mark.parametrize(
    ("text", "trigger", "agent", "victim"),
    [
        (
            "Gunmen attacked a church, killing 24 worshippers.",
            "attacked",
            "armed_group",
            "civilian_place",
        ),
        (
            "Three soldiers were killed by militants near the border.",
            "killed",
            "armed_group",
            "state_forces",
        ),
        (
            "Militants ambushed an army patrol on the road.",
            "ambushed",
            "armed_group",
            "armed_object",
        ),
        # a verb read as a modifier of its subject still has it as agent when it has an object
        (
            "On 2 May, presumed bandits killed between 4 and 6 people near the market.",
            "killed",
            "armed_group",
            "people",
        ),
        # the two sides of a fight
        (
            "Factory workers clashed with police at a bus depot.",
            "clashed",
            "civilian",
            "state_forces",
        ),
        # coordinated verbs share their participants
        ("A trader was shot and injured by three armed men.", "shot", "armed_group", "civilian"),
    ],
)
def test_event_syntax_roles_follow_the_dependency_parse(
    detector: EventDetector, nlp: Language, text: str, trigger: str, agent: str, victim: str
) -> None:
    r = reading(detector, nlp, text)
    match = next(m for m in r.triggers if words(r, m.start, m.end) == trigger)
    agents, victims = roles(r.view, match, mutual=match.label == "Armed clash")
    assert agent in r.classes_at(agents)
    assert victim in r.classes_at(victims)


def test_event_syntax_the_agent_is_never_also_the_target(
    detector: EventDetector, nlp: Language
) -> None:
    r = reading(detector, nlp, "A trader was shot and injured by three armed men.")
    match = next(m for m in r.triggers if words(r, m.start, m.end) == "injured")
    agents, victims = roles(r.view, match)
    assert "armed_group" in r.classes_at(agents)
    assert "armed_group" not in r.classes_at(victims)


@pytest.mark.parametrize(
    ("text", "trigger", "negated", "hypothetical", "embedded"),
    [
        ("No casualties or clashes were reported.", "clashes", True, False, False),
        ("The army vowed to retake the town.", "retake", False, True, False),
        ("If the talks fail, rebels may attack the capital.", "attack", False, True, False),
        ("The group claimed responsibility for the attack.", "attack", False, False, True),
        ("The council condemned the killing of the journalist.", "killing", False, False, True),
        ("Gunmen killed two farmers on Sunday.", "killed", False, False, False),
        # a coordinated verb is not governed by its partner
        ("Rebels threatened and then attacked the town.", "attacked", False, False, False),
        ("Rebels threatened to attack and burn the town.", "attack", False, True, False),
        # a clause told before its governing verb is asserted ("..., the police said")
        (
            "Nurses protested in the capital against the new rules, the union also called for higher pay.",
            "protested",
            False,
            False,
            False,
        ),
    ],
)
def test_event_syntax_trigger_context(
    detector: EventDetector,
    nlp: Language,
    text: str,
    trigger: str,
    negated: bool,
    hypothetical: bool,
    embedded: bool,
) -> None:
    r = reading(detector, nlp, text)
    match = next(m for m in r.triggers if words(r, m.start, m.end) == trigger)
    context = trigger_context(
        r.view, match, detector._negation, detector._modality, detector._frames
    )
    assert (context.negated, context.hypothetical, context.embedded) == (
        negated,
        hypothetical,
        embedded,
    )


@pytest.mark.parametrize(
    ("text", "anaphoric"),
    [
        ("Two people were wounded in the fighting.", True),
        ("Fighting broke out in the market.", False),
    ],
)
def test_event_syntax_definite_triggers_refer_back(
    detector: EventDetector, nlp: Language, text: str, anaphoric: bool
) -> None:
    r = reading(detector, nlp, text)
    match = next(m for m in r.triggers if "fighting" in words(r, m.start, m.end))
    assert is_anaphoric(r.view, match) is anaphoric


def test_event_syntax_both_sides_between_are_parties(
    detector: EventDetector, nlp: Language
) -> None:
    r = reading(detector, nlp, "Clashes erupted between villagers and herders near the river.")
    match = next(m for m in r.triggers if words(r, m.start, m.end) == "clashes")
    agents, victims = roles(r.view, match, mutual=True)
    assert {"civilian"} <= r.classes_at(agents) & r.classes_at(victims)
    assert "civilian" not in r.classes_at(roles(r.view, match)[0])


@pytest.mark.parametrize(
    ("text", "cue", "why"),
    [
        ("Hundreds rallied against the killing of a student by police.", "killing", "frame"),
        ("Depositors demanded the return of looted savings.", "looted", "demand"),
        ("Residents held a vigil after several days of clashes.", "clashes", "time"),
        ("Protesters threw stones at the police.", "stones", None),
        ("A protest that turned violent blocked the road.", "turned violent", None),
    ],
)
def test_event_syntax_background_of_a_protest_demand_or_time_phrase(
    detector: EventDetector, nlp: Language, text: str, cue: str, why: str | None
) -> None:
    r = reading(detector, nlp, text)
    match = next(m for m in r.cues if words(r, m.start, m.end) == cue)
    frames, demands = detector._frames, detector._modality
    assert is_background(r.view, match, frames, demands, time_phrases=True) == why


def test_event_syntax_a_word_naming_who_acts_has_no_target_after_it(
    detector: EventDetector, nlp: Language
) -> None:
    text = "A driver was shot and wounded by three hooded gunmen in what officers suspect was a robbery."
    r = reading(detector, nlp, text)
    match = next(m for m in r.triggers if words(r, m.start, m.end) == "gunmen")
    assert "state_forces" not in r.classes_at(roles(r.view, match)[1])
