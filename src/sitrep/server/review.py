"""Analyst review of events: confirm, reject, correct a field, revert; every action audited.

A correction is kept as an override (``review_overrides``) and also written into the stored event
(its JSON and the columns that queries filter on), so searches, maps and exports see the analyst's
value. When an article is extracted again its events are replaced; a trigger queues the new rows
(``review_pending``) and ``apply_pending`` writes the overrides into them again, matching each
override to its event by id, or by the event's anchor (its trigger span in the same article) when
a changed extractor gave the event a new id. So a correction survives re-extraction.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from sitrep.errors import NotFound, ReviewError
from sitrep.model import Event
from sitrep.server.corrections import CORRECTABLE, apply_correction, field_value
from sitrep.server.db import write_transaction
from sitrep.store import sql

__all__ = [
    "AuditEntry",
    "Correction",
    "EventReview",
    "apply_pending",
    "correct_event",
    "ensure_review_schema",
    "event_review",
    "record_action",
    "revert_correction",
    "set_status",
]

STATUSES = ("confirmed", "rejected")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass
class Correction:
    field: str
    value: Any
    original: Any
    author: str
    created_at: str


@dataclass
class AuditEntry:
    at: str
    author: str
    action: str
    target_kind: str
    target_id: str
    field: str | None = None
    before: Any = None
    after: Any = None
    note: str | None = None


@dataclass
class EventReview:
    """Where an event stands: ``status`` is unreviewed, confirmed or rejected."""

    status: str = "unreviewed"
    status_by: str | None = None
    corrections: list[Correction] = field(default_factory=list)
    history: list[AuditEntry] = field(default_factory=list)


def ensure_review_schema(conn: sqlite3.Connection) -> None:
    """Create the review tables, trigger and indexes if missing (inside the caller's transaction)."""
    script = resources.files("sitrep.server").joinpath("review_schema.sql").read_text("utf-8")
    for statement in _statements(script):
        conn.execute(statement)


def _statements(script: str) -> list[str]:
    """Split ``script`` into statements (a trigger body keeps its inner semicolons)."""
    lines = [line for line in script.splitlines() if not line.strip().startswith("--")]
    statements, current = [], ""
    for line in lines:
        current += line + "\n"
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return [s for s in statements if s]


def _anchor(event: Event) -> tuple[int | None, int | None]:
    if event.type_evidence:
        return event.type_evidence[0].start, event.type_evidence[0].end
    return None, None


def _load(conn: sqlite3.Connection, event_id: str) -> tuple[int, Event]:
    row = conn.execute("SELECT pk, json FROM events WHERE id = ?", (event_id,)).fetchone()
    if row is None:
        raise NotFound.from_catalogue("E052", kind="event", id=event_id)
    return int(row[0]), Event.model_validate_json(row[1])


def _write_event(conn: sqlite3.Connection, pk: int, event: Event) -> None:
    """Write ``event`` into its stored row: JSON, filter columns and actor rows."""
    article_pk, stored_at = conn.execute(
        "SELECT article_pk, stored_at FROM events WHERE pk = ?", (pk,)
    ).fetchone()
    row = sql._event_row(event, article_pk=article_pk, stored_at=stored_at)
    columns = [c for c in row if c not in ("id", "article_pk", "stored_at")]
    assignments = ", ".join(f"{c} = ?" for c in columns)
    conn.execute(f"UPDATE events SET {assignments} WHERE pk = ?", [*(row[c] for c in columns), pk])
    conn.execute("DELETE FROM event_actors WHERE event_pk = ?", (pk,))
    conn.executemany(
        "INSERT INTO event_actors (event_pk, slot, name, actor_id, inter) VALUES (?, ?, ?, ?, ?)",
        [(pk, slot, a.name, a.actor_id, a.inter) for slot, a in sql._actors(event)],
    )


def record_action(
    conn: sqlite3.Connection,
    *,
    author: str,
    action: str,
    target_kind: str,
    target_id: str,
    article_id: str | None = None,
    field: str | None = None,
    before: Any = None,
    after: Any = None,
    note: str | None = None,
) -> None:
    """Append one entry to the audit log (inside the caller's transaction)."""
    conn.execute(
        "INSERT INTO review_audit (at, author, action, target_kind, target_id, article_id, field,"
        " before, after, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            _now(),
            author,
            action,
            target_kind,
            target_id,
            article_id,
            field,
            json.dumps(before),
            json.dumps(after),
            note,
        ),
    )


