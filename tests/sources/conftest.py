"""A web site on 127.0.0.1 (and nowhere else) for the fetching tests: article pages of our own making, feeds
and sitemaps listing them, and paths that misbehave the ways real sites do."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from app.config import Settings
from tests.conftest import settings_for

ARTICLES = {
    "bridge": (
        "Harbour bridge to reopen in May",
        [
            "The harbour bridge will reopen in May after two years of repairs, the council said on Tuesday.",
            "“We are proud of the engineers who worked through the winter,” said Mayor Ana Costa.",
            "The repairs cost 40 million euros, twice the first estimate, according to council figures.",
            "Ferry operators said they expected fewer passengers once the bridge carried traffic again.",
        ],
    ),
    "library": (
        "Town library extends its opening hours",
        [
            "The town library will stay open until nine in the evening from next month, its director said.",
            "“Students asked us for quiet rooms after school, and we listened,” said director Miriam Okafor.",
            "The longer hours will be paid for by a grant of 120,000 pounds from the regional arts council.",
            "Volunteers will run a homework club on Wednesday evenings, the library said in a statement.",
        ],
    ),
    "orchard": (
        "Late frost cuts apple harvest",
        [
            "A late frost in April destroyed nearly a third of the apple blossom in the valley, growers say.",
            "“I have not seen a spring like this in thirty years,” said farmer Tomas Lindqvist on Friday.",
            "The growers' cooperative expects to pick 8,000 tonnes of apples this autumn, down from 12,000.",
            "Cider makers warned that prices would rise before Christmas because of the smaller harvest.",
        ],
    ),
    "ferry": (
        "New electric ferry enters service",
        [
            "The first electric ferry on the northern route carried its first passengers on Monday morning.",
            "“It is quieter, cleaner and cheaper to run,” said captain Ingrid Haugen after it.",
            "The ferry charges in twelve minutes at each end of the route, the operator said in a statement.",
            "Two more electric ferries are due to join the fleet next year, the regional council said.",
        ],
    ),
}


def page(name: str, canonical: str | None = None, number: int | None = None) -> bytes:
    """An article page; a `number` makes its text unique ("Report number 3 ...")."""
    title, paragraphs = ARTICLES[name]
    if number is not None:
        paragraphs = [*paragraphs, f"Report number {number} was filed by the council's press office."]
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html lang='en'><head><title>{title} | Valley News</title>{link}"
        f"<meta property='og:site_name' content='Valley News'></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1>{body}</article><footer>Valley News. All rights reserved.</footer>"
        f"</body></html>"
    ).encode()


def rss(links: list[str]) -> bytes:
    items = "".join(f"<item><title>{link}</title><link>{link}</link></item>" for link in links)
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Valley News</title>'
        f"<link>http://127.0.0.1/</link><description>News</description>{items}</channel></rss>"
    ).encode()


def sitemap(links: list[str]) -> bytes:
    urls = "".join(f"<url><loc>{link}</loc></url>" for link in links)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    ).encode()


ROBOTS = b"User-agent: *\nDisallow: /private/\n"
HUGE_BYTES = 50 * 1024 * 1024


@dataclass
class Route:
    """What a path answers: a status, headers and a body, or a function that writes the answer itself."""

    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    handler: Callable[[BaseHTTPRequestHandler], None] | None = None


class Site:
    """The routes, and a record of every request: hits per path, request headers, times."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[str, dict[str, str], float]] = []
        self.lock = threading.Lock()
        self.huge_sent = 0
        self.huge_done = threading.Event()
        self.base = ""

    def url(self, path: str) -> str:
        return self.base + path

    def times(self, path: str) -> list[float]:
        return [t for p, _, t in self.requests if p == path]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            with site.lock:
                site.hits[path] += 1
                site.requests.append((path, dict(self.headers.items()), time.monotonic()))
            route = site.routes.get(path)
            if route is None:
                self.send_error(404)
                return
            if route.handler is not None:
                route.handler(self)
                return
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(route.body)))
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(route.body)

    return Handler


def _slow(handler: BaseHTTPRequestHandler) -> None:
    time.sleep(3)
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    handler.wfile.write(page("bridge"))


