"""Schema migrations of the SQLite store: numbered SQL files, applied once, recorded in a table.

``sitrep/store/migrations/NNNN_name.sql`` are applied in order, each in its own transaction, and
recorded in ``schema_migrations`` (version, name, applied_at). A database whose version is newer
than the newest file is refused (E051) rather than written by an older sitrep.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass
from importlib import resources

from sitrep.errors import StoreError

__all__ = ["Migration", "apply_migrations", "current_version", "migrations"]

_NAME = re.compile(r"(?P<version>\d{4})_(?P<name>[a-z0-9_]+)\.sql")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """The shipped migrations, oldest first."""
    found: list[Migration] = []
    for entry in resources.files("sitrep.store").joinpath("migrations").iterdir():
        match = _NAME.fullmatch(entry.name)
        if match:
            found.append(Migration(int(match["version"]), match["name"], entry.read_text("utf-8")))
    return sorted(found, key=lambda m: m.version)


def current_version(conn: sqlite3.Connection) -> int:
    """The newest applied migration (0 for an empty database)."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    row = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def apply_migrations(conn: sqlite3.Connection, *, location: str) -> int:
    """Bring the schema of ``conn`` up to date; return the version reached.

    ``conn`` must be in autocommit mode (``isolation_level=None``): each migration runs as one
    explicit transaction, so a failed step leaves the database at the previous version.
    """
    steps = migrations()
    newest = steps[-1].version if steps else 0
    found = current_version(conn)
    if found > newest:
        raise StoreError.from_catalogue("E051", path=location, found=found, supported=newest)
    for step in steps:
        if step.version <= found:
            continue
        applied_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        record = (
            "INSERT INTO schema_migrations (version, name, applied_at) "
            f"VALUES ({step.version}, '{step.name}', '{applied_at}');"
        )
        try:
            conn.executescript(f"BEGIN;\n{step.sql}\n{record}\nCOMMIT;")
        except sqlite3.Error as error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            detail = f"migration {step.version:04d}_{step.name} failed: {error}"
            raise StoreError.from_catalogue("E050", path=location, detail=detail) from error
    return max(found, newest)
