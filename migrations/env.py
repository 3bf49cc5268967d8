"""Alembic environment: the URL from the settings (or the caller's config), the metadata from our models."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from app.config import get_settings
from app.store import models  # noqa: F401  (fills SQLModel.metadata)
from app.store.db import make_engine
from app.store.search import is_search_object

config = context.config
target_metadata = SQLModel.metadata


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Leave the search tables and columns (made by raw SQL in a migration) out of autogenerate."""
    return not (reflected and compare_to is None and name and is_search_object(name))


def database_url() -> str:
    return config.get_main_option("sqlalchemy.url") or get_settings().database_url


def run_offline() -> None:
    context.configure(
        url=database_url(), target_metadata=target_metadata, literal_binds=True, render_as_batch=True
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connectable = config.attributes.get("connection") or make_engine(database_url())
    if hasattr(connectable, "connect"):
        with connectable.connect() as connection:
            _run(connection)
        connectable.dispose()
    else:
        _run(connectable)


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
