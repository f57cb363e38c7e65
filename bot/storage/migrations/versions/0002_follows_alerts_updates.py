"""Add follows and alerts (personal topic alerts), article updates and their deliveries, private channels.

Revision ID: 0002
Revises: 0001
Create Date: 2026-01-15
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Spelled out rather than imported from the ORM, so later model edits never change this migration.
_UTC = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("subscriptions") as table:
        table.add_column(sa.Column("private", sa.Boolean, nullable=False, server_default=sa.false()))
    _create_updates()
    _create_follows()
    _create_alerts()


def downgrade() -> None:
    for name in ("alerts", "follows", "update_deliveries", "article_updates"):
        op.drop_table(name)
    with op.batch_alter_table("subscriptions") as table:
        table.drop_column("private")


def _create_updates() -> None:
    op.create_table(
        "article_updates",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("article_id", sa.Integer, nullable=False),
        sa.Column("new_sentences", sa.JSON, nullable=False),
        sa.Column("new_share", sa.Float, nullable=False),
        sa.Column("created_at", _UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_article_updates"),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name="fk_article_updates_article_id_articles", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_article_updates_article_id", "article_updates", ["article_id"])
    op.create_index("ix_article_updates_created_at", "article_updates", ["created_at"])
    op.create_table(
        "update_deliveries",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("platform", sa.String(32), nullable=False),
        sa.Column("workspace", sa.String(128), nullable=False),
        sa.Column("channel", sa.String(128), nullable=False),
        sa.Column("update_id", sa.Integer, nullable=False),
        sa.Column("digest_key", sa.String(256), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", _UTC, nullable=False),
        sa.Column("sent_at", _UTC),
        sa.PrimaryKeyConstraint("id", name="pk_update_deliveries"),
        sa.UniqueConstraint(
            "platform", "workspace", "channel", "update_id", name="uq_update_deliveries_channel_update"
        ),
        sa.ForeignKeyConstraint(
            ["update_id"], ["article_updates.id"], name="fk_update_deliveries_update_id_article_updates",
            ondelete="CASCADE",
        ),
    )
    op.create_index(
        "ix_update_deliveries_digest", "update_deliveries", ["platform", "workspace", "channel", "digest_key"]
    )
    op.create_index("ix_update_deliveries_status", "update_deliveries", ["status"])
    op.create_index("ix_update_deliveries_update_id", "update_deliveries", ["update_id"])


def _create_follows() -> None:
    op.create_table(
        "follows",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("platform", sa.String(32), nullable=False),
        sa.Column("workspace", sa.String(128), nullable=False),
        sa.Column("user", sa.String(128), nullable=False),
        sa.Column("channel", sa.String(128), nullable=False),
        sa.Column("private", sa.Boolean, nullable=False),
        sa.Column("term", sa.String(128), nullable=False),
        sa.Column("term_key", sa.String(128), nullable=False),
        sa.Column("created_at", _UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_follows"),
        sa.UniqueConstraint("platform", "workspace", "user", "term_key", name="uq_follows_user_term"),
    )
    op.create_index("ix_follows_user", "follows", ["platform", "user"])


def _create_alerts() -> None:
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("platform", sa.String(32), nullable=False),
        sa.Column("workspace", sa.String(128), nullable=False),
        sa.Column("user", sa.String(128), nullable=False),
        sa.Column("article_id", sa.Integer, nullable=False),
        sa.Column("batch_key", sa.String(256), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", _UTC, nullable=False),
        sa.Column("sent_at", _UTC),
        sa.PrimaryKeyConstraint("id", name="pk_alerts"),
        sa.UniqueConstraint("platform", "user", "article_id", name="uq_alerts_user_article"),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name="fk_alerts_article_id_articles", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_alerts_batch", "alerts", ["batch_key"])
    op.create_index("ix_alerts_user_status", "alerts", ["platform", "user", "status"])
    op.create_index("ix_alerts_article_id", "alerts", ["article_id"])
