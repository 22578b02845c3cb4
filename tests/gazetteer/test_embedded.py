"""The embedded default gazetteer built from packaged data (slow: about half a minute)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.config import Settings
from sitrep.gazetteer import gazetteer_status, open_default_gazetteer


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("home")
    settings = Settings(
        home=home, db=str(home / "sitrep.db"), gazetteer=home / "gazetteer.db", actors_dir=home
    )
    return open_default_gazetteer(settings).path


@pytest.mark.slow
@pytest.mark.parametrize(
    ("written", "country", "feature"),
    [("Tombouctou", "ML", "PPL"), ("Tinzaouaten", "ML", "PPL"), ("Mali", "ML", "PCLI"), ("Arbinda", "BF", "PPL"),
     ("U.S.", "US", "PCLI"), ("Kidal", "ML", "PPL")],
)  # fmt: skip
def test_embedded_knows_names_of_the_field(
    embedded: Path, written: str, country: str, feature: str
) -> None:
    from sitrep.gazetteer import open_gazetteer

    first = open_gazetteer(embedded).candidates(written)[:3]
    assert (country, feature) in {(p.country_code, p.feature_code) for p in first}


@pytest.mark.slow
def test_embedded_status_counts_places_and_units(embedded: Path) -> None:
    info = gazetteer_status(embedded)
    assert info["places"] > 200_000  # type: ignore[operator]
    assert info["admin1_units"] > 3_000  # type: ignore[operator]
    assert not list(embedded.parent.glob(".*.tmp"))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("written", "country", "feature"),
    [("Sinende", "BJ", "ADM2"), ("Idleb", "SY", "ADM1"), ("Lower Shabelle", "SO", "ADM1"),
     ("ISO:JK", "IN", "ADM1"), ("Commune of Ouidah", "BJ", "ADM2"), ("Ouidah", "BJ", "ADM2")],
)  # fmt: skip
def test_embedded_has_units_with_the_names_reports_use(
    embedded: Path, written: str, country: str, feature: str
) -> None:
    from sitrep.gazetteer import open_gazetteer

    found = {(p.country_code, p.feature_code) for p in open_gazetteer(embedded).candidates(written)}
    assert (country, feature) in found


@pytest.mark.slow
def test_embedded_places_countries_at_geonames_points(embedded: Path) -> None:
    from sitrep.gazetteer import open_gazetteer

    (canada,) = [
        p for p in open_gazetteer(embedded).candidates("Canada") if p.feature_code == "PCLI"
    ]
    assert abs(canada.latitude - 60.11) < 0.1 and abs(canada.longitude + 113.64) < 0.1


@pytest.mark.slow
def test_embedded_outdated_default_is_rebuilt(tmp_path: Path) -> None:
    import sqlite3

    home = tmp_path / "home"
    settings = Settings(home=home, db=str(home / "s.db"), gazetteer=home / "g.db", actors_dir=home)
    path = open_default_gazetteer(settings).path
    from sitrep.gazetteer import _forget

    _forget(path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'embedded_version'")
    conn.close()
    rebuilt = open_default_gazetteer(settings).path
    assert gazetteer_status(rebuilt)["embedded_version"] != "0"  # type: ignore[index]
