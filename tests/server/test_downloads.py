"""Downloads of the current filter: ACLED CSV, JSON Lines and GeoJSON, streamed."""

from __future__ import annotations

import csv
import io
import json

from fastapi.testclient import TestClient

from sitrep.export import ACLED_COLUMNS, EXTRA_COLUMNS, UCDP_COLUMNS
from sitrep.model import Event


def test_downloads_csv_has_acled_columns_and_every_event(client: TestClient) -> None:
    response = client.get("/api/events.csv?country=Nigeria")
    assert response.headers["content-type"].startswith("text/csv")
    assert "sitrep-events.csv" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == [*ACLED_COLUMNS, *EXTRA_COLUMNS, *UCDP_COLUMNS]
    assert len(rows) == client.get("/api/events/totals?country=Nigeria").json()["events"]
    assert {r["country"] for r in rows} == {"Nigeria"}


def test_downloads_span_several_batches_without_repeats(client: TestClient) -> None:
    lines = client.get("/api/events.jsonl?role=all").text.splitlines()
    events = [Event.model_validate_json(line) for line in lines]
    assert len(events) == 240 and len({e.id for e in events}) == 240


def test_downloads_geojson_points(client: TestClient) -> None:
    data = json.loads(client.get("/api/events.geojson?event_type=Protests").text)
    assert data["type"] == "FeatureCollection" and data["features"]
    for feature in data["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert (
            feature["properties"]["latitude"] == lat and feature["properties"]["longitude"] == lon
        )
        assert feature["properties"]["event_type"] == "Protests"


def test_downloads_empty_filter_gives_a_header(client: TestClient) -> None:
    text = client.get("/api/events.csv?q=zeppelin").text
    assert text.splitlines() == [",".join([*ACLED_COLUMNS, *EXTRA_COLUMNS, *UCDP_COLUMNS])]
    assert json.loads(client.get("/api/events.geojson?q=zeppelin").text)["features"] == []
