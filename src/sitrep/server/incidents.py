"""Where incidents plug into the API: an ``IncidentSource`` the app asks for incidents.

Incidents (many reports of one real event, with their claims reconciled) are built by
``sitrep.incidents``. Until that layer is in the database the app uses ``NoIncidents``: the list is
empty with ``available: false``, one incident is 404 (E063), and split/merge are refused with E063.
The lead passes a real source to ``create_app(incidents=...)``; its split and merge must record
the analyst's decision so that it survives re-processing (the API writes the audit entry).
"""

from __future__ import annotations

import sqlite3
from typing import Any, Protocol

from sitrep.errors import NotFound, SitrepError

__all__ = ["IncidentSource", "NoIncidents"]


class IncidentSource(Protocol):
    """Incidents of the database behind ``conn`` (one connection per worker thread)."""

    available: bool

    def search(
        self, conn: sqlite3.Connection, params: dict[str, Any], *, limit: int, cursor: str | None
    ) -> tuple[list[dict[str, Any]], str | None]: ...

    def get(self, conn: sqlite3.Connection, incident_id: str) -> dict[str, Any]: ...

    def of_event(self, conn: sqlite3.Connection, event_id: str) -> list[dict[str, Any]]: ...

    def split(
        self, conn: sqlite3.Connection, incident_id: str, event_ids: list[str], *, author: str
    ) -> dict[str, Any]: ...

    def merge(
        self, conn: sqlite3.Connection, incident_ids: list[str], *, author: str
    ) -> dict[str, Any]: ...


class NoIncidents:
    """The incident source of a database without incidents."""

    available = False

    def _missing(self, what: str) -> SitrepError:
        return NotFound.from_catalogue("E063", detail=what)

    def search(
        self, conn: sqlite3.Connection, params: dict[str, Any], *, limit: int, cursor: str | None
    ) -> tuple[list[dict[str, Any]], str | None]:
        return [], None

    def get(self, conn: sqlite3.Connection, incident_id: str) -> dict[str, Any]:
        raise self._missing(f"no incident {incident_id!r}")

    def of_event(self, conn: sqlite3.Connection, event_id: str) -> list[dict[str, Any]]:
        return []

    def split(
        self, conn: sqlite3.Connection, incident_id: str, event_ids: list[str], *, author: str
    ) -> dict[str, Any]:
        raise self._missing(f"cannot split incident {incident_id!r}")

    def merge(
        self, conn: sqlite3.Connection, incident_ids: list[str], *, author: str
    ) -> dict[str, Any]:
        raise self._missing("cannot merge incidents")
