"""A time limit on reads, as Datasette has: a read that runs past it is stopped and the client is told to
narrow it, so one scan of a large table cannot hold a server (on SQLite reads run on the event loop)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

# SQLite calls the handler every this many virtual-machine steps: often enough to stop within a millisecond
# or so, rarely enough to cost nothing measurable on a short read.
SQLITE_STEPS = 10_000
PG_QUERY_CANCELED = "57014"


class QueryTooLong(Exception):
    """A read ran past the limit; the client's filters ask for too much scanning."""

    def __init__(self, limit_ms: int) -> None:
        super().__init__(f"the query ran past the {limit_ms} ms limit")
        self.limit_ms = limit_ms


def _stopped_by_limit(exc: DBAPIError) -> bool:
    if getattr(exc.orig, "sqlstate", None) == PG_QUERY_CANCELED:
        return True
    return "interrupted" in str(exc.orig)


@contextmanager
def time_limit(db: Connection, limit_ms: int) -> Iterator[None]:
    """Every statement run on `db` inside the block shares one deadline, `limit_ms` from now (0: none).

    SQLite: a progress handler, set for the block only, so writes on the connection are never cut short.
    PostgreSQL: `SET LOCAL statement_timeout`, which ends with the read's transaction."""
    if not limit_ms:
        yield
        return
    sqlite = db.dialect.name == "sqlite"
    if sqlite:
        raw = db.connection.dbapi_connection
        deadline = time.monotonic() + limit_ms / 1000
        raw.set_progress_handler(lambda: time.monotonic() > deadline, SQLITE_STEPS)
    else:
        db.exec_driver_sql(f"SET LOCAL statement_timeout = {int(limit_ms)}")
    try:
        yield
    except DBAPIError as exc:
        if _stopped_by_limit(exc):
            raise QueryTooLong(limit_ms) from None
        raise
    finally:
        if sqlite:
            raw.set_progress_handler(None, 0)
