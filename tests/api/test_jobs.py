"""Long writes off the request: 202 with a job, a bounded queue, state any server process can read."""

import threading
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.api.jobs import STOPPED
from app.api.main import create_app
from app.store.jobs import get_job
from tests.conftest import settings_for

KEY = "job-key"
TEXT = "Mayor Jane Smith said on Monday that the bridge would reopen in May.\n“It is safe,” Smith said."
LONG = TEXT + "\n" + " ".join(["The council met again on Tuesday and said the work went on."] * 4)
THRESHOLD = 200  # characters: TEXT is under it, LONG over


def _app(database_url: str, extractor, **settings):
    update = {"api_keys": KEY, "async_threshold_chars": THRESHOLD, **settings}
    app = create_app(settings_for(database_url).model_copy(update=update))
    app.state.extractor = extractor
    return app


@pytest.fixture
def client(database_url: str, extractor) -> Iterator[TestClient]:
    app = _app(database_url, extractor)
    with TestClient(app, raise_server_exceptions=False, headers={"X-API-Key": KEY}) as test_client:
        yield test_client
    app.state.engine.dispose()


def finished(client: TestClient, url: str) -> dict:
    """The job once it is done or failed (polled as a client would; the test waits on the outcome)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job = client.get(url).json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"the job at {url} never finished")


class _HeldExtractor:
    """The real pipeline, parsing only once the test lets it, or failing when told to."""

    def __init__(self, extractor, fail: bool = False) -> None:
        self.extractor = extractor
        self.version = extractor.version
        self.fail = fail
        self.started = threading.Event()
        self.release = threading.Event()

    def extract_many(self, articles):
        self.started.set()
        assert self.release.wait(60), "the test never released the extraction"
        if self.fail:
            raise ValueError("the parser broke")
        return self.extractor.extract_many(articles)


def test_a_text_over_the_threshold_is_answered_202_and_its_job_ends_with_the_article(
    client: TestClient,
) -> None:
    accepted = client.post("/articles", json={"text": LONG, "title": "Bridge"})
    assert accepted.status_code == 202
    job = accepted.json()
    assert job["status"] in ("queued", "running") and job["kind"] == "article"
    assert accepted.headers["location"].endswith(f"/jobs/{job['id']}")
    done = finished(client, accepted.headers["location"])
    assert done["status"] == "done" and done["error"] is None
    assert done["article"]["status"] == "stored"
    article = client.get(done["article"]["url"]).json()
    assert article["text"] == LONG and article["title"] == "Bridge" and article["quotes"]


def test_a_text_under_the_threshold_is_still_answered_201_at_once(client: TestClient) -> None:
    response = client.post("/articles", json={"text": TEXT})
    assert response.status_code == 201 and response.json()["text"] == TEXT


def test_prefer_respond_async_makes_a_job_of_a_small_post(client: TestClient) -> None:
    accepted = client.post("/articles", json={"text": TEXT}, headers={"Prefer": "respond-async, wait=5"})
    assert accepted.status_code == 202
    assert accepted.headers["preference-applied"] == "respond-async"
    assert finished(client, accepted.headers["location"])["article"]["status"] == "stored"


def test_a_job_is_polled_from_another_server_process_sharing_the_database(
    database_url: str, extractor, client: TestClient
) -> None:
    location = client.post("/articles", json={"text": LONG}).headers["location"]
    finished(client, location)
    other = _app(database_url, extractor)
    with TestClient(other) as elsewhere:
        job = elsewhere.get(location.replace(str(client.base_url), ""))
    other.state.engine.dispose()
    assert job.status_code == 200 and job.json()["status"] == "done"


def test_reads_are_served_while_a_job_is_extracted_and_a_full_queue_answers_503(
    database_url: str, extractor
) -> None:
    app = _app(database_url, extractor, job_queue_size=1)
    held = app.state.extractor = _HeldExtractor(extractor)
    with TestClient(app, headers={"X-API-Key": KEY}) as client:
        location = client.post("/articles", json={"text": LONG}).headers["location"]
        assert held.started.wait(60)
        assert client.get(location).json()["status"] == "running"
        assert client.get("/health").status_code == 200
        refused = client.post("/articles", json={"text": LONG + " Again."})
        assert refused.status_code == 503
        assert refused.headers["retry-after"].isdigit()
        assert "JOB_QUEUE_SIZE" in refused.json()["detail"]
        held.release.set()
        assert finished(client, location)["status"] == "done"
        assert len(client.get("/articles").json()["items"]) == 1
    app.state.engine.dispose()


def test_a_job_that_fails_records_the_reason_and_stores_nothing(database_url: str, extractor) -> None:
    app = _app(database_url, extractor)
    held = app.state.extractor = _HeldExtractor(extractor, fail=True)
    held.release.set()
    with TestClient(app, headers={"X-API-Key": KEY}) as client:
        job = finished(client, client.post("/articles", json={"text": LONG}).headers["location"])
        assert client.get("/articles").json()["items"] == []
    app.state.engine.dispose()
    assert job["status"] == "failed" and job["article"] is None
    assert job["error"] == "an internal error occurred (ValueError); it has been logged"


def test_a_large_batch_is_a_job_whose_result_lists_every_item(client: TestClient) -> None:
    accepted = client.post("/articles:batch", json=[{"text": LONG}, {"text": ""}])
    assert accepted.status_code == 202 and accepted.json()["kind"] == "batch"
    batch = finished(client, accepted.headers["location"])["batch"]
    assert (batch["stored"], batch["failed"]) == (1, 1)
    assert [(i["index"], i["status"], i["error"]) for i in batch["items"]] == [
        (0, "stored", None),
        (1, "failed", "the text is empty"),
    ]


def test_an_unknown_job_is_404(client: TestClient) -> None:
    response = client.get("/jobs/" + "0" * 32)
    assert response.status_code == 404 and response.json()["detail"] == f"no job with id {'0' * 32}"


def test_a_server_that_stops_fails_the_jobs_it_still_holds_saying_so(database_url: str, extractor) -> None:
    app = _app(database_url, extractor, job_queue_size=2)
    held = app.state.extractor = _HeldExtractor(extractor)
    with TestClient(app, headers={"X-API-Key": KEY}) as client:
        running = client.post("/articles", json={"text": LONG}).json()["id"]
        assert held.started.wait(60)
        waiting = client.post("/articles", json={"text": LONG + " Again."}).json()["id"]
    held.fail = True  # the extraction the stopped server left behind ends, storing nothing
    held.release.set()
    with app.state.engine.connect() as db:
        jobs = [get_job(db, running), get_job(db, waiting)]
    app.state.engine.dispose()
    assert [(job["status"], job["error"]) for job in jobs] == [("failed", STOPPED)] * 2
