"""Hand-coded events for the project's wire copy (``wire.WIRE``): what an analyst codes from each
article, with evidence spans into the article's cleaned text, so that the incident layer is
tested on the records it is meant to receive, whatever the extraction stages manage today."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from sitrep.incidents.names import loose_key
from sitrep.model import (
    ActorRef,
    ActorStatus,
    Article,
    Casualties,
    Claim,
    ClaimKind,
    DatePrecision,
    Event,
    EventDate,
    EventRole,
    ExtractionResult,
    Location,
    PartialDate,
    Span,
)
from sitrep.pipeline.clean import RawArticle, prepare_article
from sitrep.taxonomy import SubEventType

from .wire import WIRE

_BY_KEY = {entry[0]: entry for entry in WIRE}

# Where a gazetteer puts the towns of the wire copy (approximate public coordinates), under the
# gazetteer's name; every spelling of a town resolves to the same place.
TOWNS: dict[str, tuple[str, float, float]] = {
    loose_key(name): (name, lat, lon)
    for name, lat, lon in [
        ("Tinzaouaten", 19.954, 2.967),
        ("Ogossagou", 14.27, -3.96),
        ("Boni", 15.07, -1.83),
        ("Anefis", 18.05, 0.60),
    ]
}


def article(key: str) -> Article:
    """The cleaned article of a wire entry."""
    _, outlet, published, title, text = _BY_KEY[key]
    return prepare_article(RawArticle(text=text, title=title, source=outlet, published=published))


def span(text: str, phrase: str, start: int = 0) -> Span:
    at = text.index(phrase, start)
    return Span(start=at, end=at + len(phrase), text=phrase)


@dataclass
class Said:
    """A claim in the article: who says what, read from ``sentence`` (a phrase of the text)."""

    claimant: str
    sentence: str
    kind: ClaimKind = ClaimKind.fatalities
    killed: int | None = None
    qualifier: str | None = None
    by_group: dict[str, int] = field(default_factory=dict)
    about: str | None = None
    claimant_type: str | None = None


@dataclass
class Coding:
    """One event as an analyst codes it from a wire entry."""

    trigger: str
    sub: SubEventType = SubEventType.air_drone_strike
    day: str | None = "2024-08-25"
    precision: DatePrecision = DatePrecision.day
    place: str | None = "Tinzaouaten"
    country: str | None = "MLI"
    admin1: str | None = "Kidal"
    resolved: bool = True  # the gazetteer knows the place (see TOWNS)
    actor1: str | None = None
    actor1_inter: int = 0
    actor1_status: ActorStatus = ActorStatus.stated
    attributed_by: str | None = None
    actor2: str | None = None
    actor2_inter: int = 0
    role: EventRole = EventRole.reported
    claims: list[Said] = field(default_factory=list)


def _date(coding: Coding, text: str) -> EventDate | None:
    if coding.day is None:
        return None
    day = dt.date.fromisoformat(coding.day)
    if coding.precision is DatePrecision.day:
        period = PartialDate.of_day(day)
    elif coding.precision is DatePrecision.month:
        period = PartialDate.of_month(day.year, day.month)
    else:
        period = PartialDate.of_period(day - dt.timedelta(days=6), day, DatePrecision.week)
    return EventDate(**period.model_dump())


def _location(coding: Coding, text: str) -> Location | None:
    """The place as a geocoder gives it: the town itself, under the gazetteer's name, unless
    the coding says the gazetteer does not know it (``resolved=False``)."""
    if coding.place is None:
        return None
    evidence = [span(text, coding.place)] if coding.place in text else []
    town = TOWNS.get(loose_key(coding.place)) if coding.resolved else None
    return Location(
        name=coding.place,
        place_name=town[0] if town else None,
        country_iso3=coding.country,
        admin1=coding.admin1,
        latitude=town[1] if town else None,
        longitude=town[2] if town else None,
        geo_precision=1,
        resolved=town is not None,
        evidence=evidence,
    )


def _claim(said: Said, text: str) -> Claim:
    sentence = span(text, said.sentence)
    figure = f"{said.qualifier + ' ' if said.qualifier else ''}{said.killed} killed"
    return Claim(
        claimant=said.claimant,
        claimant_type=said.claimant_type,
        kind=said.kind,
        killed=said.killed,
        killed_by_group=dict(said.by_group),
        qualifier=said.qualifier,
        about_actor=said.about,
        says=figure if said.kind is ClaimKind.fatalities else said.sentence,
        sentence=sentence,
        evidence=[sentence],
    )


def _casualties(claims: list[Claim]) -> Casualties:
    figures = [c for c in claims if c.kind is ClaimKind.fatalities and c.killed is not None]
    if not figures:
        return Casualties()
    low = min(c.killed for c in figures if c.killed is not None)
    high = max(c.killed for c in figures if c.killed is not None)
    first = figures[0]
    return Casualties(
        best=low,
        low=low,
        high=high,
        qualifier=first.qualifier,
        contested=low != high,
        by_group=dict(first.killed_by_group),
    )


def coded(key: str, *codings: Coding, article_override: Article | None = None) -> ExtractionResult:
    """The extraction result an analyst would code for wire entry ``key``."""
    source = article_override or article(key)
    text = source.text
    events = []
    for coding in codings:
        trigger = span(text, coding.trigger)
        claims = [_claim(s, text) for s in coding.claims]
        events.append(
            Event(
                id=hashlib.sha256(
                    f"{source.id}:{trigger.start}:{trigger.end}".encode()
                ).hexdigest()[:20],
                article_id=source.id,
                role=coding.role,
                event_type=coding.sub.event_type,
                sub_event_type=coding.sub,
                civilian_targeting=coding.actor2 is not None
                and coding.actor2.startswith("Civilians"),
                type_evidence=[trigger],
                date=_date(coding, text),
                location=_location(coding, text),
                actor1=ActorRef(
                    name=coding.actor1,
                    inter=coding.actor1_inter,
                    status=coding.actor1_status,
                    attributed_by=coding.attributed_by,
                )
                if coding.actor1
                else None,
                actor2=ActorRef(name=coding.actor2, inter=coding.actor2_inter)
                if coding.actor2
                else None,
                fatalities=_casualties(claims),
                claims=claims,
            )
        )
    return ExtractionResult(article=source, events=events)
