"""Decide the sub-event type of one event that an article describes in several sentences.

The assembler groups event mentions (same actors, place and day) and asks ``resolve_type`` for
the group's single ACLED sub-event type. Each mention brings its own reading; the codebook's
rules for mixed reports then decide:

- an air or drone strike, or shelling, inside an ongoing battle is part of the battle, unless it
  hit civilians (then it stays Explosions/Remote violence, with civilian targeting);
- a change of territory reported with fighting is coded as that change (government regains /
  non-state actor overtakes), not as the fighting;
- a protest escalates: peaceful < with intervention < excessive force; if the demonstrators
  themselves turned violent it is a violent demonstration; police dispersing a mob (no
  demonstration told) is part of the mob violence;
- a suicide attack stays a suicide bomb whatever else exploded; sexual violence in an attack is
  coded as sexual violence;
- looting, arrests, weapons seized, displacement and movements of forces that accompany
  violence are part of that violence; arrests at a protest make it a protest with intervention;
- otherwise the type with the most evidence wins (each mention's score, half weight for its
  alternatives).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sitrep.model import Span
from sitrep.pipeline.mentions import EventMention
from sitrep.taxonomy import EventType, SubEventType

__all__ = ["names_the_violence", "resolve_type"]

S = SubEventType
_BATTLE_ABSORBS = (S.air_drone_strike, S.shelling_artillery_missile)
_TERRITORY = (S.government_regains_territory, S.non_state_actor_overtakes_territory)
_PROTEST_LADDER = (
    S.peaceful_protest,
    S.protest_with_intervention,
    S.excessive_force_against_protesters,
    S.violent_demonstration,
)
# Kinds of report that never decide an event's type when violence is reported with them.
_ACCOMPANYING = (
    S.looting_property_destruction,
    S.arrests,
    S.disrupted_weapons_use,
    S.change_to_group_activity,
    S.other,
    S.headquarters_established,
    S.agreement,
)
_VIOLENT_TYPES = {
    EventType.battles,
    EventType.explosions,
    EventType.violence_against_civilians,
    EventType.riots,
}
_HOW_TYPES = {EventType.battles, EventType.explosions, EventType.riots}
_ALTERNATIVE_WEIGHT = 0.5


def resolve_type(mentions: list[EventMention]) -> tuple[SubEventType, float, list[Span]]:
    """The sub-event type of one event described by ``mentions``, with a confidence (0..1) and
    the trigger spans that support it. Negated and hypothetical mentions count only when
    nothing else is reported. Raises ``ValueError`` for an empty list."""
    if not mentions:
        raise ValueError("resolve_type needs at least one mention")
    asserted = _deciding([m for m in mentions if not (m.negated or m.hypothetical)] or mentions)
    evidence = _evidence(asserted)
    chosen = _codebook(evidence, asserted) or max(evidence, key=lambda sub: evidence[sub])
    supporting = [m for m in asserted if m.sub_event_type is chosen]
    if supporting:
        confidence = _noisy_or(m.score for m in supporting)
    else:  # a type none of the mentions chose (arrests at a protest): the evidence behind it
        confidence = max(evidence.get(chosen, 0.0), max(m.score for m in asserted))
    spans = [m.trigger for m in supporting] or [max(asserted, key=lambda m: m.score).trigger]
    return chosen, round(min(confidence, 1.0), 4), spans


def _deciding(mentions: list[EventMention]) -> list[EventMention]:
    """The mentions that decide the type: a report that names the kind of violence ("shelled",
    "clashed") decides over words of violence in general ("ten soldiers were killed"), which
    only add detail to it."""
    specific = [m for m in mentions if not m.inferred and names_the_violence(m.sub_event_type)]
    if not specific:
        return list(mentions)
    return [
        m for m in mentions if not (m.inferred and m.sub_event_type.event_type in _VIOLENT_TYPES)
    ]


def names_the_violence(sub: SubEventType) -> bool:
    """Types whose words tell how violence was done (fighting, shelling, a lynching): the
    killing and wounding reported with them is part of them. An abduction is not: people
    killed and abducted in one attack make an attack."""
    return sub.event_type in _HOW_TYPES or sub is S.sexual_violence


def _evidence(mentions: list[EventMention]) -> dict[SubEventType, float]:
    """Evidence per sub-event type: each mention's own type, half weight for its alternatives."""
    scores: dict[SubEventType, float] = defaultdict(float)
    for m in mentions:
        scores[m.sub_event_type] += m.score
        for sub, score in m.alternatives.items():
            scores[sub] += _ALTERNATIVE_WEIGHT * score
    return dict(scores)


def _codebook(
    evidence: dict[SubEventType, float], mentions: list[EventMention]
) -> SubEventType | None:
    """Apply the codebook's precedence between the types that the mentions themselves chose."""
    chosen = {m.sub_event_type for m in mentions}
    civilian_strike = any(
        m.civilian_targeting and m.sub_event_type in _BATTLE_ABSORBS for m in mentions
    )
    if S.suicide_bomb in chosen:
        return S.suicide_bomb
    if S.sexual_violence in chosen:
        return S.sexual_violence
    territory = [s for s in _TERRITORY if s in chosen]
    if territory:
        return max(territory, key=lambda s: evidence[s])
    if S.armed_clash in chosen and chosen & set(_BATTLE_ABSORBS) and not civilian_strike:
        return S.armed_clash
    protest = [s for s in _PROTEST_LADDER if s in chosen]
    if protest:
        demonstration = {S.peaceful_protest, S.violent_demonstration}
        if S.mob_violence in chosen and not chosen & demonstration:
            return S.mob_violence  # police dispersing a riot: the riot is the event
        if S.arrests in chosen and protest[-1] is S.peaceful_protest:
            return S.protest_with_intervention
        violent_others = {s for s in chosen if s.event_type in _VIOLENT_TYPES} - set(
            _PROTEST_LADDER
        )
        if not violent_others or evidence[protest[-1]] >= max(evidence[s] for s in violent_others):
            return protest[-1]
    violent = [s for s in chosen if s.event_type in _VIOLENT_TYPES]
    if violent and chosen & set(_ACCOMPANYING):
        return max(violent, key=lambda s: evidence[s])
    return None


def _noisy_or(scores: Iterable[float]) -> float:
    """The chance that at least one of several independent readings is right."""
    remaining = 1.0
    for score in scores:
        remaining *= 1.0 - max(0.0, min(score, 1.0))
    return 1.0 - remaining
