from __future__ import annotations

import email.utils
import time

import pytest

from app.sources.fetcher import FEED_TYPES, Fetcher, FetchError, check_url, retry_after, user_agent
from tests.sources.conftest import Site, fetch_settings, page, rss


@pytest.fixture
def fetcher() -> Fetcher:
    with Fetcher(fetch_settings()) as client:
        yield client


def failure(fetcher: Fetcher, url: str) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(url)
    assert caught.value.origin == url
    return caught.value


def test_a_page_is_fetched_with_a_user_agent_naming_the_product_and_a_contact(site: Site, fetcher) -> None:
    fetched = fetcher.fetch(site.url("/news/library.html"))
    assert fetched.status == 200 and fetched.body == page("library")
    assert fetched.final_url == site.url("/news/library.html")
    agents = {headers["User-Agent"] for path, headers, _ in site.requests}
    assert agents == {user_agent(fetch_settings())}
    assert agents.pop().startswith("articles/") and "mailto:tests@example.org" in user_agent(fetch_settings())


def test_robots_txt_is_read_once_per_host(site: Site, fetcher) -> None:
    fetcher.fetch(site.url("/news/library.html"))
    fetcher.fetch(site.url("/news/orchard.html"))
    assert site.hits["/robots.txt"] == 1


def test_a_path_robots_txt_forbids_is_never_requested(site: Site, fetcher) -> None:
    error = failure(fetcher, site.url("/private/secret.html"))
    assert "robots.txt" in error.message
    assert site.hits["/private/secret.html"] == 0


def test_a_redirect_is_followed_and_the_final_url_kept(site: Site, fetcher) -> None:
    fetched = fetcher.fetch(site.url("/moved.html"))
    assert fetched.url == site.url("/moved.html")
    assert fetched.final_url == site.url("/news/library.html")


def test_a_redirect_loop_stops_at_the_limit(site: Site, fetcher) -> None:
    error = failure(fetcher, site.url("/loop-a.html"))
    assert "more than 3 redirects" in error.message
    assert site.hits["/loop-a.html"] + site.hits["/loop-b.html"] == 4


def test_a_404_is_an_error_naming_the_url_and_not_tried_again(site: Site, fetcher) -> None:
    error = failure(fetcher, site.url("/missing.html"))
    assert "HTTP 404" in error.message and not error.passing
    assert site.hits["/missing.html"] == 1


def test_a_500_is_tried_again_then_an_error_that_may_pass(site: Site, fetcher) -> None:
    error = failure(fetcher, site.url("/error.html"))
    assert "HTTP 500" in error.message and error.passing
    assert site.hits["/error.html"] == 2


def test_a_429_waits_as_long_as_retry_after_says(site: Site, fetcher) -> None:
    fetched = fetcher.fetch(site.url("/busy-once.html"))
    assert fetched.body == page("ferry")
    first, second = site.times("/busy-once.html")
    assert second - first >= 0.9


def test_a_429_asking_for_too_long_a_wait_fails_at_once(site: Site, fetcher) -> None:
    error = failure(fetcher, site.url("/busy-long.html"))
    assert "asked to wait 3600 s" in error.message
    assert site.hits["/busy-long.html"] == 1


def test_a_timeout_is_an_error(site: Site, fetcher) -> None:
    error = failure(fetcher, site.url("/slow.html"))
    assert "timed out" in error.message and error.passing


def test_a_page_sent_too_slowly_is_cut_off(site: Site, fetcher) -> None:
    assert "too slowly" in failure(fetcher, site.url("/drip.html")).message


def test_a_50_mb_page_is_cut_at_the_size_limit_without_reading_it_all(site: Site, fetcher) -> None:
    error = failure(fetcher, site.url("/huge.html"))
    assert "over the limit of 1,000,000 bytes" in error.message
    assert site.huge_done.wait(10)
    assert site.huge_sent < 20 * 1024 * 1024  # what the sockets' buffers took before the server saw the close


def test_a_binary_file_served_as_html_is_refused(site: Site, fetcher) -> None:
    assert "binary" in failure(fetcher, site.url("/binary.html")).message


def test_a_type_other_than_html_or_xml_is_refused_unread(site: Site, fetcher) -> None:
    assert "image/png, not HTML or XML" in failure(fetcher, site.url("/image.png")).message


def test_an_unchanged_feed_answers_304_to_a_conditional_get(site: Site, fetcher) -> None:
    site.routes["/feed-body"].body = rss([site.url("/news/library.html")])
    first = fetcher.fetch(site.url("/feed.xml"), FEED_TYPES)
    assert first.status == 200 and first.headers["etag"] == '"v1"'
    again = fetcher.fetch(site.url("/feed.xml"), FEED_TYPES, {"If-None-Match": first.headers["etag"]})
    assert again.status == 304 and again.body == b""


def test_only_absolute_http_urls_are_fetched() -> None:
    for bad in ("ftp://example.org/a", "/news/a.html", "file:///etc/passwd", "http:///path"):
        with pytest.raises(FetchError, match="not an absolute http"):
            check_url(bad)
    for bad in ("http://[::1", "http://127.0.0.1:99999/", "http://a b/", "http://x/\x00"):
        with pytest.raises(FetchError):
            check_url(bad)
    assert check_url("  http://127.0.0.1:8/a?b=c  ") == "http://127.0.0.1:8/a?b=c"


def test_requests_to_one_host_start_the_host_delay_apart(site: Site) -> None:
    with Fetcher(fetch_settings().model_copy(update={"fetch_host_delay": 1.0})) as fetcher:
        fetcher.fetch(site.url("/news/library.html"))
        fetcher.fetch(site.url("/news/orchard.html"))
    arrivals = sorted(t for _, _, t in site.requests)
    # robots.txt, then the two pages, each started 1 s after the one before; arrival times carry the
    # network's jitter, hence the margin
    assert len(arrivals) == 3 and arrivals[-1] - arrivals[0] >= 1.5


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert retry_after("120") == 120.0
    later = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 25 <= retry_after(later) <= 31
    assert retry_after("soon") is None and retry_after(None) is None
