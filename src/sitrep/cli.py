"""The ``sitrep`` command: a thin layer that parses options and calls the library.

Every command that prints data has ``--json``; progress goes to stderr and only to a terminal;
errors are the catalogue's messages, with exit codes that scripts can rely on (``EXIT_CODES``).
"""

from __future__ import annotations

import json
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from sitrep import render
from sitrep.config import Settings
from sitrep.errors import ConfigError, InputError, SitrepError
from sitrep.store.base import Failure

EXIT_CODES = {
    0: "success: every article was read (and extracted or stored)",
    1: "some articles failed; the others were processed (see the messages or `sitrep failures`)",
    2: "usage or configuration error (bad option, date, country, event type)",
    3: "no article could be used (every input failed, or none was found)",
    4: "a record asked for by id does not exist",
    5: "the database cannot be opened, migrated or written",
    6: "the language model or the gazetteer is missing or broken",
    70: "internal error: a bug in sitrep (please report it with the traceback)",
}
_EPILOG = "Exit codes: " + "; ".join(f"{code} {text}" for code, text in EXIT_CODES.items()) + "."

app = typer.Typer(
    name="sitrep",
    help="Turn news about armed conflict into structured, evidence-linked event data (ACLED style).\n\n"
    "Example: sitrep extract --example",
    epilog=_EPILOG,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
bench_app = typer.Typer(
    help="Speed and memory benchmarks on a synthetic corpus.", no_args_is_help=True
)
app.add_typer(bench_app, name="bench")


def _mount_subcommands() -> None:
    """Commands that live with their packages: eval, gazetteer, serve."""
    from sitrep.evaluation.command import eval_command
    from sitrep.gazetteer.cli import app as gazetteer_app
    from sitrep.incidents.cli import app as incidents_app
    from sitrep.incidents.cli import show_incident
    from sitrep.server.cli import app as server_app

    app.command("eval")(eval_command)
    app.add_typer(incidents_app, name="incidents", help="Incidents: one real event, many reports.")
    app.command("incident")(show_incident)
    app.add_typer(gazetteer_app, name="gazetteer", help="Build, import and inspect the gazetteer.")
    app.add_typer(server_app)


err = Console(stderr=True, highlight=False, soft_wrap=True)

# -- shared options ---------------------------------------------------------------------------
Paths = Annotated[
    list[str] | None, typer.Argument(help="Files, directories, or - for stdin.", show_default=False)
]
Example = Annotated[
    bool, typer.Option("--example", help="Use the example articles shipped with sitrep.")
]
Published = Annotated[
    str | None,
    typer.Option(
        "--published", help="Publication date (YYYY-MM-DD, YYYY-MM) for articles that carry none."
    ),
]
Json = Annotated[bool, typer.Option("--json", help="Print JSON for machines instead of tables.")]
Quiet = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress bar and no summary on stderr.")
]
Db = Annotated[
    str | None,
    typer.Option("--db", help="Database file for this command (default: $SITREP_HOME/sitrep.db)."),
]
Country = Annotated[
    list[str] | None, typer.Option("--country", "-c", help="Country name or ISO code (repeatable).")
]
Since = Annotated[
    str | None, typer.Option("--since", help="Events on or after this date (YYYY[-MM[-DD]]).")
]
Until = Annotated[
    str | None, typer.Option("--until", help="Events on or before this date (YYYY[-MM[-DD]]).")
]
EventTypeOpt = Annotated[
    list[str] | None,
    typer.Option("--type", "-t", help="ACLED event type or sub-event type (repeatable)."),
]
Actor = Annotated[str | None, typer.Option("--actor", "-a", help="Part of an actor's name.")]
Text = Annotated[
    str | None,
    typer.Option("--text", help="Words in the event or its article (word* for prefixes)."),
]
Admin1 = Annotated[str | None, typer.Option("--admin1", help="First-level region, e.g. Kidal.")]
Bbox = Annotated[str | None, typer.Option("--bbox", help="min_lon,min_lat,max_lon,max_lat")]
Dense = Annotated[
    bool,
    typer.Option(
        "--dense",
        help="Every paragraph about violence (worst case); default: wire reports with context.",
    ),
]
Background = Annotated[
    bool, typer.Option("--include-background", help="Include events mentioned only as background.")
]


