"""JSON responses made once with orjson, with an ETag so a client's `If-None-Match` gets a 304."""

from __future__ import annotations

import hashlib
from typing import Any

import orjson
from fastapi import Request, Response

JSON = "application/json"


def etag_of(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def _matches(header: str | None, etag: str) -> bool:
    if not header:
        return False
    candidates = {t.strip().removeprefix("W/") for t in header.split(",")}
    return "*" in candidates or etag in candidates


def json_response(
    request: Request, payload: Any, status_code: int = 200, headers: dict[str, str] | None = None
) -> Response:
    """`payload` as JSON; a GET whose `If-None-Match` names the same body gets 304 and no body."""
    body = orjson.dumps(payload, option=orjson.OPT_NON_STR_KEYS)
    etag = etag_of(body)
    out = {"ETag": etag, "Cache-Control": request.app.state.settings.cache_control, **(headers or {})}
    if (
        request.method == "GET"
        and status_code == 200
        and _matches(request.headers.get("if-none-match"), etag)
    ):
        return Response(status_code=304, headers=out)
    return Response(body, status_code=status_code, media_type=JSON, headers=out)
