"""`articles reextract`: stored texts through today's extractor, rows replaced in place, ids kept."""

import pytest
from sqlalchemy import select, update
from sqlmodel import Session

from app.cli import main
from app.ingest import ingest_articles
from app.inputs.articles import article_from_record
from app.store import models
from tests.test_ingest_crash import rows_per_article

TEXTS = [
    "Mayor Jane Smith said the bridge would reopen in May. “It is safe,” Smith said.",
    "Councillor Tom Ash said the repairs cost $4 million. Ash added that traffic would return.",
    "The minister, Ana Costa, said wages would rise. “We will act,” Costa told reporters.",
]


@pytest.fixture
def stored(engine, extractor) -> list[int]:
    """Three articles stored by this extractor, the first two then marked as another version's."""
    articles = [
        article_from_record({"text": t, "source": s}, f"t{n}")
        for n, (t, s) in enumerate(zip(TEXTS, ["Wire", "Post", "Wire"], strict=True))
    ]
    ids = [o.article_id for o in ingest_articles(articles, extractor, engine)]
    with Session(engine) as session:
        session.execute(
            update(models.Article).where(models.Article.id.in_(ids[:2])).values(extractor_version="unknown")
        )
        session.commit()
    return ids


def versions(engine) -> dict[int, str]:
    with Session(engine) as session:
        return dict(session.execute(select(models.Article.id, models.Article.extractor_version)).all())


def rows(engine) -> dict[str, tuple[int, int, int]]:
    """Rows per article, read in a session that is closed after (on PostgreSQL an open one holds locks)."""
    with Session(engine) as session:
        return rows_per_article(session)


def quote_ids(engine) -> list[int]:
    with Session(engine) as session:
        return list(session.scalars(select(models.Quote.id).order_by(models.Quote.id)))


def test_by_default_only_articles_on_another_version_are_reextracted(
    database_url: str, engine, extractor, stored, capsys
) -> None:
    rows_before, quotes_before = rows(engine), quote_ids(engine)
    assert main(["reextract", "--workers", "0", "--database-url", database_url]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"re-extracting 2 articles with {extractor.version}"
    assert out[-1] == "2 re-extracted, 0 deleted meanwhile"
    assert set(versions(engine).values()) == {extractor.version}
    assert rows(engine) == rows_before
    assert quote_ids(engine) == quotes_before  # the same spans: the same ids

    assert main(["reextract", "--workers", "0", "--database-url", database_url]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "0 re-extracted, 0 deleted meanwhile"


def test_all_and_source_choose_the_articles(database_url: str, engine, extractor, stored, capsys) -> None:
    command = ["reextract", "--workers", "0", "--database-url", database_url]
    assert main([*command, "--source", "wire"]) == 0
    assert versions(engine) == {
        stored[0]: extractor.version,
        stored[1]: "unknown",
        stored[2]: extractor.version,
    }
    assert main([*command, "--all", "--since", "2000-01-01"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "3 re-extracted, 0 deleted meanwhile"


def test_reextract_runs_in_worker_processes(database_url: str, engine, extractor, stored) -> None:
    assert main(["reextract", "--workers", "1", "--batch-size", "1", "--database-url", database_url]) == 0
    assert set(versions(engine).values()) == {extractor.version}


def test_reextract_runs_on_ray(database_url: str, engine, extractor, stored) -> None:
    pytest.importorskip("ray")
    command = ["reextract", "--engine", "ray", "--workers", "1", "--database-url", database_url]
    assert main(command) == 0
    assert set(versions(engine).values()) == {extractor.version}


def test_a_bad_date_is_refused(database_url: str, capsys) -> None:
    with pytest.raises(SystemExit):
        main(["reextract", "--since", "May", "--database-url", database_url])
    assert "expected a date as YYYY-MM-DD" in capsys.readouterr().err
