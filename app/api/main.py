"""The FastAPI application: routers assembled, errors as problem details, one engine per process."""

from __future__ import annotations

from fastapi import FastAPI

from app.api import problems
from app.api.routes import articles, claims, entities, health, quotes
from app.config import Settings, get_settings
from app.store.db import make_engine

DESCRIPTION = """Structured data from English news: **who said what** (quotes and their speakers),
**who and what is mentioned** (entities) and **what is asserted** (claims).
Every list is filterable and paged with a cursor; every error is `application/problem+json`."""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(title="articles", version="0.1.0", description=DESCRIPTION)
    app.state.settings = settings
    app.state.engine = make_engine(settings.database_url)
    problems.install(app)
    for module in (articles, quotes, entities, claims, health):
        app.include_router(module.router)
    return app
