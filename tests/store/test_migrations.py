from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

from app.store.migrate import is_migrated, upgrade
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
