"""The filter of the API's event queries, read from URL parameters.

The same parameters drive the event list, the map points, the aggregates and the downloads, so the
web app keeps one filter in its URL and every view agrees:

``country`` (repeatable: ISO code or English name), ``admin1``, ``since``/``until`` (YYYY-MM-DD,
YYYY-MM or YYYY), ``event_type`` and ``sub_event_type`` (repeatable), ``actor`` (words beginning
words of an actor name: ``police``, ``islamic state``; or an actor id),
``civilian_targeting`` (true/false), ``role`` (reported, background, all), ``q`` (words in the
event or its article), ``bbox`` (min_lon,min_lat,max_lon,max_lat), ``min_fatalities``,
``review`` (default: all but rejected; or unreviewed, confirmed, rejected, corrected, all),
``article_id``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field, replace
from typing import Any

from sitrep.errors import ConfigError, RequestError
from sitrep.model import EventRole, PartialDate
from sitrep.store import EventQuery
from sitrep.store.filters import country_code, event_type_name, parse_bbox
from sitrep.store.sql import fts_query, where_clause

__all__ = ["REVIEW_CHOICES", "EventFilter"]

REVIEW_CHOICES = ("default", "all", "unreviewed", "confirmed", "rejected", "corrected")
ROLE_CHOICES = ("reported", "background", "all")

_REVIEW_SQL = {
    "default": "NOT EXISTS (SELECT 1 FROM review_status r WHERE r.event_id = e.id"
    " AND r.status = 'rejected')",
    "all": "1",
    "unreviewed": "NOT EXISTS (SELECT 1 FROM review_status r WHERE r.event_id = e.id)",
    "confirmed": "EXISTS (SELECT 1 FROM review_status r WHERE r.event_id = e.id"
    " AND r.status = 'confirmed')",
    "rejected": "EXISTS (SELECT 1 FROM review_status r WHERE r.event_id = e.id"
    " AND r.status = 'rejected')",
    "corrected": "EXISTS (SELECT 1 FROM review_overrides o WHERE o.event_id = e.id)",
}


def _day(value: str | None, *, end: bool) -> dt.date | None:
    if not value:
        return None
    try:
        date = PartialDate.parse(value)
    except ValueError as error:
        raise ConfigError.from_catalogue("E020", value=value) from error
    return date.end if end else date.start


def _choice(name: str, value: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise RequestError.from_catalogue(
            "E074", detail=f"{name} must be one of {', '.join(choices)}, not {value!r}"
        )
    return value


@dataclass(frozen=True)
class EventFilter:
    """A parsed filter: the store's ``EventQuery`` plus the review status to show."""

    query: EventQuery
    review: str = "default"
    echo: dict[str, Any] = field(default_factory=dict)  # the filter as given, for responses

    @classmethod
    def parse(
        cls,
        *,
        country: list[str] | None = None,
        admin1: str | None = None,
        since: str | None = None,
        until: str | None = None,
        event_type: list[str] | None = None,
        sub_event_type: list[str] | None = None,
        actor: str | None = None,
        civilian_targeting: bool | None = None,
        role: str = "reported",
        q: str | None = None,
        bbox: str | None = None,
        min_fatalities: int | None = None,
        review: str = "default",
        article_id: str | None = None,
    ) -> EventFilter:
        """A filter from URL parameters; raise ``ConfigError``/``RequestError`` for bad values."""
        _choice("role", role, ROLE_CHOICES)
        _choice("review", review, REVIEW_CHOICES)
        types = [*(event_type or []), *(sub_event_type or [])]
        query = EventQuery(
            countries=tuple(country_code(c) for c in country or [] if c.strip()),
            since=_day(since, end=False),
            until=_day(until, end=True),
            event_types=tuple(event_type_name(t) for t in types if t.strip()),
            actor=(actor or "").strip() or None,
            text=(q or "").strip() or None,
            admin1=(admin1 or "").strip() or None,
            article_id=article_id or None,
            roles=() if role == "all" else (EventRole(role),),
            bbox=parse_bbox(bbox) if bbox else None,
            min_fatalities=min_fatalities,
            civilian_targeting=civilian_targeting,
        )
        echo = {
            k: v
            for k, v in {
                "country": list(query.countries),
                "admin1": query.admin1,
                "since": query.since.isoformat() if query.since else None,
                "until": query.until.isoformat() if query.until else None,
                "event_type": list(query.event_types),
                "actor": query.actor,
                "civilian_targeting": civilian_targeting,
                "role": role,
                "q": query.text,
                "bbox": list(query.bbox) if query.bbox else None,
                "min_fatalities": min_fatalities,
                "review": review,
                "article_id": article_id,
            }.items()
            if v not in (None, [])
        }
        return cls(query=query, review=review, echo=echo)

    def where(self, conn: sqlite3.Connection) -> tuple[str, list[Any]]:
        """The SQL condition over ``events e`` and its parameters (no cursor: callers page).

        Words, actor and bbox are the terms whose selectivity varies most. Each is counted first
        (capped, on its own index): a rare term is left for SQLite to drive the query from its
        index; a common one is written so that it cannot use an index (``+``), so the query walks
        the sort index and stops at the page's end instead of sorting thousands of matches.
        """
        base = replace(self.query, text=None, actor=None, bbox=None, cursor=None)
        where, params = where_clause(base)
        terms, extra = [where, _REVIEW_SQL[self.review]], list(params)
        query = self.query
        if query.text and (match := fts_query(query.text)):
            common = _capped(conn, _TEXT_COUNT, [match, match]) >= COMMON
            plus = "+" if common else ""
            terms.append(
                f"({plus}e.pk IN (SELECT rowid FROM event_fts WHERE event_fts MATCH ?)"
                f" OR {plus}e.article_pk IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?))"
            )
            extra += [match, match]
        if query.actor and (match := _actor_match(query.actor)):
            common = _capped(conn, _ACTOR_COUNT, [match]) >= COMMON
            plus = "+" if common else ""
            terms.append(
                f"({plus}e.pk IN (SELECT rowid FROM event_fts WHERE event_fts MATCH ?)"
                f" OR {plus}e.pk IN (SELECT event_pk FROM event_actors WHERE actor_id = ?))"
            )
            extra += [match, query.actor]
        if query.bbox is not None:
            box_terms, box_params = _bbox_terms(query.bbox)
            common = (
                _capped(conn, f"SELECT 1 FROM events e WHERE {box_terms}", box_params) >= COMMON
            )
            terms.append(box_terms.replace("e.", "+e.") if common else box_terms)
            extra += box_params
        return " AND ".join(f"({t})" for t in terms), extra


