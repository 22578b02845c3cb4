"""``sitrep incidents``: list, show, split, merge and export incidents (a typer sub-app).

Mounted by the main CLI as ``app.add_typer(incidents_app, name="incidents")``, with
``app.command("incident")(show_incident)`` for ``sitrep incident ID``. Every command parses its
options and calls the library (``sitrep.incidents.service`` and the engine).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from sitrep.errors import ReviewError, SitrepError

__all__ = ["app", "show_incident"]

app = typer.Typer(
    help="Incidents: one real event across many reports, with every claim and a fair range.\n\n"
    "Example: sitrep incidents --country Mali --since 2024-08 --contested",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)

Db = Annotated[
    str | None,
    typer.Option("--db", help="Database file for this command (default: $SITREP_HOME/sitrep.db)."),
]
Json = Annotated[bool, typer.Option("--json", help="Print JSON for machines instead of tables.")]
Note = Annotated[str, typer.Option("--note", help="Why: kept with the decision.")]


@contextmanager
def _edge(as_json: bool = False) -> Iterator[None]:
    """sitrep's exceptions become a message on stderr and the documented exit code."""
    try:
        yield
    except SitrepError as error:
        if as_json:
            message = {"error": {"code": error.code, "message": error.message}}
            print(json.dumps(message), file=sys.stderr)
        else:
            err.print(f"error [{error.code}]: {error.message}", markup=False)
        raise typer.Exit(error.exit_code) from None


@contextmanager
def _engine(db: str | None) -> Iterator[Any]:
    from sitrep.config import Settings
    from sitrep.incidents.service import incident_engine
    from sitrep.store import open_store

    settings = Settings.from_env(db=Path(db).expanduser() if db else None)
    if db is None and "://" not in settings.db:
        settings.ensure_home()
    with open_store(settings.db) as store:
        yield store, incident_engine(store)


def _print_changes(changes: Any, action: str) -> None:
    renamed = "".join(f"; {old} is now {new}" for old, new in sorted(changes.aliases.items()))
    err.print(
        f"{action}: {len(changes.written)} incidents written, {len(changes.removed)} removed{renamed}",
        markup=False,
    )


