"""Whole workspaces in the store: what an uninstall removes."""

from __future__ import annotations

from sqlalchemy import delete, select

from bot.storage.records import SubscriptionRecord
from bot.storage.repository import Repository
from bot.storage.schema import AlertRow, DeliveryRow, DigestLogRow, FollowRow, SubscriptionRow, UpdateDeliveryRow
from bot.storage.subscriptions import subscription_record


class WorkspaceRepository(Repository):
    """Everything newsbrief keeps about one workspace of one platform, removed in one transaction."""

    def forget_workspace(self, platform: str, workspace: str) -> list[SubscriptionRecord]:
        """Delete a workspace's subscriptions (returned), deliveries, digest log, follows and alerts."""
        with self.database.write() as session:
            of_workspace = (SubscriptionRow.platform == platform) & (SubscriptionRow.workspace == workspace)
            rows = list(session.scalars(select(SubscriptionRow).where(of_workspace)))
            removed = [subscription_record(session, row) for row in rows]
            for row in rows:
                session.delete(row)  # its subscription_feeds rows go with it (ON DELETE CASCADE)
            for table in (DeliveryRow, UpdateDeliveryRow, DigestLogRow, FollowRow, AlertRow):
                session.execute(delete(table).where(table.platform == platform, table.workspace == workspace))
            return removed
