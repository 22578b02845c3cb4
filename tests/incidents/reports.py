"""``report(...)``: a ``ReportFeatures`` with sensible defaults, for scoring and blocking tests."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from sitrep.incidents.features import ActorFeature, ReportFeatures
from sitrep.incidents.names import is_region_name, loose_key, name_key
from sitrep.incidents.policy import default_policy

_COUNTER = itertools.count(1)
_AUTO: Any = object()
# approximate public coordinates of the towns the tests name; spellings share a loose key
_TOWNS = {
    loose_key(name): (lat, lon)
    for name, lat, lon in [
        ("Tinzaouaten", 19.954, 2.967),
        ("Kidal", 18.44, 1.41),
        ("Gao", 16.27, -0.04),
        ("Tessalit", 20.2, 1.01),
        ("Ogossagou", 14.27, -3.96),
        ("Boni", 15.07, -1.83),
    ]
}


def actor(
    key: str, *, side: int = 1, inter: int = 0, stated: bool = True, kind: str = "named"
) -> ActorFeature:
    return ActorFeature(key=key, side=side, inter=inter, stated=stated, kind=kind)


def report(
    *,
    day: str = "2024-08-25",
    end: str | None = None,
    precision: str = "day",
    place: str | None = "Tinzaouaten",
    country: str | None = "MLI",
    coordinates: tuple[float, float] | None = _AUTO,
    geo_precision: int = 1,
    sub: str = "Air/drone strike",
    event_type: str = "Explosions/Remote violence",
    family: str = "violence",
    killed: int | None = 21,
    open_ended: bool = False,
    actors: tuple[ActorFeature, ...] = (),
    role: str = "reported",
    **extra: Any,
) -> ReportFeatures:
    number = next(_COUNTER)
    if coordinates is _AUTO:  # geocoded like a gazetteer would, when the town is known
        coordinates = _TOWNS.get(loose_key(place)) if place else None
    start = dt.date.fromisoformat(day)
    names = (place,) if place else ()
    fields: dict[str, Any] = {
        "event_id": extra.pop("event_id", f"e{number:05d}"),
        "article_id": extra.pop("article_id", f"a{number:05d}"),
        "outlet": extra.pop("outlet", f"outlet {number}"),
        "role": role,
        "family": family,
        "event_type": event_type,
        "sub_event_type": sub,
        "date_start": start,
        "date_end": dt.date.fromisoformat(end) if end else start,
        "precision": precision,
        "place_keys": tuple(name_key(n) for n in names),
        "loose_keys": tuple(loose_key(n) for n in names),
        "place_label": place,
        "latitude": coordinates[0] if coordinates else None,
        "longitude": coordinates[1] if coordinates else None,
        "resolved": coordinates is not None,
        "region_name": bool(place) and is_region_name(place, default_policy().region_words),
        "geo_precision": geo_precision,
        "country": country,
        "actors": actors,
        "killed": killed,
        "killed_low": killed,
        "killed_high": None if open_ended else killed,
        "key_spans": ((0, 6),),
    }
    fields.update(extra)
    return ReportFeatures(**fields)
