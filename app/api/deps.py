"""Dependencies, named once and used as types in the routes."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from app.config import Settings
from app.extract.pipeline import Extractor

_extractor_lock = threading.Lock()


async def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings


async def get_session(request: Request) -> AsyncIterator[Session]:
    """A session per request, opened on the event loop: creating one does not block, and an async
    dependency saves a thread-pool hop per request."""
    with Session(request.app.state.engine, expire_on_commit=False) as session:
        yield session


def get_extractor(request: Request) -> Extractor:
    """The pipeline, loaded on the first write only: a read-only server never pays for the model."""
    state = request.app.state
    if getattr(state, "extractor", None) is None:
        with _extractor_lock:
            if getattr(state, "extractor", None) is None:
                state.extractor = Extractor(state.settings.spacy_model)
    return state.extractor


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
SessionDep = Annotated[Session, Depends(get_session)]
ExtractorDep = Annotated[Extractor, Depends(get_extractor)]
