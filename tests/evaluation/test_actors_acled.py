"""The ACLED-notes actor harness: scoring rules (no third-party data needed)."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.evaluation.actors_acled import ActorScore, FullAnswer, breakdown, strip_regime
from sitrep.evaluation.datasets import AcledRow


def row(
    actor1: str, inter1: int, actor2: str = "", inter2: int = 0, sub: str = "Armed clash"
) -> AcledRow:
    return AcledRow(
        event_id="T1",
        event_date=dt.date(2024, 8, 25),
        time_precision=1,
        event_type="Battles",
        sub_event_type=sub,
        actor1=actor1,
        assoc_actor_1="",
        inter1=inter1,
        actor2=actor2,
        assoc_actor_2="",
        inter2=inter2,
        country="Mali",
        iso3="MLI",
        admin1="",
        admin2="",
        location="",
        latitude=None,
        longitude=None,
        geo_precision=None,
        notes="(written for the test)",
        fatalities=0,
        source_file="test.csv",
    )


@pytest.mark.parametrize(
    ("name", "stripped"),
    [
        ("Military Forces of Mali (2021-)", "Military Forces of Mali"),
        ("Military Forces of Mali (2013-2020) Gendarmerie", "Military Forces of Mali Gendarmerie"),
        ("Civilians (Mali)", "Civilians (Mali)"),
        (
            "JNIM: Group for Support of Islam and Muslims",
            "JNIM: Group for Support of Islam and Muslims",
        ),
    ],
)
def test_actors_acled_strip_regime(name: str, stripped: str) -> None:
    assert strip_regime(name) == stripped


def test_actors_acled_score_counts_exact_and_without_regime() -> None:
    score = ActorScore()
    score.add(
        row(
            "Military Forces of Mali (2013-)", 1, "JNIM: Group for Support of Islam and Muslims", 2
        ),
        ("Military Forces of Mali (2021-)", 1),
        ("JNIM: Group for Support of Islam and Muslims", 2),
    )
    score.add(row("Protesters (Mali)", 6), ("Protesters (Mali)", 6), None)
    assert score.n == 2
    assert score.rate("actor1") == 0.5
    assert score.rate("actor1_no_regime") == 1.0
    assert score.rate("actor2") == 1.0  # a missing actor2 is right when the gold one is empty
    assert score.rate("inter1") == 1.0 and score.rate("inter2") == 1.0
    assert len(score.misses) == 0
    assert "actor1" in score.table()


def test_actors_acled_score_keeps_misses() -> None:
    score = ActorScore()
    score.add(row("Wagner Group", 8), ("Unidentified Armed Group (Mali)", 3), None)
    assert score.rate("actor1") == 0.0 and score.rate("inter1") == 0.0
    assert score.misses[0][1] == "Unidentified Armed Group (Mali)"


def test_actors_acled_breakdown_by_country_and_type() -> None:
    mali = "Military Forces of Mali (2021-)"
    answers = [  # right country and type, right actor
        FullAnswer(
            row(mali, 1), ("Military Forces of Mali (2013-)", 1), None, "MLI", "Armed clash"
        ),
        # wrong country: the generic name goes wrong with it
        FullAnswer(
            row("Protesters (Mali)", 6, sub="Peaceful protest"),
            ("Protesters (Niger)", 6),
            None,
            "NER",
            "Peaceful protest",
        ),
        # right country, wrong type
        FullAnswer(row(mali, 1), (mali, 1), None, "MLI", "Attack"),
    ]
    assert breakdown(answers) == {
        "all": (2, 3),
        "country right": (2, 2),
        "country wrong": (0, 1),
        "type right": (1, 2),
        "type wrong": (1, 1),
        "both right": (1, 1),
    }
