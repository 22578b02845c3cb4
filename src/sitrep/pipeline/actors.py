"""Stage: find actors in the text and normalise them through the actor dictionary.

PLACEHOLDER: returns spaCy ORG/NORP entities with inter 0. To be replaced by the dictionary-driven
resolver (``sitrep/data/actors.json``, countries and demonyms, user additions).
"""

from __future__ import annotations

import datetime as dt

from sitrep.model import ActorRef
from sitrep.pipeline.document import Document
from sitrep.pipeline.mentions import ActorMention, ActorRoles, EventMention


class ActorResolver:
    fingerprint = "placeholder"

    def ruler_patterns(self) -> list[dict[str, object]]:
        return []

    def find(self, document: Document) -> list[ActorMention]:
        found: list[ActorMention] = []
        for sentence in document.parsed:
            assert sentence.doc is not None
            for ent in sentence.doc.ents:
                if ent.label_ in {"ORG", "NORP"}:
                    found.append(
                        ActorMention(
                            span=sentence.span_of(ent),
                            name=ent.text,
                            inter=0,
                            sentence_index=sentence.index,
                            token_start=ent.start,
                            token_end=ent.end,
                        )
                    )
        return found

    def roles(
        self, document: Document, mention: EventMention, actors: list[ActorMention]
    ) -> ActorRoles:
        same = [a for a in actors if a.sentence_index == mention.sentence.index]
        return ActorRoles(actor1=same[:1], actor2=same[1:2])

    def normalise(
        self, mention: ActorMention, *, country_iso3: str | None, date: dt.date | None
    ) -> ActorRef:
        return ActorRef(
            name=mention.name, inter=mention.inter, text=mention.span.text, evidence=[mention.span]
        )

    def generic(
        self, kind: str, *, country_iso3: str | None, date: dt.date | None
    ) -> ActorRef | None:
        """A generic actor of a country: kind is civilians, protesters, rioters, military, police,
        unidentified_armed_group."""
        if kind == "civilians":
            return ActorRef(name=f"Civilians ({country_iso3 or 'unknown'})", inter=7)
        return None
