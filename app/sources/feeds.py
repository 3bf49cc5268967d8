"""The article URLs a source lists: RSS and Atom feeds through feedparser, sitemaps (news sitemaps too, and
sitemap indexes, gzipped or not) through lxml with entities and network access off."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin

import feedparser
from lxml import etree

from app.inputs.html import GZIP_MAGIC, gunzip
from app.sources.fetcher import FetchError, check_url

SITEMAP_ROOTS = {"urlset": "url", "sitemapindex": "sitemap"}
MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # uncompressed, as the sitemaps.org protocol allows


@dataclass(slots=True)
class Listing:
    """What one source lists: article URLs, and further sitemaps (a sitemap index's children)."""

    kind: str
    articles: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


def _absolute(link: str | None, base: str) -> str | None:
    """`link` resolved against `base` if it is an http(s) URL of sane length, else None."""
    if not link:
        return None
    try:
        url = urljoin(base, link.strip())
        return check_url(url.split("#", 1)[0])
    except ValueError:  # a FetchError too
        return None


def _unique(urls: list[str | None]) -> list[str]:
    return list(dict.fromkeys(u for u in urls if u))


def sitemap_listing(root: etree._Element, url: str) -> Listing | None:
    """A sitemap's <loc>s, or None when `root` is not a sitemap."""
    name = etree.QName(root).localname
    child = SITEMAP_ROOTS.get(name)
    if child is None:
        return None
    locs = [
        _absolute(loc.text, url)
        for entry in root
        if isinstance(entry.tag, str) and etree.QName(entry).localname == child
        for loc in entry
        if isinstance(loc.tag, str) and etree.QName(loc).localname == "loc"
    ]
    if name == "sitemapindex":
        return Listing("sitemap index", sitemaps=_unique(locs))
    return Listing("sitemap", articles=_unique(locs))


def listing(body: bytes, url: str) -> Listing:
    """The URLs in a feed or sitemap at `url`; a FetchError when it is neither, with the parser's reason."""
    if body.startswith(GZIP_MAGIC):
        body = gunzip(body, url, MAX_SITEMAP_BYTES)
    if not body.strip():
        raise FetchError(url, "the feed is empty")
    try:
        root = etree.fromstring(body, _parser())
    except etree.XMLSyntaxError:
        root = None
    if root is not None:
        found = sitemap_listing(root, url)
        if found is not None:
            return found
    feed = feedparser.parse(body)
    links = _unique([_absolute(entry.get("link"), url) for entry in feed.entries])
    if not links and (feed.bozo or not feed.version):
        reason = feed.get("bozo_exception") or "no feed or sitemap elements"
        raise FetchError(url, f"not a readable feed or sitemap: {reason}")
    return Listing(feed.version or "feed", articles=links)
