"""Ingest: input → extraction → storage, streamed in batches so the model parses many articles per call.

An article whose text is already stored is recognised by its hash before it is parsed, so re-running an
ingest costs little and stores nothing twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.extract.pipeline import Extractor
from app.inputs.articles import ArticleInput, InputError
from app.inputs.files import read_paths
from app.store.models import Article
from app.store.writer import find_article, store


@dataclass(slots=True)
class Outcome:
    """What happened to one input: stored, already there, or failed (with the error)."""

    origin: str
    status: str
    article: Article | None = None
    error: str | None = None
    counts: dict[str, int] = field(default_factory=dict)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def ingest_articles(
    items: Iterable[ArticleInput | InputError],
    extractor: Extractor,
    engine: Engine,
    batch_size: int = 16,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Extract and store every article of `items`; errors and duplicates are outcomes, never exceptions."""
    outcomes: list[Outcome] = []

    def record(outcome: Outcome) -> None:
        outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)

    with Session(engine, expire_on_commit=False) as session:
        for batch in _batches(items, batch_size):
            fresh: list[ArticleInput] = []
            for item in batch:
                if isinstance(item, InputError):
                    record(Outcome(item.origin, "failed", error=item.message))
                elif (existing := find_article(session, item.text)) is not None:
                    record(Outcome(item.origin, "exists", article=existing))
                else:
                    fresh.append(item)
            extractions = extractor.extract_many((a.text, a.published) for a in fresh)
            for article, extraction in zip(fresh, extractions, strict=True):
                row, created = store(session, article, extraction)
                counts = {
                    "quotes": len(extraction.quotes),
                    "entities": len(extraction.entities),
                    "claims": len(extraction.claims),
                }
                record(Outcome(article.origin, "stored" if created else "exists", article=row, counts=counts))
    return outcomes


def ingest_paths(paths: Iterable[str], extractor: Extractor, engine: Engine, **options) -> list[Outcome]:
    return ingest_articles(read_paths(paths), extractor, engine, **options)
