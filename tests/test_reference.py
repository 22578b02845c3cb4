"""Countries and the actor dictionary: lookups, regime periods, user additions, bad files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from sitrep.errors import ConfigError, ReferenceDataError
from sitrep.reference import (
    load_actor_dictionary,
    load_countries,
    normalise_key,
    place_countries,
)


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Mali", "MLI"),
        ("Burkina Faso", "BFA"),
        ("DRC", "COD"),
        ("Democratic Republic of Congo", "COD"),
        ("Cote d'Ivoire", "CIV"),
        ("Ivory Coast", "CIV"),
        ("the United States", "USA"),
        ("Türkiye", "TUR"),
        ("Burma", "MMR"),
    ],
)
def test_reference_country_by_name(name: str, iso3: str) -> None:
    country = load_countries().by_name(name)
    assert country is not None and country.iso3 == iso3


@pytest.mark.parametrize(
    ("demonym", "iso3s"),
    [
        ("Malian", {"MLI"}),
        ("Burkinabe", {"BFA"}),
        ("Nigerien", {"NER"}),
        ("Congolese", {"COD", "COG"}),
    ],
)
def test_reference_country_by_demonym(demonym: str, iso3s: set[str]) -> None:
    assert {c.iso3 for c in load_countries().by_demonym(demonym)} == iso3s


def test_reference_unknown_country_is_none() -> None:
    assert load_countries().by_name("Atlantis") is None
    assert load_countries().get(None) is None


@pytest.mark.parametrize(
    ("iso3", "day", "as_of", "period"),
    [
        ("MLI", dt.date(2024, 8, 25), None, "2021-"),
        ("MLI", dt.date(2020, 5, 1), None, "2013-2020"),
        (
            "MLI",
            dt.date(2020, 5, 1),
            dt.date(2020, 5, 15),
            "2013-",
        ),  # as ACLED's data of that day show it
        ("MLI", dt.date(2021, 1, 10), None, "2020-2021"),
        ("UKR", dt.date(2022, 3, 1), None, "2019-"),
        ("GHA", dt.date(2020, 6, 1), None, "2017-2025"),
        ("BEN", dt.date(2012, 1, 1), None, "2006-2016"),
    ],
)
def test_reference_regime_period(
    iso3: str, day: dt.date, as_of: dt.date | None, period: str
) -> None:
    country = load_countries().get(iso3)
    assert country is not None
    assert country.regime_period(day, as_of=as_of) == period


def test_reference_country_name_in_phrase_takes_the_article() -> None:
    countries = load_countries()
    assert countries.get("COD").name_in_phrase == "the Democratic Republic of Congo"  # type: ignore[union-attr]
    assert countries.get("MLI").name_in_phrase == "Mali"  # type: ignore[union-attr]


def test_reference_shipped_dictionary_has_the_sahel_actors() -> None:
    dictionary = load_actor_dictionary()
    names = {entry.id: entry.name for entry in dictionary.actors}
    assert names["jnim"] == "JNIM: Group for Support of Islam and Muslims"
    assert names["wagner"] == "Wagner Group"
    assert names["is-sahel"] == "Islamic State (Sahel Province)"
    assert {
        "military",
        "police",
        "civilians",
        "protesters",
        "rioters",
        "unidentified-armed-group",
    } <= set(dictionary.templates)
    assert all(0 <= entry.inter <= 8 for entry in dictionary.actors)


def test_reference_former_names_follow_the_date() -> None:
    entry = load_actor_dictionary().actor("is-sahel")
    assert entry is not None
    assert entry.name_on(dt.date(2020, 5, 1))[0] == "Islamic State (Greater Sahara)"
    assert entry.name_on(dt.date(2024, 5, 1))[0] == "Islamic State (Sahel Province)"
    assert entry.name_on(None)[0] == "Islamic State (Sahel Province)"


def _write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_reference_user_file_adds_and_replaces_entries(tmp_path: Path) -> None:
    shipped = load_actor_dictionary()
    _write(
        tmp_path / "mine.json",
        {
            "actors": [
                {
                    "id": "kata-militia",
                    "name": "Kata Communal Militia (Mali)",
                    "inter": 4,
                    "aliases": ["Kata hunters"],
                    "countries": ["MLI"],
                },
                {"id": "wagner", "name": "Wagner Group", "inter": 8, "aliases": ["the musicians"]},
            ]
        },
    )
    extended = load_actor_dictionary([tmp_path])
    assert extended.actor("kata-militia") is not None
    assert extended.actor("wagner").aliases == ("the musicians",)  # type: ignore[union-attr]
    assert extended.fingerprint != shipped.fingerprint
    assert len(extended.sources) == 2


@pytest.mark.parametrize(
    ("content", "code"),
    [
        ("{not json", "E090"),
        ("[]", "E090"),
        (json.dumps({"actors": [{"id": "x", "name": "X"}]}), "E091"),  # no inter code
        (json.dumps({"actors": [{"id": "x", "name": "X", "inter": 12}]}), "E091"),
        (json.dumps({"generic": [{"template": "nowhere", "words": "gunmen"}]}), "E091"),
        (  # a front needs two sides
            json.dumps(
                {"fronts": [{"id": "f", "country": "UKR", "from": "2014-04-06", "sides": []}]}
            ),
            "E091",
        ),
        (  # a side needs an actor, or a template and a country
            json.dumps(
                {
                    "fronts": [
                        {
                            "id": "f",
                            "country": "UKR",
                            "from": "2014-04-06",
                            "sides": [{"template": "military"}, {"actor": "naf"}],
                        }
                    ]
                }
            ),
            "E091",
        ),
        (  # a hallmark without words
            json.dumps(
                {
                    "hallmarks": [
                        {"id": "h", "countries": ["MEX"], "words": [], "actor": {"actor": "x"}}
                    ]
                }
            ),
            "E091",
        ),
        (json.dumps({"operations": [{"id": "o", "countries": ["YEM"]}]}), "E091"),
    ],
)
def test_reference_bad_user_file_raises_catalogue_error(
    tmp_path: Path, content: str, code: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ReferenceDataError) as caught:
        load_actor_dictionary([path])
    assert caught.value.code == code
    assert isinstance(caught.value, ConfigError)
    assert str(path) in str(caught.value) or code == "E091"


def test_reference_fronts_hallmarks_and_operations_are_data(tmp_path: Path) -> None:
    shipped = load_actor_dictionary()
    assert shipped.front("UKR", dt.date(2020, 5, 1)) is not None
    assert shipped.front("UKR", dt.date(2013, 5, 1)) is None
    assert shipped.front("MLI", dt.date(2020, 5, 1)) is None
    assert {"MEX", "BRA"} <= {c for h in shipped.hallmarks for c in h.countries}
    operation = shipped.operation("military", "SAU", "YEM", dt.date(2020, 5, 1))
    assert operation is not None and operation.name == "Operation Restoring Hope"
    assert shipped.operation("military", "SAU", "SAU", dt.date(2020, 5, 1)) is None
    (tmp_path / "local.json").write_text(
        json.dumps(
            {
                "fronts": [
                    {
                        "id": "karabakh",
                        "country": "AZE",
                        "from": "1994-05-12",
                        "until": "2023-09-20",
                        "sides": [
                            {"template": "military", "country": "AZE"},
                            {"template": "military", "country": "ARM"},
                        ],
                    }
                ],
                "hallmarks": [
                    {
                        "id": "organised-crime-mex",
                        "countries": ["MEX", "GTM"],
                        "words": ["narcomanta"],
                        "actor": {"template": "unidentified-gang"},
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    extended = load_actor_dictionary([tmp_path])
    front = extended.front("AZE", dt.date(2020, 9, 27))
    assert front is not None and front.sides[1].country == "ARM"
    replaced = [h for h in extended.hallmarks if h.id == "organised-crime-mex"]
    assert len(replaced) == 1 and replaced[0].countries == ("MEX", "GTM")


def test_reference_country_context_words() -> None:
    countries = load_countries()
    found = countries.by_context("OSCE SMM")
    assert found is not None and found.iso3 == "UKR"
    assert countries.by_name("OSCE SMM") is None  # a context word is not a name of the country


def test_reference_missing_user_path_raises(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError):
        load_actor_dictionary([tmp_path / "absent.json"])


def test_reference_normalise_key_folds_quotes_and_case() -> None:
    assert normalise_key("Jama’at  Nusrat") == "jama'at nusrat"


@pytest.mark.parametrize(
    ("names", "first"),
    [
        (["Tijuana", "Baja California"], "MEX"),
        (["Maiduguri", "Borno"], "NGA"),
        (["Gao", "Timbuktu"], "MLI"),
        (["Nowhere-on-Sea"], None),
    ],
)
def test_reference_place_countries_from_towns_and_provinces(
    names: list[str], first: str | None
) -> None:
    found = place_countries(names)
    assert (found[0] if found else None) == first
