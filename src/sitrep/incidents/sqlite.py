"""The incident layer in the event store's SQLite database (tables of migration 0002).

>>> from sitrep.store import open_store
>>> with open_store("sitrep.db") as store:              # doctest: +SKIP
...     engine = IncidentEngine(SQLiteIncidentBackend.of(store))
...     engine.update([result])                         # after store.save_result(result)
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sitrep.errors import NotFound, ReviewError
from sitrep.incidents.backend import Assignment, IncidentQuery
from sitrep.incidents.blocking import block_keys
from sitrep.incidents.features import ReportFeatures
from sitrep.incidents.overrides import EventKey, Override, OverrideKind
from sitrep.incidents.reconcile import ReportSource, incident_id
from sitrep.incidents.records import Incident
from sitrep.model import Event, ExtractionResult, PartialDate
from sitrep.store.sqlite import immediate_transaction

__all__ = ["SQLiteIncidentBackend"]

_CHUNK = 500


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _chunks(items: Collection[str]) -> Iterator[list[str]]:
    ordered = sorted(set(items))
    for start in range(0, len(ordered), _CHUNK):
        yield ordered[start : start + _CHUNK]


def _marks(items: Sequence[object]) -> str:
    return ", ".join("?" for _ in items)


class SQLiteIncidentBackend:
    """``IncidentBackend`` on an SQLite connection in autocommit mode (as the store opens it)."""

    def __init__(self, conn: sqlite3.Connection, *, location: str = "sqlite") -> None:
        self.conn = conn
        self.location = location
        self._depth = 0

    @classmethod
    def of(cls, store: Any) -> SQLiteIncidentBackend:
        """The incident backend of an open ``SQLiteStore``."""
        return cls(store.conn, location=store.location)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction; nested calls join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._depth = 1
        try:
            with immediate_transaction(self.conn, self.location):
                yield
        finally:
            self._depth = 0

    def keep(self, result: ExtractionResult) -> None:
        """Nothing to do: events are read from the store's ``events`` table."""

    def _rows(self, sql: str, items: Collection[str], *extra: object) -> Iterator[tuple[Any, ...]]:
        for chunk in _chunks(items):
            yield from self.conn.execute(sql.format(marks=_marks(chunk)), (*chunk, *extra))

    # -- reports ------------------------------------------------------------------------------
    def features(self, event_ids: Collection[str]) -> dict[str, ReportFeatures]:
        sql = "SELECT event_id, features FROM incident_reports WHERE event_id IN ({marks})"
        return {row[0]: ReportFeatures.from_json(row[1]) for row in self._rows(sql, event_ids)}

    def article_reports(self, article_ids: Collection[str]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {a: [] for a in article_ids}
        sql = "SELECT article_id, event_id FROM incident_reports WHERE article_id IN ({marks})"
        for article_id, event_id in self._rows(sql, article_ids):
            found[article_id].append(event_id)
        return {a: sorted(ids) for a, ids in found.items()}

    def candidates(self, keys: Collection[str]) -> set[str]:
        sql = "SELECT DISTINCT event_id FROM incident_blocks WHERE block IN ({marks})"
        return {row[0] for row in self._rows(sql, keys)}

    def put_reports(self, reports: Sequence[ReportFeatures]) -> None:
        now = _now()
        with self.transaction():
            for report in reports:
                self.conn.execute(
                    "INSERT INTO incident_reports (event_id, article_id, kind, features, updated_at)"
                    " VALUES (?, ?, ?, ?, ?) ON CONFLICT (event_id) DO UPDATE SET"
                    " article_id = excluded.article_id, kind = excluded.kind,"
                    " features = excluded.features, updated_at = excluded.updated_at",
                    (report.event_id, report.article_id, report.kind, report.to_json(), now),
                )
                self.conn.execute(
                    "DELETE FROM incident_blocks WHERE event_id = ?", (report.event_id,)
                )
                self.conn.executemany(
                    "INSERT INTO incident_blocks (block, event_id) VALUES (?, ?)",
                    [(key, report.event_id) for key in block_keys(report)],
                )

    def delete_reports(self, event_ids: Collection[str]) -> None:
        with self.transaction():
            for chunk in _chunks(event_ids):
                marks = _marks(chunk)
                self.conn.execute(f"DELETE FROM incident_blocks WHERE event_id IN ({marks})", chunk)
                self.conn.execute(
                    f"DELETE FROM incident_reports WHERE event_id IN ({marks})", chunk
                )

    def all_reports(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT event_id FROM incident_reports ORDER BY 1")]

    def assignments(self, event_ids: Collection[str]) -> dict[str, Assignment]:
        sql = "SELECT event_id, root, stage FROM incident_reports WHERE event_id IN ({marks})"
        return {row[0]: Assignment(row[1], row[2]) for row in self._rows(sql, event_ids)}

    def members(self, roots: Collection[str]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {r: [] for r in roots}
        sql = "SELECT root, event_id FROM incident_reports WHERE root IN ({marks})"
        for root, event_id in self._rows(sql, roots):
            found[root].append(event_id)
        return {r: sorted(ids) for r, ids in found.items()}

    def assign(self, assignments: Mapping[str, Assignment]) -> None:
        with self.transaction():
            self.conn.executemany(
                "UPDATE incident_reports SET root = ?, stage = ? WHERE event_id = ?",
                [(a.root, a.stage, e) for e, a in sorted(assignments.items())],
            )

    def load_members(self, event_ids: Collection[str]) -> dict[str, tuple[Event, ReportSource]]:
        from sitrep.incidents.names import outlet_key

        sql = (
            "SELECT e.id, e.json, a.id, a.source, a.url, a.title, a.published,"
            " a.published_precision, a.published_start, a.published_end"
            " FROM events e JOIN articles a ON a.pk = e.article_pk WHERE e.id IN ({marks})"
        )
        found = {}
        for row in self._rows(sql, event_ids):
            published = (
                PartialDate(value=row[6], precision=row[7], start=row[8], end=row[9])
                if row[6]
                else None
            )
            source = ReportSource(
                article_id=row[2],
                outlet=outlet_key(row[3], row[4], row[2]),
                source=row[3],
                url=row[4],
                title=row[5],
                published=published,
            )
            found[row[0]] = (Event.model_validate_json(row[1]), source)
        return found

    # -- incidents ----------------------------------------------------------------------------
    def save_incidents(
        self, incidents: Sequence[Incident], deleted: Collection[str], aliases: Mapping[str, str]
    ) -> None:
        with self.transaction():
            for chunk in _chunks(deleted):
                self.conn.execute(f"DELETE FROM incidents WHERE id IN ({_marks(chunk)})", chunk)
            for incident in incidents:
                row = _incident_row(incident)
                columns = ", ".join(row)
                updates = ", ".join(f"{c} = excluded.{c}" for c in row if c != "id")
                self.conn.execute(
                    f"INSERT INTO incidents ({columns}) VALUES ({_marks(list(row))})"
                    f" ON CONFLICT (id) DO UPDATE SET {updates}",
                    tuple(row.values()),
                )
                self.conn.execute("DELETE FROM incident_aliases WHERE old_id = ?", (incident.id,))
            for old, new in sorted(aliases.items()):
                self.conn.execute(
                    "INSERT INTO incident_aliases (old_id, new_id) VALUES (?, ?)"
                    " ON CONFLICT (old_id) DO UPDATE SET new_id = excluded.new_id",
                    (old, new),
                )
                self.conn.execute(
                    "UPDATE incident_aliases SET new_id = ? WHERE new_id = ?", (new, old)
                )

    def get_incident(self, incident_id: str) -> Incident:
        row = self.conn.execute(
            "SELECT json FROM incidents WHERE id = ?", (incident_id,)
        ).fetchone()
        if row is None:
            row = self.conn.execute(
                "SELECT i.json FROM incident_aliases x JOIN incidents i ON i.id = x.new_id"
                " WHERE x.old_id = ?",
                (incident_id,),
            ).fetchone()
        if row is None:
            raise NotFound.from_catalogue("E052", kind="incident", id=incident_id)
        return Incident.model_validate_json(row[0])

    def query_incidents(self, query: IncidentQuery) -> list[Incident]:
        where, params = _where(query)
        rows = self.conn.execute(
            f"SELECT json FROM incidents WHERE {where} ORDER BY sort_date DESC, id DESC"
            " LIMIT ? OFFSET ?",
            (*params, max(1, query.limit), max(0, query.offset)),
        )
        return [Incident.model_validate_json(r[0]) for r in rows]

    def count_incidents(self, query: IncidentQuery) -> int:
        where, params = _where(query)
        return int(
            self.conn.execute(f"SELECT COUNT(*) FROM incidents WHERE {where}", params).fetchone()[0]
        )

    def incident_ids_of(self, event_ids: Collection[str]) -> dict[str, str]:
        sql = "SELECT event_id, root FROM incident_reports WHERE root IS NOT NULL AND event_id IN ({marks})"
        return {row[0]: incident_id(row[1]) for row in self._rows(sql, event_ids)}

    # -- overrides ----------------------------------------------------------------------------
    def overrides_for(self, article_ids: Collection[str]) -> list[Override]:
        found: dict[int, Override] = {}
        for column in ("first_article", "second_article"):
            sql = f"{_SELECT_OVERRIDES} WHERE {column} IN ({{marks}})"
            for row in self._rows(sql, article_ids):
                found[row[0]] = _override(row)
        return [found[k] for k in sorted(found)]

    def add_override(
        self, kind: OverrideKind, first: EventKey, second: EventKey, note: str
    ) -> Override:
        with self.transaction():
            cursor = self.conn.execute(
                "INSERT INTO incident_overrides (kind, first_article, first_start, first_end,"
                " first_event, second_article, second_start, second_end, second_event, note,"
                " active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)",
                (
                    kind.value,
                    first.article_id,
                    first.start,
                    first.end,
                    first.event_id,
                    second.article_id,
                    second.start,
                    second.end,
                    second.event_id,
                    note,
                    _now(),
                ),
            )
            assert cursor.lastrowid is not None
            return self._override_by_id(cursor.lastrowid)

    def set_override_active(
        self, override_id: int, active: bool, *, replaced_by: int | None = None
    ) -> Override:
        with self.transaction():
            self._override_by_id(override_id)
            self.conn.execute(
                "UPDATE incident_overrides SET active = ?, replaced_by = ? WHERE id = ?",
                (int(active), replaced_by, override_id),
            )
            return self._override_by_id(override_id)

    def list_overrides(self) -> list[Override]:
        return [_override(r) for r in self.conn.execute(f"{_SELECT_OVERRIDES} ORDER BY id")]

    def _override_by_id(self, override_id: int) -> Override:
        row = self.conn.execute(f"{_SELECT_OVERRIDES} WHERE id = ?", (override_id,)).fetchone()
        if row is None:
            raise ReviewError.from_catalogue("E060", detail=f"no decision numbered {override_id}")
        return _override(row)


_SELECT_OVERRIDES = (
    "SELECT id, kind, first_article, first_start, first_end, first_event, second_article,"
    " second_start, second_end, second_event, note, created_at, active, replaced_by"
    " FROM incident_overrides"
)


def _override(row: tuple[Any, ...]) -> Override:
    return Override(
        id=int(row[0]),
        kind=OverrideKind(row[1]),
        first=EventKey(row[2], int(row[3]), int(row[4]), row[5]),
        second=EventKey(row[6], int(row[7]), int(row[8]), row[9]),
        note=row[10],
        created_at=dt.datetime.fromisoformat(row[11]),
        active=bool(row[12]),
        replaced_by=row[13],
    )


def _incident_row(incident: Incident) -> dict[str, object]:
    date, place, dead = incident.date, incident.location, incident.fatalities
    return {
        "id": incident.id,
        "root": incident.root,
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "date_start": date.start.isoformat() if date else None,
        "date_end": date.end.isoformat() if date else None,
        "date_precision": date.precision.value if date else None,
        "sort_date": date.representative.isoformat() if date else "",
        "country_iso3": place.country_iso3 if place else None,
        "admin1": place.admin1 if place else None,
        "location_name": (place.place_name or place.name) if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "where_prec": place.ucdp_where_prec if place else None,
        "fatalities": dead.conservative,
        "fatalities_low": dead.low,
        "fatalities_best": dead.best,
        "fatalities_high": dead.high,
        "contested": int(dead.contested),
        "grade": incident.grade,
        "n_reports": incident.n_reports,
        "n_sources": incident.n_sources,
        "summary": incident.summary,
        "json": incident.model_dump_json(),
        "updated_at": (incident.updated_at or dt.datetime.now(dt.UTC)).isoformat(),
    }


def _where(query: IncidentQuery) -> tuple[str, list[object]]:
    """SQL filters equivalent to ``sitrep.incidents.backend.matches``."""
    clauses: list[str] = ["1 = 1"]
    params: list[object] = []
    if query.countries:
        clauses.append(f"country_iso3 IN ({_marks(query.countries)})")
        params += query.countries
    if query.since is not None:
        clauses.append("date_end >= ?")
        params.append(query.since.isoformat())
    if query.until is not None:
        clauses.append("date_start <= ?")
        params.append(query.until.isoformat())
    if query.event_types:
        marks = _marks(query.event_types)
        clauses.append(f"(event_type IN ({marks}) OR sub_event_type IN ({marks}))")
        params += [*query.event_types, *query.event_types]
    if query.contested is not None:
        clauses.append("contested = ?")
        params.append(int(query.contested))
    if query.min_sources is not None:
        clauses.append("n_sources >= ?")
        params.append(query.min_sources)
    if query.min_fatalities is not None:
        clauses.append("fatalities >= ?")
        params.append(query.min_fatalities)
    return " AND ".join(clauses), params
