"""``sitrep serve``: its help shows an example; bad settings stop it with the catalogue's message."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from sitrep.server.cli import app


def test_cli_help_shows_an_example() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and "SITREP_API_TOKEN" in result.output


def test_cli_refuses_a_weak_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_API_TOKEN", "1234")
    result = CliRunner().invoke(app, [])
    assert result.exit_code == 2
    assert "E078" in result.output
