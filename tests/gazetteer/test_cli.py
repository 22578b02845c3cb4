"""The ``sitrep gazetteer`` sub-commands call the library and report errors with exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from sitrep.errors import GazetteerError
from sitrep.gazetteer.cli import app


def test_cli_status_prints_json(small_gazetteer: Path) -> None:
    result = CliRunner().invoke(app, ["status", "--gazetteer", str(small_gazetteer), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["admin1_units"] == 4


def test_cli_import_refuses_a_bad_file(tmp_path: Path, small_gazetteer: Path) -> None:
    bad = tmp_path / "XX.txt"
    bad.write_text("not\ta\tdump\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["import", str(bad), "--gazetteer", str(small_gazetteer)])
    assert result.exit_code == GazetteerError.exit_code
    assert "Cannot import" in result.output
