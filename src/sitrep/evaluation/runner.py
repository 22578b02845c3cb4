"""Run the evaluation suites and check them against the committed floors (the CI gate).

Suites (each a module with ``run(data_dir, extractor, limit=..., progress=...) -> dict``):

- ``case2021``   CASE 2021 task 2 snippets -> sub-event type or no event (weighted/macro F1)
- ``acled``      ACLED notes -> sub-event type, fatalities, country, actors, location
- ``geoparsing`` LGL and TR-News -> toponym precision/recall, accuracy within 161 km and 25 km
- ``incidents_acled`` ACLED notes re-extracted as reports -> events ACLED coded as distinct
  (same day, same admin1) that the incident layer merged (``rows_kept_distinct`` = 1 - rate)

Floors live in ``eval/floors.json`` at the repository root: a metric path (``acled.country_accuracy``)
and the lowest value CI accepts. Floors are only ever raised; ``check_floors_not_lowered``
compares a floors file with an earlier version of itself.
"""

from __future__ import annotations

import importlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["SUITES", "GateFailure", "check_floors_not_lowered", "gate", "metric", "run_suites"]

SUITES = ("case2021", "acled", "geoparsing", "incidents_acled")


def run_suites(
    data_dir: Path,
    extractor: object,
    suites: tuple[str, ...] = SUITES,
    *,
    limit: int | None = None,
    progress: Callable[[str, int], None] | None = None,
) -> dict[str, Any]:
    """Run each suite; returns ``{suite: metrics, "_seconds": {suite: s}}``."""
    report: dict[str, Any] = {"_seconds": {}}
    for suite in suites:
        module = importlib.import_module(f"sitrep.evaluation.{suite}")
        started = time.perf_counter()

        def tick(n: int, suite: str = suite) -> None:
            if progress is not None:
                progress(suite, n)

        report[suite] = module.run(data_dir, extractor, limit=limit, progress=tick)
        report["_seconds"][suite] = round(time.perf_counter() - started, 1)
    return report


def metric(report: dict[str, Any], path: str) -> float | None:
    """A metric by dotted path; ``{"value": x}`` leaves are read as x."""
    node: Any = report
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    if isinstance(node, dict) and "value" in node:
        node = node["value"]
    return float(node) if isinstance(node, (int, float)) else None


@dataclass
class GateFailure:
    metric: str
    floor: float
    value: float | None

    def __str__(self) -> str:
        shown = "missing" if self.value is None else f"{self.value:.4f}"
        return f"{self.metric}: {shown} < floor {self.floor:.4f}"


@dataclass
class GateResult:
    checked: list[tuple[str, float, float | None]] = field(default_factory=list)
    failures: list[GateFailure] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


def load_floors(path: Path) -> dict[str, float]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: float(v) for k, v in data["floors"].items()}


def gate(report: dict[str, Any], floors: dict[str, float]) -> GateResult:
    """Compare every floor with the report; metrics of suites not run are skipped."""
    result = GateResult()
    for path, floor in sorted(floors.items()):
        suite = path.split(".", 1)[0]
        if suite not in report:
            continue
        value = metric(report, path)
        result.checked.append((path, floor, value))
        if value is None or value + 1e-9 < floor:
            result.failures.append(GateFailure(path, floor, value))
    return result


def check_floors_not_lowered(current: dict[str, float], previous: dict[str, float]) -> list[str]:
    """Floors that were lowered or removed since ``previous``: each is a problem to explain."""
    problems = []
    for name, old in previous.items():
        new = current.get(name)
        if new is None:
            problems.append(f"{name}: floor {old} was removed")
        elif new + 1e-9 < old:
            problems.append(f"{name}: floor lowered from {old} to {new}")
    return problems
