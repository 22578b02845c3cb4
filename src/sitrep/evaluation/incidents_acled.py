"""False merges on ACLED's data: events ACLED coded as distinct must stay distinct incidents.

Every ACLED row is a distinct event. Its note is treated as a report from an outlet of its own
and all notes are linked into incidents; two rows that end in one incident are a false merge.
The hard cases are rows of the same day in the same first-level region (same country and
admin1): protests in one city on one day, shelling of two villages of one district.

Two modes:

- ``extracted`` (the measure of the issue): each note goes through the extractor as an article
  without a publication date, and every event extracted from it is filed;
- ``coded``: ACLED's own coding of each row (type, date, place with coordinates and admin1,
  actors with inter codes, fatalities) is filed as the report, as a complete extractor would
  give it; this measures the linking policy alone.

Rows whose note repeats another row's note word for word (ACLED splitting one report into
several events) are set aside: sitrep reads them as one article. Reported: the false-merge rate
over rows of same-day same-admin1 groups (rows merged with
another row of their group / rows in such groups), the same over pairs, over all rows, and how
many reports were linkable at all (dated to the day with a place).

    python -m sitrep.evaluation.incidents_acled --mode extracted
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sitrep.errors import InputError
from sitrep.evaluation.datasets import AcledRow, acled_files, default_data_dir, read_acled
from sitrep.model import (
    ActorRef,
    Article,
    Casualties,
    Event,
    EventDate,
    ExtractionResult,
    Location,
    PartialDate,
    Span,
)
from sitrep.taxonomy import SubEventType

__all__ = ["coded_results", "evaluate_false_merges", "extracted_results", "run"]


def _article(row: AcledRow) -> Article:
    from sitrep.pipeline.clean import RawArticle, prepare_article

    return prepare_article(
        RawArticle(text=row.notes, url=f"acled:{row.event_id}", source=row.event_id)
    )


def extracted_results(
    rows: list[AcledRow], extractor: object, progress: Callable[[int], None] | None = None
) -> Iterable[tuple[AcledRow, ExtractionResult | None]]:
    """Each row's note through the extractor (None when the note is not a usable article)."""
    from sitrep.core import Extractor
    from sitrep.errors import InputError

    assert isinstance(extractor, Extractor)
    batch: list[tuple[AcledRow, Article | None]] = []

    def flush() -> Iterable[tuple[AcledRow, ExtractionResult | None]]:
        articles = [a for _, a in batch if a is not None]
        results = iter(extractor.extract_articles(articles))
        for row, item in batch:
            yield row, (next(results) if item is not None else None)
        if progress is not None:
            progress(len(batch))

    for row in rows:
        try:
            batch.append((row, _article(row)))
        except InputError:
            batch.append((row, None))
        if len(batch) >= 64:
            yield from flush()
            batch = []
    if batch:
        yield from flush()


def _actor(name: str, inter: int) -> ActorRef | None:
    return ActorRef(name=name, inter=inter) if name else None


def coded_results(rows: list[AcledRow]) -> Iterable[tuple[AcledRow, ExtractionResult | None]]:
    """Each row as ACLED coded it, filed as one report."""
    from sitrep.evaluation.acled import _iso3

    for row in rows:
        article = _article(row)
        try:
            sub = SubEventType(row.sub_event_type)
        except ValueError:
            yield row, None
            continue
        whole = Span(start=0, end=len(article.text), text=article.text)
        precision = {1: "day", 2: "week"}.get(row.time_precision, "month")
        date = PartialDate.of_day(row.event_date)
        if precision == "month":
            date = PartialDate.of_month(row.event_date.year, row.event_date.month)
        event = Event(
            id=f"acled-{row.event_id}",
            article_id=article.id,
            event_type=sub.event_type,
            sub_event_type=sub,
            type_evidence=[whole],
            date=EventDate(**date.model_dump()),
            location=Location(
                name=row.location,
                country_iso3=_iso3(row),
                admin1=row.admin1 or None,
                admin2=row.admin2 or None,
                latitude=row.latitude,
                longitude=row.longitude,
                geo_precision=row.geo_precision or 3,
                resolved=row.latitude is not None,
            ),
            actor1=_actor(row.actor1, row.inter1),
            assoc_actor_1=[
                a for a in [_actor(n.strip(), 0) for n in row.assoc_actor_1.split(";")] if a
            ],
            actor2=_actor(row.actor2, row.inter2),
            assoc_actor_2=[
                a for a in [_actor(n.strip(), 0) for n in row.assoc_actor_2.split(";")] if a
            ],
            fatalities=Casualties(best=row.fatalities, low=row.fatalities, high=row.fatalities),
        )
        yield row, ExtractionResult(article=article, events=[event])


def _roots(engine: object, result: ExtractionResult | None) -> set[str]:
    from sitrep.incidents import IncidentEngine

    assert isinstance(engine, IncidentEngine)
    if result is None:
        return set()
    reported = [e.id for e in result.reported]
    return {a.root for a in engine.backend.assignments(reported).values() if a.root is not None}


def _link(pairs: list[tuple[AcledRow, ExtractionResult | None]]) -> tuple[Any, dict[str, set[str]]]:
    """File every result in one engine; return it and each row's incident roots."""
    from sitrep.incidents import IncidentEngine, MemoryBackend

    engine = IncidentEngine(MemoryBackend())
    results = [r for _, r in pairs if r is not None]
    for start in range(0, len(results), 500):
        engine.update(results[start : start + 500])
    return engine, {row.event_id: _roots(engine, result) for row, result in pairs}


