"""The SQLite store: migrations, idempotent writes, crash safety, queries and paging."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from sitrep.errors import ConfigError, NotFound, StoreError
from sitrep.model import EventRole
from sitrep.store import ArticleStatus, EventQuery, Failure, SQLiteStore, open_store
from sitrep.store.filters import make_query
from sitrep.store.migrate import migrations


def test_sqlite_migrates_an_empty_database(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "new.db") as store:
        assert store.schema_version() == migrations()[-1].version
        tables = {
            r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        assert {
            "schema_migrations",
            "articles",
            "events",
            "event_actors",
            "failures",
            "article_fts",
        } <= tables
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_sqlite_reopen_keeps_data_and_applies_nothing_twice(tmp_path: Path, make_result) -> None:
    path = tmp_path / "s.db"
    with SQLiteStore(path) as store:
        store.save_result(make_result())
    with SQLiteStore(path) as store:
        applied = store.conn.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0]
        assert applied == len(migrations())
        assert store.stats().events == 1


def test_sqlite_refuses_a_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    SQLiteStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_migrations VALUES (999, 'from_the_future', '2030-01-01')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError) as caught:
        SQLiteStore(path)
    assert caught.value.code == "E051"


def test_sqlite_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("this is not a database\n" * 100)
    with pytest.raises(StoreError) as caught:
        SQLiteStore(path)
    assert caught.value.code == "E050"


def test_sqlite_open_store_refuses_postgres_for_now() -> None:
    with pytest.raises(ConfigError) as caught:
        open_store("postgresql://localhost/sitrep")
    assert caught.value.code == "E053"


def test_sqlite_open_store_accepts_sqlite_url(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path}/url.db") as store:
        assert store.path == tmp_path / "url.db"


def test_sqlite_save_result_is_idempotent(tmp_path: Path, make_result) -> None:
    result = make_result()
    with SQLiteStore(tmp_path / "s.db") as store:
        assert store.save_result(result) is True
        before = store.conn.execute("SELECT json, stored_at FROM events").fetchall()
        assert store.save_result(result) is False
        assert store.conn.execute("SELECT json, stored_at FROM events").fetchall() == before
        assert store.has_extracted(result.article.id)


def test_sqlite_replace_swaps_the_events(tmp_path: Path, make_result) -> None:
    result = make_result()
    with SQLiteStore(tmp_path / "s.db") as store:
        store.save_result(result)
        result.events[0].summary = "Revised: drone strike on a market."
        assert store.save_result(result, replace=True)
        stored = store.get_event(result.events[0].id)
        assert stored.event.summary.startswith("Revised")
        assert store.stats().events == 1
        assert store.count_events(EventQuery(text="revised")) == 1


def test_sqlite_unsupported_article_is_kept_and_retried(tmp_path: Path, make_result) -> None:
    result = make_result()
    with SQLiteStore(tmp_path / "s.db") as store:
        store.save_article(result.article, ArticleStatus.unsupported_language)
        assert not store.has_extracted(result.article.id)
        assert store.save_result(result)
        assert store.has_extracted(result.article.id)
        assert store.get_article(result.article.id).text == result.article.text


_CRASHING_WRITER = """
import os, sys
sys.path[:0] = {paths!r}
from conftest import EventFactory
from sitrep.store import SQLiteStore
store = SQLiteStore({db!r})
factory = EventFactory()
for _ in range(3):
    store.save_result(factory())