def correct_event(
    conn: sqlite3.Connection, event_id: str, path: str, value: Any, *, author: str, note: str | None
) -> Event:
    """Set ``path`` of the event to ``value`` as an analyst's correction; return the new event."""
    with write_transaction(conn):
        pk, event = _load(conn, event_id)
        corrected = apply_correction(event, path, value)
        before = field_value(event, path)
        after = field_value(corrected, path)
        existing = conn.execute(
            "SELECT original FROM review_overrides WHERE event_id = ? AND field = ?",
            (event_id, path),
        ).fetchone()
        original = json.loads(existing[0]) if existing else before
        start, end = _anchor(event)
        conn.execute(
            "INSERT INTO review_overrides (event_id, article_id, anchor_start, anchor_end, field,"
            " value, original, author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (event_id, field) DO UPDATE SET value = excluded.value,"
            " author = excluded.author, created_at = excluded.created_at",
            (
                event_id,
                event.article_id,
                start,
                end,
                path,
                json.dumps(value),
                json.dumps(original),
                author,
                _now(),
            ),
        )
        _write_event(conn, pk, corrected)
        record_action(
            conn,
            author=author,
            action="correct",
            target_kind="event",
            target_id=event_id,
            article_id=event.article_id,
            field=path,
            before=before,
            after=after,
            note=note,
        )
    return corrected


def revert_correction(
    conn: sqlite3.Connection, event_id: str, path: str, *, author: str, note: str | None
) -> Event:
    """Drop the analyst's correction of ``path`` and restore the extractor's value."""
    with write_transaction(conn):
        row = conn.execute(
            "SELECT original FROM review_overrides WHERE event_id = ? AND field = ?",
            (event_id, path),
        ).fetchone()
        if row is None:
            raise ReviewError.from_catalogue(
                "E060", detail=f"the field {path!r} of {event_id} is not corrected"
            )
        pk, event = _load(conn, event_id)
        restored = apply_correction(event, path, json.loads(row[0]))
        conn.execute(
            "DELETE FROM review_overrides WHERE event_id = ? AND field = ?", (event_id, path)
        )
        _write_event(conn, pk, restored)
        record_action(
            conn,
            author=author,
            action="revert",
            target_kind="event",
            target_id=event_id,
            article_id=event.article_id,
            field=path,
            before=field_value(event, path),
            after=field_value(restored, path),
            note=note,
        )
    return restored


def set_status(
    conn: sqlite3.Connection, event_id: str, status: str | None, *, author: str, note: str | None
) -> None:
    """Confirm or reject an event (``status``), or reopen it (``None``: back to unreviewed)."""
    if status is not None and status not in STATUSES:
        raise ReviewError.from_catalogue("E060", detail=f"unknown status {status!r}")
    with write_transaction(conn):
        _, event = _load(conn, event_id)
        row = conn.execute(
            "SELECT status FROM review_status WHERE event_id = ?", (event_id,)
        ).fetchone()
        before = row[0] if row else "unreviewed"
        if status is None:
            conn.execute("DELETE FROM review_status WHERE event_id = ?", (event_id,))
        else:
            start, end = _anchor(event)
            conn.execute(
                "INSERT INTO review_status (event_id, article_id, anchor_start, anchor_end, status,"
                " author, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO UPDATE"
                " SET status = excluded.status, author = excluded.author,"
                " updated_at = excluded.updated_at",
                (event_id, event.article_id, start, end, status, author, _now()),
            )
        action = {"confirmed": "confirm", "rejected": "reject", None: "reopen"}[status]
        record_action(
            conn,
            author=author,
            action=action,
            target_kind="event",
            target_id=event_id,
            article_id=event.article_id,
            field="status",
            before=before,
            after=status or "unreviewed",
            note=note,
        )


