import pytest
from fastapi.testclient import TestClient


def test_health_reports_the_database_and_model(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["articles"] == 4


@pytest.mark.parametrize(
    ("url", "status", "parameter"),
    [
        ("/quotes?size=0", 422, "size"),
        ("/quotes?size=100000", 422, None),
        ("/quotes?article_id=abc", 422, "article_id"),
        ("/quotes?kind=shouted", 422, "kind"),
        ("/quotes?cursor=not-a-cursor", 400, None),
        ("/quotes/abc", 422, "quote_id"),
        ("/nowhere", 404, None),
    ],
)
def test_client_mistakes_are_problem_details_never_500(
    client: TestClient, url: str, status: int, parameter: str | None
) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["detail"]
    if parameter:
        assert body["errors"][0]["parameter"] == parameter


def test_openapi_schema_lists_every_route(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in [
        "/articles",
        "/articles/{article_id}",
        "/quotes",
        "/quotes/{quote_id}",
        "/entities",
        "/entities/{entity_id}",
        "/claims",
        "/claims/{claim_id}",
        "/health",
    ]:
        assert path in paths
