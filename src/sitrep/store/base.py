"""The event store interface: what the CLI, the exports and a later HTTP API ask of a database.

``EventStore`` is a Protocol so that a PostgreSQL backend can implement it beside the SQLite one
(``sitrep.store.sqlite.SQLiteStore``). Queries are described by ``EventQuery`` and answered a page
at a time with an opaque keyset cursor, so that an API can page through 100,000+ events without
OFFSET scans.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol, runtime_checkable

from sitrep.model import Article, Event, EventRole, ExtractionResult

__all__ = [
    "ArticleStatus",
    "EventPage",
    "EventQuery",
    "EventStore",
    "Failure",
    "StoreStats",
    "StoredEvent",
]


class ArticleStatus(str, Enum):
    """What became of a stored article."""

    extracted = "extracted"  # events extracted (possibly none)
    unsupported_language = "unsupported_language"  # stored, no extraction attempted
    failed = "failed"  # extraction failed; see the failures table


@dataclass
class Failure:
    """One article (or input) that could not be read or extracted, with the catalogue's reason."""

    origin: str  # "path/file.jsonl:12", "stdin", "path/page.html"
    code: str  # sitrep.errors code, e.g. "E002"
    message: str
    article_id: str | None = None  # set when the article itself was read (and stored)
    created_at: dt.datetime | None = None


@dataclass(frozen=True)
class StoredEvent:
    """An event as stored, with what exports need of its article."""

    event: Event
    article_url: str | None = None
    article_title: str | None = None
    article_source: str | None = None
    stored_at: dt.datetime | None = None


@dataclass(frozen=True)
class EventQuery:
    """Filters of an events query; every filter is optional and they combine with AND.

    - ``countries``: ISO 3166 alpha-3 codes (``MLI``); names are resolved by the caller.
    - ``since`` / ``until``: events whose date period overlaps the range (a month-precision
      event in August 2024 matches ``since=2024-08-20``).
    - ``event_types``: ACLED event types or sub-event types (values of the taxonomy enums).
    - ``actor``: part of any actor's name (actor1, actor2 or associated), case-insensitive.
    - ``text``: words that must all occur in the event's summary, actors or place, or in the
      text of its article (full-text search; ``word*`` matches a prefix).
    - ``roles``: reported events only by default; empty for all roles.
    - ``bbox``: (min_lon, min_lat, max_lon, max_lat); min_lon > max_lon crosses the antimeridian.
    """

    countries: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None
    event_types: tuple[str, ...] = ()
    actor: str | None = None
    text: str | None = None
    admin1: str | None = None
    article_id: str | None = None
    roles: tuple[EventRole, ...] = (EventRole.reported,)
    bbox: tuple[float, float, float, float] | None = None
    min_fatalities: int | None = None
    civilian_targeting: bool | None = None
    limit: int = 100
    cursor: str | None = None


@dataclass
class EventPage:
    """One page of a query's events, newest first, and the cursor of the next page (or None)."""

    events: list[StoredEvent] = field(default_factory=list)
    next_cursor: str | None = None


@dataclass(frozen=True)
class StoreStats:
    schema_version: int
    articles: int
    events: int
    failures: int
    location: str


@runtime_checkable
class EventStore(Protocol):
    """A database of articles, their events and the failures met while ingesting them."""

    def schema_version(self) -> int: ...

    def has_extracted(self, article_id: str) -> bool:
        """True when the article is stored with its events extracted (a stored article whose
        language was not supported, or whose extraction failed, is tried again)."""
        ...

    def save_result(self, result: ExtractionResult, *, replace: bool = False) -> bool:
        """Store an article and its events in one transaction; False if it was already there
        (``replace=True`` replaces its events instead)."""
        ...

    def save_article(self, article: Article, status: ArticleStatus) -> bool:
        """Store an article without events (unsupported language, failed extraction)."""
        ...

    def record_failure(self, failure: Failure) -> None: ...

    def get_article(self, article_id: str) -> Article: ...

    def get_event(self, event_id: str) -> StoredEvent: ...

    def query_events(self, query: EventQuery) -> EventPage: ...

    def iter_events(self, query: EventQuery) -> Iterator[StoredEvent]:
        """Every event matching ``query`` (all pages), newest first."""
        ...

    def count_events(self, query: EventQuery) -> int: ...

    def failures(self, *, limit: int = 100) -> list[Failure]: ...

    def stats(self) -> StoreStats: ...

    def close(self) -> None: ...
