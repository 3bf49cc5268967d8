"""`articles watch` and `articles fetch`: sources polled, new article URLs claimed, fetched and ingested.

A round polls the sources that are due (conditional GET: an unchanged feed costs a 304), records the URLs they
list, then claims new URLs a few at a time, fetches them politely on a pool of threads and passes the pages
through the ingest every file takes. All state is in the database (`app.store.sources`), so processes share
the work and a restart resumes. Asked to stop, a round fetches nothing more, stores the articles it holds,
and hands its unfetched claims back.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.engine import Engine

from app.config import Settings
from app.ingest import BatchExtract, Outcome, ingest_stream
from app.inputs.articles import ArticleInput, InputError
from app.sources.feeds import listing
from app.sources.fetcher import FEED_TYPES, HTML_TYPES, Fetched, Fetcher, FetchError, check_url
from app.sources.pages import article_from_page, page_url
from app.store import sources as state

log = logging.getLogger(__name__)
MAX_CHILD_SITEMAPS = 50


@dataclass(slots=True)
class _Claim:
    """A claimed URL on its way: its row, and the page once fetched."""

    id: int
    url: str
    attempts: int
    page: Fetched | None = None
    stored_url: str | None = None
    passing: bool = False


def now() -> datetime:
    return datetime.now(UTC)


def read_source_list(text: str) -> list[str]:
    """The URLs of a sources file: one a line; blank lines and # comments passed over."""
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [check_url(line) for line in lines if line]


