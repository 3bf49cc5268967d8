"""Reading a POSTed article: JSON, plain text or HTML, within the size limit, into an `ArticleInput`."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import HTTPException, Request

from app.inputs.articles import ArticleInput, InputError, article_from_record

METADATA = ("title", "url", "published", "source", "author", "dateline")


async def read_body(request: Request, limit: int) -> bytes:
    """The body, refusing more than `limit` bytes without reading them all."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"the body is {int(declared):,} bytes; the limit is {limit:,}")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPException(413, f"the body is over the limit of {limit:,} bytes")
    if not body.strip():
        raise HTTPException(422, "the body is empty: send the article as JSON, text/plain or text/html")
    return bytes(body)


def _text(body: bytes) -> str:
    if b"\x00" in body:
        raise HTTPException(415, "the body is binary (it contains NUL bytes), not text")
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise HTTPException(415, f"the body is not valid UTF-8 (byte at offset {exc.start})") from None


def _from_html(html: str, meta: dict[str, Any]) -> ArticleInput:
    try:
        from app.inputs.html import article_from_html
    except ImportError:
        raise HTTPException(415, "HTML input is not available in this build") from None
    return article_from_html(html, "request body", meta)


def parse_submission(request: Request, body: bytes) -> ArticleInput:
    """An ArticleInput from the body; metadata for text and HTML bodies comes from the query string."""
    media = request.headers.get("content-type", "application/json").split(";")[0].strip().lower()
    query_meta = {k: v for k, v in request.query_params.items() if k in METADATA}
    try:
        if media == "application/json":
            try:
                record = orjson.loads(body)
            except orjson.JSONDecodeError as exc:
                raise HTTPException(422, f"the body is not valid JSON: {exc}") from None
            if isinstance(record, dict) and "text" not in record and isinstance(record.get("html"), str):
                meta = {k: v for k, v in record.items() if k != "html"}
                return _from_html(record["html"], meta)
            return article_from_record(record, "request body")
        if media == "text/plain":
            return article_from_record({"text": _text(body)}, "request body", query_meta)
        if media in ("text/html", "application/xhtml+xml"):
            return _from_html(_text(body), query_meta)
    except InputError as exc:
        raise HTTPException(422, exc.message) from None
    raise HTTPException(415, f"cannot read {media!r}: send application/json, text/plain or text/html")
