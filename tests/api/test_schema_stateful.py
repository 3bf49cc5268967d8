"""Schemathesis's stateful mode over the write endpoints: POST an article, then GET and DELETE it by the id
the POST answered, in sequences it generates; no 500, every response on its schema, a deleted article gone."""

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from app.api.main import create_app
from tests.conftest import settings_for

KEY = "stateful-key"
WRITES = ["create_article", "get_article", "delete_article"]
# As in test_schema_fuzz, plus the stateful checks: a schema-valid body may still be refused with a 422 (an
# empty text, HTML with no article); a deleted article must be gone, a created one there.
CHECKS = [
    checks.not_a_server_error,
    checks.response_schema_conformance,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.use_after_free,
    checks.ensure_resource_availability,
]


def empty(engine: Engine) -> None:
    """Every table emptied, ids from 1 again: each scenario starts from the same state, as Hypothesis needs
    to replay it (a text stored by an earlier scenario would answer 200 instead of 201)."""
    tables = SQLModel.metadata.sorted_tables
    with engine.begin() as db:
        if engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            db.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:  # SQLite reuses the ids of deleted rows
            for table in reversed(tables):
                db.execute(table.delete())


@pytest.fixture(scope="module")
def write_app(module_database_url: str, extractor) -> Iterator:
    app = create_app(settings_for(module_database_url).model_copy(update={"api_keys": KEY}))
    app.state.extractor = extractor
    yield app
    app.state.engine.dispose()


def test_post_then_get_then_delete_statefully(write_app) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", write_app).include(operation_id=WRITES)

    class Writes(schema.as_state_machine()):
        def setup(self) -> None:
            empty(write_app.state.engine)

        def before_call(self, case) -> None:
            case.headers = {**(case.headers or {}), "X-API-Key": KEY}

        def validate_response(self, response, case, additional_checks=None, **kwargs) -> None:
            case.validate_response(response, checks=CHECKS, transport_kwargs=kwargs)

    Writes.run(
        settings=settings(
            max_examples=15, stateful_step_count=6, deadline=None, suppress_health_check=list(HealthCheck)
        )
    )
