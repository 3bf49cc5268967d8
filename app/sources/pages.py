"""A fetched page into an article: its text through the HTML path every page takes, its URL the page's own
canonical one when it names one, else where the redirects ended."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from app.inputs.articles import ArticleInput
from app.inputs.html import article_from_html, gunzip
from app.sources.fetcher import Fetched


def canonical_url(html: bytes, base: str) -> str | None:
    """The absolute http(s) URL of `<link rel="canonical">` in the page, if it has one."""
    try:
        document = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    for link in document.iterfind(".//link[@href]"):
        if "canonical" in (link.get("rel") or "").lower().split():
            url = urljoin(base, link.get("href", "").strip())
            parts = urlsplit(url)
            if parts.scheme in ("http", "https") and parts.netloc:
                return url
    return None


def page_url(page: Fetched) -> str:
    """The URL an article fetched as `page` is stored under."""
    return canonical_url(gunzip(page.body, page.url), page.final_url) or page.final_url


def article_from_page(page: Fetched, url: str) -> ArticleInput:
    """The article in a fetched page, stored under `url`; an InputError (origin: the URL asked) if none."""
    return article_from_html(page.body, page.url, {"url": url})
