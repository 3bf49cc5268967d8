"""Engines and sessions for SQLite (the default) and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DBAPIError
from sqlmodel import create_engine

T = TypeVar("T")


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """Foreign keys on (SQLite leaves them off), WAL so readers never wait on a writer."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    # Reads through a memory map: pages come from the OS cache every connection shares, without a copy.
    cursor.execute("PRAGMA mmap_size=268435456")
    cursor.close()


# Room for as many connections as requests may hold at once (open exports keep theirs between chunks, and
# REQUEST_THREADS may be raised), so a burst reuses open connections instead of opening (and running the
# PRAGMAs on) overflow connections that are closed again after one request each. Last in, first out: the few
# connections a steady load needs keep their page caches warm, instead of every request taking the coldest.
SQLITE_FILE_POOL = {"pool_size": 40, "max_overflow": 20, "pool_use_lifo": True}


# Rows are read by column name, never by Column object, so results need not map the cached statement's columns
# to each new statement's: skipping that (as the ORM does for itself) saves about 100 µs per query, where
# comparing SQLModel's annotated columns builds an expression per column.
FAST_RESULTS = {"_result_disable_adapt_to_context": True}


# Writes, jobs and exports: a connection checked before each use, so one left broken by a server restart is
# replaced without an error.
PG_POOL = {"pool_pre_ping": True, "pool_size": 10, "max_overflow": 20}

# Reads: each statement commits on its own, as SQLite's reads already do (Python's sqlite3 opens a transaction
# only for a write), so a read is one round trip, where a transaction added BEGIN and ROLLBACK, and the
# pre-ping a fourth: 1.7x an article's requests/s at 32 connections. A connection broken by a restart fails
# its first read instead, and `reconnecting` tries that read once more on a fresh one.
PG_READ_POOL = {**PG_POOL, "isolation_level": "AUTOCOMMIT", "pool_pre_ping": False}

# No parallel workers for a read: under concurrent requests they compete for the cores the other requests'
# backends need, and starting them costs milliseconds (filtered search at 32 connections: 12 to 41 req/s on
# two cores). And a random page read priced as the usual advice for data on SSD or in memory has it (1.1, not
# the spinning disk's 4): at 4 the planner walked the primary key past 1,195 other quotes rather than read a
# speaker's page of 51 from (speaker_entity_id, id). Read connections only: the other engine's (writes,
# migrations, ingest) send no startup options, so they keep the server's, the database's and PGOPTIONS'
# settings, and pass through poolers that refuse options. The URL's own `options` come after, so a deployment
# may set either back.
READ_OPTIONS = "-c max_parallel_workers_per_gather=0 -c random_page_cost=1.1"


def make_engine(
    url: str, connect_args: dict[str, str] | None = None, pool: dict[str, Any] | None = None
) -> Engine:
    """An engine for `url`; a SQLite file's folder is created if missing. `connect_args` go to psycopg,
    `pool` (default `PG_POOL`) to the PostgreSQL engine."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        file_pool = {} if parsed.database in (None, "", ":memory:") else SQLITE_FILE_POOL
        engine = create_engine(
            url, connect_args={"check_same_thread": False}, execution_options=FAST_RESULTS, **file_pool
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(
        url, execution_options=FAST_RESULTS, connect_args=connect_args or {}, **(pool or PG_POOL)
    )


def make_read_engine(engine: Engine, limit_ms: int) -> Engine:
    """The engine the API reads through, with `limit_ms` on every statement (0: no limit).

    PostgreSQL: an engine of its own (`PG_READ_POOL`) whose connections start with `statement_timeout` in
    their startup options, so a read costs no extra round trip, and `engine` (writes, jobs, exports) keeps no
    limit: no write can be cut by a read's limit, whatever path it takes. SQLite: `engine` itself, whose reads
    `timelimit.WATCHDOG` watches."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        return engine
    timeout = f"-c statement_timeout={int(limit_ms)}" if limit_ms else None
    options = " ".join(filter(None, [READ_OPTIONS, url.query.get("options"), timeout]))
    return make_engine(url.render_as_string(hide_password=False), {"options": options}, PG_READ_POOL)


def reconnecting(engine: Engine, read: Callable[[Connection], T]) -> T:
    """`read(connection)`, tried once more on a fresh connection when the first was found broken (the
    database restarted since it was pooled): the read engine does not ping before each use. SQLAlchemy drops
    every connection pooled before the break, so the second try opens a new one."""
    try:
        with engine.connect() as db:
            return read(db)
    except DBAPIError as exc:
        if not exc.connection_invalidated:
            raise
    with engine.connect() as db:
        return read(db)
