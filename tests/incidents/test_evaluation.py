"""The ACLED false-merge evaluation, on rows the project writes (no third-party data)."""

from __future__ import annotations

import datetime as dt

from sitrep.evaluation.datasets import AcledRow
from sitrep.evaluation.incidents_acled import coded_results, evaluate_false_merges


def row(
    event_id: str, location: str, lat: float, lon: float, actor1: str, notes: str, killed: int = 0
) -> AcledRow:
    return AcledRow(
        event_id=event_id,
        event_date=dt.date(2024, 8, 25),
        time_precision=1,
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        actor1=actor1,
        assoc_actor_1="",
        inter1=2,
        actor2="",
        assoc_actor_2="",
        inter2=0,
        country="Mali",
        iso3="MLI",
        admin1="Kidal",
        admin2="",
        location=location,
        latitude=lat,
        longitude=lon,
        geo_precision=1,
        notes=notes,
        fatalities=killed,
        source_file="project-written",
    )


def test_evaluation_counts_merges_of_rows_acled_keeps_apart() -> None:
    rows = [
        row(
            "T1",
            "Tessalit",
            20.20,
            1.01,
            "Rebel Coalition",
            "On 25 August 2024, rebels shelled Tessalit; 4 killed.",
            4,
        ),
        row(
            "T2",
            "Tessalit",
            20.20,
            1.01,
            "Rebel Coalition",
            "On 25 August 2024, the rebels fired shells at Tessalit, killing 4.",
            4,
        ),
        row(
            "A1",
            "Aguelhok",
            19.46,
            0.86,
            "Rebel Coalition",
            "On 25 August 2024, rebels shelled Aguelhok; nobody was hurt.",
        ),
    ]
    report = evaluate_false_merges(coded_results(rows), examples=5)
    assert report["same_day_admin1_rows"] == 3
    assert report["same_day_admin1_pairs"] == 3
    assert report["false_merged_pairs"] == 1  # T1 and T2 read as one shelling
    assert report["false_merge_rate"] == round(2 / 3, 4)
    assert report["examples"] == [("T1", "T2")]
    assert report["linkable_share"] == 1.0


def test_evaluation_without_data_is_an_error(tmp_path) -> None:
    import pytest

    from sitrep.errors import InputError
    from sitrep.evaluation.incidents_acled import run

    with pytest.raises(InputError):
        run(tmp_path, extractor=None, mode="coded")
