"""Read queries the API needs beyond the store's own: the event table with sorting and keyset
pages, map points, weekly/monthly and per-type aggregates, and the values the filters offer.

They read the store's indexed columns (never the event JSON) so that a filtered page of 100 events
stays fast on a database of 100,000+ events.
"""

from __future__ import annotations

import base64
import binascii
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from sitrep.errors import ConfigError, RequestError
from sitrep.server.filters import EventFilter

__all__ = [
    "AGGREGATE_KEYS",
    "SORTS",
    "EventRowPage",
    "aggregate",
    "event_rows",
    "facets",
    "map_points",
    "totals",
]

# sort name -> (column, direction)
SORTS: dict[str, tuple[str, str]] = {
    "-date": ("e.sort_date", "DESC"),
    "date": ("e.sort_date", "ASC"),
    "-fatalities": ("e.fatalities", "DESC"),
    "fatalities": ("e.fatalities", "ASC"),
}

_ROW_COLUMNS = [
    "id",
    "article_id",
    "role",
    "event_type",
    "sub_event_type",
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
    "fatalities",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "summary",
]
_SELECT_ROWS = (
    "SELECT " + ", ".join(f"e.{c}" for c in _ROW_COLUMNS) + ", a.title, a.source, a.url,"
    " (SELECT status FROM review_status r WHERE r.event_id = e.id),"
    " EXISTS (SELECT 1 FROM review_overrides o WHERE o.event_id = e.id), e.pk"
    " FROM events e JOIN articles a ON a.pk = e.article_pk"
)

AGGREGATE_KEYS: dict[str, str] = {
    "week": "date(e.sort_date, '-6 days', 'weekday 1')",  # the Monday starting the week
    "month": "substr(e.sort_date, 1, 7)",
    "event_type": "e.event_type",
    "sub_event_type": "e.sub_event_type",
    "country": "e.country_iso3",
    "admin1": "e.admin1",
}


@dataclass
class EventRowPage:
    """One page of the event table and the cursor of the next page (None on the last)."""

    items: list[dict[str, Any]]
    next_cursor: str | None


def _encode_cursor(sort: str, value: Any, pk: int) -> str:
    raw = json.dumps([sort, value, pk]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str, sort: str) -> tuple[Any, int]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        name, value, pk = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if name != sort:
            raise ValueError("cursor of another sort order")
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            raise ValueError("bad key")
        return value, int(pk)
    except (ValueError, TypeError, binascii.Error) as error:
        raise ConfigError.from_catalogue("E025", cursor=cursor) from error


def _row_item(row: sqlite3.Row | tuple[Any, ...]) -> dict[str, Any]:
    item = dict(zip(_ROW_COLUMNS, row[: len(_ROW_COLUMNS)], strict=True))
    item["civilian_targeting"] = bool(item["civilian_targeting"])
    rest = row[len(_ROW_COLUMNS) :]
    item["article_title"], item["article_source"], item["article_url"] = rest[0], rest[1], rest[2]
    item["review_status"] = rest[3] or "unreviewed"
    item["corrected"] = bool(rest[4])
    item["date"] = item["sort_date"] or None
    del item["sort_date"]
    return item


def event_rows(
    conn: sqlite3.Connection,
    flt: EventFilter,
    *,
    sort: str = "-date",
    limit: int = 100,
    cursor: str | None = None,
) -> EventRowPage:
    """A page of events matching ``flt`` in ``sort`` order (keyset pagination)."""
    if sort not in SORTS:
        raise RequestError.from_catalogue(
            "E074", detail=f"sort must be one of {', '.join(SORTS)}, not {sort!r}"
        )
    column, direction = SORTS[sort]
    where, params = flt.where(conn)
    if cursor:
        value, pk = _decode_cursor(cursor, sort)
        where += f" AND ({column}, e.pk) {'<' if direction == 'DESC' else '>'} (?, ?)"
        params = [*params, value, pk]
    rows = conn.execute(
        f"{_SELECT_ROWS} WHERE {where} ORDER BY {column} {direction}, e.pk {direction} LIMIT ?",
        [*params, limit + 1],
    ).fetchall()
    items = [_row_item(row) for row in rows[:limit]]
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]
        key = last[_ROW_COLUMNS.index("sort_date" if "date" in sort else "fatalities")]
        next_cursor = _encode_cursor(sort, key, int(last[-1]))
    return EventRowPage(items=items, next_cursor=next_cursor)


