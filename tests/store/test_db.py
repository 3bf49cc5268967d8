"""The API's read engine: on PostgreSQL its connections hold the read limit from the start, beside any
startup options the URL names, and each read is one statement outside a transaction; a read on a connection
the server dropped is tried once more; the engine writes go through keeps no limit."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from psycopg.pq import TransactionStatus
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from app.store.db import make_engine, make_read_engine, reconnecting


@pytest.fixture
def reads(engine: Engine) -> Iterator[Engine]:
    reads = make_read_engine(engine, 1000)
    yield reads
    if reads is not engine:
        reads.dispose()


def _postgres_only(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's read engine")


def test_read_connections_start_with_the_limit_and_the_urls_options(engine: Engine) -> None:
    _postgres_only(engine)
    url = engine.url.update_query_dict({"options": "-c application_name=reader"})
    base = make_engine(url.render_as_string(hide_password=False))
    reads = make_read_engine(base, 321)
    try:
        with reads.connect() as db:
            assert db.execute(text("SHOW statement_timeout")).scalar() == "321ms"
            assert db.execute(text("SHOW application_name")).scalar() == "reader"
        with base.connect() as db:
            assert db.execute(text("SHOW statement_timeout")).scalar() == "0"
    finally:
        reads.dispose()
        base.dispose()


def test_a_read_opens_no_transaction(engine: Engine, reads: Engine) -> None:
    # No BEGIN before the statement and no ROLLBACK after it: the server is idle, not in a transaction.
    _postgres_only(engine)
    with reads.connect() as db:
        assert db.execute(text("SELECT 7")).scalar() == 7
        assert db.connection.dbapi_connection.info.transaction_status == TransactionStatus.IDLE
    with engine.connect() as db:
        db.execute(text("SELECT 7"))
        assert db.connection.dbapi_connection.info.transaction_status == TransactionStatus.INTRANS


def test_reads_without_a_limit_also_open_no_transaction(engine: Engine) -> None:
    _postgres_only(engine)
    reads = make_read_engine(engine, 0)
    try:
        with reads.connect() as db:
            assert db.execute(text("SHOW statement_timeout")).scalar() == "0"
            assert db.connection.dbapi_connection.info.transaction_status == TransactionStatus.IDLE
    finally:
        reads.dispose()


def test_a_read_on_a_connection_the_server_dropped_is_tried_again(engine: Engine, reads: Engine) -> None:
    _postgres_only(engine)
    with reads.connect() as db:
        pid = db.execute(text("SELECT pg_backend_pid()")).scalar()
    with engine.connect() as admin:
        assert admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar()
    tries: list[int] = []

    def read(db: Connection) -> int:
        tries.append(1)
        return db.execute(text("SELECT pg_backend_pid()")).scalar()

    assert reconnecting(reads, read) != pid
    assert len(tries) == 2


def test_a_failing_read_is_not_tried_again(reads: Engine) -> None:
    tries: list[int] = []

    def read(db: Connection) -> None:
        tries.append(1)
        db.execute(text("SELECT * FROM no_such_table"))

    with pytest.raises(DBAPIError):
        reconnecting(reads, read)
    assert len(tries) == 1


def test_sqlite_reads_share_the_engine(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite's watchdog")
    assert make_read_engine(engine, 50) is engine
    assert make_read_engine(engine, 0) is engine


@pytest.mark.parametrize(
    ("setting", "ours", "the_urls"),
    [("max_parallel_workers_per_gather", "0", "1"), ("random_page_cost", "1.1", "4")],
)
def test_reads_start_with_our_planner_settings_unless_the_url_says_so(
    engine: Engine, setting: str, ours: str, the_urls: str
) -> None:
    """No parallel workers, random pages priced as on SSD; the URL's `options` win; writes keep the server's
    settings."""
    _postgres_only(engine)
    reads = make_read_engine(engine, 1000)
    url = engine.url.update_query_dict({"options": f"-c {setting}={the_urls}"})
    own = make_engine(url.render_as_string(hide_password=False))
    own_reads = make_read_engine(own, 1000)
    try:
        with reads.connect() as db:
            assert db.execute(text(f"SHOW {setting}")).scalar() == ours
        with own_reads.connect() as db:
            assert db.execute(text(f"SHOW {setting}")).scalar() == the_urls
        with engine.connect() as db:
            assert db.execute(text(f"SHOW {setting}")).scalar() != ours
    finally:
        for e in (reads, own_reads, own):
            e.dispose()
