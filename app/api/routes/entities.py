from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request, Response
from sqlalchemy import select
from sqlalchemy.engine import Connection

from app.api import lists
from app.api.deps import SettingsDep, run_read
from app.api.problems import PROBLEM_JSON, PROBLEM_RESPONSES
from app.api.responses import json_response
from app.api.schemas import ArticleOut, EntityCount, EntityDetail, EntityOut, Page, Problem, QuoteOut
from app.config import Settings
from app.store import queries
from app.store.models import ArticleEntity, Quote
from app.store.resources import ARTICLES, ENTITIES, QUOTES

EntityId = Annotated[int, Path(description="The entity's id.", examples=[1], ge=1, le=2**31 - 1)]

GONE = {410: {"model": Problem, "content": {PROBLEM_JSON: {}}, "description": "Removed by re-extraction"}}

router = APIRouter(prefix="/entities", tags=["entities"], responses={**PROBLEM_RESPONSES, **GONE})


@router.get(
    "",
    operation_id="list_entities",
    summary="List entities",
    description="People, organisations and places, one row per real-world thing. `name` matches any alias.",
    response_model=Page[EntityOut],
    openapi_extra=lists.openapi_parameters(ENTITIES),
)
async def list_entities(request: Request, settings: SettingsDep) -> Response:
    return await run_read(request, lists.respond, request, settings, ENTITIES)


def _gone_or_missing(db: Connection, entity_id: int) -> HTTPException:
    """410 when re-extraction removed the entity (its old links were real), else 404."""
    removed = queries.removed_entity(db, entity_id)
    if removed is not None:
        return HTTPException(
            410,
            f"entity {entity_id} ({removed['type']} {removed['name']!r}) was removed on "
            f"{removed['removed_at']:%Y-%m-%d}: re-extraction left no article mentioning it",
        )
    return HTTPException(404, f"no entity with id {entity_id}")


def _entity_or_404(db: Connection, entity_id: int) -> dict:
    entity = queries.entity_detail(db, entity_id)
    if entity is None:
        raise _gone_or_missing(db, entity_id)
    return entity


def _exists_or_404(db: Connection, entity_id: int) -> None:
    """The lists of one entity check only that it exists: its detail costs a read of all its links."""
    if not queries.entity_exists(db, entity_id):
        raise _gone_or_missing(db, entity_id)


@router.get(
    "/{entity_id}",
    operation_id="get_entity",
    summary="One entity with its aliases, roles and counts",
    response_model=EntityDetail,
)
async def get_entity(entity_id: EntityId, request: Request) -> Response:
    return json_response(request, await run_read(request, _entity_or_404, entity_id))


@router.get(
    "/{entity_id}/quotes",
    operation_id="list_entity_quotes",
    summary="Quotes attributed to one entity",
    response_model=Page[QuoteOut],
    openapi_extra=lists.openapi_parameters(QUOTES),
)
async def list_entity_quotes(entity_id: EntityId, request: Request, settings: SettingsDep) -> Response:
    return await run_read(request, _entity_quotes, request, settings, entity_id)


def _entity_quotes(db: Connection, request: Request, settings: Settings, entity_id: int) -> Response:
    _exists_or_404(db, entity_id)
    return lists.respond(db, request, settings, QUOTES, [Quote.speaker_entity_id == entity_id])


@router.get(
    "/{entity_id}/articles",
    operation_id="list_entity_articles",
    summary="Articles mentioning one entity",
    response_model=Page[ArticleOut],
    openapi_extra=lists.openapi_parameters(ARTICLES),
)
async def list_entity_articles(entity_id: EntityId, request: Request, settings: SettingsDep) -> Response:
    return await run_read(request, _entity_articles, request, settings, entity_id)


def _entity_articles(db: Connection, request: Request, settings: Settings, entity_id: int) -> Response:
    _exists_or_404(db, entity_id)
    mentioned = select(ArticleEntity.article_id).where(ArticleEntity.entity_id == entity_id)
    return lists.respond(db, request, settings, ARTICLES, [ARTICLES.id_column.in_(mentioned)])


@router.get(
    "/{entity_id}/mentioned",
    operation_id="list_entity_mentioned",
    summary="Whom one entity talks about",
    description="The entities mentioned inside this entity's quotes (its newest `scan` quotes), most often "
    "first; the entity itself is left out.",
    response_model=list[EntityCount],
)
async def list_entity_mentioned(
    entity_id: EntityId,
    request: Request,
    size: Annotated[int, Query(ge=1, le=100, description="How many entities.")] = 10,
    scan: Annotated[int, Query(ge=1, le=10_000, description="How many of the newest quotes to read.")] = 2000,
) -> Response:
    return json_response(request, await run_read(request, _mentioned, entity_id, scan, size))


def _mentioned(db: Connection, entity_id: int, scan: int, size: int) -> list[dict]:
    _exists_or_404(db, entity_id)
    return queries.mentioned_by(db, entity_id, scan, size)
