"""ACLED's conventions by event type: the final actor1 and actor2 of one event mention.

The parse gives agents (who acted) and patients (who was acted on); ACLED's codebook decides the
pair: a protest's actor1 is always "Protesters (X)", a riot's "Rioters (X)"; violence against
civilians has "Civilians (X)" as actor2 and an armed actor as actor1 (an unidentified one when the
text names none); a battle has two armed sides; arrests are made by state forces. Actors the
conventions add without the text naming them are *synthetic* mentions (no token offsets) whose
evidence is the event's own words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from sitrep.pipeline.mentions import ActorMention, ActorRoles, EventMention
from sitrep.taxonomy import EventType, SubEventType

__all__ = ["ARMED_KINDS", "STATE_KINDS", "conventions", "first_of"]

_WEAPONS = re.compile(
    r"\b(?:shot|shoot\w*|gun\w*|fired|firing|rifles?|pistols?|firearms?|bullets?|armed|grenades?"
    r"|bombs?|explosi\w+|IEDs?|open(?:ed|ing)? fire)\b",
    re.IGNORECASE,
)
ARMED_KINDS = {"armed_group", "state", "country", "rioters"}
STATE_KINDS = {"state", "country"}
# people whose attacks ACLED codes as a communal militia (farmer-herder violence); other
# civilians who attack without guns are a mob (rioters)
_COMMUNAL_NOUNS = {"farmer", "herder", "pastoralist", "hunter", "herdsman", "herdsmen"}


def _synthetic(mention: EventMention, template: str, kind: str) -> ActorMention:
    """An actor that ACLED's conventions require but the sentence does not name."""
    return ActorMention(
        span=mention.trigger,
        name=template,
        inter=0,
        kind=kind,
        sentence_index=mention.sentence.index,
        template=template,
    )


def first_of(items: Iterable[ActorMention], kinds: set[str]) -> list[ActorMention]:
    return [a for a in items if a.kind in kinds]


def conventions(
    mention: EventMention,
    agents: list[ActorMention],
    patients: list[ActorMention],
    same: list[ActorMention],
    nearby: list[ActorMention],
) -> ActorRoles:
    sub = mention.sub_event_type
    kind = sub.event_type
    if kind is EventType.protests:
        return _protest_roles(mention, sub, agents, same, nearby)
    if kind is EventType.riots:
        return _riot_roles(mention, sub, agents, patients, same, nearby)
    armed_agents = first_of(agents, ARMED_KINDS) or [
        a for a in agents if a.kind not in {"civilians"}
    ]
    if kind is EventType.violence_against_civilians:
        actor1 = (
            armed_agents
            or [_as_armed(a, mention) for a in agents[:1]]
            or first_of(same, {"armed_group"})[:1]
            or [_synthetic(mention, "unidentified-armed-group", "armed_group")]
        )
        victims = [_as_civilians(p) for p in patients if p.kind in {"civilians", "government"}]
        actor2 = victims[:1] or [_synthetic(mention, "civilians", "civilians")]
        return _pair(actor1, actor2)
    if kind is EventType.explosions:
        actor1 = (
            armed_agents
            or [_as_armed(a, mention) for a in agents[:1]]
            or [_synthetic(mention, "unidentified-armed-group", "armed_group")]
        )
        return _pair(actor1, [p for p in patients if p not in actor1])
    if kind is EventType.battles:
        armed_agents = armed_agents or [_as_armed(a, mention) for a in agents[:1]]
        others = [
            _as_armed(p, mention)
            for p in patients
            if p not in armed_agents and p.kind in ARMED_KINDS | {"civilians"}
        ]
        if not armed_agents:
            armed_agents, others = _battle_sides(others, same, nearby)
        if not armed_agents and not others:  # "a shoot-out took place": two unidentified sides
            armed_agents = [_synthetic(mention, "unidentified-armed-group", "armed_group")]
            others = [_synthetic(mention, "unidentified-armed-group", "armed_group")]
        return _pair(armed_agents, others)
    if sub is SubEventType.arrests:
        return _arrest_roles(mention, agents, patients, same, nearby)
    actor1 = armed_agents or agents or same[:1]
    actor2 = [p for p in patients if p not in actor1]
    if sub is SubEventType.looting_property_destruction and not actor2:
        actor2 = [a for a in first_of(same, {"civilians"}) if a not in actor1][:1]
    return _pair(actor1, actor2)


def _arrest_roles(
    mention: EventMention,
    agents: list[ActorMention],
    patients: list[ActorMention],
    same: list[ActorMention],
    nearby: list[ActorMention],
) -> ActorRoles:
    """Arrests are made by state forces (or an armed group that holds the area): the agent, else
    the forces named in the sentence or near it, else the police ("Three men were arrested")."""
    actor1 = (
        first_of(agents, ARMED_KINDS)
        or first_of(same, STATE_KINDS)[:1]
        or first_of(nearby, STATE_KINDS)[:1]
        or [_synthetic(mention, "police", "state")]
    )
    actor2 = [p for p in patients if p not in actor1 and p.kind not in STATE_KINDS]
    return _pair(actor1, actor2)


