from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response
from sqlalchemy import text
from sqlalchemy.engine import Connection

from app.api.deps import SettingsDep, run_read
from app.api.responses import json_response
from app.api.schemas import Health

router = APIRouter(tags=["health"])


def _ping(db: Connection) -> None:
    db.execute(text("SELECT 1"))


@router.get(
    "/health",
    operation_id="health",
    summary="Liveness and database check",
    description="Answers 200 when the database answers, 503 when it does not. Cheap enough to poll.",
    response_model=Health,
    responses={503: {"description": "The database is unavailable"}},
)
async def health(request: Request, settings: SettingsDep) -> Response:
    try:
        await run_read(request, _ping)
    except Exception as exc:
        raise HTTPException(503, f"database unavailable: {str(exc).splitlines()[0]}") from exc
    return json_response(request, {"status": "ok", "database": "ok", "model": settings.spacy_model})
