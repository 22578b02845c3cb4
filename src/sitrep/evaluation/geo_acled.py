"""Event locations against ACLED's coding: the development exports' notes in, location out.

    python -m sitrep.evaluation.geo_acled
    python -m sitrep.evaluation.geo_acled --gazetteer /path/gazetteer.db --limit 500 --json

For each ACLED event with coordinates, the geocoder reads the event's ``notes`` and codes the
location of the event the note reports (its first sentence). Reported:

- ``within_25km_in_gazetteer``: the coded location within 25 km of ACLED's coordinates, over the
  events whose place is in the gazetteer (a place of ACLED's location name lies within 25 km);
- ``within_25km_all``: the same over every event;
- ``geo_precision_agreement``: geo_precision equal to ACLED's, over every event.

The exports are third-party data read from ``../shared/data/dev/acled`` at run time.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.evaluation.datasets import AcledRow, acled_files, default_data_dir, read_acled
from sitrep.evaluation.metrics import Rate
from sitrep.gazetteer.store import distance_km


@dataclass
class AcledGeoReport:
    events: int = 0
    within_25_known: Rate = field(default_factory=Rate)
    within_25_all: Rate = field(default_factory=Rate)
    within_161_all: Rate = field(default_factory=Rate)
    precision_agree: Rate = field(default_factory=Rate)
    precision_pairs: Counter[str] = field(default_factory=Counter)
    no_location: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "events": self.events,
            "within_25km_in_gazetteer": self.within_25_known.as_dict(),
            "within_25km_all": self.within_25_all.as_dict(),
            "within_161km_all": self.within_161_all.as_dict(),
            "geo_precision_agreement": self.precision_agree.as_dict(),
            "geo_precision_acled_vs_sitrep": dict(sorted(self.precision_pairs.items())),
            "no_location": self.no_location,
            "seconds": round(self.seconds, 1),
        }


def evaluate(*, gazetteer_path: Path | None = None, limit: int | None = None, data_dir: Path | None = None,
             misses: list[dict[str, object]] | None = None, country_hint: bool = False) -> AcledGeoReport:  # fmt: skip
    """Code every event's location from its note (``country_hint``: tell the geocoder ACLED's country)."""
    from sitrep.gazetteer import open_default_gazetteer, open_gazetteer
    from sitrep.model import Article
    from sitrep.nlp import load_nlp
    from sitrep.pipeline.document import Document
    from sitrep.pipeline.places import COUNTRY_HINT, Geocoder
    from sitrep.pipeline.segment import split_sentences

    gazetteer = open_gazetteer(gazetteer_path) if gazetteer_path else open_default_gazetteer()
    geocoder = Geocoder(gazetteer)
    nlp = load_nlp(
        [{"label": "GPE", "pattern": "sitrep-geoparsing-evaluation"}], key="geoparsing-eval"
    )
    rows = [r for path in acled_files(data_dir or default_data_dir()) for r in read_acled(path)]
    rows = [r for r in rows if r.latitude is not None and r.longitude is not None][:limit]
    report = AcledGeoReport()
    started = time.perf_counter()
    documents = []
    iso2_of = {c.name.lower(): iso2 for iso2, c in gazetteer.countries().items()}
    iso2_of.update({c.iso3: iso2 for iso2, c in gazetteer.countries().items()})
    for row in rows:
        sentences = split_sentences(row.notes)
        document = Document(Article(id=row.event_id, text=row.notes), sentences)
        hint = iso2_of.get(row.iso3 or "") or iso2_of.get(row.country.lower())
        if country_hint and hint:
            document.annotations[COUNTRY_HINT] = [hint]
        documents.append((row, document))
    every = [s for _, d in documents for s in d.sentences]
    for sentence, doc in zip(every, nlp.pipe(s.text for s in every), strict=True):
        sentence.doc = doc
    for row, document in documents:
        report.events += 1
        toponyms = geocoder.toponyms(document, [])
        location = geocoder.locate(document, toponyms, [0], None)
        _score(report, gazetteer, row, location, misses)
    report.seconds = time.perf_counter() - started
    return report


def _score(report: AcledGeoReport, gazetteer: object, row: AcledRow, location: object,
           misses: list[dict[str, object]] | None) -> None:  # fmt: skip
    from sitrep.model import Location

    assert row.latitude is not None and row.longitude is not None
    known = in_gazetteer(gazetteer, row)
    if (
        not isinstance(location, Location)
        or location.latitude is None
        or location.longitude is None
    ):
        report.no_location += 1
        for rate in (report.within_25_all, report.within_161_all, report.precision_agree):
            rate.add(False)
        if known:
            report.within_25_known.add(False)
        return
    error = distance_km(row.latitude, row.longitude, location.latitude, location.longitude)
    report.within_25_all.add(error <= 25)
    report.within_161_all.add(error <= 161)
    if known:
        report.within_25_known.add(error <= 25)
    report.precision_agree.add(location.geo_precision == row.geo_precision)
    report.precision_pairs[f"{row.geo_precision}->{location.geo_precision}"] += 1
    if misses is not None and (error > 25 and known):
        misses.append({"event": row.event_id, "acled": row.location, "got": location.place_name,
                       "written": location.name, "km": round(error), "note": row.notes[:160]})  # fmt: skip


def in_gazetteer(gazetteer: object, row: AcledRow) -> bool:
    """Whether a place of ACLED's location name lies within 25 km of ACLED's point."""
    lookup = getattr(gazetteer, "lookup", None)
    if lookup is None or not row.location:
        return False
    assert row.latitude is not None and row.longitude is not None
    places = lookup([row.location], loose=False).get(row.location, [])
    return any(
        distance_km(row.latitude, row.longitude, p.latitude, p.longitude) <= 25 for p in places
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--gazetteer", type=Path, help="a gazetteer file (default: $SITREP_HOME/gazetteer.db)"
    )
    parser.add_argument("--limit", type=int, help="only the first N events")
    parser.add_argument(
        "--misses", type=Path, help="write events coded beyond 25 km to this JSON file"
    )
    parser.add_argument(
        "--country-hint", action="store_true", help="tell the geocoder ACLED's country"
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    misses: list[dict[str, object]] = []
    result = evaluate(gazetteer_path=args.gazetteer, limit=args.limit, misses=misses,
                      country_hint=args.country_hint).as_dict()  # fmt: skip
    if args.misses:
        args.misses.write_text(json.dumps(misses, indent=1, ensure_ascii=False), encoding="utf-8")
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            text = (
                "  ".join(f"{k}={v}" for k, v in value.items())
                if isinstance(value, dict)
                else value
            )
            print(f"{key:32} {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
