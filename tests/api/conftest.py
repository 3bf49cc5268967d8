from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.api.main import create_app
from app.ingest import ingest_paths
from app.store.db import make_engine
from tests.conftest import FIXTURES, ROOT, settings_for


@pytest.fixture(scope="module")
def client(module_database_url: str, extractor) -> Iterator[TestClient]:
    """The API over a database holding the seed article and the test fixtures (read-only tests)."""
    engine = make_engine(module_database_url)
    ingest_paths([ROOT / "seed_data", FIXTURES / "articles"], extractor, engine)
    engine.dispose()
    app = create_app(settings_for(module_database_url))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client
    app.state.engine.dispose()


def seed_text() -> str:
    return (ROOT / "seed_data" / "putin-syria-presstv.txt").read_text(encoding="utf-8")


def fixture_path(name: str) -> Path:
    return FIXTURES / "articles" / name
