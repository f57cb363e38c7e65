"""Add the digest log and each subscription's `schedule_since`; retire APScheduler's job table.

The daily schedule is now read from the subscriptions themselves: a digest is due when its
latest local fire time came after `schedule_since` and the digest log has no sent row for it.
What the old per-subscription jobs knew is carried over: a job's next run time says which fire
times it had already handled, and the sent deliveries say which digests went out.

Revision ID: 0005
Revises: 0004
Create Date: 2026-05-04
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_UTC = sa.DateTime(timezone=True)
_OLD_JOBS_TABLE = "apscheduler_jobs"
_OLD_JOB_PREFIX = "digest:"
_ON_DEMAND_MARK = ":now:"  # on-demand digests (bot.schedule.channel_digests) are not scheduled ones


def upgrade() -> None:
    op.create_table(
        "digest_log",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("platform", sa.String(32), nullable=False),
        sa.Column("workspace", sa.String(128), nullable=False),
        sa.Column("channel", sa.String(128), nullable=False),
        sa.Column("digest_key", sa.String(256), nullable=False),
        sa.Column("due_at", _UTC, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("claimed_by", sa.String(64)),
        sa.Column("claimed_at", _UTC),
        sa.Column("retry_at", _UTC),
        sa.Column("created_at", _UTC, nullable=False),
        sa.Column("sent_at", _UTC),
        sa.PrimaryKeyConstraint("id", name="pk_digest_log"),
        sa.UniqueConstraint("platform", "workspace", "channel", "digest_key", name="uq_digest_log_channel_key"),
    )
    op.create_index("ix_digest_log_status_due", "digest_log", ["status", "due_at"])
    with op.batch_alter_table("subscriptions") as batch:
        batch.add_column(sa.Column("schedule_since", _UTC))
    _carry_over_job_times()
    _log_earlier_digests()


def downgrade() -> None:
    with op.batch_alter_table("subscriptions") as batch:
        batch.drop_column("schedule_since")
    op.drop_index("ix_digest_log_status_due", table_name="digest_log")
    op.drop_table("digest_log")


def _stored_utc(moment: datetime) -> datetime:
    """Return a moment as newsbrief's UtcDateTime sends it: an aware instant to PostgreSQL, naive UTC to SQLite."""
    instant = moment.astimezone(UTC)
    return instant if op.get_bind().dialect.name == "postgresql" else instant.replace(tzinfo=None)


def _carry_over_job_times() -> None:
    """Fire times before a stored job's next run were handled by it: start each schedule just before."""
    bind = op.get_bind()
    if not sa.inspect(bind).has_table(_OLD_JOBS_TABLE):
        return
    jobs = sa.table(_OLD_JOBS_TABLE, sa.column("id", sa.String), sa.column("next_run_time", sa.Float))
    subscriptions = sa.table(
        "subscriptions", sa.column("platform", sa.String), sa.column("workspace", sa.String),
        sa.column("channel", sa.String), sa.column("schedule_since", _UTC),
    )
    for job_id, next_run in bind.execute(sa.select(jobs.c.id, jobs.c.next_run_time)).all():
        if not job_id.startswith(_OLD_JOB_PREFIX) or next_run is None:
            continue  # a paused job: its subscription's created_at stays the start
        parts = job_id.removeprefix(_OLD_JOB_PREFIX).split(":", 2)
        if len(parts) != 3:
            continue
        since = datetime.fromtimestamp(next_run, UTC) - timedelta(seconds=1)
        bind.execute(
            sa.update(subscriptions)
            .where(
                subscriptions.c.platform == parts[0],
                subscriptions.c.workspace == parts[1],
                subscriptions.c.channel == parts[2],
            )
            .values(schedule_since=_stored_utc(since))
        )
    op.drop_table(_OLD_JOBS_TABLE)


def _log_earlier_digests() -> None:
    """Record the scheduled digests the delivery tables know of (sent or pending) in the log."""
    bind = op.get_bind()
    found: dict[tuple[str, str, str, str], tuple[object, bool, object]] = {}
    for table_name in ("deliveries", "update_deliveries"):
        if not sa.inspect(bind).has_table(table_name):
            continue
        table = sa.table(
            table_name, sa.column("platform", sa.String), sa.column("workspace", sa.String),
            sa.column("channel", sa.String), sa.column("digest_key", sa.String), sa.column("status", sa.String),
            sa.column("created_at", _UTC), sa.column("sent_at", _UTC),
        )
        sent = sa.func.max(sa.case((table.c.status == "sent", 1), else_=0))
        rows = bind.execute(
            sa.select(
                table.c.platform, table.c.workspace, table.c.channel, table.c.digest_key,
                sa.func.min(table.c.created_at), sent, sa.func.max(table.c.sent_at),
            )
            .where(~table.c.digest_key.contains(_ON_DEMAND_MARK))
            .group_by(table.c.platform, table.c.workspace, table.c.channel, table.c.digest_key)
        ).all()
        for platform, workspace, channel, key, created, was_sent, sent_at in rows:
            earlier = found.get((platform, workspace, channel, key))
            if earlier is None or (was_sent and not earlier[1]):
                found[(platform, workspace, channel, key)] = (created, bool(was_sent), sent_at)
    if not found:
        return
    log = sa.table(
        "digest_log", sa.column("platform", sa.String), sa.column("workspace", sa.String),
        sa.column("channel", sa.String), sa.column("digest_key", sa.String), sa.column("due_at", _UTC),
        sa.column("status", sa.String), sa.column("attempts", sa.Integer), sa.column("created_at", _UTC),
        sa.column("sent_at", _UTC),
    )
    bind.execute(sa.insert(log), [
        {
            "platform": platform, "workspace": workspace, "channel": channel, "digest_key": key,
            "due_at": created, "status": "sent" if was_sent else "pending", "attempts": 1,
            "created_at": created, "sent_at": sent_at if was_sent else None,
        }
        for (platform, workspace, channel, key), (created, was_sent, sent_at) in found.items()
    ])
