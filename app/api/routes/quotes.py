from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request, Response

from app.api.deps import SessionDep
from app.api.pagination import WindowDep, page_links
from app.api.problems import PROBLEM_RESPONSES
from app.api.representations import quote_out
from app.api.schemas import Page, QuoteOut
from app.store import queries

router = APIRouter(prefix="/quotes", tags=["quotes"], responses=PROBLEM_RESPONSES)


@router.get("", operation_id="list_quotes", summary="List quotes")
def list_quotes(
    request: Request,
    response: Response,
    session: SessionDep,
    window: WindowDep,
    speaker: Annotated[
        str | None,
        Query(description="Resolved speaker, by any of their names, case-insensitive.", examples=["Putin"]),
    ] = None,
    article_id: Annotated[int | None, Query(description="Quotes of one article.", examples=[1])] = None,
    kind: Annotated[
        Literal["direct", "mixed", "indirect"] | None, Query(description="Kind of quote.")
    ] = None,
) -> Page[QuoteOut]:
    page = queries.list_quotes(session, window, speaker, article_id, kind)
    next_url, cursor = page_links(request, response, page)
    return Page(items=[quote_out(q, n) for q, n in page.rows], next=next_url, next_cursor=cursor)


@router.get("/{quote_id}", operation_id="get_quote", summary="One quote")
def get_quote(quote_id: int, session: SessionDep) -> QuoteOut:
    row = queries.get_quote(session, quote_id)
    if row is None:
        raise HTTPException(404, f"no quote with id {quote_id}")
    return quote_out(*row)
