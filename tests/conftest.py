"""Shared fixtures: every test runs with its own SITREP_HOME, so nothing touches the user's files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def sitrep_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """A fresh, empty SITREP_HOME for each test (and no SITREP_DB from the environment)."""
    from sitrep.pipeline.boilerplate import load_rules

    home = tmp_path_factory.mktemp("sitrep-home")
    monkeypatch.setenv("SITREP_HOME", str(home))
    monkeypatch.delenv("SITREP_DB", raising=False)
    monkeypatch.delenv("SITREP_MAX_INPUT_BYTES", raising=False)
    load_rules.cache_clear()
    yield home
    load_rules.cache_clear()
