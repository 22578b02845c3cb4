"""Write endpoints (a token is required): submit articles for extraction, and the analyst's review
actions on events and incidents, each recorded in the audit log with who and when."""

from __future__ import annotations

import json
import threading
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import ValidationError

from sitrep.errors import (
    BinaryInput,
    EncodingError,
    InputError,
    MalformedRecord,
    RequestError,
    SitrepError,
)
from sitrep.server.auth import writer
from sitrep.server.db import write_transaction
from sitrep.server.deps import connection, extractor
from sitrep.server.review import (
    apply_pending,
    correct_event,
    record_action,
    revert_correction,
    set_status,
)
from sitrep.server.routes_read import event_detail
from sitrep.server.schemas import (
    ArticleSubmission,
    CorrectionIn,
    ErrorOut,
    EventDetail,
    MergeIn,
    NoteIn,
    SplitIn,
    SubmissionOut,
    SubmittedArticle,
)
from sitrep.store.base import ArticleStatus

if TYPE_CHECKING:
    from sitrep.core import Extractor
    from sitrep.store import SQLiteStore

__all__ = ["router"]

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut},
    401: {"model": ErrorOut, "description": "no token, or a token that is not valid"},
    403: {"model": ErrorOut, "description": "writing is disabled: no token is configured"},
    404: {"model": ErrorOut},
    413: {"model": ErrorOut, "description": "the request body is over the size limit"},
    422: {"model": ErrorOut},
}
router = APIRouter(prefix="/api", responses=_ERRORS)

Analyst = Annotated[str, Depends(writer)]
_extract_lock = threading.Lock()  # one extraction at a time: the model is shared


def _decode(body: bytes) -> str:
    """The text of a request body: UTF-8 (a BOM allowed); E002/E003 for anything else."""
    if b"\x00" in body[:8192]:
        raise BinaryInput.from_catalogue("E002", detail="it contains NUL bytes")
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        detail = f"byte 0x{body[error.start]:02x} at offset {error.start}; send UTF-8"
        raise EncodingError.from_catalogue("E003", detail=detail) from error


def _submitted(
    body: bytes, content_type: str, meta: dict[str, str | None]
) -> list[SubmittedArticle]:
    """The articles of a request body: JSON (one object, a list, or {"articles": [...]}),
    HTML or plain text; URL parameters fill in what the body does not give."""
    text = _decode(body)
    if "json" in content_type:
        try:
            data = json.loads(text)
        except ValueError as error:
            raise MalformedRecord.from_catalogue("E005", line=1, detail=error) from error
        records = data.get("articles") if isinstance(data, dict) and "articles" in data else data
        try:
            parsed = ArticleSubmission.model_validate(
                {"articles": records if isinstance(records, list) else [records]}
            )
        except ValidationError as error:
            detail = "; ".join(
                f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors()[:5]
            )
            raise RequestError.from_catalogue("E074", detail=detail) from error
        articles = parsed.articles
    elif "html" in content_type:
        articles = [SubmittedArticle(html=text)]
    else:
        articles = [SubmittedArticle(text=text)]
    for article in articles:
        for key, value in meta.items():
            if value and getattr(article, key) is None:
                setattr(article, key, value)
    return articles


def _store_one(
    store: SQLiteStore,
    engine: Extractor,
    item: SubmittedArticle,
    *,
    reextract: bool,
    max_bytes: int,
    incidents: bool = False,
) -> dict[str, Any]:
    """Clean, extract and store one article (and file its events into incidents when the
    incident layer is on); the outcome as a ``SubmissionResult``."""
    from sitrep.pipeline.clean import RawArticle, check_language, prepare_article

    if item.text is None and item.html is None:
        raise MalformedRecord.from_catalogue(
            "E006", line=1, fields=", ".join(item.model_fields_set) or "none"
        )
    raw = RawArticle(
        text=item.text,
        html=item.html,
        url=item.url,
        title=item.title,
        published=item.published,
        source=item.source,
        language=item.language,
        origin="api",
    )
    article = prepare_article(raw, max_bytes=max_bytes)
    existed = store.has_extracted(article.id)
    if existed and not reextract:
        ids = [
            r[0]
            for r in store.conn.execute(
                "SELECT e.id FROM events e JOIN articles a ON a.pk = e.article_pk WHERE a.id = ?",
                (article.id,),
            )
        ]
        return {"article_id": article.id, "status": "unchanged", "events": ids}
    try:
        check_language(article)
    except InputError as error:
        store.save_article(article, ArticleStatus.unsupported_language)
        return {
            "article_id": article.id,
            "status": "unsupported_language",
            "error": _error_body(error),
        }
    with _extract_lock:
        result = engine.extract(article)
    store.save_result(result, replace=True)
    apply_pending(store.conn)
    if incidents:
        from sitrep.incidents.service import incident_engine

        incident_engine(store).update([result])
    return {
        "article_id": article.id,
        "status": "replaced" if existed else "stored",
        "events": [e.id for e in result.events],
    }


def _error_body(error: SitrepError) -> dict[str, Any]:
    from sitrep.server.http_errors import status_of

    return {
        "code": error.code,
        "status": status_of(error),
        "message": error.message,
        "request_id": "-",
    }


