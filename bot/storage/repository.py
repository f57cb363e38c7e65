"""What every repository of the store shares: the open database, the clock, conflict-free inserts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, insert, literal_column
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Session
from sqlalchemy.sql.dml import ReturningInsert
from sqlalchemy.sql.elements import ColumnClause

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


_ONE: ColumnClause[Any] = literal_column("1")


def insert_unless_present(
    session: Session, model: type[DeclarativeBase], values: Mapping[str, Any], *, unique: Sequence[str]
) -> bool:
    """Insert one row unless a row with the same `unique` columns exists; return whether it was inserted.

    Two processes creating the same row at once is expected (two commands for a new channel, two
    schedulers claiming one digest): the loser must see the winner's row, not an error that
    aborts its whole transaction, which is what a failed plain INSERT does on PostgreSQL.
    """
    table: Table = cast(Table, model.__table__)  # Core, not the ORM's bulk-insert path, whose results vary by driver
    dialect = session.get_bind().dialect.name
    if dialect in ("sqlite", "postgresql"):
        keys = list(unique)
        if dialect == "sqlite":
            statement: ReturningInsert[Any] = (
                sqlite.insert(table).values(**values).on_conflict_do_nothing(index_elements=keys).returning(_ONE)
            )
        else:
            statement = (
                postgresql.insert(table).values(**values).on_conflict_do_nothing(index_elements=keys).returning(_ONE)
            )
        return session.execute(statement).first() is not None  # a row back: it was inserted
    try:
        with session.begin_nested():  # other databases: a savepoint keeps the transaction usable
            session.execute(insert(table).values(**values))
    except IntegrityError:
        return False
    return True