class Watcher:
    """Polls sources and ingests the articles they list, sharing the work through the database."""

    def __init__(
        self,
        engine: Engine,
        extract: BatchExtract,
        settings: Settings,
        fetcher: Fetcher | None = None,
        stop: threading.Event | None = None,
        batch_size: int = 8,
        on_outcome: Callable[[Outcome], None] | None = None,
    ) -> None:
        self.engine = engine
        self.extract = extract
        self.settings = settings
        self.fetcher = fetcher or Fetcher(settings)
        self.stop = stop or threading.Event()
        self.batch_size = batch_size
        self.on_outcome = on_outcome
        self.tally: Counter[str] = Counter()

    def close(self) -> None:
        self.fetcher.close()

    # Sources

    def poll(self, urls: Sequence[str] | None = None, force: bool = False) -> int:
        """Poll the sources that are due (all of `urls`, or all in the database; every one when `force`);
        how many new article URLs they brought."""
        moment = now()
        interval = timedelta(seconds=self.settings.watch_interval)
        cutoff = moment + interval if force else moment
        with self.engine.begin() as connection:
            due = state.claim_sources(connection, cutoff, moment + interval, urls)
        if not due:
            return 0
        with ThreadPoolExecutor(self.settings.fetch_concurrency, thread_name_prefix="poll") as pool:
            return sum(pool.map(self._poll_one, due))

    def _poll_one(self, source: dict[str, Any]) -> int:
        url = source["url"]
        headers = {}
        if source.get("etag"):
            headers["If-None-Match"] = source["etag"]
        if source.get("last_modified"):
            headers["If-Modified-Since"] = source["last_modified"]
        found: list[str] = []
        error: str | None = None
        etag = last_modified = None
        try:
            page = self.fetcher.fetch(url, FEED_TYPES, headers, self.settings.fetch_max_feed_bytes)
            if page.status == 304:
                log.info("%s: not modified since the last poll", url)
            else:
                etag, last_modified = page.headers.get("etag"), page.headers.get("last-modified")
                found = self._listed(url, page)
        except (FetchError, InputError) as exc:
            error = exc.message
            log.error("source %s: %s", url, exc.message)
        with self.engine.begin() as connection:
            added = state.add_urls(connection, source["id"], found, now())
            state.record_poll(connection, source["id"], now(), error, etag, last_modified)
        if found:
            log.info("%s: %d URLs listed, %d new", url, len(found), added)
        return added

    def _listed(self, url: str, page: Fetched) -> list[str]:
        """The article URLs of a feed or sitemap; a sitemap index's child sitemaps are read in turn."""
        found = listing(page.body, url)
        articles = list(found.articles)
        for child in found.sitemaps[:MAX_CHILD_SITEMAPS]:
            if self.stop.is_set():
                break
            try:
                page = self.fetcher.fetch(child, FEED_TYPES, limit=self.settings.fetch_max_feed_bytes)
                articles.extend(listing(page.body, child).articles)
            except (FetchError, InputError) as exc:
                log.error("sitemap %s (in %s): %s", child, url, exc.message)
        return articles

    # Article URLs

    def drain(self, ids: Sequence[int] | None = None) -> Counter[str]:
        """Fetch and ingest claimed URLs until none is left (of `ids`, when given) or a stop is asked: one
        ingest stream for the whole drain, so extraction workers start once."""
        order: deque[_Claim] = deque()
        self._open: dict[int, _Claim] = {}
        pool = ThreadPoolExecutor(self.settings.fetch_concurrency, thread_name_prefix="fetch")
        try:
            items = self._pages(pool, order, ids)
            for outcome in ingest_stream(items, self.extract, self.engine, self.batch_size):
                self._finish(order.popleft(), outcome)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            if self._open:
                with self.engine.begin() as connection:
                    state.release_urls(connection, list(self._open))
                log.info("handed back %d claimed URLs", len(self._open))
                self._open.clear()
        return self.tally

    def _claim(self, pool: ThreadPoolExecutor, count: int, ids: Sequence[int] | None) -> list[tuple]:
        lease = timedelta(seconds=self.settings.watch_lease)
        with self.engine.begin() as connection:
            rows = state.claim_urls(connection, count, now(), lease, ids)
        claims = [_Claim(row["id"], row["url"], row["attempts"]) for row in rows]
        self._open.update((claim.id, claim) for claim in claims)
        return [(claim, pool.submit(self.fetcher.fetch, claim.url, HTML_TYPES)) for claim in claims]

    def _pages(
        self, pool: ThreadPoolExecutor, order: deque[_Claim], ids: Sequence[int] | None
    ) -> Iterator[ArticleInput | InputError]:
        """The claimed URLs' articles (or errors) in claim order, more claimed as fetches finish so a few
        are always under way; a page whose URL is stored already is recorded as done and never parsed."""
        window = max(2 * self.settings.fetch_concurrency, self.batch_size)
        pending: deque[tuple[_Claim, Future[Fetched]]] = deque()
        exhausted = False
        while not self.stop.is_set():
            if not exhausted and len(pending) <= window // 2:
                fresh = self._claim(pool, window - len(pending), ids)
                exhausted = not fresh
                pending.extend(fresh)
            if not pending:
                return
            claim, future = pending.popleft()
            try:
                claim.page = future.result()
                claim.stored_url = page_url(claim.page)
                known = self._known(claim)
                if known is not None:
                    self._finish(claim, Outcome(claim.url, "exists", article_id=known))
                    continue
                item: ArticleInput | InputError = article_from_page(claim.page, claim.stored_url)
            except InputError as exc:
                claim.passing = isinstance(exc, FetchError) and exc.passing
                item = exc
            except Exception as exc:  # one odd page never ends the round
                log.exception("%s: unexpected error", claim.url)
                item = InputError(claim.url, f"unexpected error: {type(exc).__name__}: {exc}")
            order.append(claim)
            yield item

    def _known(self, claim: _Claim) -> int | None:
        urls = {claim.url, claim.page.final_url if claim.page else claim.url, claim.stored_url or claim.url}
        with self.engine.connect() as connection:
            stored = state.stored_article_ids(connection, urls)
        return next(iter(stored.values()), None)

    def _finish(self, claim: _Claim, outcome: Outcome) -> None:
        """Record a URL's outcome: done with its article, or failed (to be tried again later when the failure
        may pass and tries are left)."""
        page = claim.page
        values: dict[str, Any] = {
            "fetched_at": page.fetched_at if page else None,
            "final_url": page.final_url if page else None,
            "claimed_at": None,
        }
        if outcome.status == "failed":
            error = outcome.error or "failed"
            if claim.passing and claim.attempts < self.settings.watch_max_attempts:
                retry = now() + timedelta(seconds=self.settings.watch_interval)
                values.update(state=state.NEW, retry_at=retry, error=error)
            else:
                values.update(state=state.FAILED, error=error)
            log.error("%s: %s", claim.url, error)
        else:
            values.update(state=state.DONE, article_id=outcome.article_id, error=None, retry_at=None)
            log.info("%s %s: article %s", outcome.status, claim.url, outcome.article_id)
        with self.engine.begin() as connection:
            state.finish_url(connection, claim.id, **values)
        self._open.pop(claim.id, None)
        self.tally[outcome.status] += 1
        if self.on_outcome:
            self.on_outcome(outcome)

    # The loop

    def round(self, source_urls: Sequence[str] | None = None, force: bool = False) -> Counter[str]:
        """Poll what is due, then fetch and ingest every new URL, with robots.txt read afresh."""
        self.fetcher.forget_robots()
        self.poll(source_urls, force)
        return self.drain()

    def run(self, source_urls: Sequence[str] | None = None, once: bool = False) -> Counter[str]:
        """Rounds until asked to stop (one with `once`), waiting between them for sources to be due."""
        self.round(source_urls, force=once)
        while not once and not self.stop.is_set():
            self.stop.wait(min(self.settings.watch_interval, 60.0))
            if not self.stop.is_set():
                self.round(source_urls)
        return self.tally