@router.post("/articles", status_code=201, response_model=SubmissionOut, tags=["articles"])
async def submit_articles(
    request: Request,
    analyst: Analyst,
    reextract: Annotated[
        bool, Query(description="extract again an article already stored")
    ] = False,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    published: Annotated[str | None, Query(description="YYYY-MM-DD, YYYY-MM or YYYY")] = None,
) -> dict[str, Any]:
    """Extract and store articles sent as JSON (``{"text"|"html", "url", "title", "published",
    "source"}``, a list of them, or ``{"articles": [...]}``), as ``text/html`` or ``text/plain``.

    One article that cannot be used is answered with its error; in a list, each article gets its
    own outcome and the others are stored.
    """
    from starlette.concurrency import run_in_threadpool

    body = await request.body()
    content_type = request.headers.get("content-type", "text/plain").lower()
    meta = {"title": title, "url": url, "source": source, "published": published}
    items = _submitted(body, content_type, meta)
    engine = await run_in_threadpool(extractor, request)
    pool, settings = request.app.state.pool, request.app.state.settings
    linking = bool(getattr(request.app.state.incidents, "available", False))

    def run() -> list[dict[str, Any]]:
        store = pool.store()
        if len(items) == 1:
            return [
                _store_one(
                    store,
                    engine,
                    items[0],
                    reextract=reextract,
                    max_bytes=settings.max_input_bytes,
                    incidents=linking,
                )
            ]
        outcomes = []
        for item in items:
            try:
                outcomes.append(
                    _store_one(
                        store,
                        engine,
                        item,
                        reextract=reextract,
                        max_bytes=settings.max_input_bytes,
                        incidents=linking,
                    )
                )
            except InputError as error:
                outcomes.append(
                    {"article_id": None, "status": "failed", "error": _error_body(error)}
                )
        return outcomes

    outcomes = await run_in_threadpool(run)
    return {"articles": outcomes}


@router.post("/events/{event_id}/confirm", response_model=EventDetail, tags=["review"])
def confirm_event(
    request: Request, analyst: Analyst, event_id: str, body: NoteIn | None = None
) -> dict[str, Any]:
    """Mark the event as checked and right."""
    conn = connection(request)
    set_status(conn, event_id, "confirmed", author=analyst, note=body.note if body else None)
    return event_detail(conn, request, event_id)


@router.post("/events/{event_id}/reject", response_model=EventDetail, tags=["review"])
def reject_event(
    request: Request, analyst: Analyst, event_id: str, body: NoteIn | None = None
) -> dict[str, Any]:
    """Mark the event as wrong (not an event, or a duplicate): it leaves the default views and
    downloads (``review=rejected`` or ``review=all`` still shows it)."""
    conn = connection(request)
    set_status(conn, event_id, "rejected", author=analyst, note=body.note if body else None)
    return event_detail(conn, request, event_id)


@router.post("/events/{event_id}/reopen", response_model=EventDetail, tags=["review"])
def reopen_event(
    request: Request, analyst: Analyst, event_id: str, body: NoteIn | None = None
) -> dict[str, Any]:
    """Undo a confirmation or a rejection: the event is unreviewed again."""
    conn = connection(request)
    set_status(conn, event_id, None, author=analyst, note=body.note if body else None)
    return event_detail(conn, request, event_id)


@router.post("/events/{event_id}/corrections", response_model=EventDetail, tags=["review"])
def correct(
    request: Request, analyst: Analyst, event_id: str, body: CorrectionIn
) -> dict[str, Any]:
    """Correct one field (see ``correctable`` in /api/config); it survives re-extraction."""
    conn = connection(request)
    correct_event(conn, event_id, body.field, body.value, author=analyst, note=body.note)
    return event_detail(conn, request, event_id)


@router.delete(
    "/events/{event_id}/corrections/{field}", response_model=EventDetail, tags=["review"]
)
def revert(request: Request, analyst: Analyst, event_id: str, field: str) -> dict[str, Any]:
    """Drop a correction: the extractor's value comes back."""
    conn = connection(request)
    revert_correction(conn, event_id, field, author=analyst, note=None)
    return event_detail(conn, request, event_id)


@router.post("/incidents/{incident_id}/split", tags=["review", "incidents"])
def split_incident(
    request: Request, analyst: Analyst, incident_id: str, body: SplitIn
) -> dict[str, Any]:
    """Move events out of an incident into a new one (a wrong merge); the decision is kept."""
    conn = connection(request)
    result: dict[str, Any] = request.app.state.incidents.split(
        conn, incident_id, body.event_ids, author=analyst
    )
    with write_transaction(conn):
        record_action(
            conn,
            author=analyst,
            action="split",
            target_kind="incident",
            target_id=incident_id,
            before=None,
            after={"event_ids": body.event_ids},
            note=body.note,
        )
    return result


@router.post("/incidents/merge", tags=["review", "incidents"])
def merge_incidents(request: Request, analyst: Analyst, body: MergeIn) -> dict[str, Any]:
    """Merge incidents that are one real event; the decision is kept."""
    conn = connection(request)
    result: dict[str, Any] = request.app.state.incidents.merge(
        conn, body.incident_ids, author=analyst
    )
    with write_transaction(conn):
        record_action(
            conn,
            author=analyst,
            action="merge",
            target_kind="incident",
            target_id=",".join(body.incident_ids),
            before=None,
            after={"incident_ids": body.incident_ids},
            note=body.note,
        )
    return result
