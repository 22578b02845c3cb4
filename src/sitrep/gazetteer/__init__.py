"""The gazetteer: places with names, coordinates and administrative units, in one SQLite file.

>>> gazetteer = open_default_gazetteer()          # doctest: +SKIP
>>> gazetteer.candidates("Tombouctou")[0].name     # doctest: +SKIP
'Timbuktu'

``open_default_gazetteer`` opens ``$SITREP_HOME/gazetteer.db``, building the embedded default
there on first use (packaged GeoNames data; see ``embedded.py``) and again when an older sitrep
built it. ``import_geonames`` adds real
GeoNames dumps to it; ``gazetteer_status`` says what is loaded.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sitrep.gazetteer.place import AdminUnit, Country, Place

if TYPE_CHECKING:
    from sitrep.config import Settings
    from sitrep.gazetteer.geonames import ImportReport
    from sitrep.gazetteer.store import SqliteGazetteer
    from sitrep.gazetteer.writer import Progress

__all__ = [
    "AdminUnit",
    "Country",
    "Gazetteer",
    "Place",
    "build_embedded",
    "gazetteer_status",
    "import_geonames",
    "open_default_gazetteer",
    "open_gazetteer",
]


class Gazetteer(Protocol):
    """What the geocoder needs from a gazetteer (``SqliteGazetteer`` is the implementation)."""

    def lookup(self, names: list[str], *, loose: bool = True) -> dict[str, list[Place]]: ...

    def candidates(
        self, name: str, *, country: str | None = None, limit: int = 20
    ) -> list[Place]: ...

    def admin_seat(self, country_code: str, admin1_code: str | None = None) -> Place | None: ...

    def towns_in(
        self, country_code: str, admin1_code: str, admin2_code: str | None = None
    ) -> list[tuple[str, Place]]: ...

    def admin1_unit(self, country_code: str, code: str) -> AdminUnit | None: ...

    def place(self, geonameid: int) -> Place | None: ...

    def countries(self) -> dict[str, Country]: ...


_lock = threading.Lock()
_open: dict[Path, SqliteGazetteer] = {}


def open_gazetteer(path: Path) -> SqliteGazetteer:
    """Open an existing gazetteer file (once per process and path)."""
    from sitrep.gazetteer.store import SqliteGazetteer

    path = Path(path).resolve()
    with _lock:
        if path not in _open:
            _open[path] = SqliteGazetteer(path)
        return _open[path]


def open_default_gazetteer(
    settings: Settings | None = None, *, progress: Progress | None = None
) -> SqliteGazetteer:
    """The user's gazetteer (``Settings.gazetteer``), built from the embedded default if missing."""
    from sitrep.config import Settings

    settings = settings or Settings.from_env()
    path = settings.gazetteer
    if not path.exists() or _outdated_embedded(path):
        build_embedded(path, progress=progress)
    return open_gazetteer(path)


def _outdated_embedded(path: Path) -> bool:
    """An embedded default built by an older sitrep (never a file with imported GeoNames data)."""
    import sqlite3

    from sitrep.gazetteer.embedded import EMBEDDED_VERSION

    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        finally:
            conn.close()
    except sqlite3.Error:
        return False  # not ours to replace; opening it reports the problem
    return meta.get("sources") == "embedded" and meta.get("embedded_version") != EMBEDDED_VERSION


def build_embedded(
    path: Path, *, progress: Progress | None = None, supplement: Path | None = None
) -> Path:
    """Build the embedded default gazetteer into ``path`` (atomically)."""
    from sitrep.gazetteer.embedded import build_embedded as build

    with _lock:
        _forget(path)
    return build(Path(path), progress=progress, supplement=supplement)


def import_geonames(
    paths: list[Path], gazetteer_path: Path, progress: Progress | None = None
) -> ImportReport:
    """Import GeoNames dumps (zipped or plain) into the gazetteer at ``gazetteer_path``.

    When the file does not exist yet the embedded default is built first, so an import adds to
    it; imported rows replace packaged rows with the same GeoNames id.
    """
    from sitrep.gazetteer.geonames import import_geonames as run_import

    if not Path(gazetteer_path).exists():
        build_embedded(Path(gazetteer_path), progress=progress)
    with _lock:
        _forget(gazetteer_path)
    return run_import([Path(p) for p in paths], Path(gazetteer_path), progress=progress)


def gazetteer_status(path: Path) -> dict[str, object]:
    """What a gazetteer file holds: counts by kind, what was imported, when, its size."""
    from sitrep.gazetteer.status import status

    return status(Path(path))


def _forget(path: Path) -> None:
    cached = _open.pop(Path(path).resolve(), None)
    if cached is not None:
        cached.close()
