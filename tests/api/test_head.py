"""HEAD on every GET route: the GET's status and headers, no body."""

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.api.main import create_app
from tests.conftest import settings_for


@pytest.fixture(scope="module")
def client(module_database_url: str) -> Iterator[TestClient]:
    app = create_app(settings_for(module_database_url))
    with TestClient(app) as test_client:
        yield test_client
    app.state.engine.dispose()


def _get_routes(client: TestClient) -> list[str]:
    """Every GET path of the schema, with an id in place of each path parameter."""
    paths = client.get("/openapi.json").json()["paths"]
    concrete = [re.sub(r"\{job_id\}", "0" * 32, p) for p, methods in paths.items() if "get" in methods]
    return [re.sub(r"\{\w+\}", "1", p) for p in concrete]


@pytest.mark.parametrize("path", ["/health", "/quotes", "/articles?size=1", "/openapi.json", "/docs"])
def test_head_answers_with_the_gets_headers_and_no_body(client: TestClient, path: str) -> None:
    got, head = client.get(path), client.head(path)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    for name in ("content-type", "content-length", "etag", "cache-control"):
        assert head.headers.get(name) == got.headers.get(name), name


def test_every_get_route_takes_head(client: TestClient) -> None:
    paths = _get_routes(client)
    assert len(paths) >= 12
    for path in paths:
        assert client.head(path).status_code == client.get(path).status_code != 405, path


def test_head_on_a_post_only_route_is_405(client: TestClient) -> None:
    assert client.head("/articles:batch").status_code == 405
