"""Score the extractor on ACLED's own event notes: does sitrep code a note as ACLED did?

Each note (ACLED's English summary of the source reports, "On 9 May 2020, ...") is extracted as
an article without a publication date; the note's *primary* event (see ``primary_event``) is
compared with ACLED's coding:

- sub-event type and event type accuracy (a note with no event counts as wrong);
- fatalities: exact match of ACLED's single conservative figure. Rows whose note says the toll
  was split over several events cannot be read from the note alone and are scored apart;
- country (ISO3), admin1, and the date (day) accuracy;
- actor1 / actor2: the normalised name exactly as ACLED writes it, and with the regime-year
  suffix of state forces ignored ("Military Forces of Mali (2021-)" ~ "Military Forces of Mali");
  inter codes;
- location: within 25 km of ACLED's coordinates, and geo_precision agreement, each over every
  event and over the events whose place is in the gazetteer (a place of ACLED's location name lies
  within 25 km of ACLED's point). An event in a village the gazetteer lacks cannot agree with
  ACLED's precision 1 without guessing a town, which sitrep refuses to do: the honest fallback to
  the district or region has precision 2 or 3.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

from sitrep.evaluation.datasets import AcledRow, acled_files, read_acled
from sitrep.evaluation.metrics import Rate, classification_report
from sitrep.model import Event, EventRole, ExtractionResult

__all__ = ["AcledScores", "evaluate_acled", "primary_event"]

_REGIME = re.compile(r"\s*\(\d{4}-\d{0,4}\)")
NO_EVENT = "no event"


def primary_event(result: ExtractionResult) -> Event | None:
    """The event a short text is about: the most confident reported event, else any event."""
    pool = [e for e in result.events if e.role is EventRole.reported] or list(result.events)
    if not pool:
        return None
    return max(
        pool, key=lambda e: (e.confidence, -e.type_evidence[0].start if e.type_evidence else 0)
    )


def base_actor_name(name: str) -> str:
    """An ACLED actor name without the regime years of state forces."""
    return " ".join(_REGIME.sub("", name).split()).lower()


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def _iso3(row: AcledRow) -> str | None:
    """The row's ISO 3166 alpha-3 code: its own unless that is no ISO code (older exports
    write "ROM" for Romania) and its country name gives one."""
    if row.iso3 and pycountry.countries.get(alpha_3=row.iso3) is not None:
        return row.iso3
    try:
        country = pycountry.countries.lookup(row.country)
    except LookupError:
        return row.iso3 or None
    return str(country.alpha_3)


@dataclass
class AcledScores:
    n: int = 0
    sub_event_gold: list[str] = field(default_factory=list)
    sub_event_pred: list[str] = field(default_factory=list)
    event_type: Rate = field(default_factory=Rate)
    fatalities_exact: Rate = field(default_factory=Rate)
    fatalities_exact_split_rows: Rate = field(default_factory=Rate)
    country: Rate = field(default_factory=Rate)
    admin1: Rate = field(default_factory=Rate)
    date_day: Rate = field(default_factory=Rate)
    actor1_exact: Rate = field(default_factory=Rate)
    actor1_base: Rate = field(default_factory=Rate)
    actor2_base: Rate = field(default_factory=Rate)
    inter1: Rate = field(default_factory=Rate)
    within_25km: Rate = field(default_factory=Rate)
    within_25km_resolved: Rate = field(default_factory=Rate)
    within_25km_in_gazetteer: Rate = field(default_factory=Rate)
    in_gazetteer: Callable[[AcledRow], bool] | None = None
    geo_precision: Rate = field(default_factory=Rate)
    geo_precision_in_gazetteer: Rate = field(default_factory=Rate)
    failures: int = 0

    def as_dict(self) -> dict[str, object]:
        report = classification_report(self.sub_event_gold, self.sub_event_pred)
        return {
            "n": self.n,
            "sub_event_type_accuracy": round(report.accuracy, 4),
            "sub_event_type_macro_f1": round(report.macro_f1, 4),
            "sub_event_type_weighted_f1": round(report.weighted_f1, 4),
            "event_type_accuracy": self.event_type.as_dict(),
            "fatalities_exact": self.fatalities_exact.as_dict(),
            "fatalities_exact_split_rows": self.fatalities_exact_split_rows.as_dict(),
            "country_accuracy": self.country.as_dict(),
            "admin1_accuracy": self.admin1.as_dict(),
            "date_day_accuracy": self.date_day.as_dict(),
            "actor1_exact": self.actor1_exact.as_dict(),
            "actor1_normalised": self.actor1_base.as_dict(),
            "actor2_normalised": self.actor2_base.as_dict(),
            "inter1_accuracy": self.inter1.as_dict(),
            "location_within_25km": self.within_25km.as_dict(),
            "location_within_25km_of_resolved": self.within_25km_resolved.as_dict(),
            "location_within_25km_in_gazetteer": self.within_25km_in_gazetteer.as_dict(),
            "geo_precision_agreement": self.geo_precision.as_dict(),
            "geo_precision_agreement_in_gazetteer": self.geo_precision_in_gazetteer.as_dict(),
            "failures": self.failures,
            "sub_event_type_report": report.as_dict(),
        }

    def score(self, row: AcledRow, event: Event | None) -> None:
        self.n += 1
        self.sub_event_gold.append(row.sub_event_type)
        self.sub_event_pred.append(event.sub_event_type.value if event else NO_EVENT)
        self.event_type.add(event is not None and event.event_type.value == row.event_type)
        killed = event.fatalities.conservative if event else 0
        (self.fatalities_exact_split_rows if row.toll_split else self.fatalities_exact).add(
            killed == row.fatalities
        )
        location = event.location if event else None
        self.country.add(location is not None and location.country_iso3 == _iso3(row))
        self.admin1.add(
            location is not None
            and (location.admin1 or "").lower() == row.admin1.lower()
            and bool(row.admin1)
        )
        self.date_day.add(
            event is not None
            and event.date is not None
            and event.date.value == row.event_date.isoformat()
        )
        actor1 = event.actor1.name if event and event.actor1 else ""
        self.actor1_exact.add(actor1 == row.actor1)
        self.actor1_base.add(base_actor_name(actor1) == base_actor_name(row.actor1))
        actor2 = event.actor2.name if event and event.actor2 else ""
        self.actor2_base.add(base_actor_name(actor2) == base_actor_name(row.actor2))
        self.inter1.add(bool(event and event.actor1) and event.actor1.inter == row.inter1)  # type: ignore[union-attr]
        known = False
        if row.latitude is not None and row.longitude is not None:
            close = (
                location is not None
                and location.latitude is not None
                and location.longitude is not None
                and haversine_km(location.latitude, location.longitude, row.latitude, row.longitude)
                <= 25
            )
            self.within_25km.add(close)
            if location is not None and location.resolved and location.geo_precision < 3:
                self.within_25km_resolved.add(close)
            known = self.in_gazetteer is not None and self.in_gazetteer(row)
            if known:
                self.within_25km_in_gazetteer.add(close)
        if row.geo_precision is not None:
            agree = location is not None and location.geo_precision == row.geo_precision
            self.geo_precision.add(agree)
            if known:
                self.geo_precision_in_gazetteer.add(agree)


def evaluate_acled(
    data_dir: Path,
    extract_many: Callable[[Iterable[str]], Iterable[ExtractionResult | None]],
    *,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
    in_gazetteer: Callable[[AcledRow], bool] | None = None,
) -> AcledScores:
    """Score ``extract_many`` (notes in, results out, in order) on every ACLED file in ``data_dir``."""
    rows = [row for path in acled_files(data_dir) for row in read_acled(path)]
    if limit is not None:
        rows = rows[:limit]
    scores = AcledScores(in_gazetteer=in_gazetteer)
    for row, result in zip(rows, extract_many(r.notes for r in rows), strict=True):
        if result is None:
            scores.failures += 1
        scores.score(row, primary_event(result) if result is not None else None)
        if progress is not None:
            progress(1)
    return scores


def extract_notes(
    extractor: object,
) -> Callable[[Iterable[str]], Iterable[ExtractionResult | None]]:
    """Adapter: run an ``Extractor`` over notes as articles without a publication date."""
    from sitrep.core import Extractor
    from sitrep.errors import InputError
    from sitrep.pipeline.clean import RawArticle, prepare_article

    assert isinstance(extractor, Extractor)

    def run(notes: Iterable[str]) -> Iterable[ExtractionResult | None]:
        batch: list[tuple[int, object]] = []
        for note in notes:
            try:
                batch.append((1, prepare_article(RawArticle(text=note))))
            except InputError:
                batch.append((0, None))
            if len(batch) >= 64:
                yield from _flush(extractor, batch)
                batch = []
        yield from _flush(extractor, batch)

    return run


def _flush(extractor: object, batch: list[tuple[int, object]]) -> Iterable[ExtractionResult | None]:
    from sitrep.core import Extractor
    from sitrep.model import Article

    assert isinstance(extractor, Extractor)
    articles = [a for ok, a in batch if ok and isinstance(a, Article)]
    results = iter(extractor.extract_articles(articles))
    for ok, _ in batch:
        yield next(results) if ok else None


def run(
    data_dir: Path,
    extractor: object,
    *,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> dict[str, object]:
    """The ACLED suite for ``sitrep eval``: a flat dict of metrics plus details."""
    from sitrep.core import Extractor
    from sitrep.evaluation.geo_acled import in_gazetteer as place_in_gazetteer

    assert isinstance(extractor, Extractor)
    extractor.prepare()
    gazetteer = extractor.gazetteer
    scores = evaluate_acled(
        data_dir,
        extract_notes(extractor),
        limit=limit,
        progress=progress,
        in_gazetteer=lambda row: place_in_gazetteer(gazetteer, row),
    )
    return scores.as_dict()
