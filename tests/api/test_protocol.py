import threading

import anyio.to_thread
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, text

from app.api.main import create_app
from app.store import queries
from tests.conftest import MODEL, settings_for


def test_health_reports_the_database_and_model(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body == {"status": "ok", "database": "ok", "model": MODEL}


def test_request_threads_setting_sizes_the_route_thread_pool(module_database_url: str) -> None:
    settings = settings_for(module_database_url).model_copy(update={"request_threads": 3})
    with TestClient(create_app(settings)) as threaded:
        tokens = threaded.portal.call(lambda: anyio.to_thread.current_default_thread_limiter().total_tokens)
        assert tokens == 3
        assert threaded.get("/health").status_code == 200


@pytest.mark.parametrize(
    ("url", "threads"),
    [
        ("sqlite:///x.db", 0),
        ("postgresql+psycopg://u:p@127.0.0.1:5432/x", 0),
        ("postgresql+psycopg://u:p@localhost/x", 0),
        ("postgresql+psycopg://u:p@/x?host=/var/run/postgresql", 0),
        ("postgresql+psycopg://u:p@db/x", 8),
        ("postgresql+psycopg://u:p@pg.example.com:5432/x", 8),
        ("postgresql+psycopg://u:p@/x?service=prod", 8),
    ],
)
def test_request_threads_default_to_the_event_loop_unless_the_database_is_across_a_network(
    url: str, threads: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PGHOST", raising=False)
    assert settings_for(url).read_threads() == threads


def test_a_url_without_a_host_is_as_local_as_pghost(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGHOST", "pg.example.com")
    assert settings_for("postgresql+psycopg://u:p@/x").read_threads() == 8
    monkeypatch.setenv("PGHOST", "/var/run/postgresql")
    assert settings_for("postgresql+psycopg://u:p@/x").read_threads() == 0


@pytest.mark.parametrize(("threads", "on_loop"), [(0, True), (2, False)])
def test_reads_run_on_the_event_loop_only_when_request_threads_is_zero(
    module_database_url: str, monkeypatch: pytest.MonkeyPatch, threads: int, on_loop: bool
) -> None:
    ran_on: list[int] = []

    def recording(session, resource, item_id):
        ran_on.append(threading.get_ident())
        return None

    monkeypatch.setattr(queries, "get_one", recording)
    settings = settings_for(module_database_url).model_copy(update={"request_threads": threads})
    with TestClient(create_app(settings)) as app_client:
        loop_thread = app_client.portal.call(threading.get_ident)
        assert app_client.get("/quotes/1").status_code == 404
        assert app_client.get("/quotes?size=1").status_code == 200
    assert (ran_on == [loop_thread]) is on_loop


def test_health_is_503_when_the_database_is_down() -> None:
    settings = settings_for("postgresql+psycopg://nobody:secret@127.0.0.1:9/none")
    with TestClient(create_app(settings)) as down:
        response = down.get("/health")
        assert response.status_code == 503
        assert response.json()["detail"].startswith("database unavailable")


@pytest.mark.parametrize(
    ("url", "status", "parameter"),
    [
        ("/quotes?size=0", 422, "size"),
        ("/quotes?size=100000", 422, "size"),
        ("/quotes?article_id=abc", 422, "article_id"),
        ("/quotes?kind=shouted", 422, "kind"),
        ("/quotes?cursor=not-a-cursor", 422, "cursor"),
        ("/quotes?count=maybe", 422, "count"),
        ("/quotes?facet=colour", 422, "facet"),
        ("/quotes?format=xml", 422, "format"),
        ("/quotes?include=everything", 422, "include"),
        ("/entities?q=x", 422, "q"),
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


def test_a_cursor_from_another_sort_is_refused(client: TestClient) -> None:
    cursor = client.get("/articles", params={"size": 1, "sort": "-published"}).json()["next_cursor"]
    response = client.get("/articles", params={"cursor": cursor})
    assert response.status_code == 422 and response.json()["errors"][0]["parameter"] == "cursor"


def test_etag_and_if_none_match(client: TestClient) -> None:
    first = client.get("/quotes/1")
    etag = first.headers["etag"]
    assert first.headers["cache-control"] == "no-cache"
    again = client.get("/quotes/1", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert client.get("/quotes/1", headers={"If-None-Match": '"other"'}).status_code == 200


def test_cors_for_configured_origins(module_database_url: str) -> None:
    settings = settings_for(module_database_url).model_copy(update={"cors_origins": "https://app.example"})
    with TestClient(create_app(settings)) as cors_client:
        response = cors_client.get("/health", headers={"Origin": "https://app.example"})
        assert response.headers["access-control-allow-origin"] == "https://app.example"
        other = cors_client.get("/health", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_openapi_documents_every_parameter(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    operation_ids = set()
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            operation_ids.add(operation["operationId"])
            for parameter in operation.get("parameters", []):
                assert parameter.get("description"), (path, method, parameter["name"])
    assert {
        "list_quotes",
        "get_quote",
        "list_articles",
        "create_article",
        "delete_article",
        "list_entities",
        "get_entity",
        "list_entity_quotes",
        "list_claims",
        "get_claim",
        "health",
    } <= operation_ids
    quote_params = {p["name"] for p in schema["paths"]["/quotes"]["get"]["parameters"]}
    assert {"speaker", "speaker__in", "published__gte", "q", "sort", "cursor", "facet"} <= quote_params
    assert client.get("/docs").status_code == 200


COUNT_TO_TEN_MILLION = text(
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10000000) "
    "SELECT count(*) FROM c"
)


def test_a_read_past_the_time_limit_is_a_400_that_says_how_to_narrow_it(
    module_database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(queries, "get_one", lambda db, *_: db.execute(COUNT_TO_TEN_MILLION).scalar())
    settings = settings_for(module_database_url).model_copy(update={"query_time_limit_ms": 50})
    with TestClient(create_app(settings)) as limited:
        response = limited.get("/quotes/1")
        assert response.status_code == 400
        assert response.headers["content-type"] == "application/problem+json"
        assert "50 ms limit (QUERY_TIME_LIMIT_MS)" in response.json()["detail"]
        assert limited.get("/health").status_code == 200


def test_a_read_sends_only_its_own_queries(client: TestClient) -> None:
    # The read limit travels with the connection (PostgreSQL: its startup options), not as a SET per read.
    state = client.app.state
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_) -> None:
        statements.append(statement)

    engines = {state.engine, state.read_engine}
    for engine in engines:
        event.listen(engine, "before_cursor_execute", record)
    try:
        assert client.get("/quotes").status_code == 200
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", record)
    assert statements
    assert not [s for s in statements if s.lstrip().upper().startswith("SET")]
