from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, Response

from app.api.deps import SessionDep
from app.api.pagination import WindowDep, page_links
from app.api.problems import PROBLEM_RESPONSES
from app.api.representations import article_entity_out, article_out, claim_out, quote_out
from app.api.schemas import ArticleDetail, ArticleOut, Page
from app.store import queries

router = APIRouter(prefix="/articles", tags=["articles"], responses=PROBLEM_RESPONSES)


@router.get("", operation_id="list_articles", summary="List articles")
def list_articles(
    request: Request,
    response: Response,
    session: SessionDep,
    window: WindowDep,
    source: Annotated[
        str | None, Query(description="Publisher, case-insensitive.", examples=["Press TV"])
    ] = None,
    published_gte: Annotated[
        date | None,
        Query(
            alias="published__gte", description="Published on or after (ISO 8601).", examples=["2015-09-01"]
        ),
    ] = None,
    published_lte: Annotated[
        date | None,
        Query(
            alias="published__lte", description="Published on or before (ISO 8601).", examples=["2015-09-30"]
        ),
    ] = None,
    entity: Annotated[
        str | None,
        Query(description="Articles mentioning this entity (any of its names).", examples=["Russia"]),
    ] = None,
) -> Page[ArticleOut]:
    page = queries.list_articles(session, window, source, published_gte, published_lte, entity)
    next_url, cursor = page_links(request, response, page)
    return Page(items=[article_out(a) for (a,) in page.rows], next=next_url, next_cursor=cursor)


@router.get(
    "/{article_id}", operation_id="get_article", summary="One article with its quotes, entities and claims"
)
def get_article(article_id: int, session: SessionDep) -> ArticleDetail:
    article = queries.get_article(session, article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id}")
    return ArticleDetail(
        **article_out(article).model_dump(),
        text=article.text,
        quotes=[quote_out(q, n) for q, n in queries.quotes_of_article(session, article_id)],
        entities=[article_entity_out(*row) for row in queries.article_entities(session, article_id)],
        claims=[claim_out(c, n) for c, n in queries.claims_of_article(session, article_id)],
    )
