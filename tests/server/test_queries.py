"""The event table, map points, aggregates and facets: filters, sorting and keyset pages."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

N_EVENTS = 240  # as built by conftest.synthetic_template

Rows = Callable[..., list[dict[str, Any]]]


def _events(db_path: Path) -> list[dict[str, Any]]:
    """The stored events' filter columns, read straight from SQLite (the expected answers)."""
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    rows = [dict(r) for r in conn.execute("SELECT * FROM events")]
    conn.close()
    return rows


@pytest.mark.parametrize("sort", ["-date", "date", "-fatalities", "fatalities"])
def test_queries_pages_cover_every_event_once(
    client: TestClient, all_rows: Rows, sort: str
) -> None:
    rows = all_rows(client, "", sort=sort, limit=37)
    assert len(rows) == N_EVENTS
    assert len({r["id"] for r in rows}) == N_EVENTS
    key = "date" if "date" in sort else "fatalities"
    values = [r[key] for r in rows]
    assert values == sorted(values, reverse=sort.startswith("-"))


@pytest.mark.parametrize(
    ("query", "keep"),
    [
        ("country=Mali", lambda e: e["country_iso3"] == "MLI"),
        ("country=NG&country=Sudan", lambda e: e["country_iso3"] in ("NGA", "SDN")),
        ("event_type=Battles", lambda e: e["event_type"] == "Battles"),
        ("sub_event_type=Air/drone+strike", lambda e: e["sub_event_type"] == "Air/drone strike"),
        ("civilian_targeting=true", lambda e: e["civilian_targeting"] == 1),
        ("min_fatalities=10", lambda e: e["fatalities"] >= 10),
        (
            "since=2024-06&until=2024-07",
            lambda e: e["date_end"] >= "2024-06-01" and e["date_start"] <= "2024-07-31",
        ),
        ("bbox=-10,10,10,20", lambda e: 10 <= e["latitude"] <= 20 and -10 <= e["longitude"] <= 10),
        ("actor=Police", lambda e: "Police" in (e["actor_names"] or "")),
    ],
)
def test_queries_filters_match_the_stored_columns(
    client: TestClient, all_rows: Rows, db_path: Path, query: str, keep: Callable[[dict], bool]
) -> None:
    expected = {e["id"] for e in _events(db_path) if keep(e)}
    assert expected, "the synthetic data must hold matching events"
    got = {r["id"] for r in all_rows(client, query)}
    assert got == expected
    assert client.get(f"/api/events/totals?{query}").json()["events"] == len(expected)


def test_queries_text_search_finds_words_of_the_article(client: TestClient, all_rows: Rows) -> None:
    rows = all_rows(client, "q=drone+strike")
    assert rows and len(rows) < 240
    for row in rows[:10]:
        text = client.get(f"/api/articles/{row['article_id']}").json()["article"]["text"].lower()
        assert "drone" in text and "strike" in text
    assert not all_rows(client, "q=zeppelin")


def test_queries_weekly_aggregates_add_up_to_the_totals(client: TestClient) -> None:
    weeks = client.get("/api/aggregates?by=week&country=Nigeria").json()
    totals = client.get("/api/events/totals?country=Nigeria").json()
    assert sum(w["events"] for w in weeks) == totals["events"]
    assert sum(w["fatalities"] for w in weeks) == totals["fatalities"]
    for week in weeks:  # every key is the Monday starting its week
        assert dt.date.fromisoformat(week["key"]).weekday() == 0


@pytest.mark.parametrize("by", ["month", "event_type", "sub_event_type", "country", "admin1"])
def test_queries_aggregates_by_key(client: TestClient, by: str) -> None:
    groups = client.get(f"/api/aggregates?by={by}").json()
    assert sum(g["events"] for g in groups) == N_EVENTS
    assert len({g["key"] for g in groups}) == len(groups)


def test_queries_map_points_are_compact_and_capped(client: TestClient) -> None:
    data = client.get("/api/events/points?limit=50").json()
    assert data["truncated"] is True and len(data["points"]) == 50
    row = dict(zip(data["columns"], data["points"][0], strict=True))
    assert -90 <= row["latitude"] <= 90 and isinstance(row["fatalities"], int)
    everything = client.get("/api/events/points").json()
    assert everything["truncated"] is False and len(everything["points"]) == N_EVENTS


def test_queries_facets_list_countries_present(client: TestClient, db_path: Path) -> None:
    facets = client.get("/api/facets").json()
    codes = {c["code"] for c in facets["countries"]}
    assert codes == {e["country_iso3"] for e in _events(db_path)}
    assert sum(c["events"] for c in facets["countries"]) == N_EVENTS
    assert facets["date_range"]["first"] <= facets["date_range"]["last"]


def test_queries_event_detail_has_evidence_and_article(client: TestClient) -> None:
    row = client.get("/api/events?limit=1&min_fatalities=1").json()["items"][0]
    detail = client.get(f"/api/events/{row['id']}").json()
    text = detail["article"]["text"]
    event = detail["event"]
    for span in [
        *event["type_evidence"],
        *event["fatalities"]["evidence"],
        *event["location"]["evidence"],
    ]:
        assert text[span["start"] : span["end"]] == span["text"]
    assert detail["review"]["status"] == "unreviewed"
    assert detail["incidents"] == []
    article = client.get(f"/api/articles/{event['article_id']}").json()
    assert row["id"] in article["events"] and article["status"] == "extracted"


def test_queries_incidents_are_empty_until_they_exist(client: TestClient) -> None:
    assert client.get("/api/incidents").json() == {
        "items": [],
        "next_cursor": None,
        "available": False,
    }
