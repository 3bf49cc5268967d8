"""Jobs' state in the database: queued → running → done or failed (with the reason), one short transaction
per step, so a poll from any server process sharing the database sees where a job is."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Connection, Engine

from app.store.models import Job

JOBS = Job.__table__
QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
KEEP_FINISHED = timedelta(days=7)  # how long a finished job can still be polled


def create_job(engine: Engine, kind: str) -> str:
    """A new queued job of `kind` ("article" or "batch"); its id, random and unguessable. Jobs finished
    more than KEEP_FINISHED ago are deleted on the way, so the table does not grow for ever."""
    job_id = uuid.uuid4().hex
    now = datetime.now(UTC)
    with engine.begin() as db:
        db.execute(delete(JOBS).where(JOBS.c.finished_at < now - KEEP_FINISHED))
        db.execute(JOBS.insert().values(id=job_id, kind=kind, status=QUEUED, created_at=now))
    return job_id


def start_job(engine: Engine, job_id: str) -> None:
    with engine.begin() as db:
        db.execute(
            update(JOBS)
            .where(JOBS.c.id == job_id, JOBS.c.status == QUEUED)
            .values(status=RUNNING, started_at=datetime.now(UTC))
        )


def finish_job(engine: Engine, job_id: str, result: dict[str, Any]) -> None:
    with engine.begin() as db:
        db.execute(
            update(JOBS)
            .where(JOBS.c.id == job_id, JOBS.c.status.in_((QUEUED, RUNNING)))
            .values(status=DONE, result=result, finished_at=datetime.now(UTC))
        )


def fail_jobs(engine: Engine, job_ids: Iterable[str], error: str) -> None:
    """Mark jobs that have not finished as failed, saying why."""
    ids = list(job_ids)
    if not ids:
        return
    with engine.begin() as db:
        db.execute(
            update(JOBS)
            .where(JOBS.c.id.in_(ids), JOBS.c.status.in_((QUEUED, RUNNING)))
            .values(status=FAILED, error=error, finished_at=datetime.now(UTC))
        )


def get_job(db: Connection, job_id: str) -> dict[str, Any] | None:
    row = db.execute(select(JOBS).where(JOBS.c.id == job_id)).mappings().first()
    return dict(row) if row is not None else None
