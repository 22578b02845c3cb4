"""The incident source of the HTTP API, on a real SQLite database."""

from __future__ import annotations

import pytest

from sitrep.errors import ConfigError, NotFound
from sitrep.incidents.api import StoreIncidents
from sitrep.incidents.service import incident_engine

from .conftest import CODINGS


@pytest.fixture
def filled(store, wire):
    engine = incident_engine(store)
    for key in CODINGS:
        result = wire(key)
        store.save_result(result)
        engine.update([result])
    return store


def test_api_search_pages_and_filters(filled) -> None:
    source = StoreIncidents()
    first, cursor = source.search(filled.conn, {}, limit=3, cursor=None)
    second, end = source.search(filled.conn, {}, limit=3, cursor=cursor)
    assert len(first) == 3 and len(second) == 2 and end is None
    assert not {i["id"] for i in first} & {i["id"] for i in second}
    august = source.search(
        filled.conn,
        {"country": ["MLI"], "since": "2024-08-20", "until": "2024-08"},
        limit=10,
        cursor=None,
    )[0]
    assert [i["n_reports"] for i in august] == [1, 1, 7]
    with pytest.raises(ConfigError):
        source.search(filled.conn, {}, limit=3, cursor="not-a-cursor")


def test_api_get_and_of_event(filled, wire) -> None:
    source = StoreIncidents()
    (found,) = source.of_event(filled.conn, wire("strike-army").events[0].id)
    whole = source.get(filled.conn, found["id"])
    assert whole["fatalities"]["contested"] is True and len(whole["reports"]) == 7
    assert source.of_event(filled.conn, "no-such-event") == []
    with pytest.raises(NotFound):
        source.get(filled.conn, "inc-nothing")


def test_api_split_and_merge_keep_the_author(filled, wire) -> None:
    source = StoreIncidents()
    army = wire("strike-army").events[0].id
    (strike,) = source.of_event(filled.conn, army)
    split = source.split(filled.conn, strike["id"], [army], author="analyst-1")
    assert len(split["incidents"]) == 2
    ids = [i["id"] for i in split["incidents"]]
    merged = source.merge(filled.conn, ids, author="analyst-2")
    assert [i["n_reports"] for i in merged["incidents"]] == [7]
    notes = [d.note for d in incident_engine(filled).backend.list_overrides()]
    assert notes[0] == "split by analyst-1" and notes[-1] == "merged by analyst-2"
