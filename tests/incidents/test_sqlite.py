"""The incident layer in a real SQLite event store: migration, same incidents as in memory,
filters, and the error when events were not saved first."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.errors import StoreError
from sitrep.incidents import IncidentEngine, IncidentQuery, MemoryBackend
from sitrep.incidents.backend import matches
from sitrep.incidents.bench import synthetic_stream
from sitrep.incidents.service import file_stored_events
from sitrep.incidents.ucdp import incident_columns

from .conftest import CODINGS


def test_sqlite_migration_adds_the_incident_tables(store) -> None:
    assert store.schema_version() >= 2
    tables = {
        r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    assert {
        "incidents",
        "incident_reports",
        "incident_blocks",
        "incident_overrides",
        "incident_aliases",
    } <= tables


def test_sqlite_gives_the_same_incidents_as_memory(store, sqlite_engine, wire) -> None:
    results = [wire(k) for k in CODINGS]
    memory = IncidentEngine(MemoryBackend())
    for result in results:
        store.save_result(result)
        sqlite_engine.update([result])
        memory.update([result])
    everything = IncidentQuery(limit=1000)
    in_sqlite = sqlite_engine.backend.query_incidents(everything)
    in_memory = memory.backend.query_incidents(everything)
    strip = {"updated_at"}
    assert [i.model_dump(exclude=strip) for i in in_sqlite] == [
        i.model_dump(exclude=strip) for i in in_memory
    ]


@pytest.mark.parametrize(
    "query",
    [
        IncidentQuery(countries=("MLI",)),
        IncidentQuery(countries=("NER",)),
        IncidentQuery(since=dt.date(2024, 8, 20), until=dt.date(2024, 8, 31)),
        IncidentQuery(event_types=("Air/drone strike",)),
        IncidentQuery(event_types=("Violence against civilians",)),
        IncidentQuery(contested=True),
        IncidentQuery(min_sources=2),
        IncidentQuery(min_fatalities=5),
    ],
)
def test_sqlite_filters_agree_with_the_reference(store, sqlite_engine, wire, query) -> None:
    for key in CODINGS:
        result = wire(key)
        store.save_result(result)
        sqlite_engine.update([result])
    everything = sqlite_engine.backend.query_incidents(IncidentQuery(limit=1000))
    expected = {i.id for i in everything if matches(i, query)}
    assert {i.id for i in sqlite_engine.backend.query_incidents(query)} == expected
    assert sqlite_engine.backend.count_incidents(query) == len(expected)


def test_sqlite_unsaved_events_are_refused(sqlite_engine, wire) -> None:
    with pytest.raises(StoreError) as caught:
        sqlite_engine.update([wire("strike-sahelwire")])
    assert caught.value.code == "E081"
    assert sqlite_engine.backend.all_reports() == []  # the transaction was rolled back


def test_sqlite_stored_events_are_filed_on_demand(store, sqlite_engine) -> None:
    results = list(synthetic_stream(120, seed=3))
    for result in results:
        store.save_result(result)
    changes = file_stored_events(store, sqlite_engine, batch_size=25)
    assert changes.written
    again = file_stored_events(store, sqlite_engine, batch_size=25)
    assert (again.written, again.removed) == ([], [])
    columns = incident_columns(sqlite_engine.backend, [r.events[0].id for r in results])
    assert columns and all(row["incident_id"].startswith("inc-") for row in columns.values())


@pytest.mark.parametrize("kind", ["memory", "sqlite"])
def test_sqlite_aliases_follow_every_rename(kind: str, sqlite_engine) -> None:
    """An incident renamed twice is still found by its first id (both backends)."""
    from sitrep.incidents import Incident

    backend = MemoryBackend() if kind == "memory" else sqlite_engine.backend

    def incident(name: str) -> Incident:
        return Incident(id=name, root=name, event_type="Battles", sub_event_type="Armed clash")

    backend.save_incidents([incident("inc-b")], ["inc-a"], {"inc-a": "inc-b"})
    backend.save_incidents([incident("inc-c")], ["inc-b"], {"inc-b": "inc-c"})
    assert backend.get_incident("inc-a").id == "inc-c"
    assert backend.get_incident("inc-b").id == "inc-c"
    backend.save_incidents([incident("inc-a")], [], {})  # the old id is an incident again
    assert backend.get_incident("inc-a").id == "inc-a"
