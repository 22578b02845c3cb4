"""Shapes of the API's requests and responses (they make the OpenAPI schema at /api/openapi.json).

Events themselves are ``sitrep.model.Event``: the same record the pipeline, the store and the
exports use, evidence spans included.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from sitrep.model import Event

__all__ = [
    "AggregateRow",
    "ArticleOut",
    "ArticleSubmission",
    "CorrectionIn",
    "ErrorBody",
    "ErrorOut",
    "EventDetail",
    "EventList",
    "EventRow",
    "IncidentList",
    "MergeIn",
    "NoteIn",
    "ReviewOut",
    "SplitIn",
    "SubmissionOut",
    "SubmittedArticle",
]


class ErrorBody(BaseModel):
    code: str = Field(examples=["E052"])
    status: int = Field(examples=[404])
    message: str
    request_id: str
    details: list[dict[str, Any]] | None = None


class ErrorOut(BaseModel):
    """Every failure has this shape."""

    error: ErrorBody


class EventRow(BaseModel):
    """One line of the event table (the indexed columns of a stored event)."""

    id: str
    article_id: str
    role: str
    event_type: str
    sub_event_type: str
    civilian_targeting: bool
    date: str | None = Field(description="representative day (middle of the period if coarser)")
    date_start: str | None
    date_end: str | None
    date_precision: str | None
    country_iso3: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    location_name: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    actor1: str | None
    actor2: str | None
    inter1: int | None
    inter2: int | None
    interaction: int | None
    fatalities: int = Field(description="ACLED-style conservative figure")
    fatalities_low: int | None
    fatalities_best: int | None
    fatalities_high: int | None
    summary: str
    article_title: str | None
    article_source: str | None
    article_url: str | None
    review_status: str = Field(description="unreviewed, confirmed or rejected")
    corrected: bool


class EventList(BaseModel):
    items: list[EventRow]
    next_cursor: str | None = Field(
        description="pass as ?cursor= for the next page; null on the last"
    )
    filter: dict[str, Any]
    sort: str


class AggregateRow(BaseModel):
    key: str | None
    events: int
    fatalities: int


class ArticleOut(BaseModel):
    id: str
    title: str | None
    url: str | None
    source: str | None
    published: str | None
    language: str
    text: str


class CorrectionOut(BaseModel):
    field: str
    value: Any
    original: Any
    author: str
    created_at: str


class AuditOut(BaseModel):
    at: str
    author: str
    action: str
    target_kind: str
    target_id: str
    field: str | None
    before: Any
    after: Any
    note: str | None


class ReviewOut(BaseModel):
    status: str
    status_by: str | None
    corrections: list[CorrectionOut]
    history: list[AuditOut]


class EventDetail(BaseModel):
    """An event with its evidence, claims, source article and review."""

    event: Event
    interaction: int
    article: ArticleOut
    review: ReviewOut
    incidents: list[dict[str, Any]] = Field(
        default_factory=list,
        description="incidents this event belongs to (empty until incidents exist)",
    )


class SubmittedArticle(BaseModel):
    """An article sent for extraction: ``text`` or ``html``, and what is known about it."""

    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = Field(None, description="YYYY-MM-DD, YYYY-MM or YYYY")
    source: str | None = None
    language: str | None = None


class ArticleSubmission(BaseModel):
    articles: list[SubmittedArticle] = Field(max_length=100)


class SubmissionResult(BaseModel):
    article_id: str | None
    status: str = Field(description="stored, replaced, unchanged, unsupported_language or failed")
    events: list[str] = Field(default_factory=list)
    error: ErrorBody | None = None


class SubmissionOut(BaseModel):
    articles: list[SubmissionResult]


class NoteIn(BaseModel):
    note: str | None = Field(None, max_length=2000)


class CorrectionIn(BaseModel):
    field: str = Field(examples=["fatalities.best"])
    value: Any = Field(examples=[21])
    note: str | None = Field(None, max_length=2000)


class SplitIn(BaseModel):
    event_ids: list[str] = Field(min_length=1, description="events to move into a new incident")
    note: str | None = Field(None, max_length=2000)


class MergeIn(BaseModel):
    incident_ids: list[str] = Field(min_length=2)
    note: str | None = Field(None, max_length=2000)


class IncidentList(BaseModel):
    items: list[dict[str, Any]]
    next_cursor: str | None = None
    available: bool = Field(description="false until this database has incidents")
