"""The project's hand-kept supplement of places and place aliases (``data/places_supplement.tsv``).

A tab-separated file with a header; ``#`` starts a comment line. Columns:

- ``kind``: ``place`` (a place the packaged data lacks) or ``alias`` (more names for a place
  it has, found by ``same_as`` in ``country``, and of ``feature_code`` when one is given: an
  alias with ``ADM1`` names the first-level unit, not a town of the same name)
- ``name``, ``alternate_names`` (separated by ``|``), ``country`` (ISO alpha-2), ``admin1`` (the
  first-level unit's name), ``latitude``, ``longitude``, ``feature_class``, ``feature_code``,
  ``population``, ``same_as``, ``source`` (where the coordinates come from)

Users extend it by pointing ``build_embedded(supplement=...)`` at their own file with the same
columns, or by importing GeoNames dumps.
"""

from __future__ import annotations

import csv
import zlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sitrep.errors import GazetteerError

__all__ = ["SupplementEntry", "load_supplement"]

_COLUMNS = [
    "kind",
    "name",
    "alternate_names",
    "country",
    "admin1",
    "latitude",
    "longitude",
    "feature_class",
    "feature_code",
    "population",
    "same_as",
    "source",
]


@dataclass(frozen=True)
class SupplementEntry:
    kind: str  # place | alias
    name: str
    names: tuple[str, ...]
    country_code: str
    admin1: str | None
    latitude: float | None
    longitude: float | None
    feature_class: str
    feature_code: str
    population: int
    same_as: str | None

    @property
    def place_id(self) -> int:
        """A stable negative id (never a GeoNames id) from the name and country."""
        return -(10_000_000 + zlib.crc32(f"{self.country_code}:{self.name}".encode()) % 10_000_000)


def _default_path() -> Path:
    return Path(str(resources.files("sitrep") / "data" / "places_supplement.tsv"))


def load_supplement(path: Path | None = None) -> list[SupplementEntry]:
    """Read a supplement file (the shipped one by default); raise ``GazetteerError`` on bad rows."""
    path = path or _default_path()
    entries: list[SupplementEntry] = []
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        reader = csv.DictReader(lines, delimiter="\t")
        missing = set(_COLUMNS) - set(reader.fieldnames or [])
        if missing:
            raise GazetteerError.from_catalogue(
                "E041", path=path, detail=f"missing columns {sorted(missing)}"
            )
        for number, row in enumerate(reader, start=2):
            try:
                entries.append(_entry(row))
            except (ValueError, KeyError) as exc:
                raise GazetteerError.from_catalogue(
                    "E041", path=path, detail=f"row {number}: {exc}"
                ) from exc
    return entries


def _entry(row: dict[str, str]) -> SupplementEntry:
    kind = row["kind"].strip()
    if kind not in {"place", "alias"}:
        raise ValueError(f"kind must be 'place' or 'alias', not {kind!r}")
    names = tuple(n.strip() for n in (row["alternate_names"] or "").split("|") if n.strip())
    lat = row["latitude"].strip()
    lon = row["longitude"].strip()
    if kind == "place" and not (lat and lon):
        raise ValueError("a place needs latitude and longitude")
    if kind == "alias" and not row["same_as"].strip():
        raise ValueError("an alias needs same_as")
    return SupplementEntry(
        kind=kind,
        name=row["name"].strip(),
        names=names,
        country_code=row["country"].strip().upper(),
        admin1=row["admin1"].strip() or None,
        latitude=float(lat) if lat else None,
        longitude=float(lon) if lon else None,
        feature_class=row["feature_class"].strip() or "P",
        feature_code=row["feature_code"].strip() or ("" if kind == "alias" else "PPL"),
        population=int(row["population"] or 0),
        same_as=row["same_as"].strip() or None,
    )
