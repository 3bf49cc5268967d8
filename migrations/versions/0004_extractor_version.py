"""Every article records the extractor that produced its rows; removed entities leave a tombstone.

Articles stored before this revision get "unknown", which is never the running version, so a re-extraction
picks them up. `removed_entities` keeps the ids of entities re-extraction left with no mention, so their old
links answer 410 Gone instead of 404.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# SQLite's full-text index of articles is rewritten only when the searched columns change, not when a
# re-extraction stamps a new version on the row.
ARTICLES_FTS_UPDATE = (
    "CREATE TRIGGER articles_fts_au AFTER UPDATE {of}ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text); "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END"
)


def _articles_fts_trigger(of: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS articles_fts_au")
        op.execute(ARTICLES_FTS_UPDATE.format(of=of))


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(
            sa.Column("extractor_version", sa.String(), server_default="unknown", nullable=False)
        )
        batch.create_index("ix_articles_extractor_version", ["extractor_version"])
    op.create_table(
        "removed_entities",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    _articles_fts_trigger("OF title, text ")


def downgrade() -> None:
    _articles_fts_trigger("")
    op.drop_table("removed_entities")
    with op.batch_alter_table("articles") as batch:
        batch.drop_index("ix_articles_extractor_version")
        batch.drop_column("extractor_version")
