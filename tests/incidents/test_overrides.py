"""Analyst decisions: split and merge by hand, and the decisions survive re-processing."""

from __future__ import annotations

import pytest

from sitrep.errors import NotFound, ReviewError
from sitrep.incidents import IncidentEngine, IncidentQuery, OverrideKind
from sitrep.model import ExtractionResult

from .conftest import STRIKE


@pytest.fixture(params=["memory", "sqlite"])
def engine(request, memory_engine, sqlite_engine) -> IncidentEngine:
    return memory_engine if request.param == "memory" else sqlite_engine


@pytest.fixture
def feed(engine, store):
    """``feed(result)``: save (for SQLite) and update incidents, as ingest does."""

    def run(*results: ExtractionResult) -> None:
        for result in results:
            store.save_result(result, replace=True)
        engine.update(list(results))

    return run


def groups(engine: IncidentEngine) -> list[set[str]]:
    found = engine.backend.query_incidents(IncidentQuery())
    return sorted(({r.event_id for r in i.reports} for i in found), key=lambda g: sorted(g))


def strike_incident(engine: IncidentEngine):
    return max(engine.backend.query_incidents(IncidentQuery()), key=lambda i: i.n_reports)


def test_overrides_split_takes_reports_out(engine, feed, wire) -> None:
    results = [wire(k) for k in STRIKE]
    feed(*results)
    army = results[3].events[0].id
    changes = engine.split(strike_incident(engine).id, [army], note="army describes another strike")
    assert {army} in groups(engine)
    assert len(changes.written) == 2
    kinds = {d.kind for d in engine.backend.list_overrides()}
    assert kinds == {OverrideKind.cannot_link}


def test_overrides_split_survives_reingest_rebuild_and_new_reports(engine, feed, wire) -> None:
    results = [wire(k) for k in STRIKE]
    feed(*results)
    army = results[3].events[0].id
    engine.split(strike_incident(engine).id, [army])
    expected = groups(engine)
    feed(*results)
    engine.rebuild()
    assert groups(engine) == expected
    feed(wire("strike-revised"))
    after = groups(engine)
    assert {army} in after
    assert any(wire("strike-revised").events[0].id in g and len(g) == 4 for g in after)


def test_overrides_survive_reextraction_with_new_event_ids(engine, feed, wire) -> None:
    """Extracting the article again gives the event another id; the decision follows its span."""
    results = [wire(k) for k in STRIKE]
    feed(*results)
    engine.split(strike_incident(engine).id, [results[3].events[0].id])
    old = results[3]
    renamed = old.events[0].model_copy(update={"id": "0000-re-extracted"})
    feed(ExtractionResult(article=old.article, events=[renamed]))
    assert {"0000-re-extracted"} in groups(engine)


def test_overrides_merge_joins_incidents_and_undo_withdraws(engine, feed, wire) -> None:
    results = [wire(k) for k in ["strike-sahelwire", "earlier-strike"]]
    feed(*results)
    ids = [i.id for i in engine.backend.query_incidents(IncidentQuery())]
    assert len(ids) == 2
    engine.merge(ids, note="one strike; the date was misread")
    assert len(groups(engine)) == 1
    merged = engine.backend.query_incidents(IncidentQuery())[0]
    assert any(r.link is not None and r.link.decided_by == "analyst" for r in merged.reports)
    (decision,) = engine.backend.list_overrides()
    engine.undo(decision.id)
    assert len(groups(engine)) == 2


def test_overrides_merge_after_split_brings_all_back(engine, feed, wire) -> None:
    results = [wire(k) for k in STRIKE]
    feed(*results)
    whole = strike_incident(engine)
    engine.split(whole.id, [results[3].events[0].id])
    engine.merge([i.id for i in engine.backend.query_incidents(IncidentQuery())])
    assert groups(engine) == [{r.events[0].id for r in results}]


def test_overrides_renamed_incident_is_found_by_its_old_id(engine, feed, wire) -> None:
    first = wire("strike-desertpost")  # published 27 August
    feed(first)
    old_id = engine.backend.query_incidents(IncidentQuery())[0].id
    feed(wire("strike-sahelwire"))  # published 26 August: the incident is now named after it
    (incident,) = engine.backend.query_incidents(IncidentQuery())
    assert incident.id != old_id
    assert engine.backend.get_incident(old_id).id == incident.id


@pytest.mark.parametrize(
    ("action", "error"),
    [
        (lambda e, inc: e.split(inc, ["not-a-member"]), ReviewError),
        (lambda e, inc: e.split(inc, []), ReviewError),
        (lambda e, inc: e.merge([inc]), ReviewError),
        (lambda e, inc: e.merge([inc, "inc-missing"]), NotFound),
        (lambda e, inc: e.undo(99), ReviewError),
    ],
)
def test_overrides_refuses_impossible_actions(engine, feed, wire, action, error) -> None:
    feed(wire("strike-sahelwire"), wire("strike-desertpost"))
    incident = engine.backend.query_incidents(IncidentQuery())[0].id
    with pytest.raises(error):
        action(engine, incident)
