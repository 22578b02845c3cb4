"""How the detector reads a sentence: pattern matching, roles from the parse, framing of triggers."""

from __future__ import annotations

import pytest
from spacy.language import Language

from sitrep.nlp import load_nlp
from sitrep.pipeline.detect import EventDetector
from sitrep.pipeline.event_lexicon import EventLexicon
from sitrep.pipeline.event_text import (
    Matcher,
    Reading,
    is_anaphoric,
    roles,
    trigger_context,
    view_of,
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp([{"label": "GPE", "pattern": "Mali", "id": "MLI"}], key="tests-event-text")


@pytest.fixture(scope="module")
def detector() -> EventDetector:
    return EventDetector()


def reading(detector: EventDetector, nlp: Language, text: str) -> Reading:
    return detector.read(text, nlp(text))


def words(r: Reading, start: int, end: int) -> str:
    return " ".join(t.lower for t in r.view.tokens[start:end])


def test_event_text_gap_patterns_match_across_a_few_words() -> None:
    lexicon = EventLexicon.from_dict(
        {"triggers": {"Disrupted weapons use": [["seize * rifle|rifles", 3.0]]}}
    )
    matcher = Matcher(lexicon.triggers)
    near = view_of("Police seized two old rifles.", None, lexicon.forms, lexicon.inflected)
    far = view_of(
        "Police seized the car, the house and the land of the rifles dealer.",
        None,
        lexicon.forms,
        lexicon.inflected,
    )
    assert [m.label for m in matcher.find(near)] == ["Disrupted weapons use"]
    assert matcher.find(far) == []


def test_event_text_longest_match_hides_the_shorter_one(
    detector: EventDetector, nlp: Language
) -> None:
    r = reading(detector, nlp, "Fighters fired a grenade launcher at the post.")
    matched = {words(r, m.start, m.end) for m in r.triggers}
    assert "grenade launcher" in matched
    assert "grenade" not in matched


def test_event_text_without_a_parse_uses_inflections(detector: EventDetector) -> None:
    r = detector.read("Gunmen kidnapped three travellers.")
    assert r.view.doc is None
    assert "Abduction/forced disappearance" in [m.label for m in r.triggers]


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
    ],
)
def test_event_text_roles_follow_the_dependency_parse(
    detector: EventDetector, nlp: Language, text: str, trigger: str, agent: str, victim: str
) -> None:
    r = reading(detector, nlp, text)
    match = next(m for m in r.triggers if words(r, m.start, m.end) == trigger)
    agents, victims = roles(r.view, match)
    assert agent in r.classes_at(agents)
    assert victim in r.classes_at(victims)


@pytest.mark.parametrize(
    ("text", "trigger", "negated", "hypothetical", "embedded"),
    [
        ("No casualties or clashes were reported.", "clashes", True, False, False),
        ("The army vowed to retake the town.", "retake", False, True, False),
        ("If the talks fail, rebels may attack the capital.", "attack", False, True, False),
        ("The group claimed responsibility for the attack.", "attack", False, False, True),
        ("The council condemned the killing of the journalist.", "killing", False, False, True),
        ("Gunmen killed two farmers on Sunday.", "killed", False, False, False),
    ],
)
def test_event_text_trigger_context(
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
def test_event_text_definite_triggers_refer_back(
    detector: EventDetector, nlp: Language, text: str, anaphoric: bool
) -> None:
    r = reading(detector, nlp, text)
    match = next(m for m in r.triggers if "fighting" in words(r, m.start, m.end))
    assert is_anaphoric(r.view, match) is anaphoric
