"""Benchmark: what linking one more report costs as the database grows.

A synthetic news stream (``synthetic_stream``) is ingested one report at a time: places made up
from syllables in twenty countries, about sixty real events a day, each told by one to five
outlets with spelling variants, some dated only to the week or month, some mentioned later as
background. Reports arrive in time order, as news does, so the stream covers more days as it
grows. The CPU time of ``IncidentEngine.update`` for each report is recorded (the event store's
own write is not counted; wall-clock time is kept beside it, as it varies with the load of a
shared machine) and summarised around checkpoints: the 1,000th, 10,000th ... report. With
blocking by place and day, the 100,000th report should cost what the 1,000th did.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sitrep.model import (
    ActorRef,
    Article,
    Casualties,
    Claim,
    ClaimKind,
    DatePrecision,
    Event,
    EventDate,
    EventRole,
    ExtractionResult,
    Location,
    PartialDate,
    Span,
)
from sitrep.taxonomy import SubEventType

__all__ = ["LinkBench", "print_link_bench", "run_link_bench", "synthetic_stream"]

_COUNTRIES = [
    "MLI",
    "BFA",
    "NER",
    "NGA",
    "TCD",
    "CMR",
    "CAF",
    "COD",
    "SSD",
    "SDN",
    "ETH",
    "SOM",
    "KEN",
    "MOZ",
    "LBY",
    "SYR",
    "IRQ",
    "YEM",
    "AFG",
    "MMR",
]
_SYLLABLES = [
    "tin",
    "za",
    "ou",
    "ka",
    "ra",
    "ba",
    "ma",
    "go",
    "da",
    "se",
    "ni",
    "lo",
    "ki",
    "ta",
    "mbe",
    "dou",
    "ga",
    "bo",
    "fa",
    "ye",
    "ha",
    "su",
    "ro",
]
_TYPES = (
    SubEventType.air_drone_strike,
    SubEventType.armed_clash,
    SubEventType.attack,
    SubEventType.remote_explosive,
    SubEventType.shelling_artillery_missile,
    SubEventType.abduction,
)
_ACTORS = ("JNIM", "Islamic State", "Local Militia", "Rebel Coalition", "Self-Defence Group")
_OUTLETS = tuple(f"Outlet {i:02d}" for i in range(40))
_SPAN = Span(start=0, end=6, text="Report")


@dataclass(frozen=True)
class _Place:
    name: str
    country: str
    latitude: float
    longitude: float


def _places(rng: random.Random, count: int) -> list[_Place]:
    found: dict[str, _Place] = {}
    while len(found) < count:
        name = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        country = rng.choice(_COUNTRIES)
        row, column = divmod(_COUNTRIES.index(country), 5)  # each country an 8-degree square
        latitude = -10 + row * 9 + rng.random() * 8
        longitude = -10 + column * 9 + rng.random() * 8
        found.setdefault(name, _Place(name, country, latitude, longitude))
    return list(found.values())


def _variant(name: str, rng: random.Random) -> str:
    """A spelling an outlet might use: as is, with a space or hyphen, ``ou`` as ``u``."""
    choice = rng.random()
    if choice < 0.5 or len(name) < 6:
        return name
    if choice < 0.7:
        return f"{name[:3]} {name[3:].capitalize()}"
    if choice < 0.85:
        return f"{name[:3]}-{name[3:]}"
    return name.replace("ou", "u")


def _event_id(*parts: object) -> str:
    return hashlib.sha1(":".join(map(str, parts)).encode()).hexdigest()[:20]


def _date(day: dt.date, published: dt.date, rng: random.Random) -> EventDate:
    roll = rng.random()
    if roll < 0.85:
        return EventDate(**PartialDate.of_day(day).model_dump(), evidence=[_SPAN])
    if roll < 0.95:
        start = published - dt.timedelta(days=6)
        return EventDate(**PartialDate.of_period(start, published, DatePrecision.week).model_dump())
    return EventDate(**PartialDate.of_month(day.year, day.month).model_dump(), evidence=[_SPAN])


def synthetic_stream(
    reports: int, *, seed: int = 7, per_day: int = 60
) -> Iterator[ExtractionResult]:
    """``reports`` one-event articles about ``per_day`` real events a day, in publication order."""
    rng = random.Random(seed)
    places = _places(rng, 800)
    start = dt.date(2022, 1, 1)
    made = 0
    day_index = 0
    while made < reports:
        day = start + dt.timedelta(days=day_index)
        todays: list[ExtractionResult] = []
        for number in range(per_day):
            place = rng.choice(places)
            sub = rng.choice(_TYPES)
            killed = rng.choice([0, 0, 1, 2, 3, 5, 8, 12, 21, 40])
            actor = rng.choice(_ACTORS)
            for copy in range(rng.choice([1, 1, 2, 2, 3, 3, 4, 5])):
                published = day + dt.timedelta(days=rng.choice([0, 1, 1, 2]))
                background = copy > 0 and rng.random() < 0.1
                todays.append(
                    _report(
                        (day_index, number, copy),
                        place,
                        day,
                        published,
                        sub,
                        killed,
                        actor,
                        background,
                        rng,
                    )
                )
        rng.shuffle(todays)
        yield from todays[: reports - made]
        made += min(len(todays), reports - made)
        day_index += 1


def _report(
    key: tuple[int, int, int],
    place: _Place,
    day: dt.date,
    published: dt.date,
    sub: SubEventType,
    killed: int,
    actor: str,
    background: bool,
    rng: random.Random,
) -> ExtractionResult:
    text = f"Report {key}: {sub.value} in {place.name}."
    article = Article(
        id=_event_id("article", *key),
        text=text,
        source=rng.choice(_OUTLETS),
        origin=f"synthetic:{key[0]}:{key[1]}",  # the real event this report tells of
        published=PartialDate.of_day(published + dt.timedelta(days=30 if background else 0)),
    )
    figure = max(0, killed + rng.choice([0, 0, 0, 1, -1]))
    event = Event(
        id=_event_id("event", *key),
        article_id=article.id,
        role=EventRole.background if background else EventRole.reported,
        event_type=sub.event_type,
        sub_event_type=sub,
        type_evidence=[_SPAN],
        date=_date(day, published, rng),
        location=Location(
            name=_variant(place.name, rng),
            country_iso3=place.country,
            resolved=rng.random() < 0.5,
            latitude=place.latitude,
            longitude=place.longitude,
            geo_precision=1,
        ),
        actor1=ActorRef(name=f"{actor} ({place.country})", inter=2) if rng.random() < 0.7 else None,
        fatalities=Casualties(best=figure, low=figure),
        claims=[
            Claim(
                claimant="article",
                kind=ClaimKind.fatalities,
                killed=figure,
                says=f"{figure} killed",
                sentence=_SPAN,
                evidence=[_SPAN],
            )
        ],
        summary=text,
    )
    return ExtractionResult(article=article, events=[event])


@dataclass
class Checkpoint:
    """The cost of ingesting the reports around the ``report``-th one (CPU milliseconds of
    ``update``; the wall-clock median beside it)."""

    report: int
    median_ms: float
    mean_ms: float
    p95_ms: float
    wall_median_ms: float  # wall-clock median (includes waiting for a shared CPU)
    comparisons: float  # pairs of reports scored per report, on average


@dataclass
class LinkBench:
    reports: int
    backend: str
    seed: int
    seconds: float
    incidents: int
    window: int
    checkpoints: list[Checkpoint] = field(default_factory=list)
    months: list[tuple[str, int, float, float]] = field(default_factory=list)  # see _by_month
    pair_precision: float = 0.0  # pairs of reports put in one incident that are one real event
    pair_recall: float = 0.0  # pairs of reports of one real event that were put in one incident

    @property
    def growth(self) -> float:
        """Median cost at the last checkpoint over the median cost at the first."""
        first, last = self.checkpoints[0], self.checkpoints[-1]
        return last.median_ms / first.median_ms if first.median_ms else float("nan")


def _checkpoints(reports: int) -> list[int]:
    marks = [m for m in (1_000, 10_000, 25_000, 50_000, 100_000, 250_000) if m < reports]
    return [*marks, reports]


def _summary(
    mark: int, times: list[float], walls: list[float], comparisons: list[int], window: int
) -> Checkpoint:
    end = min(len(times), mark + window // 2)
    start = max(0, end - window)
    chosen = sorted(times[start:end])
    return Checkpoint(
        report=mark,
        median_ms=round(statistics.median(chosen) * 1000, 3),
        mean_ms=round(statistics.fmean(chosen) * 1000, 3),
        p95_ms=round(chosen[int(0.95 * (len(chosen) - 1))] * 1000, 3),
        wall_median_ms=round(statistics.median(walls[start:end]) * 1000, 3),
        comparisons=round(statistics.fmean(comparisons[start:end]), 1),
    )


def _engine(backend: str, path: Path) -> tuple[Any, Any]:
    """The engine to measure, and the event store it needs (None for memory)."""
    from sitrep.errors import ConfigError
    from sitrep.incidents.backend import MemoryBackend
    from sitrep.incidents.engine import IncidentEngine

    if backend == "memory":
        return IncidentEngine(MemoryBackend()), None
    if backend != "sqlite":
        raise ConfigError.from_catalogue("E021", detail=f"--backend {backend!r} (sqlite or memory)")
    from sitrep.incidents.sqlite import SQLiteIncidentBackend
    from sitrep.store import open_store

    store = open_store(path)
    return IncidentEngine(SQLiteIncidentBackend.of(store)), store


def run_link_bench(
    reports: int,
    *,
    backend: str = "sqlite",
    seed: int = 7,
    window: int = 200,
    path: Path | None = None,
) -> LinkBench:
    """Ingest ``reports`` synthetic reports one by one and time each ``update``."""
    from sitrep.incidents.backend import IncidentQuery

    times: list[float] = []  # CPU seconds of each update (steady on a shared machine)
    walls: list[float] = []  # wall-clock seconds of each update
    comparisons: list[int] = []
    truth: dict[str, str] = {}
    month_of: list[str] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as folder:
        engine, store = _engine(backend, path or Path(folder) / "bench.db")
        try:
            for result in synthetic_stream(reports, seed=seed):
                if store is not None:
                    store.save_result(result)
                tick, cpu = time.perf_counter(), time.process_time()
                changes = engine.update([result])
                times.append(time.process_time() - cpu)
                walls.append(time.perf_counter() - tick)
                comparisons.append(changes.comparisons)
                truth[result.events[0].id] = result.article.origin or ""
                published = result.article.published
                month_of.append(published.value[:7] if published else "")
            incidents = engine.backend.count_incidents(IncidentQuery())
            assigned = engine.backend.assignments(list(truth))
        finally:
            if store is not None:
                store.close()
    predicted = {e: a.root for e, a in assigned.items() if a.root is not None}
    return LinkBench(
        reports=reports,
        backend=backend,
        seed=seed,
        seconds=round(time.perf_counter() - started, 1),
        incidents=incidents,
        window=window,
        checkpoints=[_summary(m, times, walls, comparisons, window) for m in _checkpoints(reports)],
        months=_by_month(month_of, times, comparisons),
        **_pair_scores(predicted, truth),
    )


def _by_month(
    months: list[str], times: list[float], comparisons: list[int]
) -> list[tuple[str, int, float, float]]:
    """(month of publication, reports, mean ms, mean pairs scored) for each month of the stream.

    Reports dated only to the month are filed under every day of it, so a report late in a
    month meets more of them than one early in the month: costs rise and fall within each
    month. Whole months show whether the cost grows with the database."""
    found: dict[str, list[int]] = {}
    for index, month in enumerate(months):
        found.setdefault(month, []).append(index)
    return [
        (
            month,
            len(ids),
            round(statistics.fmean(times[i] for i in ids) * 1000, 3),
            round(statistics.fmean(comparisons[i] for i in ids), 1),
        )
        for month, ids in sorted(found.items())
    ]


def _pairs(groups: dict[str, str]) -> set[tuple[str, str]]:
    members: dict[str, list[str]] = {}
    for event_id, group in groups.items():
        members.setdefault(group, []).append(event_id)
    return {
        (a, b)
        for ids in members.values()
        for i, a in enumerate(sorted(ids))
        for b in sorted(ids)[i + 1 :]
    }


def _pair_scores(predicted: dict[str, str], truth: dict[str, str]) -> dict[str, float]:
    """Pairwise precision and recall of the incidents against the stream's real events."""
    found, real = _pairs(predicted), _pairs(truth)
    both = len(found & real)
    return {
        "pair_precision": round(both / len(found), 4) if found else 1.0,
        "pair_recall": round(both / len(real), 4) if real else 1.0,
    }


