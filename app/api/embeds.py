"""Related objects embedded on request (`include=`), fetched in one query per page, never per row."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from app.store.listing import Resource
from app.store.models import Article, Entity
from app.store.resources import ARTICLES, ENTITIES, add_aliases


def _articles(session: Session, items: list[dict[str, Any]]) -> None:
    ids = {i["article_id"] for i in items}
    found = {}
    if ids:
        query = select(Article.id, Article.title, Article.source, Article.published, Article.url)
        found = {
            r.id: dict(r._mapping) for r in session.connection().execute(query.where(Article.id.in_(ids)))
        }
    for item in items:
        item["article"] = found.get(item["article_id"])


def _entities_of(key: str) -> Callable[[Session, list[dict[str, Any]]], None]:
    """Embed the full entity (type and aliases) under item[key]["entity"]."""

    def add(session: Session, items: list[dict[str, Any]]) -> None:
        ids = {i[key]["entity_id"] for i in items if i.get(key) and i[key].get("entity_id") is not None}
        found: dict[int, dict[str, Any]] = {}
        if ids:
            rows = session.connection().execute(
                select(Entity.id, Entity.name, Entity.type).where(Entity.id.in_(ids))
            )
            entities = [dict(r._mapping) for r in rows]
            add_aliases(session, entities)
            found = {e["id"]: e for e in entities}
        for item in items:
            if item.get(key) is not None:
                item[key]["entity"] = found.get(item[key].get("entity_id"))

    return add


def _texts(session: Session, items: list[dict[str, Any]]) -> None:
    ids = [i["id"] for i in items]
    query = select(Article.id, Article.text).where(Article.id.in_(ids))
    found = {article_id: text for article_id, text in session.connection().execute(query)} if ids else {}
    for item in items:
        item["text"] = found.get(item["id"])


EMBEDS: dict[str, dict[str, Callable[[Session, list[dict[str, Any]]], None]]] = {
    "quotes": {"article": _articles, "speaker": _entities_of("speaker")},
    "claims": {"article": _articles, "claimant": _entities_of("claimant")},
    "articles": {"text": _texts},
    "entities": {},
}

# Added to every page whatever the client asks: an entity without its aliases says too little.
ALWAYS: dict[str, Callable[[Session, list[dict[str, Any]]], None]] = {"entities": add_aliases}

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


def available(resource: str) -> list[str]:
    return list(EMBEDS[resource])


def add(session: Session, resource: str, items: list[dict[str, Any]], include: list[str]) -> None:
    if not items:
        return
    if resource in ALWAYS:
        ALWAYS[resource](session, items)
    for name in include:
        EMBEDS[resource][name](session, items)


def csv_columns(resource: Resource, fields: list[str] | None, include: list[str]) -> list[str]:
    """The CSV header: the resource's flattened columns (only the chosen fields', with `fields=`)."""
    columns = list(CSV_COLUMNS[resource.name])
    for name in include:
        columns += CSV_EMBEDS.get(name, [])
    if fields:
        wanted = {"id", *fields}
        columns = [c for c in columns if c in wanted or c.split("_")[0] in wanted]
    return columns