@contextmanager
def _edge(as_json: bool = False) -> Iterator[None]:
    """Turn sitrep's exceptions into a message on stderr and the documented exit code."""
    try:
        yield
    except SitrepError as error:
        if as_json:
            print(
                json.dumps({"error": {"code": error.code, "message": error.message}}),
                file=sys.stderr,
            )
        else:
            err.print(f"error [{error.code}]: {error.message}", markup=False)
        raise typer.Exit(error.exit_code) from None


def _settings(db: str | None) -> Settings:
    return Settings.from_env(db=Path(db).expanduser() if db else None)


def _open_store(db: str | None) -> Any:
    from sitrep.store import open_store

    settings = _settings(db)
    if db is None and "://" not in settings.db:
        settings.ensure_home()
    return open_store(settings.db)


def _published(value: str | None) -> str | None:
    if value is None:
        return None
    from sitrep.pipeline.clean import parse_published

    try:
        return parse_published(value).value
    except InputError as error:
        raise ConfigError(error.message, code=error.code) from error


def _inputs(paths: list[str] | None, example: bool) -> list[str]:
    from sitrep.ingest import example_paths

    chosen = list(paths or [])
    if example:
        chosen += [str(p) for p in example_paths()]
    if not chosen:
        raise ConfigError.from_catalogue("E012")
    return chosen


def _reapply_reviews(store: Any) -> None:
    """Analysts' corrections survive re-extraction: write them into the new events."""
    from sitrep.server.review import apply_pending, ensure_review_schema

    ensure_review_schema(store.conn)
    apply_pending(store.conn)


def _report_failure(failure: Failure, as_json: bool) -> None:
    if as_json:
        print(
            json.dumps(
                {"origin": failure.origin, "code": failure.code, "message": failure.message}
            ),
            file=sys.stderr,
        )
    else:
        err.print(f"{failure.origin}: [{failure.code}] {failure.message}", markup=False)


def _exit_for(ok: int, failed: int, inputs: list[str]) -> None:
    if ok == 0 and failed == 0:
        raise InputError.from_catalogue("E013", inputs=", ".join(inputs))
    if failed:
        raise typer.Exit(3 if ok == 0 else 1)


# -- commands -----------------------------------------------------------------------------------
@app.command()
def extract(
    paths: Paths = None,
    example: Example = False,
    published: Published = None,
    as_json: Json = False,
    quiet: Quiet = False,
) -> None:
    """Read articles and print the events they report (nothing is stored).

    Example: sitrep extract report.txt --published 2024-08-26
    """
    from sitrep.core import Extractor
    from sitrep.ingest import extract_items, prepare_items, read_inputs

    with _edge(as_json):
        inputs = _inputs(paths, example)
        settings = _settings(None)
        raw = read_inputs(
            inputs,
            stdin=sys.stdin.buffer,
            published=_published(published),
            max_bytes=settings.max_input_bytes,
        )
        ok = failed = 0
        out = Console(highlight=False)
        with render.progress(err, "Extracting", enabled=not quiet) as tick:
            for outcome in extract_items(
                prepare_items(raw, max_bytes=settings.max_input_bytes), Extractor()
            ):
                tick(failed=outcome.failure is not None)
                if outcome.failure is not None:
                    failed += 1
                    _report_failure(outcome.failure, as_json)
                    continue
                assert outcome.result is not None
                ok += 1
                if as_json:
                    print(outcome.result.model_dump_json())
                else:
                    render.print_result(out, outcome.result)
        _exit_for(ok, failed, inputs)


