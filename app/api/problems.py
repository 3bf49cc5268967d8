"""Every error as `application/problem+json` (RFC 9457), with a detail that names what was wrong."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.api.schemas import Problem
from app.store.timelimit import QueryTooLong

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger(__name__)


class ProblemResponse(JSONResponse):
    media_type = PROBLEM_JSON


def problem(status: int, detail: str, request: Request | None = None, **extra: Any) -> ProblemResponse:
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        **({"instance": request.url.path} if request is not None else {}),
        **extra,
    }
    return ProblemResponse(body, status_code=status)


def _param_name(location: tuple[Any, ...]) -> str:
    parts = [str(p) for p in location if p not in ("query", "path", "body", "header")]
    return ".".join(parts) or "request"


async def _validation(request: Request, exc: RequestValidationError) -> ProblemResponse:
    errors = [
        {
            "parameter": _param_name(tuple(e.get("loc", ()))),
            "message": e.get("msg", "invalid"),
            "input": e.get("input"),
        }
        for e in exc.errors()
    ]
    detail = "; ".join(f"{e['parameter']}: {e['message']}" for e in errors)
    return problem(422, detail, request, errors=_jsonable(errors))


def _jsonable(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    safe = (str, int, float, bool, type(None))
    return [{k: (v if isinstance(v, safe) else str(v)) for k, v in e.items()} for e in errors]


async def _http(request: Request, exc: StarletteHTTPException) -> ProblemResponse:
    if isinstance(exc.detail, dict) and "parameter" in exc.detail:
        error = {"parameter": exc.detail["parameter"], "message": exc.detail["message"]}
        response = problem(
            exc.status_code, f"{error['parameter']}: {error['message']}", request, errors=[error]
        )
    else:
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).description
        response = problem(exc.status_code, detail, request)
    for name, value in (exc.headers or {}).items():
        response.headers[name] = value
    return response


async def _too_long(request: Request, exc: QueryTooLong) -> ProblemResponse:
    detail = (
        f"the query ran past the {exc.limit_ms} ms limit (QUERY_TIME_LIMIT_MS): narrow it with more filters, "
        "a shorter date range, or startswith instead of contains"
    )
    return problem(400, detail, request)


async def _unexpected(request: Request, exc: Exception) -> ProblemResponse:
    log.exception("unhandled error on %s", request.url.path, exc_info=exc)
    return problem(500, "an internal error occurred; it has been logged", request)


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(QueryTooLong, _too_long)
    app.add_exception_handler(Exception, _unexpected)


PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": Problem, "content": {PROBLEM_JSON: {}}, "description": description}
    for status, description in [
        (400, "The read ran past the time limit (QUERY_TIME_LIMIT_MS); narrow the filters"),
        (404, HTTPStatus.NOT_FOUND.phrase),
        (422, HTTPStatus.UNPROCESSABLE_ENTITY.phrase),
    ]
}
