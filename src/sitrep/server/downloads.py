"""Downloads of the current filter as ACLED-style CSV, JSON Lines and GeoJSON, streamed a batch at a
time so that a download of 100,000 events never sits whole in memory. The formats are those of
``sitrep export`` (``sitrep.export``); analysts' corrections are in them, rejected events are not
(unless the filter asks for them)."""

from __future__ import annotations

import io
import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from sitrep.export import IncidentLookup, acled_row, write_csv, write_jsonl
from sitrep.server.filters import EventFilter
from sitrep.store import StoredEvent
from sitrep.store.sql import SELECT_EVENTS, stored_event

__all__ = ["FORMATS", "iter_batches", "stream"]

BATCH = 500
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson; charset=utf-8",
    "geojson": "application/geo+json; charset=utf-8",
}


def iter_batches(conn: sqlite3.Connection, flt: EventFilter) -> Iterator[list[StoredEvent]]:
    """Every event matching ``flt``, newest first, in batches (keyset pages, not OFFSET)."""
    where, params = flt.where(conn)
    position: tuple[str, int] | None = None
    while True:
        condition, values = where, list(params)
        if position is not None:
            condition += " AND (e.sort_date, e.pk) < (?, ?)"
            values += list(position)
        rows = conn.execute(
            f"{SELECT_EVENTS} WHERE {condition} ORDER BY e.sort_date DESC, e.pk DESC LIMIT ?",
            [*values, BATCH],
        ).fetchall()
        if not rows:
            return
        yield [stored_event(row) for row in rows]
        if len(rows) < BATCH:
            return
        position = (rows[-1][5], int(rows[-1][6]))


def _csv(
    batches: Iterator[list[StoredEvent]], incidents: IncidentLookup | None = None
) -> Iterator[str]:
    first = True
    for batch in batches:
        buffer = io.StringIO()
        write_csv(batch, buffer, incidents)
        text = buffer.getvalue()
        yield text if first else text.split("\n", 1)[1]
        first = False
    if first:  # no events: the header alone
        buffer = io.StringIO()
        write_csv([], buffer)
        yield buffer.getvalue()


def _jsonl(batches: Iterator[list[StoredEvent]]) -> Iterator[str]:
    for batch in batches:
        buffer = io.StringIO()
        write_jsonl(batch, buffer)
        yield buffer.getvalue()


def _geojson(batches: Iterator[list[StoredEvent]]) -> Iterator[str]:
    """A FeatureCollection of points, properties as in ``sitrep export --format geojson``."""
    yield '{"type": "FeatureCollection", "features": ['
    written = 0
    for batch in batches:
        parts = []
        for stored in batch:
            row = acled_row(stored)
            if row["latitude"] is None or row["longitude"] is None:
                continue
            feature: dict[str, Any] = {
                "type": "Feature",
                "id": stored.event.id,
                "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
                "properties": row,
            }
            parts.append((",\n" if written else "\n") + json.dumps(feature, ensure_ascii=False))
            written += 1
        yield "".join(parts)
    yield "\n]}\n"


def stream(conn: sqlite3.Connection, flt: EventFilter, kind: str) -> Iterator[str]:
    """The download of ``flt`` in format ``kind`` (csv, jsonl, geojson), piece by piece; the
    CSV carries each event's incident figures (UCDP-style columns) beside ACLED's."""
    if kind == "csv":
        return _csv(iter_batches(conn, flt), _incident_lookup(conn))
    writer = {"jsonl": _jsonl, "geojson": _geojson}[kind]
    return writer(iter_batches(conn, flt))


def _incident_lookup(conn: sqlite3.Connection) -> IncidentLookup | None:
    from sitrep.incidents.sqlite import SQLiteIncidentBackend
    from sitrep.incidents.ucdp import incident_columns

    known = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'incident_reports'"
    ).fetchone()
    if known is None:
        return None
    backend = SQLiteIncidentBackend(conn, location="(download)")
    return lambda ids: incident_columns(backend, ids)
