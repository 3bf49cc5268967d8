"""The state of `articles watch` in the database: sources and when they were polled, and every article URL
found with how far it got (new → claimed → done or failed).

Work is shared by claiming rows in one statement: on PostgreSQL `FOR UPDATE SKIP LOCKED` lets two processes
claim at once without ever taking the same row; on SQLite writers take turns, so the one UPDATE ... WHERE
state = 'new' is atomic by itself. A claim is a lease: a process that dies leaves rows another takes later.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import Connection, delete, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine

from app.store.models import Article, Source, SourceUrl

T = TypeVar("T")
NEW, CLAIMED, DONE, FAILED = "new", "claimed", "done", "failed"
SOURCE_COLUMNS = (
    Source.id,
    Source.url,
    Source.added_at,
    Source.last_polled_at,
    Source.next_poll_at,
    Source.last_error,
)


def _insert(connection: Connection, table: Any) -> Any:
    """An INSERT that skips rows whose unique URL is already there, in the connection's dialect."""
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    return dialect.insert(table).on_conflict_do_nothing(index_elements=["url"])


def _source_query() -> Any:
    counts = (
        select(
            SourceUrl.source_id,
            func.count(SourceUrl.article_id).label("article_count"),
            func.count().label("url_count"),
        )
        .group_by(SourceUrl.source_id)
        .subquery()
    )
    return (
        select(
            *SOURCE_COLUMNS,
            func.coalesce(counts.c.article_count, 0).label("article_count"),
            func.coalesce(counts.c.url_count, 0).label("url_count"),
        )
        .outerjoin(counts, counts.c.source_id == Source.id)
        .order_by(Source.id)
    )


def _shaped(row: Any) -> dict[str, Any]:
    """A source row as a dict, its times in UTC (SQLite keeps no zone; every time is stored in UTC)."""
    out = dict(row._mapping)
    for name in ("added_at", "last_polled_at", "next_poll_at"):
        value = out[name]
        if value is not None and value.tzinfo is None:
            out[name] = value.replace(tzinfo=UTC)
    return out


def list_sources(connection: Connection) -> list[dict[str, Any]]:
    """Every source with its last poll, last error, and how many URLs and articles it has brought."""
    return [_shaped(row) for row in connection.execute(_source_query())]


def get_source(connection: Connection, source_id: int) -> dict[str, Any] | None:
    row = connection.execute(_source_query().where(Source.id == source_id)).first()
    return None if row is None else _shaped(row)


def add_source(connection: Connection, url: str, now: datetime) -> tuple[int, bool]:
    """The source's id, and whether it is new; adding one already there changes nothing."""
    inserted = connection.execute(
        _insert(connection, Source).values(url=url, added_at=now).returning(Source.id)
    ).scalar()
    if inserted is not None:
        return inserted, True
    return connection.execute(select(Source.id).where(Source.url == url)).scalar_one(), False


def delete_source(connection: Connection, source_id: int) -> bool:
    """Forget a source; the URLs it brought stay known (with no source), so none is fetched again."""
    return connection.execute(delete(Source).where(Source.id == source_id)).rowcount > 0


