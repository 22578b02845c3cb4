"""Turn filters as a user writes them (country names, type names, date text) into an ``EventQuery``.

The CLI and a later HTTP API share this, so "Mali", "mali", "ML" and "MLI" mean the same
everywhere, and a misspelt event type is refused with the list of valid ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sitrep.errors import ConfigError
from sitrep.model import EventRole, PartialDate
from sitrep.store.base import EventQuery
from sitrep.taxonomy import EventType, SubEventType

__all__ = ["country_code", "event_type_name", "make_query", "parse_bbox", "parse_day_range"]


def country_code(value: str) -> str:
    """The ISO 3166 alpha-3 code of a country given by code or English name (E022 if unknown)."""
    import pycountry

    text = value.strip()
    try:
        return str(pycountry.countries.lookup(text).alpha_3)
    except LookupError:
        pass
    if len(text) == 3 and text.isalpha():  # codes pycountry lacks, e.g. XKX (Kosovo)
        return text.upper()
    raise ConfigError.from_catalogue("E022", value=value)


def event_type_name(value: str) -> str:
    """The taxonomy's spelling of an event type or sub-event type, matched case-insensitively."""
    names = [t.value for t in EventType] + [s.value for s in SubEventType]
    for name in names:
        if name.lower() == value.strip().lower():
            return name
    raise ConfigError.from_catalogue("E023", value=value, known="; ".join(names))


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """``min_lon,min_lat,max_lon,max_lat`` as four floats within the globe (E024 otherwise)."""
    try:
        min_lon, min_lat, max_lon, max_lat = (float(part) for part in value.split(","))
    except ValueError as error:
        raise ConfigError.from_catalogue("E024", value=value) from error
    if not (-90 <= min_lat <= max_lat <= 90 and -180 <= min_lon <= 180 and -180 <= max_lon <= 180):
        raise ConfigError.from_catalogue("E024", value=value)
    return min_lon, min_lat, max_lon, max_lat


def parse_day_range(since: str | None, until: str | None) -> tuple[dt.date | None, dt.date | None]:
    """First and last day of a range given as dates of any precision: ``--until 2024-08`` ends
    on 31 August."""
    try:
        start = PartialDate.parse(since).start if since else None
        end = PartialDate.parse(until).end if until else None
    except ValueError as error:
        bad = since if since and not _is_date(since) else until
        raise ConfigError.from_catalogue("E020", value=bad) from error
    return start, end


def _is_date(value: str) -> bool:
    try:
        PartialDate.parse(value)
    except ValueError:
        return False
    return True


def make_query(
    *,
    countries: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    event_types: Sequence[str] = (),
    actor: str | None = None,
    text: str | None = None,
    admin1: str | None = None,
    article_id: str | None = None,
    bbox: str | None = None,
    min_fatalities: int | None = None,
    civilian_targeting: bool | None = None,
    include_background: bool = False,
    limit: int = 100,
    cursor: str | None = None,
) -> EventQuery:
    """An ``EventQuery`` from user-written filters; raise ``ConfigError`` for bad values."""
    start, end = parse_day_range(since, until)
    return EventQuery(
        countries=tuple(country_code(c) for c in countries),
        since=start,
        until=end,
        event_types=tuple(event_type_name(t) for t in event_types),
        actor=actor or None,
        text=text or None,
        admin1=admin1 or None,
        article_id=article_id or None,
        roles=() if include_background else (EventRole.reported,),
        bbox=parse_bbox(bbox) if bbox else None,
        min_fatalities=min_fatalities,
        civilian_targeting=civilian_targeting,
        limit=limit,
        cursor=cursor or None,
    )
