"""The committed JSON Schema files match the record model."""

from __future__ import annotations

import json

from sitrep.schema import SCHEMA_DIR, SCHEMA_FILES, render_schema, write_schemas


def test_schema_committed_files_are_up_to_date() -> None:
    for name, filename in SCHEMA_FILES.items():
        committed = (SCHEMA_DIR / filename).read_text(encoding="utf-8")
        assert committed == render_schema(name), f"{filename} is stale: run `sitrep schema --write`"


def test_schema_describes_the_event_fields() -> None:
    event = json.loads(render_schema("event"))
    assert {"id", "article_id", "event_type", "sub_event_type", "fatalities", "claims"} <= set(
        event["properties"]
    )
    assert "Air/drone strike" in json.dumps(event["$defs"]["SubEventType"])


def test_schema_write_into_a_folder(tmp_path) -> None:  # type: ignore[no-untyped-def]
    written = write_schemas(tmp_path)
    assert sorted(p.name for p in written) == sorted(SCHEMA_FILES.values())
