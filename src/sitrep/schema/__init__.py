"""The JSON Schema of sitrep's records, generated from ``sitrep.model`` (never edited by hand).

``sitrep schema --write`` regenerates the committed files; a test fails when they are stale.

- ``event.schema.json``              one ``Event`` (a line of ``sitrep export --format jsonl``)
- ``extraction-result.schema.json``  one ``ExtractionResult`` (a line of ``sitrep extract --json``)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sitrep.model import Event, ExtractionResult

__all__ = ["SCHEMA_DIR", "SCHEMA_FILES", "render_schema", "schemas", "write_schemas"]

SCHEMA_DIR = Path(__file__).resolve().parent
SCHEMA_FILES = {"event": "event.schema.json", "result": "extraction-result.schema.json"}


def schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schemas by name ("event", "result")."""
    found: dict[str, dict[str, Any]] = {}
    for name, model in (("event", Event), ("result", ExtractionResult)):
        schema = model.model_json_schema(mode="serialization")
        found[name] = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            **schema,
        }
    return found


def render_schema(name: str) -> str:
    """The text of one schema file, exactly as committed."""
    return json.dumps(schemas()[name], indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(folder: Path = SCHEMA_DIR) -> list[Path]:
    """Write every schema file into ``folder``; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, filename in SCHEMA_FILES.items():
        path = folder / filename
        path.write_text(render_schema(name), encoding="utf-8")
        written.append(path)
    return written
