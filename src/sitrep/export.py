"""Write events as ACLED-style CSV, JSON Lines (the full record) and GeoJSON.

The CSV has ACLED's current columns in ACLED's order, then sitrep's own columns after them
(``EXTRA_COLUMNS``), so a spreadsheet built for ACLED exports reads it unchanged. Values follow
ACLED's conventions: ``fatalities`` is the most conservative credible figure, ``time_precision``
and ``geo_precision`` are ACLED's 1-3 codes, ``event_date`` is the representative day (the middle
of the period when only the week or month is known), ``iso`` is the numeric ISO 3166 code.
"""

from __future__ import annotations

import csv
import functools
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any, TextIO

from sitrep.model import ActorRef, Event, ExtractionResult
from sitrep.store.base import StoredEvent

__all__ = [
    "ACLED_COLUMNS",
    "EXTRA_COLUMNS",
    "ExportCount",
    "acled_region",
    "acled_row",
    "stored_events",
    "write_csv",
    "write_geojson",
    "write_jsonl",
]

ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
EXTRA_COLUMNS = [
    "event_id",
    "role",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "article_id",
    "url",
    "evidence",
]

Row = dict[str, str | int | float | None]


@dataclass
class ExportCount:
    """How many events an export wrote, and how many it left out (GeoJSON: no coordinates)."""

    written: int = 0
    skipped: int = 0


@functools.lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    raw = resources.files("sitrep").joinpath("data", "acled_regions.json").read_text("utf-8")
    data = json.loads(raw)
    return {iso3: region for region, members in data["regions"].items() for iso3 in members}


def acled_region(iso3: str | None) -> str:
    """ACLED's region of a country ("Western Africa"), '' when unknown."""
    return _regions().get(iso3.upper(), "") if iso3 else ""


def _country(iso3: str | None) -> tuple[str, int | None]:
    """The English name and numeric ISO code of ``iso3``."""
    if not iso3:
        return "", None
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3.upper())
    if country is None:
        return "", None
    return str(country.name), int(country.numeric)


def _names(actors: list[ActorRef]) -> str:
    return "; ".join(a.name for a in actors)


def _evidence(event: Event) -> str:
    spans = [*event.type_evidence, *(event.date.evidence if event.date else [])]
    return " | ".join(f"[{s.start}:{s.end}] {s.text}" for s in spans)


def _tags(event: Event) -> str:
    dead = event.fatalities
    tags = []
    if dead.qualifier:
        tags.append(f"fatalities {dead.qualifier}")
    if dead.provisional:
        tags.append("provisional toll")
    if dead.contested:
        tags.append("contested toll")
    return "; ".join(tags)


def acled_row(stored: StoredEvent) -> Row:
    """One event as a row of ACLED-named fields, then sitrep's extra fields."""
    event, place, date = stored.event, stored.event.location, stored.event.date
    iso3 = place.country_iso3 if place else None
    country_name, numeric = _country(iso3)
    day = date.representative if date else None
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}-{event.id}",
        "event_date": day.isoformat() if day else None,
        "year": day.year if day else None,
        "time_precision": date.precision.acled_time_precision if date else None,
        "disorder_type": event.disorder_type,
        "event_type": event.event_type.value,
        "sub_event_type": event.sub_event_type.value,
        "actor1": event.actor1.name if event.actor1 else None,
        "assoc_actor_1": _names(event.assoc_actor_1),
        "inter1": event.actor1.inter if event.actor1 else None,
        "actor2": event.actor2.name if event.actor2 else None,
        "assoc_actor_2": _names(event.assoc_actor_2),
        "inter2": event.actor2.inter if event.actor2 else None,
        "interaction": event.interaction,
        "civilian_targeting": "Civilian targeting" if event.civilian_targeting else "",
        "iso": numeric,
        "region": acled_region(iso3),
        "country": (place.country if place and place.country else country_name) or None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "admin3": place.admin3 if place else None,
        "location": (place.place_name or place.name) if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "geo_precision": place.geo_precision if place else None,
        "source": stored.article_source,
        "source_scale": None,
        "notes": event.summary or None,
        "fatalities": event.fatalities.conservative,
        "tags": _tags(event) or None,
        "timestamp": int(stored.stored_at.timestamp()) if stored.stored_at else None,
        "event_id": event.id,
        "role": event.role.value,
        "fatalities_low": event.fatalities.low,
        "fatalities_best": event.fatalities.best,
        "fatalities_high": event.fatalities.high,
        "article_id": event.article_id,
        "url": stored.article_url,
        "evidence": _evidence(event) or None,
    }


