"""An article as received, before extraction, and the validation every input path shares."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import dateparser

from app.inputs.wire import read_layout

MAX_ARTICLE_CHARS = 1_000_000
TEXT_FIELDS = ("title", "source", "author", "url", "dateline")
FIELD_ALIASES = {"publisher": "source", "site_name": "source", "date": "published", "byline": "author"}


class InputError(ValueError):
    """Bad input: `origin` says where ("file.jsonl:12"), the message says what."""

    def __init__(self, origin: str, message: str) -> None:
        super().__init__(f"{origin}: {message}")
        self.origin = origin
        self.message = message


@dataclass(slots=True)
class ArticleInput:
    """One article's text exactly as received, and the metadata that came with it."""

    text: str
    origin: str
    title: str | None = None
    source: str | None = None
    author: str | None = None
    url: str | None = None
    published: date | None = None
    dateline: str | None = None
    id: str | None = None
    body: tuple[int, int] | None = None
    """Where the article proper lies in `text` (after a headline or dateline, before a byline); None: all."""

    def metadata(self) -> dict[str, Any]:
        """What came with the text, as stored beside it and printed by `articles extract`."""
        return {
            "title": self.title,
            "source": self.source,
            "author": self.author,
            "url": self.url,
            "published": self.published,
            "dateline": self.dateline,
        }


# dateparser's readers for files' dates ("15 September 2015"), never its relative ones: "yesterday" in a file
# would be the day before the ingest, not before the article.
ABSOLUTE_DATE_PARSERS = ["timestamp", "custom-formats", "absolute-time"]


def iso_date(value: str) -> date | None:
    """An ISO 8601 date or date and time, as the list filters read them; None when it is not one."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


def parse_published(value: Any, origin: str, iso_only: bool = False) -> date | None:
    """An ISO 8601 date or datetime; unless `iso_only` (the API's rule), then any absolute date dateparser
    reads ("15 September 2015", as scraped files carry them)."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(origin, f'"published" must be a date string, not {type(value).__name__}')
    parsed = iso_date(value)
    if parsed is not None:
        return parsed
    if iso_only:
        raise InputError(origin, f'"published" is not an ISO 8601 date (YYYY-MM-DD): {value!r}')
    read = dateparser.parse(value, settings={"STRICT_PARSING": True, "PARSERS": ABSOLUTE_DATE_PARSERS})
    if read is None:
        raise InputError(origin, f'"published" is not a date: {value!r}')
    return read.date()


def check_text(text: Any, origin: str) -> str:
    """The article text, or an InputError saying why it cannot be one."""
    if not isinstance(text, str):
        raise InputError(origin, '"text" is missing' if text is None else '"text" must be a string')
    if not text.strip():
        raise InputError(origin, "the text is empty")
    if "\x00" in text:
        raise InputError(origin, "the text is binary (it contains NUL bytes)")
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(origin, f"the text is {len(text):,} characters; the limit is {MAX_ARTICLE_CHARS:,}")
    return text


def article_from_record(
    record: Any, origin: str, metadata: dict[str, Any] | None = None, iso_only: bool = False
) -> ArticleInput:
    """An ArticleInput from a JSON object; `metadata` (e.g. a sidecar file) fills what the record lacks;
    `iso_only` takes dates in ISO 8601 only."""
    if not isinstance(record, dict):
        raise InputError(origin, f"expected a JSON object, got {type(record).__name__}")
    nested = record.get("meta") if isinstance(record.get("meta"), dict) else {}
    merged = {**(metadata or {}), **nested, **record}
    fields = {FIELD_ALIASES.get(k, k): v for k, v in merged.items()}
    values: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        value = fields.get(name)
        if value is not None and not isinstance(value, str):
            raise InputError(origin, f'"{name}" must be a string, not {type(value).__name__}')
        if isinstance(value, str) and "\x00" in value:
            raise InputError(origin, f'"{name}" contains a NUL character')
        values[name] = value.strip() or None if isinstance(value, str) else None
    ident = fields.get("id")
    text = check_text(fields.get("text"), origin)
    layout = read_layout(text, values["title"])
    for name, part in (("title", layout.headline), ("dateline", layout.dateline), ("author", layout.byline)):
        values[name] = values[name] or (part.text if part else None)
    body = (layout.body_start, layout.body_end)
    return ArticleInput(
        text=text,
        origin=origin,
        published=parse_published(fields.get("published"), origin, iso_only),
        id=None if ident is None else str(ident),
        body=None if body == (0, len(text)) else body,
        **values,
    )
