"""Each entity's article and quote counts (`entity_counts`), kept by every write.

A write says what it added or took away (`add`); the session sums it and applies the sum just before its
commit, in one pass in entity id order. Two writes on PostgreSQL thus lock the count rows they share in the
same order, and cannot deadlock on them, whatever articles they hold; a rollback forgets the sum.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from sqlmodel import SQLModel

# (entity id, "articles" | "quotes") -> how many
Counts = Counter[tuple[int, str]]

PENDING = "entity_counts"

# What each counted table adds to whose count.
COUNTED = (("article_entities", "entity_id", "articles"), ("quotes", "speaker_entity_id", "quotes"))

# An entity removed in the same transaction (no article mentions it any more) keeps no row.
UPSERT = text(
    """
    INSERT INTO entity_counts (entity_id, articles, quotes)
    SELECT CAST(:entity_id AS INTEGER), CAST(:articles AS INTEGER), CAST(:quotes AS INTEGER)
    WHERE EXISTS (SELECT 1 FROM entities WHERE entities.id = CAST(:entity_id AS INTEGER))
    ON CONFLICT (entity_id) DO UPDATE SET
        articles = entity_counts.articles + excluded.articles,
        quotes = entity_counts.quotes + excluded.quotes
    """
)


# Every entity's counts from the stored rows, as migration 0010 first filled them.
RECOUNT = text(
    """
    INSERT INTO entity_counts (entity_id, articles, quotes)
    SELECT entities.id,
           (SELECT count(*) FROM article_entities WHERE article_entities.entity_id = entities.id),
           (SELECT count(*) FROM quotes WHERE quotes.speaker_entity_id = entities.id)
    FROM entities
    """
)
KEPT = text("SELECT entity_id, articles, quotes FROM entity_counts WHERE articles != 0 OR quotes != 0")


def recount(db: Connection) -> int:
    """Count every entity again from the stored rows, for rows changed outside the app; how many entities'
    counts were wrong. Writers wait meanwhile (PostgreSQL: a lock on the table; SQLite: the write lock)."""
    if db.dialect.name == "postgresql":
        db.execute(text("LOCK TABLE entity_counts IN EXCLUSIVE MODE"))
    before = {row[0]: tuple(row[1:]) for row in db.execute(KEPT)}
    db.execute(text("DELETE FROM entity_counts"))
    db.execute(RECOUNT)
    after = {row[0]: tuple(row[1:]) for row in db.execute(KEPT)}
    return sum(before.get(e) != after.get(e) for e in before.keys() | after.keys())


def of_rows(rows: Mapping[str, Iterable[Mapping[str, Any]]]) -> Counts:
    """The counts that rows about to be inserted add, by table name."""
    counts: Counts = Counter()
    for table, column, count in COUNTED:
        for row in rows.get(table, ()):
            if row.get(column) is not None:
                counts[(row[column], count)] += 1
    return counts


def of_models(rows: Mapping[type[SQLModel], Iterable[Mapping[str, Any]]]) -> Counts:
    """The counts that rows about to be inserted add, by model."""
    return of_rows({model.__tablename__: model_rows for model, model_rows in rows.items()})


def of_ids(linked: Iterable[int], speaking: Iterable[int | None]) -> Counts:
    """The counts of links to the `linked` entity ids and of quotes by the `speaking` ones (None: no one)."""
    return of_rows(
        {
            "article_entities": [{"entity_id": e} for e in linked],
            "quotes": [{"speaker_entity_id": e} for e in speaking],
        }
    )


def add(session: Session, counts: Counts, sign: int = 1) -> None:
    """Count `counts` (taken away with `sign=-1`) when the session commits."""
    pending: Counts = session.info.setdefault(PENDING, Counter())
    for key, n in counts.items():
        pending[key] += sign * n


def apply(db: Connection, counts: Counts) -> None:
    """Add `counts` to the stored ones now, in entity id order."""
    by_entity: dict[int, dict[str, int]] = {}
    for (entity_id, count), n in counts.items():
        if n:
            by_entity.setdefault(entity_id, {"articles": 0, "quotes": 0})[count] += n
    rows = [{"entity_id": entity_id, **by_entity[entity_id]} for entity_id in sorted(by_entity)]
    if rows:
        db.execute(UPSERT, rows)


@event.listens_for(Session, "before_commit")
def _apply_pending(session: Session) -> None:
    if session.info.get(PENDING):
        session.flush()  # rows the counts name (a new entity) are in the database before the counts
        apply(session.connection(), session.info.pop(PENDING))


@event.listens_for(Session, "after_rollback")
def _forget_pending(session: Session) -> None:
    session.info.pop(PENDING, None)
