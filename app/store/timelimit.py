"""A time limit on reads, as Datasette has: a read that runs past it is stopped and the client is told to
narrow it, so one scan of a large table cannot hold a server (on SQLite reads run on the event loop)."""

from __future__ import annotations

import heapq
import itertools
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

PG_QUERY_CANCELED = "57014"


class QueryTooLong(Exception):
    """A read ran past the limit; the client's filters ask for too much scanning."""

    def __init__(self, limit_ms: int) -> None:
        super().__init__(f"the query ran past the {limit_ms} ms limit")
        self.limit_ms = limit_ms


class Watchdog:
    """One thread per process that interrupts SQLite connections whose read is past its deadline.

    Interrupting from outside costs a read nothing while it runs; a progress handler would call back into
    Python every few thousand steps, and each call waits for the interpreter lock whenever another thread
    (an extraction, an export) holds it, so a 60 ms read under load ran into a 1 s limit. The thread sleeps
    until the earliest deadline still watched, so under load it wakes about once per limit, not per read or
    on a timer, and a read is stopped at its deadline."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._heap: list[tuple[float, int]] = []
        self._watched: dict[int, Any] = {}
        self._ids = itertools.count()
        self._thread: threading.Thread | None = None

    def watch(self, raw: Any, deadline: float) -> int:
        with self._lock:
            token = next(self._ids)
            self._watched[token] = raw
            earliest = not self._heap or deadline < self._heap[0][0]
            heapq.heappush(self._heap, (deadline, token))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="read-time-limit", daemon=True)
                self._thread.start()
            elif earliest:  # the thread sleeps until a later deadline (or for good): wake it to look again
                self._lock.notify()
            return token

    def release(self, token: int) -> None:
        """After this returns the connection is never interrupted for this read (both happen under the
        lock); SQLite ignores an interrupt that arrives when no statement is running."""
        with self._lock:
            self._watched.pop(token, None)

    def _run(self) -> None:
        with self._lock:
            while True:
                now = time.monotonic()
                while self._heap and (self._heap[0][1] not in self._watched or self._heap[0][0] <= now):
                    _, token = heapq.heappop(self._heap)
                    raw = self._watched.pop(token, None)
                    if raw is not None:
                        raw.interrupt()
                self._lock.wait(self._heap[0][0] - now if self._heap else None)


WATCHDOG = Watchdog()


def _stopped_by_limit(exc: DBAPIError) -> bool:
    if getattr(exc.orig, "sqlstate", None) == PG_QUERY_CANCELED:
        return True
    return "interrupted" in str(exc.orig)


@contextmanager
def time_limit(db: Connection, limit_ms: int) -> Iterator[None]:
    """Stop the read on `db` inside the block once it has run `limit_ms` (0: no limit).

    SQLite: every statement in the block shares one deadline, enforced by the watchdog; writes on the
    connection are never cut short. PostgreSQL: `db` comes from `db.make_read_engine(engine, limit_ms)`, whose
    connections hold the limit as their `statement_timeout` from the start (setting it here cost a round trip
    per read; a cancel sent from another thread could land on the connection's next query), so the block only
    turns the server's cancel into QueryTooLong."""
    if not limit_ms:
        yield
        return
    token = None
    if db.dialect.name == "sqlite":
        token = WATCHDOG.watch(db.connection.dbapi_connection, time.monotonic() + limit_ms / 1000)
    try:
        yield
    except DBAPIError as exc:
        if _stopped_by_limit(exc):
            raise QueryTooLong(limit_ms) from None
        raise
    finally:
        if token is not None:
            WATCHDOG.release(token)
