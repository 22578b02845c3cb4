from __future__ import annotations

import pytest

from sitrep.model import DatePrecision, PartialDate
from sitrep.pipeline.dates import resolve_in_text

MONDAY = PartialDate.parse("2024-08-26")
AUGUST = PartialDate.parse("2024-08")


def _first(text: str, published: PartialDate | None):
    found = [t for t in resolve_in_text(text, published) if not t.duration]
    assert found, f"no time expression in {text!r}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "published", "value", "precision", "past"),
    [
        ("were killed by drone strikes on Sunday on the town", MONDAY, "2024-08-25", "day", False),
        ("were killed by drone strikes on Sunday on the town", AUGUST, "2024-08", "month", False),
        ("the attack on Monday", MONDAY, "2024-08-26", "day", False),
        ("the attack last Monday", MONDAY, "2024-08-19", "day", False),
        ("gunmen attacked the village yesterday", MONDAY, "2024-08-25", "day", False),
        ("near where the army suffered a heavy blow last month", MONDAY, "2024-07", "month", True),
        ("the fighting near the town in late July", MONDAY, "2024-07", "month", True),
        ("clashes on 25 August", MONDAY, "2024-08-25", "day", False),
        ("Last November, fighters attacked the base", MONDAY, "2023-11", "month", True),
        ("fighters attacked the base last August", MONDAY, "2023-08", "month", True),
        ("the base was attacked in November last year", MONDAY, "2023-11", "month", True),
        ("this past June, the group seized the town", MONDAY, "2024-06", "month", True),
        ("clashes on August 25", MONDAY, "2024-08-25", "day", False),
        ("protests on 30 December", PartialDate.parse("2025-01-02"), "2024-12-30", "day", False),
        ("On 9 May 2020, clashes erupted", None, "2020-05-09", "day", False),
        ("the March 3, 2023 attack", None, "2023-03-03", "day", False),
        ("signed a peace agreement in 2015", MONDAY, "2015", "year", True),
        ("two years ago", MONDAY, "2022", "year", True),
        ("earlier this month", MONDAY, "2024-08", "month", False),
        ("raids last week", MONDAY, "2024-08-19/2024-08-25", "week", False),
    ],
)
def test_dates_resolve_against_publication(text, published, value, precision, past):
    found = _first(text, published)
    assert found.date is not None
    assert found.date.value == value
    assert found.date.precision is DatePrecision(precision)
    assert found.past_reference is past


def test_dates_month_only_publication_never_guesses_the_day():
    for text in ("on Sunday", "yesterday", "last week"):
        found = _first(text, AUGUST)
        assert found.date is not None and found.date.precision is DatePrecision.month, text


def test_dates_relative_without_publication_stay_unresolved():
    found = _first("the strike on Sunday", None)
    assert found.date is None and found.relative


@pytest.mark.parametrize("text", ["since 2012", "for two years", "over the past week"])
def test_dates_durations_are_marked(text):
    found = resolve_in_text(text, MONDAY)
    assert found and all(t.duration for t in found)


def test_dates_spans_point_into_text():
    text = "Troops clashed with rebels on Sunday near the town."
    found = resolve_in_text(text, MONDAY, offset=100)
    assert [text[t.span.start - 100 : t.span.end - 100] for t in found] == ["on Sunday"]


@pytest.mark.parametrize("text", ["at least 2020 people", "at 2100 hours", "may 5 people"])
def test_dates_numbers_that_are_not_dates(text):
    assert [t.span.text for t in resolve_in_text(text, MONDAY)] == []


def test_dates_qualified_durations_are_durations():
    found = resolve_in_text("under a blockade for more than two years", MONDAY)
    assert [t.duration for t in found] == [True]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Militants ambushed a convoy, military sources said on Sunday.", ["on Sunday"]),
        ("A spokesman told Reuters late on Sunday that the post was overrun.", ["late on Sunday"]),
        (
            "The ministry said in a statement on Sunday that rebels attacked on Saturday.",
            ["on Sunday"],
        ),
        ("NIAMEY, Aug 25 (Reuters) - Gunmen attacked a market on Saturday.", ["Aug 25"]),
        ("A witness said the attack began on Sunday.", []),
        ("Gunmen attacked the village on Sunday, officials said.", []),
    ],
)
def test_dates_the_date_of_saying_is_marked(text: str, said: list[str]) -> None:
    found = resolve_in_text(text, MONDAY)
    assert [t.span.text for t in found if t.speech] == said


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("the raid on 24/08/2024", "2024-08-24", "day"),
        ("the raid on 08/24/2024", "2024-08-24", "day"),  # month first only when it must be
        ("the raid on 05.08.2024", "2024-08-05", "day"),
        ("gunmen raided the village at the weekend", "2024-08-24/2024-08-25", "week"),
    ],
)
def test_dates_numeric_dates_and_the_weekend(text: str, value: str, precision: str) -> None:
    found = _first(text, MONDAY)
    assert found.date is not None
    assert (found.date.value, found.date.precision.value) == (value, precision)
