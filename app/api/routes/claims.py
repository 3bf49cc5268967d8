from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request, Response

from app.api import lists
from app.api.deps import SettingsDep, run_read
from app.api.problems import PROBLEM_RESPONSES
from app.api.responses import json_response
from app.api.schemas import ClaimOut, Page
from app.store import queries
from app.store.resources import CLAIMS

ClaimId = Annotated[int, Path(description="The claim's id.", examples=[1], ge=1, le=2**31 - 1)]

router = APIRouter(prefix="/claims", tags=["claims"], responses=PROBLEM_RESPONSES)


@router.get(
    "",
    operation_id="list_claims",
    summary="List claims",
    description="What is asserted, by whom, with which stance. Filter by `claimant`, `kind`, `stance`, "
    "`score__gte`, ...; `claimant__isnull=true` for the articles' own claims.",
    response_model=Page[ClaimOut],
    openapi_extra=lists.openapi_parameters(CLAIMS),
)
async def list_claims(request: Request, settings: SettingsDep) -> Response:
    return await run_read(request, lists.respond, request, settings, CLAIMS)


@router.get("/{claim_id}", operation_id="get_claim", summary="One claim", response_model=ClaimOut)
async def get_claim(claim_id: ClaimId, request: Request) -> Response:
    claim = await run_read(request, queries.get_one, CLAIMS, claim_id)
    if claim is None:
        raise HTTPException(404, f"no claim with id {claim_id}")
    return json_response(request, claim)