def claim_sources(
    connection: Connection, now: datetime, next_poll: datetime, urls: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """Take the sources due by `now` (of `urls` only, when given), marking them not due until `next_poll`."""
    due = select(Source.id).where(or_(Source.next_poll_at.is_(None), Source.next_poll_at <= now))
    if urls is not None:
        due = due.where(Source.url.in_(list(urls)))
    due = due.order_by(Source.id).with_for_update(skip_locked=True)
    rows = connection.execute(
        update(Source)
        .where(Source.id.in_(due.scalar_subquery()))
        .values(next_poll_at=next_poll)
        .returning(Source.id, Source.url, Source.etag, Source.last_modified)
    )
    return sorted((dict(row._mapping) for row in rows), key=lambda r: r["id"])


def record_poll(
    connection: Connection,
    source_id: int,
    polled_at: datetime,
    error: str | None,
    etag: str | None = None,
    last_modified: str | None = None,
) -> None:
    """A poll's outcome; validators are kept from the last good response when this one sent none."""
    values: dict[str, Any] = {"last_polled_at": polled_at, "last_error": error}
    if etag is not None:
        values["etag"] = etag
    if last_modified is not None:
        values["last_modified"] = last_modified
    connection.execute(update(Source).where(Source.id == source_id).values(**values))


def stored_article_ids(connection: Connection, urls: Iterable[str]) -> dict[str, int]:
    """The articles already stored under these URLs (from any input), by URL."""
    wanted = list(set(urls))
    if not wanted:
        return {}
    rows = connection.execute(
        select(Article.url, func.min(Article.id)).where(Article.url.in_(wanted)).group_by(Article.url)
    )
    return {url: article_id for url, article_id in rows}


def add_urls(connection: Connection, source_id: int | None, urls: Sequence[str], now: datetime) -> int:
    """Record newly found article URLs; those known already are left as they are, and those whose article is
    stored already (ingested from a file, say) are recorded as done. How many were new."""
    if not urls:
        return 0
    stored = stored_article_ids(connection, urls)
    rows = [
        {
            "url": url,
            "source_id": source_id,
            "state": DONE if url in stored else NEW,
            "article_id": stored.get(url),
            "discovered_at": now,
            "attempts": 0,
        }
        for url in dict.fromkeys(urls)
    ]
    result = connection.execute(_insert(connection, SourceUrl).returning(SourceUrl.id), rows)
    return len(result.all())


def claim_urls(
    connection: Connection, limit: int, now: datetime, lease: timedelta, ids: Sequence[int] | None = None
) -> list[dict[str, Any]]:
    """Take up to `limit` URLs to fetch: new ones due now, and claimed ones whose lease ran out (their
    process died). Two processes never get the same row."""
    ready = or_(
        (SourceUrl.state == NEW) & or_(SourceUrl.retry_at.is_(None), SourceUrl.retry_at <= now),
        (SourceUrl.state == CLAIMED) & (SourceUrl.claimed_at < now - lease),
    )
    wanted = select(SourceUrl.id).where(ready)
    if ids is not None:
        wanted = wanted.where(SourceUrl.id.in_(list(ids)))
    wanted = wanted.order_by(SourceUrl.id).limit(limit).with_for_update(skip_locked=True)
    rows = connection.execute(
        update(SourceUrl)
        .where(SourceUrl.id.in_(wanted.scalar_subquery()), ready)
        .values(state=CLAIMED, claimed_at=now, attempts=SourceUrl.attempts + 1)
        .returning(SourceUrl.id, SourceUrl.url, SourceUrl.source_id, SourceUrl.attempts)
    )
    return sorted((dict(row._mapping) for row in rows), key=lambda r: r["id"])


def url_ids(connection: Connection, urls: Sequence[str]) -> dict[str, int]:
    rows = connection.execute(select(SourceUrl.url, SourceUrl.id).where(SourceUrl.url.in_(list(urls))))
    return {url: row_id for url, row_id in rows}


def finish_url(connection: Connection, url_id: int, **values: Any) -> None:
    """Record what became of a claimed URL: its state, article, final URL, fetch time, error."""
    connection.execute(update(SourceUrl).where(SourceUrl.id == url_id).values(**values))


def reopen_urls(connection: Connection, ids: Sequence[int]) -> None:
    """Make failed URLs (or ones waiting to be tried again) ready now: someone asked for them by name."""
    if ids:
        connection.execute(
            update(SourceUrl)
            .where(SourceUrl.id.in_(list(ids)), SourceUrl.state.in_([NEW, FAILED]))
            .values(state=NEW, retry_at=None, attempts=0)
        )


def release_urls(connection: Connection, ids: Sequence[int]) -> None:
    """Hand claimed URLs back untouched (a process stopping), to be taken by the next round or process."""
    if ids:
        connection.execute(
            update(SourceUrl)
            .where(SourceUrl.id.in_(list(ids)), SourceUrl.state == CLAIMED)
            .values(state=NEW, claimed_at=None, attempts=SourceUrl.attempts - 1)
        )


def url_states(connection: Connection) -> dict[str, int]:
    """How many URLs are in each state."""
    rows = connection.execute(select(SourceUrl.state, func.count()).group_by(SourceUrl.state))
    return {state: count for state, count in rows}


def in_transaction(engine: Engine, func: Callable[..., T], *args: Any) -> T:
    """`func(connection, *args)` in a transaction of its own, committed when it returns."""
    with engine.begin() as connection:
        return func(connection, *args)
