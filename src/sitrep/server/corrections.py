"""The fields an analyst may correct, and how a corrected value is checked and put into an event.

A correction names a field by its path in the record (``fatalities.best``, ``actor1.name``,
``sub_event_type``) and gives a JSON value. ``apply_correction`` returns a new, validated ``Event``;
it never edits the one given. Correcting the sub-event type also sets the event type (ACLED's
taxonomy decides it); correcting an actor's name or a place's name drops the stale evidence span
and dictionary id, since the words in the article no longer name the corrected value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from sitrep.errors import ReviewError, SitrepError
from sitrep.model import Event, EventRole, PartialDate
from sitrep.taxonomy import SubEventType, disorder_type

__all__ = ["CORRECTABLE", "FieldSpec", "apply_correction", "field_value"]

JsonValue = Any


def _bad(field: str, value: object, detail: str) -> SitrepError:
    return ReviewError.from_catalogue("E062", value=value, field=field, detail=detail)


def _count(field: str, value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _bad(field, value, "a whole number of people, 0 or more (or null)")
    return value


def _text(field: str, value: object, *, nullable: bool = True) -> str | None:
    if value is None and nullable:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > 500:
        raise _bad(field, value, "a text of 1 to 500 characters")
    return value.strip()


def _number(field: str, value: object, low: float, high: float) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise _bad(field, value, f"a number from {low:g} to {high:g} (or null)")
    return float(value)


def _whole(field: str, value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _bad(field, value, f"a whole number from {low} to {high}")
    return value


def _set_sub_event_type(record: dict[str, Any], value: object) -> None:
    names = {s.value: s for s in SubEventType}
    if not isinstance(value, str) or value not in names:
        raise _bad("sub_event_type", value, "one of ACLED's 25 sub-event types")
    sub = names[value]
    record["sub_event_type"] = sub.value
    record["event_type"] = sub.event_type.value
    record["disorder_type"] = disorder_type(sub)


def _set_role(record: dict[str, Any], value: object) -> None:
    if value not in [r.value for r in EventRole]:
        raise _bad("role", value, "'reported' or 'background'")
    record["role"] = value


def _set_civilian_targeting(record: dict[str, Any], value: object) -> None:
    if not isinstance(value, bool):
        raise _bad("civilian_targeting", value, "true or false")
    record["civilian_targeting"] = value


def _set_date(record: dict[str, Any], value: object) -> None:
    if value is None:
        record["date"] = None
        return
    try:
        date = PartialDate.parse(value if isinstance(value, str) else str(value))
    except ValueError as error:
        raise _bad("date", value, "a date YYYY-MM-DD, a month YYYY-MM or a year YYYY") from error
    if date.start > dt.date.today() + dt.timedelta(days=1):
        raise _bad("date", value, "a date that is not in the future")
    record["date"] = {**date.model_dump(mode="json"), "expression": None, "evidence": []}


def _set_summary(record: dict[str, Any], value: object) -> None:
    record["summary"] = _text("summary", value, nullable=False)


def _part(record: dict[str, Any], key: str, default: dict[str, Any]) -> dict[str, Any]:
    if record.get(key) is None:
        record[key] = dict(default)
    part: dict[str, Any] = record[key]
    return part


_PLACE = {"name": "(corrected)", "geo_precision": 3, "resolved": False}


def _place_setter(key: str) -> Callable[[dict[str, Any], object], None]:
    field = f"location.{key}"

    def setter(record: dict[str, Any], value: object) -> None:
        place = _part(record, "location", _PLACE)
        if key == "name":
            place["name"] = _text(field, value, nullable=False)
            place.update(place_name=None, geonameid=None, evidence=[])
        elif key in ("admin1", "admin2", "admin3"):
            place[key] = _text(field, value)
        elif key == "country_iso3":
            place.update(_country(field, value))
        elif key == "latitude":
            place[key] = _number(field, value, -90, 90)
        elif key == "longitude":
            place[key] = _number(field, value, -180, 180)
        elif key == "geo_precision":
            place[key] = _whole(field, value, 1, 3)

    return setter


def _country(field: str, value: object) -> dict[str, Any]:
    if value is None:
        return {"country_iso3": None, "country": None}
    import pycountry

    if not isinstance(value, str):
        raise _bad(field, value, "an ISO 3166 code (MLI) or an English country name")
    try:
        country = pycountry.countries.lookup(value.strip())
    except LookupError as error:
        raise _bad(field, value, "an ISO 3166 code (MLI) or an English country name") from error
    return {"country_iso3": str(country.alpha_3), "country": str(country.name)}


def _actor_setter(slot: str, key: str) -> Callable[[dict[str, Any], object], None]:
    field = f"{slot}.{key}"

    def setter(record: dict[str, Any], value: object) -> None:
        if key == "name" and value is None:
            record[slot] = None
            return
        actor = _part(record, slot, {"name": "(unknown)", "inter": 0})
        if key == "name":
            actor["name"] = _text(field, value, nullable=False)
            actor.update(actor_id=None, text=None, evidence=[], status="stated", attributed_by=None)
        else:
            actor["inter"] = _whole(field, value, 0, 8)

    return setter


def _move_range(toll: dict[str, Any], best: int) -> None:
    """A corrected best figure carries a single-figure range with it (low = best = high), and
    widens a real range that no longer holds it."""
    old = toll.get("best")
    for bound, widen in (("low", min), ("high", max)):
        current = toll.get(bound)
        if current is None:
            continue
        toll[bound] = best if current == old else widen(current, best)


def _toll_setter(kind: str, key: str) -> Callable[[dict[str, Any], object], None]:
    field = f"{kind}.{key}"

    def setter(record: dict[str, Any], value: object) -> None:
        toll = _part(record, kind, {})
        count = _count(field, value)
        if key == "best" and count is not None:
            _move_range(toll, count)
        toll[key] = count
        figures = [toll.get("low"), toll.get("best"), toll.get("high")]
        known = [f for f in figures if f is not None]
        if known != sorted(known):
            raise _bad(field, value, "low <= best <= high once corrected")

    return setter


@dataclass(frozen=True)
class FieldSpec:
    """A correctable field: its path, a label for people, the kind of value, and its setter."""

    path: str
    label: str
    kind: str  # count | text | number | integer | boolean | choice | date
    setter: Callable[[dict[str, Any], object], None]
    choices: tuple[str, ...] = ()

    def describe(self) -> dict[str, Any]:
        return {"field": self.path, "label": self.label, "kind": self.kind, "choices": self.choices}


def _specs() -> dict[str, FieldSpec]:
    specs = [
        FieldSpec(
            "sub_event_type",
            "Sub-event type (sets the event type)",
            "choice",
            _set_sub_event_type,
            tuple(s.value for s in SubEventType),
        ),
        FieldSpec("civilian_targeting", "Civilian targeting", "boolean", _set_civilian_targeting),
        FieldSpec("role", "Role", "choice", _set_role, tuple(r.value for r in EventRole)),
        FieldSpec("date", "Date (YYYY-MM-DD, YYYY-MM or YYYY)", "date", _set_date),
        FieldSpec("summary", "Notes", "text", _set_summary),
    ]
    for key, label, kind in [
        ("name", "Location", "text"),
        ("admin1", "Admin1", "text"),
        ("admin2", "Admin2", "text"),
        ("country_iso3", "Country (ISO code or name)", "text"),
        ("latitude", "Latitude", "number"),
        ("longitude", "Longitude", "number"),
        ("geo_precision", "Geo precision (1-3)", "integer"),
    ]:
        specs.append(FieldSpec(f"location.{key}", label, kind, _place_setter(key)))
    for slot, who in [("actor1", "Actor 1"), ("actor2", "Actor 2")]:
        specs.append(FieldSpec(f"{slot}.name", f"{who}", "text", _actor_setter(slot, "name")))
        specs.append(
            FieldSpec(
                f"{slot}.inter", f"{who} inter code (0-8)", "integer", _actor_setter(slot, "inter")
            )
        )
    for key in ("best", "low", "high"):
        specs.append(
            FieldSpec(
                f"fatalities.{key}", f"Fatalities ({key})", "count", _toll_setter("fatalities", key)
            )
        )
    specs.append(
        FieldSpec("injuries.best", "Injured (best)", "count", _toll_setter("injuries", "best"))
    )
    return {spec.path: spec for spec in specs}


CORRECTABLE: dict[str, FieldSpec] = _specs()


def field_value(event: Event, path: str) -> JsonValue:
    """The JSON value of ``path`` in ``event`` (None where a part is missing)."""
    value: Any = event.model_dump(mode="json")
    for key in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def apply_correction(event: Event, path: str, value: JsonValue) -> Event:
    """``event`` with ``path`` set to ``value``; raise ``ReviewError`` (E061/E062) if refused."""
    spec = CORRECTABLE.get(path)
    if spec is None:
        raise ReviewError.from_catalogue("E061", field=path, known=", ".join(CORRECTABLE))
    record = event.model_dump(mode="json")
    spec.setter(record, value)
    try:
        return Event.model_validate(record)
    except ValidationError as error:
        detail = "; ".join(e["msg"] for e in error.errors())
        raise _bad(path, value, detail) from error