def stored_events(results: Iterable[ExtractionResult]) -> list[StoredEvent]:
    """Events of extraction results (not stored yet) in the form the exports take."""
    return [
        StoredEvent(
            event=event,
            article_url=result.article.url,
            article_title=result.article.title,
            article_source=result.article.source,
        )
        for result in results
        for event in result.events
    ]


# UCDP-GED-style columns beside ACLED's: the figures of the event's incident (all reports of one
# real event) when it is filed in one, else of the event itself.
UCDP_COLUMNS = [
    "incident_id",
    "best",
    "low",
    "high",
    "date_prec",
    "where_prec",
    "number_of_sources",
]

IncidentLookup = Callable[[list[str]], dict[str, dict[str, object]]]


def ucdp_fields(event: Event) -> dict[str, object]:
    """UCDP-style figures of one event on its own (one source)."""
    killed = event.fatalities
    return {
        "incident_id": "",
        "best": killed.best if killed.best is not None else 0,
        "low": killed.low if killed.low is not None else 0,
        "high": killed.high if killed.high is not None else 0,
        "date_prec": event.date.precision.ucdp_date_prec if event.date else "",
        "where_prec": event.location.ucdp_where_prec if event.location else 6,
        "number_of_sources": 1,
    }


def write_csv(
    events: Iterable[StoredEvent], out: TextIO, incidents: IncidentLookup | None = None
) -> ExportCount:
    """ACLED-style CSV: a header row, then one row per event; sitrep's columns, then the
    UCDP-style ones (``incidents`` gives each event's incident figures, by event id)."""
    fields = [*ACLED_COLUMNS, *EXTRA_COLUMNS, *UCDP_COLUMNS]
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    count = ExportCount()
    for chunk in _chunks(events, 500):
        linked = incidents([s.event.id for s in chunk]) if incidents is not None else {}
        for stored in chunk:
            row: dict[str, object] = dict(acled_row(stored))
            row.update(ucdp_fields(stored.event))
            row.update(linked.get(stored.event.id, {}))
            writer.writerow(row)
            count.written += 1
    return count


def _chunks(items: Iterable[StoredEvent], size: int) -> Iterator[list[StoredEvent]]:
    chunk: list[StoredEvent] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def write_jsonl(events: Iterable[StoredEvent], out: TextIO) -> ExportCount:
    """JSON Lines: one full ``sitrep.model.Event`` per line (see ``sitrep schema``)."""
    count = ExportCount()
    for stored in events:
        out.write(stored.event.model_dump_json())
        out.write("\n")
        count.written += 1
    return count


def write_geojson(events: Iterable[StoredEvent], out: TextIO) -> ExportCount:
    """A GeoJSON FeatureCollection of points; properties are the flat ACLED-style fields.

    Events without coordinates cannot be drawn and are left out (counted in ``skipped``).
    """
    count = ExportCount()
    out.write('{"type": "FeatureCollection", "features": [')
    for stored in events:
        row = acled_row(stored)
        lat, lon = row["latitude"], row["longitude"]
        if lat is None or lon is None:
            count.skipped += 1
            continue
        feature: dict[str, Any] = {
            "type": "Feature",
            "id": stored.event.id,
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": row,
        }
        out.write(",\n" if count.written else "\n")
        out.write(json.dumps(feature, ensure_ascii=False))
        count.written += 1
    out.write("\n]}\n")
    return count
