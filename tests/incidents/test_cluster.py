"""Deterministic clustering: complete linkage, ambiguity, analyst decisions."""

from __future__ import annotations

import pytest

from sitrep.incidents import default_policy, score_pair
from sitrep.incidents.cluster import Unit, agglomerate, choose_attachment
from sitrep.incidents.features import ReportFeatures

from .reports import report


class Oracle:
    def __init__(
        self, reports: list[ReportFeatures], forbidden: set[frozenset[str]] = frozenset()
    ) -> None:
        self.reports = {r.event_id: r for r in reports}
        self.no = set(forbidden)

    def pair(self, first: str, second: str):
        return score_pair(self.reports[first], self.reports[second], default_policy())

    def forbidden(self, first: str, second: str) -> bool:
        return frozenset((first, second)) in self.no


def cluster(reports: list[ReportFeatures], forbidden=frozenset()) -> list[list[str]]:
    oracle = Oracle(reports, forbidden)
    units = [Unit((r.event_id,), r.kind) for r in reports]
    groups = agglomerate(units, oracle, accept=lambda link: True, neighbours=lambda u: units)
    return [[m for u in g for m in u.members] for g in groups]


def test_cluster_links_one_strike_across_spellings() -> None:
    reports = [report(place=p) for p in ("Tinzaouaten", "Tin Zaouatene", "Tinzaouatene")]
    assert cluster(reports) == [[r.event_id for r in reports]]


def test_cluster_complete_linkage_refuses_a_chain() -> None:
    """b links to a and to c, but a and c are far apart: a and c never share an incident."""
    a = report(place="Tessalit", coordinates=(20.2, 1.01), killed=5)
    b = report(place="Tessalit", killed=5)  # named like a, no coordinates
    c = report(place="Tessalit", coordinates=(16.27, -0.04), killed=5)  # a namesake far away
    groups = cluster([a, b, c])
    assert not any(a.event_id in g and c.event_id in g for g in groups)
    assert len(groups) == 2


def test_cluster_analyst_decision_keeps_reports_apart() -> None:
    a, b = report(), report(place="Tin Zaouatene")
    assert cluster([a, b], {frozenset((a.event_id, b.event_id))}) == [[a.event_id], [b.event_id]]


def test_cluster_result_does_not_depend_on_input_order() -> None:
    reports = [
        report(place=p, killed=k)
        for p, k in [
            ("Tinzaouaten", 21),
            ("Tin Zaouatene", 21),
            ("Tinzaouatene", 25),
            ("Tinzaouaten", 3),
        ]
    ]
    assert cluster(reports) == cluster(list(reversed(reports)))


@pytest.mark.parametrize(
    ("options", "chosen"),
    [
        ({}, None),
        ({"x": 0.7}, "x"),
        ({"x": 0.8, "y": 0.65}, "x"),
        ({"x": 0.7, "y": 0.65}, None),  # too close to call
    ],
)
def test_cluster_attachment_needs_a_clear_winner(options: dict[str, float], chosen) -> None:
    assert choose_attachment(options, margin=0.1) == chosen
