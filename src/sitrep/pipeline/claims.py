"""Stage: find who says what: sources, claimants, accusations, denials."""

from __future__ import annotations

from sitrep.pipeline.document import Document
from sitrep.pipeline.mentions import ActorMention, Attribution


def find_attributions(document: Document, actors: list[ActorMention]) -> list[Attribution]:
    return []