store.conn.execute("BEGIN IMMEDIATE")
store.conn.execute("DELETE FROM events")
os._exit(1)  # dies mid-transaction, without closing anything
"""


def test_sqlite_crash_mid_batch_loses_no_stored_article(tmp_path: Path) -> None:
    db = str(tmp_path / "crash.db")
    code = _CRASHING_WRITER.format(paths=[str(Path(__file__).parents[1]), *sys.path], db=db)
    finished = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert finished.returncode == 1, finished.stderr
    with SQLiteStore(db) as store:
        assert (store.stats().articles, store.stats().events) == (3, 3)


def test_sqlite_failures_are_recorded_once_per_origin_and_code(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "s.db") as store:
        for _ in range(3):
            store.record_failure(
                Failure(origin="feed.jsonl:7", code="E005", message="Line 7 is not valid JSON")
            )
        store.record_failure(Failure(origin="scan.pdf", code="E002", message="binary"))
        found = store.failures()
        assert sorted((f.origin, f.code) for f in found) == [
            ("feed.jsonl:7", "E005"),
            ("scan.pdf", "E002"),
        ]
        assert all(isinstance(f.created_at, dt.datetime) for f in found)


def test_sqlite_get_missing_records(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "s.db") as store:
        with pytest.raises(NotFound):
            store.get_event("nope")
        with pytest.raises(NotFound):
            store.get_article("nope")


@pytest.fixture
def filled(tmp_path: Path, make_result) -> SQLiteStore:
    store = SQLiteStore(tmp_path / "q.db")
    records = [
        make_result(),  # Mali drone strike, 2024-08-25
        make_result(
            sub="Armed clash",
            day="2024-07",
            role="background",
            actor2="CSP-DPA",
            killed=None,
            summary="Rebels and soldiers clashed near the town.",
            text="Heavy fighting near the border town.",
        ),
        make_result(
            sub="Peaceful protest",
            day="2024-05-07",
            iso3="NGA",
            place="Lagos",
            admin1="Lagos",
            lat=6.45,
            lon=3.39,
            actor1="Protesters (Nigeria)",
            actor2=None,
            killed=None,
            summary="Traders marched against fuel prices.",
            text="Traders marched in Lagos over fuel prices.",
        ),
        make_result(
            sub="Shelling/artillery/missile attack",
            day="2024-06-20",
            iso3="FJI",
            place="Suva",
            admin1=None,
            lat=-18.1,
            lon=178.4,
            killed=3,
            summary="Shells hit a port district.",
        ),
        make_result(
            sub="Attack",
            day=None,
            iso3=None,
            lat=None,
            lon=None,
            actor1=None,
            actor2=None,
            killed=0,
            summary="Unknown gunmen attacked a bus.",
        ),
    ]
    for record in records:
        store.save_result(record)
    yield store
    store.close()


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["event-0001", "event-0004", "event-0003", "event-0005"]),
        (
            {"include_background": True},
            ["event-0001", "event-0002", "event-0004", "event-0003", "event-0005"],
        ),
        ({"countries": ["Mali"]}, ["event-0001"]),
        ({"countries": ["ng", "FJI"]}, ["event-0004", "event-0003"]),
        ({"since": "2024-06"}, ["event-0001", "event-0004"]),
        (
            {"since": "2024-07-20", "until": "2024-07-31", "include_background": True},
            ["event-0002"],
        ),
        ({"until": "2024-05"}, ["event-0003"]),
        ({"event_types": ["Protests"]}, ["event-0003"]),
        ({"event_types": ["air/drone strike", "Attack"]}, ["event-0001", "event-0005"]),
        ({"actor": "wagner"}, ["event-0001", "event-0004"]),
        ({"actor": "protesters (nig"}, ["event-0003"]),
        ({"text": "fuel"}, ["event-0003"]),
        ({"text": "border", "include_background": True}, ["event-0002"]),
        ({"text": 'drone-strike "civilians'}, ["event-0001"]),
        ({"text": "marc*"}, ["event-0003"]),
        ({"admin1": "kidal"}, ["event-0001"]),
        ({"bbox": "-5,0,10,25"}, ["event-0001", "event-0003"]),
        ({"bbox": "170,-30,-170,0"}, ["event-0004"]),  # across the antimeridian
        ({"min_fatalities": 3}, ["event-0001", "event-0004"]),
        ({"civilian_targeting": True}, ["event-0001", "event-0004"]),
    ],
)
def test_sqlite_query_filters(
    filled: SQLiteStore, filters: dict[str, object], expected: list[str]
) -> None:
    query = make_query(**filters)  # type: ignore[arg-type]
    assert [s.event.id for s in filled.query_events(query).events] == expected
    assert filled.count_events(query) == len(expected)


def test_sqlite_query_returns_article_details(filled: SQLiteStore) -> None:
    stored = filled.query_events(make_query(countries=["MLI"])).events[0]
    assert stored.article_url == "https://example.org/1"
    assert stored.event.role is EventRole.reported


def test_sqlite_keyset_pages_cover_everything_once(tmp_path: Path, make_result) -> None:
    with SQLiteStore(tmp_path / "p.db") as store:
        for n in range(25):
            store.save_result(make_result(day=f"2024-03-{(n % 9) + 1:02d}"))
        seen: list[str] = []
        cursor = None
        pages = 0
        while True:
            page = store.query_events(EventQuery(limit=10, cursor=cursor))
            seen += [s.event.id for s in page.events]
            pages += 1
            if page.next_cursor is None:
                break
            cursor = page.next_cursor
        assert pages == 3
        assert sorted(seen) == sorted(f"event-{n:04d}" for n in range(1, 26))
        days = [store.get_event(i).event.date.start for i in seen]  # type: ignore[union-attr]
        assert days == sorted(days, reverse=True)
        assert [s.event.id for s in store.iter_events(EventQuery(limit=4))] == seen


def test_sqlite_bad_cursor_is_a_usage_error(filled: SQLiteStore) -> None:
    with pytest.raises(ConfigError) as caught:
        filled.query_events(EventQuery(cursor="not-a-cursor"))
    assert caught.value.code == "E025"


@pytest.mark.parametrize(
    ("filters", "code"),
    [
        ({"countries": ["Atlantis"]}, "E022"),
        ({"event_types": ["air strike"]}, "E023"),
        ({"bbox": "1,2,3"}, "E024"),
        ({"bbox": "0,95,10,100"}, "E024"),
        ({"since": "yesterday"}, "E020"),
    ],
)
def test_sqlite_make_query_refuses_bad_filters(filters: dict[str, object], code: str) -> None:
    with pytest.raises(ConfigError) as caught:
        make_query(**filters)  # type: ignore[arg-type]
    assert caught.value.code == code
