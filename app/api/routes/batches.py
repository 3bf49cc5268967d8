"""`POST /articles:batch`: many articles in one request, each stored or refused on its own."""

from __future__ import annotations

import anyio.to_thread
from fastapi import APIRouter, Request, Response

from app.api.auth import WriterDep
from app.api.deps import ExtractorDep, SettingsDep, run_write
from app.api.jobs import accept, batch_view, defer, ingest_batch
from app.api.problems import PROBLEM_RESPONSES
from app.api.responses import json_response
from app.api.schemas import ArticleIn, BatchOut, JobOut
from app.api.submissions import parse_batch, read_body
from app.inputs.articles import ArticleInput

router = APIRouter(tags=["articles"], responses=PROBLEM_RESPONSES)

BATCH_BODY = {
    "requestBody": {
        "required": True,
        "description": "A JSON array of articles (each as `POST /articles` takes them as JSON), or "
        "NDJSON: one article object per line.",
        "content": {
            "application/json": {"schema": {"type": "array", "items": ArticleIn.model_json_schema()}},
            "application/x-ndjson": {"schema": {"type": "string"}},
        },
    }
}


@router.post(
    "/articles:batch",
    operation_id="create_articles_batch",
    summary="Ingest many articles",
    description="Every good item is stored, every bad one listed with its index and the reason; 200 with "
    "one result per item, in order. A batch whose texts total over ASYNC_THRESHOLD_CHARS characters (or "
    "any, with `Prefer: respond-async`) is answered 202 with a job to poll. At most MAX_BATCH_ITEMS items. "
    "Needs an X-API-Key.",
    response_model=BatchOut,
    responses={
        202: {"description": "Accepted: poll the job at Location", "model": JobOut},
        401: {},
        403: {},
        413: {},
        415: {},
        503: {"description": "The job queue is full: retry after Retry-After seconds"},
    },
    openapi_extra=BATCH_BODY,
)
async def create_articles_batch(
    request: Request, _: WriterDep, settings: SettingsDep, extractor: ExtractorDep
) -> Response:
    body = await read_body(request, settings.max_body_bytes)
    items = await anyio.to_thread.run_sync(parse_batch, request, body, settings.max_batch_items)
    work = ingest_batch(items)
    chars = sum(len(item.text) for item in items if isinstance(item, ArticleInput))
    if defer(request, chars, settings.async_threshold_chars):
        return await accept(request, "batch", work)
    result = await run_write(request, work, extractor, request.app.state.engine)
    return json_response(request, batch_view(request, result["items"]))
