"""Dependencies shared by the routes: this thread's database connection, the event filter read
from the URL, and the extractor (loaded on the first article submitted)."""

from __future__ import annotations

import sqlite3
import threading
from typing import TYPE_CHECKING, Annotated

from fastapi import Query, Request

from sitrep.server.filters import EventFilter
from sitrep.server.review import apply_pending

if TYPE_CHECKING:
    from sitrep.core import Extractor

__all__ = ["connection", "event_filter", "extractor"]

_extractor_lock = threading.Lock()


def connection(request: Request) -> sqlite3.Connection:
    """This worker thread's connection, with re-extracted events' reviews applied first."""
    conn: sqlite3.Connection = request.app.state.pool.store().conn
    apply_pending(conn)
    return conn


def extractor(request: Request) -> Extractor:
    """The server's one extractor (resources loaded once, on first use)."""
    state = request.app.state
    with _extractor_lock:
        if getattr(state, "extractor", None) is None:
            from sitrep.core import Extractor

            state.extractor = Extractor()
    found: Extractor = state.extractor
    return found


async def event_filter(
    country: Annotated[
        list[str] | None, Query(description="ISO code or English name; repeat for several")
    ] = None,
    admin1: Annotated[str | None, Query(description="first-level admin unit, e.g. Kidal")] = None,
    since: Annotated[str | None, Query(description="YYYY-MM-DD, YYYY-MM or YYYY")] = None,
    until: Annotated[
        str | None, Query(description="YYYY-MM-DD, YYYY-MM or YYYY (inclusive)")
    ] = None,
    event_type: Annotated[
        list[str] | None, Query(description="ACLED event type; repeatable")
    ] = None,
    sub_event_type: Annotated[
        list[str] | None, Query(description="ACLED sub-event type; repeatable")
    ] = None,
    actor: Annotated[
        str | None, Query(description="words that begin words of an actor's name, or an actor id")
    ] = None,
    civilian_targeting: Annotated[bool | None, Query()] = None,
    role: Annotated[str, Query(description="reported (default), background or all")] = "reported",
    q: Annotated[
        str | None, Query(description="words that must all occur in the event or its article")
    ] = None,
    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat")] = None,
    min_fatalities: Annotated[int | None, Query(ge=0)] = None,
    review: Annotated[
        str,
        Query(
            description="default (all but rejected), all, unreviewed, confirmed, rejected, corrected"
        ),
    ] = "default",
    article_id: Annotated[str | None, Query()] = None,
) -> EventFilter:
    """The filter every event view shares, from URL parameters."""
    return EventFilter.parse(
        country=country,
        admin1=admin1,
        since=since,
        until=until,
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor=actor,
        civilian_targeting=civilian_targeting,
        role=role,
        q=q,
        bbox=bbox,
        min_fatalities=min_fatalities,
        review=review,
        article_id=article_id,
    )
