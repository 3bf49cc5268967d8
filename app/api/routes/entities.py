from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request, Response
from sqlalchemy import select
from sqlalchemy.engine import Connection

from app.api import lists
from app.api.deps import SettingsDep, run_read
from app.api.problems import PROBLEM_JSON, PROBLEM_RESPONSES
from app.api.responses import json_response
from app.api.schemas import ArticleOut, EntityDetail, EntityOut, Page, Problem, QuoteOut
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


def _entity_or_404(db: Connection, entity_id: int) -> dict:
    """The entity; 410 when re-extraction removed it (its old links were real), else 404."""
    entity = queries.entity_detail(db, entity_id)
    if entity is not None:
        return entity
    removed = queries.removed_entity(db, entity_id)
    if removed is not None:
        raise HTTPException(
            410,
            f"entity {entity_id} ({removed['type']} {removed['name']!r}) was removed on "
            f"{removed['removed_at']:%Y-%m-%d}: re-extraction left no article mentioning it",
        )
    raise HTTPException(404, f"no entity with id {entity_id}")


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
    _entity_or_404(db, entity_id)
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
    _entity_or_404(db, entity_id)
    mentioned = select(ArticleEntity.article_id).where(ArticleEntity.entity_id == entity_id)
    return lists.respond(db, request, settings, ARTICLES, [ARTICLES.id_column.in_(mentioned)])
