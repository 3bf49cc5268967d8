"""Reading a SQLite database while a bulk ingest writes to it never meets "database is locked" (WAL)."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from sqlalchemy.engine import make_url

from tests.conftest import ROOT

ARTICLES = 60


def test_reads_during_a_bulk_ingest_never_wait_or_fail(database_url: str, tmp_path: Path) -> None:
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        pytest.skip("SQLite's locking only")
    source = tmp_path / "bulk.jsonl"
    lines = (
        orjson.dumps({"text": f"The council said berth {n} in the harbour would reopen on day {n}."})
        for n in range(ARTICLES)
    )
    source.write_bytes(b"\n".join(lines))
    command = [sys.executable, "-m", "app.cli", "ingest", str(source), "--database-url", database_url]
    writer = subprocess.Popen([*command, "--batch-size", "2"], cwd=ROOT, stdout=subprocess.DEVNULL)
    # No busy timeout: a reader that had to wait for the writer would fail at once.
    reader = sqlite3.connect(url.database, timeout=0)
    seen = []
    try:
        while writer.poll() is None:
            seen.append(reader.execute("SELECT count(*) FROM articles").fetchone()[0])
            reader.execute(
                "SELECT a.id, count(m.id) FROM articles a LEFT JOIN mentions m ON m.article_id = a.id "
                "GROUP BY a.id"
            ).fetchall()
    finally:
        writer.wait()
        reader.close()
    assert writer.returncode == 0
    assert len(set(seen)) > 2, "the reads should have watched the articles arrive"
    assert seen == sorted(seen)
