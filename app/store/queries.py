"""Every read the API makes, in one place: filters bound as parameters, keyset pages over the primary key.

A list query fetches one row more than the page size to know, without a count, whether a next page exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from app.store.models import Article, ArticleEntity, Claim, Entity, EntityAlias, Mention, Quote
from app.store.writer import name_key


@dataclass(slots=True)
class Window:
    """A keyset page: rows with id greater than `after`, at most `size` of them."""

    size: int
    after: int | None = None


@dataclass(slots=True)
class PageRows:
    rows: list[Any]
    next_after: int | None


def _page(session: Session, query: Select, id_column: Any, window: Window) -> PageRows:
    if window.after is not None:
        query = query.where(id_column > window.after)
    rows = list(session.execute(query.order_by(id_column).limit(window.size + 1)))
    more = len(rows) > window.size
    rows = rows[: window.size]
    return PageRows(rows, rows[-1][0].id if more and rows else None)


def entities_named(name: str) -> Select:
    """Ids of entities that `name` names: their canonical name or any alias, case-insensitively."""
    return select(EntityAlias.entity_id).where(EntityAlias.alias_key == name_key(name))


def list_articles(
    session: Session,
    window: Window,
    source: str | None = None,
    published_gte: date | None = None,
    published_lte: date | None = None,
    entity: str | None = None,
) -> PageRows:
    query = select(Article)
    if source is not None:
        query = query.where(func.lower(Article.source) == source.casefold())
    if published_gte is not None:
        query = query.where(Article.published >= published_gte)
    if published_lte is not None:
        query = query.where(Article.published <= published_lte)
    if entity is not None:
        query = query.where(
            Article.id.in_(
                select(ArticleEntity.article_id).where(ArticleEntity.entity_id.in_(entities_named(entity)))
            )
        )
    return _page(session, query, Article.id, window)


def get_article(session: Session, article_id: int) -> Article | None:
    return session.get(Article, article_id)


def article_entities(session: Session, article_id: int) -> list[tuple[Entity, ArticleEntity, list[Mention]]]:
    """The entities of one article with their part in it and their mentions, most salient first."""
    links = session.execute(
        select(Entity, ArticleEntity)
        .join(ArticleEntity, ArticleEntity.entity_id == Entity.id)
        .where(ArticleEntity.article_id == article_id)
        .order_by(ArticleEntity.salience.desc(), Entity.id)
    ).all()
    mentions: dict[int, list[Mention]] = {}
    for mention in session.scalars(
        select(Mention).where(Mention.article_id == article_id).order_by(Mention.start)
    ):
        mentions.setdefault(mention.entity_id, []).append(mention)
    return [(entity, link, mentions.get(entity.id, [])) for entity, link in links]


def _quote_query() -> Select:
    return select(Quote, Entity.name).outerjoin(Entity, Quote.speaker_entity_id == Entity.id)


def list_quotes(
    session: Session,
    window: Window,
    speaker: str | None = None,
    article_id: int | None = None,
    kind: str | None = None,
) -> PageRows:
    query = _quote_query()
    if speaker is not None:
        query = query.where(Quote.speaker_entity_id.in_(entities_named(speaker)))
    if article_id is not None:
        query = query.where(Quote.article_id == article_id)
    if kind is not None:
        query = query.where(Quote.kind == kind)
    return _page(session, query, Quote.id, window)


def get_quote(session: Session, quote_id: int) -> tuple[Quote, str | None] | None:
    row = session.execute(_quote_query().where(Quote.id == quote_id)).first()
    return None if row is None else (row[0], row[1])


def quotes_of_article(session: Session, article_id: int) -> list[tuple[Quote, str | None]]:
    rows = session.execute(_quote_query().where(Quote.article_id == article_id).order_by(Quote.start))
    return [(quote, name) for quote, name in rows]


def list_entities(
    session: Session,
    window: Window,
    type_: str | None = None,
    name: str | None = None,
    article_id: int | None = None,
) -> PageRows:
    query = select(Entity)
    if type_ is not None:
        query = query.where(Entity.type == type_.upper())
    if name is not None:
        query = query.where(Entity.id.in_(entities_named(name)))
    if article_id is not None:
        query = query.where(
            Entity.id.in_(select(ArticleEntity.entity_id).where(ArticleEntity.article_id == article_id))
        )
    return _page(session, query, Entity.id, window)


def aliases_of(session: Session, entity_ids: list[int]) -> dict[int, list[str]]:
    """Every alias of each entity, in one query for a whole page."""
    out: dict[int, list[str]] = {i: [] for i in entity_ids}
    if entity_ids:
        query = select(EntityAlias.entity_id, EntityAlias.alias).where(EntityAlias.entity_id.in_(entity_ids))
        for entity_id, alias in session.execute(query.order_by(EntityAlias.id)):
            out[entity_id].append(alias)
    return out


@dataclass(slots=True)
class EntityStats:
    article_count: int
    quote_count: int
    roles: list[str]


def entity_stats(session: Session, entity_id: int) -> EntityStats:
    links = session.scalars(select(ArticleEntity).where(ArticleEntity.entity_id == entity_id)).all()
    quote_count = session.scalar(select(func.count()).where(Quote.speaker_entity_id == entity_id)) or 0
    roles: list[str] = []
    for link in links:
        roles.extend(r for r in link.roles if r not in roles)
    return EntityStats(len(links), quote_count, roles)


def get_entity(session: Session, entity_id: int) -> Entity | None:
    return session.get(Entity, entity_id)


def _claim_query() -> Select:
    claimant = aliased(Entity)
    return select(Claim, claimant.name).outerjoin(claimant, Claim.claimant_entity_id == claimant.id)


def list_claims(
    session: Session,
    window: Window,
    claimant: str | None = None,
    kind: str | None = None,
    stance: str | None = None,
    article_id: int | None = None,
) -> PageRows:
    query = _claim_query()
    if claimant is not None:
        query = query.where(Claim.claimant_entity_id.in_(entities_named(claimant)))
    if kind is not None:
        query = query.where(Claim.kind == kind)
    if stance is not None:
        query = query.where(Claim.stance == stance)
    if article_id is not None:
        query = query.where(Claim.article_id == article_id)
    return _page(session, query, Claim.id, window)


def get_claim(session: Session, claim_id: int) -> tuple[Claim, str | None] | None:
    row = session.execute(_claim_query().where(Claim.id == claim_id)).first()
    return None if row is None else (row[0], row[1])


def claims_of_article(session: Session, article_id: int) -> list[tuple[Claim, str | None]]:
    rows = session.execute(_claim_query().where(Claim.article_id == article_id).order_by(Claim.start))
    return [(claim, name) for claim, name in rows]


def count_articles(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Article)) or 0