@app.command()
def ingest(
    paths: Paths = None,
    example: Example = False,
    published: Published = None,
    db: Db = None,
    reextract: Annotated[
        bool,
        typer.Option("--reextract", help="Extract stored articles again, replacing their events."),
    ] = False,
    as_json: Json = False,
    quiet: Quiet = False,
) -> None:
    """Store articles and their events in the database; failures are recorded there too.

    Example: sitrep ingest reports/ --published 2024-08-26 --db conflict.db
    """
    from sitrep.core import Extractor
    from sitrep.ingest import ingest_items, prepare_items, read_inputs

    with _edge(as_json):
        inputs = _inputs(paths, example)
        max_bytes = _settings(db).max_input_bytes
        raw = read_inputs(
            inputs, stdin=sys.stdin.buffer, published=_published(published), max_bytes=max_bytes
        )
        with _open_store(db) as store, render.progress(err, "Ingesting", enabled=not quiet) as tick:
            seen = [0]

            def progress(report: Any) -> None:
                for failure in report.failures[seen[0] :]:
                    _report_failure(failure, as_json)
                seen[0] = len(report.failures)
                tick(failed=False, total_failed=len(report.failures))

            from sitrep.incidents.service import after_save, incident_engine

            report = ingest_items(
                store,
                prepare_items(raw, max_bytes=max_bytes),
                Extractor(),
                reextract=reextract,
                on_progress=progress,
                on_saved=after_save(incident_engine(store)),
            )
            if reextract:
                _reapply_reviews(store)
            location = store.location
        summary = {
            "stored": report.stored,
            "unchanged": report.unchanged,
            "events": report.events,
            "failed": len(report.failures),
            "database": location,
        }
        if as_json:
            print(json.dumps(summary))
        elif not quiet:
            err.print(
                f"{report.stored} articles stored ({report.events} events), {report.unchanged} already there, "
                f"{len(report.failures)} failed; database {location}",
                markup=False,
            )
        _exit_for(report.stored + report.unchanged, len(report.failures), inputs)


@app.command()
def events(
    country: Country = None,
    since: Since = None,
    until: Until = None,
    event_type: EventTypeOpt = None,
    actor: Actor = None,
    text: Text = None,
    admin1: Admin1 = None,
    bbox: Bbox = None,
    include_background: Background = False,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, max=10000, help="Events per page.")
    ] = 50,
    cursor: Annotated[
        str | None, typer.Option("--cursor", help="Next-page cursor from an earlier call.")
    ] = None,
    db: Db = None,
    as_json: Json = False,
) -> None:
    """List stored events, newest first, with filters.

    Example: sitrep events --country Mali --since 2024-08 --type "Air/drone strike" --actor wagner
    """
    from sitrep.store.filters import make_query

    with _edge(as_json):
        query = make_query(
            countries=country or (),
            since=since,
            until=until,
            event_types=event_type or (),
            actor=actor,
            text=text,
            admin1=admin1,
            bbox=bbox,
            include_background=include_background,
            limit=limit,
            cursor=cursor,
        )
        with _open_store(db) as store:
            page = store.query_events(query)
            total = store.count_events(query)
        if as_json:
            items = [render.event_json(stored) for stored in page.events]
            print(
                json.dumps(
                    {"total": total, "next_cursor": page.next_cursor, "events": items},
                    ensure_ascii=False,
                )
            )
            return
        render.print_events(
            Console(highlight=False), page.events, total=total, next_cursor=page.next_cursor
        )


