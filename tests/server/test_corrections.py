"""Which fields an analyst may correct, and how each value is checked and put into the event."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.errors import ReviewError
from sitrep.model import ActorRef, Casualties, Event, Location, Span
from sitrep.server.corrections import CORRECTABLE, apply_correction, field_value
from sitrep.taxonomy import EventType, SubEventType


def _event() -> Event:
    words = Span(start=10, end=16, text="shelled")
    return Event(
        id="ev-1",
        article_id="art-1",
        event_type=EventType.battles,
        sub_event_type=SubEventType.armed_clash,
        type_evidence=[words],
        location=Location(name="Kidal", country_iso3="MLI", evidence=[words]),
        actor1=ActorRef(
            name="Military Forces of Mali (2021-)", inter=1, actor_id="mli-army", evidence=[words]
        ),
        fatalities=Casualties(best=12, low=10, high=15, evidence=[words]),
    )


@pytest.mark.parametrize(
    ("field", "value", "check"),
    [
        (
            "fatalities.best",
            14,
            lambda e: (e.fatalities.low, e.fatalities.best, e.fatalities.high) == (10, 14, 15),
        ),
        (
            "fatalities.best",
            20,
            lambda e: (e.fatalities.low, e.fatalities.best, e.fatalities.high) == (10, 20, 20),
        ),
        (
            "fatalities.best",
            3,
            lambda e: (
                (e.fatalities.low, e.fatalities.conservative) == (3, 3) and e.fatalities.evidence
            ),
        ),
        (
            "fatalities.low",
            None,
            lambda e: e.fatalities.low is None and e.fatalities.conservative == 12,
        ),
        ("injuries.best", 30, lambda e: e.injuries.best == 30),
        (
            "sub_event_type",
            "Air/drone strike",
            lambda e: (
                e.event_type is EventType.explosions and e.disorder_type == "Political violence"
            ),
        ),
        ("civilian_targeting", True, lambda e: e.civilian_targeting),
        ("role", "background", lambda e: e.role.value == "background"),
        (
            "date",
            "2024-08",
            lambda e: (
                e.date is not None and e.date.precision.value == "month" and not e.date.evidence
            ),
        ),
        (
            "date",
            "2024-08-25",
            lambda e: e.date is not None and e.date.start.isoformat() == "2024-08-25",
        ),
        (
            "location.name",
            "Tinzaouaten",
            lambda e: e.location.name == "Tinzaouaten" and not e.location.evidence,
        ),
        ("location.admin1", "Kidal", lambda e: e.location.admin1 == "Kidal"),
        (
            "location.country_iso3",
            "Burkina Faso",
            lambda e: (e.location.country_iso3, e.location.country) == ("BFA", "Burkina Faso"),
        ),
        ("location.latitude", 19.95, lambda e: e.location.latitude == 19.95),
        ("location.geo_precision", 1, lambda e: e.location.geo_precision == 1),
        (
            "actor1.name",
            "Wagner Group",
            lambda e: (
                e.actor1.name == "Wagner Group"
                and e.actor1.actor_id is None
                and not e.actor1.evidence
            ),
        ),
        (
            "actor2.name",
            "Civilians (Mali)",
            lambda e: e.actor2 is not None and e.actor2.name == "Civilians (Mali)",
        ),
        ("actor2.inter", 7, lambda e: e.actor2 is not None and e.actor2.inter == 7),
        (
            "summary",
            "Drone strikes on a pharmacy.",
            lambda e: e.summary == "Drone strikes on a pharmacy.",
        ),
    ],
)
def test_corrections_apply(field: str, value: Any, check: Any) -> None:
    original = _event()
    corrected = apply_correction(original, field, value)
    assert check(corrected)
    assert field_value(corrected, field) is not None or value is None
    assert original == _event(), "the event given is never changed"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("fatalities.best", -1),
        ("fatalities.best", "twenty"),
        ("fatalities.best", True),
        ("fatalities.low", 13),  # above best
        ("fatalities.high", 11),  # below best
        ("sub_event_type", "Skirmish"),
        ("civilian_targeting", "yes"),
        ("date", "last Sunday"),
        ("date", "2999-01-01"),
        ("location.latitude", 95),
        ("location.geo_precision", 4),
        ("location.country_iso3", "Atlantis"),
        ("actor1.inter", 9),
        ("actor1.name", "   "),
        ("summary", "x" * 600),
        ("role", "rumour"),
    ],
)
def test_corrections_refuse_bad_values(field: str, value: Any) -> None:
    with pytest.raises(ReviewError) as caught:
        apply_correction(_event(), field, value)
    assert caught.value.code == "E062"


def test_corrections_refuse_unknown_fields() -> None:
    with pytest.raises(ReviewError) as caught:
        apply_correction(_event(), "id", "other")
    assert caught.value.code == "E061"
    assert "fatalities.best" in caught.value.message


def test_corrections_every_field_is_described() -> None:
    for spec in CORRECTABLE.values():
        described = spec.describe()
        assert described["label"] and described["kind"] in {
            "count",
            "text",
            "number",
            "integer",
            "boolean",
            "choice",
            "date",
        }
