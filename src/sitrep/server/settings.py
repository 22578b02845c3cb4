"""What ``sitrep serve`` needs to know: the database, who may write, and the request limits.

Tokens are never built in. They come from:

- ``SITREP_API_TOKEN``: one token; its holder is recorded in the audit log under the name in
  ``SITREP_API_USER`` (default ``analyst``);
- ``$SITREP_HOME/tokens.txt``: one ``name token`` pair a line, ``#`` starts a comment; each
  analyst gets their own token, so the audit log says who did what.

With no token configured the server still answers reads, and refuses every write with E070.
``SITREP_API_READ=token`` makes reads need a token too (default ``open``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.config import Settings
from sitrep.errors import ConfigError

__all__ = [
    "DEFAULT_MAX_BODY_BYTES",
    "MIN_TOKEN_LENGTH",
    "ServerSettings",
    "read_tokens_file",
]

DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024
MIN_TOKEN_LENGTH = 16
TOKENS_FILE = "tokens.txt"


def _check_token(name: str, token: str, origin: str) -> None:
    if len(token) < MIN_TOKEN_LENGTH:
        raise ConfigError.from_catalogue("E078", name=name, origin=origin, minimum=MIN_TOKEN_LENGTH)


def read_tokens_file(path: Path) -> dict[str, str]:
    """Tokens of ``path`` (``name token`` a line) as {token: name}; {} when the file is absent."""
    if not path.exists():
        return {}
    tokens: dict[str, str] = {}
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        parts = text.split()
        if len(parts) != 2:
            raise ConfigError.from_catalogue(
                "E021", detail=f"{path}:{number} must be 'name token', found {len(parts)} words"
            )
        name, token = parts
        _check_token(name, token, f"{path}:{number}")
        tokens[token] = name
    return tokens


@dataclass(frozen=True)
class ServerSettings:
    """Settings of one API server process.

    ``tokens`` maps each accepted token to the analyst it identifies; ``read_needs_token``
    protects the read endpoints as well; ``max_body_bytes`` caps every request body.
    """

    db: str
    tokens: dict[str, str] = field(default_factory=dict, repr=False)
    tokens_file: Path | None = None
    read_needs_token: bool = False
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    max_input_bytes: int = 20 * 1024 * 1024
    tile_url: str | None = None  # an online tile layer offered beside the offline basemap

    @property
    def writes_enabled(self) -> bool:
        return bool(self.tokens)

    @classmethod
    def from_env(
        cls,
        *,
        db: str | Path | None = None,
        read_needs_token: bool | None = None,
        tile_url: str | None = None,
    ) -> ServerSettings:
        """Settings from the environment (see the module docstring); arguments win over it."""
        base = Settings.from_env(db=db)
        tokens_file = base.home / TOKENS_FILE
        tokens = read_tokens_file(tokens_file)
        env_token = os.environ.get("SITREP_API_TOKEN", "").strip()
        if env_token:
            user = os.environ.get("SITREP_API_USER", "").strip() or "analyst"
            _check_token(user, env_token, "SITREP_API_TOKEN")
            tokens[env_token] = user
        read_mode = os.environ.get("SITREP_API_READ", "open").strip().lower()
        if read_mode not in ("open", "token"):
            raise ConfigError.from_catalogue(
                "E021", detail=f"SITREP_API_READ must be 'open' or 'token', not {read_mode!r}"
            )
        try:
            max_body = int(os.environ.get("SITREP_API_MAX_BODY", DEFAULT_MAX_BODY_BYTES))
        except ValueError as error:
            raise ConfigError.from_catalogue(
                "E021", detail=f"SITREP_API_MAX_BODY: {error}"
            ) from error
        return cls(
            db=base.db,
            tokens=tokens,
            tokens_file=tokens_file,
            read_needs_token=read_mode == "token" if read_needs_token is None else read_needs_token,
            max_body_bytes=max_body,
            max_input_bytes=base.max_input_bytes,
            tile_url=tile_url or os.environ.get("SITREP_TILE_URL") or None,
        )
