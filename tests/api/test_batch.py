"""`POST /articles:batch`: each item stored or refused on its own, with its index and the reason."""

from collections.abc import Iterator

import orjson
import pytest
from fastapi.testclient import TestClient

from app.api.main import create_app
from tests.conftest import settings_for

KEY = "batch-key"
FIRST = "Mayor Jane Smith said on Monday that the bridge would reopen in May."
SECOND = "“The road is closed,” police spokesman Tom Reed said on Tuesday."


@pytest.fixture
def client(database_url: str, extractor) -> Iterator[TestClient]:
    settings = settings_for(database_url).model_copy(update={"api_keys": KEY, "max_batch_items": 5})
    app = create_app(settings)
    app.state.extractor = extractor
    with TestClient(app, raise_server_exceptions=False, headers={"X-API-Key": KEY}) as test_client:
        yield test_client
    app.state.engine.dispose()


def test_good_items_are_stored_and_bad_ones_listed_with_index_and_reason(client: TestClient) -> None:
    response = client.post(
        "/articles:batch",
        json=[
            {"text": FIRST, "published": "2024-05-06"},
            {"text": SECOND, "publised": "2024-05-07"},
            {"text": SECOND, "published": "yesterday"},
            "not an object",
            {"text": FIRST},
        ],
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["stored"], body["exists"], body["failed"]) == (1, 1, 3)
    items = body["items"]
    assert [(i["index"], i["status"]) for i in items] == [
        (0, "stored"),
        (1, "failed"),
        (2, "failed"),
        (3, "failed"),
        (4, "exists"),
    ]
    assert items[1]["error"].startswith("unknown field 'publised'")
    assert items[2]["error"] == "\"published\" is not an ISO 8601 date (YYYY-MM-DD): 'yesterday'"
    assert items[3]["error"] == "expected a JSON object, got str"
    assert items[0]["id"] == items[4]["id"] and client.get(items[0]["url"]).json()["text"] == FIRST
    assert len(client.get("/articles").json()["items"]) == 1


def test_ndjson_items_with_a_broken_line(client: TestClient) -> None:
    lines = orjson.dumps({"text": FIRST}) + b"\n{broken\n" + orjson.dumps({"text": SECOND}) + b"\n"
    response = client.post("/articles:batch", content=lines, headers={"Content-Type": "application/x-ndjson"})
    assert response.status_code == 200
    items = response.json()["items"]
    assert [i["status"] for i in items] == ["stored", "failed", "stored"]
    assert items[1]["error"].startswith("not valid JSON")


def test_a_batch_over_max_batch_items_is_refused_whole(client: TestClient) -> None:
    response = client.post("/articles:batch", json=[{"text": f"{FIRST} {n}"} for n in range(6)])
    assert response.status_code == 413
    assert response.json()["detail"] == "the batch holds 6 articles; the limit is 5"
    assert client.get("/articles").json()["items"] == []


def test_a_batch_needs_a_key(client: TestClient) -> None:
    response = client.post("/articles:batch", json=[{"text": FIRST}], headers={"X-API-Key": ""})
    assert response.status_code == 401
    assert client.get("/articles").json()["items"] == []


def test_the_colon_path_is_its_own_route(client: TestClient) -> None:
    assert "/articles:batch" in client.get("/openapi.json").json()["paths"]
    assert client.get("/articles:batch").status_code == 405
    assert client.post("/articles/batch", json=[{"text": FIRST}]).status_code == 405
    assert client.get("/articles%3Abatch").status_code == 405  # the colon percent-encoded is the same path
