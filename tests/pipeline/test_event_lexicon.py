"""The event lexicon: its file format, validation, inflections and user extensions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.errors import ConfigError, LexiconError
from sitrep.pipeline.detect import EventDetector
from sitrep.pipeline.event_lexicon import EventLexicon, inflections
from sitrep.taxonomy import SubEventType as S


def test_event_lexicon_shipped_file_loads_and_covers_every_sub_event_type() -> None:
    lexicon = EventLexicon.load()
    reachable = {p.label for p in lexicon.triggers} | set(lexicon.defaults.values())
    reachable |= {r.move for r in lexicon.rules if r.move} | {
        lbl for r in lexicon.rules for lbl, _ in r.add
    }
    assert {s.value for s in S} <= reachable
    assert {"negation", "modality", "report_frame", "civilian", "state_forces"} <= set(lexicon.cues)


@pytest.mark.parametrize(
    ("lemma", "forms"),
    [
        ("attack", {"attacks", "attacked", "attacking"}),
        ("seize", {"seizes", "seized", "seizing"}),
        ("kidnap", {"kidnapped", "kidnapping"}),
        ("clash", {"clashes", "clashed"}),
        ("gunman", {"gunmen"}),
        ("bury", {"buries", "buried"}),
    ],
)
def test_event_lexicon_inflections_cover_regular_forms(lemma: str, forms: set[str]) -> None:
    assert forms <= inflections(lemma)


def _write(tmp_path: Path, data: dict[str, object], name: str = "extra.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_event_lexicon_user_file_adds_triggers(tmp_path: Path) -> None:
    text = "Fighters torpedoed the ferry near the island."
    assert EventDetector().classify_sentence(text) is None
    extra = _write(
        tmp_path,
        {
            "format": "sitrep-event-lexicon/1",
            "triggers": {"Shelling/artillery/missile attack": [["torpedo", 3.0]]},
        },
    )
    detector = EventDetector(EventLexicon.load(extra_paths=[extra]))
    decision = detector.classify_sentence(text)
    assert decision is not None
    assert decision.sub_event_type is S.shelling_artillery_missile


def test_event_lexicon_user_rule_can_drop_a_domain(tmp_path: Path) -> None:
    text = "Rebels attacked the stadium during the derby."
    assert EventDetector().classify_sentence(text) is not None
    extra = _write(
        tmp_path,
        {
            "cues": {"derby_words": ["derby"]},
            "rules": [{"name": "derby day", "any": ["derby_words"], "drop": True}],
        },
    )
    lexicon = EventLexicon.load(extra_paths=[extra])
    assert lexicon.rules[-1].name == "derby day"
    # the user's rule runs after the shipped ones; rules that moved @violence already ran
    assert EventDetector(lexicon).classify_sentence(text) is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"format": "something-else/2"}, "unknown format"),
        ({"triggers": {"Air strike": [["air raid", 3.0]]}}, "unknown label 'Air strike'"),
        (
            {"triggers": {"Grenade": [["@nonexistent * grenade", 3.0]]}},
            "unknown cue class @nonexistent",
        ),
        ({"triggers": {"Grenade": [["* grenade", 3.0]]}}, "starts with a gap"),
        ({"triggers": {"Grenade": [["grenade", 3.0, 1]]}}, "[pattern, weight]"),
        ({"rules": [{"name": "x", "any": ["civilian"]}]}, "exactly one of move, add, drop"),
        ({"rules": [{"name": "x", "move": "Attack"}]}, "no 'when' labels"),
        (
            {"rules": [{"name": "x", "when": ["@violence"], "any": ["ghosts"], "drop": True}]},
            "unknown ghosts",
        ),
        ({"settings": {"speed": 2}}, "unknown setting"),
    ],
)
def test_event_lexicon_rejects_invalid_files_with_e070(
    tmp_path: Path, data: dict[str, object], message: str
) -> None:
    path = _write(tmp_path, data)
    with pytest.raises(LexiconError) as info:
        EventLexicon.load(extra_paths=[path])
    assert info.value.code == "E092"
    assert message in str(info.value)
    assert isinstance(info.value, ConfigError)


def test_event_lexicon_rejects_unreadable_json(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"broken\.json"):
        EventLexicon.load(extra_paths=[path])


def test_event_lexicon_from_dict_builds_a_standalone_lexicon() -> None:
    lexicon = EventLexicon.from_dict(
        {"cues": {"boat": ["ferry", "boat"]}, "triggers": {"Attack": [["sink|sank * @boat", 2.0]]}}
    )
    decision = EventDetector(lexicon).classify_sentence("Pirates sank a ferry.")
    assert decision is not None
    assert decision.sub_event_type is S.attack


def test_event_lexicon_reads_user_files_from_sitrep_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "lexicon"
    folder.mkdir()
    _write(
        folder,
        {"triggers": {"Shelling/artillery/missile attack": [["torpedo", 3.0]]}},
        "boats.json",
    )
    monkeypatch.setenv("SITREP_HOME", str(tmp_path))
    lexicon = EventLexicon.load()
    assert lexicon.sources[-1].endswith("boats.json")
    assert EventDetector(lexicon).classify_sentence("Fighters torpedoed the ferry.") is not None
    assert len(EventLexicon.load(extra_paths=[]).sources) == 1  # explicitly none


def test_event_lexicon_told_cues_must_be_known_cue_classes() -> None:
    with pytest.raises(LexiconError, match="told_cues"):
        EventLexicon.from_dict({"cues": {"riot": ["stone"]}, "told_cues": ["unrest"]})
    lexicon = EventLexicon.from_dict({"cues": {"riot": ["stone"]}, "told_cues": ["riot"]})
    assert lexicon.told_cues == {"riot"}


def test_event_lexicon_rules_may_test_a_label_score_floor() -> None:
    data = {
        "cues": {"territory": ["town"]},
        "triggers": {"@capture": [["capture * @territory", 3.0], ["advance", 1.0]]},
        "rules": [
            {
                "name": "strong capture",
                "when": ["@capture"],
                "all": ["label:@capture>2.5"],
                "move": "Non-state actor overtakes territory",
            }
        ],
    }
    detector = EventDetector(EventLexicon.from_dict(data))
    strong = detector.classify_sentence("Rebels captured the town on Sunday.")
    assert strong is not None and strong.rules == ["strong capture"]
    with pytest.raises(LexiconError, match="unknown"):
        EventLexicon.from_dict(
            {**data, "rules": [{**data["rules"][0], "all": ["label:@capture>x"]}]}
        )


def test_event_lexicon_a_drop_rule_with_a_floor_drops_only_the_weak_labels() -> None:
    data = {
        "cues": {"diplomacy": ["ambassador"]},
        "triggers": {"Peaceful protest": [["protest", 2.6]], "Agreement": [["sign * accord", 3.6]]},
        "rules": [{"name": "diplomacy", "any": ["diplomacy"], "below": 3.0, "drop": True}],
    }
    detector = EventDetector(EventLexicon.from_dict(data))
    decision = detector.classify_sentence("The ambassador came to protest and to sign the accord.")
    assert decision is not None
    assert decision.sub_event_type is S.agreement
    assert S.peaceful_protest not in decision.alternatives


def test_event_lexicon_hyphenated_words_match_the_split_tokens() -> None:
    """Both tokenizers split "self-defence" into its parts and drop the hyphen; a pattern word
    written with a hyphen matches those parts in a row, also as one alternative of several."""
    lexicon = EventLexicon.from_dict(
        {
            "format": "sitrep-event-lexicon/1",
            "triggers": {
                "Change to group/activity": [["form * self-defence|vigilante group", 3.0]],
                "Peaceful protest": [["sit-in", 3.0], ["sit in", 3.0]],
            },
        }
    )
    detector = EventDetector(lexicon)
    for text in ("Villagers formed a self-defence group.", "Villagers formed a vigilante group."):
        decision = detector.classify_sentence(text)
        assert decision is not None and decision.sub_event_type is S.change_to_group_activity
    assert len([p for p in lexicon.triggers if p.label == "Peaceful protest"]) == 1
    decision = detector.classify_sentence("Teachers held a sit-in outside the ministry.")
    assert decision is not None and decision.raw == 3.0  # one trigger, not two of the same words
