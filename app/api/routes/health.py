from __future__ import annotations

from fastapi import APIRouter, HTTPException

from app.api.deps import SessionDep, SettingsDep
from app.api.schemas import Health
from app.store import queries

router = APIRouter(tags=["health"])


@router.get("/health", operation_id="health", summary="Liveness and database check")
def health(session: SessionDep, settings: SettingsDep) -> Health:
    try:
        count = queries.count_articles(session)
    except Exception as exc:
        raise HTTPException(503, f"database unavailable: {str(exc).splitlines()[0]}") from exc
    return Health(status="ok", database="ok", articles=count, model=settings.spacy_model)
