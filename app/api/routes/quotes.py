from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request, Response

from app.api import lists
from app.api.deps import SettingsDep, run_read
from app.api.problems import PROBLEM_RESPONSES
from app.api.responses import json_response
from app.api.schemas import Page, QuoteOut
from app.store import queries
from app.store.resources import QUOTES

QuoteId = Annotated[int, Path(description="The quote's id.", examples=[1], ge=1, le=2**31 - 1)]

router = APIRouter(prefix="/quotes", tags=["quotes"], responses=PROBLEM_RESPONSES)


@router.get(
    "",
    operation_id="list_quotes",
    summary="List quotes",
    description="Who said what. Filter by `speaker` (any of their names), `kind`, `article_id`, `published`, "
    "...; search with `q`; page with the `next` link.",
    response_model=Page[QuoteOut],
    openapi_extra=lists.openapi_parameters(QUOTES),
)
async def list_quotes(request: Request, settings: SettingsDep) -> Response:
    return await run_read(request, lists.respond, request, settings, QUOTES)


@router.get("/{quote_id}", operation_id="get_quote", summary="One quote", response_model=QuoteOut)
async def get_quote(quote_id: QuoteId, request: Request) -> Response:
    quote = await run_read(request, queries.get_one, QUOTES, quote_id)
    if quote is None:
        raise HTTPException(404, f"no quote with id {quote_id}")
    return json_response(request, quote)
