"""The HTTP API and web app of sitrep (``sitrep serve``): search, map, check and correct events.

Needs the ``server`` extra (FastAPI, uvicorn). Nothing is loaded until ``create_app`` is called.
"""

from __future__ import annotations

from sitrep.server.app import create_app
from sitrep.server.settings import ServerSettings

__all__ = ["ServerSettings", "create_app"]
