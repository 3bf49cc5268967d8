"""Fetching pages and feeds from the web, politely: robots.txt obeyed, one host never asked too often or by
too many requests at once, a user agent that says who we are, retries with backoff on 429 and 5xx (Retry-After
honoured), and nothing read past the size limit, of a type we cannot read, or beyond the redirect limit.

Every failure is a `FetchError` naming the URL and the reason; callers record it and go on with other URLs.
"""

from __future__ import annotations

import email.utils
import importlib.metadata
import logging
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx
from protego import Protego

from app.config import Settings
from app.inputs.articles import InputError

log = logging.getLogger(__name__)

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
XML_TYPES = frozenset(
    {
        "application/xml",
        "text/xml",
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/x-gzip",  # a sitemap.xml.gz
        "application/gzip",
    }
)
FEED_TYPES = XML_TYPES | HTML_TYPES  # some servers send their feeds as text/html
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
ROBOTS_MAX_BYTES = 500_000
MAX_URL_LENGTH = 2048  # the width of the url columns
try:
    VERSION = importlib.metadata.version("articles")
except importlib.metadata.PackageNotFoundError:  # run from a checkout that was never installed
    VERSION = "0"
MAX_CRAWL_DELAY = 60.0


class FetchError(InputError):
    """A URL that could not be fetched; `passing` when trying again later may work (5xx, timeout, 429)."""

    def __init__(self, url: str, message: str, passing: bool = False) -> None:
        super().__init__(url, message)
        self.passing = passing


@dataclass(frozen=True, slots=True)
class Fetched:
    """One response read whole: `url` as asked, `final_url` after redirects; a 304 has an empty body."""

    url: str
    final_url: str
    status: int
    media_type: str
    body: bytes
    headers: httpx.Headers
    fetched_at: datetime


@dataclass(frozen=True, slots=True)
class _Hop:
    status: int
    media_type: str
    body: bytes
    headers: httpx.Headers
    location: str | None


def user_agent(settings: Settings) -> str:
    """`articles/0.1 (+contact)`: the product, and how to reach whoever runs it when a contact is set."""
    contact = settings.fetch_contact.strip()
    return f"articles/{VERSION} (+{contact})" if contact else f"articles/{VERSION}"


