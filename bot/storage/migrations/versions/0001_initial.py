"""Create feeds, articles (with full-text search), subscriptions and deliveries.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_log = logging.getLogger("newsbrief.storage")

# Migrations spell out their columns rather than import the ORM classes, so later edits to
# the models can never change what an old migration did.
_UTC = sa.DateTime(timezone=True)

_FTS_STATEMENTS = (
    # External-content FTS5: the text lives once, in `articles`; triggers keep the index in step.
    "CREATE VIRTUAL TABLE articles_fts USING fts5("
    "title, text, content='articles', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); END",
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
)


def upgrade() -> None:
    _create_feeds()
    _create_articles()
    _create_subscriptions()
    _create_deliveries()
    if op.get_bind().dialect.name == "sqlite":
        _create_sqlite_fts()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("articles_fts_insert", "articles_fts_delete", "articles_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS articles_fts")
    for table in ("deliveries", "subscription_feeds", "subscriptions", "articles", "feeds"):
        op.drop_table(table)


def _create_feeds() -> None:
    op.create_table(
        "feeds",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("url", sa.String(2048), nullable=False),
        sa.Column("title", sa.String(512)),
        sa.Column("etag", sa.String(512)),
        sa.Column("last_modified", sa.String(128)),
        sa.Column("last_status", sa.Integer),
        sa.Column("last_error", sa.Text),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("next_poll_at", _UTC),
        sa.Column("last_polled_at", _UTC),
        sa.Column("added_at", _UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_feeds"),
        sa.UniqueConstraint("url", name="uq_feeds_url"),
    )


def _create_articles() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("guid", sa.String(2048)),
        sa.Column("url", sa.String(2048)),
        sa.Column("canonical_url", sa.String(2048)),
        sa.Column("content_hash", sa.String(64)),
        sa.Column("title", sa.String(1024), nullable=False),
        sa.Column("source", sa.String(512)),
        sa.Column("author", sa.String(512)),
        sa.Column("published", _UTC),
        sa.Column("fetched_at", _UTC, nullable=False),
        sa.Column("feed_id", sa.Integer),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("briefing", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.UniqueConstraint("feed_id", "guid", name="uq_articles_feed_guid"),
        sa.UniqueConstraint("canonical_url", name="uq_articles_canonical_url"),
        sa.UniqueConstraint("content_hash", name="uq_articles_content_hash"),
        sa.ForeignKeyConstraint(["feed_id"], ["feeds.id"], name="fk_articles_feed_id_feeds", ondelete="SET NULL"),
    )
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_index("ix_articles_feed_id", "articles", ["feed_id"])


def _create_subscriptions() -> None:
    op.create_table(
        "subscriptions",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("platform", sa.String(32), nullable=False),
        sa.Column("workspace", sa.String(128), nullable=False),
        sa.Column("channel", sa.String(128), nullable=False),
        sa.Column("time", sa.String(5), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("filters", sa.JSON, nullable=False),
        sa.Column("enabled", sa.Boolean, nullable=False),
        sa.Column("disabled_reason", sa.Text),
        sa.Column("created_by", sa.String(128)),
        sa.Column("created_at", _UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_subscriptions"),
        sa.UniqueConstraint("platform", "workspace", "channel", name="uq_subscriptions_channel"),
    )
    op.create_table(
        "subscription_feeds",
        sa.Column("subscription_id", sa.Integer, nullable=False),
        sa.Column("feed_id", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("subscription_id", "feed_id", name="pk_subscription_feeds"),
        sa.ForeignKeyConstraint(
            ["subscription_id"], ["subscriptions.id"],
            name="fk_subscription_feeds_subscription_id_subscriptions", ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["feed_id"], ["feeds.id"], name="fk_subscription_feeds_feed_id_feeds", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_subscription_feeds_feed_id", "subscription_feeds", ["feed_id"])


def _create_deliveries() -> None:
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("platform", sa.String(32), nullable=False),
        sa.Column("workspace", sa.String(128), nullable=False),
        sa.Column("channel", sa.String(128), nullable=False),
        sa.Column("article_id", sa.Integer, nullable=False),
        sa.Column("digest_key", sa.String(256), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", _UTC, nullable=False),
        sa.Column("sent_at", _UTC),
        sa.PrimaryKeyConstraint("id", name="pk_deliveries"),
        sa.UniqueConstraint(
            "platform", "workspace", "channel", "article_id", name="uq_deliveries_channel_article"
        ),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name="fk_deliveries_article_id_articles", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_deliveries_digest", "deliveries", ["platform", "workspace", "channel", "digest_key"])
    op.create_index("ix_deliveries_status", "deliveries", ["status"])
    op.create_index("ix_deliveries_article_id", "deliveries", ["article_id"])


def _create_sqlite_fts() -> None:
    """Add the FTS5 index, or leave search to LIKE when this SQLite lacks FTS5."""
    bind = op.get_bind()
    try:
        bind.exec_driver_sql("CREATE VIRTUAL TABLE temp._newsbrief_fts_probe USING fts5(x)")
        bind.exec_driver_sql("DROP TABLE temp._newsbrief_fts_probe")
    except sa.exc.OperationalError:
        _log.warning("SQLite here has no FTS5; lookups will use slower LIKE matching.")
        return
    for statement in _FTS_STATEMENTS:
        op.execute(statement)
