"""Reading a POSTed article (JSON, plain text or HTML) or a batch of them (a JSON array or NDJSON), within the
size limit and strictly: an unknown field or query parameter, a date that is not ISO 8601 or a charset Python
does not know is refused with a detail naming it, never passed over."""

from __future__ import annotations

import codecs
from typing import Any

import orjson
from fastapi import HTTPException, Request

from app.api.schemas import ArticleIn
from app.inputs.articles import ArticleInput, InputError, article_from_record

METADATA = ("title", "url", "published", "source", "author", "dateline")
FIELDS = tuple(ArticleIn.model_fields)
TEXT_TYPES = ("text/plain", "text/html", "application/xhtml+xml")
JSON_TYPE = "application/json"
NDJSON_TYPES = ("application/x-ndjson", "application/ndjson", "application/jsonl")


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


def media_type(request: Request) -> tuple[str, str | None]:
    """The Content-Type's media type (JSON when none is sent) and its charset parameter, if any."""
    header = request.headers.get("content-type", JSON_TYPE)
    media, *params = header.split(";")
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"') or None
    return media.strip().lower(), charset


def decode(body: bytes, charset: str | None) -> str:
    """The body as text in its declared charset (any codec Python knows; UTF-8 when none is declared)."""
    unsupported = HTTPException(415, f"unsupported charset {charset!r}: send UTF-8 or a charset Python knows")
    try:
        encoding = codecs.lookup(charset or "utf-8").name
    except LookupError:
        raise unsupported from None
    try:
        # bytes.decode refuses codecs that are not text encodings (base64, zlib, rot13) with a LookupError
        text = body.decode("utf-8-sig" if encoding == "utf-8" else encoding)  # a BOM is dropped
    except LookupError:
        raise unsupported from None
    except (UnicodeError, ValueError) as exc:
        where = f" (byte at offset {exc.start})" if isinstance(exc, UnicodeDecodeError) else ""
        raise HTTPException(415, f"the body is not valid {charset or 'UTF-8'}{where}") from None
    if "\x00" in text:
        raise HTTPException(415, "the body is binary (it contains NUL bytes), not text")
    return text


def _known_fields(record: Any, origin: str) -> None:
    """A JSON article may hold only the fields of ArticleIn: a typo (`publised`) is an error, not lost."""
    if isinstance(record, dict):
        for name in record:
            if name not in FIELDS:
                raise InputError(
                    origin, f"unknown field {name!r}; an article's fields are {', '.join(FIELDS)}"
                )


def article_from_json(record: Any, origin: str) -> ArticleInput:
    """One article from a JSON object with `text` or `html` and metadata, dates in ISO 8601 only."""
    _known_fields(record, origin)
    if isinstance(record, dict) and record.get("text") is None and isinstance(record.get("html"), str):
        meta = {k: v for k, v in record.items() if k != "html"}
        return _from_html(record["html"], origin, meta)
    if isinstance(record, dict) and "html" in record and record.get("text") is None:
        raise InputError(origin, '"html" must be a string')
    return article_from_record(record, origin, iso_only=True)


def _from_html(html: str, origin: str, meta: dict[str, Any]) -> ArticleInput:
    try:
        from app.inputs.html import article_from_html
    except ImportError:
        raise HTTPException(415, "HTML input is not available in this build") from None
    return article_from_html(html, origin, meta, iso_only=True)


def _query_metadata(request: Request) -> dict[str, str]:
    """Metadata for a text or HTML body from the query string; any other parameter is an error."""
    for name in request.query_params:
        if name not in METADATA:
            raise HTTPException(
                422, {"parameter": name, "message": f"unknown parameter; metadata are {', '.join(METADATA)}"}
            )
    return dict(request.query_params.items())


def parse_submission(request: Request, body: bytes) -> ArticleInput:
    """An ArticleInput from the body; metadata for text and HTML bodies comes from the query string."""
    media, charset = media_type(request)
    if media not in (JSON_TYPE, *TEXT_TYPES):
        raise HTTPException(415, f"cannot read {media!r}: send application/json, text/plain or text/html")
    text = decode(body, charset)
    try:
        if media == JSON_TYPE:
            try:
                record = orjson.loads(text)
            except orjson.JSONDecodeError as exc:
                raise HTTPException(422, f"the body is not valid JSON: {exc}") from None
            return article_from_json(record, "request body")
        meta = _query_metadata(request)
        if media == "text/plain":
            return article_from_record({"text": text}, "request body", meta, iso_only=True)
        return _from_html(text, "request body", meta)
    except InputError as exc:
        raise HTTPException(422, exc.message) from None


def parse_batch(request: Request, body: bytes, max_items: int) -> list[ArticleInput | InputError]:
    """The articles of a batch, a JSON array or NDJSON (one object a line), each an ArticleInput or the
    InputError that says what is wrong with it (its origin: "item N", counting from 0)."""
    media, charset = media_type(request)
    if media not in (JSON_TYPE, *NDJSON_TYPES):
        raise HTTPException(415, f"cannot read {media!r}: send a JSON array or application/x-ndjson")
    text = decode(body, charset)
    if media == JSON_TYPE:
        try:
            records = orjson.loads(text)
        except orjson.JSONDecodeError as exc:
            raise HTTPException(422, f"the body is not valid JSON: {exc}") from None
        if not isinstance(records, list):
            raise HTTPException(422, f"a batch is a JSON array of articles, not {type(records).__name__}")
        lines: list[Any] = records
    else:
        lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise HTTPException(422, "the batch holds no articles")
    if len(lines) > max_items:
        raise HTTPException(413, f"the batch holds {len(lines):,} articles; the limit is {max_items:,}")
    items: list[ArticleInput | InputError] = []
    for index, line in enumerate(lines):
        origin = f"item {index}"
        try:
            record = line if media == JSON_TYPE else orjson.loads(line)
            items.append(article_from_json(record, origin))
        except orjson.JSONDecodeError as exc:
            items.append(InputError(origin, f"not valid JSON: {exc}"))
        except InputError as exc:
            items.append(exc)
    return items
