"""The synthetic stream and the linking benchmark (structure only: speed is reported, not tested)."""

from __future__ import annotations

from sitrep.incidents.bench import run_link_bench, synthetic_stream


def test_bench_stream_is_deterministic_and_in_publication_order() -> None:
    first = [r.events[0].id for r in synthetic_stream(200, seed=2)]
    assert first == [r.events[0].id for r in synthetic_stream(200, seed=2)]
    assert first != [r.events[0].id for r in synthetic_stream(200, seed=3)]
    assert len(first) == len(set(first)) == 200


def test_bench_reports_checkpoints_and_truth(tmp_path) -> None:
    result = run_link_bench(400, backend="sqlite", seed=2, window=50, path=tmp_path / "b.db")
    assert [c.report for c in result.checkpoints] == [400]
    assert 0 < result.incidents < 400
    assert 0.0 <= result.pair_precision <= 1.0 and 0.0 <= result.pair_recall <= 1.0
