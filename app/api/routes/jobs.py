from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request, Response

from app.api.deps import run_read
from app.api.jobs import job_view
from app.api.problems import PROBLEM_RESPONSES
from app.api.responses import json_response
from app.api.schemas import JobOut
from app.store.jobs import get_job

JobId = Annotated[str, Path(description="The job's id, from the 202's Location.", pattern="^[0-9a-f]{32}$")]

router = APIRouter(prefix="/jobs", tags=["jobs"], responses=PROBLEM_RESPONSES)


@router.get(
    "/{job_id}",
    operation_id="get_job",
    name="get_job",
    summary="A write's job: queued, running, done (with the article) or failed (with the reason)",
    response_model=JobOut,
)
async def get_job_route(job_id: JobId, request: Request) -> Response:
    job = await run_read(request, get_job, job_id)
    if job is None:
        raise HTTPException(404, f"no job with id {job_id}")
    return json_response(request, job_view(request, job))