@app.command()
def export(
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="csv (ACLED style), jsonl or geojson; default from --output, else csv.",
        ),
    ] = None,
    output: Annotated[
        str, typer.Option("--output", "-o", help="File to write, or - for stdout.")
    ] = "-",
    country: Country = None,
    since: Since = None,
    until: Until = None,
    event_type: EventTypeOpt = None,
    actor: Actor = None,
    text: Text = None,
    admin1: Admin1 = None,
    bbox: Bbox = None,
    include_background: Background = False,
    db: Db = None,
    quiet: Quiet = False,
) -> None:
    """Write stored events as ACLED-style CSV, JSON Lines or GeoJSON (background events left out).

    Example: sitrep export --country MLI --since 2024-01 -o mali.csv
    """
    from sitrep import export as exporter
    from sitrep.store.filters import make_query

    with _edge():
        chosen = (fmt or _format_of(output)).lower()
        writers = {
            "csv": exporter.write_csv,
            "jsonl": exporter.write_jsonl,
            "geojson": exporter.write_geojson,
        }
        if chosen not in writers:
            raise ConfigError.from_catalogue(
                "E021", detail=f"--format {chosen!r} (use csv, jsonl or geojson)"
            )
        query = make_query(
            countries=country or (),
            since=since,
            until=until,
            event_types=event_type or (),
            actor=actor,
            text=text,
            admin1=admin1,
            bbox=bbox,
            include_background=include_background,
        )
        with _open_store(db) as store, render.output_file(output) as out:
            if chosen == "csv":
                count = exporter.write_csv(store.iter_events(query), out, _incident_lookup(store))
            else:
                count = writers[chosen](store.iter_events(query), out)
        if not quiet:
            skipped = f", {count.skipped} without coordinates left out" if count.skipped else ""
            err.print(
                f"{count.written} events written as {chosen} to {output}{skipped}", markup=False
            )


def _incident_lookup(store: Any) -> Any:
    """Event ids -> the UCDP-style columns of their incidents."""
    from sitrep.incidents.sqlite import SQLiteIncidentBackend
    from sitrep.incidents.ucdp import incident_columns

    backend = SQLiteIncidentBackend.of(store)
    return lambda ids: incident_columns(backend, ids)


def _format_of(output: str) -> str:
    suffix = Path(output).suffix.lower().lstrip(".")
    return {"json": "geojson", "ndjson": "jsonl"}.get(suffix, suffix) if suffix else "csv"


@app.command()
def failures(
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="How many, newest first.")
    ] = 50,
    db: Db = None,
    as_json: Json = False,
) -> None:
    """List inputs that could not be read or extracted, with the reason.

    Example: sitrep failures --limit 20
    """
    with _edge(as_json), _open_store(db) as store:
        found = store.failures(limit=limit)
    if as_json:
        print(json.dumps([render.failure_json(f) for f in found], ensure_ascii=False))
        return
    render.print_failures(Console(highlight=False), found)


@app.command()
def status(db: Db = None, as_json: Json = False) -> None:
    """Show where sitrep keeps its files and what the database holds.

    Example: SITREP_HOME=/data/sitrep sitrep status
    """
    settings = _settings(db)
    with _edge(as_json), _open_store(db) as store:
        stats = store.stats()
    data = {
        "home": str(settings.home),
        "database": stats.location,
        "schema_version": stats.schema_version,
        "articles": stats.articles,
        "events": stats.events,
        "failures": stats.failures,
        "gazetteer": str(settings.gazetteer),
    }
    if as_json:
        print(json.dumps(data))
        return
    for key, value in data.items():
        print(f"{key:15} {value}")


@app.command()
def schema(
    name: Annotated[str, typer.Option("--name", help="event or result")] = "result",
    write: Annotated[
        bool, typer.Option("--write", help="Regenerate the files in src/sitrep/schema/.")
    ] = False,
) -> None:
    """Print (or --write) the JSON Schema of sitrep's records, generated from the model.

    Example: sitrep schema --name event > event.schema.json
    """
    from sitrep import schema as schemas

    with _edge():
        if write:
            for path in schemas.write_schemas():
                err.print(f"wrote {path}", markup=False)
            return
        if name not in schemas.SCHEMA_FILES:
            raise ConfigError.from_catalogue(
                "E021", detail=f"--name {name!r} (use event or result)"
            )
        sys.stdout.write(schemas.render_schema(name))


