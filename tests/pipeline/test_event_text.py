"""How the detector reads a sentence: pattern matching, roles from the parse, framing of triggers."""

from __future__ import annotations

import pytest
from spacy.language import Language

from sitrep.nlp import load_nlp
from sitrep.pipeline.detect import EventDetector
from sitrep.pipeline.event_lexicon import EventLexicon
from sitrep.pipeline.event_text import Matcher, Reading, view_of


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


def test_event_text_a_month_in_a_date_is_no_trigger(detector: EventDetector, nlp: Language) -> None:
    dated = reading(detector, nlp, "On 4 March 2022, the council met in the town hall.")
    assert [m.label for m in dated.triggers] == []
    march = reading(detector, nlp, "Thousands joined the march to the parliament.")
    assert "@march" in [m.label for m in march.triggers]


def test_event_text_capitalised_words_may_start_entity_patterns_without_a_parse() -> None:
    lexicon = EventLexicon.from_dict(
        {"cues": {"place": ["%GPE"]}, "triggers": {"@capture": [["@place * fell", 3.0]]}}
    )
    matcher = Matcher(lexicon.cues["place"])
    view = view_of("Yesterday Kismayo fell to the rebels.", None, lexicon.forms, lexicon.inflected)
    assert [view.tokens[m.start].lower for m in matcher.find(view)] == ["kismayo"]


def test_event_text_a_shield_owns_its_first_word(detector: EventDetector, nlp: Language) -> None:
    r = reading(detector, nlp, "The government expelled diplomats from two embassies.")
    assert "@recapture" not in [m.label for m in r.triggers]
    r = reading(detector, nlp, "The army expelled the rebels from three villages.")
    assert "@recapture" in [m.label for m in r.triggers]


def test_event_text_a_verbal_confrontation_is_no_fight(
    detector: EventDetector, nlp: Language
) -> None:
    r = reading(detector, nlp, "A few demonstrators had a verbal altercation with shopkeepers.")
    assert "Armed clash" not in [m.label for m in r.triggers]
