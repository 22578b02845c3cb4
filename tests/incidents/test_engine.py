"""The incident engine on the project's wire copy: one strike told by several outlets, the same
town struck on other days, two attacks on one day in one region, a revised toll, background
mentions; incremental, idempotent and independent of ingest order."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from sitrep.incidents import IncidentEngine, IncidentQuery, MemoryBackend
from sitrep.model import ExtractionResult

from .conftest import CODINGS, STRIKE

Wire = Callable[[str], ExtractionResult]


def incidents_by_key(
    engine: IncidentEngine, results: dict[str, ExtractionResult]
) -> list[set[str]]:
    key_of = {result.article.id: key for key, result in results.items()}
    found = engine.backend.query_incidents(IncidentQuery(limit=1000))
    return sorted(
        ({key_of[r.article_id] for r in incident.reports} for incident in found),
        key=lambda keys: sorted(keys),
    )


def ingest(engine: IncidentEngine, results: dict[str, ExtractionResult], keys: list[str]) -> None:
    for key in keys:
        engine.update([results[key]])


@pytest.fixture
def results(wire: Wire) -> dict[str, ExtractionResult]:
    return {key: wire(key) for key in CODINGS}


def test_engine_links_outlets_reporting_one_strike(memory_engine, results) -> None:
    ingest(memory_engine, results, STRIKE)
    assert incidents_by_key(memory_engine, results) == [set(STRIKE)]
    (incident,) = memory_engine.backend.query_incidents(IncidentQuery())
    assert incident.n_sources == 4
    assert incident.date is not None and incident.date.value == "2024-08-25"
    assert incident.location is not None and incident.location.name == "Tinzaouaten"


def test_engine_keeps_other_dates_and_other_towns_apart(memory_engine, results) -> None:
    keys = [*STRIKE, "earlier-strike", "later-strike", "mopti-attack", "mopti-ied"]
    ingest(memory_engine, results, keys)
    assert incidents_by_key(memory_engine, results) == [
        {"earlier-strike"},
        {"later-strike"},
        {"mopti-attack"},
        {"mopti-ied"},
        set(STRIKE),
    ]


def test_engine_reingesting_changes_nothing(memory_engine, results) -> None:
    ingest(memory_engine, results, list(CODINGS))
    before = memory_engine.backend.query_incidents(IncidentQuery())
    changes = memory_engine.update(list(results.values()))
    assert (changes.written, changes.removed) == ([], [])
    assert memory_engine.backend.query_incidents(IncidentQuery()) == before


@pytest.mark.parametrize("seed", range(6))
def test_engine_ingest_order_gives_same_incidents(results, seed: int) -> None:
    keys = list(CODINGS)
    reference = IncidentEngine(MemoryBackend())
    reference.update(results[k] for k in keys)
    random.Random(seed).shuffle(keys)
    engine = IncidentEngine(MemoryBackend())
    size = 1 + seed % 3
    for start in range(0, len(keys), size):
        engine.update(results[k] for k in keys[start : start + size])
    assert incidents_by_key(engine, results) == incidents_by_key(reference, results)
    ids = sorted(i.id for i in engine.backend.query_incidents(IncidentQuery()))
    assert ids == sorted(i.id for i in reference.backend.query_incidents(IncidentQuery()))
    engine.rebuild()
    assert incidents_by_key(engine, results) == incidents_by_key(reference, results)


def test_engine_week_report_joins_the_strike_it_matches(memory_engine, results) -> None:
    ingest(memory_engine, results, [*STRIKE, "earlier-strike", "strike-weekly"])
    assert set(STRIKE) | {"strike-weekly"} in incidents_by_key(memory_engine, results)


def test_engine_background_corroborates_but_never_creates(memory_engine, results) -> None:
    ingest(memory_engine, results, ["background-orphan", "background-mention"])
    assert incidents_by_key(memory_engine, results) == []
    ingest(memory_engine, results, [*STRIKE, "earlier-strike"])
    groups = incidents_by_key(memory_engine, results)
    assert set(STRIKE) | {"background-mention"} in groups
    assert all("background-orphan" not in g for g in groups)
    strike = next(
        i for i in memory_engine.backend.query_incidents(IncidentQuery()) if i.n_reports == 5
    )
    assert strike.n_background == 1


def test_engine_month_report_between_two_strikes_is_ambiguous(memory_engine, wire, results) -> None:
    """A month-dated report matching two strikes of that month equally joins neither."""
    from dataclasses import replace

    from .coding import coded
    from .conftest import CODINGS as codings

    vague = replace(codings["background-mention"], role=codings["strike-weekly"].role, claims=[])
    result = coded("background-mention", vague)
    ingest(memory_engine, results, ["strike-sahelwire", "strike-desertpost", "earlier-strike"])
    memory_engine.update([result])
    found = memory_engine.backend.query_incidents(IncidentQuery())
    sizes = sorted(i.n_reports for i in found)
    assert sizes == [1, 1, 2]


def test_engine_withdrawn_article_leaves_its_incident(memory_engine, results) -> None:
    ingest(memory_engine, results, STRIKE)
    changes = memory_engine.remove_articles([results["strike-sahelwire"].article.id])
    groups = incidents_by_key(memory_engine, results)
    assert groups == [set(STRIKE) - {"strike-sahelwire"}]
    assert changes.aliases or changes.written


def test_engine_reextraction_with_new_event_ids_replaces_reports(memory_engine, results) -> None:
    ingest(memory_engine, results, STRIKE)
    old = results["strike-radioazawad"]
    event = old.events[0].model_copy(update={"id": "re-extracted-0001"})
    memory_engine.update([ExtractionResult(article=old.article, events=[event])])
    (incident,) = memory_engine.backend.query_incidents(IncidentQuery())
    ids = {r.event_id for r in incident.reports}
    assert "re-extracted-0001" in ids and old.events[0].id not in ids
