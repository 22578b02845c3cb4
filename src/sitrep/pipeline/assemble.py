"""Stage: group event mentions into events and fill each event's fields from the other stages."""

from __future__ import annotations

import hashlib

from sitrep.model import ActorRef, Event
from sitrep.pipeline.actors import ActorResolver
from sitrep.pipeline.document import Document
from sitrep.pipeline.mentions import (
    ActorMention,
    Attribution,
    CountMention,
    EventMention,
    TimeExpression,
    Toponym,
)
from sitrep.pipeline.places import Geocoder
from sitrep.taxonomy import disorder_type


def _event_id(article_id: str, mention: EventMention) -> str:
    key = f"{article_id}:{mention.trigger.start}:{mention.sub_event_type.value}"
    return hashlib.sha256(key.encode()).hexdigest()[:20]


def _ref(actor: ActorMention) -> ActorRef:
    return ActorRef(name=actor.name, inter=actor.inter, text=actor.span.text, evidence=[actor.span])


def assemble(
    document: Document,
    *,
    mentions: list[EventMention],
    actors: list[ActorMention],
    resolver: ActorResolver,
    toponyms: list[Toponym],
    geocoder: Geocoder,
    times: list[TimeExpression],
    counts: list[CountMention],
    attributions: list[Attribution],
) -> list[Event]:
    events: list[Event] = []
    for mention in mentions:
        roles = resolver.roles(document, mention, actors)
        sub = mention.sub_event_type
        events.append(
            Event(
                id=_event_id(document.article.id, mention),
                article_id=document.article.id,
                event_type=sub.event_type,
                sub_event_type=sub,
                disorder_type=disorder_type(sub),
                type_evidence=[mention.trigger],
                location=geocoder.locate(document, toponyms, [mention.sentence.index], mention.trigger),
                actor1=_ref(roles.actor1[0]) if roles.actor1 else None,
                actor2=_ref(roles.actor2[0]) if roles.actor2 else None,
                confidence=mention.score,
            )
        )
    return events
