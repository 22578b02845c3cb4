"""Read endpoints: events (table, map points, one event with its evidence), aggregates, facets,
articles, the audit log and incidents. All take the same filter parameters (``deps.event_filter``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response, StreamingResponse

from sitrep.errors import RequestError
from sitrep.server import downloads, queries
from sitrep.server.auth import reader
from sitrep.server.corrections import CORRECTABLE
from sitrep.server.deps import connection, event_filter
from sitrep.server.filters import EventFilter
from sitrep.server.review import event_review
from sitrep.server.schemas import (
    AggregateRow,
    ArticleOut,
    ErrorOut,
    EventDetail,
    EventList,
    IncidentList,
)
from sitrep.store.base import ArticleStatus
from sitrep.taxonomy import EventType, SubEventType

__all__ = ["router"]

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "a filter value is not valid"},
    401: {"model": ErrorOut, "description": "reads need a token on this server"},
    404: {"model": ErrorOut},
}
router = APIRouter(prefix="/api", dependencies=[Depends(reader)], responses=_ERRORS)

Filter = Annotated[EventFilter, Depends(event_filter)]


@router.get("/health", tags=["meta"])
def health(request: Request) -> dict[str, Any]:
    """Whether the server can read its database, and how many events it holds."""
    conn = connection(request)
    events = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    store = request.app.state.pool.store()
    return {"status": "ok", "events": int(events), "schema_version": store.schema_version()}


@router.get("/config", tags=["meta"])
def config(request: Request) -> dict[str, Any]:
    """What the web app needs to know: whether writing is enabled, the taxonomy, the fields an
    analyst may correct, an optional online tile layer."""
    settings = request.app.state.settings
    sub_types: dict[str, list[str]] = {t.value: [] for t in EventType}
    for sub in SubEventType:
        sub_types[sub.event_type.value].append(sub.value)
    return {
        "writes_enabled": settings.writes_enabled,
        "read_needs_token": settings.read_needs_token,
        "tile_url": settings.tile_url,
        "event_types": sub_types,
        "correctable": [spec.describe() for spec in CORRECTABLE.values()],
        "incidents_available": request.app.state.incidents.available,
        "basemap_available": request.app.state.assets.available,
    }


@router.get("/me", tags=["meta"])
def me(request: Request, analyst: Annotated[str | None, Depends(reader)]) -> dict[str, Any]:
    """Who the sent token belongs to (null without a valid token), and whether they may write."""
    return {"analyst": analyst, "can_write": analyst is not None}


@router.get("/facets", tags=["events"])
def facets(request: Request) -> Response:
    """Countries and admin1 units present in the database, and its date range."""
    conn = connection(request)
    return _json(queries.facets(conn))


@router.get("/events", response_model=EventList, tags=["events"])
def list_events(
    request: Request,
    flt: Filter,
    sort: Annotated[
        str, Query(description="-date (newest first), date, -fatalities, fatalities")
    ] = "-date",
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: Annotated[str | None, Query(description="next_cursor of the previous page")] = None,
) -> Response:
    """Events matching the filter, a page at a time (keyset pagination: pass ``next_cursor``)."""
    conn = connection(request)
    page = queries.event_rows(conn, flt, sort=sort, limit=limit, cursor=cursor)
    return _json(
        {"items": page.items, "next_cursor": page.next_cursor, "filter": flt.echo, "sort": sort}
    )


@router.get("/events/totals", tags=["events"])
def event_totals(request: Request, flt: Filter) -> dict[str, int]:
    """How many events match the filter, and their fatalities (ACLED-style figures summed)."""
    conn = connection(request)
    return queries.totals(conn, flt)


@router.get("/events/points", tags=["events"])
def event_points(
    request: Request, flt: Filter, limit: Annotated[int, Query(ge=1, le=100_000)] = 20_000
) -> Response:
    """Matching events with coordinates, newest first, as compact rows for the map."""
    conn = connection(request)
    return _json(queries.map_points(conn, flt, limit=limit))


@router.get(
    "/events.{kind}",
    tags=["events"],
    response_class=StreamingResponse,
    responses={200: {"content": {t: {} for t in downloads.FORMATS.values()}}},
)
def download_events(request: Request, flt: Filter, kind: str) -> StreamingResponse:
    """Every event of the filter as ACLED-style CSV (``csv``), full records as JSON Lines
    (``jsonl``) or points as GeoJSON (``geojson``), streamed."""
    if kind not in downloads.FORMATS:
        raise RequestError.from_catalogue(
            "E074", detail=f"download format must be csv, jsonl or geojson, not {kind!r}"
        )
    conn = request.app.state.pool.reader()  # its own connection: the stream outlives this thread

    def body() -> Iterator[str]:
        try:
            yield from downloads.stream(conn, flt, kind)
        finally:
            conn.close()

    headers = {"content-disposition": f'attachment; filename="sitrep-events.{kind}"'}
    return StreamingResponse(body(), media_type=downloads.FORMATS[kind], headers=headers)


@router.get("/aggregates", response_model=list[AggregateRow], tags=["events"])
def aggregates(
    request: Request,
    flt: Filter,
    by: Annotated[str, Query(description=", ".join(queries.AGGREGATE_KEYS))] = "week",
) -> Response:
    """Events and fatalities of the filter grouped by week, month, type, country or admin1."""
    conn = connection(request)
    return _json(queries.aggregate(conn, flt, by))


def _json(data: Any) -> Response:
    """``data`` as a JSON response, encoded once (FastAPI's generic encoder is slow on pages of
    rows; the response models above still document the shape)."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Response(body, media_type="application/json")


