"""Writing a gazetteer file: batched inserts, then the indexes, then an atomic rename.

Both the embedded default (``embedded.py``) and the GeoNames importer (``geonames.py``) write
through ``GazetteerWriter``. A gazetteer is always written to a temporary file beside the target
and renamed over it only when complete, so an interrupted build or import leaves the previous
gazetteer usable.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from sitrep.errors import GazetteerError
from sitrep.gazetteer.names import loose_key, name_key
from sitrep.gazetteer.store import connect, create_schema

__all__ = ["GazetteerWriter", "Progress", "atomic_gazetteer", "usable_name"]

Progress = Callable[[str, int, "int | None"], None]
"""A progress callback: ``progress(task, completed, total)``; units are the task's (bytes, rows)."""

_BATCH = 20_000
PlaceRow = tuple[int, str, str, float, float, str, str, str, str | None, str | None, int, str]


def usable_name(name: str, *, main: bool = False) -> bool:
    """Whether an alternate name is worth indexing for English text.

    Names in non-Latin scripts, airport and other codes (``GAQ``), links and names with digits
    are left out; a place's main name is always kept.
    """
    key = name_key(name)
    if not key or not key.isascii():
        return False
    if main:
        return True
    if name.startswith("http") or any(ch.isdigit() for ch in name):
        return False
    return not (name.isupper() and len(key) <= 4)


class GazetteerWriter:
    """Batched writes into an open gazetteer connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._places: list[PlaceRow] = []
        self._names: list[tuple[int, str, str, str]] = []
        self._checked_names: list[tuple[int, str, str, str, int]] = []
        self._key_cache: dict[str, tuple[str, str]] = {}
        self.places_written = 0
        self.names_written = 0

    def keys(self, name: str) -> tuple[str, str]:
        keys = self._key_cache.get(name)
        if keys is None:
            keys = (name_key(name), loose_key(name))
            if len(self._key_cache) > 200_000:
                self._key_cache.clear()
            self._key_cache[name] = keys
        return keys

    def add_place(self, row: PlaceRow, names: Iterable[str]) -> None:
        """Add (or replace) a place and index its names (main name, ASCII name, alternates)."""
        self._places.append(row)
        gid = row[0]
        seen: set[str] = set()
        for i, name in enumerate((row[1], row[2], *names)):
            if not name or not usable_name(name, main=i < 2):
                continue
            key, loose = self.keys(name)
            if key in seen:
                continue
            seen.add(key)
            self._names.append((gid, name, key, loose))
        if len(self._places) >= _BATCH or len(self._names) >= 5 * _BATCH:
            self.flush()

    def add_alternate_name(self, geonameid: int, name: str, *, trusted: bool = False) -> None:
        """Index a name of a place already in the file (ignored if the place is not).

        ``trusted`` names (the supplement's aliases) skip the filter that drops codes.
        """
        if not usable_name(name, main=trusted):
            return
        key, loose = self.keys(name)
        self._checked_names.append((geonameid, name, key, loose, geonameid))
        if len(self._checked_names) >= 5 * _BATCH:
            self.flush()

    def flush(self) -> None:
        if self._places:
            self.conn.executemany(
                "INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", self._places
            )
            self.places_written += len(self._places)
            self._places = []
        if self._names:
            self.conn.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?)", self._names)
            self.names_written += len(self._names)
            self._names = []
        if self._checked_names:
            self.conn.executemany(
                "INSERT OR IGNORE INTO names SELECT ?,?,?,? WHERE EXISTS "
                "(SELECT 1 FROM places WHERE geonameid = ?)",
                self._checked_names,
            )
            self.names_written += len(self._checked_names)
            self._checked_names = []

    def add_admin1(
        self, country: str, code: str, name: str, asciiname: str, geonameid: int | None
    ) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO admin1 VALUES (?,?,?,?,?)",
            (country, code, name, asciiname, geonameid),
        )

    def add_admin2(
        self, country: str, admin1: str, code: str, name: str, asciiname: str, geonameid: int | None
    ) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO admin2 VALUES (?,?,?,?,?,?)",
            (country, admin1, code, name, asciiname, geonameid),
        )

    def add_country(
        self,
        iso2: str,
        iso3: str,
        name: str,
        geonameid: int | None,
        capital: str | None,
        population: int,
    ) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO countries VALUES (?,?,?,?,?,?)",
            (iso2, iso3, name, geonameid, capital, population),
        )

    def finish(self, progress: Progress | None = None) -> None:
        """Flush, drop stale names, rebuild the full-text and spatial indexes, record the time."""
        self.flush()
        if progress:
            progress("indexing", 0, 3)
        self.conn.execute("DELETE FROM names WHERE geonameid NOT IN (SELECT geonameid FROM places)")
        self.conn.execute("INSERT INTO names_fts(names_fts) VALUES ('rebuild')")
        if progress:
            progress("indexing", 1, 3)
        self.conn.execute("DELETE FROM places_rtree")
        self.conn.execute(
            "INSERT INTO places_rtree SELECT geonameid, latitude, latitude, longitude, longitude FROM places"
        )
        if progress:
            progress("indexing", 2, 3)
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('updated_at', ?)", (now,))
        self.conn.commit()
        self.conn.execute("ANALYZE")
        self.conn.commit()
        if progress:
            progress("indexing", 3, 3)


@contextlib.contextmanager
def atomic_gazetteer(target: Path, *, start_from_existing: bool) -> Iterator[sqlite3.Connection]:
    """A connection to a temporary copy of ``target`` that replaces it only on success.

    With ``start_from_existing`` the current file is copied first (imports add to it); otherwise
    the new file starts empty (a fresh build). On any error the temporary file is removed and the
    previous gazetteer stays as it was.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    if start_from_existing and target.exists():
        shutil.copyfile(target, temporary)
    conn = connect(temporary)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -200000")
    try:
        create_schema(conn)
        yield conn
        conn.commit()
        conn.close()
        os.replace(temporary, target)
    except sqlite3.Error as exc:
        conn.close()
        temporary.unlink(missing_ok=True)
        raise GazetteerError.from_catalogue("E040", path=target, detail=str(exc)) from exc
    except BaseException:
        conn.close()
        temporary.unlink(missing_ok=True)
        raise
