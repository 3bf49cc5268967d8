from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.api.main import create_app
from tests.conftest import settings_for

KEY = "sources-key"
FEED = "https://news.example/rss.xml"


@pytest.fixture
def client(database_url: str) -> Iterator[TestClient]:
    app = create_app(settings_for(database_url).model_copy(update={"api_keys": KEY}))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client
    app.state.engine.dispose()


def test_a_source_is_added_with_a_key_then_listed_with_its_state(client: TestClient) -> None:
    created = client.post("/sources", json={"url": FEED}, headers={"X-API-Key": KEY})
    assert created.status_code == 201
    source = created.json()
    assert created.headers["location"].endswith(f"/sources/{source['id']}")
    assert source["url"] == FEED and source["article_count"] == 0 and source["last_polled_at"] is None
    assert source["added_at"].endswith(("+00:00", "Z"))
    assert client.get("/sources").json() == [source]
    assert client.get(f"/sources/{source['id']}").json() == source


def test_adding_a_source_twice_answers_200_with_the_one_there(client: TestClient) -> None:
    first = client.post("/sources", json={"url": FEED}, headers={"X-API-Key": KEY})
    again = client.post("/sources", json={"url": FEED}, headers={"X-API-Key": KEY})
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]


def test_writing_needs_a_key(client: TestClient) -> None:
    assert client.post("/sources", json={"url": FEED}).status_code == 401
    assert client.post("/sources", json={"url": FEED}, headers={"X-API-Key": "wrong"}).status_code == 403
    assert client.get("/sources").json() == []


def test_a_url_that_is_not_http_is_refused_as_a_problem(client: TestClient) -> None:
    response = client.post("/sources", json={"url": "file:///etc/passwd"}, headers={"X-API-Key": KEY})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "url: not an absolute http(s) URL" in response.json()["detail"]


def test_a_source_is_deleted_with_a_key(client: TestClient) -> None:
    source_id = client.post("/sources", json={"url": FEED}, headers={"X-API-Key": KEY}).json()["id"]
    assert client.delete(f"/sources/{source_id}").status_code == 401
    assert client.delete(f"/sources/{source_id}", headers={"X-API-Key": KEY}).status_code == 204
    assert client.delete(f"/sources/{source_id}", headers={"X-API-Key": KEY}).status_code == 404
    assert client.get(f"/sources/{source_id}").status_code == 404
