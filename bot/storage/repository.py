"""What every part of the store shares: the database and the clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

from bot.storage.db import Database

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """Return the current time in UTC."""
    return datetime.now(timezone.utc)


class Repository:
    """Base of the store's parts; holds the open database and an injectable clock."""

    def __init__(self, database: Database, *, clock: Clock = utc_now) -> None:
        self.database = database
        self._clock = clock

    def _now(self, now: datetime | None = None) -> datetime:
        moment = now or self._clock()
        return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
