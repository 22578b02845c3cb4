"""Stage: find dates and periods in the text and resolve them against the publication date."""

from __future__ import annotations

from sitrep.pipeline.document import Document
from sitrep.pipeline.mentions import TimeExpression


def find_time_expressions(document: Document) -> list[TimeExpression]:
    return []
