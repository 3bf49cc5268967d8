"""Dependencies, named once and used as types in the routes."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Callable
from functools import partial
from typing import Annotated, Any, TypeVar

import anyio
import anyio.to_thread
from fastapi import Depends, Request
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session

from app.config import Settings
from app.extract.pipeline import Extractor
from app.store.db import reconnecting
from app.store.timelimit import time_limit

_extractor_lock = threading.Lock()
T = TypeVar("T")


async def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings


async def get_session(request: Request) -> AsyncIterator[Session]:
    """A session per request, opened on the event loop: creating one does not block, and an async
    dependency saves a thread-pool hop per request."""
    with Session(request.app.state.engine, expire_on_commit=False) as session:
        yield session


def _write_limiter(state: Any) -> anyio.CapacityLimiter:
    if getattr(state, "write_limiter", None) is None:
        state.write_limiter = anyio.CapacityLimiter(1)
    return state.write_limiter


async def run_on_write_thread(state: Any, func: Callable[..., T], *args: Any) -> T:
    """Run a write's blocking work on the process's one write thread: a model loading or an article being
    parsed never holds the few threads the reads run on, nor the event loop."""
    return await anyio.to_thread.run_sync(partial(func, *args), limiter=_write_limiter(state))


async def run_write(request: Request, func: Callable[..., T], *args: Any) -> T:
    return await run_on_write_thread(request.app.state, func, *args)


def _read(engine: Engine, limit_ms: int, func: Callable[..., T], args: tuple[Any, ...]) -> T:
    # A Core connection: a Session's bookkeeping cost a fifth of a one-row read, and a dependency with
    # `yield` as much again
    def read(db: Connection) -> T:
        with time_limit(db, limit_ms):
            return func(db, *args)

    return reconnecting(engine, read)


async def run_read(request: Request, func: Callable[..., T], *args: Any) -> T:
    """`func(connection, *args)`: on the event loop when the settings say so (SQLite: the query holds the CPU
    either way, and the hop to a thread and back costs a quarter of a small request), else on the read
    threads."""
    state = request.app.state
    engine, limit_ms = state.read_engine, state.settings.query_time_limit_ms
    if getattr(state, "reads_on_loop", False):
        # Yield once first, so requests read meanwhile queue behind this one in order: without it, a
        # loaded server's p99 doubled in our measurements.
        await asyncio.sleep(0)  # asyncio's own: anyio's looks up the running library first, on every call
        return _read(engine, limit_ms, func, args)
    return await anyio.to_thread.run_sync(_read, engine, limit_ms, func, args)


def load_extractor(state: Any) -> Extractor:
    if getattr(state, "extractor", None) is None:
        with _extractor_lock:
            if getattr(state, "extractor", None) is None:
                state.extractor = Extractor(state.settings.spacy_model)
    return state.extractor


async def get_extractor(request: Request) -> Extractor:
    """The pipeline, loaded on the first write only: a read-only server never pays for the model."""
    state = request.app.state
    if getattr(state, "extractor", None) is not None:
        return state.extractor
    return await run_write(request, load_extractor, state)


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
SessionDep = Annotated[Session, Depends(get_session)]
ExtractorDep = Annotated[Extractor, Depends(get_extractor)]
