"""The HTTP edge of sitrep's errors: one JSON shape for every failure, no stack traces to clients.

Every error response is::

    {"error": {"code": "E052", "status": 404, "message": "No event with id 'x'.",
               "details": [...], "request_id": "5f0c..."}}

``details`` lists the fields at fault for a malformed request. Domain errors become HTTP statuses
here and nowhere else; unexpected exceptions are logged with their traceback and answered with
E076 and the request id that finds them in the log. Request bodies larger than the configured
limit are refused (413, E073) before they are read in full.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sitrep.errors import (
    AccessDenied,
    ConfigError,
    GazetteerError,
    InputError,
    InputTooLarge,
    Messages,
    ModelNotFound,
    NotFound,
    RequestError,
    ReviewError,
    SitrepError,
    StoreError,
)

__all__ = ["BodyLimit", "error_response", "install_error_handlers", "status_of"]

log = logging.getLogger("sitrep.server")

_STATUS_BY_CODE = {"E070": 403, "E071": 401, "E072": 401, "E073": 413, "E063": 404}


def status_of(error: SitrepError) -> int:
    """The HTTP status that answers ``error``."""
    if error.code in _STATUS_BY_CODE:
        return _STATUS_BY_CODE[error.code]
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, InputTooLarge):
        return 413
    if isinstance(error, (InputError, ReviewError)):
        return 422
    if isinstance(error, (ConfigError, RequestError)):
        return 400
    if isinstance(error, AccessDenied):
        return 401
    if isinstance(error, (ModelNotFound, GazetteerError, StoreError)):
        return 503
    return 500


def _request_id(request: Request) -> str:
    rid: str | None = getattr(request.state, "request_id", None)
    return rid or uuid.uuid4().hex[:12]


def error_response(
    status: int,
    code: str,
    message: str,
    *,
    request_id: str,
    details: list[Any] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "code": code,
        "status": status,
        "message": message,
        "request_id": request_id,
    }
    if details:
        body["details"] = details
    return JSONResponse({"error": body}, status_code=status, headers=headers)


async def _sitrep_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, SitrepError)
    rid = _request_id(request)
    status = status_of(exc)
    if status >= 500:  # the message may name server paths: log it, answer in general terms
        log.error("request %s failed: %s %s", rid, exc.code, exc.message)
        return error_response(status, "E079", Messages.E079.format(request_id=rid), request_id=rid)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return error_response(status, exc.code, exc.message, request_id=rid, headers=headers)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = [
        {
            "where": ".".join(str(p) for p in err.get("loc", ())),
            "problem": str(err.get("msg", "")),
        }
        for err in exc.errors()
    ]
    summary = "; ".join(f"{d['where']}: {d['problem']}" for d in details[:5])
    message = Messages.E074.format(detail=summary or "the request does not match the API")
    return error_response(400, "E074", message, request_id=_request_id(request), details=details)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if isinstance(exc.__cause__, SitrepError):  # raised while FastAPI read the body
        return await _sitrep_error(request, exc.__cause__)
    rid = _request_id(request)
    if exc.status_code == 404:
        message = Messages.E075.format(path=request.url.path)
        return error_response(404, "E075", message, request_id=rid)
    if exc.status_code == 405:
        message = Messages.E077.format(method=request.method, path=request.url.path)
        return error_response(405, "E077", message, request_id=rid)
    return error_response(
        exc.status_code, "E074", Messages.E074.format(detail=exc.detail), request_id=rid
    )


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    rid = _request_id(request)
    log.exception("request %s failed", rid, exc_info=exc)
    return error_response(500, "E076", Messages.E076.format(request_id=rid), request_id=rid)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(SitrepError, _sitrep_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)


class BodyLimit:
    """ASGI middleware: refuse request bodies over ``limit`` bytes with 413 (E073), whether the
    client announces the size (Content-Length) or streams it; also gives each request an id."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = uuid.uuid4().hex[:12]
        scope.setdefault("state", {})["request_id"] = rid
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, receive, send, rid)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise RequestError.from_catalogue("E073", limit=self.limit)
            return message

        await self.app(scope, limited, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, rid: str) -> None:
        message = Messages.E073.format(limit=self.limit)
        response = error_response(413, "E073", message, request_id=rid)
        await response(scope, receive, send)
