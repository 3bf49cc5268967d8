"""The FastAPI application: routers assembled, errors as problem details, one engine per process (and on
PostgreSQL a second one for reads, which carries the read time limit)."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
import anyio.to_thread
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app import explorer
from app.api import problems
from app.api.head import HeadAsGet
from app.api.jobs import JobQueue
from app.api.ratelimit import RateLimit
from app.api.routes import articles, batches, claims, entities, health, jobs, meta, quotes, sources, stats
from app.config import Settings, get_settings
from app.store.db import make_engine, make_read_engine

DESCRIPTION = """Structured data from English news: **who said what** (quotes and their speakers),
**who and what is mentioned** (entities) and **what is asserted** (claims).

Every list takes the same query syntax: `field=value` or `field__op=value` filters (`gt`, `gte`, `lt`, `lte`,
`not`, `in`, `notin`, `contains`, `startswith`, `isnull`), `q=` full-text search, `sort=`, `size=` and the
`next` link for pages, `count=true`, `facet=`, `fields=`, `include=`, and `format=csv|ndjson` exports.
Every error is `application/problem+json`."""


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Size the thread pool that runs the reads (anyio's default of 40 only adds contention; with reads on the
    event loop it is left to streamed exports); writes get a thread of their own."""
    threads = app.state.settings.read_threads()
    anyio.to_thread.current_default_thread_limiter().total_tokens = max(threads, 1)
    app.state.reads_on_loop = threads == 0
    app.state.write_limiter = anyio.CapacityLimiter(1)
    gc.collect()
    gc.freeze()  # the imports' objects, out of the collector's full passes (45 ms each over them)
    app.state.jobs.start()
    yield
    await app.state.jobs.close()
    app.state.read_engine.dispose()
    app.state.engine.dispose()


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(title="articles", version="0.1.0", description=DESCRIPTION, lifespan=lifespan)
    app.state.settings = settings
    app.state.engine = make_engine(settings.database_url)
    app.state.read_engine = make_read_engine(app.state.engine, settings.query_time_limit_ms)
    app.state.extractor = None
    app.state.jobs = JobQueue(app.state, settings.job_queue_size)
    problems.install(app)
    if settings.rate_limit_per_minute:
        app.add_middleware(RateLimit, settings=settings)
    origins = settings.cors_origin_list()
    if origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "HEAD", "POST", "PUT", "DELETE"],
            allow_headers=["X-API-Key", "Content-Type", "If-None-Match", "Prefer"],
            expose_headers=[
                "ETag",
                "Link",
                "Location",
                "Retry-After",
                "RateLimit",
                "RateLimit-Policy",
                "Preference-Applied",
            ],
        )
    app.add_middleware(HeadAsGet)
    for module in (batches, articles, quotes, entities, claims, stats, sources, health, meta, jobs):
        app.include_router(module.router)
    explorer.mount(app)
    return app
