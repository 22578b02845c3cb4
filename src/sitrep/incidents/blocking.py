"""Blocking: which reports are worth comparing at all.

Two reports can only be one incident if their dates overlap and their places agree (the same
name up to spelling, or coordinates within tens of kilometres), so each report is filed under
keys made of a place token and a day:

- ``p:tinz@2024-08-25``: the first four letters of the loose key of its place name (spelling
  variants that the scorer accepts share them: ``Tinzaouaten``, ``Tin Zaouatene``);
- ``g:19:2@2024-08-25``: the 1-degree grid cell of its coordinates, when it was geocoded. A
  report *looks* in the 3x3 cells around its own, so reports up to ~70 km apart (at the
  latitudes of today's wars) meet.

A report dated to the week is filed under each of its seven days, one dated to the month under
each day of the month. Reports known only to the year, or without a place, get no key and are
never compared. Comparing a new report then costs what its blocks hold (the reports of its
place and days), not what the whole database holds.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

from sitrep.incidents.features import ReportFeatures

__all__ = ["BlockIndex", "block_keys", "probe_keys"]

_PREFIX = 4
_CELL_DEGREES = 1.0


def _cell(report: ReportFeatures) -> tuple[int, int] | None:
    if not report.resolved or report.latitude is None or report.longitude is None:
        return None
    return math.floor(report.latitude / _CELL_DEGREES), _wrap(
        math.floor(report.longitude / _CELL_DEGREES)
    )


def _name_tokens(report: ReportFeatures) -> list[str]:
    return sorted({f"p:{key[:_PREFIX]}" for key in report.loose_keys if key})


def _keys(tokens: Iterable[str], report: ReportFeatures) -> list[str]:
    days = [day.isoformat() for day in report.days]
    return sorted({f"{token}@{day}" for token in tokens for day in days})


def block_keys(report: ReportFeatures) -> list[str]:
    """The keys a report is filed under (empty for reports that are never compared)."""
    tokens = _name_tokens(report)
    cell = _cell(report)
    if cell is not None:
        tokens.append(f"g:{cell[0]}:{cell[1]}")
    return _keys(tokens, report)


def probe_keys(report: ReportFeatures) -> list[str]:
    """The keys to look under for a report's candidates: its name tokens and the grid cells
    around its own. ``b`` is a candidate of ``a`` exactly when ``a`` is one of ``b``'s."""
    tokens = _name_tokens(report)
    cell = _cell(report)
    if cell is not None:
        lat, lon = cell
        tokens += [f"g:{lat + i}:{_wrap(lon + j)}" for i in (-1, 0, 1) for j in (-1, 0, 1)]
    return _keys(tokens, report)


def _wrap(lon_cell: int) -> int:
    span = round(360 / _CELL_DEGREES)
    return (lon_cell + span // 2) % span - span // 2


class BlockIndex:
    """An in-memory blocking index: key -> event ids (the SQLite backend keeps it in a table)."""

    def __init__(self) -> None:
        self._by_key: dict[str, set[str]] = defaultdict(set)
        self._keys: dict[str, list[str]] = {}

    def add(self, event_id: str, keys: Iterable[str]) -> None:
        self.remove(event_id)
        stored = sorted(set(keys))
        self._keys[event_id] = stored
        for key in stored:
            self._by_key[key].add(event_id)

    def remove(self, event_id: str) -> None:
        for key in self._keys.pop(event_id, []):
            bucket = self._by_key.get(key)
            if bucket is not None:
                bucket.discard(event_id)
                if not bucket:
                    del self._by_key[key]

    def candidates(self, keys: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for key in keys:
            found |= self._by_key.get(key, set())
        return found

    def __len__(self) -> int:
        return len(self._keys)
