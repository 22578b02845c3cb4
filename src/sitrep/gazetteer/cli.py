"""``sitrep gazetteer import|status|build``: a thin command layer over the library functions.

The lead mounts ``app`` in ``sitrep.cli``; every command only checks its arguments and calls
``import_geonames``, ``gazetteer_status`` or ``build_embedded``.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from sitrep.errors import SitrepError

app = typer.Typer(help="The gazetteer: what is loaded, and GeoNames imports.", no_args_is_help=True)


def _path(gazetteer: Path | None) -> Path:
    from sitrep.config import Settings

    return gazetteer or Settings.from_env().gazetteer


@app.command("import")
def import_command(
    files: list[Path] = typer.Argument(
        ..., help="GeoNames files: allCountries.zip, ML.zip, alternateNamesV2.zip, ..."
    ),
    gazetteer: Path | None = typer.Option(
        None, help="gazetteer file (default: $SITREP_HOME/gazetteer.db)"
    ),
) -> None:
    """Import GeoNames dumps into the gazetteer.

    Example: sitrep gazetteer import ML.zip BF.zip admin1CodesASCII.txt admin2Codes.txt
    """
    from rich.progress import Progress, TaskID

    from sitrep.gazetteer import import_geonames

    path = _path(gazetteer)
    with Progress() as bar:
        tasks: dict[str, TaskID] = {}

        def progress(task: str, done: int, total: int | None) -> None:
            if task not in tasks:
                tasks[task] = bar.add_task(task, total=total)
            bar.update(tasks[task], completed=done, total=total)

        try:
            report = import_geonames(files, path, progress=progress)
        except SitrepError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from exc
    rows = sum(report.rows.values())
    typer.echo(f"imported {rows:,} rows in {report.seconds:.1f} s ({report.rows_per_second:,.0f} rows/s); "
               f"{report.places:,} places in {path}")  # fmt: skip


@app.command("status")
def status_command(
    gazetteer: Path | None = typer.Option(
        None, help="gazetteer file (default: $SITREP_HOME/gazetteer.db)"
    ),
    as_json: bool = typer.Option(False, "--json", help="print JSON"),
) -> None:
    """Say what the gazetteer holds.

    Example: sitrep gazetteer status --json
    """
    from sitrep.gazetteer import gazetteer_status

    try:
        info = gazetteer_status(_path(gazetteer))
    except SitrepError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(exc.exit_code) from exc
    if as_json:
        typer.echo(json.dumps(info, indent=2))
        return
    for key, value in info.items():
        typer.echo(f"{key:24} {value}")


@app.command("build")
def build_command(
    gazetteer: Path | None = typer.Option(
        None, help="gazetteer file (default: $SITREP_HOME/gazetteer.db)"
    ),
    supplement: Path | None = typer.Option(None, help="a places supplement file of your own (TSV)"),
) -> None:
    """(Re)build the embedded default gazetteer from packaged data; imported dumps are dropped.

    Example: sitrep gazetteer build --supplement my_places.tsv
    """
    from sitrep.gazetteer import build_embedded

    try:
        path = build_embedded(_path(gazetteer), supplement=supplement)
    except SitrepError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(exc.exit_code) from exc
    typer.echo(f"built {path}")
