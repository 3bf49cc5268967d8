from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request, Response

from app.api.deps import SessionDep
from app.api.pagination import WindowDep, page_links
from app.api.problems import PROBLEM_RESPONSES
from app.api.representations import claim_out
from app.api.schemas import ClaimOut, Page
from app.store import queries

router = APIRouter(prefix="/claims", tags=["claims"], responses=PROBLEM_RESPONSES)


@router.get("", operation_id="list_claims", summary="List claims")
def list_claims(
    request: Request,
    response: Response,
    session: SessionDep,
    window: WindowDep,
    claimant: Annotated[
        str | None, Query(description="Who makes the claim, by any of their names.", examples=["Putin"])
    ] = None,
    kind: Annotated[
        Literal["attributed", "statistic", "factual"] | None, Query(description="Kind of claim.")
    ] = None,
    stance: Annotated[
        Literal["asserts", "denies", "accuses", "alleges"] | None, Query(description="The claimant's stance.")
    ] = None,
    article_id: Annotated[int | None, Query(description="Claims of one article.", examples=[1])] = None,
) -> Page[ClaimOut]:
    page = queries.list_claims(session, window, claimant, kind, stance, article_id)
    next_url, cursor = page_links(request, response, page)
    return Page(items=[claim_out(c, n) for c, n in page.rows], next=next_url, next_cursor=cursor)


@router.get("/{claim_id}", operation_id="get_claim", summary="One claim")
def get_claim(claim_id: int, session: SessionDep) -> ClaimOut:
    row = queries.get_claim(session, claim_id)
    if row is None:
        raise HTTPException(404, f"no claim with id {claim_id}")
    return claim_out(*row)
