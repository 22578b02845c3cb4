"""``sitrep ingest`` files every stored report into incidents, and ``sitrep export`` writes each
event's incident figures (UCDP-style columns) beside ACLED's."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from sitrep.cli import app

from .wire import WIRE

STRIKE = ("strike-sahelwire", "strike-desertpost", "strike-radioazawad")


def test_ingest_files_reports_into_incidents_and_export_counts_sources(tmp_path: Path) -> None:
    feed = tmp_path / "wire.jsonl"
    with feed.open("w", encoding="utf-8") as handle:
        for key, outlet, published, title, text in WIRE:
            if key in STRIKE:
                record = {"text": text, "title": title, "source": outlet, "published": published}
                handle.write(json.dumps(record) + "\n")
    db = str(tmp_path / "events.db")
    runner = CliRunner()
    ingested = runner.invoke(app, ["ingest", str(feed), "--db", db, "--quiet"])
    assert ingested.exit_code == 0, ingested.output
    listed = runner.invoke(app, ["incidents", "--db", db, "--json"])
    assert listed.exit_code == 0, listed.output
    exported = runner.invoke(app, ["export", "--db", db, "-o", "-", "--quiet"])
    assert exported.exit_code == 0, exported.output
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    strikes = [r for r in rows if r["sub_event_type"] == "Air/drone strike"]
    assert strikes, [r["sub_event_type"] for r in rows]
    # the three outlets' reports of the 25 August strike are one incident with three sources
    assert {r["incident_id"] for r in strikes} and len({r["incident_id"] for r in strikes}) == 1
    assert {r["number_of_sources"] for r in strikes} == {"3"}
    assert {r["best"] for r in strikes} == {"21"}
