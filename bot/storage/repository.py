"""What every repository of the store shares: the open database and the clock."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.storage.db import Database
from bot.values import Clock, utc_now


class Repository:
    """Base of the store's repositories; holds the open database and an injectable clock."""

    def __init__(self, database: Database, *, clock: Clock = utc_now) -> None:
        self.database = database
        self._clock = clock

    def _now(self, now: datetime | None = None) -> datetime:
        moment = now or self._clock()
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
