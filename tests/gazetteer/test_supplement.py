"""The places supplement: rows read, bad rows refused with the line named."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import GazetteerError
from sitrep.gazetteer.supplement import load_supplement

HEADER = "kind\tname\talternate_names\tcountry\tadmin1\tlatitude\tlongitude\tfeature_class\tfeature_code\tpopulation\tsame_as\tsource\n"


def test_supplement_shipped_file_has_the_seed_town() -> None:
    entries = {e.name: e for e in load_supplement()}
    town = entries["Tinzaouaten"]
    assert (town.country_code, town.admin1, town.kind) == ("ML", "Kidal", "place")
    assert town.latitude is not None and abs(town.latitude - 19.95) < 0.1
    assert town.place_id < 0


def test_supplement_reads_aliases_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "s.tsv"
    path.write_text(
        "# mine\n" + HEADER + "alias\tAribinda\tArbinda\tBF\t\t\t\t\t\t0\tAribinda\tnews\n",
        encoding="utf-8",
    )
    (entry,) = load_supplement(path)
    assert (entry.kind, entry.names, entry.same_as) == ("alias", ("Arbinda",), "Aribinda")


@pytest.mark.parametrize(
    "row",
    [
        "place\tSolhan\t\tBF\t\t\t\t\t\t0\t\tx\n",  # a place without coordinates
        "town\tSolhan\t\tBF\t\t13.4\t0.3\tP\tPPL\t0\t\tx\n",  # an unknown kind
        "alias\tArbinda\t\tBF\t\t\t\t\t\t0\t\tx\n",  # an alias without same_as
    ],
)
def test_supplement_refuses_bad_rows(tmp_path: Path, row: str) -> None:
    path = tmp_path / "s.tsv"
    path.write_text(HEADER + row, encoding="utf-8")
    with pytest.raises(GazetteerError, match="row 2"):
        load_supplement(path)


def test_supplement_alias_keeps_its_feature_code(tmp_path: Path) -> None:
    path = tmp_path / "s.tsv"
    path.write_text(
        HEADER
        + "alias\tIdleb\tIdleb Governorate\tSY\t\t\t\t\tADM1\t0\tIdlib\tnews\n"
        + "alias\tArbinda\t\tBF\t\t\t\t\t\t0\tAribinda\tnews\n",
        encoding="utf-8",
    )
    unit, town = load_supplement(path)
    assert (unit.feature_code, unit.name, unit.names) == ("ADM1", "Idleb", ("Idleb Governorate",))
    assert town.feature_code == ""  # any place of that name


def test_supplement_shipped_file_names_conflict_units() -> None:
    units = {e.name: e for e in load_supplement() if e.feature_code == "ADM1"}
    assert {"Idleb", "Lower Shabelle", "Donetsk"} <= set(units)
    assert units["Idleb"].country_code == "SY"
