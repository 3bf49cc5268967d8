"""The read time limit: a long read is stopped with QueryTooLong, the connection is fine afterwards, and
writes are never held to it."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from app.store.db import make_read_engine
from app.store.timelimit import WATCHDOG, QueryTooLong, time_limit

# Ten million steps of a recursive count: seconds on any machine, on SQLite and PostgreSQL alike.
COUNT_TO = (
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < {n}) SELECT count(*) FROM c"
)
SLOW = text(COUNT_TO.format(n=10_000_000))
# About 0.2 s (0.19 s measured on PostgreSQL here): past a 50 ms limit.
PAST_50_MS = text(COUNT_TO.format(n=200_000))


@pytest.fixture
def limited(engine: Engine) -> Iterator[Engine]:
    """The API's read engine with a 50 ms limit: on SQLite `engine` itself, on PostgreSQL one of its own."""
    reads = make_read_engine(engine, 50)
    yield reads
    if reads is not engine:
        reads.dispose()


def _sqlite_only(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("the watchdog's blocks: PostgreSQL's read connections keep their limit")


def test_a_read_past_the_limit_is_stopped(limited: Engine) -> None:
    started = time.monotonic()
    with limited.connect() as db, pytest.raises(QueryTooLong) as stopped, time_limit(db, 50):
        db.execute(SLOW).scalar()
    assert stopped.value.limit_ms == 50
    assert time.monotonic() - started < 5


def test_a_stopped_connection_serves_the_next_read(limited: Engine) -> None:
    with limited.connect() as db:
        with pytest.raises(QueryTooLong), time_limit(db, 50):
            db.execute(SLOW).scalar()
        db.rollback()
        with time_limit(db, 50):
            assert db.execute(text("SELECT 3")).scalar() == 3


def test_writes_have_no_read_limit(engine: Engine, limited: Engine) -> None:
    # The API writes, streams exports and runs jobs on `engine`: a small read limit must not reach them.
    with limited.connect() as db, pytest.raises(QueryTooLong), time_limit(db, 50):
        db.execute(SLOW).scalar()
    with engine.begin() as db:
        assert db.execute(text(COUNT_TO.format(n=1_000_000))).scalar() == 1_000_000


def test_the_connection_has_no_limit_after_the_block(engine: Engine) -> None:
    _sqlite_only(engine)
    with engine.connect() as db:
        with pytest.raises(QueryTooLong), time_limit(db, 50):
            db.execute(SLOW).scalar()
        db.rollback()
        time.sleep(0.06)  # the block's deadline long past: a leftover limit would stop the next read at once
        assert db.execute(PAST_50_MS).scalar() == 200_000
        with time_limit(db, 0):
            assert db.execute(PAST_50_MS).scalar() == 200_000


def test_a_short_read_within_the_limit_is_untouched(engine: Engine) -> None:
    _sqlite_only(engine)
    with engine.connect() as db:
        with time_limit(db, 50):
            assert db.execute(text("SELECT 3")).scalar() == 3
        db.rollback()
        time.sleep(0.1)  # past the finished read's deadline: the next read on the connection runs whole
        assert db.execute(PAST_50_MS).scalar() == 200_000


def test_a_busy_python_thread_does_not_eat_into_a_reads_time(engine: Engine) -> None:
    # An extraction or an export holding the interpreter lock must not make a 50 ms read run out of a second.
    stop = threading.Event()

    def busy() -> None:
        while not stop.is_set():
            sum(range(1000))

    worker = threading.Thread(target=busy)
    worker.start()
    patient, hasty = make_read_engine(engine, 1_000), make_read_engine(engine, 50)
    try:
        with patient.connect() as db, time_limit(db, 1_000):
            assert db.execute(PAST_50_MS).scalar() == 200_000
        with hasty.connect() as db, pytest.raises(QueryTooLong), time_limit(db, 50):
            db.execute(SLOW).scalar()
    finally:
        stop.set()
        worker.join()
        for reads in {patient, hasty} - {engine}:
            reads.dispose()


def test_a_short_limit_is_kept_while_a_longer_one_is_watched(limited: Engine) -> None:
    # The watchdog sleeps until the earliest deadline: a new, earlier one must wake it.
    class Connection:
        interrupted = False

        def interrupt(self) -> None:
            self.interrupted = True

    other = Connection()
    token = WATCHDOG.watch(other, time.monotonic() + 30)
    try:
        started = time.monotonic()
        with limited.connect() as db, pytest.raises(QueryTooLong), time_limit(db, 50):
            db.execute(SLOW).scalar()
        assert time.monotonic() - started < 2
    finally:
        WATCHDOG.release(token)
    assert not other.interrupted
