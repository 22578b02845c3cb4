"""Shared fixtures: every test runs with its own SITREP_HOME, so nothing touches the user's files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sitrep.model import (
    ActorRef,
    Article,
    Casualties,
    Event,
    EventDate,
    EventRole,
    ExtractionResult,
    Location,
    PartialDate,
    Span,
)
from sitrep.taxonomy import SubEventType


@pytest.fixture(autouse=True)
def sitrep_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """A fresh, empty SITREP_HOME for each test (and no SITREP_DB from the environment)."""
    from sitrep.pipeline.boilerplate import load_rules

    home = tmp_path_factory.mktemp("sitrep-home")
    monkeypatch.setenv("SITREP_HOME", str(home))
    monkeypatch.delenv("SITREP_DB", raising=False)
    monkeypatch.delenv("SITREP_MAX_INPUT_BYTES", raising=False)
    load_rules.cache_clear()
    yield home
    load_rules.cache_clear()


class EventFactory:
    """Builds real records (articles with coded events) for store and export tests."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(
        self,
        *,
        sub: str = "Air/drone strike",
        day: str | None = "2024-08-25",
        iso3: str | None = "MLI",
        place: str = "Tinzaouaten",
        admin1: str | None = "Kidal",
        lat: float | None = 19.95,
        lon: float | None = 2.96,
        actor1: str | None = "Military Forces of Mali (2021-)",
        actor2: str | None = "Civilians (Mali)",
        killed: int | None = 21,
        role: str = "reported",
        summary: str = "Drone strike on a town; civilians killed.",
        text: str | None = None,
    ) -> ExtractionResult:
        self.count += 1
        sub_type = SubEventType(sub)
        article_text = text or f"Report {self.count}: {summary}"
        article = Article(
            id=f"article-{self.count:04d}",
            text=article_text,
            url=f"https://example.org/{self.count}",
        )
        span = Span(start=0, end=6, text=article_text[:6])
        date = None
        if day is not None:
            parsed = PartialDate.parse(day)
            date = EventDate(**parsed.model_dump(), expression=day, evidence=[span])
        location = None
        if iso3 is not None or lat is not None:
            location = Location(
                name=place,
                country_iso3=iso3,
                admin1=admin1,
                latitude=lat,
                longitude=lon,
                geo_precision=1,
            )
        event = Event(
            id=f"event-{self.count:04d}",
            article_id=article.id,
            role=EventRole(role),
            event_type=sub_type.event_type,
            sub_event_type=sub_type,
            civilian_targeting=actor2 is not None and actor2.startswith("Civilians"),
            type_evidence=[span],
            date=date,
            location=location,
            actor1=ActorRef(name=actor1, inter=1) if actor1 else None,
            actor2=ActorRef(name=actor2, inter=7) if actor2 else None,
            assoc_actor_1=[ActorRef(name="Wagner Group", inter=8)]
            if actor1 and "Mali" in actor1
            else [],
            fatalities=Casualties(best=killed, low=killed, qualifier="at least")
            if killed is not None
            else Casualties(),
            summary=summary,
        )
        return ExtractionResult(article=article, events=[event])


@pytest.fixture
def make_result() -> EventFactory:
    """``make_result(sub=..., day=..., iso3=...)`` -> an ExtractionResult with one event."""
    return EventFactory()
