"""Incidents for the HTTP API: the ``IncidentSource`` that ``sitrep.server`` asks.

>>> app = create_app(settings, incidents=StoreIncidents())   # doctest: +SKIP

Every call works on the worker's own connection (autocommit, as the store opens it). Listings
give a brief record of each incident; one incident is given whole. Split and merge record the
analyst's decision (with the author in its note), so it survives re-processing; the API writes
its own audit entry.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from sitrep.errors import ConfigError
from sitrep.incidents.backend import IncidentQuery
from sitrep.incidents.engine import IncidentChanges, IncidentEngine
from sitrep.incidents.policy import LinkPolicy
from sitrep.incidents.records import Incident
from sitrep.incidents.sqlite import SQLiteIncidentBackend

__all__ = ["StoreIncidents", "brief"]


def brief(incident: Incident) -> dict[str, Any]:
    """What a listing shows of an incident."""
    place, dead = incident.location, incident.fatalities
    return {
        "id": incident.id,
        "date": incident.date.value if incident.date else None,
        "date_precision": incident.date.precision.value if incident.date else None,
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "place": (place.place_name or place.name) if place else None,
        "country_iso3": place.country_iso3 if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "fatalities": {
            "low": dead.low,
            "best": dead.best,
            "high": dead.high,
            "conservative": dead.conservative,
            "contested": dead.contested,
        },
        "grade": incident.grade,
        "n_reports": incident.n_reports,
        "n_sources": incident.n_sources,
        "summary": incident.summary,
    }


def _day(value: object, *, end: bool) -> dt.date | None:
    if not value:
        return None
    from sitrep.model import PartialDate

    try:
        period = PartialDate.parse(str(value))
    except ValueError as error:
        raise ConfigError.from_catalogue("E020", value=value) from error
    return period.end if end else period.start


class StoreIncidents:
    """``IncidentSource`` over the incident tables of the API's database."""

    available = True

    def __init__(self, policy: LinkPolicy | None = None) -> None:
        self.policy = policy

    def _engine(self, conn: sqlite3.Connection) -> IncidentEngine:
        return IncidentEngine(SQLiteIncidentBackend(conn, location="(server)"), self.policy)

    def search(
        self, conn: sqlite3.Connection, params: dict[str, Any], *, limit: int, cursor: str | None
    ) -> tuple[list[dict[str, Any]], str | None]:
        """Incidents matching the API's filter (country, since, until, event_type,
        min_fatalities), newest first; the cursor is the position of the next page."""
        try:
            offset = int(cursor) if cursor else 0
        except ValueError as error:
            raise ConfigError.from_catalogue("E025", cursor=cursor) from error
        query = IncidentQuery(
            countries=tuple(params.get("country") or ()),
            since=_day(params.get("since"), end=False),
            until=_day(params.get("until"), end=True),
            event_types=tuple(params.get("event_type") or ()),
            min_fatalities=params.get("min_fatalities"),
            limit=limit + 1,
            offset=max(0, offset),
        )
        found = self._engine(conn).backend.query_incidents(query)
        following = str(offset + limit) if len(found) > limit else None
        return [brief(i) for i in found[:limit]], following

    def get(self, conn: sqlite3.Connection, incident_id: str) -> dict[str, Any]:
        return self._engine(conn).backend.get_incident(incident_id).model_dump(mode="json")

    def of_event(self, conn: sqlite3.Connection, event_id: str) -> list[dict[str, Any]]:
        backend = self._engine(conn).backend
        found = backend.incident_ids_of([event_id])
        return [brief(backend.get_incident(i)) for i in found.values()]

    def split(
        self, conn: sqlite3.Connection, incident_id: str, event_ids: list[str], *, author: str
    ) -> dict[str, Any]:
        engine = self._engine(conn)
        return _outcome(engine, engine.split(incident_id, event_ids, note=f"split by {author}"))

    def merge(
        self, conn: sqlite3.Connection, incident_ids: list[str], *, author: str
    ) -> dict[str, Any]:
        engine = self._engine(conn)
        return _outcome(engine, engine.merge(incident_ids, note=f"merged by {author}"))


def _outcome(engine: IncidentEngine, changes: IncidentChanges) -> dict[str, Any]:
    backend = engine.backend
    return {
        "incidents": [brief(backend.get_incident(i)) for i in changes.written],
        "removed": changes.removed,
        "renamed": changes.aliases,
    }
