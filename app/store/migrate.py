"""Applying the Alembic migrations from code (`articles db upgrade`, tests, `make run`).

The migrations are `migrations/` at the top of a checkout and `app/migrations/` in an installed wheel; the
Alembic configuration is built here, so no `alembic.ini` or working directory is needed.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect

from app.store.db import make_engine

PACKAGE = Path(__file__).resolve().parents[1]


def migrations_dir() -> Path:
    """The migrations shipped in the package, else the checkout's (an editable install)."""
    for candidate in (PACKAGE / "migrations", PACKAGE.parent / "migrations"):
        if (candidate / "env.py").is_file():
            return candidate
    raise FileNotFoundError(f"no Alembic migrations in {PACKAGE / 'migrations'}: incomplete installation")


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database at `url` up to `revision`."""
    command.upgrade(alembic_config(url), revision)


def is_migrated(url: str) -> bool:
    engine = make_engine(url)
    try:
        return inspect(engine).has_table("alembic_version")
    finally:
        engine.dispose()
