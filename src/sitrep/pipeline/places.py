"""Stage: find toponyms, resolve them in the gazetteer, and choose each event's location.

PLACEHOLDER: spaCy GPE/LOC entities, unresolved. To be replaced by the geocoder.
"""

from __future__ import annotations

from sitrep.gazetteer import Gazetteer
from sitrep.model import Location, Span
from sitrep.pipeline.document import Document
from sitrep.pipeline.mentions import ActorMention, Toponym


class Geocoder:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def toponyms(self, document: Document, actors: list[ActorMention]) -> list[Toponym]:
        found: list[Toponym] = []
        for sentence in document.parsed:
            assert sentence.doc is not None
            for ent in sentence.doc.ents:
                if ent.label_ in {"GPE", "LOC", "FAC"}:
                    span = sentence.span_of(ent)
                    found.append(
                        Toponym(
                            span=span,
                            name=ent.text,
                            sentence_index=sentence.index,
                            location=Location(name=ent.text, resolved=False, evidence=[span]),
                        )
                    )
        return found

    def locate(
        self,
        document: Document,
        toponyms: list[Toponym],
        sentence_indexes: list[int],
        trigger: Span | None = None,
    ) -> Location | None:
        for toponym in toponyms:
            if toponym.sentence_index in sentence_indexes and toponym.location is not None:
                return toponym.location
        return None
