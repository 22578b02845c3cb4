"""Exports: ACLED-style CSV, JSON Lines of full events, GeoJSON points."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from sitrep.export import (
    ACLED_COLUMNS,
    EXTRA_COLUMNS,
    UCDP_COLUMNS,
    acled_region,
    acled_row,
    stored_events,
    write_csv,
    write_geojson,
    write_jsonl,
)
from sitrep.model import Event
from sitrep.store.base import StoredEvent

CURRENT_ACLED_ORDER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
    "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,"
    "country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,"
    "notes,fatalities,tags,timestamp"
)


def test_export_csv_header_is_acled_order_then_extras(make_result) -> None:
    out = io.StringIO()
    write_csv(stored_events([make_result()]), out)
    header = out.getvalue().splitlines()[0]
    assert header.startswith(CURRENT_ACLED_ORDER + ",")
    assert header.split(",") == [*ACLED_COLUMNS, *EXTRA_COLUMNS, *UCDP_COLUMNS]
    assert EXTRA_COLUMNS[:2] == ["event_id", "role"]


def test_export_csv_values_follow_acled_conventions(make_result) -> None:
    stored = StoredEvent(
        event=make_result().events[0],
        article_source="Example Wire",
        article_url="https://example.org/1",
        stored_at=dt.datetime(2024, 8, 27, tzinfo=dt.UTC),
    )
    out = io.StringIO()
    write_csv([stored], out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["event_id_cnty"].startswith("MLI-")
    assert (row["event_date"], row["year"], row["time_precision"]) == ("2024-08-25", "2024", "1")
    assert (row["event_type"], row["sub_event_type"]) == (
        "Explosions/Remote violence",
        "Air/drone strike",
    )
    assert (row["actor1"], row["assoc_actor_1"], row["inter1"]) == (
        "Military Forces of Mali (2021-)",
        "Wagner Group",
        "1",
    )
    assert (row["actor2"], row["inter2"], row["interaction"]) == ("Civilians (Mali)", "7", "17")
    assert row["civilian_targeting"] == "Civilian targeting"
    assert (row["iso"], row["region"], row["country"]) == ("466", "Western Africa", "Mali")
    assert (row["location"], row["admin1"], row["geo_precision"]) == ("Tinzaouaten", "Kidal", "1")
    assert (row["fatalities"], row["fatalities_low"], row["tags"]) == (
        "21",
        "21",
        "fatalities at least",
    )
    assert row["source"] == "Example Wire" and row["url"] == "https://example.org/1"
    assert row["timestamp"] == str(int(dt.datetime(2024, 8, 27, tzinfo=dt.UTC).timestamp()))
    assert row["evidence"].startswith("[0:6]")


def test_export_month_precision_uses_mid_month(make_result) -> None:
    row = acled_row(stored_events([make_result(day="2024-07")])[0])
    assert (row["event_date"], row["time_precision"]) == ("2024-07-16", 3)


def test_export_sparse_event_has_empty_fields(make_result) -> None:
    sparse = make_result(
        day=None, iso3=None, lat=None, lon=None, actor1=None, actor2=None, killed=None
    )
    row = acled_row(stored_events([sparse])[0])
    assert row["event_id_cnty"].startswith("XXX-")  # type: ignore[union-attr]
    assert (row["event_date"], row["country"], row["iso"], row["region"]) == (None, None, None, "")
    assert (row["actor1"], row["interaction"], row["fatalities"]) == (None, 0, 0)


def test_export_jsonl_round_trips_full_events(make_result) -> None:
    results = [make_result(), make_result(sub="Peaceful protest")]
    out = io.StringIO()
    count = write_jsonl(stored_events(results), out)
    lines = out.getvalue().splitlines()
    assert count.written == len(lines) == 2
    assert Event.model_validate_json(lines[0]) == results[0].events[0]


def test_export_geojson_points_and_skipped(make_result) -> None:
    results = [make_result(), make_result(lat=None, lon=None)]
    out = io.StringIO()
    count = write_geojson(stored_events(results), out)
    data = json.loads(out.getvalue())
    assert (count.written, count.skipped) == (1, 1)
    assert data["type"] == "FeatureCollection"
    feature = data["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [2.96, 19.95]}
    assert feature["properties"]["sub_event_type"] == "Air/drone strike"


def test_export_geojson_empty_collection_is_valid() -> None:
    out = io.StringIO()
    write_geojson([], out)
    assert json.loads(out.getvalue()) == {"type": "FeatureCollection", "features": []}


def test_export_region_lookup() -> None:
    assert (acled_region("mli"), acled_region("UKR"), acled_region("ZZZ"), acled_region(None)) == (
        "Western Africa",
        "Europe",
        "",
        "",
    )
