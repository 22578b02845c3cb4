"""The server's access to the event store: one SQLite connection per worker thread.

FastAPI runs plain (``def``) endpoints in a thread pool; an SQLite connection must not be shared by
threads that interleave transactions, so each thread opens its own ``SQLiteStore`` on the same file
(WAL mode lets readers run beside the one writer). The analyst-review tables are added to the
database when the pool opens it.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from sitrep.errors import StoreError
from sitrep.store import SQLiteStore, open_store

__all__ = ["StorePool", "write_transaction"]


class StorePool:
    """Opens the store at ``location`` once per thread; ``close`` closes every connection."""

    def __init__(self, location: str) -> None:
        self.location = location
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[SQLiteStore] = []
        from sitrep.server.review import apply_pending, ensure_review_schema

        first = self.store()
        with write_transaction(first.conn):
            ensure_review_schema(first.conn)
        apply_pending(first.conn)
        # statistics for tables that lack them, so the planner picks the right index (cheap when
        # they are up to date)
        first.conn.execute("PRAGMA optimize = 0x10002")

    def store(self) -> SQLiteStore:
        """This thread's store (opened on first use)."""
        store: SQLiteStore | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.location)
            self._local.store = store
            with self._lock:
                self._open.append(store)
        return store

    def reader(self) -> sqlite3.Connection:
        """A new read-only connection for work that outlives a request's thread (a download);
        the caller closes it."""
        path = self.store().path
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)

    def close(self) -> None:
        """Close the connections; one opened by another thread (SQLite forbids closing it from
        here) is dropped instead, and closed by Python when it is collected."""
        with self._lock:
            for store in self._open:
                with suppress(sqlite3.ProgrammingError):
                    store.close()
            self._open.clear()
        self._local = threading.local()


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One ``BEGIN IMMEDIATE`` transaction on an autocommit connection; rolled back on error."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as error:
        raise StoreError.from_catalogue("E050", path="(server)", detail=error) from error
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
