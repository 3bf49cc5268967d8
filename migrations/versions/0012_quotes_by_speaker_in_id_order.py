"""A speaker's quotes indexed by (speaker_entity_id, id) instead of speaker_entity_id alone (issue 22).

PostgreSQL's index on the speaker alone is not in id order, so a speaker's newest quotes were found by walking
the primary key backwards and testing each row (1,246 rows for a page of 51 of the benchmark's speaker), or
all 2,000 newest for whom the speaker mentions (44,444 rows). SQLite's index entries hold the rowid, so its
order is the same as before.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_quotes_speaker_entity_id_id", "quotes", ["speaker_entity_id", "id"])
    op.drop_index("ix_quotes_speaker_entity_id", table_name="quotes")


def downgrade() -> None:
    op.create_index("ix_quotes_speaker_entity_id", "quotes", ["speaker_entity_id"])
    op.drop_index("ix_quotes_speaker_entity_id_id", table_name="quotes")