def print_link_bench(result: LinkBench, *, as_json: bool = False) -> None:
    if as_json:
        print(json.dumps({**asdict(result), "growth": round(result.growth, 3)}))
        return
    print(
        f"{result.reports:,} reports ({result.backend}, seed {result.seed}) -> "
        f"{result.incidents:,} incidents in {result.seconds:.1f} s"
    )
    print(f"cost of one update, over the {result.window} reports around each checkpoint:")
    print(
        f"{'report':>10} {'median ms':>10} {'mean ms':>9} {'p95 ms':>8} {'wall median':>12}"
        f" {'pairs scored':>13}"
    )
    for c in result.checkpoints:
        print(
            f"{c.report:>10,} {c.median_ms:>10.2f} {c.mean_ms:>9.2f} {c.p95_ms:>8.2f}"
            f" {c.wall_median_ms:>12.2f} {c.comparisons:>13.1f}"
        )
    print(f"growth (last / first median): {result.growth:.2f}x")
    print("mean cost by month of publication (whole months even out the monthly cycle):")
    for month, count, mean_ms, pairs in result.months:
        print(f"{month:>10} {count:>8,} reports {mean_ms:>8.2f} ms {pairs:>8.1f} pairs")
    print(
        f"linking against the stream's real events: pair precision {result.pair_precision:.3f},"
        f" pair recall {result.pair_recall:.3f}"
    )
