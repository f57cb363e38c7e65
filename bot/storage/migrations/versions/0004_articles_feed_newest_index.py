"""Index articles by feed and recency, so a digest's candidates are read from an index, not a scan.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# The expression the digest query orders and bounds by (`articles.newest_first`): an undated
# article counts from when it was fetched.
_NEWEST = "coalesce(published, fetched_at)"


def upgrade() -> None:
    op.create_index("ix_articles_feed_newest", "articles", ["feed_id", sa.text(_NEWEST), "id"])


def downgrade() -> None:
    op.drop_index("ix_articles_feed_newest", table_name="articles")
