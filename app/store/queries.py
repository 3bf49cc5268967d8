"""Reads of single objects (lists go through `listing.run_list` with the declarations in `resources`)."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, delete, func, select, text
from sqlalchemy.engine import Connection
from sqlmodel import Session

from app.store import counts
from app.store.listing import Resource
from app.store.models import (
    Article,
    ArticleEntity,
    Claim,
    Entity,
    Mention,
    Quote,
    RemovedEntity,
)
from app.store.reextraction import remove_unmentioned
from app.store.resources import ARTICLE_QUERY, CLAIMS, QUOTES, article_shape

ID = bindparam("id")


@cache
def _by_id(resource: Resource) -> Select:
    return resource.query.where(resource.id_column == ID)


@cache
def _of_article(resource: Resource, order: str) -> Select:
    """Built once per resource: a statement made per request costs more Python than SQLite spends on it."""
    query = resource.query.where(resource.filters["article_id"].column == ID)
    return query.order_by(resource.sorts[order].column, resource.id_column)


ARTICLE_BY_ID = ARTICLE_QUERY.add_columns(Article.text).where(Article.id == ID)
# An article's entities, most salient first, each with its mentions in text order: one row per mention (an
# entity without any, one row with nulls), so one round trip where a statement of mentions made two.
ARTICLE_ENTITIES = (
    select(
        Entity.id,
        Entity.name,
        Entity.type,
        ArticleEntity.mention_count,
        ArticleEntity.salience,
        ArticleEntity.roles,
        ArticleEntity.gender,
        ArticleEntity.gender_evidence,
        Mention.text.label("mention_text"),
        Mention.start.label("mention_start"),
        Mention.end.label("mention_end"),
    )
    .join(ArticleEntity, ArticleEntity.entity_id == Entity.id)
    .outerjoin(Mention, (Mention.article_id == ID) & (Mention.entity_id == Entity.id))
    .where(ArticleEntity.article_id == ID)
    .order_by(ArticleEntity.salience.desc(), Entity.id, Mention.start)
)
ENTITY_LINK_FIELDS = ("id", "name", "type", "mention_count", "salience", "roles", "gender", "gender_evidence")


# An entity's page in one statement (a round trip each was a third of the page on PostgreSQL): its row and
# counts, then one row per alias (part 0, in the order stored) and per distinct list of roles (part 1, in the
# order first given). The lists are found by seeks in the index on (entity_id, roles, article_id): the next
# list after each (a loose index scan), then the first article giving it. Grouping all the links read every
# one, and a frequent entity has tens of thousands, nearly all with a few lists.
ENTITY_PAGE = text(
    """
    WITH RECURSIVE lists(roles) AS (
        SELECT min(CAST(roles AS TEXT)) FROM article_entities WHERE entity_id = :id
        UNION ALL
        SELECT (
            SELECT min(CAST(roles AS TEXT)) FROM article_entities
            WHERE entity_id = :id AND CAST(roles AS TEXT) > lists.roles
        )
        FROM lists WHERE lists.roles IS NOT NULL
    ),
    parts(part, seq, value) AS (
        SELECT 0, id, alias FROM entity_aliases WHERE entity_id = :id
        UNION ALL
        SELECT 1, (
            SELECT min(article_id) FROM article_entities
            WHERE entity_id = :id AND CAST(roles AS TEXT) = lists.roles
        ), roles
        FROM lists WHERE roles IS NOT NULL
    )
    SELECT entities.id, entities.name, entities.type, entities.gender, entities.gender_evidence,
        coalesce(entity_counts.articles, 0) AS article_count,
        coalesce(entity_counts.quotes, 0) AS quote_count,
        parts.part, parts.value
    FROM entities
    LEFT JOIN entity_counts ON entity_counts.entity_id = entities.id
    LEFT JOIN parts ON 1 = 1
    WHERE entities.id = :id
    ORDER BY parts.part, parts.seq
    """
)
ENTITY_FIELDS = ("id", "name", "type", "gender", "gender_evidence")
ENTITY_EXISTS = select(Entity.id).where(Entity.id == ID)


def entity_exists(db: Connection, entity_id: int) -> bool:
    return db.execute(ENTITY_EXISTS, {"id": entity_id}).first() is not None


def get_one(db: Connection, resource: Resource, item_id: int) -> dict[str, Any] | None:
    row = db.execute(_by_id(resource), {"id": item_id}).mappings().first()
    return None if row is None else resource.shape(row)


def _all_of_article(db: Connection, resource: Resource, article_id: int, order: str) -> list[dict[str, Any]]:
    rows = db.execute(_of_article(resource, order), {"id": article_id})
    return [resource.shape(r) for r in rows.mappings()]


def article_detail(db: Connection, article_id: int) -> dict[str, Any] | None:
    """One article with its text and everything extracted from it, entities most salient first."""
    row = db.execute(ARTICLE_BY_ID, {"id": article_id}).mappings().first()
    if row is None:
        return None
    article = article_shape(row)
    article["quotes"] = _all_of_article(db, QUOTES, article_id, "start")
    article["claims"] = _all_of_article(db, CLAIMS, article_id, "id")
    article["entities"] = article_entities(db, article_id)
    return article


def article_entities(db: Connection, article_id: int) -> list[dict[str, Any]]:
    entities: list[dict[str, Any]] = []
    for row in db.execute(ARTICLE_ENTITIES, {"id": article_id}).mappings():
        if not entities or entities[-1]["id"] != row["id"]:
            entities.append({**{field: row[field] for field in ENTITY_LINK_FIELDS}, "mentions": []})
        if row["mention_start"] is not None:
            mention = {"text": row["mention_text"], "start": row["mention_start"], "end": row["mention_end"]}
            entities[-1]["mentions"].append(mention)
    return entities


def entity_detail(db: Connection, entity_id: int) -> dict[str, Any] | None:
    """One entity with its aliases, the roles articles give it, and how often it appears and speaks."""
    rows = db.execute(ENTITY_PAGE, {"id": entity_id}).all()
    if not rows:
        return None
    first = rows[0]
    entity: dict[str, Any] = {field: getattr(first, field) for field in ENTITY_FIELDS}
    entity["aliases"] = [row.value for row in rows if row.part == 0]
    roles: list[str] = []
    for row in rows:
        if row.part == 1:
            roles.extend(r for r in json.loads(row.value) if r not in roles)
    entity["roles"] = roles
    entity["article_count"], entity["quote_count"] = first.article_count, first.quote_count
    return entity


def totals(db: Connection) -> dict[str, Any]:
    """What the database holds: rows per table and the span of publication dates."""
    out: dict[str, Any] = {
        name: db.scalar(select(func.count()).select_from(table)) or 0
        for name, table in (("articles", Article), ("quotes", Quote), ("entities", Entity), ("claims", Claim))
    }
    first, last = db.execute(select(func.min(Article.published), func.max(Article.published))).one()
    out["first_published"] = first.isoformat() if first else None
    out["last_published"] = last.isoformat() if last else None
    return out


def mentioned_by(db: Connection, entity_id: int, scan: int, size: int) -> list[dict[str, Any]]:
    """Who an entity talks about: the entities mentioned inside its newest `scan` quotes, most often first.

    A mention counts when it lies within a quote's offsets; the entity itself is left out."""
    recent = (
        select(Quote.article_id, Quote.start, Quote.end)
        .where(Quote.speaker_entity_id == entity_id)
        .order_by(Quote.id.desc())
        .limit(scan)
        .subquery()
    )
    count = func.count().label("count")
    query = (
        select(Entity.id, Entity.name, Entity.type, count)
        .select_from(recent)
        .join(
            Mention,
            (Mention.article_id == recent.c.article_id)
            & (Mention.start >= recent.c.start)
            & (Mention.end <= recent.c.end),
        )
        .join(Entity, Entity.id == Mention.entity_id)
        .where(Mention.entity_id != entity_id)
        .group_by(Entity.id, Entity.name, Entity.type)
        .order_by(count.desc(), Entity.id)
        .limit(size)
    )
    return [dict(row._mapping) for row in db.execute(query)]


