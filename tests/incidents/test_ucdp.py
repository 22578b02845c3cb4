"""UCDP-GED-style columns of incidents."""

from __future__ import annotations

import pytest

from sitrep.incidents import IncidentEngine, IncidentQuery, MemoryBackend
from sitrep.incidents.ucdp import (
    INCIDENT_COLUMNS,
    UCDP_COLUMNS,
    incident_columns,
    type_of_violence,
    ucdp_row,
)

from .conftest import STRIKE


def incident_of(wire, keys):
    engine = IncidentEngine(MemoryBackend())
    engine.update([wire(k) for k in keys])
    return engine, max(engine.backend.query_incidents(IncidentQuery()), key=lambda i: i.n_reports)


def test_ucdp_row_has_every_column_and_deaths_add_up(wire) -> None:
    _, incident = incident_of(wire, STRIKE[:3])
    row = ucdp_row(incident)
    assert list(row) == UCDP_COLUMNS
    assert (row["best"], row["low"], row["high"]) == (21, 21, 21)
    assert row["deaths_civilians"] == 21
    deaths = sum(row[c] for c in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"))
    assert deaths == row["best"]
    assert (row["date_prec"], row["number_of_sources"], row["event_clarity"]) == (1, 3, 1)
    assert row["where_prec"] == 1


def test_ucdp_contested_incident_is_unclear(wire) -> None:
    _, incident = incident_of(wire, STRIKE)
    row = ucdp_row(incident)
    assert row["event_clarity"] == 2
    assert row["low"] == 6 and row["high"] == 21


@pytest.mark.parametrize(
    ("keys", "expected"),
    [(["strike-desertpost"], 3), (["mopti-ied"], None)],
)
def test_ucdp_type_of_violence_from_the_sides(wire, keys, expected) -> None:
    _, incident = incident_of(wire, keys)
    assert type_of_violence(incident) == expected


def test_ucdp_incident_columns_for_an_event_export(wire) -> None:
    engine, incident = incident_of(wire, STRIKE[:2])
    ids = [r.event_id for r in incident.reports] + ["not-filed"]
    columns = incident_columns(engine.backend, ids)
    assert set(columns) == set(ids[:-1])
    assert all(
        list(row) == INCIDENT_COLUMNS and row["incident_id"] == incident.id
        for row in columns.values()
    )
