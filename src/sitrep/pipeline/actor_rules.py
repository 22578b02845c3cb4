"""Rules applied to one event's actors once its country and date are known.

- names ``ActorResolver.find`` kept aside because the text names none of the countries where they
  are valid ("regime forces" in a note that names only Dar'a) are settled by the event's country;
- fire nobody is named for, on an active front line, is coded to the front's two sides
  (``reference.Front``: the contact line in eastern Ukraine, 2014-2022);
- unidentified perpetrators whose deeds bear a country's gang hallmarks become that country's gang
  (``reference.Hallmark``: drive-by shootings and bound bodies in Mexico and Brazil);
- in countries whose coders name state forces first in battles (``Conventions``), they are.

All rules are data of the actor dictionary (``actors.json``); users extend them in their files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from sitrep.pipeline.document import Document
from sitrep.pipeline.mentions import PROVISIONAL_ACTORS, ActorMention, ActorRoles, EventMention
from sitrep.reference import CodedActor
from sitrep.taxonomy import EventType

if TYPE_CHECKING:
    from sitrep.pipeline.actors import ActorResolver, AliasTarget

__all__ = ["apply", "settle"]

_STATE_KINDS = {"state", "country"}


def settle(
    resolver: ActorResolver,
    document: Document,
    actors: list[ActorMention],
    country_iso3: str | None,
) -> list[ActorMention]:
    """The actors of an event in ``country_iso3``, with the provisional names ``find`` kept aside:
    those valid in the event's country join, as the actor of that country, in place of the
    generic reading of the same words; the others stay out."""
    provisional = document.annotations.get(PROVISIONAL_ACTORS)
    if not isinstance(provisional, list) or not provisional or country_iso3 is None:
        return actors
    named: list[ActorMention] = []
    for mention, options in provisional:
        target = next((t for t in options if country_iso3 in t.countries), None)
        if target is not None:
            named.append(_retarget(mention, target))
    if not named:
        return actors
    kept = [a for a in actors if not any(_overlap(a, n) for n in named)]
    return sorted(kept + named, key=lambda a: (a.sentence_index, a.token_start or 0))


def apply(
    resolver: ActorResolver,
    roles: ActorRoles,
    document: Document,
    mention: EventMention,
    country_iso3: str | None,
    date: dt.date | None,
) -> None:
    """Fronts, hallmarks and the country's battle order, applied to ``roles`` in place."""
    _front_sides(resolver, roles, mention, country_iso3, date)
    _hallmarks(resolver, roles, document, mention, country_iso3)
    _battle_order(resolver, roles, mention, country_iso3)


def _retarget(actor: ActorMention, target: AliasTarget) -> ActorMention:
    """A provisional mention pointed at the dictionary target valid in the event's country."""
    if target.entry is not None:
        entry = target.entry
        return replace(
            actor,
            name=entry.name,
            actor_id=entry.id,
            kind=entry.kind,
            assoc=list(entry.assoc),
            country_iso3=entry.home,
            template=None,
            suffix=None,
        )
    assert target.state is not None
    state = target.state
    return replace(
        actor,
        actor_id=state.id,
        template=state.template,
        country_iso3=state.country,
        suffix=state.suffix,
        kind="state",
    )


def _overlap(a: ActorMention, b: ActorMention) -> bool:
    return (
        a.sentence_index == b.sentence_index
        and a.span.start < b.span.end
        and b.span.start < a.span.end
    )


def _unattributed(side: list[ActorMention]) -> bool:
    """No actor, or only the unidentified group ACLED's conventions add when the text names none."""
    return not side or (
        side[0].token_start is None and side[0].template == "unidentified-armed-group"
    )


def _front_sides(
    resolver: ActorResolver,
    roles: ActorRoles,
    mention: EventMention,
    country_iso3: str | None,
    date: dt.date | None,
) -> None:
    """Fire that the text attributes to nobody, on an active front, is the front's sides':
    a battle gets both, shelling its first side."""
    kind = mention.sub_event_type.event_type
    if kind not in {EventType.battles, EventType.explosions} or not _unattributed(roles.actor1):
        return
    front = resolver.dictionary.front(country_iso3, date)
    if front is None:
        return
    first, second = (_front_side(side, mention) for side in front.sides)
    roles.actor1 = [first]
    if kind is EventType.battles and _unattributed(roles.actor2):
        roles.actor2 = [second]


def _front_side(side: CodedActor, mention: EventMention) -> ActorMention:
    """An actor mention for one side of a front, its evidence the event's words."""
    return ActorMention(
        span=mention.trigger,
        name=side.actor or side.template or "",
        inter=0,
        actor_id=side.actor,
        country_iso3=side.country,
        kind="state" if side.template else "armed_group",
        sentence_index=mention.sentence.index,
        template=side.template,
    )


def _hallmarks(
    resolver: ActorResolver,
    roles: ActorRoles,
    document: Document,
    mention: EventMention,
    country_iso3: str | None,
) -> None:
    """Unidentified perpetrators that the event's words mark as a gang ("gang-related"), or as a
    country's gang (hallmarks its coders read): the event's sentence and the two after it are
    read; the first hallmark found decides."""
    rules = [(h, p) for h, p in resolver.hallmark_patterns if h.applies_in(country_iso3)]
    if not rules:
        return
    index = mention.sentence.index
    text = " ".join(s.text for s in document.sentences[index : index + 3])
    for hallmark, pattern in rules:
        if not pattern.search(text):
            continue
        for side in (roles.actor1, roles.actor2):
            side[:] = [
                _coded(resolver, a, hallmark.actor) if a.template == hallmark.replaces else a
                for a in side
            ]
        return


def _coded(resolver: ActorResolver, actor: ActorMention, coded: CodedActor) -> ActorMention:
    """``actor`` recoded as a rule says (its words and place in the text kept)."""
    if coded.actor is not None:
        entry = resolver.dictionary.actor(coded.actor)
        kind = entry.kind if entry is not None else actor.kind
        return replace(actor, template=None, actor_id=coded.actor, kind=kind, inter=0)
    return replace(actor, template=coded.template, country_iso3=coded.country, inter=0)


def _battle_order(
    resolver: ActorResolver, roles: ActorRoles, mention: EventMention, country_iso3: str | None
) -> None:
    """Where the country's coders name state forces first in a battle ("armed men exchanged fire
    with military police" in Brazil: the police first), the state side becomes actor1."""
    if (
        mention.sub_event_type.event_type is not EventType.battles
        or country_iso3 not in resolver.dictionary.state_first_in_battles
        or not roles.actor1
        or not roles.actor2
        or roles.actor1[0].kind in _STATE_KINDS
        or roles.actor2[0].kind not in _STATE_KINDS
    ):
        return
    roles.actor1, roles.actor2 = roles.actor2, roles.actor1
