"""Where the incident layer keeps its state, behind one interface.

``IncidentBackend`` is what the engine asks of storage: report features and their blocking keys,
each report's place in an incident (its *assignment*), the incidents themselves, and the
analyst's decisions. ``MemoryBackend`` keeps everything in dictionaries (benchmarks, notebooks,
tests of the engine alone); ``sitrep.incidents.sqlite.SQLiteIncidentBackend`` keeps it in the
event store's database beside the events.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, replace
from typing import Protocol

from sitrep.errors import NotFound, ReviewError
from sitrep.incidents.blocking import BlockIndex, block_keys
from sitrep.incidents.features import ReportFeatures
from sitrep.incidents.overrides import EventKey, Override, OverrideKind
from sitrep.incidents.reconcile import ReportSource
from sitrep.incidents.records import Incident
from sitrep.model import Event, ExtractionResult

__all__ = ["Assignment", "IncidentBackend", "IncidentQuery", "MemoryBackend", "matches"]


@dataclass(frozen=True)
class Assignment:
    """A report's place: the root of its incident (None: in no incident) and how it got there
    (``anchor``, ``attached``, ``coarse``, ``loose``, or ``unlinked`` for background mentions
    that matched no incident)."""

    root: str | None
    stage: str


@dataclass(frozen=True)
class IncidentQuery:
    """Filters of an incidents listing (all optional, combined with AND), newest first."""

    countries: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None
    event_types: tuple[str, ...] = ()
    contested: bool | None = None
    min_sources: int | None = None
    min_fatalities: int | None = None
    limit: int = 100
    offset: int = 0


def matches(incident: Incident, query: IncidentQuery) -> bool:
    """Does ``incident`` pass the filters of ``query``? (the reference the SQL must agree with)"""
    date, place = incident.date, incident.location
    checks = [
        not query.countries or (place is not None and place.country_iso3 in query.countries),
        query.since is None or (date is not None and date.end >= query.since),
        query.until is None or (date is not None and date.start <= query.until),
        not query.event_types
        or incident.event_type in query.event_types
        or incident.sub_event_type in query.event_types,
        query.contested is None or incident.fatalities.contested == query.contested,
        query.min_sources is None or incident.n_sources >= query.min_sources,
        query.min_fatalities is None or incident.fatalities.conservative >= query.min_fatalities,
    ]
    return all(checks)


class IncidentBackend(Protocol):
    """Storage of the incident layer (see the module docstring)."""

    def transaction(self) -> AbstractContextManager[None]: ...

    def keep(self, result: ExtractionResult) -> None:
        """Make the result's events available to ``load_members`` (the SQLite backend reads
        them from the event store, where they must already be saved)."""
        ...

    def features(self, event_ids: Collection[str]) -> dict[str, ReportFeatures]: ...

    def article_reports(self, article_ids: Collection[str]) -> dict[str, list[str]]: ...

    def candidates(self, keys: Collection[str]) -> set[str]: ...

    def put_reports(self, reports: Sequence[ReportFeatures]) -> None: ...

    def delete_reports(self, event_ids: Collection[str]) -> None: ...

    def all_reports(self) -> list[str]: ...

    def assignments(self, event_ids: Collection[str]) -> dict[str, Assignment]: ...

    def members(self, roots: Collection[str]) -> dict[str, list[str]]: ...

    def assign(self, assignments: Mapping[str, Assignment]) -> None: ...

    def load_members(self, event_ids: Collection[str]) -> dict[str, tuple[Event, ReportSource]]: ...

    def save_incidents(
        self, incidents: Sequence[Incident], deleted: Collection[str], aliases: Mapping[str, str]
    ) -> None: ...

    def get_incident(self, incident_id: str) -> Incident: ...

    def query_incidents(self, query: IncidentQuery) -> list[Incident]: ...

    def count_incidents(self, query: IncidentQuery) -> int: ...

    def incident_ids_of(self, event_ids: Collection[str]) -> dict[str, str]: ...

    def overrides_for(self, article_ids: Collection[str]) -> list[Override]: ...

    def add_override(
        self, kind: OverrideKind, first: EventKey, second: EventKey, note: str
    ) -> Override: ...

    def set_override_active(
        self, override_id: int, active: bool, *, replaced_by: int | None = None
    ) -> Override: ...

    def list_overrides(self) -> list[Override]: ...


class MemoryBackend:
    """``IncidentBackend`` in dictionaries."""

    def __init__(self) -> None:
        self._features: dict[str, ReportFeatures] = {}
        self._by_article: dict[str, set[str]] = defaultdict(set)
        self._blocks = BlockIndex()
        self._assignments: dict[str, Assignment] = {}
        self._members: dict[str, set[str]] = defaultdict(set)
        self._events: dict[str, tuple[Event, ReportSource]] = {}
        self._incidents: dict[str, Incident] = {}
        self._aliases: dict[str, str] = {}  # old incident id -> current id
        self._pointing: dict[str, set[str]] = defaultdict(set)  # current id -> old ids
        self._overrides: dict[int, Override] = {}

    @contextmanager
    def transaction(self) -> Iterator[None]:
        yield

    def keep(self, result: ExtractionResult) -> None:
        from sitrep.incidents.names import outlet_key

        article = result.article
        source = ReportSource.of(article, outlet_key(article.source, article.url, article.id))
        for event in result.events:
            self._events[event.id] = (event, source)

    # -- reports ------------------------------------------------------------------------------
    def features(self, event_ids: Collection[str]) -> dict[str, ReportFeatures]:
        return {e: self._features[e] for e in event_ids if e in self._features}

    def article_reports(self, article_ids: Collection[str]) -> dict[str, list[str]]:
        return {a: sorted(self._by_article.get(a, ())) for a in article_ids}

    def candidates(self, keys: Collection[str]) -> set[str]:
        return self._blocks.candidates(keys)

    def put_reports(self, reports: Sequence[ReportFeatures]) -> None:
        for report in reports:
            self._features[report.event_id] = report
            self._by_article[report.article_id].add(report.event_id)
            self._blocks.add(report.event_id, block_keys(report))

    def delete_reports(self, event_ids: Collection[str]) -> None:
        for event_id in event_ids:
            report = self._features.pop(event_id, None)
            if report is not None:
                self._by_article[report.article_id].discard(event_id)
            self._blocks.remove(event_id)
            self.assign({event_id: Assignment(None, "deleted")})
            self._assignments.pop(event_id, None)
            self._events.pop(event_id, None)

    def all_reports(self) -> list[str]:
        return sorted(self._features)

    def assignments(self, event_ids: Collection[str]) -> dict[str, Assignment]:
        return {e: self._assignments[e] for e in event_ids if e in self._assignments}

    def members(self, roots: Collection[str]) -> dict[str, list[str]]:
        return {r: sorted(self._members.get(r, ())) for r in roots}

    def assign(self, assignments: Mapping[str, Assignment]) -> None:
        for event_id, assignment in assignments.items():
            old = self._assignments.get(event_id)
            if old is not None and old.root is not None:
                self._members[old.root].discard(event_id)
                if not self._members[old.root]:
                    del self._members[old.root]
            self._assignments[event_id] = assignment
            if assignment.root is not None:
                self._members[assignment.root].add(event_id)

    def load_members(self, event_ids: Collection[str]) -> dict[str, tuple[Event, ReportSource]]:
        return {e: self._events[e] for e in event_ids if e in self._events}

    # -- incidents ----------------------------------------------------------------------------
    def save_incidents(
        self, incidents: Sequence[Incident], deleted: Collection[str], aliases: Mapping[str, str]
    ) -> None:
        for incident_id in deleted:
            self._incidents.pop(incident_id, None)
        for incident in incidents:
            self._incidents[incident.id] = incident
            previous = self._aliases.pop(incident.id, None)
            if previous is not None:
                self._pointing[previous].discard(incident.id)
        for old, new in aliases.items():
            self._alias(old, new)

    def _alias(self, old: str, new: str) -> None:
        """``old`` now means ``new``, and so do the ids that meant ``old``."""
        previous = self._aliases.get(old)
        if previous is not None:
            self._pointing[previous].discard(old)
        self._aliases[old] = new
        self._pointing[new].add(old)
        for key in self._pointing.pop(old, set()):
            self._aliases[key] = new
            self._pointing[new].add(key)

    def get_incident(self, incident_id: str) -> Incident:
        found = self._incidents.get(incident_id) or self._incidents.get(
            self._aliases.get(incident_id, "")
        )
        if found is None:
            raise NotFound.from_catalogue("E052", kind="incident", id=incident_id)
        return found

    def query_incidents(self, query: IncidentQuery) -> list[Incident]:
        chosen = [i for i in self._incidents.values() if matches(i, query)]
        chosen.sort(key=lambda i: (i.date.start if i.date else dt.date.min, i.id), reverse=True)
        return chosen[query.offset : query.offset + query.limit]

    def count_incidents(self, query: IncidentQuery) -> int:
        return sum(1 for i in self._incidents.values() if matches(i, query))

    def incident_ids_of(self, event_ids: Collection[str]) -> dict[str, str]:
        from sitrep.incidents.reconcile import incident_id

        found = {}
        for event_id in event_ids:
            assignment = self._assignments.get(event_id)
            if assignment is not None and assignment.root is not None:
                found[event_id] = incident_id(assignment.root)
        return found

    # -- overrides ----------------------------------------------------------------------------
    def overrides_for(self, article_ids: Collection[str]) -> list[Override]:
        wanted = set(article_ids)
        return [
            o
            for o in self._overrides.values()
            if o.first.article_id in wanted or o.second.article_id in wanted
        ]

    def add_override(
        self, kind: OverrideKind, first: EventKey, second: EventKey, note: str
    ) -> Override:
        number = max(self._overrides, default=0) + 1
        now = dt.datetime.now(dt.UTC)
        override = Override(number, kind, first, second, note, now)
        self._overrides[number] = override
        return override

    def set_override_active(
        self, override_id: int, active: bool, *, replaced_by: int | None = None
    ) -> Override:
        if override_id not in self._overrides:
            raise ReviewError.from_catalogue("E060", detail=f"no decision numbered {override_id}")
        self._overrides[override_id] = replace(
            self._overrides[override_id], active=active, replaced_by=replaced_by
        )
        return self._overrides[override_id]

    def list_overrides(self) -> list[Override]:
        return [self._overrides[k] for k in sorted(self._overrides)]
