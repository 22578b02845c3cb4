"""The SQLite event store: one file, WAL journal, one transaction per article.

Each article is written with its events in a single transaction, so a crash in the middle of a
batch loses nothing already stored; articles are keyed by their content hash, so ingesting the
same article again changes nothing. Events keep their full JSON (``sitrep.model.Event``) beside
the columns that queries filter on; the SQL of those queries is in ``sitrep.store.sql``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from sitrep.errors import NotFound, StoreError
from sitrep.model import Article, ExtractionResult, PartialDate
from sitrep.store import sql
from sitrep.store.base import (
    ArticleStatus,
    EventPage,
    EventQuery,
    Failure,
    StoredEvent,
    StoreStats,
)
from sitrep.store.migrate import apply_migrations, current_version

__all__ = ["SQLiteStore"]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@contextmanager
def immediate_transaction(conn: sqlite3.Connection, location: object) -> Iterator[None]:
    """One write transaction (``BEGIN IMMEDIATE``): committed when the block ends, rolled back
    when it raises; SQLite failures become E050 naming ``location``."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as error:
        raise StoreError.from_catalogue("E050", path=location, detail=error) from error
    try:
        yield
    except sqlite3.Error as error:
        conn.execute("ROLLBACK")
        raise StoreError.from_catalogue("E050", path=location, detail=error) from error
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.Error as error:
        raise StoreError.from_catalogue("E050", path=location, detail=error) from error


