import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

from app.store.highlight import FTS5_TOKENIZER
from app.store.migrate import alembic_config, is_migrated, upgrade
from app.store.search import is_search_object


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    return not (reflected and compare_to is None and is_search_object(name))


def test_migrations_build_exactly_the_models(engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": include_object})
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == []


def test_every_filtered_column_has_an_index(engine) -> None:
    inspector = inspect(engine)
    indexed = {
        (t, c)
        for t in inspector.get_table_names()
        for i in inspector.get_indexes(t)
        for c in i["column_names"]
    }
    for column in [
        ("articles", "source"),
        ("articles", "published"),
        ("entities", "type"),
        ("entity_aliases", "alias_key"),
        ("quotes", "speaker_entity_id"),
        ("quotes", "article_id"),
        ("quotes", "kind"),
        ("claims", "claimant_entity_id"),
        ("claims", "kind"),
        ("mentions", "article_id"),
    ]:
        assert column in indexed, column


def test_upgrade_is_idempotent(database_url: str) -> None:
    upgrade(database_url)
    upgrade(database_url)
    assert is_migrated(database_url)


def test_snippets_tokenize_words_as_the_search_tables_do(engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("FTS5 tables are SQLite's")
    with engine.connect() as connection:
        sql = "SELECT sql FROM sqlite_master WHERE name IN ('quotes_fts', 'claims_fts', 'articles_fts')"
        tables = connection.exec_driver_sql(sql).scalars().all()
    assert len(tables) == 3 and all(f"tokenize='{FTS5_TOKENIZER}'" in table for table in tables)


def test_articles_stored_before_versions_were_kept_are_on_the_unknown_version(
    database_url: str, engine
) -> None:
    command.downgrade(alembic_config(database_url), "0003")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO articles (text, title, content_hash, word_count, ingested_at) "
                "VALUES ('Officials said the port reopened.', 'Port', 'h1', 5, '2026-01-01 00:00:00')"
            )
        )
    upgrade(database_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT extractor_version FROM articles")).scalar_one() == "unknown"
        assert connection.execute(text("SELECT count(*) FROM removed_entities")).scalar_one() == 0
