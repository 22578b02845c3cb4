"""Import GeoNames dumps as users download them into the gazetteer (``sitrep gazetteer import``).

Accepted files (plain or zipped): ``allCountries`` or per-country ``XX`` place dumps (19
tab-separated columns), ``alternateNamesV2`` (or ``alternateNames``), ``admin1CodesASCII.txt``,
``admin2Codes.txt``, ``countryInfo.txt``. Files are streamed line by line and written in batches, so memory stays
bounded whatever the size (allCountries has 12+ million rows). The import writes to a copy of the
current gazetteer and renames it over the original only when everything succeeded: an interrupted
import leaves the previous gazetteer usable.
"""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.errors import GazetteerError, SitrepError
from sitrep.gazetteer.writer import GazetteerWriter, PlaceRow, Progress, atomic_gazetteer

__all__ = ["ImportReport", "import_geonames"]

_SKIP_LANGUAGES = frozenset(
    {"link", "wkdt", "post", "iata", "icao", "faac", "tcid", "unlc", "phon", "piny"}
)


@dataclass
class ImportReport:
    """What an import loaded: rows per file kind, the time it took."""

    files: dict[str, str] = field(default_factory=dict)  # path -> kind
    rows: dict[str, int] = field(default_factory=dict)  # kind -> rows read
    seconds: float = 0.0
    places: int = 0

    @property
    def rows_per_second(self) -> float:
        total = sum(self.rows.values())
        return total / self.seconds if self.seconds else 0.0


def file_kind(path: Path) -> str:
    """What a GeoNames file holds, from its name: places, alternate_names, admin1, admin2."""
    stem = path.name.split(".")[0].lower()
    if stem.startswith("admin1codes"):
        return "admin1"
    if stem.startswith("admin2codes"):
        return "admin2"
    if stem.startswith("alternatenames"):
        return "alternate_names"
    if stem.startswith("countryinfo"):
        return "countries"
    if stem.startswith(("readme", "iso-languagecodes", "featurecodes", "timezones")):
        raise GazetteerError.from_catalogue("E041", path=path, detail="not a file sitrep imports")
    return "places"


@contextmanager
def _open_text(path: Path) -> Iterator[tuple[io.TextIOBase, int]]:
    """The text of a plain or zipped GeoNames file, and its size in bytes (for progress)."""
    if not path.exists():
        raise GazetteerError.from_catalogue("E041", path=path, detail="no such file")
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [
                m
                for m in archive.infolist()
                if m.filename.endswith(".txt") and "readme" not in m.filename.lower()
            ]
            members = [m for m in members if not m.filename.lower().startswith("iso-languagecodes")]
            if not members:
                raise GazetteerError.from_catalogue(
                    "E041", path=path, detail="no .txt file in the archive"
                )
            with archive.open(members[0]) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8", newline="\n"), members[0].file_size
    else:
        with path.open(encoding="utf-8", newline="\n") as handle:
            yield handle, path.stat().st_size


def import_geonames(
    paths: list[Path], gazetteer_path: Path, *, progress: Progress | None = None
) -> ImportReport:
    """Import GeoNames files into the gazetteer at ``gazetteer_path`` (created if missing).

    Place dumps are read before alternate names so that names attach to places already loaded.
    ``progress(task, bytes_done, bytes_total)`` is called as each file is read.
    """
    report = ImportReport()
    started = time.perf_counter()
    order = {"places": 0, "countries": 1, "admin1": 2, "admin2": 3, "alternate_names": 4}
    planned = sorted(
        ((file_kind(Path(p)), Path(p)) for p in paths), key=lambda item: order[item[0]]
    )
    with atomic_gazetteer(gazetteer_path, start_from_existing=True) as conn:
        writer = GazetteerWriter(conn)
        countries: set[str] = set()
        for kind, path in planned:
            report.files[str(path)] = kind
            with _open_text(path) as (text, size):
                reader = _READERS[kind]
                rows = reader(writer, text, path, _ticker(progress, path.name, size), countries)
            report.rows[kind] = report.rows.get(kind, 0) + rows
        writer.flush()
        _drop_synthetic_units(conn, countries)
        loaded = ",".join(sorted(p.name for _, p in planned))
        previous = conn.execute("SELECT value FROM meta WHERE key = 'imported'").fetchone()
        value = ",".join(
            sorted(
                set((previous[0] if previous else "").split(",")) - {""} | set(loaded.split(","))
            )
        )
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('imported', ?)", (value,))
        writer.finish(progress)
        report.places = int(conn.execute("SELECT count(*) FROM places").fetchone()[0])
    report.seconds = time.perf_counter() - started
    return report


class _Ticker:
    """Calls the progress callback about every megabyte of input."""

    def __init__(self, progress: Progress | None, task: str, total: int) -> None:
        self.progress, self.task, self.total, self.done, self._next = progress, task, total, 0, 0

    def advance(self, nbytes: int) -> None:
        self.done += nbytes
        if self.progress and self.done >= self._next:
            self.progress(self.task, min(self.done, self.total), self.total)
            self._next = self.done + 1_000_000

    def close(self) -> None:
        if self.progress:
            self.progress(self.task, self.total, self.total)