COMMON = 3000  # matches from which a term is treated as common (see EventFilter.where)
_TEXT_COUNT = (
    "SELECT rowid FROM event_fts WHERE event_fts MATCH ?"
    " UNION ALL SELECT rowid FROM article_fts WHERE article_fts MATCH ?"
)
_ACTOR_COUNT = "SELECT rowid FROM event_fts WHERE event_fts MATCH ?"


def _capped(conn: sqlite3.Connection, select: str, params: list[Any]) -> int:
    """How many rows ``select`` gives, counting no further than ``COMMON``."""
    row = conn.execute(f"SELECT COUNT(*) FROM ({select} LIMIT {COMMON})", params).fetchone()
    return int(row[0])


def _actor_match(text: str) -> str | None:
    """An FTS5 query for actor names in which every word of ``text`` begins a word."""
    words = [w.strip("*") for w in (fts_query(text) or "").split()]
    terms = [f"actor_names : {w}*" for w in words if w.strip('"')]
    return " AND ".join(terms) or None


def _bbox_terms(bbox: tuple[float, float, float, float]) -> tuple[str, list[Any]]:
    min_lon, min_lat, max_lon, max_lat = bbox
    joiner = "AND" if min_lon <= max_lon else "OR"  # min > max crosses the antimeridian
    return (
        f"e.latitude >= ? AND e.latitude <= ? AND (e.longitude >= ? {joiner} e.longitude <= ?)",
        [min_lat, max_lat, min_lon, max_lon],
    )
