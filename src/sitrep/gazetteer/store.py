"""The gazetteer store: one SQLite file with places, their names and their administrative units.

Tables::

    places        one row per place (GeoNames columns; synthetic units built by sitrep get ids < 0)
    names         every name of a place with its exact key and loose key (see ``names.py``)
    names_fts     FTS5 index of the names (unicode61, diacritics removed) for free-text search
    places_rtree  R*Tree of the coordinates, for "what is near this point"
    admin1/admin2 the names of administrative units by GeoNames code
    countries     ISO codes, names, the seat (capital) of each country
    meta          what was loaded and when (``gazetteer_status``)

Look-ups by key are batched (``lookup``): the geocoder asks once per article for all its
candidate names, so an article costs one or two queries, not one per token.
"""

from __future__ import annotations

import math
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

from sitrep.errors import GazetteerError
from sitrep.gazetteer.names import article_keys, fold, loose_key, name_key
from sitrep.gazetteer.place import AdminUnit, Country, Place

SCHEMA_VERSION = "1"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS places (
    geonameid INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    asciiname TEXT,
    latitude REAL NOT NULL,
    longitude REAL NOT NULL,
    feature_class TEXT NOT NULL DEFAULT 'P',
    feature_code TEXT NOT NULL DEFAULT 'PPL',
    country_code TEXT NOT NULL DEFAULT '',
    admin1_code TEXT,
    admin2_code TEXT,
    population INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS places_admin ON places (country_code, admin1_code, feature_code);
CREATE TABLE IF NOT EXISTS names (
    geonameid INTEGER NOT NULL,
    name TEXT NOT NULL,
    key TEXT NOT NULL,
    loose TEXT NOT NULL,
    UNIQUE (geonameid, key)
);
CREATE INDEX IF NOT EXISTS names_key ON names (key);
CREATE INDEX IF NOT EXISTS names_loose ON names (loose);
CREATE VIRTUAL TABLE IF NOT EXISTS names_fts USING fts5 (
    name, content='names', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE IF NOT EXISTS places_rtree USING rtree (id, min_lat, max_lat, min_lon, max_lon);
CREATE TABLE IF NOT EXISTS admin1 (
    country_code TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL, asciiname TEXT,
    geonameid INTEGER, PRIMARY KEY (country_code, code)
);
CREATE TABLE IF NOT EXISTS admin2 (
    country_code TEXT NOT NULL, admin1_code TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL,
    asciiname TEXT, geonameid INTEGER, PRIMARY KEY (country_code, admin1_code, code)
);
CREATE TABLE IF NOT EXISTS demonyms (word TEXT PRIMARY KEY, iso2 TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS countries (
    iso2 TEXT PRIMARY KEY, iso3 TEXT NOT NULL, name TEXT NOT NULL, geonameid INTEGER,
    capital TEXT, population INTEGER NOT NULL DEFAULT 0
);
"""

_PLACE_COLUMNS = (
    "p.geonameid, p.name, p.latitude, p.longitude, p.country_code, p.feature_class, p.feature_code, "
    "p.admin1_code, a1.name, p.admin2_code, a2.name, p.population, p.asciiname"
)
_UNITS_JOIN = (
    "LEFT JOIN admin1 a1 ON a1.country_code = p.country_code AND a1.code = p.admin1_code "
    "LEFT JOIN admin2 a2 ON a2.country_code = p.country_code AND a2.admin1_code = p.admin1_code "
    "AND a2.code = p.admin2_code"
)
_CHUNK = 500  # keys per IN (...) query, below SQLite's variable limit


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open a gazetteer file (``readonly`` uses a URI so a missing file is an error)."""
    try:
        if readonly:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        else:
            conn = sqlite3.connect(path, check_same_thread=False)
        conn.execute("PRAGMA query_only = 1" if readonly else "PRAGMA foreign_keys = 0")
    except sqlite3.Error as exc:
        raise GazetteerError.from_catalogue("E040", path=path, detail=str(exc)) from exc
    return conn


def create_schema(conn: sqlite3.Connection) -> None:
    conn.executescript(SCHEMA)
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))


def _row_place(row: Sequence[object]) -> Place:
    (gid, name, lat, lon, cc, fclass, fcode, a1, a1_name, a2, a2_name, pop, ascii_) = row
    return Place(
        geonameid=int(gid),  # type: ignore[call-overload]
        name=str(name),
        latitude=float(lat),  # type: ignore[arg-type]
        longitude=float(lon),  # type: ignore[arg-type]
        country_code=str(cc or ""),
        feature_class=str(fclass or "P"),
        feature_code=str(fcode or "PPL"),
        admin1_code=str(a1) if a1 else None,
        admin1_name=str(a1_name) if a1_name else None,
        admin2_code=str(a2) if a2 else None,
        admin2_name=str(a2_name) if a2_name else None,
        population=int(pop or 0),  # type: ignore[call-overload]
        asciiname=str(ascii_) if ascii_ else None,
    )


class SqliteGazetteer:
    """A gazetteer file opened for look-ups (thread-safe; results are cached per key)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise GazetteerError.from_catalogue("E040", path=self.path, detail="no such file")
        self._conn = connect(self.path, readonly=True)
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, str], list[Place]] = {}
        self._countries: dict[str, Country] | None = None
        try:
            version = self._conn.execute(
                "SELECT value FROM meta WHERE key='schema_version'"
            ).fetchone()
        except sqlite3.DatabaseError as exc:
            raise GazetteerError.from_catalogue("E040", path=self.path, detail=str(exc)) from exc
        if version is None:
            raise GazetteerError.from_catalogue(
                "E040", path=self.path, detail="not a sitrep gazetteer"
            )

    def close(self) -> None:
        self._conn.close()

    # -- names ------------------------------------------------------------------------------
    def lookup(self, names: Iterable[str], *, loose: bool = True) -> dict[str, list[Place]]:
        """Places for each written name, exact-key matches first, then loose matches: the name
        with or without an Arabic article (only for a name that is otherwise unknown), then the
        loose key.

        Returns ``{name: [Place, ...]}`` (an empty list for unknown names). One query per
        500 keys; results are cached, so repeated names cost nothing.
        """
        wanted = {n: (name_key(n), loose_key(n)) for n in names if name_key(n)}
        exact_missing = {k for k, _ in wanted.values() if ("k", k) not in self._cache}
        loose_missing = {lk for _, lk in wanted.values() if loose and ("l", lk) not in self._cache}
        if exact_missing:
            self._fill("k", "key", exact_missing)
        if loose_missing:
            self._fill("l", "loose", loose_missing)
        variants = {
            written: article_keys(written)
            for written, (key, _) in wanted.items()
            if loose and not self._cache[("k", key)]
        }  # "Shaddadah" for "Ash Shaddadah": a loose match, tried when the name is unknown
        variant_missing = {
            k for keys in variants.values() for k in keys if ("k", k) not in self._cache
        }
        if variant_missing:
            self._fill("k", "key", variant_missing)
        out: dict[str, list[Place]] = {}
        for written, (key, lkey) in wanted.items():
            places = list(self._cache[("k", key)])
            if loose:
                for variant in variants.get(written, ()):
                    places += [p for p in self._cache[("k", variant)] if p not in places]
                seen = {p.geonameid for p in places}
                places += [p for p in self._cache[("l", lkey)] if p.geonameid not in seen]
            out[written] = places
        return out

    def exact_ids(self, name: str) -> set[int]:
        """Ids of the places that carry exactly this written name (by exact key)."""
        key = name_key(name)
        if ("k", key) not in self._cache:
            self._fill("k", "key", {key})
        return {p.geonameid for p in self._cache[("k", key)]}

    def _fill(self, kind: str, column: str, keys: set[str]) -> None:
        found: dict[str, list[Place]] = {k: [] for k in keys}
        ordered = sorted(keys)
        with self._lock:
            for i in range(0, len(ordered), _CHUNK):
                chunk = ordered[i : i + _CHUNK]
                marks = ",".join("?" * len(chunk))
                sql = (
                    f"SELECT DISTINCT n.{column}, {_PLACE_COLUMNS} FROM names n "
                    f"JOIN places p ON p.geonameid = n.geonameid {_UNITS_JOIN} WHERE n.{column} IN ({marks})"
                )
                for row in self._conn.execute(sql, chunk):
                    found[row[0]].append(_row_place(row[1:]))
            for key, places in found.items():
                places.sort(key=lambda p: -p.population)
                self._cache[(kind, key)] = places

    def candidates(self, name: str, *, country: str | None = None, limit: int = 20) -> list[Place]:
        """Places a written name may refer to, optionally in one country (ISO alpha-2)."""
        places = self.lookup([name]).get(name, [])
        if country:
            places = [p for p in places if p.country_code == country.upper()]
        return places[:limit]

    def search(self, text: str, *, limit: int = 20) -> list[Place]:
        """Free-text search of names (FTS5, diacritics folded; ``*`` allowed as a prefix)."""
        words = [w for w in fold(text).replace("*", " * ").split() if w.strip('"')]
        query = " ".join(f'"{w}"' if w != "*" else "*" for w in words).replace('" *', '"*')
        if not query:
            return []
        sql = (
            f"SELECT DISTINCT {_PLACE_COLUMNS} FROM names_fts f JOIN names n ON n.rowid = f.rowid "
            f"JOIN places p ON p.geonameid = n.geonameid {_UNITS_JOIN} WHERE names_fts MATCH ? "
            "ORDER BY p.population DESC LIMIT ?"
        )
        with self._lock:
            try:
                rows = self._conn.execute(sql, (query, limit)).fetchall()
            except sqlite3.OperationalError:
                return []
        return [_row_place(r) for r in rows]

    # -- places and units -------------------------------------------------------------------
    def place(self, geonameid: int) -> Place | None:
        with self._lock:
            row = self._conn.execute(
                f"SELECT {_PLACE_COLUMNS} FROM places p {_UNITS_JOIN} WHERE p.geonameid = ?",
                (geonameid,),
            ).fetchone()
        return _row_place(row) if row else None

    def near(self, latitude: float, longitude: float, km: float, *, limit: int = 50) -> list[Place]:
        """Places within ``km`` of a point (R*Tree box, then true distance), nearest first."""
        dlat = km / 111.0
        dlon = km / max(1.0, 111.0 * math.cos(math.radians(latitude)))
        sql = (
            f"SELECT {_PLACE_COLUMNS} FROM places_rtree r JOIN places p ON p.geonameid = r.id {_UNITS_JOIN} "
            "WHERE r.min_lat >= ? AND r.max_lat <= ? AND r.min_lon >= ? AND r.max_lon <= ?"
        )
        with self._lock:
            rows = self._conn.execute(
                sql, (latitude - dlat, latitude + dlat, longitude - dlon, longitude + dlon)
            ).fetchall()
        places = [_row_place(r) for r in rows]
        within = [(distance_km(latitude, longitude, p.latitude, p.longitude), p) for p in places]
        within = [(d, p) for d, p in within if d <= km]
        within.sort(key=lambda item: item[0])
        return [p for _, p in within[:limit]]

    def towns_in(
        self, country_code: str, admin1_code: str, admin2_code: str | None = None
    ) -> list[tuple[str, Place]]:
        """The populated places of a unit with each of their names (one pair per name), for
        matching a spelling the gazetteer does not hold inside the unit the text names."""
        sql = (
            f"SELECT n.name, {_PLACE_COLUMNS} FROM places p JOIN names n ON n.geonameid = p.geonameid "
            f"{_UNITS_JOIN} WHERE p.country_code = ? AND p.admin1_code = ? AND p.feature_class = 'P'"
        )
        args: list[str] = [country_code, admin1_code]
        if admin2_code:
            sql += " AND p.admin2_code = ?"
            args.append(admin2_code)
        with self._lock:
            rows = self._conn.execute(sql, args).fetchall()
        return [(str(r[0]), _row_place(r[1:])) for r in rows]

    def admin_seat(self, country_code: str, admin1_code: str | None = None) -> Place | None:
        """The place an event is coded to when only the unit is known (ACLED: the capital).

        For a country: its capital (PPLC) or largest place; for a first-level unit: its seat
        (PPLA), else a town of the unit's own name, else its largest place.
        """
        key = ("seat", f"{country_code}.{admin1_code or ''}")
        if key in self._cache:
            places = self._cache[key]
            return places[0] if places else None
        if admin1_code is None:
            where, args = "p.country_code = ? AND p.feature_class = 'P'", [country_code]
            order = "CASE p.feature_code WHEN 'PPLC' THEN 0 ELSE 1 END, p.population DESC"
        else:
            where = "p.country_code = ? AND p.admin1_code = ? AND p.feature_class = 'P'"
            args = [country_code, admin1_code]
            order = (
                "CASE WHEN p.feature_code = 'PPLA' THEN 0 WHEN p.feature_code = 'PPLC' THEN 1 "
                "WHEN lower(p.asciiname) = lower(a1.asciiname) THEN 2 ELSE 3 END, p.population DESC"
            )
        with self._lock:
            row = self._conn.execute(
                f"SELECT {_PLACE_COLUMNS} FROM places p {_UNITS_JOIN} WHERE {where} ORDER BY {order} LIMIT 1",
                args,
            ).fetchone()
        places = [_row_place(row)] if row else []
        self._cache[key] = places
        return places[0] if places else None

    def admin1_unit(self, country_code: str, code: str) -> AdminUnit | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT name, geonameid FROM admin1 WHERE country_code = ? AND code = ?",
                (country_code, code),
            ).fetchone()
        return AdminUnit(country_code, code, str(row[0]), row[1]) if row else None

    def countries(self) -> dict[str, Country]:
        """Every country by ISO alpha-2 code."""
        if self._countries is None:
            with self._lock:
                rows = self._conn.execute(
                    "SELECT iso2, iso3, name, geonameid, capital FROM countries"
                ).fetchall()
            self._countries = {r[0]: Country(r[0], r[1], r[2], r[3], r[4]) for r in rows}
        return self._countries

    def demonyms(self) -> dict[str, str]:
        """Demonyms ("Malian") by exact key, mapped to the country's ISO alpha-2 code."""
        with self._lock:
            return dict(self._conn.execute("SELECT word, iso2 FROM demonyms").fetchall())

    def meta(self) -> dict[str, str]:
        with self._lock:
            return dict(self._conn.execute("SELECT key, value FROM meta").fetchall())


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
