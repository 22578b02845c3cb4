"""Stage: find counts of people killed and injured, with qualifiers and victim groups."""

from __future__ import annotations

from sitrep.pipeline.document import Document
from sitrep.pipeline.mentions import CountMention


def find_counts(document: Document) -> list[CountMention]:
    return []
