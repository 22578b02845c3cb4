"""Where articles, events and failures are kept: an ``EventStore`` (SQLite by default).

>>> from sitrep.store import open_store
>>> with open_store("sitrep.db") as store:  # doctest: +SKIP
...     page = store.query_events(EventQuery(countries=("MLI",), limit=20))
"""

from __future__ import annotations

from pathlib import Path

from sitrep.errors import ConfigError
from sitrep.store.base import (
    ArticleStatus,
    EventPage,
    EventQuery,
    EventStore,
    Failure,
    StoredEvent,
    StoreStats,
)
from sitrep.store.sqlite import SQLiteStore

__all__ = [
    "ArticleStatus",
    "EventPage",
    "EventQuery",
    "EventStore",
    "Failure",
    "SQLiteStore",
    "StoreStats",
    "StoredEvent",
    "open_store",
]


def open_store(location: str | Path) -> SQLiteStore:
    """Open (create, migrate) the store at ``location``: a file path or ``sqlite:///path``.

    PostgreSQL URLs are recognised and refused (E053) until that backend exists.
    """
    text = str(location)
    if text.startswith(("postgres://", "postgresql://")):
        raise ConfigError.from_catalogue("E053", url=text)
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///") :]
    return SQLiteStore(Path(text))
