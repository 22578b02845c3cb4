"""Place, actor and outlet names as the linker compares them."""

from __future__ import annotations

import pytest

from sitrep.incidents.names import actor_key, loose_key, name_key, name_similarity, outlet_key


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Tinzaouaten", "Tin Zaouatene"),
        ("Tinzaouaten", "Tin-Zaouâtene"),
        ("Tinzaouaten", "Tinzawaten"),
        ("Ménaka", "Menaka town"),
        ("Al Hudaydah", "Hudaydah"),
        ("Djibo", "Jibo"),
        ("Kharkiv", "Kharkiv city"),
    ],
)
def test_names_spelling_variants_share_a_loose_key(first: str, second: str) -> None:
    assert loose_key(first) == loose_key(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [("Ogossagou", "Boni"), ("Kidal", "Gao"), ("Qarainah", "Qabbour"), ("Mopti", "Sévaré")],
)
def test_names_different_places_keep_different_keys(first: str, second: str) -> None:
    assert loose_key(first) != loose_key(second)
    assert name_similarity(first, second) < 88


def test_names_name_key_folds_case_diacritics_and_separators() -> None:
    assert name_key("Tin-Zaouâtene") == name_key("tin zaouatene") == "tinzaouatene"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Military Forces of Mali (2021-)", "military forces of mali"),
        ("Military Forces of Mali (2012-2020)", "military forces of mali"),
        (
            "JNIM: Group for Support of Islam and Muslims",
            "jnim: group for support of islam and muslims",
        ),
    ],
)
def test_names_actor_key_drops_regime_years(name: str, key: str) -> None:
    assert actor_key(name) == key


@pytest.mark.parametrize(
    ("source", "url", "expected"),
    [
        ("Sahel Wire", None, "sahel wire"),
        (None, "https://www.example.org/news/1", "example.org"),
        ("  ", "http://radio.example.net:8080/x", "radio.example.net"),
        (None, None, "article:abc"),
    ],
)
def test_names_outlet_key_from_source_or_site(source, url, expected: str) -> None:
    assert outlet_key(source, url, "abc") == expected
