"""Server settings: tokens come only from the environment or the tokens file, never a default."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import ConfigError
from sitrep.server.settings import ServerSettings, read_tokens_file


def test_settings_no_token_means_read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SITREP_API_TOKEN", raising=False)
    settings = ServerSettings.from_env()
    assert settings.tokens == {}
    assert not settings.writes_enabled


def test_settings_env_token_names_its_analyst(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_API_TOKEN", "k" * 24)
    monkeypatch.setenv("SITREP_API_USER", "oumar")
    assert ServerSettings.from_env().tokens == {"k" * 24: "oumar"}


def test_settings_tokens_file_gives_each_analyst_a_token(sitrep_home: Path) -> None:
    (sitrep_home / "tokens.txt").write_text(
        "# analysts of the desk\namina  aaaaaaaaaaaaaaaaaaaa\n\noumar bbbbbbbbbbbbbbbbbbbb # night shift\n"
    )
    settings = ServerSettings.from_env()
    assert settings.tokens == {"a" * 20: "amina", "b" * 20: "oumar"}


@pytest.mark.parametrize(
    ("content", "code"),
    [
        ("amina short\n", "E078"),
        ("amina\n", "E021"),
        ("amina aaaaaaaaaaaaaaaaaaaa extra\n", "E021"),
    ],
)
def test_settings_bad_tokens_file_is_refused(tmp_path: Path, content: str, code: str) -> None:
    path = tmp_path / "tokens.txt"
    path.write_text(content)
    with pytest.raises(ConfigError) as caught:
        read_tokens_file(path)
    assert caught.value.code == code


def test_settings_short_env_token_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_API_TOKEN", "secret")
    with pytest.raises(ConfigError) as caught:
        ServerSettings.from_env()
    assert caught.value.code == "E078"


@pytest.mark.parametrize(("mode", "protected"), [("open", False), ("token", True)])
def test_settings_read_mode(monkeypatch: pytest.MonkeyPatch, mode: str, protected: bool) -> None:
    monkeypatch.setenv("SITREP_API_READ", mode)
    assert ServerSettings.from_env().read_needs_token is protected


def test_settings_unknown_read_mode_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_API_READ", "sometimes")
    with pytest.raises(ConfigError):
        ServerSettings.from_env()
