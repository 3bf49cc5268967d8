"""The tables. Schema changes go through Alembic migrations in `migrations/`, never `create_all`.

Offsets (`start`, `end`) are Python string indices into `articles.text`, end exclusive. Every column the
API filters on has an index; `*_key` columns hold casefolded names so case-insensitive lookups use them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, ForeignKey, Integer, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def _fk(target: str, ondelete: str, nullable: bool = False) -> Any:
    return Field(
        default=None,
        sa_column=Column(Integer, ForeignKey(target, ondelete=ondelete), index=True, nullable=nullable),
    )


class Article(SQLModel, table=True):
    __tablename__ = "articles"

    id: int | None = Field(default=None, primary_key=True)
    text: str = Field(sa_type=Text)
    title: str | None = None
    source: str | None = Field(default=None, index=True)
    author: str | None = None
    url: str | None = None
    published: date | None = Field(default=None, index=True)
    dateline: str | None = None
    content_hash: str = Field(max_length=64, unique=True)
    word_count: int
    ingested_at: datetime = Field(sa_type=DateTime(timezone=True))
    extractor_version: str = Field(
        default="unknown", index=True, sa_column_kwargs={"server_default": "unknown"}
    )


class Entity(SQLModel, table=True):
    __tablename__ = "entities"
    __table_args__ = (UniqueConstraint("name_key", "type"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str
    name_key: str = Field(index=True)
    type: str = Field(index=True)


class EntityAlias(SQLModel, table=True):
    __tablename__ = "entity_aliases"
    __table_args__ = (UniqueConstraint("entity_id", "alias_key"),)

    id: int | None = Field(default=None, primary_key=True)
    entity_id: int = _fk("entities.id", "CASCADE")
    alias: str
    alias_key: str = Field(index=True)


class ArticleEntity(SQLModel, table=True):
    """An entity's part in one article: how often and how prominently it appears, and its roles there."""

    __tablename__ = "article_entities"

    article_id: int = Field(
        sa_column=Column(Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    )
    entity_id: int = Field(
        sa_column=Column(Integer, ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True, index=True)
    )
    mention_count: int
    salience: float
    roles: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class Mention(SQLModel, table=True):
    __tablename__ = "mentions"

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = _fk("articles.id", "CASCADE")
    entity_id: int = _fk("entities.id", "CASCADE")
    start: int
    end: int
    text: str


class Quote(SQLModel, table=True):
    __tablename__ = "quotes"

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = _fk("articles.id", "CASCADE")
    text: str = Field(sa_type=Text)
    start: int
    end: int
    kind: str = Field(index=True)
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker_entity_id: int | None = _fk("entities.id", "SET NULL", nullable=True)
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    channel: str | None = None


class Claim(SQLModel, table=True):
    __tablename__ = "claims"

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = _fk("articles.id", "CASCADE")
    text: str = Field(sa_type=Text)
    start: int
    end: int
    kind: str = Field(index=True)
    stance: str = Field(index=True)
    claimant_entity_id: int | None = _fk("entities.id", "SET NULL", nullable=True)
    claimant_text: str | None = None
    score: float = 0.0
    quantities: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    target_entity_id: int | None = _fk("entities.id", "SET NULL", nullable=True)
    target_text: str | None = None
    alleger_text: str | None = None
    dates: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]")
    )


class RemovedEntity(SQLModel, table=True):
    """An entity re-extraction left with no mention anywhere: its id answers 410 Gone, not 404."""

    __tablename__ = "removed_entities"

    id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    name: str
    type: str
    removed_at: datetime = Field(sa_type=DateTime(timezone=True))