def event_review(conn: sqlite3.Connection, event_id: str, *, history: int = 200) -> EventReview:
    """The review status, corrections and audit history of one event."""
    review = EventReview()
    row = conn.execute(
        "SELECT status, author FROM review_status WHERE event_id = ?", (event_id,)
    ).fetchone()
    if row:
        review.status, review.status_by = row[0], row[1]
    for field_name, value, original, author, created in conn.execute(
        "SELECT field, value, original, author, created_at FROM review_overrides"
        " WHERE event_id = ? ORDER BY pk",
        (event_id,),
    ):
        review.corrections.append(
            Correction(field_name, json.loads(value), json.loads(original), author, created)
        )
    for entry in conn.execute(
        "SELECT at, author, action, target_kind, target_id, field, before, after, note"
        " FROM review_audit WHERE target_id = ? ORDER BY pk DESC LIMIT ?",
        (event_id, history),
    ):
        at, author, action, kind, target, field_name = entry[:6]
        review.history.append(
            AuditEntry(
                at,
                author,
                action,
                kind,
                target,
                field_name,
                json.loads(entry[6]),
                json.loads(entry[7]),
                entry[8],
            )
        )
    return review


def _matches(row_id: str, anchor: tuple[Any, Any], event: Event) -> bool:
    if row_id == event.id:
        return True
    start, end = anchor
    if start is None or not event.type_evidence:
        return False
    span = event.type_evidence[0]
    return bool(span.start < end and start < span.end)


def apply_pending(conn: sqlite3.Connection) -> int:
    """Write overrides and statuses into re-extracted events queued by the trigger; return how
    many events were queued. Cheap when the queue is empty (one indexed read)."""
    if conn.execute("SELECT 1 FROM review_pending LIMIT 1").fetchone() is None:
        return 0
    with write_transaction(conn):
        pending = conn.execute(
            "SELECT p.event_pk, e.json FROM review_pending p JOIN events e ON e.pk = p.event_pk"
        ).fetchall()
        for pk, raw in pending:
            _reapply(conn, int(pk), Event.model_validate_json(raw))
        conn.execute("DELETE FROM review_pending")
    return len(pending)


def _reapply(conn: sqlite3.Connection, pk: int, event: Event) -> None:
    """Apply the overrides and the status meant for ``event`` (rebinding them to its id)."""
    overrides = conn.execute(
        "SELECT pk, event_id, anchor_start, anchor_end, field, value FROM review_overrides"
        " WHERE article_id = ? ORDER BY pk",
        (event.article_id,),
    ).fetchall()
    corrected = event
    for opk, event_id, start, end, path, value in overrides:
        if not _matches(event_id, (start, end), event) or path not in CORRECTABLE:
            continue
        original = field_value(event, path)
        corrected = apply_correction(corrected, path, json.loads(value))
        conn.execute(
            "UPDATE OR REPLACE review_overrides SET event_id = ?, original = ? WHERE pk = ?",
            (event.id, json.dumps(original), opk),
        )
    if corrected is not event:
        _write_event(conn, pk, corrected)
    for event_id, start, end in conn.execute(
        "SELECT event_id, anchor_start, anchor_end FROM review_status WHERE article_id = ?",
        (event.article_id,),
    ).fetchall():
        if event_id != event.id and _matches(event_id, (start, end), event):
            conn.execute(
                "UPDATE OR REPLACE review_status SET event_id = ? WHERE event_id = ?",
                (event.id, event_id),
            )