def totals(conn: sqlite3.Connection, flt: EventFilter) -> dict[str, int]:
    """How many events match ``flt`` and their summed (ACLED-style) fatalities."""
    where, params = flt.where(conn)
    count, dead = conn.execute(
        f"SELECT COUNT(*), COALESCE(SUM(e.fatalities), 0) FROM events e WHERE {where}", params
    ).fetchone()
    return {"events": int(count), "fatalities": int(dead)}


def aggregate(conn: sqlite3.Connection, flt: EventFilter, by: str) -> list[dict[str, Any]]:
    """Counts and fatalities of matching events grouped by ``by`` (see ``AGGREGATE_KEYS``)."""
    if by not in AGGREGATE_KEYS:
        raise RequestError.from_catalogue(
            "E074", detail=f"by must be one of {', '.join(AGGREGATE_KEYS)}, not {by!r}"
        )
    key = AGGREGATE_KEYS[by]
    where, params = flt.where(conn)
    if by in ("week", "month"):
        where += " AND e.sort_date != ''"
        order = "key"
    else:
        order = "events DESC, key"
    rows = conn.execute(
        f"SELECT {key} AS key, COUNT(*) AS events, COALESCE(SUM(e.fatalities), 0)"
        f" FROM events e WHERE {where} GROUP BY key ORDER BY {order}",
        params,
    ).fetchall()
    return [{"key": k, "events": int(n), "fatalities": int(f)} for k, n, f in rows]


def map_points(conn: sqlite3.Connection, flt: EventFilter, *, limit: int) -> dict[str, Any]:
    """The newest ``limit`` matching events that have coordinates, as compact rows for the map:
    [id, latitude, longitude, fatalities, event_type, sub_event_type, date, location]."""
    where, params = flt.where(conn)
    rows = conn.execute(
        "SELECT e.id, e.latitude, e.longitude, e.fatalities, e.event_type, e.sub_event_type,"
        " e.sort_date, e.location_name FROM events e"
        f" WHERE {where} AND e.latitude IS NOT NULL AND e.longitude IS NOT NULL"
        " ORDER BY e.sort_date DESC, e.pk DESC LIMIT ?",
        [*params, limit + 1],
    ).fetchall()
    return {
        "columns": [
            "id",
            "latitude",
            "longitude",
            "fatalities",
            "event_type",
            "sub_event_type",
            "date",
            "location",
        ],
        "points": [list(r) for r in rows[:limit]],
        "truncated": len(rows) > limit,
    }


def facets(conn: sqlite3.Connection) -> dict[str, Any]:
    """What the filters can offer: countries and admin1 units present, and the date range."""
    countries = conn.execute(
        "SELECT country_iso3, MAX(country), COUNT(*) FROM events WHERE country_iso3 IS NOT NULL"
        " GROUP BY country_iso3 ORDER BY COUNT(*) DESC"
    ).fetchall()
    admin1 = conn.execute(
        "SELECT country_iso3, admin1, COUNT(*) FROM events WHERE admin1 IS NOT NULL"
        " GROUP BY country_iso3, admin1 ORDER BY COUNT(*) DESC LIMIT 2000"
    ).fetchall()
    first, last = conn.execute(
        "SELECT MIN(date_start), MAX(date_end) FROM events WHERE date_start IS NOT NULL"
    ).fetchone()
    return {
        "countries": [{"code": c, "name": n or c, "events": k} for c, n, k in countries],
        "admin1": [{"country": c, "name": a, "events": k} for c, a, k in admin1],
        "date_range": {"first": first, "last": last},
    }
