"""The linking score of two reports: each dimension's verdict, vetoes, and the link decision."""

from __future__ import annotations

import pytest

from sitrep.incidents import default_policy, score_pair
from sitrep.incidents.features import ReportFeatures

from .reports import actor, report

POLICY = default_policy()


def verdicts(a: ReportFeatures, b: ReportFeatures) -> dict[str, str]:
    return {r.field: r.verdict for r in score_pair(a, b, POLICY).reasons}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"place": "Tinzaouaten"}, {"place": "Tin Zaouatene"}),
        (
            {"place": "Tinzaouaten", "killed": 21, "open_ended": True},
            {"place": "Tinzaouatene", "killed": 23},
        ),
        ({"killed": 21}, {"killed": 25}),  # a revised toll stays close
        ({"coordinates": (19.95, 2.96)}, {"place": "Tin Zaouatine", "coordinates": (19.96, 2.99)}),
        (
            {"killed": None, "actors": (actor("jnim"),)},
            {"killed": None, "actors": (actor("jnim", side=2),)},
        ),
        (
            {"killed": None, "actors": (actor("military forces of mali", inter=1, kind="state"),)},
            {"killed": 6, "actors": (actor("military forces of mali", inter=1, kind="state"),)},
        ),
        ({"precision": "week", "day": "2024-08-22", "end": "2024-08-28"}, {}),
    ],
    ids=["spelling", "at-least", "revised", "coordinates", "same-group", "same-army", "week"],
)
def test_score_links_reports_of_one_strike(first: dict, second: dict) -> None:
    score = score_pair(report(**first), report(**second), POLICY)
    assert score.linked, score.explain()
    assert score.veto is None


@pytest.mark.parametrize(
    ("first", "second", "field"),
    [
        ({"day": "2024-08-25"}, {"day": "2024-08-10"}, "date"),
        ({}, {"country": "DZA"}, "place"),
        ({"coordinates": (19.95, 2.96)}, {"coordinates": (18.44, 1.41)}, "place"),
        (
            {},
            {"sub": "Peaceful protest", "event_type": "Protests", "family": "demonstrations"},
            "type",
        ),
        (
            {"actors": (actor("jnim", inter=2),)},
            {"actors": (actor("islamic state (sahel province)", inter=2),)},
            "actors",
        ),
    ],
    ids=["other-day", "other-country", "far-apart", "other-family", "other-groups"],
)
def test_score_vetoes_reports_that_cannot_be_one_event(
    first: dict, second: dict, field: str
) -> None:
    score = score_pair(report(**first), report(**second), POLICY)
    assert not score.linked
    assert verdicts(report(**first), report(**second))[field] == "veto"
    assert not score.compatible


@pytest.mark.parametrize(
    ("first", "second", "why"),
    [
        ({"place": "Ogossagou"}, {"place": "Boni"}, "places with no known relation"),
        ({"killed": None}, {"killed": None}, "nothing corroborates date, place and type"),
        (
            {"killed": None, "actors": (actor("military forces of mali", inter=1, kind="state"),)},
            {
                "killed": None,
                "sub": "Armed clash",
                "event_type": "Battles",
                "actors": (actor("military forces of mali", inter=1, kind="state"),),
            },
            "the army alone, in two kinds of event",
        ),
        (
            {"killed": None, "actors": (actor("protesters (india)", kind="kind"),)},
            {"killed": None, "actors": (actor("protesters (india)", kind="kind"),)},
            "a kind of actor is no corroboration",
        ),
        ({"place": None}, {}, "a place is unknown"),
        ({"precision": "year", "day": "2024-01-01", "end": "2024-12-31"}, {}, "a year only"),
    ],
)
def test_score_does_not_link_on_too_little_evidence(first: dict, second: dict, why: str) -> None:
    score = score_pair(report(**first), report(**second), POLICY)
    assert not score.linked, why
    assert score.veto is None, why


def test_score_same_article_is_never_linked() -> None:
    a, b = report(article_id="same"), report(article_id="same")
    score = score_pair(a, b, POLICY)
    assert not score.linked and score.veto is not None


def test_score_is_symmetric() -> None:
    a = report(place="Tinzaouaten", killed=21)
    b = report(place="Tin Zaouatene", killed=25, actors=(actor("jnim"),))
    assert score_pair(a, b, POLICY) == score_pair(b, a, POLICY)


def test_score_names_its_reasons() -> None:
    explained = score_pair(report(), report(place="Tin Zaouatene"), POLICY).explain()
    assert "same day 2024-08-25" in explained
    assert "spellings of one name" in explained
    assert explained.endswith("linked")


def test_score_unresolved_different_actors_count_against_without_veto() -> None:
    a = report(actors=(actor("tuareg"),))
    b = report(actors=(actor("csp"),))
    score = score_pair(a, b, POLICY)
    assert score.reason("actors").verdict == "against"  # type: ignore[union-attr]
    assert score.veto is None