def _article_out(request: Request, article_id: str) -> dict[str, Any]:
    article = request.app.state.pool.store().get_article(article_id)
    return {
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "published": article.published.value if article.published else None,
        "language": article.language,
        "text": article.text,
    }


@router.get("/events/{event_id}", response_model=EventDetail, tags=["events"])
def get_event(request: Request, event_id: str) -> dict[str, Any]:
    """One event with its evidence spans, claims, source article, review and incidents."""
    return event_detail(connection(request), request, event_id)


def event_detail(conn: sqlite3.Connection, request: Request, event_id: str) -> dict[str, Any]:
    """The ``EventDetail`` of ``event_id`` read through ``conn``."""
    stored = request.app.state.pool.store().get_event(event_id)
    review = event_review(conn, event_id)
    return {
        "event": stored.event,
        "interaction": stored.event.interaction,
        "article": _article_out(request, stored.event.article_id),
        "review": asdict(review),
        "incidents": request.app.state.incidents.of_event(conn, event_id),
    }


@router.get("/articles/{article_id}", tags=["articles"])
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    """One stored article (its cleaned text) and the ids of its events."""
    conn = connection(request)
    article = ArticleOut(**_article_out(request, article_id))
    status, events = conn.execute(
        "SELECT a.status, (SELECT json_group_array(e.id) FROM events e WHERE e.article_pk = a.pk)"
        " FROM articles a WHERE a.id = ?",
        (article_id,),
    ).fetchone()
    return {
        "article": article.model_dump(),
        "status": ArticleStatus(status).value,
        "events": json.loads(events),
    }


@router.get("/audit", tags=["review"])
def audit_log(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    author: str | None = None,
) -> list[dict[str, Any]]:
    """The newest analyst actions: who did what to which event or incident, when, before/after."""
    conn = connection(request)
    sql = (
        "SELECT at, author, action, target_kind, target_id, field, before, after, note"
        " FROM review_audit"
    )
    params: list[Any] = []
    if author:
        sql += " WHERE author = ?"
        params.append(author)
    rows = conn.execute(sql + " ORDER BY pk DESC LIMIT ?", [*params, limit]).fetchall()
    keys = [
        "at",
        "author",
        "action",
        "target_kind",
        "target_id",
        "field",
        "before",
        "after",
        "note",
    ]
    return [
        {
            **dict(zip(keys, row, strict=True)),
            "before": json.loads(row[6]),
            "after": json.loads(row[7]),
        }
        for row in rows
    ]


@router.get("/incidents", response_model=IncidentList, tags=["incidents"])
def list_incidents(
    request: Request,
    flt: Filter,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: str | None = None,
) -> dict[str, Any]:
    """Incidents matching the filter (empty, ``available: false``, until incidents exist)."""
    conn = connection(request)
    source = request.app.state.incidents
    items, next_cursor = source.search(conn, flt.echo, limit=limit, cursor=cursor)
    return {"items": items, "next_cursor": next_cursor, "available": source.available}


@router.get("/incidents/{incident_id}", tags=["incidents"])
def get_incident(request: Request, incident_id: str) -> dict[str, Any]:
    """One incident with its reports and reconciled claims (404 E063 until incidents exist)."""
    conn = connection(request)
    found: dict[str, Any] = request.app.state.incidents.get(conn, incident_id)
    return found
