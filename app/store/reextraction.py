"""Replacing stored articles' extractions in place: re-extraction after an upgrade, and corrections.

An article's old rows go in the same transaction as its new ones arrive, so a reader (or a crash) sees one
extraction or the other, never a mix and never none. Identities hold: an entity still named keeps its id (the
writer's resolver finds it, preferring the entities the article named before), and a quote or claim over the
same span keeps its id. Entities no article mentions any more are deleted and remembered in
`removed_entities`, so their links answer 410 Gone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import case, delete, exists, func, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel

from app.extract.records import Extraction
from app.inputs.articles import ArticleInput, article_from_record
from app.store import counts
from app.store.models import Article, ArticleEntity, Claim, Entity, Mention, Quote, RemovedEntity
from app.store.writer import (
    article_row,
    extraction_rows,
    find_article,
    insert_rows,
    resolve_entities,
    update_genders,
)

SPANNED: tuple[type[SQLModel], ...] = (Quote, Claim)


class TextTaken(ValueError):
    """A correction's new text is already stored as another article."""

    def __init__(self, article_id: int) -> None:
        super().__init__(f"this text is already stored as article {article_id}")
        self.article_id = article_id


def _previous_entities(session: Session, article_ids: Sequence[int]) -> dict[int, list[int]]:
    rows = session.execute(
        select(ArticleEntity.article_id, ArticleEntity.entity_id).where(
            ArticleEntity.article_id.in_(article_ids)
        )
    )
    found: dict[int, list[int]] = {i: [] for i in article_ids}
    for article_id, entity_id in rows:
        found[article_id].append(entity_id)
    return found


def _span_ids(session: Session, model: Any, article_ids: Sequence[int]) -> dict[tuple[int, int, int], int]:
    """(article, start, end) → id of the stored quotes or claims, the first of any two on one span."""
    rows = session.execute(
        select(model.article_id, model.start, model.end, model.id)
        .where(model.article_id.in_(article_ids))
        .order_by(model.id)
    )
    found: dict[tuple[int, int, int], int] = {}
    for article_id, start, end, row_id in rows:
        found.setdefault((article_id, start, end), row_id)
    return found


