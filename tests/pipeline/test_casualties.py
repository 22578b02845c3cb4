from __future__ import annotations

import pytest

from sitrep.pipeline.casualties import find_counts_in_sentence
from sitrep.pipeline.document import Sentence


def _counts(text: str):
    return find_counts_in_sentence(
        Sentence(index=0, start=0, end=len(text), text=text, paragraph=0)
    )


def _summary(text: str) -> list[tuple[str, int, str, bool]]:
    return [
        (c.outcome, c.best, c.group, c.part_of is not None) for c in _counts(text) if not c.negated
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "At least 21 people, including 11 children, were killed by drone strikes on Sunday.",
            [("killed", 21, "people", False), ("killed", 11, "children", True)],
        ),
        (
            "The strikes caused a provisional death toll of 21 civilians, including 11 children and the manager.",
            [("killed", 21, "civilians", False), ("killed", 11, "children", True)],
        ),
        ("Dozens more were injured.", [("injured", 12, "people", False)]),
        (
            "Rebels said they killed at least 84 Wagner mercenaries and 47 Malian soldiers.",
            [("killed", 84, "soldiers", False), ("killed", 47, "soldiers", False)],
        ),
        (
            "The attack left 12 dead and 30 wounded.",
            [("killed", 12, "people", False), ("injured", 30, "people", False)],
        ),
        # the speaker after a clause is no victim ("before leaving, a resident said")
        ("The raiders burned the granary before leaving, a farmer said on the phone.", []),
        ("The gunmen left the market, one witness told reporters.", []),
        ("The ambush left two guards wounded.", [("injured", 2, "soldiers", False)]),
        ("Three civilians were wounded.", [("injured", 3, "civilians", False)]),
        ("The death toll rose to 45, officials said.", [("killed", 45, "people", False)]),
        ("Some 200 people were displaced, and five were killed.", [("killed", 5, "people", False)]),
        ("Police said 3 people were arrested and 2 injured.", [("injured", 2, "people", False)]),
        (
            "Clashes resulted in 1 tribesman killed and 2 injured.",
            [("killed", 1, "people", False), ("injured", 2, "people", False)],
        ),
        ("The militants burned 20 huts and killed 15 livestock.", []),
        ("Around 30 workers protested to demand aid.", []),
        (
            "A man was shot to death by two armed men on a motorcycle.",
            [("killed", 1, "people", False)],
        ),
        ("twenty-one people died in the blast", [("killed", 21, "people", False)]),
    ],
)
def test_casualties_counts_table(text, expected):
    assert _summary(text) == expected


def test_casualties_ranges_and_qualifiers():
    (count,) = _counts("Fighting killed between 10 and 15 fighters.")
    assert (count.low, count.best, count.high, count.qualifier) == (10, 10, 15, "range")
    (count,) = _counts("More than 20 soldiers were killed.")
    assert count.qualifier == "more than" and count.best == 20


def test_casualties_provisional_toll_is_flagged():
    counts = _counts("The provisional death toll stands at 21 civilians.")
    assert counts and all(c.provisional for c in counts)


def test_casualties_negation_gives_zero():
    counts = _counts("No fatalities nor injuries were reported.")
    assert {(c.outcome, c.best, c.negated) for c in counts} == {
        ("killed", 0, True),
        ("injured", 0, True),
    }


def test_casualties_analyst_coding_is_read():
    counts = _counts("Unknown reported fatalities coded as 10.")
    assert [(c.best, c.coded) for c in counts] == [(10, True)]


def test_casualties_spans_point_into_sentence():
    text = "Officials said 7 civilians were killed."
    (count,) = _counts(text)
    assert text[count.span.start : count.span.end] == count.span.text
    assert count.span.text.startswith("7 civilians")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a revised toll told far from its number
        (
            "The death toll from Friday's bombing of the bus station in the north has risen "
            "to 23, a hospital director said.",
            [("killed", 23, "people", False)],
        ),
        ("By Monday evening the toll from the raid stood at 9.", [("killed", 9, "people", False)]),
        # quotation marks around the victims ('killed 30 "bandits"')
        (
            'The army said it killed 30 "bandits" in the forest.',
            [("killed", 30, "militants", False)],
        ),
        # a rise that is no toll
        ("Bread prices have risen to 14 dinars.", []),
    ],
)
def test_casualties_revised_tolls_and_quoted_victims(text, expected):
    assert _summary(text) == expected
