"""Writing many articles per transaction: bulk ingest commits once per batch, not once per article.

A batch is stored whole or not at all, so a crash never leaves half an article behind; `writer.save_article`
does the work for each article, unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from app.extract.records import Extraction
from app.extract.version import UNKNOWN
from app.inputs.articles import ArticleInput
from app.store.models import Article
from app.store.writer import save_article, store


def stored_ids(session: Session, hashes: Iterable[str]) -> dict[str, int]:
    """The ids of the articles already stored under these content hashes, in one query."""
    wanted = list(set(hashes))
    if not wanted:
        return {}
    rows = session.execute(select(Article.content_hash, Article.id).where(Article.content_hash.in_(wanted)))
    return {digest: article_id for digest, article_id in rows}


def store_batch(
    session: Session, pairs: Sequence[tuple[ArticleInput, Extraction]], version: str = UNKNOWN
) -> list[tuple[int, bool]]:
    """Save and commit `pairs` in one transaction: (article id, created) for each, in order.

    When another process stored one of these texts or entities meanwhile (a unique-key conflict), the
    batch is rolled back and stored one article at a time, each of which then finds the rows that won.
    """
    try:
        saved = [save_article(session, article, extraction, version) for article, extraction in pairs]
        ids = [(row.id, created) for row, created in saved]
        session.commit()
    except IntegrityError:
        session.rollback()
        ids = [_store_one(session, article, extraction, version) for article, extraction in pairs]
    except BaseException:
        session.rollback()
        raise
    session.expunge_all()
    return ids


def _store_one(
    session: Session, article: ArticleInput, extraction: Extraction, version: str, attempts: int = 3
) -> tuple[int, bool]:
    """One article in its own transaction, tried again when a concurrent run inserted one of its entities."""
    for _ in range(attempts - 1):
        try:
            row, created = store(session, article, extraction, version)
            return row.id, created
        except IntegrityError:
            continue
    row, created = store(session, article, extraction, version)
    return row.id, created
