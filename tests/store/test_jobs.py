from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from app.store.jobs import JOBS, KEEP_FINISHED, create_job, fail_jobs, finish_job, get_job, start_job


def test_a_job_goes_from_queued_to_running_to_done_with_its_result(engine) -> None:
    job_id = create_job(engine, "article")
    with engine.connect() as db:
        assert get_job(db, job_id)["status"] == "queued"
    start_job(engine, job_id)
    finish_job(engine, job_id, {"article_id": 3, "status": "stored"})
    with engine.connect() as db:
        job = get_job(db, job_id)
    assert (job["status"], job["error"]) == ("done", None)
    assert job["result"] == {"article_id": 3, "status": "stored"}
    assert job["started_at"] is not None and job["finished_at"] is not None


def test_a_finished_job_is_not_failed_afterwards(engine) -> None:
    job_id = create_job(engine, "article")
    finish_job(engine, job_id, {"article_id": 1, "status": "exists"})
    fail_jobs(engine, [job_id], "too late")
    with engine.connect() as db:
        assert get_job(db, job_id)["status"] == "done"


def test_jobs_finished_long_ago_are_deleted_when_a_job_is_created(engine) -> None:
    old, recent = create_job(engine, "batch"), create_job(engine, "batch")
    fail_jobs(engine, [old, recent], "stopped")
    with engine.begin() as db:
        long_ago = datetime.now(UTC) - KEEP_FINISHED - timedelta(hours=1)
        db.execute(update(JOBS).where(JOBS.c.id == old).values(finished_at=long_ago))
    create_job(engine, "article")
    with engine.connect() as db:
        assert get_job(db, old) is None and get_job(db, recent)["status"] == "failed"
