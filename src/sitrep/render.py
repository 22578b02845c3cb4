"""How the ``sitrep`` command shows things: event tables, failure lists, progress, output files."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table

from sitrep.errors import ConfigError
from sitrep.model import Event, ExtractionResult
from sitrep.store.base import Failure, StoredEvent

__all__ = [
    "event_json",
    "failure_json",
    "output_file",
    "print_bench",
    "print_events",
    "print_failures",
    "print_result",
    "progress",
]

Tick = Callable[..., None]


@contextmanager
def progress(console: Console, label: str, *, enabled: bool = True) -> Iterator[Tick]:
    """A live count of articles done (and failed) on ``console``; silent when it is not a
    terminal or ``enabled`` is False. Yields ``tick(failed=False, total_failed=None)``."""
    if not (enabled and console.is_terminal):
        yield lambda **_: None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    counts = {"done": 0, "failed": 0}
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(label, total=None)

        def tick(failed: bool = False, total_failed: int | None = None) -> None:
            counts["done"] += 1
            counts["failed"] = (
                total_failed if total_failed is not None else counts["failed"] + int(failed)
            )
            bar.update(
                task, description=f"{label}: {counts['done']} articles, {counts['failed']} failed"
            )

        yield tick


@contextmanager
def output_file(path: str) -> Iterator[TextIO]:
    """``path`` opened for writing text (UTF-8), or stdout for ``-``."""
    if path == "-":
        yield sys.stdout
        return
    try:
        handle = Path(path).expanduser().open("w", encoding="utf-8", newline="")
    except OSError as error:
        raise ConfigError.from_catalogue(
            "E021", detail=f"cannot write {path}: {error.strerror}"
        ) from error
    with handle:
        yield handle


def _date(event: Event) -> str:
    if event.date is None:
        return "-"
    return event.date.value + (
        "" if event.date.precision.value == "day" else f" ({event.date.precision.value})"
    )


def _place(event: Event) -> str:
    place = event.location
    if place is None:
        return "-"
    parts = [place.place_name or place.name, place.admin1, place.country or place.country_iso3]
    return ", ".join(p for p in parts if p)


def _fatalities(event: Event) -> str:
    dead = event.fatalities
    if dead.best is None and dead.low is None and dead.high is None:
        return "-"
    if dead.low is not None and dead.high is not None and dead.low != dead.high:
        return f"{dead.low}-{dead.high}"
    return str(dead.best if dead.best is not None else dead.conservative)


def _events_table(events: list[Event], *, with_role: bool, with_id: bool = False) -> Table:
    table = Table(show_lines=False, pad_edge=False)
    columns = ["Role"] if with_role else []
    columns += ["Date", "Event type / sub-event type", "Location", "Actor 1", "Actor 2", "Deaths"]
    columns += ["Event id"] if with_id else []
    for name in columns:
        table.add_column(name, overflow="fold")
    for event in events:
        row = [event.role.value] if with_role else []
        row += [
            _date(event),
            f"{event.event_type.value} / {event.sub_event_type.value}",
            _place(event),
            event.actor1.name if event.actor1 else "-",
            event.actor2.name if event.actor2 else "-",
            _fatalities(event),
        ]
        row += [event.id] if with_id else []
        table.add_row(*row)
    return table


def print_result(console: Console, result: ExtractionResult) -> None:
    """One article's heading and the table of its events."""
    article = result.article
    published = f", published {article.published.value}" if article.published else ""
    heading = article.title or textwrap.shorten(
        article.text.split("\n", 1)[0], 80, placeholder=" ..."
    )
    console.print(
        f"\n{article.origin or article.id}: {heading}{published}", markup=False, style="bold"
    )
    if not result.events:
        console.print("  no events found", markup=False)
        return
    console.print(_events_table(result.events, with_role=True))


def print_events(
    console: Console, events: list[StoredEvent], *, total: int, next_cursor: str | None
) -> None:
    """A page of stored events, with how to get the next page."""
    if not events:
        console.print("No events match.", markup=False)
        return
    console.print(_events_table([s.event for s in events], with_role=False, with_id=True))
    more = f"; next page: --cursor {next_cursor}" if next_cursor else ""
    console.print(f"{len(events)} of {total} events{more}", markup=False)


def print_failures(console: Console, failures: list[Failure]) -> None:
    if not failures:
        console.print("No failures recorded.", markup=False)
        return
    table = Table(pad_edge=False)
    for name in ("When", "Input", "Code", "Reason"):
        table.add_column(name, overflow="fold")
    for f in failures:
        when = f.created_at.isoformat(timespec="seconds") if f.created_at else "-"
        table.add_row(when, f.origin, f.code, f.message)
    console.print(table)


def event_json(stored: StoredEvent) -> dict[str, Any]:
    """A stored event for ``--json`` output: the full record plus its article's address."""
    return {
        "event": stored.event.model_dump(mode="json"),
        "article": {
            "url": stored.article_url,
            "title": stored.article_title,
            "source": stored.article_source,
        },
    }


def failure_json(failure: Failure) -> dict[str, Any]:
    return {
        "origin": failure.origin,
        "code": failure.code,
        "message": failure.message,
        "article_id": failure.article_id,
        "created_at": failure.created_at.isoformat() if failure.created_at else None,
    }


def print_bench(result: Any, as_json: bool) -> None:
    """Benchmark figures as one JSON object or a few readable lines."""
    import json

    data = result.as_dict()
    if as_json:
        print(json.dumps(data))
        return
    print(
        f"{data['task']}: {data['articles']} articles, {data['words']:,} words, {data['events']} events "
        f"in {data['seconds']:.1f} s (model loaded in {data['load_seconds']:.1f} s, single thread)\n"
        f"  {data['articles_per_second']:.1f} articles/s, {data['words_per_second']:,.0f} words/s, "
        f"peak memory {data['peak_rss_mb']:.0f} MB RSS"
        + (f", {data['peak_traced_mb']:.0f} MB traced" if data.get("peak_traced_mb") else "")
        + f"\n  CPU time {data['cpu_seconds']:.1f} s: {data['articles_per_cpu_second']:.1f} "
        f"articles and {data['words_per_cpu_second']:,.0f} words per CPU second"
    )
