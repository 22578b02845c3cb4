"""Order independence on a synthetic stream: any ingest order and batching, with withdrawals,
gives the incidents a rebuild from scratch gives."""

from __future__ import annotations

import random

import pytest

from sitrep.incidents import IncidentEngine, IncidentQuery, MemoryBackend
from sitrep.incidents.bench import synthetic_stream


def snapshot(engine: IncidentEngine) -> list[tuple[str, tuple[str, ...], int | None]]:
    found = engine.backend.query_incidents(IncidentQuery(limit=100_000))
    return sorted(
        (i.id, tuple(sorted(r.event_id for r in i.reports)), i.fatalities.best) for i in found
    )


@pytest.mark.parametrize("seed", range(4))
def test_order_any_order_and_batching_gives_the_same_incidents(seed: int) -> None:
    results = list(synthetic_stream(300, seed=11, per_day=25))
    reference = IncidentEngine(MemoryBackend())
    reference.update(results)
    shuffled = list(results)
    rng = random.Random(seed)
    rng.shuffle(shuffled)
    engine = IncidentEngine(MemoryBackend())
    position = 0
    while position < len(shuffled):
        size = rng.choice([1, 1, 2, 5, 17])
        engine.update(shuffled[position : position + size])
        position += size
    assert snapshot(engine) == snapshot(reference)
    assert len(snapshot(reference)) < len(results)  # something was linked


def test_order_withdrawing_and_readding_restores_the_incidents() -> None:
    results = list(synthetic_stream(300, seed=5, per_day=25))
    engine = IncidentEngine(MemoryBackend())
    engine.update(results)
    before = snapshot(engine)
    chosen = random.Random(1).sample(results, 60)
    engine.remove_articles([r.article.id for r in chosen])
    fresh = IncidentEngine(MemoryBackend())
    fresh.update([r for r in results if r not in chosen])
    assert snapshot(engine) == snapshot(fresh)
    engine.update(chosen)
    assert snapshot(engine) == before
    engine.rebuild()
    assert snapshot(engine) == before