def _drip(handler: BaseHTTPRequestHandler) -> None:
    """A page sent a few bytes at a time, each within the read timeout, never finishing in time."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    try:
        for _ in range(100):
            handler.wfile.write(b"<p>drip</p>")
            handler.wfile.flush()
            time.sleep(0.2)
    except OSError:
        pass


def _feed_with_etag(site: Site) -> Callable[[BaseHTTPRequestHandler], None]:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        if handler.headers.get("If-None-Match") == '"v1"':
            handler.send_response(304)
            handler.send_header("ETag", '"v1"')
            handler.end_headers()
            return
        body = site.routes["/feed-body"].body
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.send_header("ETag", '"v1"')
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return answer


def _huge(site: Site) -> Callable[[BaseHTTPRequestHandler], None]:
    """50 MB of HTML with no Content-Length: only reading it tells how long it is."""

    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        chunk = b"<p>" + b"word " * 13_000 + b"</p>\n"
        try:
            handler.wfile.write(b"<html><body>")
            while site.huge_sent < HUGE_BYTES:
                handler.wfile.write(chunk)
                site.huge_sent += len(chunk)
        except OSError:
            pass
        finally:
            site.huge_done.set()

    return answer


def _busy_once(site: Site) -> Callable[[BaseHTTPRequestHandler], None]:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        if site.hits["/busy-once.html"] == 1:
            handler.send_response(429)
            handler.send_header("Retry-After", "1")
            handler.end_headers()
            return
        body = page("ferry")
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return answer


def build_site(site: Site) -> None:
    """The paths every test may use."""
    r = site.routes
    r["/robots.txt"] = Route(body=ROBOTS, content_type="text/plain")
    r["/news/bridge.html"] = Route(body=page("bridge", canonical="/news/bridge"))
    r["/news/library.html"] = Route(body=page("library"))
    r["/news/orchard.html"] = Route(body=page("orchard"))
    r["/news/ferry.html"] = Route(body=page("ferry"))
    r["/moved.html"] = Route(status=301, headers={"Location": "/news/library.html"})
    r["/loop-a.html"] = Route(status=302, headers={"Location": "/loop-b.html"})
    r["/loop-b.html"] = Route(status=302, headers={"Location": "/loop-a.html"})
    r["/error.html"] = Route(status=500, body=b"oops")
    r["/busy.html"] = Route(status=429, headers={"Retry-After": "1"})
    r["/busy-long.html"] = Route(status=429, headers={"Retry-After": "3600"})
    r["/busy-once.html"] = Route(handler=_busy_once(site))
    r["/slow.html"] = Route(handler=_slow)
    r["/drip.html"] = Route(handler=_drip)
    r["/huge.html"] = Route(handler=_huge(site))
    r["/binary.html"] = Route(body=bytes(range(256)) * 64)
    r["/image.png"] = Route(body=b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, content_type="image/png")
    r["/private/secret.html"] = Route(body=page("orchard"))
    r["/bad-feed.xml"] = Route(
        body=b"<rss><channel><item><title>unclosed", content_type="application/rss+xml"
    )
    r["/feed-body"] = Route(body=b"")
    r["/feed.xml"] = Route(handler=_feed_with_etag(site))


GOOD = ["/news/bridge.html", "/news/library.html", "/news/orchard.html"]
BAD = [
    "/missing.html",
    "/error.html",
    "/busy.html",
    "/slow.html",
    "/huge.html",
    "/binary.html",
    "/loop-a.html",
    "/private/secret.html",
    "/image.png",
]


@pytest.fixture
def site() -> Iterator[Site]:
    """The site, served on 127.0.0.1 on a free port for one test."""
    state = Site()
    build_site(state)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def fetch_settings(database_url: str = "sqlite://") -> Settings:
    """Settings for tests: short timeouts and waits, no delay between requests, a small size limit."""
    return settings_for(database_url).model_copy(
        update={
            "fetch_contact": "mailto:tests@example.org",
            "fetch_timeout": 0.5,
            "fetch_retries": 1,
            "fetch_backoff": 0.05,
            "fetch_max_retry_after": 2.0,
            "fetch_max_bytes": 1_000_000,
            "fetch_max_redirects": 3,
            "fetch_host_delay": 0.0,
            "fetch_concurrency": 4,
        }
    )
