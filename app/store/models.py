"""The tables. Schema changes go through Alembic migrations in `migrations/`, never `create_all`.

Offsets (`start`, `end`) are Python string indices into `articles.text`, end exclusive. Every column the
API filters on has an index; `*_key` columns hold casefolded names so case-insensitive lookups use them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    cast,
    func,
)
from sqlmodel import Field, SQLModel


def _fk(target: str, ondelete: str, nullable: bool = False, index: bool = True) -> Any:
    return Field(
        default=None,
        sa_column=Column(Integer, ForeignKey(target, ondelete=ondelete), index=index, nullable=nullable),
    )


class Article(SQLModel, table=True):
    __tablename__ = "articles"

    id: int | None = Field(default=None, primary_key=True)
    text: str = Field(sa_type=Text)
    title: str | None = None
    source: str | None = Field(default=None, index=True)
    author: str | None = None
    url: str | None = Field(default=None, index=True)
    published: date | None = Field(default=None, index=True)
    dateline: str | None = None
    content_hash: str = Field(max_length=64, unique=True)
    word_count: int
    ingested_at: datetime = Field(sa_type=DateTime(timezone=True))
    extractor_version: str = Field(
        default="unknown", index=True, sa_column_kwargs={"server_default": "unknown"}
    )


# The `source` filter matches case-insensitively, as lower(source): only an index on that expression serves it
# (on `source` itself a rare publisher's quotes were found by walking every quote).
Index("ix_articles_source_lower", func.lower(Article.__table__.c.source))


class Entity(SQLModel, table=True):
    __tablename__ = "entities"
    __table_args__ = (UniqueConstraint("name_key", "type"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str
    name_key: str = Field(index=True)
    type: str = Field(index=True)
    # people only: the gender over all the entity's articles (`gender.combine`), and what showed it
    gender: str | None = Field(default=None, index=True)
    gender_evidence: str | None = None


class EntityCount(SQLModel, table=True):
    """How many articles link an entity and how many quotes it speaks, kept by every write (`counts`): the
    entity page reads one row, where counting a frequent person's index entries took 9 ms a request."""

    __tablename__ = "entity_counts"

    entity_id: int = Field(
        sa_column=Column(Integer, ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True)
    )
    articles: int = 0
    quotes: int = 0


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
    gender: str | None = None  # people only: what this article showed ("female", "male", "unknown")
    gender_evidence: str | None = None


# An entity's distinct lists of roles, each with the first article giving it, found by a few index seeks
# (`queries.ENTITY_PAGE`) where grouping every link read and decoded tens of thousands for a frequent entity.
Index(
    "ix_article_entities_entity_id_roles",
    ArticleEntity.__table__.c.entity_id,
    cast(ArticleEntity.__table__.c.roles, Text),
    ArticleEntity.__table__.c.article_id,
)


class Mention(SQLModel, table=True):
    __tablename__ = "mentions"

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = _fk("articles.id", "CASCADE", index=False)  # first in the index below
    entity_id: int = _fk("entities.id", "CASCADE")
    start: int
    end: int
    text: str


# An article's entities are read with their mentions in one statement: each entity's mentions found by a
# seek, in text order (`queries.ARTICLE_ENTITIES`).
Index(
    "ix_mentions_article_id_entity_id",
    Mention.__table__.c.article_id,
    Mention.__table__.c.entity_id,
    Mention.__table__.c.start,
)


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
    speaker_entity_id: int | None = _fk("entities.id", "SET NULL", nullable=True, index=False)  # see below
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    channel: str | None = None


# A speaker's quotes in id order, read from (speaker_entity_id, id) and stopped at the page size. SQLite's
# entries hold the rowid anyway; PostgreSQL's need the id to be in id order (`random_page_cost` in
# `db.READ_OPTIONS` lets its planner take the index rather than walk the primary key backwards).
Index("ix_quotes_speaker_entity_id_id", Quote.__table__.c.speaker_entity_id, Quote.__table__.c.id)
# A speaker's quotes counted by kind (the `kind` facet) from the index alone.
Index("ix_quotes_speaker_entity_id_kind", Quote.__table__.c.speaker_entity_id, Quote.__table__.c.kind)


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


def _when(nullable: bool = True, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable, index=index))


class Source(SQLModel, table=True):
    """A feed or sitemap that `articles watch` polls, with what its last poll brought."""

    __tablename__ = "sources"

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(sa_column=Column(String(2048), nullable=False, unique=True))
    added_at: datetime = _when(nullable=False)
    last_polled_at: datetime | None = _when()
    next_poll_at: datetime | None = _when(index=True)
    last_error: str | None = Field(default=None, sa_type=Text)
    etag: str | None = None
    last_modified: str | None = None


class SourceUrl(SQLModel, table=True):
    """An article URL found in a source (or given to `articles fetch`) and how far it got: new, claimed by a
    watch process, done (with its article) or failed (with the error)."""

    __tablename__ = "source_urls"
    __table_args__ = (Index("ix_source_urls_state_id", "state", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(sa_column=Column(String(2048), nullable=False, unique=True))
    source_id: int | None = _fk("sources.id", "SET NULL", nullable=True)
    state: str = Field(max_length=16)
    discovered_at: datetime = _when(nullable=False)
    claimed_at: datetime | None = _when()
    retry_at: datetime | None = _when()
    attempts: int = 0
    fetched_at: datetime | None = _when()
    final_url: str | None = Field(default=None, sa_type=Text)
    article_id: int | None = _fk("articles.id", "SET NULL", nullable=True)
    error: str | None = Field(default=None, sa_type=Text)


class Job(SQLModel, table=True):
    """A write answered before it is done (a large article, a batch): its state is kept here, so any server
    process sharing the database answers `GET /jobs/{id}`. `result` holds the stored ids when it is done."""

    __tablename__ = "jobs"

    id: str = Field(primary_key=True, max_length=32)
    kind: str = Field(max_length=16)
    status: str = Field(max_length=16)
    created_at: datetime = Field(sa_type=DateTime(timezone=True))
    started_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    finished_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    error: str | None = Field(default=None, sa_type=Text)
    result: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))


class RemovedEntity(SQLModel, table=True):
    """An entity re-extraction left with no mention anywhere: its id answers 410 Gone, not 404."""

    __tablename__ = "removed_entities"

    id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    name: str
    type: str
    removed_at: datetime = Field(sa_type=DateTime(timezone=True))
