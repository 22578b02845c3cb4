"""``sitrep serve``: the API and web app on the event database (a typer sub-app the main CLI mounts).

Only checks its options and calls ``create_app``; uvicorn does the serving.
"""

from __future__ import annotations

from typing import Annotated

import typer

__all__ = ["app", "serve"]

app = typer.Typer(no_args_is_help=False, add_completion=False)


@app.command("serve")
def serve(
    db: Annotated[
        str | None,
        typer.Option(help="Database path (default: $SITREP_DB or $SITREP_HOME/sitrep.db)."),
    ] = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on (loopback by default).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    read_token: Annotated[
        bool,
        typer.Option("--read-token", help="Reads need a token too (like SITREP_API_READ=token)."),
    ] = False,
    tile_url: Annotated[
        str | None,
        typer.Option(
            help="An online tile layer offered beside the offline basemap, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png"
        ),
    ] = None,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
) -> None:
    """Serve the analyst's desk: map, timeline, table and event pages at http://HOST:PORT/,
    the JSON API under /api (schema: /api/openapi.json).

    Writing (submitting articles, review actions) needs a token: set SITREP_API_TOKEN (and
    SITREP_API_USER) or add 'name token' lines to $SITREP_HOME/tokens.txt.

    Example: SITREP_API_TOKEN=$(openssl rand -hex 16) sitrep serve --port 8000
    """
    import uvicorn

    from sitrep.errors import SitrepError
    from sitrep.server import ServerSettings, create_app

    try:
        settings = ServerSettings.from_env(
            db=db, read_needs_token=read_token or None, tile_url=tile_url
        )
        from sitrep.incidents.api import StoreIncidents

        application = create_app(settings, incidents=StoreIncidents())
    except SitrepError as error:
        typer.echo(f"error {error.code}: {error.message}", err=True)
        raise typer.Exit(error.exit_code) from error
    writes = (
        f"writes enabled for {len(set(settings.tokens.values()))} analyst(s)"
        if settings.writes_enabled
        else "read-only: no API token configured"
    )
    if not application.state.assets.available:
        typer.echo(
            "warning: the map library is not installed (run scripts/setup-browser); "
            "the map is off, the table and event pages work",
            err=True,
        )
    typer.echo(f"sitrep: serving {settings.db} at http://{host}:{port}/ ({writes})", err=True)
    uvicorn.run(application, host=host, port=port, log_level=log_level, access_log=False)


if __name__ == "__main__":
    app()
