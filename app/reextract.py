"""Re-extraction: stored texts through today's extractor, their rows replaced in place, batch by batch.

It takes ingest's road (`ingest.run_batches`): the same extraction engines (this process, worker processes or
Ray) and the same writer thread; only the batches differ: stored articles in, replaced rows out. Each batch is
one transaction, so a run killed midway leaves every article on one version or the other, whole; running it
again picks up the articles still on another version.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.extract.pipeline import Extractor
from app.extract.records import Extraction
from app.ingest import Batch, BatchExtract, Outcome, counts, in_order, run_batches, within_body
from app.inputs.articles import ArticleInput
from app.store.reextraction import correct_article, reextract_batch, stored_inputs


def _prepare(session: Session, article_ids: list[int]) -> Batch:
    """The batch's stored texts, read in one query; an article deleted meanwhile is an outcome, not a job."""
    stored = stored_inputs(session, article_ids)
    session.rollback()
    early = [
        (position, Outcome(f"article {article_id}", "missing", article_id=article_id))
        for position, article_id in enumerate(article_ids)
        if article_id not in stored
    ]
    fresh = [
        (position, (article_id, stored[article_id]))
        for position, article_id in enumerate(article_ids)
        if article_id in stored
    ]
    jobs = [(article.text, article.published) for _, (_, article) in fresh]
    return Batch(early, fresh, len(article_ids), jobs)


def _writer_for(version: str):
    def write(session: Session, batch: Batch, extractions: list[Extraction]) -> list[Outcome]:
        """Replace the batch's rows in one transaction; the outcomes in input order."""
        items = [
            (article_id, within_body(extraction, article.text, article.body))
            for (_, (article_id, article)), extraction in zip(batch.fresh, extractions, strict=True)
        ]
        reextract_batch(session, items, version)
        session.expunge_all()
        done = [
            (
                position,
                Outcome(article.origin, "reextracted", article_id=article_id, counts=counts(extraction)),
            )
            for (position, (article_id, article)), (_, extraction) in zip(batch.fresh, items, strict=True)
        ]
        return in_order(batch, done)

    return write


def reextract_stream(
    article_ids: Iterable[int], extract: BatchExtract, engine: Engine, version: str, batch_size: int = 64
) -> Iterator[Outcome]:
    """Re-extract the stored articles `article_ids` with `extract` (the extractor `version`), one outcome each
    as its batch is committed."""
    return run_batches(article_ids, extract, engine, batch_size, _prepare, _writer_for(version))


def correct(engine: Engine, extractor: Extractor, article_id: int, article: ArticleInput) -> bool:
    """Replace a stored article with `article` (a publisher's correction) and its new extraction, in one
    transaction; False when there is no such article. Raises `TextTaken` when another article has the text."""
    extraction = within_body(extractor.extract(article.text, article.published), article.text, article.body)
    with Session(engine, expire_on_commit=False) as session:
        return correct_article(session, article_id, article, extraction, extractor.version)
