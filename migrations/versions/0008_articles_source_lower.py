"""An index on lower(articles.source): the `source` filter of quotes, claims and articles compares that
expression, which the index on `source` cannot serve, so on PostgreSQL a rare publisher's quotes were found by
walking the whole quotes table in id order (the plan test, tests/store/test_plans.py, found it).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_articles_source_lower", "articles", [sa.text("lower(source)")])


def downgrade() -> None:
    op.drop_index("ix_articles_source_lower", table_name="articles")
