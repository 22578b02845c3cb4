"""How a toponym becomes a location as ACLED codes it: the point, the units and geo_precision.

- A town named as the place itself: the town, precision 1; "near X", "30 km north of X",
  "between X and Y", "the X area" or "in X district": precision 2.
- A second-level unit (district, commune, LGA): its representative town, precision 2; named
  as a place ("in X", "X city": no unit word, qualifying nothing) it is the town it is named
  for, precision 1.
- A first-level unit or a country: its capital (``admin_seat``), precision 3.
- A place the gazetteer does not know is coded to the smallest unit the text gives for it (the
  units in its brackets, a town it is part of, a region or country of the article) with the
  precision of that unit, and ``resolved`` stays False: the name is kept, the point is the unit's.
"""

from __future__ import annotations

from sitrep.gazetteer import Gazetteer, Place
from sitrep.gazetteer.countries import CountryNames
from sitrep.gazetteer.recognise import PlaceMention
from sitrep.model import Location, Span

__all__ = ["LocationCoder", "named_as_town"]

_AROUND = frozenset({"near", "offset", "between"})
_VILLAGE_WORDS = frozenset(
    {"village", "hamlet", "settlement", "locality", "camp", "area", "sector"}
)
_TOWN_WORDS = frozenset({"city", "town"})
_SETTLEMENT_WORDS = frozenset(
    {"village", "hamlet", "settlement", "locality", "camp", "countryside"}
)
CITY_POPULATION = 100_000
"""A town this large has quarters: an unknown place in its brackets is part of the city."""


class LocationCoder:
    """Builds ``Location`` records from gazetteer places (with ACLED's geo_precision)."""

    def __init__(self, gazetteer: Gazetteer, names: CountryNames) -> None:
        self.gazetteer = gazetteer
        self.names = names
        self._countries: dict[str, Place | None] = {}

    def country(self, iso2: str) -> Place | None:
        """The gazetteer's place for a country (cached)."""
        if iso2 not in self._countries:
            name = self.gazetteer.countries().get(iso2)
            places = self.gazetteer.lookup([name.name], loose=False) if name else {}
            self._countries[iso2] = next(
                (
                    p
                    for p in next(iter(places.values()), [])
                    if p.country_code == iso2 and p.admin_level == 0
                ),
                None,
            )
        return self._countries[iso2]

    def place(self, mention: PlaceMention, place: Place | None, evidence: list[Span]) -> Location:
        """The location of one toponym: the place itself, with the precision its words imply."""
        relation = mention.relation
        bearing = mention.offset_bearing or mention.bearing
        if place is None:
            return Location(name=mention.text, relation=relation, resolved=False,
                            offset_km=mention.offset_km, bearing=bearing, evidence=evidence)  # fmt: skip
        level = place.admin_level
        if (level is not None and level <= 1) or place.feature_code == "CONT":
            precision, relation = 3, "region" if relation == "in" else relation
        elif level == 2 and named_as_town(mention):  # "in Nassriya": the town it is named for
            precision = 1 if relation == "in" else 2
        elif level == 2 or place.feature_class not in {"P", "S"}:
            precision = 2
        elif mention.unit_level is not None:
            precision = 3 if mention.unit_level == 1 else 2  # "Panjwaye district" read as its town
        else:
            precision = 1 if relation == "in" else 2
        if relation in _AROUND:
            precision = max(precision, 2)
        return Location(
            name=mention.text,
            place_name=place.name,
            geonameid=place.geonameid if place.is_geonames else None,
            country_iso3=self.names.iso3.get(place.country_code) or None,
            country=self.names.acled_name.get(place.country_code) or None,
            admin1=place.admin1_name if level != 0 else None,
            admin2=place.admin2_name if level not in (0, 1) else None,
            latitude=round(place.latitude, 5),
            longitude=round(place.longitude, 5),
            geo_precision=precision,
            feature_code=place.feature_code,
            relation=relation,
            offset_km=mention.offset_km,
            bearing=bearing,
            resolved=True,
            evidence=evidence,
        )

    def unit(self, location: Location, unit: Place, *, precision: int | None = None) -> Location:
        """``location`` coded to ``unit``: a country or region at its capital, a district or
        town at its own point; precision 3 for regions and countries, else 2 (or ``precision``).
        """
        level = unit.admin_level
        point = unit
        if level in (0, 1):
            seat = self.gazetteer.admin_seat(unit.country_code, unit.admin1_code if level else None)
            point = seat or unit
        if precision is None:
            precision = 3 if level in (0, 1) else 2
        if location.relation in _AROUND:
            precision = max(precision, 2)
        return location.model_copy(
            update={
                "place_name": unit.name,
                "geonameid": unit.geonameid if unit.is_geonames else None,
                "country_iso3": self.names.iso3.get(unit.country_code) or None,
                "country": self.names.acled_name.get(unit.country_code) or None,
                "admin1": unit.admin1_name if level != 0 else None,
                "admin2": unit.admin2_name if level not in (0, 1) else None,
                "latitude": round(point.latitude, 5),
                "longitude": round(point.longitude, 5),
                "geo_precision": precision,
                "feature_code": unit.feature_code,
            }
        )

    def fallback(
        self,
        location: Location,
        mention: PlaceMention,
        unit: Place,
        link: str | None,
        unit_mention: PlaceMention | None = None,
    ) -> Location:
        """An unknown place coded to the smallest unit the text gives for it.

        A town in its brackets (``X (Sinende, Borgou)``: X lies in Sinende's commune) or a town
        it is part of (``the Nabissou quarter of Parakou``): precision 2 for a village, 1 for a
        part of the town itself; a city's brackets (``Abu Salim (Tripoli)``) hold its quarters,
        so precision 1 unless the words call the place a village; a site or a named part of a
        town written as in it (``the Tabbaneh area of Tripoli``, ``outside the Seray in
        Tripoli``) is in the town, precision 1; a district 2; a region or country 3.
        """
        if unit.admin_level is None and _part_of_town(mention, link, unit_mention):
            return self.unit(location.model_copy(update={"relation": "in"}), unit, precision=1)
        if unit.admin_level is None:
            city = unit.population >= CITY_POPULATION or unit.feature_code == "PPLC"
            village = mention.place_word in _VILLAGE_WORDS or (link == "brackets" and not city)
            return self.unit(location, unit, precision=2 if village else 1)
        return self.unit(location, unit)


def _part_of_town(mention: PlaceMention, link: str | None, town: PlaceMention | None) -> bool:
    """``X area of Y``, ``X in Y``: a place inside the town Y, not a village near it (Y named as
    a town, with no unit word and no "outskirts of", "countryside of", "near" before it)."""
    return (
        link == "in"
        and town is not None
        and town.relation == "in"
        and town.unit_level is None
        and mention.place_word not in _SETTLEMENT_WORDS
    )


def named_as_town(mention: PlaceMention) -> bool:
    """A name the text gives as a place, not as a unit: no unit word, not in the brackets or
    after the comma that qualify another place, not called an area or an island, nor spread
    over ("across X", "an unknown location in X"): "Nassriya city", "protests in Nassriya"."""
    return (
        mention.unit_level is None
        and not mention.wide
        and mention.in_parentheses_of is None
        and (mention.place_word is None or mention.place_word in _TOWN_WORDS)
    )
