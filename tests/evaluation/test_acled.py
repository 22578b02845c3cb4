"""The ACLED suite's scoring helpers."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.evaluation.acled import _iso3
from sitrep.evaluation.datasets import AcledRow


def _row(country: str, iso3: str | None) -> AcledRow:
    return AcledRow("X1", dt.date(2024, 5, 1), 1, "Protests", "Peaceful protest", "Protesters", "",
                    6, "", "", 0, country, iso3, "", "", "", None, None, 1, "", 0, "t.csv")  # fmt: skip


@pytest.mark.parametrize(
    ("country", "iso3", "expected"),
    [
        ("Romania", "ROM", "ROU"),  # an old code, not ISO 3166: the country's name decides
        ("Turkey", "TUR", "TUR"),
        ("Kosovo", "XKX", "XKX"),  # no ISO code at all: kept as written
        ("Mali", None, "MLI"),
    ],
)
def test_acled_country_code_is_iso(country: str, iso3: str | None, expected: str) -> None:
    assert _iso3(_row(country, iso3)) == expected
