from __future__ import annotations

from typing import Annotated

import anyio.to_thread
from fastapi import APIRouter, HTTPException, Path, Request, Response

from app.api import lists
from app.api.auth import WriterDep
from app.api.deps import ExtractorDep, SessionDep, SettingsDep, run_read, run_write
from app.api.jobs import JobFailed, accept, defer, ingest_one
from app.api.problems import PROBLEM_RESPONSES
from app.api.responses import json_response
from app.api.schemas import ArticleDetail, ArticleIn, ArticleOut, JobOut, Page
from app.api.submissions import parse_submission, read_body
from app.reextract import correct
from app.store import queries
from app.store.reextraction import TextTaken
from app.store.resources import ARTICLES

ArticleId = Annotated[int, Path(description="The article's id.", examples=[1], ge=1, le=2**31 - 1)]

router = APIRouter(prefix="/articles", tags=["articles"], responses=PROBLEM_RESPONSES)


@router.get(
    "",
    operation_id="list_articles",
    summary="List articles",
    description="Articles with their metadata (`include=text` adds the text). Filter by `source`, "
    "`published__gte`/`published__lte`, `entity`, ...; search with `q`.",
    response_model=Page[ArticleOut],
    openapi_extra=lists.openapi_parameters(ARTICLES),
)
async def list_articles(request: Request, settings: SettingsDep) -> Response:
    return await run_read(request, lists.respond, request, settings, ARTICLES)


@router.get(
    "/{article_id}",
    operation_id="get_article",
    summary="One article with its text, quotes, entities and claims",
    response_model=ArticleDetail,
)
async def get_article(article_id: ArticleId, request: Request) -> Response:
    article = await run_read(request, queries.article_detail, article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id}")
    return json_response(request, article)


WRITE_BODY = {
    "requestBody": {
        "required": True,
        "description": "The article as JSON (`text` or `html`, plus metadata), or its raw text/plain or "
        "text/html with metadata (title, url, published, source, author) in the query string.",
        "content": {
            "application/json": {"schema": ArticleIn.model_json_schema()},
            "text/plain": {
                "schema": {"type": "string"},
                "example": "Officials said the bridge would reopen.",
            },
            "text/html": {"schema": {"type": "string"}},
        },
    }
}


@router.post(
    "",
    operation_id="create_article",
    summary="Ingest one article",
    description="Extracts and stores the article: 201 with the stored article, or 200 with the one already "
    "stored when the same text was sent before. A text over ASYNC_THRESHOLD_CHARS characters (or any, with "
    "`Prefer: respond-async`) is answered 202 with a job to poll at its Location. Needs an X-API-Key.",
    status_code=201,
    response_model=ArticleDetail,
    responses={
        200: {"description": "Already stored", "model": ArticleDetail},
        202: {"description": "Accepted: poll the job at Location", "model": JobOut},
        401: {},
        403: {},
        413: {},
        415: {},
        503: {"description": "The job queue is full: retry after Retry-After seconds"},
    },
    openapi_extra=WRITE_BODY,
)
async def create_article(
    request: Request, _: WriterDep, settings: SettingsDep, extractor: ExtractorDep
) -> Response:
    body = await read_body(request, settings.max_body_bytes)
    article = await anyio.to_thread.run_sync(parse_submission, request, body)  # trafilatura: off the loop
    work = ingest_one(article)
    if defer(request, len(article.text), settings.async_threshold_chars):
        return await accept(request, "article", work)
    try:
        result = await run_write(request, work, extractor, request.app.state.engine)
    except JobFailed as exc:
        raise HTTPException(422, str(exc)) from None
    detail = await run_read(request, queries.article_detail, result["article_id"])
    created = result["status"] == "stored"
    location = {"Location": str(request.url_for("get_article", article_id=result["article_id"]))}
    return json_response(request, detail, status_code=201 if created else 200, headers=location)


@router.put(
    "/{article_id}",
    operation_id="correct_article",
    summary="Correct an article: replace its text and metadata, and re-extract it",
    description="Takes the same bodies as POST. Replaces the stored text and metadata, re-extracts it in the "
    "same transaction and answers with the new extraction. Entities still named keep their ids, and quotes "
    "and claims over an unchanged span keep theirs. 409 if another article already has this text. Needs an "
    "X-API-Key.",
    response_model=ArticleDetail,
    responses={401: {}, 403: {}, 409: {"description": "Another article has this text"}, 413: {}, 415: {}},
    openapi_extra=WRITE_BODY,
)
async def correct_article(
    article_id: ArticleId, request: Request, _: WriterDep, settings: SettingsDep, extractor: ExtractorDep
) -> Response:
    article = parse_submission(request, await read_body(request, settings.max_body_bytes))
    try:
        found = await run_write(request, correct, request.app.state.engine, extractor, article_id, article)
    except TextTaken as exc:
        raise HTTPException(409, f"{exc}: correct that one, or delete it first") from None
    if not found:
        raise HTTPException(404, f"no article with id {article_id}")
    return json_response(request, await run_read(request, queries.article_detail, article_id))


@router.delete(
    "/{article_id}",
    operation_id="delete_article",
    summary="Delete an article and everything extracted from it",
    status_code=204,
    responses={401: {}, 403: {}},
)
def delete_article(article_id: ArticleId, _: WriterDep, session: SessionDep) -> Response:
    if not queries.delete_article(session, article_id):
        raise HTTPException(404, f"no article with id {article_id}")
    return Response(status_code=204)
