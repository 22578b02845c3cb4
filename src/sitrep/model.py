"""The record model shared by the pipeline, the store, the API and the exports.

Every value that comes from text carries ``evidence``: character spans into the article's stored
text (``Article.text``). A value without evidence is either a default (for example ``role`` when
nothing marks an event as background) or a bug.

The JSON Schema in ``src/sitrep/schema/event.schema.json`` is generated from these classes with
``sitrep schema`` and checked by a test, so it cannot drift.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from sitrep.taxonomy import EventType, SubEventType

__all__ = [
    "ActorRef",
    "ActorStatus",
    "Article",
    "Casualties",
    "Claim",
    "ClaimKind",
    "DatePrecision",
    "Event",
    "EventDate",
    "EventRole",
    "EventType",
    "ExtractionResult",
    "Location",
    "PartialDate",
    "Span",
    "SubEventType",
]


_PARTIAL_DATE = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2})(?:[T ].*)?)?)?")


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, use_enum_values=False)


class Span(_Record):
    """A stretch of the article's text: ``text == article.text[start:end]``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


class DatePrecision(str, Enum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"

    @property
    def acled_time_precision(self) -> int:
        """ACLED time_precision: 1 day, 2 week (or similar span), 3 month (or vaguer)."""
        return {"day": 1, "week": 2, "month": 3, "year": 3}[self.value]

    @property
    def ucdp_date_prec(self) -> int:
        """UCDP date_prec: 1 day, 3 week, 4 month, 5 year (2 = 2-6 days is not produced)."""
        return {"day": 1, "week": 3, "month": 4, "year": 5}[self.value]


class PartialDate(_Record):
    """A date known to some precision: ``2024-08-26`` (day), ``2024-08`` (month), ``2024`` (year).

    ``start`` and ``end`` bound the period; ``value`` is the ISO text at that precision.
    """

    value: str
    precision: DatePrecision
    start: dt.date
    end: dt.date

    @classmethod
    def parse(cls, value: str | dt.date | dt.datetime | PartialDate) -> PartialDate:
        """Read ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or an ISO datetime; raise ``ValueError``."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls.of_day(value)
        text = str(value).strip()
        match = _PARTIAL_DATE.fullmatch(text)
        if not match:
            raise ValueError(f"not a date: {value!r}")
        year, month, day = match.group("y", "m", "d")
        if day:
            return cls.of_day(dt.date(int(year), int(month), int(day)))
        if month:
            return cls.of_month(int(year), int(month))
        return cls.of_year(int(year))

    @classmethod
    def of_day(cls, day: dt.date) -> PartialDate:
        return cls(value=day.isoformat(), precision=DatePrecision.day, start=day, end=day)

    @classmethod
    def of_month(cls, year: int, month: int) -> PartialDate:
        start = dt.date(year, month, 1)
        end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        return cls(
            value=f"{year:04d}-{month:02d}", precision=DatePrecision.month, start=start, end=end
        )

    @classmethod
    def of_year(cls, year: int) -> PartialDate:
        return cls(
            value=f"{year:04d}",
            precision=DatePrecision.year,
            start=dt.date(year, 1, 1),
            end=dt.date(year, 12, 31),
        )

    @classmethod
    def of_period(cls, start: dt.date, end: dt.date, precision: DatePrecision) -> PartialDate:
        """A span of days, e.g. a week (``value`` is the ISO start/end interval)."""
        value = start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}"
        return cls(value=value, precision=precision, start=start, end=end)

    @property
    def representative(self) -> dt.date:
        """The single day exports use: the day itself, else the middle of the period (ACLED)."""
        if self.precision is DatePrecision.day:
            return self.start
        return self.start + (self.end - self.start) / 2


class EventDate(PartialDate):
    """When an event happened, as resolved against the article's publication date."""

    expression: str | None = None
    evidence: list[Span] = Field(default_factory=list)


class EventRole(str, Enum):
    reported = "reported"  # the news of this article
    background = "background"  # mentioned as context or history


class ActorStatus(str, Enum):
    stated = "stated"  # the article states it as fact, in its own voice
    alleged = "alleged"  # a claimant attributes it ("X blamed Y")
    claimed = "claimed"  # the actor itself claims it ("JNIM said it killed ...")


class ActorRef(_Record):
    name: str  # normalised, ACLED style: "Military Forces of Mali (2021-)"
    inter: int = Field(ge=0, le=8)  # ACLED inter code; 0 only when unknown
    actor_id: str | None = None  # key in the actor dictionary
    text: str | None = None  # the words in the article
    status: ActorStatus = ActorStatus.stated
    attributed_by: str | None = None  # who says so (normalised claimant name)
    country_iso3: str | None = None
    evidence: list[Span] = Field(default_factory=list)


class Location(_Record):
    name: str  # the place as the article names it
    place_name: str | None = None  # the gazetteer's name for the place coded
    geonameid: int | None = None
    country_iso3: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = Field(
        3, ge=1, le=3
    )  # ACLED: 1 town, 2 near/part of region, 3 region/country
    feature_code: str | None = None
    relation: Literal["in", "near", "offset", "between", "region"] = "in"
    offset_km: float | None = None
    bearing: str | None = None  # "north", "south-east", ...
    resolved: bool = True  # False: the named place was not found; coordinates are a fallback unit
    evidence: list[Span] = Field(default_factory=list)

    @property
    def ucdp_where_prec(self) -> int:
        """UCDP where_prec: 1 exact, 2 area around, 3 admin2, 4 admin1, 6 country."""
        if self.geo_precision == 1:
            return 1
        if self.geo_precision == 2:
            return 2 if self.resolved else 3
        if self.admin1:
            return 4
        return 6


class Casualties(_Record):
    """A count of people killed (or injured) with its range and victim groups.

    ``by_group`` holds subsets that are *part of* the total ("21 people, including 11 children"
    gives best=21, by_group={"civilians": 21, "children": 11}); groups may overlap, so they are
    never summed to get the total.
    """

    best: int | None = None
    low: int | None = None
    high: int | None = None
    qualifier: str | None = None  # "at least", "more than", "dozens", "about", "up to" ...
    provisional: bool = False
    contested: bool = False
    by_group: dict[str, int] = Field(default_factory=dict)
    evidence: list[Span] = Field(default_factory=list)

    @property
    def conservative(self) -> int:
        """ACLED-style single figure: the most conservative credible estimate, 0 if none."""
        if self.low is not None:
            return self.low
        return self.best or 0


class ClaimKind(str, Enum):
    fatalities = "fatalities"
    injuries = "injuries"
    responsibility = "responsibility"  # claimant says it did it
    accusation = "accusation"  # claimant says another actor did it
    denial = "denial"
    confirmation = "confirmation"
    no_comment = "no_comment"
    statement = "statement"


class Claim(_Record):
    claimant: str  # normalised name where known ("CSP-DPA", "Residents", "Reuters")
    claimant_text: str | None = None
    claimant_type: str | None = (
        None  # government, military, armed_group, local, media, ngo, un, ...
    )
    kind: ClaimKind = ClaimKind.statement
    killed: int | None = None
    killed_by_group: dict[str, int] = Field(default_factory=dict)
    injured: int | None = None
    qualifier: str | None = None
    about_actor: str | None = None  # for accusations/denials: the actor named
    says: str = ""  # short paraphrase built from the sentence
    sentence: Span
    evidence: list[Span] = Field(default_factory=list)


class Event(_Record):
    id: str
    article_id: str
    role: EventRole = EventRole.reported
    event_type: EventType
    sub_event_type: SubEventType
    disorder_type: str | None = None
    civilian_targeting: bool = False
    type_evidence: list[Span] = Field(default_factory=list)
    date: EventDate | None = None
    location: Location | None = None
    actor1: ActorRef | None = None
    assoc_actor_1: list[ActorRef] = Field(default_factory=list)
    actor2: ActorRef | None = None
    assoc_actor_2: list[ActorRef] = Field(default_factory=list)
    fatalities: Casualties = Field(default_factory=Casualties)
    injuries: Casualties = Field(default_factory=Casualties)
    claims: list[Claim] = Field(default_factory=list)
    targets: list[str] = Field(default_factory=list)
    role_evidence: list[Span] = Field(default_factory=list)
    confidence: float = Field(0.5, ge=0.0, le=1.0)
    summary: str = ""  # one-line description, ACLED "notes" style

    @property
    def interaction(self) -> int:
        """ACLED interaction: the two inter codes, smaller first; one actor alone gives X0."""
        codes = sorted(a.inter for a in (self.actor1, self.actor2) if a is not None and a.inter)
        if not codes:
            return 0
        if len(codes) == 1:
            return codes[0] * 10
        return codes[0] * 10 + codes[1]


class Article(_Record):
    id: str  # content hash of the cleaned text (and url when given)
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None  # the outlet
    published: PartialDate | None = None
    language: str = "en"
    origin: str | None = None  # file path or "stdin" the article came from
    fetched_at: dt.datetime | None = None


class ExtractionResult(_Record):
    article: Article
    events: list[Event] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    @property
    def reported(self) -> list[Event]:
        return [e for e in self.events if e.role is EventRole.reported]

    @property
    def background(self) -> list[Event]:
        return [e for e in self.events if e.role is EventRole.background]
