"""The incident layer over an event store: what ingest, the CLI and an API call.

- ``incident_engine(store)``: the engine on the store's database.
- ``after_save(engine)``: a callback for ingest, to run after each ``store.save_result``.
- ``file_stored_events(store, engine)``: file every stored event as a report (a database filled
  before the incident layer existed, or after a change of linking policy).
- ``make_incident_query(...)``: filters as a user writes them ("Mali", "2024-08").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from sitrep.incidents.backend import IncidentQuery
from sitrep.incidents.engine import IncidentChanges, IncidentEngine
from sitrep.incidents.policy import LinkPolicy
from sitrep.model import Event, ExtractionResult

__all__ = ["after_save", "file_stored_events", "incident_engine", "make_incident_query"]


def incident_engine(store: Any, policy: LinkPolicy | None = None) -> IncidentEngine:
    """The incident engine on an open ``SQLiteStore`` (its connection and transactions)."""
    from sitrep.incidents.sqlite import SQLiteIncidentBackend

    return IncidentEngine(SQLiteIncidentBackend.of(store), policy)


def after_save(engine: IncidentEngine) -> Callable[[ExtractionResult], IncidentChanges]:
    """A callback for ingest: ``hook(result)`` after ``store.save_result(result)`` files the
    result's events as reports and updates their incidents."""

    def hook(result: ExtractionResult) -> IncidentChanges:
        return engine.update([result])

    return hook


def file_stored_events(
    store: Any,
    engine: IncidentEngine,
    *,
    batch_size: int = 200,
    progress: Callable[[int], None] | None = None,
) -> IncidentChanges:
    """File every event of ``store`` (all roles) and update the incidents; returns the total
    changes. Articles already filed and unchanged cost a comparison and change nothing."""
    from sitrep.store.base import EventQuery

    by_article: dict[str, list[Event]] = defaultdict(list)
    for stored in store.iter_events(EventQuery(roles=(), limit=500)):
        by_article[stored.event.article_id].append(stored.event)
    total = IncidentChanges()
    batch: list[ExtractionResult] = []
    for article_id in sorted(by_article):
        events = sorted(by_article[article_id], key=lambda e: e.id)
        batch.append(ExtractionResult(article=store.get_article(article_id), events=events))
        if len(batch) >= batch_size:
            total.extend(engine.update(batch))
            if progress is not None:
                progress(len(batch))
            batch = []
    if batch:
        total.extend(engine.update(batch))
        if progress is not None:
            progress(len(batch))
    return total


def make_incident_query(
    *,
    countries: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    event_types: Sequence[str] = (),
    contested: bool | None = None,
    min_sources: int | None = None,
    min_fatalities: int | None = None,
    limit: int = 50,
    offset: int = 0,
) -> IncidentQuery:
    """An ``IncidentQuery`` from filters as a user writes them (E020, E022, E023 when wrong)."""
    from sitrep.store.filters import country_code, event_type_name, parse_day_range

    start, end = parse_day_range(since, until)
    return IncidentQuery(
        countries=tuple(country_code(c) for c in countries),
        since=start,
        until=end,
        event_types=tuple(event_type_name(t) for t in event_types),
        contested=contested,
        min_sources=min_sources,
        min_fatalities=min_fatalities,
        limit=limit,
        offset=offset,
    )
