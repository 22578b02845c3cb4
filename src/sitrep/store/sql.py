"""The SQL of the SQLite store: event rows in and out, query filters, keyset cursors."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
import sqlite3
from typing import Any

from sitrep.errors import ConfigError
from sitrep.model import ActorRef, Event
from sitrep.store.base import EventQuery, StoredEvent

__all__ = [
    "SELECT_EVENTS",
    "decode_cursor",
    "encode_cursor",
    "fts_query",
    "insert_event",
    "stored_event",
    "where_clause",
]

SELECT_EVENTS = (
    "SELECT e.json, a.url, a.title, a.source, e.stored_at, e.sort_date, e.pk"
    " FROM events e JOIN articles a ON a.pk = e.article_pk"
)
SORT_DATE_COLUMN = 5
PK_COLUMN = 6

_EVENT_COLUMNS = [
    "id",
    "article_pk",
    "article_id",
    "role",
    "event_type",
    "sub_event_type",
    "disorder_type",
    "civilian_targeting",
    "date_start",
    "date_end",
    "date_precision",
    "sort_date",
    "country_iso3",
    "country",
    "admin1",
    "admin2",
    "location_name",
    "latitude",
    "longitude",
    "geo_precision",
    "actor1",
    "actor2",
    "inter1",
    "inter2",
    "interaction",
    "actor_names",
    "fatalities",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "confidence",
    "summary",
    "json",
    "stored_at",
]
_INSERT_EVENT = (
    f"INSERT INTO events ({', '.join(_EVENT_COLUMNS)})"
    f" VALUES ({', '.join('?' for _ in _EVENT_COLUMNS)})"
    " ON CONFLICT (id) DO NOTHING RETURNING pk"
)
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*\*?", re.UNICODE)


def _actors(event: Event) -> list[tuple[str, ActorRef]]:
    slots: list[tuple[str, ActorRef]] = []
    if event.actor1 is not None:
        slots.append(("actor1", event.actor1))
    slots += [("assoc_actor_1", a) for a in event.assoc_actor_1]
    if event.actor2 is not None:
        slots.append(("actor2", event.actor2))
    slots += [("assoc_actor_2", a) for a in event.assoc_actor_2]
    return slots


def _event_row(event: Event, *, article_pk: int, stored_at: str) -> dict[str, Any]:
    date, place, dead = event.date, event.location, event.fatalities
    return {
        "id": event.id,
        "article_pk": article_pk,
        "article_id": event.article_id,
        "role": event.role.value,
        "event_type": event.event_type.value,
        "sub_event_type": event.sub_event_type.value,
        "disorder_type": event.disorder_type,
        "civilian_targeting": int(event.civilian_targeting),
        "date_start": date.start.isoformat() if date else None,
        "date_end": date.end.isoformat() if date else None,
        "date_precision": date.precision.value if date else None,
        "sort_date": date.representative.isoformat() if date else "",
        "country_iso3": place.country_iso3 if place else None,
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "location_name": (place.place_name or place.name) if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "geo_precision": place.geo_precision if place else None,
        "actor1": event.actor1.name if event.actor1 else None,
        "actor2": event.actor2.name if event.actor2 else None,
        "inter1": event.actor1.inter if event.actor1 else None,
        "inter2": event.actor2.inter if event.actor2 else None,
        "interaction": event.interaction,
        "actor_names": "; ".join(actor.name for _, actor in _actors(event)),
        "fatalities": dead.conservative,
        "fatalities_low": dead.low,
        "fatalities_best": dead.best,
        "fatalities_high": dead.high,
        "confidence": event.confidence,
        "summary": event.summary,
        "json": event.model_dump_json(),
        "stored_at": stored_at,
    }


def insert_event(
    conn: sqlite3.Connection, event: Event, *, article_pk: int, stored_at: str
) -> bool:
    """Insert one event and its actors; False if an event with its id is already stored."""
    row = _event_row(event, article_pk=article_pk, stored_at=stored_at)
    inserted = conn.execute(_INSERT_EVENT, [row[c] for c in _EVENT_COLUMNS]).fetchone()
    if inserted is None:
        return False
    conn.executemany(
        "INSERT INTO event_actors (event_pk, slot, name, actor_id, inter) VALUES (?, ?, ?, ?, ?)",
        [(inserted[0], slot, a.name, a.actor_id, a.inter) for slot, a in _actors(event)],
    )
    return True


def stored_event(row: sqlite3.Row | tuple[Any, ...]) -> StoredEvent:
    """A ``StoredEvent`` from a row of ``SELECT_EVENTS``."""
    return StoredEvent(
        event=Event.model_validate_json(row[0]),
        article_url=row[1],
        article_title=row[2],
        article_source=row[3],
        stored_at=dt.datetime.fromisoformat(row[4]) if row[4] else None,
    )


def encode_cursor(sort_date: str, pk: int) -> str:
    """An opaque cursor: the position after the last event of a page."""
    return base64.urlsafe_b64encode(json.dumps([sort_date, pk]).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, int]:
    """The position of ``cursor``; raise ``ConfigError`` (E025) if it is not one of ours."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        sort_date, pk = json.loads(base64.urlsafe_b64decode(padded.encode()))
        return str(sort_date), int(pk)
    except (ValueError, TypeError, binascii.Error) as error:
        raise ConfigError.from_catalogue("E025", cursor=cursor) from error


