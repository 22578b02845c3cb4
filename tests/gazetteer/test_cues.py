"""Country cues: missions known by the country they work in, and user cue files."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import ReferenceDataError
from sitrep.gazetteer.cues import load_country_cues
from sitrep.gazetteer.words import load_place_words


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("The OSCE SMM recorded 12 explosions near Zolote-4.", "UA"),
        ("A MINUSMA convoy struck a mine on the road north of the town.", "ML"),
        ("AMISOM troops repelled the attack.", "SO"),
    ],
)
def test_cues_shipped_missions_point_to_their_country(text: str, country: str) -> None:
    assert [c for c, _, _ in load_country_cues().find(text)] == [country]


def test_cues_whole_words_only() -> None:
    assert load_country_cues().find("The KFORCE company and the UNAMIDX project.") == []


def test_cues_user_file_adds_cues(tmp_path: Path) -> None:
    path = tmp_path / "cues.tsv"
    path.write_text(
        "phrase\tcountry\twhat\nJoint Task Force Kidal\tml\ta test force\n", encoding="utf-8"
    )
    (found,) = load_country_cues(path).find("The Joint Task Force Kidal moved north.")
    assert found[0] == "ML"


def test_cues_bad_line_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cues.tsv"
    path.write_text("Some Mission\tMali\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="Some Mission"):
        load_country_cues(path)


def test_words_shipped_lists_and_user_words(tmp_path: Path) -> None:
    shipped = load_place_words()
    assert {"congress", "airport"} <= shipped.not_places and "monday" in shipped.function_words
    path = tmp_path / "words.json"
    path.write_text('{"function_words": [], "not_places": ["Secretariat"]}', encoding="utf-8")
    assert "secretariat" in load_place_words(path).not_places


def test_words_bad_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "words.json"
    path.write_text('{"not_places": "Congress"}', encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="not_places"):
        load_place_words(path)
