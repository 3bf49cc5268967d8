"""A re-extraction killed with SIGKILL leaves every article whole on one version or the other; running it
again brings every article to the new version once, with no orphan rows."""

import os
import signal
import subprocess
import sys
import time

from sqlalchemy import func, select
from sqlmodel import Session

from app.cli import main
from app.extract.records import Entity, Extraction, Mention, Quote
from app.ingest import within_body
from app.inputs.articles import article_from_record
from app.store import models
from app.store.writer import store
from tests.conftest import ROOT
from tests.test_ingest_crash import ARTICLES, article_text, children, ends, rows_per_article

OLD = "an older extractor"


def old_reading(text: str) -> Extraction:
    """What the older extractor made of an article: one quote on its first word and a misread entity."""
    first = text.split()[0]
    return Extraction(
        quotes=[Quote(first, 0, len(first), "direct")],
        entities=[Entity(f"Old {first}", "PERSON", [f"Old {first}"], [Mention(first, 0, len(first))])],
    )


def versions(session: Session) -> dict[str, str]:
    return dict(session.execute(select(models.Article.text, models.Article.extractor_version)).all())


def unmentioned_entities(session: Session) -> int:
    mentioned = select(models.ArticleEntity.entity_id)
    return session.scalar(select(func.count()).where(models.Entity.id.not_in(mentioned)))


def test_sigkill_mid_reextract_leaves_whole_articles_and_a_rerun_finishes_once(
    database_url: str, engine, extractor
) -> None:
    texts = [article_text(n) for n in range(ARTICLES)]
    with Session(engine) as session:
        for text in texts:
            store(session, article_from_record({"text": text}, "x"), old_reading(text), OLD)
    old_rows = (1, 1, 0)
    inputs = [article_from_record({"text": t}, "x") for t in texts]
    readings = extractor.extract_many((t, None) for t in texts)
    new_rows = {}
    for article, whole in zip(inputs, readings, strict=True):
        reading = within_body(whole, article.text, article.body)
        new_rows[article.text] = (
            sum(len(e.mentions) for e in reading.entities),
            len(reading.quotes),
            len(reading.claims),
        )
    assert all(rows != old_rows for rows in new_rows.values())

    command = [
        sys.executable,
        "-m",
        "app.cli",
        "reextract",
        "--database-url",
        database_url,
        "--batch-size",
        "3",
    ]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done = 0
    while process.poll() is None and done < 6:
        time.sleep(0.05)
        with Session(engine) as session:
            done = session.scalar(
                select(func.count()).where(models.Article.extractor_version == extractor.version)
            )
    workers = children(process.pid)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, process.stderr.read().decode()
    assert workers and all(ends(pid) for pid in workers)

    with Session(engine) as session:
        after_kill, on = rows_per_article(session), versions(session)
    assert 0 < sum(v == extractor.version for v in on.values()) < ARTICLES
    for text, rows in after_kill.items():
        assert rows == (new_rows[text] if on[text] == extractor.version else old_rows), (on[text], text)

    assert main(["reextract", "--database-url", database_url]) == 0
    with Session(engine) as session:
        assert versions(session) == {text: extractor.version for text in texts}
        assert rows_per_article(session) == new_rows
        assert unmentioned_entities(session) == 0
        assert session.scalar(select(func.count()).where(models.Entity.name.startswith("Old "))) == 0
        assert session.scalar(select(func.count()).select_from(models.RemovedEntity)) == 5
