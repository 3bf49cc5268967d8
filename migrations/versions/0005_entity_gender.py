"""People carry a gender and its evidence: per article (what that article showed) and on the entity (the
aggregate over its articles, which filters and facets read).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("entities") as batch:
        batch.add_column(sa.Column("gender", sa.String(), nullable=True))
        batch.add_column(sa.Column("gender_evidence", sa.String(), nullable=True))
        batch.create_index("ix_entities_gender", ["gender"])
    with op.batch_alter_table("article_entities") as batch:
        batch.add_column(sa.Column("gender", sa.String(), nullable=True))
        batch.add_column(sa.Column("gender_evidence", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("article_entities") as batch:
        batch.drop_column("gender_evidence")
        batch.drop_column("gender")
    with op.batch_alter_table("entities") as batch:
        batch.drop_index("ix_entities_gender")
        batch.drop_column("gender_evidence")
        batch.drop_column("gender")
