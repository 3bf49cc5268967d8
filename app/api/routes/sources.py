from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request, Response

from app.api.auth import WriterDep
from app.api.deps import run_read, run_write
from app.api.problems import PROBLEM_RESPONSES
from app.api.responses import json_response
from app.api.schemas import SourceIn, SourceOut
from app.sources.fetcher import FetchError, check_url
from app.store import sources

SourceId = Annotated[int, Path(description="The source's id.", examples=[1], ge=1, le=2**31 - 1)]

router = APIRouter(prefix="/sources", tags=["sources"], responses=PROBLEM_RESPONSES)


@router.get(
    "",
    operation_id="list_sources",
    summary="List the feeds and sitemaps `articles watch` polls",
    description="Each with its last poll, last error and how many articles it brought.",
    response_model=list[SourceOut],
)
async def list_sources(request: Request) -> Response:
    return json_response(request, await run_read(request, sources.list_sources))


@router.get("/{source_id}", operation_id="get_source", summary="One source", response_model=SourceOut)
async def get_source(source_id: SourceId, request: Request) -> Response:
    source = await run_read(request, sources.get_source, source_id)
    if source is None:
        raise HTTPException(404, f"no source with id {source_id}")
    return json_response(request, source)


@router.post(
    "",
    operation_id="create_source",
    summary="Add a feed or sitemap",
    description="201 with the new source, or 200 with the one already there. Needs an X-API-Key.",
    status_code=201,
    response_model=SourceOut,
    responses={200: {"description": "Already there", "model": SourceOut}, 401: {}, 403: {}},
)
async def create_source(body: SourceIn, request: Request, _: WriterDep) -> Response:
    try:
        url = check_url(body.url)
    except FetchError as exc:
        raise HTTPException(422, {"parameter": "url", "message": exc.message}) from None
    engine = request.app.state.engine
    source_id, created = await run_write(
        request, sources.in_transaction, engine, sources.add_source, url, datetime.now(UTC)
    )
    source = await run_read(request, sources.get_source, source_id)
    location = {"Location": str(request.url_for("get_source", source_id=source_id))}
    return json_response(request, source, status_code=201 if created else 200, headers=location)


@router.delete(
    "/{source_id}",
    operation_id="delete_source",
    summary="Stop polling a source",
    description="The URLs it listed stay known, so none is fetched again. Needs an X-API-Key.",
    status_code=204,
    responses={401: {}, 403: {}},
)
async def delete_source(source_id: SourceId, request: Request, _: WriterDep) -> Response:
    engine = request.app.state.engine
    if not await run_write(request, sources.in_transaction, engine, sources.delete_source, source_id):
        raise HTTPException(404, f"no source with id {source_id}")
    return Response(status_code=204)
