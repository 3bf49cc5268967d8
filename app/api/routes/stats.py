"""Figures over the whole store: what it holds, and who gets quoted by gender."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from app.api import lists
from app.api.deps import run_read
from app.api.problems import PROBLEM_RESPONSES
from app.api.responses import json_response
from app.api.schemas import GenderShare, Totals
from app.store import queries
from app.store.filters import FilterError, conditions
from app.store.gender_share import DIMENSIONS, quote_gender_share
from app.store.resources import QUOTES

router = APIRouter(prefix="/stats", tags=["stats"], responses=PROBLEM_RESPONSES)


@router.get(
    "",
    operation_id="stats",
    summary="What the database holds",
    description="Articles, quotes, entities and claims stored, and the span of publication dates.",
    response_model=Totals,
)
async def stats(request: Request) -> Response:
    return json_response(request, await run_read(request, queries.totals))


def _by(request: Request) -> list[str]:
    names: list[str] = []
    for value in request.query_params.getlist("by"):
        for name in (v.strip() for v in value.split(",") if v.strip()):
            if name not in DIMENSIONS:
                raise lists.invalid("by", f"expected any of {', '.join(DIMENSIONS)}; got {name!r}")
            if name not in names:
                names.append(name)
    return names


def _parameters() -> dict[str, Any]:
    """The /quotes filters (not its paging, sorting or search) and `by`, for the OpenAPI schema."""
    common = {name for name, _, _ in lists.COMMON_PARAMETERS}
    filters = [p for p in lists.openapi_parameters(QUOTES)["parameters"] if p["name"] not in common]
    by = {
        "name": "by",
        "in": "query",
        "required": False,
        "description": f"Group by any of: {', '.join(DIMENSIONS)} (comma-separated).",
        "schema": {"type": "string"},
        "example": "source,month",
    }
    return {"parameters": [by, *filters]}


@router.get(
    "/quote-gender",
    operation_id="quote_gender_share",
    summary="Share of quotes by the speaker's gender",
    description="Quotes counted by their resolved speaker's gender (female, male, unknown, no_person), "
    "per `by=source,month` (either, both or neither), with `female_share` = female / (female + male). "
    "Takes every filter of /quotes (`source`, `published__gte=2024-01-01`, `kind`, `speaker`, ...).",
    response_model=GenderShare,
    openapi_extra=_parameters(),
)
async def quote_gender(request: Request) -> Response:
    by = _by(request)
    try:
        where = conditions(request.query_params.multi_items(), QUOTES.filters, {"by"})
    except FilterError as exc:
        raise lists.invalid(exc.parameter, exc.message) from None
    items = await run_read(request, quote_gender_share, where, by)
    return json_response(request, {"by": by, "items": items})
