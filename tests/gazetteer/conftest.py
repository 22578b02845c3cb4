"""Small GeoNames-format files written by the tests, and gazetteers built from them."""

from __future__ import annotations

from pathlib import Path

import pytest

# geonameid, name, asciiname, alternatenames, lat, lon, class, code, country, admin1, admin2, population
PLACES = [
    (2476086, "Ti-n-Zaouâtene", "Ti-n-Zaouatene", "Tinzaouaten,Tin Zaouaten,Tin-Zaouatene", 19.95427, 2.96732,
     "P", "PPL", "ML", "10", "", 0),
    (2455290, "Kidal", "Kidal", "Kidal", 18.44345, 1.40921, "P", "PPLA", "ML", "10", "", 40030),
    (2597449, "Kidal", "Kidal", "Region de Kidal,Kidal Region", 19.5, 1.5, "A", "ADM1", "ML", "10", "", 67638),
    (2457163, "Gao", "Gao", "Gao", 16.27167, -0.04472, "P", "PPLA", "ML", "09", "", 133110),
    (2461003, "Ansongo", "Ansongo", "", 15.6597, 0.5022, "P", "PPL", "ML", "09", "", 3000),
    (2460596, "Bamako", "Bamako", "", 12.60915, -7.97522, "P", "PPLC", "ML", "01", "", 4227569),
    (2453866, "Mali", "Mali", "Republic of Mali", 17.0, -4.0, "A", "PCLI", "ML", "00", "", 19077690),
    (2449067, "Tombouctou", "Tombouctou", "Timbuktu,Tombouctou,Timbuctoo", 16.77348, -3.00742,
     "P", "PPLA", "ML", "08", "", 84208),
    (2461000, "Anefis", "Anefis", "", 17.9, -1.5, "H", "WLL", "ML", "08", "", 0),
    (2461001, "Anefis i-n-Darane", "Anefis i-n-Darane", "Anefis", 17.95, 0.58, "P", "PPL", "ML", "10", "", 0),
]  # fmt: skip

ADMIN1 = [("ML.10", "Kidal", "Kidal", 2597449), ("ML.09", "Gao", "Gao", 2457161), ("ML.08", "Tombouctou", "Tombouctou", 2449066),
          ("ML.01", "Bamako", "Bamako", 2460594)]  # fmt: skip
ADMIN2 = [("ML.10.4", "Abeibara", "Abeibara", 2461500)]


def dump_line(row: tuple[object, ...]) -> str:
    gid, name, ascii_, alts, lat, lon, fclass, fcode, cc, a1, a2, pop = row
    cols = [
        gid,
        name,
        ascii_,
        alts,
        lat,
        lon,
        fclass,
        fcode,
        cc,
        "",
        a1,
        a2,
        "",
        "",
        pop,
        "",
        "300",
        "Africa/Bamako",
        "2023-01-01",
    ]
    return "\t".join(str(c) for c in cols) + "\n"


@pytest.fixture
def place_rows() -> list[tuple[object, ...]]:
    """The test's GeoNames place rows (see ``PLACES``)."""
    return list(PLACES)


@pytest.fixture
def dump_text() -> object:
    """Render place rows as a GeoNames dump (19 tab-separated columns)."""
    return lambda rows: "".join(dump_line(r) for r in rows)


@pytest.fixture
def geonames_files(tmp_path: Path) -> dict[str, Path]:
    """A per-country dump, admin code files and alternate names in GeoNames' formats."""
    places = tmp_path / "ML.txt"
    places.write_text("".join(dump_line(r) for r in PLACES), encoding="utf-8")
    admin1 = tmp_path / "admin1CodesASCII.txt"
    admin1.write_text("".join("\t".join(map(str, r)) + "\n" for r in ADMIN1), encoding="utf-8")
    admin2 = tmp_path / "admin2Codes.txt"
    admin2.write_text("".join("\t".join(map(str, r)) + "\n" for r in ADMIN2), encoding="utf-8")
    alternate = tmp_path / "alternateNamesV2.txt"
    alternate.write_text(
        "1\t2476086\tfr\tTinzaouatène\t\t\t\t\t\t\n2\t2476086\tlink\thttps://example.org/x\t\t\t\t\t\t\n"
        "3\t2457163\t\tGawo\t\t\t\t\t\t\n4\t99999999\ten\tNowhere\t\t\t\t\t\t\n",
        encoding="utf-8",
    )
    return {"places": places, "admin1": admin1, "admin2": admin2, "alternate": alternate}


COUNTRY_INFO = (
    "#ISO\tISO3\tISO-Numeric\tfips\tCountry\tCapital\tArea(in sq km)\tPopulation\tContinent\ttld\tCurrencyCode\t"
    "CurrencyName\tPhone\tPostal Code Format\tPostal Code Regex\tLanguages\tgeonameid\tneighbours\tEquivalentFipsCode\n"
    "ML\tMLI\t466\tML\tMali\tBamako\t1240000\t19077690\tAF\t.ml\tXOF\tFranc\t223\t\t\tfr-ML,bm\t2453866\tSN,NE,DZ\t\n"
)


@pytest.fixture
def small_gazetteer(tmp_path: Path, geonames_files: dict[str, Path]) -> Path:
    """A gazetteer holding only the test's GeoNames rows (no embedded default)."""
    from sitrep.gazetteer.geonames import import_geonames

    info = tmp_path / "countryInfo.txt"
    info.write_text(COUNTRY_INFO, encoding="utf-8")
    path = tmp_path / "small.db"
    import_geonames([*geonames_files.values(), info], path)
    return path
