"""``sitrep incidents``: list, show, split, merge, decisions, undo, link, export (in-process, with
a real database)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.incidents.cli import app
from sitrep.incidents.service import incident_engine
from sitrep.incidents.ucdp import UCDP_COLUMNS
from sitrep.store import open_store

from .conftest import CODINGS, STRIKE


@pytest.fixture
def db(tmp_path: Path, wire) -> str:
    path = tmp_path / "sitrep.db"
    with open_store(path) as store:
        engine = incident_engine(store)
        for key in CODINGS:
            result = wire(key)
            store.save_result(result)
            engine.update([result])
    return str(path)


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def listing(db: str, *args: str) -> dict:
    result = run(*args, "--db", db, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_cli_lists_incidents_with_filters(db: str) -> None:
    everything = listing(db)
    assert everything["total"] == 5  # the Aug 25 strike took 7 reports
    contested = listing(db, "--contested")
    assert [i["n_sources"] for i in contested["incidents"]] == [5]
    assert listing(db, "--country", "Niger")["total"] == 0
    assert listing(db, "--since", "2024-09")["total"] == 1
    assert listing(db, "--type", "attack", "--min-fatalities", "5")["total"] == 1
    table = run("--db", db)
    assert table.exit_code == 0 and "inc-" in table.stdout and "5 of 5 incidents" in table.stdout


def test_cli_shows_one_incident_with_reports_and_claims(db: str) -> None:
    strike = listing(db, "--contested")["incidents"][0]["id"]
    shown = run("show", strike, "--db", db)
    assert shown.exit_code == 0, shown.stderr
    for text in (
        "contested",
        "CSP-DPA",
        "superseded",
        "denial",
        "why linked",
        "same coordinates",
    ):
        assert text in shown.stdout
    as_json = json.loads(run("show", strike, "--db", db, "--json").stdout)
    assert as_json["id"] == strike and len(as_json["reports"]) == 7


def test_cli_unknown_incident_exits_4(db: str) -> None:
    result = run("show", "inc-nothing", "--db", db)
    assert result.exit_code == 4
    assert "E052" in result.stderr


def test_cli_split_merge_decisions_undo(db: str, wire) -> None:
    strike = listing(db, "--contested")["incidents"][0]["id"]
    army = wire("strike-army").events[0].id
    split = run("split", strike, army[:10], "--note", "another strike", "--db", db)
    assert split.exit_code == 0, split.stderr
    assert listing(db)["total"] == 6
    decisions = json.loads(run("decisions", "--db", db, "--json").stdout)
    assert [d["kind"] for d in decisions] == ["cannot_link"] * 6  # one per report left behind
    assert decisions[0]["note"] == "another strike"
    army_incident = next(
        i["id"]
        for i in listing(db)["incidents"]
        if any(r["event_id"] == army for r in i["reports"])
    )
    merged = run("merge", strike, army_incident, "--db", db)
    assert merged.exit_code == 0, merged.stderr
    assert listing(db)["total"] == 5
    last = json.loads(run("decisions", "--db", db, "--json").stdout)[-1]
    assert last["kind"] == "must_link"
    assert run("undo", str(last["id"]), "--db", db).exit_code == 0
    assert listing(db)["total"] == 6


def test_cli_split_of_a_stranger_is_refused(db: str) -> None:
    strike = listing(db, "--contested")["incidents"][0]["id"]
    result = run("split", strike, "zzzz", "--db", db)
    assert result.exit_code != 0
    assert "E082" in result.stderr


def test_cli_exports_ucdp_columns(db: str) -> None:
    result = run("export", "--db", db)
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 5
    assert list(rows[0]) == UCDP_COLUMNS


def test_cli_link_files_stored_events(tmp_path: Path, wire) -> None:
    path = tmp_path / "old.db"
    with open_store(path) as store:
        for key in STRIKE:
            store.save_result(wire(key))
    result = run("link", "--full", "--db", str(path))
    assert result.exit_code == 0, result.stderr
    assert listing(str(path))["total"] == 1