def _ticker(progress: Progress | None, task: str, total: int) -> _Ticker:
    return _Ticker(progress, task, total)


def _bad(path: Path, number: int, detail: str) -> SitrepError:
    return GazetteerError.from_catalogue("E041", path=path, detail=f"line {number}: {detail}")


def _read_places(
    writer: GazetteerWriter, text: io.TextIOBase, path: Path, tick: _Ticker, countries: set[str]
) -> int:
    rows = 0
    for number, line in enumerate(text, start=1):
        tick.advance(len(line))
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 19:
            if not line.strip():
                continue
            raise _bad(
                path,
                number,
                f"expected 19 tab-separated columns (a GeoNames dump), found {len(cols)}",
            )
        try:
            row: PlaceRow = (int(cols[0]), cols[1], cols[2], float(cols[4]), float(cols[5]), cols[6] or "P",
                             cols[7] or "PPL", cols[8], cols[10] or None, cols[11] or None,
                             int(cols[14] or 0), "geonames")  # fmt: skip
        except ValueError as exc:
            raise _bad(path, number, str(exc)) from exc
        countries.add(cols[8])
        writer.add_place(row, cols[3].split(",") if cols[3] else [])
        rows += 1
    tick.close()
    return rows


def _read_alternate_names(
    writer: GazetteerWriter, text: io.TextIOBase, path: Path, tick: _Ticker, countries: set[str]
) -> int:
    rows = 0
    for number, line in enumerate(text, start=1):
        tick.advance(len(line))
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 4:
            if not line.strip():
                continue
            raise _bad(
                path, number, "expected an alternateNames row (id, geonameid, language, name, ...)"
            )
        if cols[2] in _SKIP_LANGUAGES or (len(cols) > 7 and cols[7] == "1"):
            continue  # codes, links, and historic names
        try:
            writer.add_alternate_name(int(cols[1]), cols[3])
        except ValueError as exc:
            raise _bad(path, number, str(exc)) from exc
        rows += 1
    tick.close()
    return rows


def _read_admin1(
    writer: GazetteerWriter, text: io.TextIOBase, path: Path, tick: _Ticker, countries: set[str]
) -> int:
    rows = 0
    for number, line in enumerate(text, start=1):
        tick.advance(len(line))
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 4 or "." not in cols[0]:
            if not line.strip():
                continue
            raise _bad(path, number, "expected 'CC.code<TAB>name<TAB>asciiname<TAB>geonameid'")
        country, code = cols[0].split(".", 1)
        writer.add_admin1(country, code, cols[1], cols[2], int(cols[3]) if cols[3] else None)
        rows += 1
    tick.close()
    return rows


def _read_admin2(
    writer: GazetteerWriter, text: io.TextIOBase, path: Path, tick: _Ticker, countries: set[str]
) -> int:
    rows = 0
    for number, line in enumerate(text, start=1):
        tick.advance(len(line))
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 4 or cols[0].count(".") < 2:
            if not line.strip():
                continue
            raise _bad(
                path, number, "expected 'CC.admin1.code<TAB>name<TAB>asciiname<TAB>geonameid'"
            )
        country, admin1, code = cols[0].split(".", 2)
        writer.add_admin2(
            country, admin1, code, cols[1], cols[2], int(cols[3]) if cols[3] else None
        )
        rows += 1
    tick.close()
    return rows


def _read_countries(
    writer: GazetteerWriter, text: io.TextIOBase, path: Path, tick: _Ticker, countries: set[str]
) -> int:
    """GeoNames ``countryInfo.txt``: ISO codes, name, capital, population, geonameid."""
    rows = 0
    for number, line in enumerate(text, start=1):
        tick.advance(len(line))
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 17 or len(cols[0]) != 2:
            raise _bad(
                path, number, "expected a countryInfo row (ISO, ISO3, numeric, fips, name, ...)"
            )
        population = int(cols[7]) if cols[7].isdigit() else 0
        writer.add_country(
            cols[0],
            cols[1],
            cols[4],
            int(cols[16]) if cols[16] else None,
            cols[5] or None,
            population,
        )
        rows += 1
    tick.close()
    return rows


_READERS = {
    "countries": _read_countries,
    "places": _read_places,
    "alternate_names": _read_alternate_names,
    "admin1": _read_admin1,
    "admin2": _read_admin2,
}


def _drop_synthetic_units(conn: object, countries: set[str]) -> None:
    """Remove units sitrep built itself where the imported dump brings the real GeoNames ones."""
    import sqlite3

    assert isinstance(conn, sqlite3.Connection)
    for code in ("ADM1", "ADM2"):
        conn.execute(
            "DELETE FROM places WHERE geonameid < 0 AND feature_code = ? AND country_code IN "
            "(SELECT DISTINCT country_code FROM places WHERE geonameid > 0 AND feature_code = ?)",
            (code, code),
        )
    conn.execute(
        "DELETE FROM admin2 WHERE code LIKE '~%' AND country_code IN "
        "(SELECT DISTINCT country_code FROM places WHERE geonameid > 0 AND feature_code = 'ADM2')"
    )