def _crowded_merges(
    pairs: list[tuple[AcledRow, ExtractionResult | None]],
    roots: dict[str, set[str]],
    examples: int,
) -> dict[str, Any]:
    """Merges between rows of one country, admin1 and day."""
    groups: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for row, _ in pairs:
        groups[(row.country, row.admin1, row.event_date.isoformat())].append(row.event_id)
    crowded = [ids for ids in groups.values() if len(ids) > 1]
    merged_rows: set[str] = set()
    merged_pairs, all_pairs = 0, 0
    shown: list[tuple[str, str]] = []
    for ids in crowded:
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                all_pairs += 1
                if roots[a] & roots[b]:
                    merged_pairs += 1
                    merged_rows |= {a, b}
                    if len(shown) < examples:
                        shown.append((a, b))
    in_crowded = sum(len(ids) for ids in crowded)
    return {
        "same_day_admin1_rows": in_crowded,
        "same_day_admin1_pairs": all_pairs,
        "false_merge_rate": _rate(len(merged_rows), in_crowded),
        "rows_kept_distinct": round(1 - _rate(len(merged_rows), in_crowded), 4),
        "false_merged_rows": len(merged_rows),
        "false_merge_pair_rate": _rate(merged_pairs, all_pairs),
        "false_merged_pairs": merged_pairs,
        "examples": shown,
    }


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def evaluate_false_merges(
    items: Iterable[tuple[AcledRow, ExtractionResult | None]], *, examples: int = 0
) -> dict[str, object]:
    """Link every row's reports and count rows ACLED keeps apart that ended in one incident."""
    from sitrep.incidents import IncidentQuery, features_of
    from sitrep.incidents.features import ANCHOR

    pairs = list(items)
    engine, roots = _link(pairs)
    owners: dict[str, set[str]] = defaultdict(set)
    for event_id, found in roots.items():
        for root in found:
            owners[root].add(event_id)
    anywhere = {e for e, found in roots.items() if any(len(owners[r]) > 1 for r in found)}
    reported = [(e, r.article) for _, r in pairs if r is not None for e in r.reported]
    anchors = sum(features_of(e, a, engine.policy).kind == ANCHOR for e, a in reported)
    return {
        "rows": len(pairs),
        "reported_events": len(reported),
        "linkable_reports": anchors,
        "linkable_share": _rate(anchors, len(reported)),
        "incidents": engine.backend.count_incidents(IncidentQuery(limit=1)),
        **_crowded_merges(pairs, roots, examples),
        "rows_merged_with_any_other_row": len(anywhere),
        "any_merge_rate": _rate(len(anywhere), len(pairs)),
    }


def _rows(data_dir: Path, limit: int | None) -> tuple[list[AcledRow], int]:
    """Every ACLED row once (the Benin export and the global one share some events), and one
    row per distinct note: ACLED sometimes splits one report into several events with the very
    same note, which sitrep reads as one article (its id is a hash of the text). Returns the
    rows and how many were set aside as repeated notes."""
    files = acled_files(data_dir)
    if not files:  # no data is an error, not a perfect score
        raise InputError.from_catalogue("E008", path=data_dir / "acled" / "*.csv")
    by_id: dict[str, AcledRow] = {}
    for path in files:
        for row in read_acled(path):
            by_id.setdefault(row.event_id, row)
    by_note: dict[str, AcledRow] = {}
    for row in by_id.values():
        by_note.setdefault(" ".join(row.notes.split()), row)
    chosen = list(by_note.values())
    repeated = len(by_id) - len(chosen)
    return (chosen[:limit] if limit is not None else chosen), repeated


def run(
    data_dir: Path,
    extractor: object,
    *,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
    mode: str = "extracted",
) -> dict[str, object]:
    """The suite for ``sitrep eval``-style runners: false merges on the ACLED notes."""
    rows, repeated = _rows(data_dir, limit)
    items = (
        extracted_results(rows, extractor, progress) if mode == "extracted" else coded_results(rows)
    )
    return {"mode": mode, "repeated_notes_set_aside": repeated, **evaluate_false_merges(items)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=["extracted", "coded"], default="extracted")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--data", type=Path, default=None, help="development data folder")
    parser.add_argument("--examples", type=int, default=0, help="print this many false merges")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore", message=r"\[W036\]")  # spaCy: empty entity ruler
    data_dir = args.data or default_data_dir()
    rows, repeated = _rows(data_dir, args.limit)
    started = time.perf_counter()
    if args.mode == "extracted":
        from sitrep.core import Extractor

        items = list(extracted_results(rows, Extractor()))
    else:
        items = list(coded_results(rows))
    merges = evaluate_false_merges(items, examples=args.examples)
    report = {"mode": args.mode, "repeated_notes_set_aside": repeated, **merges}
    report["seconds"] = round(time.perf_counter() - started, 1)
    shown = report.pop("examples")
    assert isinstance(shown, list)
    print(json.dumps(report, indent=2))
    notes = {row.event_id: row.notes for row, _ in items}
    for a, b in shown:
        print(f"\n{a}: {notes[a]}\n{b}: {notes[b]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
