"""What the gazetteer returns: places, administrative units and countries."""

from __future__ import annotations

from dataclasses import dataclass

# GeoNames feature codes of administrative units, by level.
ADMIN_LEVELS = {
    "PCLI": 0,
    "PCLD": 0,
    "PCLS": 0,
    "PCLF": 0,
    "PCL": 0,
    "PCLIX": 0,
    "TERR": 0,
    "ADM1": 1,
    "ADM2": 2,
}


@dataclass(frozen=True)
class Place:
    """One gazetteer entry: a town, an administrative unit, a natural feature, ...

    ``geonameid`` is the GeoNames id; units that sitrep builds itself (when no GeoNames dump is
    loaded) have negative ids, which are never reported as GeoNames ids.
    """

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

    @property
    def admin_level(self) -> int | None:
        """0 country, 1 first-level unit, 2 second-level unit, None for other features."""
        if self.feature_code in ADMIN_LEVELS:
            return ADMIN_LEVELS[self.feature_code]
        if self.feature_code.startswith("PCL"):
            return 0
        return None

    @property
    def is_populated(self) -> bool:
        return self.feature_class == "P"

    @property
    def is_geonames(self) -> bool:
        return self.geonameid > 0


@dataclass(frozen=True)
class AdminUnit:
    """A first- or second-level administrative unit by its GeoNames code."""

    country_code: str
    code: str
    name: str
    geonameid: int | None = None


@dataclass(frozen=True)
class Country:
    iso2: str
    iso3: str
    name: str
    geonameid: int | None = None
    capital: str | None = None