def fts_query(text: str) -> str | None:
    """An FTS5 query in which every word of ``text`` must occur (``word*`` keeps a prefix);
    None when ``text`` has no words. Quoting makes any user text safe for FTS5's syntax."""
    terms = []
    for word in _WORD.findall(text):
        prefix = word.endswith("*")
        word = word.rstrip("*")
        terms.append('"' + word.replace('"', '""') + '"' + ("*" if prefix else ""))
    return " ".join(terms) if terms else None


def _in(column: str, values: tuple[str, ...] | list[str]) -> str:
    return f"{column} IN ({', '.join('?' for _ in values)})"


def where_clause(query: EventQuery) -> tuple[str, list[Any]]:
    """The WHERE condition (over ``events e``) and its parameters for ``query``."""
    terms: list[str] = []
    params: list[Any] = []
    if query.countries:
        terms.append(_in("e.country_iso3", query.countries))
        params += [c.upper() for c in query.countries]
    if query.since is not None:
        terms.append("e.date_end >= ?")
        params.append(query.since.isoformat())
    if query.until is not None:
        terms.append("e.date_start <= ?")
        params.append(query.until.isoformat())
    if query.event_types:
        terms.append(
            f"({_in('e.event_type', query.event_types)} OR {_in('e.sub_event_type', query.event_types)})"
        )
        params += [*query.event_types, *query.event_types]
    if query.roles:
        terms.append(_in("e.role", [r.value for r in query.roles]))
        params += [r.value for r in query.roles]
    if query.actor:
        pattern = (
            "%" + query.actor.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        )
        terms.append(
            "e.pk IN (SELECT event_pk FROM event_actors WHERE name LIKE ? ESCAPE '\\' OR actor_id = ?)"
        )
        params += [pattern, query.actor]
    if query.text and (match := fts_query(query.text)):
        terms.append(
            "(e.pk IN (SELECT rowid FROM event_fts WHERE event_fts MATCH ?)"
            " OR e.article_pk IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?))"
        )
        params += [match, match]
    _more_filters(query, terms, params)
    return (" AND ".join(terms) if terms else "1"), params


def _more_filters(query: EventQuery, terms: list[str], params: list[Any]) -> None:
    if query.admin1:
        terms.append("e.admin1 = ? COLLATE NOCASE")
        params.append(query.admin1)
    if query.article_id:
        terms.append("e.article_id = ?")
        params.append(query.article_id)
    if query.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = query.bbox
        terms.append("e.latitude BETWEEN ? AND ?")
        params += [min_lat, max_lat]
        joiner = "AND" if min_lon <= max_lon else "OR"  # min > max crosses the antimeridian
        terms.append(f"(e.longitude >= ? {joiner} e.longitude <= ?)")
        params += [min_lon, max_lon]
    if query.min_fatalities is not None:
        terms.append("e.fatalities >= ?")
        params.append(query.min_fatalities)
    if query.civilian_targeting is not None:
        terms.append("e.civilian_targeting = ?")
        params.append(int(query.civilian_targeting))
    if query.cursor:
        sort_date, pk = decode_cursor(query.cursor)
        terms.append("(e.sort_date, e.pk) < (?, ?)")
        params += [sort_date, pk]
