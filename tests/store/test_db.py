"""The API's read engine: on PostgreSQL its connections hold the read limit from the start, beside any
startup options the URL names; the engine writes go through keeps none."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from app.store.db import make_engine, make_read_engine


def test_read_connections_start_with_the_limit_and_the_urls_options(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's statement_timeout")
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


def test_sqlite_reads_share_the_engine(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite's watchdog")
    assert make_read_engine(engine, 50) is engine


def test_no_limit_needs_no_engine_of_its_own(engine: Engine) -> None:
    assert make_read_engine(engine, 0) is engine
