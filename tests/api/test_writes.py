import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from app.api import lists
from app.api.main import create_app
from app.store import sources
from app.store.listing import stream
from app.store.sources import add_source
from tests.conftest import settings_for

KEY = "test-key-123"
TEXT = "Mayor Jane Smith said on Monday that the bridge would reopen in May.\n“It is safe,” Smith said."


@pytest.fixture
def writer(database_url: str, extractor) -> Iterator[TestClient]:
    settings = settings_for(database_url).model_copy(update={"api_keys": KEY, "max_body_bytes": 10_000})
    app = create_app(settings)
    app.state.extractor = extractor
    with TestClient(app, raise_server_exceptions=False, headers={"X-API-Key": KEY}) as client:
        yield client
    app.state.engine.dispose()


def test_post_json_stores_and_extracts(writer: TestClient) -> None:
    response = writer.post("/articles", json={"text": TEXT, "title": "Bridge", "published": "2024-05-06"})
    assert response.status_code == 201
    article = response.json()
    assert article["text"] == TEXT and article["title"] == "Bridge"
    assert response.headers["location"].endswith(f"/articles/{article['id']}")
    assert "Jane Smith" in {e["name"] for e in article["entities"]}
    assert writer.get(f"/articles/{article['id']}").json() == article


def test_posting_the_same_text_again_answers_200_with_the_stored_one(writer: TestClient) -> None:
    first = writer.post("/articles", json={"text": TEXT})
    again = writer.post("/articles", json={"text": TEXT, "title": "Other"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]


def test_post_plain_text_with_metadata_in_the_query(writer: TestClient) -> None:
    response = writer.post(
        "/articles?source=Example%20Wire",
        content=TEXT.encode(),
        headers={"Content-Type": "text/plain; charset=utf-8"},
    )
    assert response.status_code == 201
    assert response.json()["source"] == "Example Wire"


@pytest.mark.parametrize(
    ("body", "content_type", "status", "detail"),
    [
        (b"", "application/json", 422, "the body is empty"),
        (b"{broken", "application/json", 422, "not valid JSON"),
        (b'{"title": "no text"}', "application/json", 422, '"text" is missing'),
        (b'{"text": "   "}', "application/json", 422, "the text is empty"),
        (b"\x00\x01\x02", "text/plain", 415, "binary"),
        (b"caf\xe9", "text/plain", 415, "not valid UTF-8"),
        (b"x" * 10_001, "text/plain", 413, "limit"),
        (b"a,b", "text/csv", 415, "cannot read 'text/csv'"),
    ],
)
def test_bad_bodies_get_a_4xx_that_says_why(
    writer: TestClient, body: bytes, content_type: str, status: int, detail: str
) -> None:
    response = writer.post("/articles", content=body, headers={"Content-Type": content_type})
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert detail in response.json()["detail"]
    assert writer.get("/articles").json()["items"] == []


def test_delete_removes_the_article_and_its_extraction(writer: TestClient) -> None:
    article = writer.post("/articles", json={"text": TEXT}).json()
    assert writer.get("/quotes", params={"article_id": article["id"]}).json()["items"]
    assert writer.delete(f"/articles/{article['id']}").status_code == 204
    assert writer.get(f"/articles/{article['id']}").status_code == 404
    assert writer.get("/quotes", params={"article_id": article["id"]}).json()["items"] == []
    assert writer.get("/quotes", params={"q": "safe"}).json()["items"] == []
    assert writer.delete(f"/articles/{article['id']}").status_code == 404


def test_writes_need_the_key(writer: TestClient) -> None:
    missing = writer.post("/articles", json={"text": TEXT}, headers={"X-API-Key": ""})
    wrong = writer.post("/articles", json={"text": TEXT}, headers={"X-API-Key": "nope"})
    assert (missing.status_code, wrong.status_code) == (401, 403)
    assert writer.delete("/articles/1", headers={"X-API-Key": "nope"}).status_code == 403


def test_writes_are_refused_when_no_key_is_configured(database_url: str) -> None:
    with TestClient(create_app(settings_for(database_url))) as client:
        response = client.post("/articles", json={"text": TEXT})
        assert response.status_code == 403
        assert "API_KEYS" in response.json()["detail"]


class _HeldExtractor:
    """Parses with the real pipeline, but only once the test lets it: a write caught mid-extraction."""

    def __init__(self, extractor) -> None:
        self.extractor = extractor
        self.version = extractor.version
        self.started = threading.Event()
        self.release = threading.Event()

    def extract_many(self, articles):
        self.started.set()
        assert self.release.wait(30), "the test never released the extraction"
        return self.extractor.extract_many(articles)


@pytest.mark.parametrize("threads", [0, 1])
def test_reads_are_served_while_a_write_is_being_extracted(
    database_url: str, extractor, threads: int
) -> None:
    settings = settings_for(database_url).model_copy(update={"api_keys": KEY, "request_threads": threads})
    app = create_app(settings)
    held = app.state.extractor = _HeldExtractor(extractor)
    events: list[str] = []
    with TestClient(app, headers={"X-API-Key": KEY}) as client, ThreadPoolExecutor(1) as pool:
        posted = pool.submit(client.post, "/articles", json={"text": TEXT})
        assert held.started.wait(30)
        assert client.get("/quotes").status_code == 200
        events.append("read")
        held.release.set()
        assert posted.result().status_code == 201
        events.append("written")
    app.state.engine.dispose()
    assert events == ["read", "written"]


def test_writes_are_not_held_to_the_read_time_limit(database_url: str, extractor) -> None:
    settings = settings_for(database_url).model_copy(update={"api_keys": KEY, "query_time_limit_ms": 50})
    app = create_app(settings)
    app.state.extractor = extractor
    long_text = " ".join([TEXT] * 40)
    with TestClient(app, headers={"X-API-Key": KEY}) as client:
        response = client.post("/articles", json={"text": long_text})
    app.state.engine.dispose()
    assert response.status_code == 201 and response.json()["quotes"]


COUNT_TO_A_MILLION = text(
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000) SELECT count(*) FROM c"
)


def test_a_long_write_and_a_long_export_outlast_the_read_time_limit(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Both run on the engine without the read limit: each spends over 50 ms in one statement (0.65 s on
    # PostgreSQL here) and still ends well.
    def slow_add(connection, *args):
        assert connection.execute(COUNT_TO_A_MILLION).scalar() == 1_000_000
        return add_source(connection, *args)

    def slow_stream(db, *args, **kwargs):
        assert db.execute(COUNT_TO_A_MILLION).scalar() == 1_000_000
        yield from stream(db, *args, **kwargs)

    monkeypatch.setattr(sources, "add_source", slow_add)
    monkeypatch.setattr(lists, "stream", slow_stream)
    settings = settings_for(database_url).model_copy(update={"api_keys": KEY, "query_time_limit_ms": 50})
    app = create_app(settings)
    with TestClient(app, headers={"X-API-Key": KEY}) as client:
        added = client.post("/sources", json={"url": "https://example.com/feed.xml"})
        exported = client.get("/quotes?format=ndjson")
    assert added.status_code == 201
    assert exported.status_code == 200 and exported.text == ""
