"""Speed and memory benchmarks: a synthetic corpus of conflict reports through the extractor.

``sitrep bench extract --articles 1000`` builds ~500-word articles from the project's own
templates (``sitrep/data/bench_corpus.json``: places, actors, tolls, dates, quotes, background
paragraphs, boilerplate) with a fixed seed, loads the model once, and runs the extractor in one
thread. ``sitrep bench ingest`` does the same through the SQLite store. The figures are reported,
never asserted in tests (the machine decides them).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from sitrep.model import ExtractionResult
from sitrep.pipeline.clean import RawArticle, prepare_article

__all__ = [
    "BenchResult",
    "bench_extract",
    "bench_ingest",
    "bench_query",
    "make_corpus",
    "single_thread",
]

_THREAD_VARIABLES = (
    "OMP_NUM_THREADS",
    "MKL_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "NUMEXPR_NUM_THREADS",
)


@dataclass
class BenchResult:
    """What a benchmark measured."""

    task: str
    articles: int
    words: int
    events: int
    seconds: float  # wall time of the timed part (model already loaded)
    cpu_seconds: float  # CPU time of the process (all threads) during the timed part
    load_seconds: float  # loading the model and resources
    peak_rss_mb: float  # peak resident memory of the process
    peak_traced_mb: float | None  # peak Python allocations during the timed part (tracemalloc)

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    @property
    def articles_per_cpu_second(self) -> float:
        """Articles per second of CPU time: steadier than wall time on a shared machine."""
        return self.articles / self.cpu_seconds if self.cpu_seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["articles_per_second"] = round(self.articles_per_second, 2)
        data["words_per_second"] = round(self.words_per_second, 1)
        data["articles_per_cpu_second"] = round(self.articles_per_cpu_second, 2)
        data["words_per_cpu_second"] = (
            round(self.words / self.cpu_seconds, 1) if self.cpu_seconds else 0.0
        )
        return data


def single_thread() -> None:
    """Ask numeric libraries for one thread (set before they are imported to take effect)."""
    for name in _THREAD_VARIABLES:
        os.environ[name] = "1"


def _templates() -> dict[str, Any]:
    raw = resources.files("sitrep").joinpath("data", "bench_corpus.json").read_text("utf-8")
    return dict(json.loads(raw))


# A wire report: the lead, then details, quotes and claims about the event, mixed with context
# (politics, economy, aid) and background; about half its sentences name an event, as in the
# real news of the geoparsing corpora. ``dense``: every paragraph about violence (worst case).
_WIRE_POOLS = (
    "details",
    "context",
    "quotes",
    "claims",
    "context",
    "background",
    "details",
    "context",
    "quotes",
    "context",
)
_DENSE_POOLS = (
    "details",
    "quotes",
    "claims",
    "details",
    "background",
    "background",
    "details",
    "background",
)


def _article(rng: random.Random, t: dict[str, Any], words: int, dense: bool = False) -> RawArticle:
    place, country, region = rng.choice(t["places"])
    slots = {
        "place": place,
        "country": country,
        "region": region,
        "group": rng.choice(t["armed_groups"]),
        "forces": rng.choice(t["state_forces"]),
        "claimant": rng.choice(t["claimants"]),
        "day": rng.choice(t["weekdays"]),
        "n": rng.choice([2, 3, 5, 7, 9, 12, 15, 21, 30, 45]),
        "m": rng.choice([10, 20, 40, 50, 84, 100]),
    }

    def fill(template: str) -> str:
        text = template.format(**slots)
        return text[0].upper() + text[1:]

    paragraphs = [fill(rng.choice(t["leads"]))]
    pools = _DENSE_POOLS if dense else _WIRE_POOLS
    # sorted: the order of a set of strings changes with PYTHONHASHSEED, the corpus must not
    unused = {name: rng.sample(t[name], len(t[name])) for name in sorted(set(pools))}
    while sum(len(p.split()) for p in paragraphs) < words:
        name = pools[(len(paragraphs) - 1) % len(pools)]
        if not unused[name]:  # every paragraph of the pool used once: start again
            unused[name] = rng.sample(t[name], len(t[name]))
        paragraphs.append(fill(unused[name].pop()))
    if rng.random() < 0.5:
        paragraphs.insert(rng.randrange(2, len(paragraphs)), rng.choice(t["boilerplate"]))
    published = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(366))
    return RawArticle(
        text="\n\n".join(paragraphs), published=published, origin=f"bench:{rng.random():.12f}"
    )


def make_corpus(
    n: int, *, seed: int = 13, words: int = 500, dense: bool = False
) -> list[RawArticle]:
    """``n`` synthetic conflict reports of about ``words`` words each (same seed, same corpus);
    ``dense``: every paragraph about violence, the worst case for speed."""
    rng = random.Random(seed)
    templates = _templates()
    return [_article(rng, templates, words, dense) for _ in range(n)]


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def bench_extract(
    n: int = 1000, *, seed: int = 13, batch_size: int = 16, trace: bool = False, dense: bool = False
) -> BenchResult:
    """Extract a synthetic corpus of ``n`` articles; time the extraction only."""
    from sitrep.core import Extractor

    articles = [prepare_article(raw) for raw in make_corpus(n, seed=seed, dense=dense)]
    started = time.perf_counter()
    extractor = Extractor().prepare()  # loads the model and resources
    extractor.extract(articles[0])
    loaded = time.perf_counter() - started
    if trace:
        tracemalloc.start()
    started, cpu_started = time.perf_counter(), time.process_time()
    events = sum(len(r.events) for r in extractor.extract_articles(articles, batch_size=batch_size))
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    traced = tracemalloc.get_traced_memory()[1] / 2**20 if trace else None
    if trace:
        tracemalloc.stop()
    words = sum(len(a.text.split()) for a in articles)
    return BenchResult(
        "extract", n, words, events, seconds, cpu_seconds, loaded, _peak_rss_mb(), traced
    )


def bench_ingest(
    n: int = 1000,
    *,
    seed: int = 13,
    db: Path | None = None,
    batch_size: int = 16,
    dense: bool = False,
) -> BenchResult:
    """Clean, extract and store a synthetic corpus of ``n`` articles into a fresh SQLite file."""
    from sitrep.core import Extractor
    from sitrep.ingest import ingest_items, prepare_items
    from sitrep.store import open_store

    corpus = make_corpus(n, seed=seed, dense=dense)
    started = time.perf_counter()
    extractor = Extractor().prepare()
    extractor.extract("Gunmen killed three people in an attack on a village on Sunday.")
    loaded = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        path = db or Path(folder) / "bench.db"
        with open_store(path) as store:
            started, cpu_started = time.perf_counter(), time.process_time()
            items = prepare_items(corpus, max_bytes=20 * 2**20)
            report = ingest_items(store, items, extractor, batch_size=batch_size)
            seconds = time.perf_counter() - started
            cpu_seconds = time.process_time() - cpu_started
    words = sum(len((raw.text or "").split()) for raw in corpus)
    return BenchResult(
        "ingest",
        report.stored,
        words,
        report.events,
        seconds,
        cpu_seconds,
        loaded,
        _peak_rss_mb(),
        None,
    )


_QUERY_COUNTRIES = (
    "MLI",
    "BFA",
    "NER",
    "NGA",
    "COD",
    "SDN",
    "UKR",
    "SYR",
    "YEM",
    "SOM",
    "MOZ",
    "MMR",
    "HTI",
)
_QUERY_TYPES = (
    "Air/drone strike",
    "Armed clash",
    "Attack",
    "Peaceful protest",
    "Shelling/artillery/missile attack",
)


def _synthetic_results(
    n_events: int, rng: random.Random, per_article: int = 10
) -> Iterator[ExtractionResult]:
    """Stored-shape records for the query benchmark (no extraction: coded at random)."""
    from sitrep.model import ActorRef, Article, Casualties, Event, EventDate, Location, PartialDate
    from sitrep.taxonomy import SubEventType

    groups = _templates()["armed_groups"]
    for a in range(0, n_events, per_article):
        text = f"Synthetic report {a}: " + " ".join(rng.choice(groups) for _ in range(20))
        article = Article(id=f"bench-{a:08d}", text=text)
        events = []
        for k in range(min(per_article, n_events - a)):
            sub = SubEventType(rng.choice(_QUERY_TYPES))
            day = PartialDate.of_day(dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(1800)))
            events.append(
                Event(
                    id=f"bench-{a + k:08d}",
                    article_id=article.id,
                    event_type=sub.event_type,
                    sub_event_type=sub,
                    date=EventDate(**day.model_dump()),
                    location=Location(
                        name=f"Place {rng.randrange(5000)}",
                        country_iso3=rng.choice(_QUERY_COUNTRIES),
                        latitude=rng.uniform(-35, 45),
                        longitude=rng.uniform(-20, 60),
                    ),
                    actor1=ActorRef(name=rng.choice(groups), inter=2),
                    actor2=ActorRef(name="Civilians", inter=7),
                    fatalities=Casualties(best=rng.randrange(30)),
                    summary=f"{sub.value} involving {rng.choice(groups)}.",
                )
            )
        yield ExtractionResult(article=article, events=events)


def bench_query(n_events: int = 100_000, *, seed: int = 13, repeat: int = 5) -> dict[str, float]:
    """Fill a temporary store with ``n_events`` coded events and time typical API queries.

    Returns the median milliseconds of each query (first page of 100 unless named otherwise).
    """
    from sitrep.store import EventQuery, SQLiteStore

    rng = random.Random(seed)
    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder, SQLiteStore(Path(folder) / "query.db") as store:
        started = time.perf_counter()
        for result in _synthetic_results(n_events, rng):
            store.save_result(result)
        timings["fill_seconds"] = round(time.perf_counter() - started, 1)
        queries = {
            "newest page": EventQuery(),
            "country": EventQuery(countries=("MLI",)),
            "country + month + type": EventQuery(
                countries=("NGA",),
                since=dt.date(2022, 3, 1),
                until=dt.date(2022, 3, 31),
                event_types=("Attack",),
            ),
            "actor substring": EventQuery(actor="shabaab"),
            "full text": EventQuery(text="drone strike"),
            "bbox": EventQuery(bbox=(0.0, 10.0, 10.0, 20.0)),
        }
        for name, query in queries.items():
            timings[f"{name} ms"] = _median_ms(lambda q=query: store.query_events(q), repeat)  # type: ignore[misc]
        cursor = None
        for _ in range(50):  # walk 50 pages deep, then time the next page
            cursor = store.query_events(EventQuery(cursor=cursor)).next_cursor
        timings["page 51 (keyset) ms"] = _median_ms(
            lambda: store.query_events(EventQuery(cursor=cursor)), repeat
        )
        timings["count country ms"] = _median_ms(
            lambda: store.count_events(EventQuery(countries=("MLI",))), repeat
        )
    return timings


def _median_ms(run: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    return round(sorted(samples)[len(samples) // 2], 2)
