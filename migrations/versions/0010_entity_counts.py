"""Each entity's article and quote counts in a table of their own, kept by every write
(`app/store/counts.py`), so the entity page reads one row instead of counting the entity's links and quotes
at every request (issue 22: 1.7 and 7.4 ms on SQLite for the person in the most articles of the
100,000-article benchmark database).

A table apart from `entities`, so that a write's count updates, made all at once at commit and in entity id
order, take no lock another write could hold in another order (writes lock entity rows earlier, for
genders).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "entity_counts",
        sa.Column(
            "entity_id",
            sa.Integer(),
            sa.ForeignKey("entities.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.Column("quotes", sa.Integer(), nullable=False),
    )
    op.execute(
        """
        INSERT INTO entity_counts (entity_id, articles, quotes)
        SELECT entities.id,
               (SELECT count(*) FROM article_entities WHERE article_entities.entity_id = entities.id),
               (SELECT count(*) FROM quotes WHERE quotes.speaker_entity_id = entities.id)
        FROM entities
        """
    )


def downgrade() -> None:
    op.drop_table("entity_counts")
