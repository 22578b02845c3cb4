"""UCDP-GED-style columns of incidents, for exports beside ACLED's columns.

Two ways to use them:

- ``ucdp_rows(incidents)``: one row per incident with UCDP GED's column names
  (``UCDP_COLUMNS``): ``best``/``low``/``high``, deaths by side, ``date_prec`` (1 day, 3 week,
  4 month, 5 year), ``where_prec`` (1 exact place ... 6 country), ``number_of_sources`` (distinct
  outlets), ``type_of_violence`` (1 state-based, 2 non-state, 3 one-sided; empty for events UCDP
  does not record, such as protests).
- ``incident_columns(backend, event_ids)``: for an ACLED-style event export, the columns of each
  event's incident (``INCIDENT_COLUMNS``), to append after ACLED's.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator

from sitrep.incidents.backend import IncidentBackend
from sitrep.incidents.names import actor_key, fold
from sitrep.incidents.records import Incident, IncidentActor
from sitrep.model import DatePrecision

__all__ = ["INCIDENT_COLUMNS", "UCDP_COLUMNS", "incident_columns", "ucdp_row", "ucdp_rows"]

UCDP_COLUMNS = [
    "id",
    "year",
    "type_of_violence",
    "dyad_name",
    "side_a",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "where_prec",
    "where_coordinates",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "country",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
]
INCIDENT_COLUMNS = [
    "incident_id",
    "best",
    "low",
    "high",
    "date_prec",
    "where_prec",
    "number_of_sources",
    "contested",
]

_STATE = {1, 8}
_ARMED = {1, 2, 3, 4, 8}
_CIVILIAN_GROUPS = {"civilians", "children", "women", "men", "residents", "villagers"}
_STATE_GROUPS = {"soldiers", "police", "troops", "officers", "servicemen", "gendarmes", "military"}
_REBEL_GROUPS = {"militants", "rebels", "fighters", "insurgents", "jihadists", "terrorists"}


def type_of_violence(incident: Incident) -> int | None:
    """UCDP's type of violence from the two sides' inter codes (None: not organised violence)."""
    if incident.event_type in {"Protests", "Riots", "Strategic developments"}:
        return None
    one = incident.actor1.inter if incident.actor1 else 0
    two = incident.actor2.inter if incident.actor2 else 0
    if two == 7 or one == 7 or (incident.civilian_targeting and two not in _ARMED):
        return 3
    if one in _ARMED and two in _ARMED:
        return 1 if (one in _STATE or two in _STATE) else 2
    return 1 if one in _STATE else (2 if one in _ARMED else None)


def _side_of(group: str, actors: list[IncidentActor], side_a: IncidentActor | None) -> str:
    """Which count a victim group adds to: a, b, civilians or unknown."""
    key = fold(group)
    if key in _CIVILIAN_GROUPS:
        return "civilians"
    for actor in actors:
        if actor_key(actor.name) == actor_key(group):
            return "a" if actor.side == 1 else "b"
    state_a = side_a is not None and side_a.inter in _STATE
    if key in _STATE_GROUPS:
        return "a" if state_a else "b"
    if key in _REBEL_GROUPS:
        return "b" if state_a else "a"
    return "unknown"


def deaths_by_side(incident: Incident) -> dict[str, int]:
    """deaths_a, deaths_b, deaths_civilians and deaths_unknown, adding up to ``best``."""
    best = incident.fatalities.best or 0
    counts = {"a": 0, "b": 0, "civilians": 0}
    for group, value in sorted(incident.fatalities.by_group.items()):
        side = _side_of(group, incident.actors, incident.actor1)
        if side in counts:
            counts[side] = max(counts[side], value)  # groups may overlap: never summed in a side
    assigned = 0
    for side in ("civilians", "a", "b"):
        counts[side] = min(counts[side], best - assigned)
        assigned += counts[side]
    return {
        "deaths_a": counts["a"],
        "deaths_b": counts["b"],
        "deaths_civilians": counts["civilians"],
        "deaths_unknown": best - assigned,
    }


def _date_prec(incident: Incident) -> int | None:
    date = incident.date
    if date is None:
        return None
    if date.precision is DatePrecision.week and (date.end - date.start).days < 6:
        return 2  # 2-6 days
    return date.precision.ucdp_date_prec


def ucdp_row(incident: Incident) -> dict[str, object]:
    """One incident as a UCDP-GED-style row (``UCDP_COLUMNS``)."""
    date, place, dead = incident.date, incident.location, incident.fatalities
    reports = [r for r in incident.reports if r.role == "reported"] or incident.reports
    side_a = incident.actor1.name if incident.actor1 else ""
    side_b = incident.actor2.name if incident.actor2 else ""
    unclear = dead.contested or incident.grade == "contested"
    return {
        "id": incident.id,
        "year": date.representative.year if date else None,
        "type_of_violence": type_of_violence(incident),
        "dyad_name": f"{side_a} - {side_b}" if side_a and side_b else side_a or side_b,
        "side_a": side_a,
        "side_b": side_b,
        "number_of_sources": incident.n_sources,
        "source_article": "; ".join(r.url or r.outlet for r in reports),
        "source_office": "; ".join(sorted({r.source or r.outlet for r in reports})),
        "source_date": "; ".join(sorted({r.published.value for r in reports if r.published})),
        "source_headline": "; ".join(r.title for r in reports if r.title),
        "where_prec": place.ucdp_where_prec if place else 6,
        "where_coordinates": (place.place_name or place.name) if place else "",
        "adm_1": (place.admin1 or "") if place else "",
        "adm_2": (place.admin2 or "") if place else "",
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "country": (place.country or place.country_iso3 or "") if place else "",
        "event_clarity": 2 if unclear else 1,
        "date_prec": _date_prec(incident),
        "date_start": date.start.isoformat() if date else "",
        "date_end": date.end.isoformat() if date else "",
        **deaths_by_side(incident),
        "best": dead.best or 0,
        "high": dead.high or 0,
        "low": dead.low or 0,
    }


def ucdp_rows(incidents: Iterable[Incident]) -> Iterator[dict[str, object]]:
    """UCDP-GED-style rows of ``incidents`` (see ``UCDP_COLUMNS``)."""
    for incident in incidents:
        yield ucdp_row(incident)


def incident_columns(
    backend: IncidentBackend, event_ids: Collection[str]
) -> dict[str, dict[str, object]]:
    """For each event filed in an incident: its incident's ``INCIDENT_COLUMNS``."""
    by_event = backend.incident_ids_of(event_ids)
    rows: dict[str, dict[str, object]] = {}
    cache: dict[str, dict[str, object]] = {}
    for event_id, incident_id in sorted(by_event.items()):
        if incident_id not in cache:
            incident = backend.get_incident(incident_id)
            row = ucdp_row(incident)
            cache[incident_id] = {
                "incident_id": incident.id,
                "best": row["best"],
                "low": row["low"],
                "high": row["high"],
                "date_prec": row["date_prec"],
                "where_prec": row["where_prec"],
                "number_of_sources": row["number_of_sources"],
                "contested": int(incident.fatalities.contested),
            }
        rows[event_id] = cache[incident_id]
    return rows
