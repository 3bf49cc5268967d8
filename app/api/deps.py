"""Dependencies, named once and used as types in the routes."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable
from functools import partial
from typing import Annotated, Any, TypeVar

import anyio
import anyio.to_thread
from fastapi import Depends, Request
from sqlmodel import Session

from app.config import Settings
from app.extract.pipeline import Extractor

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


async def run_write(request: Request, func: Callable[..., T], *args: Any) -> T:
    """Run a write's blocking work on the process's one write thread: a model loading or an article being
    parsed never holds the few threads the reads run on."""
    return await anyio.to_thread.run_sync(partial(func, *args), limiter=_write_limiter(request.app.state))


def _load_extractor(state: Any) -> Extractor:
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
    return await run_write(request, _load_extractor, state)


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
SessionDep = Annotated[Session, Depends(get_session)]
ExtractorDep = Annotated[Extractor, Depends(get_extractor)]
