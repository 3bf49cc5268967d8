"""Related objects embedded on request (`include=`), fetched in one query per page, never per row."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Connection

from app.store.listing import Resource
from app.store.models import Article, Entity
from app.store.resources import ARTICLES, ENTITIES, add_aliases

# Statements built once, with the page's ids bound per call: building one costs more than running it.
IDS = bindparam("ids", expanding=True)
ARTICLE_SUMMARIES = select(Article.id, Article.title, Article.source, Article.published, Article.url).where(
    Article.id.in_(IDS)
)
ENTITY_ROWS = select(Entity.id, Entity.name, Entity.type).where(Entity.id.in_(IDS))


def _articles(db: Connection, items: list[dict[str, Any]]) -> None:
    ids = list({i["article_id"] for i in items})
    found = {}
    if ids:
        rows = db.execute(ARTICLE_SUMMARIES, {"ids": ids})
        found = {r.id: dict(r._mapping) for r in rows}
    for item in items:
        item["article"] = found.get(item["article_id"])


def _entities_of(key: str) -> Callable[[Connection, list[dict[str, Any]]], None]:
    """Embed the full entity (type and aliases) under item[key]["entity"]."""

    def add(db: Connection, items: list[dict[str, Any]]) -> None:
        ids = list({i[key]["entity_id"] for i in items if i.get(key) and i[key].get("entity_id") is not None})
        found: dict[int, dict[str, Any]] = {}
        if ids:
            rows = db.execute(ENTITY_ROWS, {"ids": ids})
            entities = [dict(r._mapping) for r in rows]
            add_aliases(db, entities)
            found = {e["id"]: e for e in entities}
        for item in items:
            if item.get(key) is not None:
                item[key]["entity"] = found.get(item[key].get("entity_id"))

    return add


EMBEDS: dict[str, dict[str, Callable[[Connection, list[dict[str, Any]]], None]]] = {
    "quotes": {"article": _articles, "speaker": _entities_of("speaker")},
    "claims": {"article": _articles, "claimant": _entities_of("claimant")},
    "articles": {},  # `include=text` is a column of the list's own statement (`Resource.optional`)
    "entities": {},
}

# Added to every page whatever the client asks: an entity without its aliases says too little.
ALWAYS: dict[str, Callable[[Connection, list[dict[str, Any]]], None]] = {"entities": add_aliases}

CSV_COLUMNS = {
    "quotes": [
        "id",
        "article_id",
        "text",
        "start",
        "end",
        "kind",
        "cue_text",
        "cue_start",
        "cue_end",
        "speaker_text",
        "speaker_start",
        "speaker_end",
        "speaker_entity_id",
        "speaker_name",
        "channel",
    ],
    "claims": [
        "id",
        "article_id",
        "text",
        "start",
        "end",
        "kind",
        "stance",
        "claimant_text",
        "claimant_entity_id",
        "claimant_name",
        "target_text",
        "target_entity_id",
        "target_name",
        "alleger",
        "score",
        "quantities",
        "dates",
    ],
    "entities": list(ENTITIES.fields),
    "articles": [f for f in ARTICLES.fields if f != "text"],
}
CSV_EMBEDS = {
    "article": ["article_title", "article_source", "article_published", "article_url"],
    "text": ["text"],
}


def available(resource: Resource) -> list[str]:
    """What `include=` takes: the resource's optional columns, then the related objects it can embed."""
    return [*resource.optional, *EMBEDS[resource.name]]


def add(db: Connection, resource: str, items: list[dict[str, Any]], include: list[str]) -> None:
    if not items:
        return
    if resource in ALWAYS:
        ALWAYS[resource](db, items)
    for name in include:
        EMBEDS[resource][name](db, items)


def csv_columns(resource: Resource, fields: list[str] | None, include: list[str]) -> list[str]:
    """The CSV header: the resource's flattened columns (only the chosen fields', with `fields=`)."""
    columns = list(CSV_COLUMNS[resource.name])
    for name in include:
        columns += CSV_EMBEDS.get(name, [])
    if fields:
        wanted = {"id", *fields}
        columns = [c for c in columns if c in wanted or c.split("_")[0] in wanted]
    return columns
