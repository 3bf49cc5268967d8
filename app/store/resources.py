"""The four resources as the API lists them: which columns each returns, filters on, sorts and facets by.

Each is a declaration read by `listing.run_list`; adding a filterable column is adding a row here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Select, String, bindparam, cast, func, or_, select
from sqlalchemy.engine import Connection, RowMapping
from sqlalchemy.orm import aliased

from app.store.filters import (
    CHOICE_OPERATORS,
    NUMERIC_OPERATORS,
    OPERATORS,
    TEXT_OPERATORS,
    Filterable,
    Operator,
)
from app.store.listing import Facet, Resource, Sortable
from app.store.models import Article, ArticleEntity, Claim, Entity, EntityAlias, Quote
from app.store.search import SearchSpec
from app.store.writer import name_key

QUOTE_KINDS = ("direct", "mixed", "indirect")
CLAIM_KINDS = ("attributed", "statistic", "factual")
STANCES = ("asserts", "denies", "accuses", "alleges")
NAME_OPERATORS = ("exact", "not", "in", "notin", "contains", "startswith", "isnull")
GENDERS = ("female", "male", "unknown")
GENDER_OPERATORS = (*CHOICE_OPERATORS, "isnull")


def _alias_ids(operator: Operator, value: Any) -> Any:
    """Ids of entities one of whose names matches `value` under `operator`."""
    if operator.key in ("in", "notin"):
        return _alias_ids_select("in", tuple(name_key(v) for v in value))
    if operator.key in ("contains", "startswith"):
        return _alias_ids_select(operator.key, name_key(value))
    return _alias_ids_select("exact", name_key(value))


@lru_cache(maxsize=1024)
def _alias_ids_select(operator: str, key: str | tuple[str, ...]) -> Select:
    """Kept for the names asked for again: SQLAlchemy builds and fingerprints a new statement in 80 µs, about
    what the whole lookup then costs."""
    column = EntityAlias.alias_key
    if operator == "in":
        match = column.in_(list(key))
    elif operator == "exact":
        match = column == key
    else:
        match = OPERATORS[operator].build(column, key)
    return select(EntityAlias.entity_id).where(match)


@dataclass(frozen=True, slots=True)
class EntityNames:
    """A filter on a foreign key to entities, matched through every name and alias of the entity.

    `ids` is the lookup `listing` runs first, to bind the ids it finds in place of the subquery."""

    column: Any

    def ids(self, operator: Operator, value: Any) -> Select:
        return _alias_ids(operator, value)

    def __call__(self, operator: Operator, value: Any) -> ColumnElement:
        column = self.column
        if operator.key == "isnull":
            return column.is_(None) if value else column.is_not(None)
        ids = _alias_ids(operator, value)
        if operator.key in ("not", "notin"):
            return or_(column.not_in(ids), column.is_(None))
        return column.in_(ids)


def by_entity_name(column: Any) -> EntityNames:
    return EntityNames(column)


def casefolded(column: Any) -> Any:
    """Case-insensitive equality and membership on a text column."""

    def build(operator: Operator, value: Any) -> ColumnElement:
        if operator.key in ("exact", "not", "in", "notin"):
            folded = [v.casefold() for v in value] if isinstance(value, list) else value.casefold()
            return operator.build(func.lower(column), folded)
        return operator.build(column, value)

    return build


def article_source() -> Filterable:
    """The publisher of the article a quote or claim comes from, as the `source` facet counts it."""
    return Filterable(
        "source",
        Article.source,
        str,
        "The article's publisher, case-insensitive.",
        "Press TV",
        TEXT_OPERATORS,
        build=casefolded(Article.source),
    )


def month_of(column: Any) -> Any:
    return func.substr(cast(column, String), 1, 7)


def _span(text: str | None, start: int | None, end: int | None) -> dict[str, Any] | None:
    if text is None or start is None or end is None:
        return None
    return {"text": text, "start": start, "end": end}


speaker = aliased(Entity, name="speaker")
claimant = aliased(Entity, name="claimant")
target = aliased(Entity, name="target")

QUOTE_QUERY = (
    select(
        Quote.id,
        Quote.article_id,
        Quote.text,
        Quote.start,
        Quote.end,
        Quote.kind,
        Quote.cue,
        Quote.cue_start,
        Quote.cue_end,
        Quote.speaker_entity_id,
        Quote.speaker_text,
        Quote.speaker_start,
        Quote.speaker_end,
        Quote.channel,
        speaker.name.label("speaker_name"),
        speaker.gender.label("speaker_gender"),
    )
    .select_from(Quote)
    .join(Article, Article.id == Quote.article_id)
    .outerjoin(speaker, speaker.id == Quote.speaker_entity_id)
)


def quote_shape(row: RowMapping) -> dict[str, Any]:
    who = None
    if row["speaker_text"] is not None or row["speaker_entity_id"] is not None:
        who = {
            "text": row["speaker_text"],
            "start": row["speaker_start"],
            "end": row["speaker_end"],
            "entity_id": row["speaker_entity_id"],
            "name": row["speaker_name"],
            "gender": row["speaker_gender"],
        }
    return {
        "id": row["id"],
        "article_id": row["article_id"],
        "text": row["text"],
        "start": row["start"],
        "end": row["end"],
        "kind": row["kind"],
        "cue": _span(row["cue"], row["cue_start"], row["cue_end"]),
        "speaker": who,
        "channel": row["channel"],
    }


QUOTES = Resource(
    name="quotes",
    id_column=Quote.id,
    query=QUOTE_QUERY,
    shape=quote_shape,
    filters={
        f.name: f
        for f in [
            Filterable("id", Quote.id, int, "Quote id.", "12"),
            Filterable("article_id", Quote.article_id, int, "The article quoted.", "1"),
            Filterable(
                "kind", Quote.kind, str, "direct, mixed or indirect.", "direct", CHOICE_OPERATORS, QUOTE_KINDS
            ),
            Filterable(
                "speaker",
                Quote.speaker_entity_id,
                str,
                "The resolved speaker, by any of their names or aliases, case-insensitive.",
                "Putin",
                NAME_OPERATORS,
                build=by_entity_name(Quote.speaker_entity_id),
            ),
            Filterable("speaker_id", Quote.speaker_entity_id, int, "The resolved speaker's entity id.", "2"),
            Filterable(
                "speaker_gender",
                speaker.gender,
                str,
                "The resolved speaker's gender: female, male or unknown (people only; "
                "speaker_gender__isnull=true: no person resolved).",
                "female",
                GENDER_OPERATORS,
                GENDERS,
            ),
            Filterable(
                "speaker_text",
                Quote.speaker_text,
                str,
                "The speaker as written.",
                "the Syrian envoy",
                TEXT_OPERATORS,
            ),
            Filterable("cue", Quote.cue, str, "The cue verb or phrase.", "said", TEXT_OPERATORS),
            Filterable("channel", Quote.channel, str, "Who relayed the quote.", "ITAR-TASS", TEXT_OPERATORS),
            Filterable("text", Quote.text, str, "The quote's text.", "refugees", ("contains", "startswith")),
            Filterable("published", Article.published, date, "The article's publication date.", "2015-09-15"),
            article_source(),
        ]
    },
    sorts={
        s.name: s
        for s in [
            Sortable("id", Quote.id, int),
            Sortable("article_id", Quote.article_id, int),
            Sortable("published", Article.published, date, nullable=True),
            Sortable("start", Quote.start, int),
            Sortable("kind", Quote.kind, str),
        ]
    },
    facets={
        f.name: f
        for f in [
            Facet("speaker", Quote.speaker_entity_id, "Quotes per resolved speaker.", label=speaker.name),
            Facet("kind", Quote.kind, "Quotes per kind."),
            Facet(
                "speaker_gender",
                speaker.gender,
                "Quotes per gender of the resolved speaker (null: no person).",
            ),
            Facet("source", Article.source, "Quotes per publisher."),
            Facet("month", month_of(Article.published), "Quotes per month of publication (YYYY-MM)."),
        ]
    },
    search=SearchSpec("quotes", "quotes_fts", "text"),
    fields=("id", "article_id", "text", "start", "end", "kind", "cue", "speaker", "channel"),
)


CLAIM_QUERY = (
    select(
        Claim.id,
        Claim.article_id,
        Claim.text,
        Claim.start,
        Claim.end,
        Claim.kind,
        Claim.stance,
        Claim.claimant_entity_id,
        Claim.claimant_text,
        claimant.name.label("claimant_name"),
        Claim.score,
        Claim.quantities,
        Claim.target_entity_id,
        Claim.target_text,
        target.name.label("target_name"),
        Claim.alleger_text,
        Claim.dates,
    )
    .select_from(Claim)
    .join(Article, Article.id == Claim.article_id)
    .outerjoin(claimant, claimant.id == Claim.claimant_entity_id)
    .outerjoin(target, target.id == Claim.target_entity_id)
)


def _party(row: RowMapping, role: str) -> dict[str, Any] | None:
    """The claimant or target of a claim: as written, and the entity it resolved to."""
    text, entity_id = row[f"{role}_text"], row[f"{role}_entity_id"]
    if text is None and entity_id is None:
        return None
    return {"text": text, "entity_id": entity_id, "name": row[f"{role}_name"]}


def claim_shape(row: RowMapping) -> dict[str, Any]:
    return {
        "id": row["id"],
        "article_id": row["article_id"],
        "text": row["text"],
        "start": row["start"],
        "end": row["end"],
        "kind": row["kind"],
        "stance": row["stance"],
        "claimant": _party(row, "claimant"),
        "target": _party(row, "target"),
        "alleger": row["alleger_text"],
        "score": row["score"],
        "quantities": row["quantities"],
        "dates": row["dates"],
    }


CLAIMS = Resource(
    name="claims",
    id_column=Claim.id,
    query=CLAIM_QUERY,
    shape=claim_shape,
    filters={
        f.name: f
        for f in [
            Filterable("id", Claim.id, int, "Claim id.", "3"),
            Filterable(
                "article_id", Claim.article_id, int, "The article making or reporting the claim.", "1"
            ),
            Filterable(
                "kind",
                Claim.kind,
                str,
                "attributed, statistic or factual.",
                "statistic",
                CHOICE_OPERATORS,
                CLAIM_KINDS,
            ),
            Filterable(
                "stance",
                Claim.stance,
                str,
                "asserts, denies, accuses or alleges.",
                "denies",
                CHOICE_OPERATORS,
                STANCES,
            ),
            Filterable(
                "claimant",
                Claim.claimant_entity_id,
                str,
                "Who makes the claim, by any of their names; claimant__isnull=true: the article's own.",
                "Putin",
                NAME_OPERATORS,
                build=by_entity_name(Claim.claimant_entity_id),
            ),
            Filterable("claimant_id", Claim.claimant_entity_id, int, "The claimant's entity id.", "2"),
            Filterable(
                "target",
                Claim.target_entity_id,
                str,
                "Whom an accusation targets, by any of their names.",
                "Moscow",
                NAME_OPERATORS,
                build=by_entity_name(Claim.target_entity_id),
            ),
            Filterable(
                "alleger",
                Claim.alleger_text,
                str,
                "Who made the allegation a denial rejects.",
                "Western countries",
                TEXT_OPERATORS,
            ),
            Filterable("score", Claim.score, float, "Check-worthiness in [0, 1].", "0.5"),
            Filterable(
                "min_score",
                Claim.score,
                float,
                "Check-worthiness at least this (the same as score__gte).",
                "0.6",
                ("exact",),
                build=lambda op, v: Claim.score >= v,
            ),
            Filterable("text", Claim.text, str, "The claim's text.", "refugees", ("contains", "startswith")),
            Filterable("published", Article.published, date, "The article's publication date.", "2015-09-15"),
            article_source(),
        ]
    },
    sorts={
        s.name: s
        for s in [
            Sortable("id", Claim.id, int),
            Sortable("score", Claim.score, float),
            Sortable("article_id", Claim.article_id, int),
            Sortable("published", Article.published, date, nullable=True),
        ]
    },
    facets={
        f.name: f
        for f in [
            Facet("claimant", Claim.claimant_entity_id, "Claims per claimant.", label=claimant.name),
            Facet("kind", Claim.kind, "Claims per kind."),
            Facet("stance", Claim.stance, "Claims per stance."),
            Facet("source", Article.source, "Claims per publisher."),
            Facet("month", month_of(Article.published), "Claims per month of publication (YYYY-MM)."),
        ]
    },
    search=SearchSpec("claims", "claims_fts", "text"),
    fields=(
        "id",
        "article_id",
        "text",
        "start",
        "end",
        "kind",
        "stance",
        "claimant",
        "target",
        "alleger",
        "score",
        "quantities",
        "dates",
    ),
)


ENTITY_QUERY = select(Entity.id, Entity.name, Entity.type, Entity.gender, Entity.gender_evidence).select_from(
    Entity
)


def entity_shape(row: RowMapping) -> dict[str, Any]:
    return {
        "id": row["id"],
        "name": row["name"],
        "type": row["type"],
        "gender": row["gender"],
        "gender_evidence": row["gender_evidence"],
    }


ENTITIES = Resource(
    name="entities",
    id_column=Entity.id,
    query=ENTITY_QUERY,
    shape=entity_shape,
    filters={
        f.name: f
        for f in [
            Filterable("id", Entity.id, int, "Entity id.", "2"),
            Filterable(
                "name",
                Entity.id,
                str,
                "Any of the entity's names or aliases, case-insensitive.",
                "CSTO",
                NAME_OPERATORS[:-1],
                build=by_entity_name(Entity.id),
            ),
            Filterable(
                "type",
                Entity.type,
                str,
                "PERSON, ORG, GPE, LOC, NORP, ...",
                "PERSON",
                CHOICE_OPERATORS,
                normalize=str.upper,
            ),
            Filterable(
                "gender",
                Entity.gender,
                str,
                "A person's gender over all their articles: female, male or unknown.",
                "female",
                GENDER_OPERATORS,
                GENDERS,
            ),
            Filterable(
                "article_id",
                Entity.id,
                int,
                "Entities mentioned in this article.",
                "1",
                ("exact", "in"),
                build=lambda op, v: Entity.id.in_(
                    select(ArticleEntity.entity_id).where(op.build(ArticleEntity.article_id, v))
                ),
            ),
        ]
    },
    sorts={
        s.name: s
        for s in [
            Sortable("id", Entity.id, int),
            Sortable("name", Entity.name, str),
            Sortable("type", Entity.type, str),
        ]
    },
    facets={
        f.name: f
        for f in [
            Facet("type", Entity.type, "Entities per type."),
            Facet("gender", Entity.gender, "People per gender (null: not a person)."),
        ]
    },
    fields=("id", "name", "type", "gender", "gender_evidence", "aliases"),
)


ARTICLE_QUERY = select(
    Article.id,
    Article.title,
    Article.source,
    Article.author,
    Article.url,
    Article.published,
    Article.dateline,
    Article.word_count,
    Article.content_hash,
    Article.ingested_at,
    Article.extractor_version,
).select_from(Article)


def article_shape(row: RowMapping) -> dict[str, Any]:
    shaped = dict(row)
    shaped.pop("_score", None)
    ingested = shaped["ingested_at"]
    if ingested.tzinfo is None:  # SQLite keeps no zone; every time is stored in UTC
        shaped["ingested_at"] = ingested.replace(tzinfo=UTC)
    return shaped


ARTICLES = Resource(
    name="articles",
    id_column=Article.id,
    query=ARTICLE_QUERY,
    shape=article_shape,
    filters={
        f.name: f
        for f in [
            Filterable("id", Article.id, int, "Article id.", "1"),
            Filterable(
                "source",
                Article.source,
                str,
                "Publisher, case-insensitive.",
                "Press TV",
                TEXT_OPERATORS,
                build=casefolded(Article.source),
            ),
            Filterable("title", Article.title, str, "Headline.", "Syria", TEXT_OPERATORS),
            Filterable("author", Article.author, str, "Byline.", "Jane Doe", TEXT_OPERATORS),
            Filterable(
                "url", Article.url, str, "Where it was published.", "https://example.org/", TEXT_OPERATORS
            ),
            Filterable("published", Article.published, date, "Publication date (ISO 8601).", "2015-09-15"),
            Filterable("word_count", Article.word_count, int, "Length in words.", "500"),
            Filterable(
                "ingested_at",
                Article.ingested_at,
                datetime,
                "When it was stored.",
                "2026-01-01T00:00:00+00:00",
                NUMERIC_OPERATORS[:-1],
            ),
            Filterable(
                "extractor_version",
                Article.extractor_version,
                str,
                "The extractor that produced the article's rows ('unknown': before versions were kept); "
                "GET /meta names the running one.",
                "unknown",
                CHOICE_OPERATORS,
            ),
            Filterable(
                "entity",
                Article.id,
                str,
                "Articles mentioning this entity, by any of its names.",
                "Russia",
                ("exact", "in"),
                build=lambda op, v: Article.id.in_(
                    select(ArticleEntity.article_id).where(ArticleEntity.entity_id.in_(_alias_ids(op, v)))
                ),
            ),
        ]
    },
    sorts={
        s.name: s
        for s in [
            Sortable("id", Article.id, int),
            Sortable("published", Article.published, date, nullable=True),
            Sortable("title", Article.title, str, nullable=True),
            Sortable("source", Article.source, str, nullable=True),
            Sortable("word_count", Article.word_count, int),
            Sortable("ingested_at", Article.ingested_at, datetime),
        ]
    },
    facets={
        f.name: f
        for f in [
            Facet("source", Article.source, "Articles per publisher."),
            Facet("month", month_of(Article.published), "Articles per month of publication (YYYY-MM)."),
            Facet("author", Article.author, "Articles per author."),
        ]
    },
    search=SearchSpec("articles", "articles_fts", "text", also_searched=("title",)),
    optional={"text": Article.text},
    fields=(
        "id",
        "title",
        "source",
        "author",
        "url",
        "published",
        "dateline",
        "word_count",
        "content_hash",
        "ingested_at",
        "extractor_version",
        "text",
    ),
)

RESOURCES = {r.name: r for r in (ARTICLES, QUOTES, ENTITIES, CLAIMS)}


ALIASES_OF = (
    select(EntityAlias.entity_id, EntityAlias.alias)
    .where(EntityAlias.entity_id.in_(bindparam("ids", expanding=True)))
    .order_by(EntityAlias.id)
)


def add_aliases(db: Connection, items: list[dict[str, Any]]) -> None:
    """Every alias of each entity of a page, in one query."""
    ids = [i["id"] for i in items]
    found: dict[int, list[str]] = {i: [] for i in ids}
    if ids:
        for entity_id, alias in db.execute(ALIASES_OF, {"ids": ids}):
            found[entity_id].append(alias)
    for item in items:
        item["aliases"] = found[item["id"]]
