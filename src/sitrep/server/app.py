"""The analyst's desk: one FastAPI app serving the JSON API under ``/api`` and the web app.

>>> from sitrep.server import create_app, ServerSettings
>>> app = create_app(ServerSettings.from_env())  # doctest: +SKIP

Pages: ``/`` (map, timeline, table and filters) and ``/events/{id}`` (one event with its evidence);
static files under ``/static/``; the npm-installed map library and basemap under ``/vendor/``;
the OpenAPI schema at ``/api/openapi.json``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sitrep.errors import NotFound
from sitrep.server import routes_read, routes_write
from sitrep.server.assets import WEB_DIR, VendorAssets
from sitrep.server.db import StorePool
from sitrep.server.http_errors import BodyLimit, install_error_handlers
from sitrep.server.incidents import IncidentSource, NoIncidents
from sitrep.server.settings import ServerSettings

if TYPE_CHECKING:
    from sitrep.core import Extractor

__all__ = ["create_app"]


def _version() -> str:
    from sitrep import __version__

    return __version__


def _csp(settings: ServerSettings) -> str:
    images = "'self' data:"
    if settings.tile_url:
        parts = urlsplit(settings.tile_url.replace("{s}", "a"))
        host = parts.netloc.replace("a.", "*.", 1) if "{s}" in settings.tile_url else parts.netloc
        images += f" {parts.scheme}://{host}"
    return (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        f"img-src {images}; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'; form-action 'self'"
    )


class SecurityHeaders:
    """ASGI middleware adding the browser-hardening headers to every response."""

    def __init__(self, app: ASGIApp, csp: str) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", csp.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.headers]
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(
    settings: ServerSettings,
    *,
    incidents: IncidentSource | None = None,
    extractor: Extractor | None = None,
) -> FastAPI:
    """The app on ``settings.db``; ``incidents`` plugs in the incident layer, ``extractor`` a
    preloaded pipeline (else one is loaded on the first article submitted)."""
    pool = StorePool(settings.db)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()

    app = FastAPI(
        title="sitrep",
        summary="Conflict events extracted from news, with the evidence behind every value.",
        version=_version(),
        openapi_url="/api/openapi.json",
        docs_url=None,  # the interactive docs load from a CDN; sitrep works offline
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.pool = pool
    app.state.incidents = incidents or NoIncidents()
    app.state.extractor = extractor
    app.state.assets = VendorAssets.discover()
    install_error_handlers(app)
    app.include_router(routes_read.router)
    app.include_router(routes_write.router)
    _mount_web(app)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders, csp=_csp(settings))
    return app


def _page(name: str) -> FileResponse:
    return FileResponse(
        WEB_DIR / name, media_type="text/html", headers={"cache-control": "no-cache"}
    )


def _mount_web(app: FastAPI) -> None:
    assets: VendorAssets = app.state.assets

    @app.get("/", include_in_schema=False)
    def desk() -> FileResponse:
        return _page("index.html")

    @app.get("/events/{event_id}", include_in_schema=False)
    def event_page(event_id: str) -> FileResponse:
        return _page("event.html")

    @app.get("/vendor/{name:path}", include_in_schema=False)
    def vendor(name: str) -> FileResponse:
        path: Path | None = assets.path(name)
        if path is None:
            raise NotFound.from_catalogue("E052", kind="vendor file", id=name)
        return FileResponse(path, headers={"cache-control": "public, max-age=86400"})

    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")
