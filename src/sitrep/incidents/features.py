"""A report as the linker sees it: the few facts of one coded event that decide whether it is the
same incident as another report, kept small so that thousands can be compared quickly.

A *report* is one ``Event`` extracted from one article. Its *kind* decides what it may do:

- ``anchor``: reported news dated to the day, with a place. Anchors form incidents.
- ``coarse``: reported news dated only to the week or month, with a place. It joins the one
  incident it matches unambiguously, or forms its own.
- ``background``: mentioned as context. It corroborates an incident but never creates one
  (and without a place or a date finer than the year, it is compared with nothing).
- ``loose``: reported news without a place or with only a year. Never linked automatically
  (too little evidence); it is an incident of its own.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from sitrep.incidents.names import (
    actor_key,
    content_words,
    is_region_name,
    loose_key,
    name_key,
    outlet_key,
)
from sitrep.incidents.policy import LinkPolicy
from sitrep.model import ActorRef, ActorStatus, Article, Event, EventRole
from sitrep.taxonomy import EventType

__all__ = ["ActorFeature", "ReportFeatures", "event_family", "features_of"]

_VIOLENT = {EventType.battles, EventType.explosions, EventType.violence_against_civilians}
_DEMONSTRATIONS = {EventType.protests, EventType.riots}
ANCHOR, COARSE, BACKGROUND, LOOSE = "anchor", "coarse", "background", "loose"


def event_family(event_type: EventType) -> str:
    """The family two reports of one incident must share: political violence, demonstrations,
    or one kind of strategic development."""
    if event_type in _VIOLENT:
        return "violence"
    if event_type in _DEMONSTRATIONS:
        return "demonstrations"
    return event_type.value


@dataclass(frozen=True)
class ActorFeature:
    key: str  # actor_key of the normalised name
    side: int  # 1 (actor1 and associates) or 2 (actor2 and associates)
    inter: int
    stated: bool  # stated as fact (not alleged by a claimant, not claimed by the actor)
    kind: str  # named | state | kind (a kind of actor: civilians ...; see LinkPolicy)


@dataclass(frozen=True)
class ReportFeatures:
    """The comparable facts of one reported event (see the module docstring for ``kind``)."""

    event_id: str
    article_id: str
    outlet: str
    role: str
    family: str
    event_type: str
    sub_event_type: str
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    precision: str | None = None
    place_keys: tuple[str, ...] = ()  # name_key of the place as written and as coded
    written_key: str | None = None  # name_key of the place as the text writes it
    loose_keys: tuple[str, ...] = ()
    place_label: str | None = None
    geonameid: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 3
    resolved: bool = False
    region_name: bool = False  # named as a region or a country, not a place (is_region_name)
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    actors: tuple[ActorFeature, ...] = ()
    killed: int | None = None  # the event's best figure
    killed_low: int | None = None
    killed_high: int | None = None  # None: open-ended ("at least")
    victims: frozenset[str] = field(default_factory=frozenset)  # victim groups of the toll
    targets: frozenset[str] = field(default_factory=frozenset)
    published: dt.date | None = None
    key_spans: tuple[tuple[int, int], ...] = ()  # the trigger words: the event's stable identity

    @property
    def has_place(self) -> bool:
        return bool(self.place_keys) or self.geonameid is not None or self.latitude is not None

    @property
    def dated(self) -> bool:
        """Dated precisely enough to be compared: to the day, week or month."""
        return self.precision in {"day", "week", "month"} and self.date_start is not None

    @property
    def kind(self) -> str:
        if self.role == EventRole.background.value:
            return BACKGROUND
        if not self.dated or not self.has_place:
            return LOOSE
        return ANCHOR if self.precision == "day" else COARSE

    @property
    def days(self) -> list[dt.date]:
        """Every day the report's date may be (none for a year or no date, or no place)."""
        if not (self.dated and self.has_place) or self.date_start is None or self.date_end is None:
            return []
        span = (self.date_end - self.date_start).days
        return [self.date_start + dt.timedelta(days=i) for i in range(span + 1)]

    # -- storage ------------------------------------------------------------------------------
    def to_json(self) -> str:
        data = asdict(self)
        for name in ("date_start", "date_end", "published"):
            value = data[name]
            data[name] = value.isoformat() if value else None
        data["targets"] = sorted(self.targets)
        data["victims"] = sorted(self.victims)
        return json.dumps(data, separators=(",", ":"), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> ReportFeatures:
        data: dict[str, Any] = json.loads(text)
        for name in ("date_start", "date_end", "published"):
            data[name] = dt.date.fromisoformat(data[name]) if data[name] else None
        data["actors"] = tuple(ActorFeature(**a) for a in data["actors"])
        for name in ("place_keys", "loose_keys"):
            data[name] = tuple(data[name])
        data["key_spans"] = tuple(tuple(s) for s in data["key_spans"])
        data["targets"] = frozenset(data["targets"])
        data["victims"] = frozenset(data.get("victims", ()))
        return cls(**data)


def _actor_features(event: Event, policy: LinkPolicy) -> tuple[ActorFeature, ...]:
    found: dict[tuple[str, int], ActorFeature] = {}
    sides: list[tuple[int, list[ActorRef]]] = [
        (1, [a for a in [event.actor1, *event.assoc_actor_1] if a is not None]),
        (2, [a for a in [event.actor2, *event.assoc_actor_2] if a is not None]),
    ]
    for side, refs in sides:
        for ref in refs:
            key = actor_key(ref.name)
            if not key:
                continue
            feature = ActorFeature(
                key=key,
                side=side,
                inter=ref.inter,
                stated=ref.status is ActorStatus.stated,
                kind=policy.actor_kind(key),
            )
            found.setdefault((key, side), feature)
    return tuple(sorted(found.values(), key=lambda a: (a.side, a.key)))


def features_of(event: Event, article: Article, policy: LinkPolicy) -> ReportFeatures:
    """The linker's view of ``event`` (extracted from ``article``)."""
    date, place, dead = event.date, event.location, event.fatalities
    # the gazetteer's name is the place's only when resolved; otherwise it names a fallback unit
    coded_as = place.place_name if place and place.resolved else None
    names = [n for n in ((place.name, coded_as) if place else ()) if n and n.strip()]
    keys = tuple(sorted({name_key(n) for n in names} - {""}))
    loose = tuple(sorted({loose_key(n) for n in names} - {""}))
    high = dead.high
    if dead.qualifier in {"at least", "more than"}:
        high = None
    elif high is None and dead.best is not None:
        high = dead.best
    targets = frozenset().union(*(content_words(t, policy.target_stopwords) for t in event.targets))
    published = article.published.start if article.published else None
    return ReportFeatures(
        event_id=event.id,
        article_id=event.article_id,
        outlet=outlet_key(article.source, article.url, article.id),
        role=event.role.value,
        family=event_family(event.event_type),
        event_type=event.event_type.value,
        sub_event_type=event.sub_event_type.value,
        date_start=date.start if date else None,
        date_end=date.end if date else None,
        precision=date.precision.value if date else None,
        place_keys=keys,
        written_key=(name_key(place.name) or None) if place and place.name else None,
        loose_keys=loose,
        place_label=(coded_as or place.name) if place else None,
        geonameid=place.geonameid if place else None,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        geo_precision=place.geo_precision if place else 3,
        resolved=bool(place and place.resolved and place.latitude is not None),
        region_name=bool(place and is_region_name(place.name, policy.region_words)),
        country=place.country_iso3 if place else None,
        admin1=(place.admin1 or "").casefold() or None if place else None,
        admin2=(place.admin2 or "").casefold() or None if place else None,
        actors=_actor_features(event, policy),
        killed=dead.best,
        killed_low=dead.low if dead.low is not None else dead.best,
        killed_high=high,
        victims=frozenset(g for g in dead.by_group if g != "people"),
        targets=targets,
        published=published,
        key_spans=tuple((s.start, s.end) for s in event.type_evidence),
    )
