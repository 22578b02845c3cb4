"""Readers for the labelled development data (never shipped; read from ``../shared/data/dev``)."""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sitrep.taxonomy import CASE2021_LABELS, SubEventType


def default_data_dir() -> Path:
    """``$SITREP_DEV_DATA`` or ``../shared/data/dev`` next to the checkout (as in CI)."""
    env = os.environ.get("SITREP_DEV_DATA")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent.parent / "shared" / "data" / "dev"
        if candidate.is_dir():
            return candidate
    return Path.cwd().parent / "shared" / "data" / "dev"


@dataclass
class CaseSnippet:
    id: str
    text: str
    label: str  # the CASE label
    sub_event_type: SubEventType | None  # None for the five non-event classes


def read_case2021(path: Path) -> Iterator[CaseSnippet]:
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            label = row["SubType"].strip()
            yield CaseSnippet(row["id"], row["EventSnippet"], label, CASE2021_LABELS[label])


@dataclass
class AcledRow:
    event_id: str
    event_date: dt.date
    time_precision: int
    event_type: str
    sub_event_type: str
    actor1: str
    assoc_actor_1: str
    inter1: int
    actor2: str
    assoc_actor_2: str
    inter2: int
    country: str
    iso3: str | None
    admin1: str
    admin2: str
    location: str
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    notes: str
    fatalities: int
    source_file: str

    @property
    def toll_split(self) -> bool:
        """ACLED split one reported toll over several events: the note alone cannot give it."""
        lowered = self.notes.lower()
        spread = any(
            w in lowered
            for w in ("split", "spread between", "spread across", "spread over", "divided between")
        )
        return spread and ("fatalit" in lowered or "death" in lowered)


def _clean(value: str | None) -> str:
    value = (value or "").strip()
    return "" if value == "NA" else value


def _date(value: str) -> dt.date:
    for fmt in ("%d-%b-%y", "%d %B %Y", "%Y-%m-%d", "%d-%B-%y"):
        try:
            return dt.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(f"unrecognised ACLED date {value!r}")


def _int(value: str, default: int = 0) -> int:
    value = _clean(value)
    return int(value) if value else default


def _float(value: str) -> float | None:
    value = _clean(value)
    return float(value) if value else None


def read_acled(path: Path) -> Iterator[AcledRow]:
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            notes = _clean(row.get("notes"))
            if not notes:
                continue
            gp = _clean(row.get("geo_precision"))
            yield AcledRow(
                event_id=row["event_id_cnty"],
                event_date=_date(row["event_date"]),
                time_precision=_int(row.get("time_precision", ""), 1),
                event_type=_clean(row["event_type"]),
                sub_event_type=_clean(row["sub_event_type"]),
                actor1=_clean(row["actor1"]),
                assoc_actor_1=_clean(row.get("assoc_actor_1")),
                inter1=_int(row.get("inter1", "")),
                actor2=_clean(row.get("actor2")),
                assoc_actor_2=_clean(row.get("assoc_actor_2")),
                inter2=_int(row.get("inter2", "")),
                country=_clean(row["country"]),
                iso3=_clean(row.get("iso3")) or None,
                admin1=_clean(row.get("admin1")),
                admin2=_clean(row.get("admin2")),
                location=_clean(row.get("location")),
                latitude=_float(row.get("latitude", "")),
                longitude=_float(row.get("longitude", "")),
                geo_precision=int(gp) if gp else None,
                notes=notes,
                fatalities=_int(row.get("fatalities", "")),
                source_file=path.name,
            )


def acled_files(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "acled").glob("*.csv"))
