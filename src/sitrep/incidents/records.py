"""The incident record: one real event, every report of it, every claim, and a fair range.

An ``Incident`` is built from its member reports (``sitrep.incidents.reconcile``) each time its
membership changes; it is stored whole (JSON) beside the columns that queries filter on. Spans
in an incident always travel with the article they point into (``ClaimSource.article_id``):
an incident draws on many articles.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from sitrep.model import ActorStatus, ClaimKind, Location, PartialDate, Span

__all__ = [
    "ClaimSource",
    "Incident",
    "IncidentActor",
    "IncidentClaim",
    "IncidentFigures",
    "IncidentReport",
    "LinkExplanation",
    "LinkReasonRecord",
]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LinkReasonRecord(_Record):
    field: str  # date, place, type, actors, fatalities, targets, article
    verdict: str  # agree, partial, unknown, against, veto
    score: float
    detail: str


class LinkExplanation(_Record):
    """Why a report belongs to its incident: its strongest link to another member."""

    partner: str  # the other report's event id
    score: float
    linked: bool
    reasons: list[LinkReasonRecord] = Field(default_factory=list)
    decided_by: Literal["score", "analyst"] = "score"


class IncidentReport(_Record):
    """One report (an event extracted from one article) of the incident."""

    event_id: str
    article_id: str
    outlet: str
    source: str | None = None
    url: str | None = None
    title: str | None = None
    published: PartialDate | None = None
    role: str
    stage: str  # anchor | attached | coarse | loose (how it joined; see sitrep.incidents.cluster)
    sub_event_type: str
    date: PartialDate | None = None
    place: str | None = None
    killed: int | None = None
    summary: str = ""
    link: LinkExplanation | None = None


class ClaimSource(_Record):
    """Where a claim was read: which report, which article, which sentence."""

    event_id: str
    article_id: str
    outlet: str
    published: dt.date | None = None
    sentence: Span
    evidence: list[Span] = Field(default_factory=list)


class IncidentClaim(_Record):
    """One claimant's statement about the incident, with every report that carries it.

    ``status``: ``current``; or ``superseded`` when the same claimant later gave another figure
    (a revised toll).
    """

    claimant: str
    claimant_type: str | None = None
    kind: ClaimKind
    killed: int | None = None
    killed_by_group: dict[str, int] = Field(default_factory=dict)
    injured: int | None = None
    qualifier: str | None = None
    about_actor: str | None = None
    says: str = ""
    status: Literal["current", "superseded"] = "current"
    sources: list[ClaimSource] = Field(default_factory=list)

    @property
    def outlets(self) -> set[str]:
        return {s.outlet for s in self.sources}


class IncidentActor(_Record):
    """An actor as the reports name it, with how firmly: stated, claimed, or alleged by whom."""

    name: str
    inter: int = 0
    side: int  # 1: actor1 and associates; 2: actor2 and associates
    status: ActorStatus = ActorStatus.stated
    attributed_by: list[str] = Field(default_factory=list)
    reports: int = 0  # how many reports name it


class IncidentFigures(_Record):
    """A toll across reports: UCDP's low / best / high and ACLED's conservative figure.

    ``best`` is the figure all current claims allow (the largest consistent one) or, when
    claims disagree (``contested``), the figure carried by the most outlets (the lower on a tie).
    ``conservative`` is the lowest current credible figure (ACLED). ``basis`` names the claims
    that decided ``best``.
    """

    low: int | None = None
    best: int | None = None
    high: int | None = None
    conservative: int = 0
    qualifier: str | None = None
    contested: bool = False
    by_group: dict[str, int] = Field(default_factory=dict)
    basis: list[str] = Field(default_factory=list)


class Incident(_Record):
    """One real event reported by one or more articles."""

    id: str
    root: str  # the event id the incident id derives from (its earliest published anchor)
    event_type: str
    sub_event_type: str
    civilian_targeting: bool = False
    date: PartialDate | None = None
    location: Location | None = None
    actor1: IncidentActor | None = None
    actor2: IncidentActor | None = None
    actors: list[IncidentActor] = Field(default_factory=list)
    fatalities: IncidentFigures = Field(default_factory=IncidentFigures)
    injuries: IncidentFigures = Field(default_factory=IncidentFigures)
    claims: list[IncidentClaim] = Field(default_factory=list)
    denials: list[str] = Field(default_factory=list)  # "Military Forces of Mali: denied ..."
    confirmations: list[str] = Field(default_factory=list)
    responsibility: list[str] = Field(default_factory=list)  # who claimed it
    accused: list[str] = Field(default_factory=list)  # who was blamed, by whom
    grade: Literal["confirmed", "fair", "weak", "contested"] = "weak"
    n_reports: int = 0
    n_background: int = 0
    n_sources: int = 0  # distinct outlets
    sources: list[str] = Field(default_factory=list)
    reports: list[IncidentReport] = Field(default_factory=list)
    summary: str = ""
    updated_at: dt.datetime | None = None
