"""Coherence: the places one article names lie near each other.

Local news about Henry County, Big Creek and Washington County is about three places in one
state, even when each name alone has a dozen namesakes; a note about Soka and Kandi is about two
towns of one region. Each candidate of a name gains support from the nearest candidate of every
*other* name of the article (same first-level unit or close by), read before any choice is made,
so that a cluster of readings wins over the most populous reading of each name.
"""

from __future__ import annotations

import math

from sitrep.gazetteer.names import name_key
from sitrep.gazetteer.place import Place
from sitrep.gazetteer.recognise import PlaceMention

__all__ = ["Coherence", "quick_km"]

_PER_NAME = 12  # candidates of a name considered (the most populous)
_WEIGHT = 0.5  # support from one other name that lies close
_CAP = 1.5  # most support from the rest of the article
_EARTH_KM = 6371.0


class Coherence:
    """Support for a candidate from the candidates of the article's other names."""

    def __init__(
        self, mentions: list[PlaceMention], options: list[list[tuple[Place, bool]]]
    ) -> None:
        self._keys = [name_key(m.name) for m in mentions]
        self._points: dict[str, list[Place]] = {}
        for mention, key, opts in zip(mentions, self._keys, options, strict=True):
            if mention.source == "gazetteer" and not mention.cue:
                continue
            places = [
                p
                for p, is_exact in opts
                if is_exact and p.admin_level != 0 and p.feature_code != "CONT"
            ]
            if places and key not in self._points:
                self._points[key] = sorted(places, key=lambda p: -p.population)[:_PER_NAME]
        self._cache: dict[tuple[str, int], float] = {}

    def support(self, index: int, place: Place) -> float:
        """How well ``place`` fits the other names of the article (0 to ``_CAP``)."""
        if place.admin_level == 0 or len(self._points) < 2:
            return 0.0
        key = self._keys[index]
        cached = self._cache.get((key, place.geonameid))
        if cached is not None:
            return cached
        total = 0.0
        for other, places in self._points.items():
            if other != key:
                total += max(_closeness(place, p) for p in places)
        value = min(_CAP, _WEIGHT * total)
        self._cache[(key, place.geonameid)] = value
        return value


def _closeness(place: Place, other: Place) -> float:
    """1 within 50 km, 0.7 in the same first-level unit or within 150 km, 0.3 within 400 km."""
    if place.country_code != other.country_code:
        return 0.0
    same_region = bool(place.admin1_code) and place.admin1_code == other.admin1_code
    if other.admin_level == 1 or place.admin_level == 1:
        return 0.7 if same_region else 0.0
    km = quick_km(place.latitude, place.longitude, other.latitude, other.longitude)
    if km < 50:
        return 1.0
    if same_region or km < 150:
        return 0.7
    return 0.3 if km < 400 else 0.0


def quick_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: quick, and exact enough below a few hundred kilometres."""
    mean = math.radians((lat1 + lat2) / 2)
    dx = math.radians(lon2 - lon1) * math.cos(mean)
    dy = math.radians(lat2 - lat1)
    return _EARTH_KM * math.hypot(dx, dy)
