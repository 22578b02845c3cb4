"""resolve_type: one sub-event type for an event reported in several sentences (codebook rules)."""

from __future__ import annotations

import pytest

from sitrep.model import Span
from sitrep.pipeline.document import Sentence
from sitrep.pipeline.event_resolve import resolve_type
from sitrep.pipeline.mentions import EventMention
from sitrep.taxonomy import SubEventType as S

_SENTENCE = Sentence(index=0, start=0, end=10, text="0123456789", paragraph=0)


def mention(
    sub: S,
    score: float = 0.6,
    *,
    civilian: bool = False,
    negated: bool = False,
    hypothetical: bool = False,
    at: int = 0,
    alternatives: dict[S, float] | None = None,
    inferred: bool = False,
) -> EventMention:
    return EventMention(
        sentence=_SENTENCE,
        sub_event_type=sub,
        score=score,
        trigger=Span(start=at, end=at + 1, text=str(at)),
        alternatives=alternatives or {},
        negated=negated,
        hypothetical=hypothetical,
        civilian_targeting=civilian,
        inferred=inferred,
    )


@pytest.mark.parametrize(
    ("mentions", "expected"),
    [
        # an air strike inside an ongoing battle is part of the battle
        ([mention(S.armed_clash, 0.5), mention(S.air_drone_strike, 0.8)], S.armed_clash),
        # ... unless the strike hit civilians: it stays a strike, with civilian targeting
        (
            [mention(S.armed_clash, 0.5), mention(S.air_drone_strike, 0.8, civilian=True)],
            S.air_drone_strike,
        ),
        # shelling during clashes
        ([mention(S.shelling_artillery_missile, 0.7), mention(S.armed_clash, 0.5)], S.armed_clash),
        # territory taken in fighting is coded as the change of territory
        (
            [mention(S.armed_clash, 0.8), mention(S.government_regains_territory, 0.6)],
            S.government_regains_territory,
        ),
        # a protest that police later dispersed, then shot at
        (
            [mention(S.peaceful_protest, 0.8), mention(S.protest_with_intervention, 0.6)],
            S.protest_with_intervention,
        ),
        (
            [mention(S.peaceful_protest), mention(S.excessive_force_against_protesters, 0.5)],
            S.excessive_force_against_protesters,
        ),
        ([mention(S.peaceful_protest, 0.7), mention(S.arrests, 0.6)], S.protest_with_intervention),
        # police dispersing a mob: the mob violence is the event
        ([mention(S.mob_violence, 0.5), mention(S.protest_with_intervention, 0.6)], S.mob_violence),
        # rioting told with a demonstration
        (
            [mention(S.peaceful_protest, 0.6), mention(S.violent_demonstration, 0.5)],
            S.violent_demonstration,
        ),
        # a suicide attack stays a suicide bomb
        ([mention(S.remote_explosive, 0.9), mention(S.suicide_bomb, 0.5)], S.suicide_bomb),
        # looting and seizures accompany the violence they are part of
        ([mention(S.attack, 0.5), mention(S.looting_property_destruction, 0.7)], S.attack),
        ([mention(S.armed_clash, 0.5), mention(S.disrupted_weapons_use, 0.7)], S.armed_clash),
        # a drone shot down, nothing else: disrupted weapons use
        ([mention(S.disrupted_weapons_use, 0.7)], S.disrupted_weapons_use),
        # otherwise the evidence decides, alternatives at half weight
        (
            [
                mention(S.attack, 0.5, alternatives={S.mob_violence: 0.45}),
                mention(S.mob_violence, 0.4),
            ],
            S.mob_violence,
        ),
    ],
)
def test_event_resolve_applies_codebook_rules(mentions: list[EventMention], expected: S) -> None:
    sub, confidence, evidence = resolve_type(mentions)
    assert sub is expected
    assert 0.0 < confidence <= 1.0
    assert evidence


@pytest.mark.parametrize(
    ("mentions", "expected"),
    [
        # "forces shelled rebel positions. Ten fighters were killed": the killing is the shelling's
        (
            [
                mention(S.shelling_artillery_missile, 0.55),
                mention(S.armed_clash, 0.6, inferred=True),
            ],
            S.shelling_artillery_missile,
        ),
        # "herders and farmers clashed. Several farmers were wounded"
        ([mention(S.armed_clash, 0.5), mention(S.attack, 0.65, inferred=True)], S.armed_clash),
        # an abduction does not tell how people were killed: the killing keeps its weight
        ([mention(S.attack, 0.6, inferred=True), mention(S.abduction, 0.5)], S.attack),
        # with only general words of violence, the evidence decides
        (
            [mention(S.attack, 0.5, inferred=True), mention(S.armed_clash, 0.6, inferred=True)],
            S.armed_clash,
        ),
    ],
)
def test_event_resolve_a_named_kind_of_violence_decides_over_general_words(
    mentions: list[EventMention], expected: S
) -> None:
    assert resolve_type(mentions)[0] is expected


def test_event_resolve_ignores_denied_and_hypothetical_mentions_when_others_exist() -> None:
    mentions = [
        mention(S.armed_clash, 0.9, negated=True),
        mention(S.attack, 0.4, hypothetical=True),
        mention(S.arrests, 0.5),
    ]
    assert resolve_type(mentions)[0] is S.arrests
    assert resolve_type(mentions[:2])[0] is S.armed_clash


def test_event_resolve_combines_agreeing_mentions_into_higher_confidence() -> None:
    one = resolve_type([mention(S.armed_clash, 0.6, at=1)])
    two = resolve_type([mention(S.armed_clash, 0.6, at=1), mention(S.armed_clash, 0.6, at=5)])
    assert two[1] > one[1]
    assert [span.start for span in two[2]] == [1, 5]


def test_event_resolve_refuses_an_empty_group() -> None:
    with pytest.raises(ValueError, match="at least one mention"):
        resolve_type([])
