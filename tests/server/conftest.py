"""Fixtures of the API tests: a real SQLite store filled with synthetic events, and a client of the
app on it with one analyst token configured."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from sitrep.server import ServerSettings, create_app
from sitrep.server.synthetic import fill_store
from sitrep.store import open_store

TOKEN = "amina-0123456789abcdef"
N_EVENTS = 240  # tests/server/test_queries.py counts on it


@pytest.fixture(scope="session")
def synthetic_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database of N_EVENTS synthetic events, built once; tests copy it."""
    path = tmp_path_factory.mktemp("template") / "events.db"
    with open_store(path) as store:
        fill_store(store, N_EVENTS, seed=11)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def db_path(synthetic_template: Path, tmp_path: Path) -> Path:
    """A private copy of the synthetic database for one test."""
    path = tmp_path / "events.db"
    path.write_bytes(synthetic_template.read_bytes())
    return path


def _make_client(db: Path, **settings: Any) -> TestClient:
    values: dict[str, Any] = {"db": str(db), "tokens": {TOKEN: "amina"}}
    values.update(settings)
    return TestClient(create_app(ServerSettings(**values)))


@pytest.fixture
def make_client() -> Callable[..., TestClient]:
    """``make_client(db, **settings)``: a client of an app with other settings (use ``with``)."""
    return _make_client


@pytest.fixture
def client(db_path: Path) -> Iterator[TestClient]:
    """A client of the app on the test's database; writes need ``auth``."""
    with _make_client(db_path) as test_client:
        yield test_client


@pytest.fixture
def app(client: TestClient) -> FastAPI:
    found: FastAPI = client.app  # type: ignore[assignment]
    return found


@pytest.fixture
def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}


def _all_rows(
    client: TestClient, query: str = "", *, sort: str = "-date", limit: int = 37
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    cursor = None
    while True:
        url = f"/api/events?{query}&sort={sort}&limit={limit}"
        if cursor:
            url += f"&cursor={cursor}"
        page = client.get(url)
        assert page.status_code == 200, page.text
        body = page.json()
        rows += body["items"]
        cursor = body["next_cursor"]
        if not cursor:
            return rows


@pytest.fixture
def all_rows() -> Callable[..., list[dict[str, Any]]]:
    """``all_rows(client, query, sort=..., limit=...)``: every row, following next_cursor."""
    return _all_rows
