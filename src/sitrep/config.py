"""Where sitrep keeps its files, and the few settings a user may change.

One setting decides where files live: ``SITREP_HOME`` (default: the per-user data directory,
e.g. ``~/.local/share/sitrep`` on Linux). Inside it:

- ``sitrep.db``           the event database (``--db PATH`` overrides it for one command)
- ``gazetteer.db``        the gazetteer (built on first use from packaged data; ``sitrep gazetteer import``)
- ``actors/*.json``       the user's own actor dictionary entries, loaded after the shipped ones

Other environment settings:

- ``SITREP_DB``              database path or URL (``postgresql://...``) instead of ``$SITREP_HOME/sitrep.db``
- ``SITREP_MAX_INPUT_BYTES`` the largest input accepted per article (default 20 MB)
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_dir

DEFAULT_MAX_INPUT_BYTES = 20 * 1024 * 1024


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value).expanduser() if value else None


@dataclass(frozen=True)
class Settings:
    home: Path
    db: str
    gazetteer: Path
    actors_dir: Path
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, *, db: str | Path | None = None) -> Settings:
        home = _env_path("SITREP_HOME") or Path(user_data_dir("sitrep", appauthor=False))
        db_value = (
            str(db) if db is not None else os.environ.get("SITREP_DB") or str(home / "sitrep.db")
        )
        gazetteer = _env_path("SITREP_GAZETTEER") or home / "gazetteer.db"
        max_bytes = int(os.environ.get("SITREP_MAX_INPUT_BYTES", DEFAULT_MAX_INPUT_BYTES))
        return cls(
            home=home,
            db=db_value,
            gazetteer=gazetteer,
            actors_dir=home / "actors",
            max_input_bytes=max_bytes,
        )

    def ensure_home(self) -> Path:
        self.home.mkdir(parents=True, exist_ok=True)
        return self.home