def removed_entity(db: Connection, entity_id: int) -> dict[str, Any] | None:
    """The tombstone of an entity re-extraction removed (id, name, type, removed_at), if it was."""
    query = select(RemovedEntity.id, RemovedEntity.name, RemovedEntity.type, RemovedEntity.removed_at)
    row = db.execute(query.where(RemovedEntity.id == entity_id)).first()
    return None if row is None else dict(row._mapping)


def delete_article(session: Session, article_id: int) -> bool:
    """Remove an article and everything extracted from it (the foreign keys cascade), and the entities no
    other article mentions (their ids then answer 410)."""
    # The article first, locked on PostgreSQL (a correction takes it first too); then its links and quotes,
    # whose counts come off as the DELETEs return them: the rows removed, whatever committed meanwhile.
    if session.execute(select(Article.id).where(Article.id == article_id).with_for_update()).first() is None:
        return False
    links = delete(ArticleEntity).where(ArticleEntity.article_id == article_id)
    named = list(session.scalars(links.returning(ArticleEntity.entity_id)))
    spoken = delete(Quote).where(Quote.article_id == article_id)
    speakers = list(session.scalars(spoken.returning(Quote.speaker_entity_id)))
    counts.add(session, counts.of_ids(named, speakers), sign=-1)
    session.execute(delete(Article).where(Article.id == article_id))
    remove_unmentioned(session, named)
    session.commit()
    return True
