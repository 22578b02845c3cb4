"""The `sitrep` command, run in-process with real files, a real database and the real model."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import EXIT_CODES, app
from sitrep.model import Event, ExtractionResult
from sitrep.store.migrate import migrations

ATTACK = (
    "Gunmen killed at least seven people in an attack on a market in Kaya on Sunday, local officials said.\n\n"
    "The attackers fled on motorbikes before soldiers arrived, a resident said."
)
FRENCH = (
    "Des hommes armés ont tué au moins sept personnes lors d'une attaque contre un marché dimanche, "
    "ont indiqué des responsables locaux."
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _run(runner: CliRunner, *args: str, stdin: bytes | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=stdin, catch_exceptions=False)


def test_cli_help_documents_exit_codes(runner: CliRunner) -> None:
    result = _run(runner, "--help")
    assert result.exit_code == 0
    assert "Exit codes" in result.stdout
    for code in EXIT_CODES:
        assert f" {code} " in " ".join(result.stdout.split())


@pytest.mark.parametrize(
    "command",
    [
        ["extract"],
        ["ingest"],
        ["events"],
        ["export"],
        ["failures"],
        ["status"],
        ["schema"],
        ["bench", "extract"],
        ["bench", "ingest"],
        ["bench", "query"],
    ],
)
def test_cli_every_command_help_shows_an_example(runner: CliRunner, command: list[str]) -> None:
    result = _run(runner, *command, "--help")
    assert result.exit_code == 0
    assert "Example: sitrep" in result.stdout or "Example: SITREP_HOME" in result.stdout


def test_cli_extract_example_prints_each_article(runner: CliRunner) -> None:
    result = _run(runner, "extract", "--example")
    assert result.exit_code == 0, result.stderr
    for name in ("capital-protest.html", "sahel-attack.txt", "wire.jsonl:1", "wire.jsonl:2"):
        assert name in result.stdout
    assert "published 2024-03-11" in result.stdout  # the dateline of the plain-text example


def test_cli_extract_json_lines_with_published_fallback(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "kaya.txt").write_text(ATTACK, encoding="utf-8")
    result = _run(
        runner, "extract", str(tmp_path / "kaya.txt"), "--json", "--published", "2024-03-04"
    )
    assert result.exit_code == 0
    (line,) = result.stdout.splitlines()
    parsed = ExtractionResult.model_validate_json(line)
    assert parsed.article.published is not None and parsed.article.published.value == "2024-03-04"
    assert parsed.article.text == ATTACK


def test_cli_extract_reads_stdin(runner: CliRunner) -> None:
    result = _run(runner, "extract", "-", "--json", stdin=ATTACK.encode())
    assert result.exit_code == 0
    assert ExtractionResult.model_validate_json(result.stdout).article.origin == "stdin"


def test_cli_extract_bad_date_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "kaya.txt").write_text(ATTACK, encoding="utf-8")
    result = _run(runner, "extract", str(tmp_path / "kaya.txt"), "--published", "last week")
    assert result.exit_code == 2
    assert "E020" in result.stderr


def test_cli_no_input_is_a_usage_error(runner: CliRunner) -> None:
    result = _run(runner, "ingest")
    assert result.exit_code == 2
    assert "E012" in result.stderr


def test_cli_ingest_example_then_query_and_export(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "conflict.db")
    first = _run(runner, "ingest", "--example", "--db", db, "--json")
    assert first.exit_code == 0, first.stderr
    summary = json.loads(first.stdout)
    assert (summary["stored"], summary["failed"], summary["database"]) == (4, 0, db)
    again = json.loads(_run(runner, "ingest", "--example", "--db", db, "--json").stdout)
    assert (again["stored"], again["unchanged"], again["events"]) == (0, 4, 0)

    listed = json.loads(_run(runner, "events", "--db", db, "--json", "--include-background").stdout)
    assert listed["total"] == summary["events"] == len(listed["events"])
    assert all(Event.model_validate(item["event"]) for item in listed["events"])

    table = _run(runner, "events", "--db", db, "--limit", "1")
    assert table.exit_code == 0 and "--cursor" in table.stdout

    for fmt in ("csv", "jsonl", "geojson"):
        target = tmp_path / f"out.{fmt}"
        exported = _run(runner, "export", "--db", db, "-o", str(target), "--include-background")
        assert exported.exit_code == 0, exported.stderr
        assert target.stat().st_size > 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text(encoding="utf-8"))))
    assert len(rows) == summary["events"]
    assert (
        len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == summary["events"]
    )
    assert (
        json.loads((tmp_path / "out.geojson").read_text(encoding="utf-8"))["type"]
        == "FeatureCollection"
    )


def test_cli_ingest_uses_sitrep_home_by_default(
    runner: CliRunner, sitrep_home: Path, tmp_path: Path
) -> None:
    (tmp_path / "kaya.txt").write_text(ATTACK, encoding="utf-8")
    assert _run(runner, "ingest", str(tmp_path / "kaya.txt"), "-q").exit_code == 0
    assert (sitrep_home / "sitrep.db").is_file()
    status = json.loads(_run(runner, "status", "--json").stdout)
    assert (status["home"], status["articles"], status["schema_version"]) == (
        str(sitrep_home),
        1,
        migrations()[-1].version,  # the newest shipped migration (incidents add their own)
    )


@pytest.mark.parametrize(
    ("files", "exit_code"),
    [
        ({"good.txt": ATTACK.encode()}, 0),
        ({"good.txt": ATTACK.encode(), "scan.pdf": b"%PDF-1.7 ...", "fr.txt": FRENCH.encode()}, 1),
        ({"empty.txt": b"", "broken.jsonl": b"{oops\n"}, 3),
        ({}, 3),
    ],
)
def test_cli_ingest_exit_codes(
    runner: CliRunner, tmp_path: Path, files: dict[str, bytes], exit_code: int
) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    result = _run(runner, "ingest", str(folder), "--db", str(tmp_path / "s.db"))
    assert result.exit_code == exit_code, result.stderr
    failed = sum(1 for name in files if name != "good.txt")
    assert result.stderr.count("[E") == (failed or int(not files))  # an empty folder: E013


def test_cli_failures_lists_what_failed(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    assert _run(runner, "ingest", str(tmp_path / "fr.txt"), "--db", db).exit_code == 3
    found = json.loads(_run(runner, "failures", "--db", db, "--json").stdout)
    assert [(f["code"], f["origin"]) for f in found] == [("E007", str(tmp_path / "fr.txt"))]
    assert found[0]["article_id"]
    assert "E007" in _run(runner, "failures", "--db", db).stdout


@pytest.mark.parametrize(
    ("args", "exit_code", "code"),
    [
        (["events", "--country", "Atlantis"], 2, "E022"),
        (["events", "--type", "air strike"], 2, "E023"),
        (["events", "--cursor", "nonsense"], 2, "E025"),
        (["export", "--format", "xlsx"], 2, "E021"),
    ],
)
def test_cli_bad_filters_are_usage_errors(
    runner: CliRunner, args: list[str], exit_code: int, code: str
) -> None:
    result = _run(runner, *args)
    assert result.exit_code == exit_code
    assert code in result.stderr


def test_cli_unusable_database_exits_5(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("not a database\n" * 50)
    result = _run(runner, "events", "--db", str(bad), "--json")
    assert result.exit_code == 5
    assert json.loads(result.stderr)["error"]["code"] == "E050"


def test_cli_schema_prints_json(runner: CliRunner) -> None:
    result = _run(runner, "schema", "--name", "event")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"] == "Event"
