"""Errors as RFC 9457 problem details, with one table from exception to HTTP status."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.exceptions import HTTPException
from starlette.responses import Response

from service.storage import DatabaseUnavailable, DuplicateId

PROBLEM_JSON = "application/problem+json"


class ProblemError(Exception):
    """An error a client can act on: ``detail`` says what was wrong, ``errors`` which field."""

    def __init__(self, detail: str, errors: list[dict[str, str]] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or []


class InvalidInput(ProblemError):
    """The body parsed but a field is missing, empty or of the wrong type."""


class InvalidParameter(ProblemError):
    """A query parameter of an OGC API - Features request is invalid or unknown (400, as
    OGC API - Features Part 1 requires; request bodies stay 422)."""


class PayloadTooLarge(ProblemError):
    """The body is over the configured limit (``EVENTMAP_BODY_LIMIT``)."""


class UnsupportedMediaType(ProblemError):
    """The body is neither ``application/json`` nor ``text/plain``."""


class NotFound(ProblemError):
    """No such resource."""


class NotReady(ProblemError):
    """A resource the answer needs (the gazetteer index) is not available."""


STATUS: dict[type[Exception], int] = {
    DuplicateId: 409,
    InvalidParameter: 400,
    InvalidInput: 422,
    RequestValidationError: 422,
    ValidationError: 422,
    PayloadTooLarge: 413,
    UnsupportedMediaType: 415,
    NotFound: 404,
    NotReady: 503,
    DatabaseUnavailable: 503,
}


PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "title", "status", "detail", "errors"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
            },
        },
    },
}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for routes that answer these statuses as problem+json."""
    return {
        status: {
            "description": HTTPStatus(status).phrase,
            "content": {PROBLEM_JSON: {"schema": PROBLEM_SCHEMA}},
        }
        for status in statuses
    }


def field_errors(exc: ValidationError | RequestValidationError) -> list[dict[str, str]]:
    """Pydantic's error list as ``[{"field": "a.b", "message": ...}]``, dropping the body prefix."""
    out = []
    for err in exc.errors():
        loc = [str(part) for part in err.get("loc", ()) if part not in ("body", "query", "path")]
        out.append({"field": ".".join(loc) or "body", "message": err.get("msg", "invalid")})
    return out


def describe(exc: ValidationError | RequestValidationError) -> str:
    """``field: message; ...`` for a log line or a command-line error."""
    return "; ".join(f"{e['field']}: {e['message']}" for e in field_errors(exc))


def problem(status: int, detail: str, errors: list[dict[str, str]] | None = None) -> Response:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "errors": errors or [],
    }
    return Response(orjson.dumps(body), status_code=status, media_type=PROBLEM_JSON)


def _status(exc: Exception) -> int:
    return next(code for cls, code in STATUS.items() if isinstance(exc, cls))


async def _handle(request: Request, exc: Exception) -> Response:
    if isinstance(exc, ValidationError | RequestValidationError):
        return problem(422, f"Invalid request: {describe(exc)}", field_errors(exc))
    if isinstance(exc, ProblemError):
        return problem(_status(exc), exc.detail, exc.errors)
    if isinstance(exc, DuplicateId):
        return problem(_status(exc), str(exc), [{"field": "id", "message": "already stored"}])
    if isinstance(exc, DatabaseUnavailable):
        return problem(_status(exc), str(exc), [{"field": "database", "message": "unreachable"}])
    if isinstance(exc, HTTPException):
        return problem(exc.status_code, str(exc.detail))
    return problem(500, "Internal error; the request changed nothing.")


def install(app: FastAPI) -> None:
    """Answer every error of ``app`` as problem+json."""
    for cls in (*STATUS, HTTPException, Exception):
        app.add_exception_handler(cls, _handle)
