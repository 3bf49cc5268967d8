"""Full-text search over quotes, claims and articles.

SQLite: FTS5 tables with external content, kept in step by triggers. PostgreSQL: a stored generated
tsvector column per table with a GIN index.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table -> the columns searched (articles weigh the title above the body on PostgreSQL)
SEARCHED = {"quotes": ["text"], "claims": ["text"], "articles": ["title", "text"]}


def _sqlite_upgrade(table: str, columns: list[str]) -> None:
    fts = f"{table}_fts"
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    op.execute(
        f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', content_rowid='id', "
        "tokenize='porter unicode61 remove_diacritics 2')"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); END"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_au AFTER UPDATE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END"
    )
    op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def _postgres_vector(columns: list[str]) -> str:
    if len(columns) == 1:
        return f"to_tsvector('english', coalesce({columns[0]}, ''))"
    weights = "ABCD"
    return " || ".join(
        f"setweight(to_tsvector('english', coalesce({c}, '')), '{weights[i]}')" for i, c in enumerate(columns)
    )


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table, columns in SEARCHED.items():
        if dialect == "sqlite":
            _sqlite_upgrade(table, columns)
        else:
            vector = _postgres_vector(columns)
            op.execute(f"ALTER TABLE {table} ADD COLUMN tsv tsvector GENERATED ALWAYS AS ({vector}) STORED")
            op.execute(f"CREATE INDEX ix_{table}_tsv ON {table} USING GIN (tsv)")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in SEARCHED:
        if dialect == "sqlite":
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {table}_fts")
        else:
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_tsv")
            op.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS tsv")
