"""Claims keep whom they accuse, who made the allegation they deny, and the dates they mention.

On SQLite the table is rebuilt (a foreign key cannot be added in place), which drops its triggers: the
full-text triggers of 0002 are made again, unchanged.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CLAIMS_FTS_TRIGGERS = [
    "CREATE TRIGGER claims_fts_ai AFTER INSERT ON claims BEGIN "
    "INSERT INTO claims_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER claims_fts_ad AFTER DELETE ON claims BEGIN "
    "INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER claims_fts_au AFTER UPDATE ON claims BEGIN "
    "INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO claims_fts(rowid, text) VALUES (new.id, new.text); END",
]


def _restore_sqlite_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("claims_fts_ai", "claims_fts_ad", "claims_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        for statement in CLAIMS_FTS_TRIGGERS:
            op.execute(statement)


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("target_entity_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("target_text", sa.String(), nullable=True))
        batch.add_column(sa.Column("alleger_text", sa.String(), nullable=True))
        batch.add_column(sa.Column("dates", sa.JSON(), server_default="[]", nullable=False))
        batch.create_index("ix_claims_target_entity_id", ["target_entity_id"])
        batch.create_foreign_key(
            "claims_target_entity_id_fkey", "entities", ["target_entity_id"], ["id"], ondelete="SET NULL"
        )
    _restore_sqlite_triggers()


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_constraint("claims_target_entity_id_fkey", type_="foreignkey")
        batch.drop_index("ix_claims_target_entity_id")
        for column in ("dates", "alleger_text", "target_text", "target_entity_id"):
            batch.drop_column(column)
    _restore_sqlite_triggers()
