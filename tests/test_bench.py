"""The synthetic benchmark corpus (figures are reported by `sitrep bench`, never asserted)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from sitrep.bench import bench_extract, bench_query, make_corpus


def test_bench_corpus_is_deterministic_and_long_enough() -> None:
    first = make_corpus(20, seed=5)
    again = make_corpus(20, seed=5)
    other = make_corpus(20, seed=6)
    assert [a.text for a in first] == [a.text for a in again]
    assert [a.text for a in first] != [a.text for a in other]
    words = [len((a.text or "").split()) for a in first]
    assert min(words) >= 500 and max(words) < 700
    assert len({a.text for a in first}) == 20
    assert all(a.published is not None for a in first)


@pytest.mark.slow
def test_bench_extract_runs_on_a_small_corpus() -> None:
    result = bench_extract(5, seed=3)
    assert (result.task, result.articles) == ("extract", 5)
    assert result.words > 2500 and result.peak_rss_mb > 0


def test_bench_query_times_every_query_on_a_small_store() -> None:
    timings = bench_query(300, repeat=1)
    expected = {
        "newest page ms",
        "country ms",
        "full text ms",
        "bbox ms",
        "page 51 (keyset) ms",
        "count country ms",
    }
    assert expected <= set(timings)
    assert all(value >= 0 for value in timings.values())


def test_bench_corpus_does_not_depend_on_the_hash_seed() -> None:
    code = (
        "import hashlib; from sitrep.bench import make_corpus; "
        "print(hashlib.sha256('|'.join(a.text for a in make_corpus(8)).encode()).hexdigest())"
    )
    digests = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        run = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        digests.add(run.stdout)
    assert len(digests) == 1
