"""``gazetteer_status``: what a gazetteer file holds (``sitrep gazetteer status``)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sitrep.errors import GazetteerError
from sitrep.gazetteer.store import connect


def status(path: Path) -> dict[str, object]:
    """Counts of places by kind and source, countries covered, imports, size and dates."""
    if not path.exists():
        return {"path": str(path), "exists": False}
    conn = connect(path, readonly=True)
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        by_class = dict(
            conn.execute(
                "SELECT feature_class, count(*) FROM places GROUP BY feature_class"
            ).fetchall()
        )
        by_source = dict(
            conn.execute("SELECT source, count(*) FROM places GROUP BY source").fetchall()
        )
        places = sum(by_class.values())
        names = conn.execute("SELECT count(*) FROM names").fetchone()[0]
        countries = conn.execute(
            "SELECT count(DISTINCT country_code) FROM places WHERE country_code != ''"
        ).fetchone()[0]
        admin1 = conn.execute("SELECT count(*) FROM admin1").fetchone()[0]
        admin2 = conn.execute("SELECT count(*) FROM admin2").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise GazetteerError.from_catalogue("E040", path=path, detail=str(exc)) from exc
    finally:
        conn.close()
    return {
        "path": str(path),
        "exists": True,
        "size_bytes": path.stat().st_size,
        "schema_version": meta.get("schema_version"),
        "embedded_version": meta.get("embedded_version"),
        "imported": [f for f in meta.get("imported", "").split(",") if f],
        "updated_at": meta.get("updated_at"),
        "places": places,
        "names": names,
        "countries": countries,
        "admin1_units": admin1,
        "admin2_units": admin2,
        "places_by_feature_class": by_class,
        "places_by_source": by_source,
    }
