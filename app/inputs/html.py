"""HTML pages in, article text and metadata out, through trafilatura.

Only trafilatura's extraction is called, on bytes we already hold: it never fetches anything (no URL is
downloaded, no external resource resolved). The settings were chosen on the benchmark of
`benchmarks/html_extraction.py`: precision first, comments left out.
"""

from __future__ import annotations

import re
import zlib
from typing import Any

import trafilatura
from trafilatura.settings import use_config

from app.inputs.articles import ArticleInput, InputError, article_from_record

MAX_HTML_BYTES = 20_000_000
GZIP_MAGIC = b"\x1f\x8b"
NO_ARTICLE = "no article text found in the page"
# An article is prose: what trafilatura keeps must hold at least one sentence, MIN_SENTENCE_WORDS words or
# more ending in ".", "!" or "?" (a closing quote or bracket may follow). A page of links ("Home About"),
# a lone headline or a greeting ("hi") has none.
MIN_SENTENCE_WORDS = 4
SENTENCE_END = re.compile(r"[.!?]+['\"’”)\]]*(?=\s|$)")

_CONFIG = use_config()
# The timeout works with SIGALRM, which only the main thread may use; ingest may run elsewhere.
_CONFIG.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")


def gunzip(data: bytes, origin: str, limit: int = MAX_HTML_BYTES) -> bytes:
    """`data` decompressed if it is gzip, refusing more than `limit` bytes (a gzip bomb stops early)."""
    if not data.startswith(GZIP_MAGIC):
        return data
    inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise InputError(origin, f"not valid gzip: {exc}") from exc
    if len(out) > limit:
        raise InputError(origin, f"the page is over {limit:,} bytes uncompressed")
    return out


def html_fields(html: bytes | str, origin: str, url: str | None = None) -> dict[str, Any]:
    """The article in a page as record fields: text, title, author, published, source (site name), url."""
    if isinstance(html, bytes):
        html = gunzip(html, origin)
    if len(html) > MAX_HTML_BYTES:
        raise InputError(origin, f"the page is over {MAX_HTML_BYTES:,} bytes")
    if not html.strip():
        raise InputError(origin, "the page is empty")
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        favor_precision=True,
        config=_CONFIG,
    )
    if document is None or not has_sentence(document.text or ""):
        raise InputError(origin, NO_ARTICLE)
    return {
        "text": document.text,
        "title": document.title,
        "author": document.author,
        "published": document.date,
        "source": document.sitename,
        "url": url or document.url,
    }


def has_sentence(text: str) -> bool:
    """Whether `text` holds a sentence of prose (see MIN_SENTENCE_WORDS)."""
    pieces = SENTENCE_END.split(text)  # every piece but the last ends a sentence
    return any(len(piece.rsplit("\n", 1)[-1].split()) >= MIN_SENTENCE_WORDS for piece in pieces[:-1])


def article_from_html(
    html: bytes | str, origin: str, metadata: dict[str, Any] | None = None, iso_only: bool = False
) -> ArticleInput:
    """An ArticleInput from a page; `metadata` (a record's fields, a query string) wins over the page's."""
    given = {k: v for k, v in (metadata or {}).items() if v is not None}
    url = given.get("url") if isinstance(given.get("url"), str) else None
    page = {k: v for k, v in html_fields(html, origin, url).items() if v is not None}
    return article_from_record({**page, **given}, origin, iso_only=iso_only)


def expand_html(record: Any, origin: str) -> Any:
    """A JSON record with `html` and no `text` gets the page's fields; the record's own fields win."""
    if not isinstance(record, dict) or "html" not in record or record.get("text") is not None:
        return record
    page = record["html"]
    if not isinstance(page, str):
        raise InputError(origin, '"html" must be a string')
    url = record.get("url") if isinstance(record.get("url"), str) else None
    fields = html_fields(page, origin, url)
    given = {k: v for k, v in record.items() if k != "html" and v is not None}
    return {**{k: v for k, v in fields.items() if v is not None}, **given}
