"""Importing GeoNames files: streamed, atomic, names folded, admin names joined."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from sitrep.errors import GazetteerError
from sitrep.gazetteer import gazetteer_status, open_gazetteer
from sitrep.gazetteer.geonames import import_geonames


def test_geonames_import_loads_places_with_admin_names(small_gazetteer: Path) -> None:
    gazetteer = open_gazetteer(small_gazetteer)
    (place,) = [p for p in gazetteer.candidates("Tinzaouaten") if p.geonameid == 2476086]
    assert (place.country_code, place.admin1_name, place.feature_code) == ("ML", "Kidal", "PPL")
    assert gazetteer.countries()["ML"].iso3 == "MLI"


@pytest.mark.parametrize(
    "written", ["Tinzaouaten", "Tin Zaouaten", "Ti-n-Zaouâtene", "TIN-ZAOUATENE", "Tinzaouatène"]
)
def test_geonames_import_finds_every_spelling(small_gazetteer: Path, written: str) -> None:
    ids = [p.geonameid for p in open_gazetteer(small_gazetteer).candidates(written)]
    assert 2476086 in ids


def test_geonames_lookup_reads_an_arabic_name_with_or_without_its_article(
    tmp_path: Path, dump_text: Any
) -> None:
    rows = [
        (8001, "Ash Shaddādah", "Ash Shaddadah", "", 36.05, 40.73, "P", "PPL", "SY", "01", "", 15000),
        (8002, "Choueifat", "Choueifat", "", 33.80, 35.51, "P", "PPL", "LB", "03", "", 70000),
        (8003, "Al Bāb", "Al Bab", "", 36.37, 37.52, "P", "PPL", "SY", "09", "", 60000),
        (8004, "Salvador", "Salvador", "", -12.97, -38.50, "P", "PPLA", "BR", "05", "", 2711840),
    ]  # fmt: skip
    dump = tmp_path / "XX.txt"
    dump.write_text(dump_text(rows), encoding="utf-8")
    path = tmp_path / "arabic.db"
    import_geonames([dump], path)
    gazetteer = open_gazetteer(path)
    found = gazetteer.lookup(["Shaddadah", "ech Choueifat", "Bab", "Salvador"])
    assert gazetteer.lookup(["Shaddadah"], loose=False)["Shaddadah"] == []  # not exact
    assert [p.geonameid for p in found["Shaddadah"]] == [8001]
    assert [p.geonameid for p in found["ech Choueifat"]] == [8002]
    assert found["Bab"] == []  # three letters: too short to be read without its article
    assert [p.geonameid for p in found["Salvador"]] == [8004]  # a known name is not re-read


def test_geonames_import_skips_links_and_unknown_ids(small_gazetteer: Path) -> None:
    gazetteer = open_gazetteer(small_gazetteer)
    assert gazetteer.candidates("Nowhere") == []
    assert gazetteer.candidates("https://example.org/x") == []
    assert [p.name for p in gazetteer.candidates("Gawo")] == ["Gao"]


def test_geonames_import_reads_zip_archives(
    tmp_path: Path, place_rows: list, dump_text: Any
) -> None:
    archive = tmp_path / "ML.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("readme.txt", "not data")
        handle.writestr("ML.txt", dump_text(place_rows))
    report = import_geonames([archive], tmp_path / "g.db")
    assert report.rows["places"] == len(place_rows)
    assert open_gazetteer(tmp_path / "g.db").candidates("Ansongo")[0].geonameid == 2461003


def test_geonames_import_failure_keeps_previous_gazetteer(
    tmp_path: Path, small_gazetteer: Path, place_rows: list, dump_text: Any
) -> None:
    broken = tmp_path / "XX.txt"
    broken.write_text(dump_text(place_rows[:1]) + "only\tthree\tcolumns\n", encoding="utf-8")
    before = small_gazetteer.read_bytes()
    with pytest.raises(GazetteerError, match="line 2"):
        import_geonames([broken], small_gazetteer)
    assert small_gazetteer.read_bytes() == before
    assert not list(tmp_path.glob(".*.tmp"))


def test_geonames_import_reports_progress(tmp_path: Path, geonames_files: dict[str, Path]) -> None:
    seen: list[tuple[str, int, int | None]] = []
    import_geonames(
        [geonames_files["places"]], tmp_path / "g.db", progress=lambda *a: seen.append(a)
    )
    assert (
        "ML.txt",
        geonames_files["places"].stat().st_size,
        geonames_files["places"].stat().st_size,
    ) in seen


def test_geonames_status_says_what_is_loaded(small_gazetteer: Path, place_rows: list) -> None:
    info = gazetteer_status(small_gazetteer)
    assert info["places"] == len(place_rows)
    assert "ML.txt" in info["imported"]  # type: ignore[operator]
    assert info["admin1_units"] == 4


def test_geonames_import_rejects_unknown_file(tmp_path: Path) -> None:
    readme = tmp_path / "readme.txt"
    readme.write_text("hello", encoding="utf-8")
    with pytest.raises(GazetteerError):
        import_geonames([readme], tmp_path / "g.db")
