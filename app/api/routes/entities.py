from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, Response

from app.api.deps import SessionDep
from app.api.pagination import WindowDep, page_links
from app.api.problems import PROBLEM_RESPONSES
from app.api.representations import entity_out
from app.api.schemas import EntityDetail, EntityOut, Page
from app.store import queries

router = APIRouter(prefix="/entities", tags=["entities"], responses=PROBLEM_RESPONSES)


@router.get("", operation_id="list_entities", summary="List entities")
def list_entities(
    request: Request,
    response: Response,
    session: SessionDep,
    window: WindowDep,
    type: Annotated[
        str | None, Query(description="PERSON, ORG, GPE, LOC, NORP, ...", examples=["PERSON"])
    ] = None,
    name: Annotated[
        str | None, Query(description="Any of its names, case-insensitive.", examples=["CSTO"])
    ] = None,
    article_id: Annotated[int | None, Query(description="Entities of one article.", examples=[1])] = None,
) -> Page[EntityOut]:
    page = queries.list_entities(session, window, type, name, article_id)
    entities = [e for (e,) in page.rows]
    aliases = queries.aliases_of(session, [e.id for e in entities])
    next_url, cursor = page_links(request, response, page)
    return Page(items=[entity_out(e, aliases[e.id]) for e in entities], next=next_url, next_cursor=cursor)


@router.get(
    "/{entity_id}", operation_id="get_entity", summary="One entity with its aliases, roles and counts"
)
def get_entity(entity_id: int, session: SessionDep) -> EntityDetail:
    entity = queries.get_entity(session, entity_id)
    if entity is None:
        raise HTTPException(404, f"no entity with id {entity_id}")
    stats = queries.entity_stats(session, entity_id)
    return EntityDetail(
        **entity_out(entity, queries.aliases_of(session, [entity_id])[entity_id]).model_dump(),
        roles=stats.roles,
        article_count=stats.article_count,
        quote_count=stats.quote_count,
    )
