"""Property-based run of the whole API against its own OpenAPI schema: no 500, no response off its schema."""

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from app.api.main import create_app
from app.ingest import ingest_paths
from app.store.db import make_engine
from tests.conftest import FIXTURES, settings_for

KEY = "fuzz-key"


@pytest.fixture(scope="module")
def fuzzed_app(module_database_url: str, extractor) -> Iterator:
    engine = make_engine(module_database_url)
    ingest_paths([FIXTURES / "articles"], extractor, engine)
    engine.dispose()
    app = create_app(settings_for(module_database_url).model_copy(update={"api_keys": KEY}))
    app.state.extractor = extractor
    yield app
    app.state.engine.dispose()


@pytest.fixture(scope="module")
def api_schema(fuzzed_app):
    return schemathesis.openapi.from_asgi("/openapi.json", fuzzed_app)


schema = schemathesis.pytest.from_fixture("api_schema")

# No 500, and every response (errors included) as its schema and status codes say; a schema-valid but
# semantically wrong value (an unknown cursor, a filter on a misspelt name) may still be refused with a 422.
CHECKS = [
    checks.not_a_server_error,
    checks.response_schema_conformance,
    checks.status_code_conformance,
    checks.content_type_conformance,
]


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors_and_responses_match_the_schema(case) -> None:
    if case.method in ("POST", "PUT", "DELETE"):
        case.headers = {**(case.headers or {}), "X-API-Key": KEY}
    case.call_and_validate(checks=CHECKS)
