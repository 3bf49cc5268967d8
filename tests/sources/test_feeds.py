import gzip

import pytest

from app.sources.feeds import listing
from app.sources.fetcher import FetchError
from tests.sources.conftest import rss, sitemap

BASE = "http://127.0.0.1:8/"


def test_an_rss_feed_lists_its_item_links() -> None:
    found = listing(rss([BASE + "a.html", BASE + "b.html", BASE + "a.html"]), BASE + "feed.xml")
    assert found.articles == [BASE + "a.html", BASE + "b.html"]
    assert found.kind.startswith("rss")


def test_an_atom_feed_lists_its_entry_links_resolved_against_the_feed() -> None:
    atom = b"""<?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom"><title>Valley</title><id>urn:valley</id>
    <updated>2026-12-01T00:00:00Z</updated>
    <entry><title>One</title><id>urn:1</id><updated>2026-12-01T00:00:00Z</updated>
    <link href="/news/one.html"/></entry></feed>"""
    assert listing(atom, BASE + "atom.xml").articles == [BASE + "news/one.html"]


def test_a_sitemap_lists_its_locs_and_a_news_sitemap_too() -> None:
    assert listing(sitemap([BASE + "a.html"]), BASE + "sitemap.xml").articles == [BASE + "a.html"]
    news = (
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>http://127.0.0.1:8/n.html</loc>'
        b"<news:news><news:title>N</news:title></news:news></url></urlset>"
    )
    assert listing(news, BASE + "news.xml").articles == [BASE + "n.html"]


def test_a_sitemap_index_lists_its_sitemaps_and_a_gzipped_sitemap_is_read() -> None:
    index = (
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc>http://127.0.0.1:8/s1.xml.gz</loc></sitemap></sitemapindex>"
    )
    found = listing(index, BASE + "index.xml")
    assert found.sitemaps == [BASE + "s1.xml.gz"] and found.articles == []
    assert listing(gzip.compress(sitemap([BASE + "z.html"])), BASE + "s1.xml.gz").articles == [
        BASE + "z.html"
    ]


def test_links_that_are_not_http_are_dropped() -> None:
    assert listing(sitemap(["javascript:alert(1)", "mailto:x@y.z", BASE + "ok.html"]), BASE).articles == [
        BASE + "ok.html"
    ]


def test_a_malformed_feed_is_an_error_naming_its_url() -> None:
    with pytest.raises(FetchError, match="not a readable feed or sitemap") as caught:
        listing(b"<rss><channel><item><title>unclosed", BASE + "bad.xml")
    assert caught.value.origin == BASE + "bad.xml"


def test_an_html_page_is_not_a_feed() -> None:
    with pytest.raises(FetchError):
        listing(b"<html><body><p>Hello</p></body></html>", BASE)
