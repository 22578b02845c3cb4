"""Who may read and who may write: bearer tokens checked in constant time.

``writer`` guards every write endpoint and returns the analyst's name for the audit log;
``reader`` guards the read endpoints when the server is configured to protect them.
"""

from __future__ import annotations

import hmac

from fastapi import Request

from sitrep.errors import AccessDenied
from sitrep.server.settings import ServerSettings

__all__ = ["analyst_for", "reader", "writer"]


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def analyst_for(settings: ServerSettings, token: str) -> str | None:
    """The analyst whose token this is, or None; every configured token is compared."""
    found: str | None = None
    for known, name in settings.tokens.items():
        if hmac.compare_digest(known.encode(), token.encode()):
            found = name
    return found


def _settings(request: Request) -> ServerSettings:
    settings: ServerSettings = request.app.state.settings
    return settings


async def writer(request: Request) -> str:
    """The analyst making a write request; raise ``AccessDenied`` (E070/E071/E072) otherwise."""
    settings = _settings(request)
    if not settings.writes_enabled:
        raise AccessDenied.from_catalogue("E070", path=settings.tokens_file or "tokens.txt")
    token = _bearer(request)
    if token is None:
        raise AccessDenied.from_catalogue("E071")
    name = analyst_for(settings, token)
    if name is None:
        raise AccessDenied.from_catalogue("E072")
    return name


async def reader(request: Request) -> str | None:
    """The analyst making a read request (None when reads are open and no token is sent)."""
    settings = _settings(request)
    token = _bearer(request)
    if not settings.read_needs_token:
        return analyst_for(settings, token) if token else None
    if token is None:
        raise AccessDenied.from_catalogue("E071")
    name = analyst_for(settings, token)
    if name is None:
        raise AccessDenied.from_catalogue("E072")
    return name