def media_type_of(headers: httpx.Headers) -> str:
    return headers.get("content-type", "").split(";")[0].strip().lower()


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: seconds or an HTTP date; None if absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def host_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def check_url(url: str) -> str:
    """`url` if it is an absolute http(s) URL we can request, else a FetchError saying why not."""
    url = url.strip()
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        raise FetchError(url, "a URL cannot hold spaces or control characters")
    if len(url) > MAX_URL_LENGTH:
        raise FetchError(url[:100] + "...", f"the URL is over {MAX_URL_LENGTH} characters")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises on a port out of range)
        httpx.URL(url)
    except (ValueError, httpx.InvalidURL) as exc:
        raise FetchError(url, f"not a valid URL: {exc}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(url, "not an absolute http(s) URL")
    return url


class _HostGate:
    """At most `concurrency` requests in flight to one host, their starts at least `delay` seconds apart."""

    def __init__(self, concurrency: int, delay: float) -> None:
        self.slots = threading.BoundedSemaphore(concurrency)
        self.lock = threading.Lock()
        self.delay = delay
        self.next_start = 0.0

    def __enter__(self) -> _HostGate:
        self.slots.acquire()
        with self.lock:
            now = time.monotonic()
            start = max(now, self.next_start)
            self.next_start = start + self.delay
        if start > now:
            time.sleep(start - now)
        return self

    def __exit__(self, *_: object) -> None:
        self.slots.release()


class Fetcher:
    """One HTTP client with its politeness state (robots.txt rules, a gate per host); thread-safe."""

    def __init__(self, settings: Settings, transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings
        self.agent = user_agent(settings)
        self.client = httpx.Client(
            headers={"User-Agent": self.agent},
            timeout=httpx.Timeout(settings.fetch_timeout),
            follow_redirects=False,
            trust_env=False,  # no proxy from the environment: we fetch where the URL says
            transport=transport,
        )
        self._lock = threading.Lock()
        self._gates: dict[str, _HostGate] = {}
        self._robots: dict[str, Protego | FetchError | None] = {}
        self._robots_locks: dict[str, threading.Lock] = {}

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def fetch(
        self,
        url: str,
        accept: Iterable[str] = HTML_TYPES,
        headers: dict[str, str] | None = None,
        limit: int | None = None,
    ) -> Fetched:
        """GET `url`, following redirects up to the limit, each hop allowed by its host's robots.txt; the
        body may hold up to `limit` bytes (default: the FETCH_MAX_BYTES setting)."""
        accept = frozenset(accept)
        limit = limit or self.settings.fetch_max_bytes
        current = check_url(url)
        for _ in range(self.settings.fetch_max_redirects + 1):
            self._check_robots(url, current)
            hop = self._get_with_retries(url, current, accept, headers, limit)
            if hop.location is None:
                return Fetched(
                    url=url,
                    final_url=current,
                    status=hop.status,
                    media_type=hop.media_type,
                    body=hop.body,
                    headers=hop.headers,
                    fetched_at=datetime.now(UTC),
                )
            current = hop.location
        raise FetchError(url, f"more than {self.settings.fetch_max_redirects} redirects (last to {current})")

    def forget_robots(self) -> None:
        """Read every host's robots.txt afresh from now on (a long-running watch does so each round)."""
        with self._lock:
            self._robots.clear()

    def _gate(self, host: str) -> _HostGate:
        with self._lock:
            gate = self._gates.get(host)
            if gate is None:
                gate = _HostGate(self.settings.fetch_host_concurrency, self.settings.fetch_host_delay)
                self._gates[host] = gate
            return gate

    def _check_robots(self, url: str, current: str) -> None:
        rules = self._robots_for(host_of(current))
        if isinstance(rules, FetchError):
            raise FetchError(url, f"{current}: {rules.message}", passing=True)
        if rules is not None and not rules.can_fetch(current, self.agent):
            raise FetchError(url, f"{current} is disallowed by the site's robots.txt")

    def _robots_for(self, host: str) -> Protego | FetchError | None:
        """The host's robots.txt rules, fetched once: None (allow all) when it has none (4xx); an error when
        it cannot be read (5xx, timeout), in which case the host is not crawled (RFC 9309, 2.3.1.4)."""
        with self._lock:
            if host in self._robots:
                return self._robots[host]
            lock = self._robots_locks.setdefault(host, threading.Lock())
        with lock:
            with self._lock:
                if host in self._robots:
                    return self._robots[host]
            robots_url = f"{host}/robots.txt"
            rules: Protego | FetchError | None
            try:
                hop = self._get(robots_url, robots_url, None, None, ROBOTS_MAX_BYTES, redirects=True)
                if hop.status >= 500:
                    rules = FetchError(robots_url, f"robots.txt answered HTTP {hop.status}")
                elif hop.status >= 400:
                    rules = None
                else:
                    rules = Protego.parse(hop.body.decode("utf-8", errors="replace"))
            except FetchError as exc:
                rules = FetchError(robots_url, f"robots.txt could not be read: {exc.message}")
            if isinstance(rules, Protego):
                delay = rules.crawl_delay(self.agent)
                if delay:
                    gate = self._gate(host)
                    gate.delay = max(gate.delay, min(float(delay), MAX_CRAWL_DELAY))
            with self._lock:
                self._robots[host] = rules
            return rules

    def _get_with_retries(
        self, url: str, current: str, accept: frozenset[str], headers: dict[str, str] | None, limit: int
    ) -> _Hop:
        settings = self.settings
        tries = settings.fetch_retries + 1
        for attempt in range(tries):
            try:
                hop = self._get(url, current, accept, headers, limit)
            except FetchError as exc:
                if not exc.passing or attempt == tries - 1:
                    raise
                wait = settings.fetch_backoff * 2**attempt
                log.info("%s: %s; trying again in %.1f s", url, exc.message, wait)
                time.sleep(wait)
                continue
            if hop.status not in RETRY_STATUSES:
                if hop.status >= 400:
                    raise FetchError(url, f"{current} answered HTTP {hop.status}")
                return hop
            asked = retry_after(hop.headers.get("retry-after"))
            if asked is not None and asked > settings.fetch_max_retry_after:
                raise FetchError(
                    url, f"{current} answered HTTP {hop.status} and asked to wait {asked:.0f} s", passing=True
                )
            if attempt == tries - 1:
                raise FetchError(url, f"{current} answered HTTP {hop.status} {tries} times", passing=True)
            wait = asked if asked is not None else settings.fetch_backoff * 2**attempt
            log.info("%s: HTTP %d; trying again in %.1f s", current, hop.status, wait)
            time.sleep(wait)
        raise AssertionError("unreachable")

    def _get(
        self,
        url: str,
        current: str,
        accept: frozenset[str] | None,
        headers: dict[str, str] | None,
        limit: int,
        redirects: bool = False,
    ) -> _Hop:
        """One request through the host's gate, its body read up to `limit` bytes when it is a 2xx of a type
        in `accept` (any type when None); the body of an error or a redirect is never read."""
        with self._gate(host_of(current)):
            try:
                request = self.client.build_request("GET", current, headers=headers)
                response = self.client.send(request, stream=True, follow_redirects=redirects)
            except httpx.TooManyRedirects as exc:
                raise FetchError(url, f"{current}: too many redirects") from exc
            except httpx.TimeoutException as exc:
                raise FetchError(url, f"{current} timed out ({type(exc).__name__})", passing=True) from exc
            except httpx.HTTPError as exc:
                raise FetchError(url, f"{current} could not be reached: {exc}", passing=True) from exc
            except httpx.InvalidURL as exc:
                raise FetchError(url, f"{current} is not a valid URL: {exc}") from exc
            try:
                return self._read(url, current, response, accept, limit)
            except httpx.TimeoutException as exc:
                raise FetchError(url, f"{current} timed out while sending its body", passing=True) from exc
            except httpx.HTTPError as exc:
                raise FetchError(url, f"{current}: the body could not be read: {exc}", passing=True) from exc
            finally:
                response.close()

    def _read(
        self, url: str, current: str, response: httpx.Response, accept: frozenset[str] | None, limit: int
    ) -> _Hop:
        media = media_type_of(response.headers)
        if response.is_redirect and response.next_request is not None:
            location = str(response.next_request.url)
            return _Hop(response.status_code, media, b"", response.headers, check_url(location))
        if not response.is_success or response.status_code == 204:
            return _Hop(response.status_code, media, b"", response.headers, None)
        if accept is not None and media not in accept:
            raise FetchError(url, f"{current} is {media or 'of no stated type'}, not HTML or XML")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(url, f"{current} is {int(declared):,} bytes; the limit is {limit:,}")
        body = bytearray()
        deadline = time.monotonic() + 4 * self.settings.fetch_timeout
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > limit:
                raise FetchError(url, f"{current} is over the limit of {limit:,} bytes; stopped reading")
            if time.monotonic() > deadline:
                raise FetchError(url, f"{current} sent its body too slowly; stopped reading", passing=True)
        if accept is not None and b"\x00" in body and not body.startswith(b"\x1f\x8b"):
            raise FetchError(url, f"{current} is binary (it contains NUL bytes), though served as {media}")
        return _Hop(response.status_code, media, bytes(body), response.headers, None)