@bench_app.command("extract")
def bench_extract_command(
    articles: Annotated[
        int, typer.Option("--articles", min=1, help="Size of the synthetic corpus.")
    ] = 1000,
    seed: Annotated[int, typer.Option("--seed")] = 13,
    trace: Annotated[
        bool, typer.Option("--trace-memory", help="Also measure Python allocations (slower).")
    ] = False,
    dense: Dense = False,
    as_json: Json = False,
) -> None:
    """Extract a synthetic corpus in one thread and report articles/s, words/s and peak memory.

    Example: sitrep bench extract --articles 1000
    """
    from sitrep import bench

    bench.single_thread()
    with _edge(as_json):
        render.print_bench(
            bench.bench_extract(articles, seed=seed, trace=trace, dense=dense), as_json
        )


@bench_app.command("ingest")
def bench_ingest_command(
    articles: Annotated[
        int, typer.Option("--articles", min=1, help="Size of the synthetic corpus.")
    ] = 1000,
    seed: Annotated[int, typer.Option("--seed")] = 13,
    db: Annotated[
        str | None, typer.Option("--db", help="Keep the database here (default: a temporary file).")
    ] = None,
    dense: Dense = False,
    as_json: Json = False,
) -> None:
    """Clean, extract and store a synthetic corpus; report articles/s, words/s and peak memory.

    Example: sitrep bench ingest --articles 1000
    """
    from sitrep import bench

    bench.single_thread()
    with _edge(as_json):
        render.print_bench(
            bench.bench_ingest(articles, seed=seed, db=Path(db) if db else None, dense=dense),
            as_json,
        )


@bench_app.command("query")
def bench_query_command(
    events_count: Annotated[
        int, typer.Option("--events", min=10, help="Events in the synthetic store.")
    ] = 100_000,
    seed: Annotated[int, typer.Option("--seed")] = 13,
    as_json: Json = False,
) -> None:
    """Time typical event queries (filters, full text, bbox, deep keyset paging) on a big store.

    Example: sitrep bench query --events 100000
    """
    from sitrep import bench

    with _edge(as_json):
        timings = bench.bench_query(events_count, seed=seed)
    if as_json:
        print(json.dumps({"events": events_count, **timings}))
        return
    print(f"query: {events_count:,} events")
    for name, value in timings.items():
        print(f"  {name:28} {value}")


def _print_figures(title: str, figures: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print(json.dumps(figures))
        return
    print(title)
    for name, value in figures.items():
        print(f"  {name:28} {value}")


@bench_app.command("geocode")
def bench_geocode_command(
    repeat: Annotated[int, typer.Option("--repeat", min=1, help="Documents geocoded.")] = 200,
    as_json: Json = False,
) -> None:
    """Toponyms found and resolved per second on a report naming a dozen Sahel places (parse excluded).

    Example: sitrep bench geocode --repeat 500
    """
    from sitrep import bench, bench_geo

    bench.single_thread()
    with _edge(as_json):
        figures = bench_geo.bench_resolve(repeat)
    _print_figures("geocode: toponyms resolved against the gazetteer", figures, as_json)


@bench_app.command("gazetteer-import")
def bench_gazetteer_import_command(
    files: Annotated[
        list[Path], typer.Argument(help="GeoNames files (ML.zip, admin1CodesASCII.txt, ...).")
    ],
    as_json: Json = False,
) -> None:
    """Import GeoNames files into a temporary gazetteer: rows per second and peak memory.

    Example: sitrep bench gazetteer-import ML.zip BF.zip admin1CodesASCII.txt admin2Codes.txt
    """
    from sitrep import bench_geo

    with _edge(as_json):
        figures = bench_geo.bench_import(files)
    _print_figures("gazetteer import (embedded default built first)", figures, as_json)


_mount_subcommands()


def main() -> None:
    """Entry point of the ``sitrep`` command."""
    try:
        app()
    except Exception:  # noqa: BLE001 - the edge: show the bug with its traceback, exit 70
        traceback.print_exc()
        err.print(
            "internal error: this is a bug in sitrep; please report it with the traceback above."
        )
        sys.exit(70)