def _keep_ids(
    rows: list[dict[str, Any]], old: dict[tuple[int, int, int], int]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """`rows` split into those given back the id of the old row on their span, and new ones."""
    kept, fresh = [], []
    for row in rows:
        row_id = old.pop((row["article_id"], row["start"], row["end"]), None)
        if row_id is None:
            fresh.append(row)
        else:
            kept.append({"id": row_id, **row})
    return kept, fresh


def _replace_spanned(
    session: Session, model: Any, article_ids: Sequence[int], rows: list[dict[str, Any]]
) -> None:
    """Quotes or claims replaced, the old ids given back to the rows on the same spans. The new ones go in
    first, while the old rows stand: SQLite gives a new row the largest id plus one, so inserted after the
    delete, a new quote could take the id of the old one just deleted."""
    old = _span_ids(session, model, article_ids)
    highest = session.scalar(select(func.max(model.id)).where(model.article_id.in_(article_ids)))
    kept, fresh = _keep_ids(rows, old)
    insert_rows(session, model, fresh)
    if highest is not None:
        session.execute(delete(model).where(model.article_id.in_(article_ids), model.id <= highest))
    insert_rows(session, model, kept)


def replace_extractions(session: Session, items: Sequence[tuple[int, Extraction]], version: str) -> list[int]:
    """Swap the stored rows of each (article id, extraction) for the extraction's; the ids of the entities
    this left unmentioned, now removed. The caller owns the transaction."""
    article_ids = [article_id for article_id, _ in items]
    if not article_ids:
        return []
    # A write first: it locks the articles' rows (PostgreSQL) or the database (SQLite) before anything is
    # read, so the rows read and counted below are the ones this transaction replaces, not those of a write
    # that commits meanwhile; and it takes each article before its rows, as corrections and deletions do.
    stamp = update(Article).where(Article.id.in_(sorted(article_ids))).values(extractor_version=version)
    session.execute(stamp)
    previous = _previous_entities(session, article_ids)
    linked = [entity_id for ids in previous.values() for entity_id in ids]
    spoken = session.scalars(select(Quote.speaker_entity_id).where(Quote.article_id.in_(article_ids)))
    counts.add(session, counts.of_ids(linked, spoken), sign=-1)
    new_rows: dict[type[SQLModel], list[dict[str, Any]]] = {}
    resolved: list[tuple[Extraction, list[int]]] = []
    for article_id, extraction in items:
        entity_ids = resolve_entities(session, extraction, article_id, previous[article_id])
        resolved.append((extraction, entity_ids))
        for model, rows in extraction_rows(article_id, extraction, entity_ids).items():
            new_rows.setdefault(model, []).extend(rows)
    for model in (Mention, ArticleEntity):
        session.execute(delete(model).where(model.article_id.in_(article_ids)))
        insert_rows(session, model, new_rows.get(model, []))
    for extraction, entity_ids in resolved:
        update_genders(session, extraction, entity_ids)
    for model in SPANNED:
        _replace_spanned(session, model, article_ids, new_rows.get(model, []))
    counts.add(session, counts.of_models(new_rows))
    return remove_unmentioned(session, set(linked))


def remove_unmentioned(session: Session, candidates: Iterable[int]) -> list[int]:
    """Delete those of `candidates` no article mentions any more, leaving a tombstone for each."""
    wanted = list(candidates)
    if not wanted:
        return []
    mentioned = exists().where(ArticleEntity.entity_id == Entity.id)
    gone = session.execute(
        select(Entity.id, Entity.name, Entity.type).where(Entity.id.in_(wanted), ~mentioned)
    ).all()
    if not gone:
        return []
    ids = [row.id for row in gone]
    now = datetime.now(UTC)
    session.execute(delete(RemovedEntity).where(RemovedEntity.id.in_(ids)))
    insert_rows(
        session,
        RemovedEntity,
        [{"id": row.id, "name": row.name, "type": row.type, "removed_at": now} for row in gone],
    )
    session.execute(delete(Entity).where(Entity.id.in_(ids)))
    return ids


def reextract_batch(session: Session, items: Sequence[tuple[int, Extraction]], version: str) -> None:
    """Replace and commit a batch in one transaction; tried once more when a concurrent writer inserted one of
    its new entities first (the second try finds that row)."""
    for attempt in (1, 2):
        try:
            replace_extractions(session, items, version)
            session.commit()
            return
        except IntegrityError:
            session.rollback()
            if attempt == 2:
                raise
        except BaseException:
            session.rollback()
            raise


def correct_article(
    session: Session, article_id: int, article: ArticleInput, extraction: Extraction, version: str
) -> bool:
    """Replace a stored article's text, metadata and extraction in one transaction; False if there is no
    such article. Its old text's hash goes with it, so that text can be sent again as a new article."""
    if session.get(Article, article_id) is None:
        return False
    holder = find_article(session, article.text)
    if holder is not None and holder.id != article_id:
        session.rollback()
        raise TextTaken(holder.id)
    try:
        values = article_row(article, version)
        values.pop("ingested_at")
        session.execute(update(Article).where(Article.id == article_id).values(**values))
        replace_extractions(session, [(article_id, extraction)], version)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.expunge_all()
    return True


def articles_to_reextract(
    session: Session,
    version: str,
    everything: bool = False,
    source: str | None = None,
    since: date | None = None,
) -> list[int]:
    """The ids, in order, of the stored articles a re-extraction to `version` covers: those on another
    version (or all of them), from `source` (case-insensitive), stored on or after `since`."""
    query = select(Article.id).order_by(Article.id)
    if not everything:
        query = query.where(Article.extractor_version != version)
    if source is not None:
        query = query.where(func.lower(Article.source) == source.casefold())
    if since is not None:
        query = query.where(Article.ingested_at >= datetime.combine(since, time(), UTC))
    return list(session.scalars(query))


STORED_INPUT = select(
    Article.id,
    Article.text,
    Article.title,
    Article.source,
    Article.author,
    Article.url,
    Article.published,
    Article.dateline,
)


def stored_inputs(session: Session, article_ids: Sequence[int]) -> dict[int, ArticleInput]:
    """The stored articles as inputs again (their body found as ingest found it), by id; ids no longer
    stored are left out."""
    found = {}
    for row in session.execute(STORED_INPUT.where(Article.id.in_(article_ids))).mappings():
        record = {k: v for k, v in row.items() if k not in ("id", "published") and v is not None}
        if row["published"] is not None:
            record["published"] = row["published"].isoformat()
        found[row["id"]] = article_from_record(record, f"article {row['id']}")
    return found


def version_counts(db: Connection | Session, version: str) -> dict[str, int]:
    """How many stored articles are on `version`, and how many on another."""
    current = func.sum(case((Article.extractor_version == version, 1), else_=0))
    total, on_version = db.execute(select(func.count(), current).select_from(Article)).one()
    return {"current": on_version or 0, "other": total - (on_version or 0)}
