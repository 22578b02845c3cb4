"""``sitrep eval``: score the extractor on the development data, and gate CI on the floors."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from sitrep.errors import ConfigError

err = Console(stderr=True, highlight=False, soft_wrap=True)

DEFAULT_FLOORS = Path("eval/floors.json")

_HEADLINES = [
    ("case2021.weighted_f1", "CASE 2021 weighted F1"),
    ("case2021.macro_f1", "CASE 2021 macro F1"),
    ("acled.sub_event_type_accuracy", "ACLED sub-event type accuracy"),
    ("acled.fatalities_exact", "ACLED fatalities exact"),
    ("acled.country_accuracy", "ACLED country"),
    ("acled.actor1_normalised", "ACLED actor1 (regime years ignored)"),
    ("acled.actor1_exact", "ACLED actor1 exact"),
    ("acled.location_within_25km_in_gazetteer", "ACLED location within 25 km (place in gazetteer)"),
    ("acled.geo_precision_agreement", "ACLED geo_precision agreement (every event)"),
    (
        "acled.geo_precision_agreement_in_gazetteer",
        "ACLED geo_precision agreement (place in gazetteer)",
    ),
    ("geoparsing.lgl.gold_spans_acc_at_161km", "LGL acc@161km (gold spans)"),
    ("geoparsing.trnews.gold_spans_acc_at_161km", "TR-News acc@161km (gold spans)"),
    ("incidents_acled.false_merge_rate", "ACLED distinct events merged (false-merge rate)"),
]


def eval_command(
    suite: Annotated[
        list[str] | None,
        typer.Option(
            "--suite",
            "-s",
            help="case2021, acled, geoparsing or incidents_acled (repeatable; default: all).",
        ),
    ] = None,
    data: Annotated[
        Path | None,
        typer.Option("--data", help="Development data folder (default: ../shared/data/dev)."),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", help="Only the first N items of each set.")
    ] = None,
    gate: Annotated[
        bool, typer.Option("--gate", help="Fail (exit 1) if a metric is below its floor.")
    ] = False,
    floors: Annotated[
        Path, typer.Option("--floors", help="Floors file (committed).")
    ] = DEFAULT_FLOORS,
    report: Annotated[
        Path | None, typer.Option("--report", help="Also write the full report here (JSON).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the full report as JSON.")] = False,
) -> None:
    """Score extraction on labelled data: CASE 2021 snippets, ACLED notes, geoparsing corpora.

    Example: sitrep eval --suite acled --limit 500
    """
    from sitrep.cli import _edge
    from sitrep.core import Extractor
    from sitrep.evaluation.datasets import default_data_dir
    from sitrep.evaluation.runner import (
        SUITES,
        check_floors_not_lowered,
        load_floors,
        metric,
        run_suites,
    )
    from sitrep.evaluation.runner import gate as run_gate

    with _edge(as_json):
        chosen = tuple(suite or SUITES)
        unknown = [s for s in chosen if s not in SUITES]
        if unknown:
            raise ConfigError.from_catalogue(
                "E021", detail=f"--suite {', '.join(unknown)} (use {', '.join(SUITES)})"
            )
        data_dir = data or default_data_dir()
        if not data_dir.is_dir():
            raise ConfigError.from_catalogue("E008", path=data_dir)
        floor_values = load_floors(floors) if gate else {}
        if gate:
            lowered = check_floors_not_lowered(floor_values, _previous_floors(floors))
            if lowered:
                for line in lowered:
                    err.print(f"floor lowered: {line}", markup=False)
                raise typer.Exit(1)

        def progress(name: str, n: int) -> None:
            return None

        results = run_suites(data_dir, Extractor(), chosen, limit=limit, progress=progress)
    if report is not None:
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text(json.dumps(results, indent=1), encoding="utf-8")
    if as_json:
        print(json.dumps(results))
    else:
        for path, label in _HEADLINES:
            value = metric(results, path)
            if value is not None:
                print(f"{label:55} {value:.4f}")
        for name, seconds in results["_seconds"].items():
            print(f"{'time: ' + name:55} {seconds:.0f} s")
    if gate:
        outcome = run_gate(results, floor_values)
        for path, floor, value in outcome.checked:
            mark = "ok  " if value is not None and value + 1e-9 >= floor else "FAIL"
            shown = "missing" if value is None else f"{value:.4f}"
            err.print(f"{mark} {path:55} {shown} (floor {floor:.4f})", markup=False)
        if not outcome.passed:
            raise typer.Exit(1)


def _previous_floors(path: Path) -> dict[str, float]:
    """The floors file as committed on the previous commit touching it, when git history is there."""
    try:
        shown = subprocess.run(
            ["git", "log", "-n", "2", "--format=%H", "--", str(path)],
            capture_output=True,
            text=True,
            check=True,
            timeout=20,
        ).stdout.split()
        if len(shown) < 2 and os.environ.get("SITREP_FLOORS_BASE") is None:
            return {}
        base = os.environ.get("SITREP_FLOORS_BASE") or shown[1]
        text = subprocess.run(
            ["git", "show", f"{base}:{path}"],
            capture_output=True,
            text=True,
            check=True,
            timeout=20,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    data: dict[str, Any] = json.loads(text)
    return {k: float(v) for k, v in data.get("floors", {}).items()}
