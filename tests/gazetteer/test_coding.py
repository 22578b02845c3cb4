"""Location coding: the point and ACLED's geo_precision for what the words say."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.gazetteer import open_gazetteer
from sitrep.gazetteer.coding import LocationCoder
from sitrep.gazetteer.countries import CountryNames
from sitrep.gazetteer.place import Place
from sitrep.gazetteer.recognise import PlaceMention
from sitrep.model import Location

TOWN = Place(2461003, "Ansongo", 15.6597, 0.5022, "ML", "P", "PPL", "09")
REGION = Place(2457161, "Gao", 16.5, 0.5, "ML", "A", "ADM1", "09", admin1_name="Gao")
DISTRICT = Place(2461500, "Abeibara", 19.1, 1.8, "ML", "A", "ADM2", "10", admin2_code="4")


@pytest.fixture
def coder(small_gazetteer: Path) -> LocationCoder:
    gazetteer = open_gazetteer(small_gazetteer)
    return LocationCoder(gazetteer, CountryNames.build(gazetteer.countries(), {}))


def _mention(relation: str = "in", unit_level: int | None = None) -> PlaceMention:
    return PlaceMention(
        0, 7, "Ansongo", "Ansongo", 0, "ner", relation=relation, unit_level=unit_level
    )


@pytest.mark.parametrize(
    ("place", "relation", "unit_level", "precision"),
    [
        (TOWN, "in", None, 1),
        (TOWN, "near", None, 2),
        (TOWN, "offset", None, 2),
        (TOWN, "in", 2, 2),  # "X district" known only by its town
        (DISTRICT, "in", 2, 2),  # "Abeibara district"
        (DISTRICT, "in", None, 1),  # "in Abeibara": the town the district is named for
        (REGION, "in", None, 3),
    ],
)
def test_coding_precision_follows_the_words(
    coder: LocationCoder, place: Place, relation: str, unit_level: int | None, precision: int
) -> None:
    location = coder.place(_mention(relation, unit_level), place, [])
    assert location.geo_precision == precision and location.resolved


def test_coding_unknown_village_falls_back_to_its_units(coder: LocationCoder) -> None:
    unknown = Location(name="Dounzou", resolved=False)
    village = PlaceMention(0, 7, "Dounzou", "Dounzou", 0, "gazetteer", place_word="village")
    in_town = coder.fallback(unknown, village, TOWN, "brackets")
    assert (in_town.place_name, in_town.geo_precision, in_town.resolved) == ("Ansongo", 2, False)
    quarter = PlaceMention(0, 7, "Dounzou", "Dounzou", 0, "gazetteer")
    assert coder.fallback(unknown, quarter, TOWN, "in").geo_precision == 1  # a part of the town
    region = coder.fallback(unknown, village, REGION, "brackets")
    assert (region.geo_precision, region.admin1) == (3, "Gao")
    assert region.place_name == "Gao" and region.country_iso3 == "MLI"


CITY = Place(2460596, "Bamako", 12.60915, -7.97522, "ML", "P", "PPLC", "01", population=2_000_000)


def test_coding_unknown_quarter_in_a_city_brackets_is_the_city(coder: LocationCoder) -> None:
    """'Shells fell in Hamdallaye (Bamako)': a quarter of the city, coded to the city itself."""
    unknown = Location(name="Hamdallaye", resolved=False)
    quarter = PlaceMention(0, 10, "Hamdallaye", "Hamdallaye", 0, "ner")
    in_city = coder.fallback(unknown, quarter, CITY, "brackets")
    assert (in_city.place_name, in_city.geo_precision, in_city.resolved) == ("Bamako", 1, False)
    village = PlaceMention(0, 10, "Hamdallaye", "Hamdallaye", 0, "ner", place_word="village")
    assert coder.fallback(unknown, village, CITY, "brackets").geo_precision == 2


def test_coding_district_named_as_a_city_is_the_town(coder: LocationCoder) -> None:
    """'Teachers marched in Abeibara city': a unit known only as a district, read as its town;
    in the brackets that qualify another place, or called an area, it stays the district."""
    city = PlaceMention(0, 8, "Abeibara", "Abeibara", 0, "ner", place_word="city")
    assert coder.place(city, DISTRICT, []).geo_precision == 1
    near = PlaceMention(0, 8, "Abeibara", "Abeibara", 0, "ner", place_word="town", relation="near")
    assert coder.place(near, DISTRICT, []).geo_precision == 2
    unit = PlaceMention(9, 17, "Abeibara", "Abeibara", 0, "ner", in_parentheses_of=0)
    assert coder.place(unit, DISTRICT, []).geo_precision == 2
    area = PlaceMention(0, 8, "Abeibara", "Abeibara", 0, "ner", place_word="area")
    assert coder.place(area, DISTRICT, []).geo_precision == 2


def test_coding_site_or_named_part_of_a_town_is_in_the_town(coder: LocationCoder) -> None:
    """'outside the Seray in Ansongo', 'the Kalaban area of Ansongo': in the town itself; a
    village in the countryside of the town, or one near it, stays precision 2."""
    unknown = Location(name="Kalaban", relation="near", resolved=False)
    area = PlaceMention(0, 7, "Kalaban", "Kalaban", 0, "ner", place_word="area", relation="near")
    town = PlaceMention(20, 27, "Ansongo", "Ansongo", 0, "ner", in_parentheses_of=0,
                        qualifier_kind="in")  # fmt: skip
    inside = coder.fallback(unknown, area, TOWN, "in", town)
    assert (inside.place_name, inside.geo_precision, inside.relation) == ("Ansongo", 1, "in")
    countryside = PlaceMention(20, 27, "Ansongo", "Ansongo", 0, "ner", relation="near",
                               in_parentheses_of=0, qualifier_kind="in")  # fmt: skip
    assert coder.fallback(unknown, area, TOWN, "in", countryside).geo_precision == 2
    village = PlaceMention(0, 7, "Kalaban", "Kalaban", 0, "ner", place_word="village")
    assert (
        coder.fallback(
            Location(name="Kalaban", resolved=False), village, TOWN, "in", town
        ).geo_precision
        == 2
    )