class SQLiteStore:
    """``EventStore`` on a SQLite file (created and migrated on open)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path).expanduser()
        self.location = str(self.path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, isolation_level=None)
        except (OSError, sqlite3.Error) as error:
            raise StoreError.from_catalogue("E050", path=self.location, detail=error) from error
        try:
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA busy_timeout = 10000")
            # a page cache that holds the indexes of a large store (the default is 2 MB), so
            # that a lookup costs the same in a store of a thousand events and of millions
            self.conn.execute("PRAGMA cache_size = -65536")
            self.conn.execute("PRAGMA mmap_size = 268435456")
            apply_migrations(self.conn, location=self.location)
        except sqlite3.DatabaseError as error:
            self.conn.close()
            raise StoreError.from_catalogue("E050", path=self.location, detail=error) from error
        except StoreError:
            self.conn.close()
            raise

    # -- lifecycle ------------------------------------------------------------------------
    def close(self) -> None:
        # Keep the query planner's statistics fresh; on a read-only or busy database they can
        # wait for the next close.
        with suppress(sqlite3.Error):
            self.conn.execute("PRAGMA optimize")
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with immediate_transaction(self.conn, self.location):
            yield self.conn

    # -- writing --------------------------------------------------------------------------
    def schema_version(self) -> int:
        return current_version(self.conn)

    def has_extracted(self, article_id: str) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM articles WHERE id = ? AND status = ?",
            (article_id, ArticleStatus.extracted.value),
        ).fetchone()
        return row is not None

    def save_article(self, article: Article, status: ArticleStatus) -> bool:
        with self._transaction() as conn:
            return self._insert_article(conn, article, status, n_events=0) is not None

    def save_result(self, result: ExtractionResult, *, replace: bool = False) -> bool:
        article = result.article
        with self._transaction() as conn:
            existing = conn.execute(
                "SELECT pk, status FROM articles WHERE id = ?", (article.id,)
            ).fetchone()
            if (
                existing is not None
                and existing[1] == ArticleStatus.extracted.value
                and not replace
            ):
                return False
            if existing is not None:
                conn.execute("DELETE FROM events WHERE article_pk = ?", (existing[0],))
                conn.execute(
                    "UPDATE articles SET status = ?, n_events = ? WHERE pk = ?",
                    (ArticleStatus.extracted.value, len(result.events), existing[0]),
                )
                article_pk = int(existing[0])
            else:
                pk = self._insert_article(
                    conn, article, ArticleStatus.extracted, len(result.events)
                )
                assert pk is not None
                article_pk = pk
            stored_at = _now()
            for event in result.events:
                sql.insert_event(conn, event, article_pk=article_pk, stored_at=stored_at)
            conn.execute("DELETE FROM failures WHERE article_id = ?", (article.id,))
        return True

    def _insert_article(
        self, conn: sqlite3.Connection, article: Article, status: ArticleStatus, n_events: int
    ) -> int | None:
        published = article.published
        cursor = conn.execute(
            "INSERT INTO articles (id, url, title, source, published, published_precision,"
            " published_start, published_end, language, origin, fetched_at, text, status,"
            " n_events, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET status = excluded.status, origin = excluded.origin"
            " WHERE articles.status != 'extracted' RETURNING pk",
            (
                article.id,
                article.url,
                article.title,
                article.source,
                published.value if published else None,
                published.precision.value if published else None,
                published.start.isoformat() if published else None,
                published.end.isoformat() if published else None,
                article.language,
                article.origin,
                article.fetched_at.isoformat() if article.fetched_at else None,
                article.text,
                status.value,
                n_events,
                _now(),
            ),
        )
        row = cursor.fetchone()
        return int(row[0]) if row is not None else None

    def record_failure(self, failure: Failure) -> None:
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO failures (origin, article_id, code, message, created_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (origin, code) DO UPDATE SET"
                " article_id = excluded.article_id, message = excluded.message,"
                " created_at = excluded.created_at",
                (failure.origin, failure.article_id, failure.code, failure.message, _now()),
            )

    # -- reading --------------------------------------------------------------------------
    def get_article(self, article_id: str) -> Article:
        row = self.conn.execute(
            "SELECT id, url, title, source, published, published_precision, published_start,"
            " published_end, language, origin, fetched_at, text FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            raise NotFound.from_catalogue("E052", kind="article", id=article_id)
        return Article(
            id=row[0],
            url=row[1],
            title=row[2],
            source=row[3],
            published=PartialDate(value=row[4], precision=row[5], start=row[6], end=row[7])
            if row[4]
            else None,
            language=row[8],
            origin=row[9],
            fetched_at=dt.datetime.fromisoformat(row[10]) if row[10] else None,
            text=row[11],
        )

    def get_event(self, event_id: str) -> StoredEvent:
        row = self.conn.execute(f"{sql.SELECT_EVENTS} WHERE e.id = ?", (event_id,)).fetchone()
        if row is None:
            raise NotFound.from_catalogue("E052", kind="event", id=event_id)
        return sql.stored_event(row)

    def query_events(self, query: EventQuery) -> EventPage:
        where, params = sql.where_clause(query)
        limit = max(1, query.limit)
        rows = self.conn.execute(
            f"{sql.SELECT_EVENTS} WHERE {where} ORDER BY e.sort_date DESC, e.pk DESC LIMIT ?",
            (*params, limit + 1),
        ).fetchall()
        page = EventPage(events=[sql.stored_event(row) for row in rows[:limit]])
        if len(rows) > limit:
            last = rows[limit - 1]
            page.next_cursor = sql.encode_cursor(last[sql.SORT_DATE_COLUMN], last[sql.PK_COLUMN])
        return page

    def iter_events(self, query: EventQuery) -> Iterator[StoredEvent]:
        cursor = query.cursor
        while True:
            page = self.query_events(_with_cursor(query, cursor, limit=500))
            yield from page.events
            if page.next_cursor is None:
                return
            cursor = page.next_cursor

    def count_events(self, query: EventQuery) -> int:
        where, params = sql.where_clause(_with_cursor(query, None, limit=query.limit))
        row = self.conn.execute(f"SELECT COUNT(*) FROM events e WHERE {where}", params).fetchone()
        return int(row[0])

    def failures(self, *, limit: int = 100) -> list[Failure]:
        rows = self.conn.execute(
            "SELECT origin, code, message, article_id, created_at FROM failures"
            " ORDER BY created_at DESC, pk DESC LIMIT ?",
            (limit,),
        ).fetchall()
        return [
            Failure(
                origin=r[0],
                code=r[1],
                message=r[2],
                article_id=r[3],
                created_at=dt.datetime.fromisoformat(r[4]),
            )
            for r in rows
        ]

    def stats(self) -> StoreStats:
        def count(table: str) -> int:
            return int(self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

        return StoreStats(
            schema_version=self.schema_version(),
            articles=count("articles"),
            events=count("events"),
            failures=count("failures"),
            location=self.location,
        )


def _with_cursor(query: EventQuery, cursor: str | None, *, limit: int) -> EventQuery:
    from dataclasses import replace

    return replace(query, cursor=cursor, limit=limit)