@app.callback(invoke_without_command=True)
def incidents(
    ctx: typer.Context,
    country: Annotated[
        list[str] | None,
        typer.Option("--country", "-c", help="Country name or ISO code (repeatable)."),
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="On or after (YYYY[-MM[-DD]]).")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="On or before (YYYY[-MM[-DD]]).")
    ] = None,
    event_type: Annotated[
        list[str] | None,
        typer.Option("--type", "-t", help="Event type or sub-event type (repeatable)."),
    ] = None,
    contested: Annotated[
        bool | None,
        typer.Option("--contested/--agreed", help="Only incidents whose toll is (not) contested."),
    ] = None,
    min_sources: Annotated[
        int | None, typer.Option("--min-sources", min=1, help="At least this many outlets.")
    ] = None,
    min_fatalities: Annotated[
        int | None, typer.Option("--min-fatalities", min=0, help="Conservative toll at least this.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=10000)] = 50,
    offset: Annotated[int, typer.Option("--offset", min=0)] = 0,
    db: Db = None,
    as_json: Json = False,
) -> None:
    """List incidents, newest first, with filters (without a subcommand).

    Example: sitrep incidents -c MLI --since 2024-08 --min-sources 2
    """
    if ctx.invoked_subcommand is not None:
        return
    from sitrep.incidents.render import print_incidents
    from sitrep.incidents.service import make_incident_query

    with _edge(as_json):
        query = make_incident_query(
            countries=country or (),
            since=since,
            until=until,
            event_types=event_type or (),
            contested=contested,
            min_sources=min_sources,
            min_fatalities=min_fatalities,
            limit=limit,
            offset=offset,
        )
        with _engine(db) as (_, engine):
            found = engine.backend.query_incidents(query)
            total = engine.backend.count_incidents(query)
        if as_json:
            items = [i.model_dump(mode="json") for i in found]
            print(json.dumps({"total": total, "incidents": items}, ensure_ascii=False))
            return
        print_incidents(Console(highlight=False), found, total=total)


@app.command("show")
def show_incident(
    incident_id: Annotated[str, typer.Argument(help="Incident id (inc-...), as listed.")],
    evidence: Annotated[
        bool, typer.Option("--evidence/--no-evidence", help="Quote the sentence of each claim.")
    ] = True,
    db: Db = None,
    as_json: Json = False,
) -> None:
    """Show one incident: its reports, claims, range and why the reports were linked.

    Example: sitrep incident inc-3f2a9c1b0d4e5f6a7b8c
    """
    from sitrep.incidents.render import print_incident

    with _edge(as_json), _engine(db) as (_, engine):
        incident = engine.backend.get_incident(incident_id)
        if as_json:
            print(json.dumps(incident.model_dump(mode="json"), ensure_ascii=False))
            return
        print_incident(Console(highlight=False), incident, evidence=evidence)


def _members(engine: Any, incident_id: str, prefixes: list[str]) -> list[str]:
    """Event ids of the incident's reports, given whole or by an unambiguous prefix."""
    incident = engine.backend.get_incident(incident_id)
    ids = [r.event_id for r in incident.reports]
    chosen = []
    for prefix in prefixes:
        found = [e for e in ids if e.startswith(prefix)]
        if len(found) != 1:
            raise ReviewError.from_catalogue("E082", ids=prefix, incident=incident.id)
        chosen.append(found[0])
    return chosen


@app.command()
def split(
    incident_id: Annotated[str, typer.Argument(help="The incident that merged too much.")],
    events: Annotated[list[str], typer.Argument(help="Event ids (or prefixes) to take out.")],
    note: Note = "",
    db: Db = None,
) -> None:
    """Take reports out of an incident into one of their own; the decision survives re-processing.

    Example: sitrep incidents split inc-3f2a9c1b 7d1e0a --note "a different strike, same day"
    """
    with _edge(), _engine(db) as (_, engine):
        chosen = _members(engine, incident_id, events)
        _print_changes(engine.split(incident_id, chosen, note=note), "split")


@app.command()
def merge(
    incident_ids: Annotated[list[str], typer.Argument(help="Two or more incident ids.")],
    note: Note = "",
    db: Db = None,
) -> None:
    """Make two or more incidents one; the decision survives re-processing.

    Example: sitrep incidents merge inc-3f2a9c1b inc-9e8d7c6b --note "same strike, date misread"
    """
    with _edge(), _engine(db) as (_, engine):
        _print_changes(engine.merge(incident_ids, note=note), "merge")


@app.command()
def decisions(db: Db = None, as_json: Json = False) -> None:
    """List the analyst's split and merge decisions (numbered, newest last).

    Example: sitrep incidents decisions
    """
    from sitrep.incidents.render import print_decisions

    with _edge(as_json), _engine(db) as (_, engine):
        found = engine.backend.list_overrides()
        if as_json:
            rows = [
                {
                    "id": d.id,
                    "kind": d.kind.value,
                    "first": vars(d.first),
                    "second": vars(d.second),
                    "note": d.note,
                    "active": d.active,
                    "created_at": d.created_at.isoformat() if d.created_at else None,
                }
                for d in found
            ]
            print(json.dumps(rows, ensure_ascii=False))
            return
        print_decisions(Console(highlight=False), found)


@app.command()
def undo(
    decision: Annotated[int, typer.Argument(help="Decision number (see `decisions`).")],
    db: Db = None,
) -> None:
    """Withdraw an analyst decision and recompute the incidents it touched.

    Example: sitrep incidents undo 3
    """
    with _edge(), _engine(db) as (_, engine):
        _print_changes(engine.undo(decision), f"decision {decision} withdrawn")


@app.command()
def link(
    full: Annotated[
        bool, typer.Option("--full", help="Also recompute every incident from scratch.")
    ] = False,
    db: Db = None,
) -> None:
    """File every stored event into incidents (for a database ingested before incidents existed).

    Example: sitrep incidents link --full
    """
    from sitrep.incidents.service import file_stored_events

    with _edge(), _engine(db) as (store, engine):
        changes = file_stored_events(store, engine)
        if full:
            changes.extend(engine.rebuild())
        _print_changes(changes, "linked")


@app.command()
def export(
    output: Annotated[str, typer.Option("--output", "-o", help="CSV file, or - for stdout.")] = "-",
    country: Annotated[list[str] | None, typer.Option("--country", "-c")] = None,
    since: Annotated[str | None, typer.Option("--since")] = None,
    until: Annotated[str | None, typer.Option("--until")] = None,
    db: Db = None,
) -> None:
    """Write incidents as UCDP-GED-style CSV (best/low/high, deaths by side, date_prec, where_prec).

    Example: sitrep incidents export -c MLI -o mali-incidents.csv
    """
    from sitrep.incidents.service import make_incident_query
    from sitrep.incidents.ucdp import UCDP_COLUMNS, ucdp_rows

    with _edge(), _engine(db) as (_, engine):
        query = make_incident_query(countries=country or (), since=since, until=until, limit=10000)
        rows, offset = [], 0
        while True:
            page = engine.backend.query_incidents(replace(query, offset=offset))
            rows += list(ucdp_rows(page))
            offset += len(page)
            if len(page) < query.limit:
                break
        with _open_output(output) as out:
            writer = csv.DictWriter(out, fieldnames=UCDP_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        err.print(f"{len(rows)} incidents written to {output}", markup=False)


@contextmanager
def _open_output(path: str) -> Iterator[Any]:
    if path == "-":
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", newline="") as handle:
        yield handle


@app.command()
def bench(
    reports: Annotated[
        int, typer.Option("--reports", min=1000, help="Reports to ingest.")
    ] = 100_000,
    backend: Annotated[str, typer.Option("--backend", help="sqlite or memory.")] = "sqlite",
    seed: Annotated[int, typer.Option("--seed")] = 7,
    as_json: Json = False,
) -> None:
    """Linking cost as incidents grow: time to ingest the 1,000th ... Nth report (synthetic).

    Example: sitrep incidents bench --reports 100000
    """
    from sitrep.incidents.bench import print_link_bench, run_link_bench

    with _edge(as_json):
        result = run_link_bench(reports, backend=backend, seed=seed)
        print_link_bench(result, as_json=as_json)


if __name__ == "__main__":  # python -m sitrep.incidents.cli ... (before the main CLI mounts it)
    app()
