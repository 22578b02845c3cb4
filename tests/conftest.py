"""Shared fixtures: every test runs with its own SITREP_HOME so nothing touches the user's files."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _sitrep_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("sitrep-home")
    monkeypatch.setenv("SITREP_HOME", str(home))
    monkeypatch.delenv("SITREP_DB", raising=False)
    return home
