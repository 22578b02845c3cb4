"""Blocking: which reports are worth comparing at all.

Two reports can only be one incident if their dates overlap and their places agree, so each
report is filed under keys made of a place token and a day: ``c:MLI@2024-08-25`` (its country)
and ``n:tinzauaten@2024-08-25`` (the loose key of its place name, so that reports without a
country still meet by name). A report dated to the week is filed under each of its seven days, one
dated to the month under each day of the month. Reports known only to the year, or without a
place, get no key and are never compared. Comparing a new report then costs what its blocks
hold (the reports of its place and days), not what the whole database holds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sitrep.incidents.features import ReportFeatures

__all__ = ["BlockIndex", "block_keys"]


def block_keys(report: ReportFeatures) -> list[str]:
    """The blocking keys of a report (empty for reports that are never compared)."""
    days = report.days
    if not days:
        return []
    tokens = [f"n:{key}" for key in report.loose_keys]
    if report.country:
        tokens.append(f"c:{report.country}")
    return sorted(f"{token}@{day.isoformat()}" for token in tokens for day in days)


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
