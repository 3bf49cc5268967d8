"""A bulk ingest killed with SIGKILL leaves only whole articles; running it again stores the rest, once."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
from sqlalchemy import func, select
from sqlmodel import Session

from app.cli import main
from app.ingest import within_body
from app.inputs.articles import article_from_record
from app.store import models
from tests.conftest import ROOT

NAMES = ["Ana Costa", "Tom Baker", "Maria Lopez", "Rui Almeida", "Jane Roe"]
PLACES = ["Lisbon", "Porto", "Madrid", "Leeds", "Cork"]
ARTICLES = 120


def article_text(n: int) -> str:
    name, place = NAMES[n % 5], PLACES[n // 5 % 5]
    return (
        f"{name} said the bridge in {place} would reopen in {n + 2} weeks. "
        f"“It is good news for commuters,” {name} told reporters on day {n}."
    )


def rows_per_article(session: Session) -> dict[str, tuple[int, int, int]]:
    def counted(model) -> dict[int, int]:
        query = select(model.article_id, func.count()).group_by(model.article_id)
        return dict(session.execute(query).all())

    mentions, quotes, claims = counted(models.Mention), counted(models.Quote), counted(models.Claim)
    return {
        text: (mentions.get(i, 0), quotes.get(i, 0), claims.get(i, 0))
        for i, text in session.execute(select(models.Article.id, models.Article.text)).all()
    }


def expected_rows(extractor, text: str) -> tuple[int, int, int]:
    article = article_from_record({"text": text}, "x")
    extraction = within_body(extractor.extract(text), text, article.body)
    return (sum(len(e.mentions) for e in extraction.entities), len(extraction.quotes), len(extraction.claims))


def children(pid: int) -> list[int]:
    """The processes `pid` started (its extraction worker among them), from /proc."""
    tasks = Path(f"/proc/{pid}/task").iterdir()
    return [int(c) for task in tasks for c in (task / "children").read_text().split()]


def ends(pid: int, seconds: float = 30) -> bool:
    """Whether `pid` is gone (or a zombie no one reaps) within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if Path(f"/proc/{pid}/stat").read_text().split(") ")[1].startswith("Z"):
                return True
        except FileNotFoundError:
            return True
        time.sleep(0.2)
    return False


def test_sigkill_mid_ingest_leaves_whole_articles_and_a_rerun_stores_the_rest_once(
    database_url: str, engine, extractor, tmp_path: Path
) -> None:
    source = tmp_path / "bulk.jsonl"
    source.write_bytes(b"".join(orjson.dumps({"text": article_text(n)}) + b"\n" for n in range(ARTICLES)))
    command = [sys.executable, "-m", "app.cli", "ingest", str(source), "--database-url", database_url]
    process = subprocess.Popen(
        [*command, "--batch-size", "3"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    stored = 0
    while process.poll() is None and stored < 6:
        time.sleep(0.05)
        with Session(engine) as session:
            stored = session.scalar(select(func.count()).select_from(models.Article))
    workers = children(process.pid)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, process.stderr.read().decode()
    assert workers and all(ends(pid) for pid in workers)

    with Session(engine) as session:
        after_kill = rows_per_article(session)
    assert 0 < len(after_kill) < ARTICLES
    assert all(rows == expected_rows(extractor, text) for text, rows in after_kill.items())

    assert main(["ingest", str(source), "--database-url", database_url]) == 0
    with Session(engine) as session:
        after_rerun = rows_per_article(session)
    assert sorted(after_rerun) == sorted(article_text(n) for n in range(ARTICLES))
    assert {text: after_rerun[text] for text in after_kill} == after_kill
