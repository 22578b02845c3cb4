"""Blocking keys: reports that could be one incident share a key; the rest are never compared."""

from __future__ import annotations

import itertools

import pytest

from sitrep.incidents import BlockIndex, block_keys
from sitrep.incidents.blocking import probe_keys

from .reports import report


def meet(a, b) -> bool:
    return bool(set(probe_keys(a)) & set(block_keys(b)))


@pytest.mark.parametrize(
    ("precision", "day", "end", "days"),
    [
        ("day", "2024-08-25", None, 1),
        ("week", "2024-08-22", "2024-08-28", 7),
        ("month", "2024-08-01", "2024-08-31", 31),
        ("year", "2024-01-01", "2024-12-31", 0),
    ],
)
def test_blocking_files_a_report_under_each_day_it_may_be(precision, day, end, days) -> None:
    keys = block_keys(report(precision=precision, day=day, end=end))
    assert len({k.split("@")[1] for k in keys}) == days


def test_blocking_spellings_and_nearby_coordinates_meet() -> None:
    assert meet(report(place="Tinzaouaten"), report(place="Tin Zaouatene"))
    a = report(place="Tinzaouaten", coordinates=(19.95, 2.96))
    b = report(place="In Khalil", coordinates=(20.3, 2.5))  # another cell, within reach
    assert meet(a, b) and meet(b, a)


def test_blocking_other_days_and_far_places_do_not_meet() -> None:
    assert not meet(report(day="2024-08-25"), report(day="2024-08-10"))
    a = report(place="Tinzaouaten", coordinates=(19.95, 2.96))
    b = report(place="Gao", coordinates=(16.27, -0.04))
    assert not meet(a, b)


def test_blocking_reports_without_place_get_no_key() -> None:
    assert block_keys(report(place=None)) == []


def test_blocking_probe_relation_is_symmetric() -> None:
    reports = [
        report(place=p, coordinates=c)
        for p, c in [
            ("Tinzaouaten", (19.95, 2.96)),
            ("Abeibara", (19.1, 1.8)),
            ("Kidal", (18.44, 1.41)),
            ("Tessalit", (20.2, 1.01)),
            ("Anefis", (17.95, 0.58)),
        ]
    ]
    for a, b in itertools.permutations(reports, 2):
        assert meet(a, b) == meet(b, a)


def test_blocking_index_finds_and_forgets() -> None:
    index = BlockIndex()
    a, b = report(place="Tinzaouaten"), report(place="Tinzaouatene")
    index.add(a.event_id, block_keys(a))
    index.add(b.event_id, block_keys(b))
    assert index.candidates(probe_keys(a)) == {a.event_id, b.event_id}
    index.remove(b.event_id)
    assert index.candidates(probe_keys(a)) == {a.event_id}
    assert len(index) == 1
