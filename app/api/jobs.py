"""Long writes off the request: a large article or batch is answered 202 with a job to poll, and extracted by
one worker per server process from a bounded queue, on the process's write thread (never the event loop).

The queue holds the work in memory; the job's state is in the database (`app.store.jobs`), so a poll may reach
any process. A server that stops marks the jobs it still holds as failed, saying so.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Any

import anyio.to_thread
from fastapi import HTTPException, Request, Response
from sqlalchemy.engine import Engine

from app.api.deps import load_extractor, run_on_write_thread, run_read
from app.api.responses import json_response
from app.extract.pipeline import Extractor
from app.ingest import ingest_articles
from app.inputs.articles import ArticleInput, InputError
from app.store.jobs import create_job, fail_jobs, finish_job, get_job, start_job

RETRY_AFTER_SECONDS = 30
STOPPED = "the server stopped before the job finished; send the article again"
log = logging.getLogger(__name__)

Work = Callable[[Extractor, Engine], dict[str, Any]]


class JobFailed(Exception):
    """The job's input could not be stored; the message says why and becomes the job's `error`."""


def ingest_one(article: ArticleInput) -> Work:
    """Store one article: {"article_id", "status": "stored" | "exists"}."""

    def work(extractor: Extractor, engine: Engine) -> dict[str, Any]:
        (outcome,) = ingest_articles([article], extractor, engine)
        if outcome.article_id is None:
            raise JobFailed(outcome.error or "the article could not be stored")
        return {"article_id": outcome.article_id, "status": outcome.status}

    return work


def ingest_batch(items: list[ArticleInput | InputError]) -> Work:
    """Store every good item of a batch: {"items": [{"index", "status", "id", "error"}, ...]}, in order."""

    def work(extractor: Extractor, engine: Engine) -> dict[str, Any]:
        outcomes = ingest_articles(items, extractor, engine)
        return {
            "items": [
                {"index": index, "status": o.status, "id": o.article_id, "error": o.error}
                for index, o in enumerate(outcomes)
            ]
        }

    return work


def wants_async(request: Request) -> bool:
    """`Prefer: respond-async` (RFC 7240) asks for a job whatever the size."""
    return any(
        token.split(";")[0].strip().lower() == "respond-async"
        for header in request.headers.getlist("prefer")
        for token in header.split(",")
    )


class JobQueue:
    """At most `size` jobs waiting or running in this process; one worker takes them in order."""

    def __init__(self, state: Any, size: int) -> None:
        self.state = state
        self.size = size
        self.held: list[str] = []
        self.reserved = 0
        self.queue: asyncio.Queue[tuple[str, Work]] = asyncio.Queue()
        self.task: asyncio.Task | None = None

    def start(self) -> None:
        self.task = asyncio.get_running_loop().create_task(self._worker())

    async def close(self) -> None:
        """Stop the worker; the jobs not finished are failed with the reason."""
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task
        await anyio.to_thread.run_sync(fail_jobs, self.state.engine, list(self.held), STOPPED)

    async def submit(self, kind: str, work: Work) -> str:
        """Queue `work` as a new job and return its id; 503 with Retry-After when the queue is full."""
        if len(self.held) + self.reserved >= self.size:
            raise HTTPException(
                503,
                f"the job queue is full ({self.size} jobs, JOB_QUEUE_SIZE): retry later",
                {"Retry-After": str(RETRY_AFTER_SECONDS)},
            )
        self.reserved += 1  # the place is taken before the first await: no two requests take the last one
        try:
            job_id = await anyio.to_thread.run_sync(create_job, self.state.engine, kind)
        finally:
            self.reserved -= 1
        self.held.append(job_id)
        self.queue.put_nowait((job_id, work))
        return job_id

    async def _worker(self) -> None:
        while True:
            job_id, work = await self.queue.get()
            try:
                await run_on_write_thread(self.state, self._run, job_id, work)
            except Exception:
                log.exception("job %s could not be run", job_id)
            self.held.remove(job_id)  # not when cancelled: close() then fails the job

    def _run(self, job_id: str, work: Work) -> None:
        engine = self.state.engine
        start_job(engine, job_id)
        try:
            result = work(load_extractor(self.state), engine)
        except JobFailed as exc:
            fail_jobs(engine, [job_id], str(exc))
            return
        except Exception as exc:
            log.exception("job %s failed", job_id)
            fail_jobs(
                engine, [job_id], f"an internal error occurred ({type(exc).__name__}); it has been logged"
            )
            return
        finish_job(engine, job_id, result)


def defer(request: Request, chars: int, threshold: int) -> bool:
    """Whether a write of `chars` characters of text runs as a job: over the threshold, or when asked."""
    return chars > threshold or wants_async(request)


def batch_view(request: Request, items: list[dict[str, Any]]) -> dict[str, Any]:
    """A batch's per-item results with each stored article's URL, and the counts."""
    out = [
        {**item, "url": str(request.url_for("get_article", article_id=item["id"])) if item["id"] else None}
        for item in items
    ]
    counts = {
        status: sum(item["status"] == status for item in out) for status in ("stored", "exists", "failed")
    }
    return {**counts, "items": out}


def job_view(request: Request, job: dict[str, Any]) -> dict[str, Any]:
    """A job as `GET /jobs/{id}` shows it: its state and, once done, the article or the batch's results."""
    result = job["result"] or {}
    article = None
    if job["kind"] == "article" and "article_id" in result:
        url = str(request.url_for("get_article", article_id=result["article_id"]))
        article = {"id": result["article_id"], "url": url, "status": result["status"]}
    batch = batch_view(request, result["items"]) if "items" in result else None
    fields = ("id", "kind", "status", "created_at", "started_at", "finished_at", "error")
    return {**{name: job[name] for name in fields}, "article": article, "batch": batch}


async def accept(request: Request, kind: str, work: Work) -> Response:
    """Queue `work` and answer 202 with the job and its URL (Location) to poll."""
    job_id = await request.app.state.jobs.submit(kind, work)
    job = await run_read(request, get_job, job_id)
    headers = {"Location": str(request.url_for("get_job", job_id=job_id))}
    if wants_async(request):
        headers["Preference-Applied"] = "respond-async"
    return json_response(request, job_view(request, job), status_code=202, headers=headers)