def _battle_sides(
    others: list[ActorMention], same: list[ActorMention], nearby: list[ActorMention]
) -> tuple[list[ActorMention], list[ActorMention]]:
    """The two sides of a battle whose sentence names no agent: an armed actor of the sentence,
    else of the sentences around it that is not already a patient ("Al Shabaab attacked AMISOM
    troops. One soldier was killed"); else the first of two patients ("killed in a firefight
    between the NPA and the police")."""
    keys = {_key(o) for o in others}
    pool = [a for a in first_of(same, ARMED_KINDS) if a not in others] or [
        a for a in first_of(nearby, ARMED_KINDS) if _key(a) not in keys and a not in same
    ]
    if pool:
        return pool[:1], others or pool[1:2]
    if len(others) > 1:
        return others[:1], others[1:]
    return [], others


def _pair(actor1: list[ActorMention], actor2: list[ActorMention]) -> ActorRoles:
    """actor1 and actor2, each without repeats, and actor2 without actor1's main actor."""
    first = _unique(actor1)
    key = _key(first[0]) if first else None
    second = [a for a in _unique(actor2) if _key(a) != key or a.span.start == first[0].span.start]
    return ActorRoles(actor1=first, actor2=second)


def _key(actor: ActorMention) -> tuple[str | None, str | None, str | None]:
    """What makes two mentions the same actor: the dictionary key, or template and country."""
    if actor.template is not None:
        return (actor.suffix, actor.template, actor.country_iso3)
    return (actor.actor_id, None, actor.country_iso3)


def _as_armed(actor: ActorMention, mention: EventMention) -> ActorMention:
    """A civilian-sounding perpetrator: an ethnic militia ("Fulani herders"), a communal militia
    ("farmers attacked a camp"), an unidentified armed group when guns are used ("a man shot at
    police"), else a mob: ACLED codes people who beat, stone or lynch as rioters ("five
    persons beat up a man", "youths attacked a police patrol")."""
    if actor.kind != "civilians":
        return actor
    if actor.group:
        template, kind = "ethnic-militia", "armed_group"
    elif _head_word(actor) in _COMMUNAL_NOUNS:
        template, kind = "communal-militia", "armed_group"
    elif _WEAPONS.search(mention.sentence.text) or mention.sub_event_type is SubEventType.abduction:
        template, kind = "unidentified-armed-group", "armed_group"
    else:
        template, kind = "rioters", "rioters"
    return replace(actor, template=template, kind=kind)


def _head_word(actor: ActorMention) -> str:
    word = actor.span.text.lower().split()[-1] if actor.span.text else ""
    return word[:-1] if word.endswith("s") else word


def _as_civilians(actor: ActorMention) -> ActorMention:
    """Officials and other non-combatant victims are coded as civilians."""
    if actor.kind == "government" or (
        actor.template in {"unidentified-gang", "unidentified-armed-group"}
    ):
        return replace(actor, template="civilians", kind="civilians", actor_id=None)
    return actor


def _protest_roles(
    mention: EventMention,
    sub: SubEventType,
    agents: list[ActorMention],
    same: list[ActorMention],
    nearby: list[ActorMention],
) -> ActorRoles:
    """Protesters (X), X the country of the protest, or the protesters' own nationality when
    the text gives it ("Venezuelan migrants protested in Bogota": Protesters (Venezuela))."""
    protesters = first_of(same, {"protesters"}) or [_synthetic(mention, "protesters", "protesters")]
    before = [a for a in same if a.span.start < mention.trigger.start]
    foreign = [a for a in agents or before if a.kind == "civilians" and a.country_iso3]
    if foreign and not protesters[0].country_iso3:
        protesters = [replace(foreign[0], template="protesters", kind="protesters", group=None)]
    actor2: list[ActorMention] = []
    if sub is not SubEventType.peaceful_protest:
        actor2 = (first_of(same, STATE_KINDS) or first_of(nearby, STATE_KINDS))[:1]
    return ActorRoles(actor1=protesters[:1], actor2=actor2)


def _riot_roles(
    mention: EventMention,
    sub: SubEventType,
    agents: list[ActorMention],
    patients: list[ActorMention],
    same: list[ActorMention],
    nearby: list[ActorMention],
) -> ActorRoles:
    found = first_of(same, {"rioters", "protesters"})[:1]
    rioters = (
        [replace(found[0], template="rioters", kind="rioters")]
        if found
        else [_synthetic(mention, "rioters", "rioters")]
    )
    if sub is SubEventType.violent_demonstration:
        actor2 = (first_of(same, STATE_KINDS) or first_of(nearby, STATE_KINDS))[:1]
    else:
        actor2 = [
            _as_civilians(p)
            for p in patients
            if p.kind in {"civilians", "state", "country", "armed_group", "government"}
        ][:1]
        if not actor2 and any(a.kind in {"rioters", "civilians"} for a in agents[1:]):
            actor2 = [_synthetic(mention, "rioters", "rioters")]  # "two groups clashed"
    return ActorRoles(actor1=rioters, actor2=actor2)


def _unique(actors: list[ActorMention]) -> list[ActorMention]:
    """Drop repeated actors (same key and template) keeping text order of first appearance."""
    seen: set[tuple[str | None, str | None, str | None]] = set()
    out: list[ActorMention] = []
    for actor in actors:
        if _key(actor) not in seen:
            seen.add(_key(actor))
            out.append(actor)
    return out
