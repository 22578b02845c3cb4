"""Qualified toponyms: a place and the units written after it are read together."""

from __future__ import annotations

import pytest

from sitrep.gazetteer.groups import Groups, compatibility
from sitrep.gazetteer.place import Place
from sitrep.gazetteer.recognise import PlaceMention

TOWN = Place(1, "Sinende", 10.35, 2.38, "BJ", "P", "PPL", "10", admin2_code="77")
DISTRICT = Place(2, "Sinende", 10.3, 2.4, "BJ", "A", "ADM2", "10", admin2_code="77")
REGION = Place(3, "Borgou", 9.5, 2.8, "BJ", "A", "ADM1", "10")
OTHER_REGION = Place(4, "Alibori", 11.5, 2.8, "BJ", "A", "ADM1", "07")
NAMESAKE = Place(5, "Soka", 35.8, 139.8, "JP", "P", "PPL", "34")
BENIN = Place(6, "Benin", 9.5, 2.25, "BJ", "A", "PCLI")


@pytest.mark.parametrize(
    ("place", "unit", "level"),
    [
        (TOWN, DISTRICT, 2.5),  # the town lies in its district
        (TOWN, REGION, 2.0),
        (TOWN, BENIN, 1.0),
        (TOWN, OTHER_REGION, 0.3),  # same country, another region
        (NAMESAKE, REGION, 0.0),  # another country
        (TOWN, TOWN, 0.0),  # a place does not locate itself
    ],
)
def test_groups_compatibility_levels(place: Place, unit: Place, level: float) -> None:
    assert compatibility(place, unit) == level


def _mention(
    name: str, start: int, parent: int | None = None, kind: str | None = None
) -> PlaceMention:
    return PlaceMention(start, start + len(name), name, name, 0, "ner", cue=True,
                        in_parentheses_of=parent, qualifier_kind=kind)  # fmt: skip


def test_groups_brackets_locate_a_place_and_refuse_its_namesake() -> None:
    mentions = [
        _mention("Soka", 0),
        _mention("Sinende", 6, 0, "brackets"),
        _mention("Borgou", 15, 0, "brackets"),
    ]
    options = [[(NAMESAKE, True)], [(TOWN, True), (DISTRICT, True)], [(REGION, True)]]
    groups = Groups.of(mentions, options)
    assert groups.is_qualifier(1) and groups.is_qualifier(2) and not groups.is_qualifier(0)
    chosen = [NAMESAKE, DISTRICT, REGION]
    assert groups.conflicts(0, NAMESAKE, chosen)
    assert groups.support(1, DISTRICT, None) > groups.support(0, NAMESAKE, None)


def test_groups_a_list_after_a_comma_is_no_qualification() -> None:
    """``Soka, Kandi and Parakou``: towns in a list do not locate each other."""
    mentions = [_mention("Soka", 0), _mention("Kandi", 6, 0, "comma")]
    kandi = Place(7, "Kandi", 11.13, 2.94, "BJ", "P", "PPL", "07")
    groups = Groups.of(mentions, [[(NAMESAKE, True)], [(kandi, True)]])
    assert not groups.is_qualifier(1)
    assert mentions[1].in_parentheses_of is None


def test_groups_attribute_after_a_comma_is_no_unit() -> None:
    """``near Tulcan, Carchi, Venezuelan refugees ...``: a demonym qualifies no place."""
    venezuelan = _mention("Venezuelan", 20, 1, "comma")
    venezuelan.modifier = True
    mentions = [_mention("Tulcan", 0), _mention("Carchi", 8, 0, "comma"), venezuelan]
    tulcan = Place(8, "Tulcan", 0.81, -77.7, "EC", "P", "PPL", "05")
    carchi = Place(9, "Carchi", 0.75, -78.0, "EC", "A", "ADM1", "05")
    venezuela = Place(10, "Venezuela", 8.0, -66.0, "VE", "A", "PCLI")
    groups = Groups.of(mentions, [[(tulcan, True)], [(carchi, True)], [(venezuela, True)]])
    assert groups.is_qualifier(1) and not groups.is_qualifier(2)
    assert not groups.conflicts(0, tulcan, [tulcan, carchi, venezuela])
