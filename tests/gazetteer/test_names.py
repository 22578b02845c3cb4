"""Name keys: spellings of one place meet, different places do not."""

from __future__ import annotations

import pytest

from sitrep.gazetteer.names import article_fits, fold, loose_key, name_key, near_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ti-n-Zaouâtene", "Tinzaouatene"),
        ("Tin Zaouatene", "Tinzaouatene"),
        ("Tin-Akoff", "Tin Akoff"),
        ("Ségou", "SEGOU"),
        ("Ma'arrat An Nu'man", "Maarrat an Numan"),
    ],
)
def test_names_name_key_merges_written_forms(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Tinzaouaten", "Tinzaouatine"),
        ("Tinzaouaten", "Tinzaouatene"),
        ("Djibo", "Jibo"),
        ("Tombouctou", "Tombuctu"),
    ],
)
def test_names_loose_key_merges_transliterations(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)
    assert loose_key(a) == loose_key(b)


@pytest.mark.parametrize(("a", "b"), [("Gao", "Goa"), ("Kidal", "Kida"), ("Mopti", "Mopte")])
def test_names_loose_key_keeps_different_places_apart(a: str, b: str) -> None:
    assert loose_key(a) != loose_key(b)


def test_names_fold_removes_diacritics_only() -> None:
    assert fold("Ménaka-Ségou") == "menaka-segou"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ar-Raqqa", "Ar Raqqah"),
        ("Baramulla", "Bāramūla"),
        ("Mossul", "Mosul"),
        ("Tillabery", "Tillabéri"),
    ],
)
def test_names_near_key_merges_spellings_of_one_name(a: str, b: str) -> None:
    assert near_key(a) == near_key(b)


@pytest.mark.parametrize(("a", "b"), [("Idleb", "Idlib"), ("Gao", "Goa"), ("Kandi", "Kandy")])
def test_names_near_key_keeps_other_names_apart(a: str, b: str) -> None:
    assert near_key(a) != near_key(b)


@pytest.mark.parametrize(
    ("article", "name", "fits"),
    [
        ("al", "Qaim", True),
        ("el", "Hermel", True),
        ("ech", "Choueifat", True),
        ("as", "Salihiyah", True),
        ("an", "Nabatieh", True),
        ("at", "Kopay", False),
        ("en", "Bamako", False),
        ("as", "Raqqa", False),
    ],
)
def test_names_an_assimilated_article_fits_only_its_own_sound(
    article: str, name: str, fits: bool
) -> None:
    """'ech Choueifat' is the article; 'at Kopay' is the English preposition."""
    assert article_fits(article, name) is fits
