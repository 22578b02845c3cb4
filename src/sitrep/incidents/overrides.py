"""Analyst decisions about incidents: two reports are (``must_link``) or are not (``cannot_link``)
the same incident.

Decisions are kept apart from the computed incidents and applied in every recomputation, so a
split or a merge survives new reports and re-processing. They name reports by an ``EventKey``:
the article's content hash plus the character span of the words that signal the event (the
trigger). Extracting the same article again gives the same key even if the extractor changed
and gave the event another id: the key then matches the new event whose trigger overlaps it.
When two decisions about one pair disagree, the newer one holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

from sitrep.incidents.features import ReportFeatures

__all__ = ["EventKey", "Override", "OverrideKind", "effective_pairs", "resolve_key"]


class OverrideKind(str, Enum):
    must_link = "must_link"
    cannot_link = "cannot_link"


@dataclass(frozen=True)
class EventKey:
    """A report's identity that survives re-extraction: article, trigger span, and the event id
    it had when the decision was taken."""

    article_id: str
    start: int
    end: int
    event_id: str

    @classmethod
    def of(cls, report: ReportFeatures) -> EventKey:
        start, end = report.key_spans[0] if report.key_spans else (0, 0)
        return cls(report.article_id, start, end, report.event_id)

    def overlap(self, report: ReportFeatures) -> int:
        """How many characters of the key's span the report's triggers cover (-1: other article)."""
        if report.article_id != self.article_id:
            return -1
        if report.event_id == self.event_id:
            return 1 << 30
        return max((min(e, self.end) - max(s, self.start) for s, e in report.key_spans), default=0)


@dataclass(frozen=True)
class Override:
    """One analyst decision, numbered in the order it was taken."""

    id: int
    kind: OverrideKind
    first: EventKey
    second: EventKey
    note: str = ""
    created_at: dt.datetime | None = None
    active: bool = True
    replaced_by: int | None = None  # the decision that withdrew this one (a merge)


def resolve_key(key: EventKey, reports: Iterable[ReportFeatures]) -> str | None:
    """The current event id the key names among ``reports`` (an article's reports), or None."""
    best: tuple[int, str] | None = None
    for report in reports:
        overlap = key.overlap(report)
        if overlap <= 0:
            continue
        if best is None or (overlap, _neg(report.event_id)) > (best[0], _neg(best[1])):
            best = (overlap, report.event_id)
    return best[1] if best else None


def _neg(text: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in text)


def effective_pairs(
    overrides: Iterable[Override], resolved: Mapping[int, tuple[str, str]]
) -> dict[frozenset[str], tuple[int, OverrideKind]]:
    """The decision that holds for each pair of event ids: the newest active one.

    ``resolved`` maps an override's id to its pair of current event ids (for the overrides
    whose keys both resolved).
    """
    pairs: dict[frozenset[str], tuple[int, OverrideKind]] = {}
    for override in sorted(overrides, key=lambda o: o.id):
        ids = resolved.get(override.id)
        if not override.active or ids is None or ids[0] == ids[1]:
            continue
        pairs[frozenset(ids)] = (override.id, override.kind)
    return pairs
