"""Which `newsbrief run` process does the scheduled work: one per database, whatever the count of processes.

On PostgreSQL any number of processes may share a database. Leadership is a session-level advisory
lock held on a connection of its own: the session that holds it leads, and when that process dies
(even by kill -9) PostgreSQL ends its session and the lock is free for the next process that asks.
Followers ask again on a short interval. A change to the schedule made by a follower (a `/subscribe`
it answered) reaches the leader as a NOTIFY on the same connection, so the leader plans its next
wake-up at once instead of at its next periodic sweep.

SQLite is for one process: the first `newsbrief run` takes an exclusive lock on a file next to the
database and leads for its whole life; a second one is refused with a sentence saying that several
processes need PostgreSQL.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path
from typing import IO, Any, Protocol

from sqlalchemy import text
from sqlalchemy.engine import make_url

from bot.errors import UserError
from bot.storage.db import Database

try:  # POSIX; elsewhere a second SQLite process is not detected (it would still see SQLite's own locking)
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

_log = logging.getLogger("newsbrief.storage")

# Any fixed 64-bit number will do, as long as every newsbrief process uses it (the migration lock is _01).
LEADER_LOCK_KEY = 0x6E6577736272_02
# Followers NOTIFY this channel when they change a subscription; the leader LISTENs on its lock connection.
SCHEDULE_CHANNEL = "newsbrief_schedule"
# The leader's session tells PostgreSQL to probe a silent client after 10 s, every 5 s, 3 times: a leader
# whose machine vanished (no FIN, no RST) loses the lock in about 25 s rather than the kernel's two hours.
_KEEPALIVES = {"tcp_keepalives_idle": 10, "tcp_keepalives_interval": 5, "tcp_keepalives_count": 3}
SEVERAL_PROCESSES_NEED_POSTGRESQL = (
    "another `newsbrief run` is already using the SQLite database {path}; several processes need PostgreSQL "
    "(DATABASE_URL=postgresql://…)."
)


class LeaderLock(Protocol):
    """What decides whether this process leads, and carries word of schedule changes to the leader."""

    def try_lead(self) -> bool:
        """Lead if nobody does; return True while this process leads (blocking: call from a thread)."""
        ...

    def schedule_changed(self) -> bool:
        """Return whether another process announced a schedule change since the last call, and forget it."""
        ...

    def announce(self) -> None:
        """Tell the leader that the schedule changed (blocking: call from a thread)."""
        ...

    def close(self) -> None:
        """Stop leading (if this process did) and let go of what the lock holds."""
        ...


class SoleProcessLock:
    """SQLite: an exclusive lock on `<database>.lock`, held from start to stop; this process always leads.

    Without a path (an in-memory database, which belongs to one process by nature) there is nothing to lock.
    """

    def __init__(self, database_path: Path | None) -> None:
        self.path = Path(f"{database_path}.lock") if database_path is not None else None
        self._file: IO[str] | None = None
        self._database_path = database_path

    def acquire(self) -> None:
        """Take the lock, or raise UserError saying that several processes need PostgreSQL."""
        if fcntl is None or self.path is None or self._file is not None:
            return
        handle = self.path.open("a+")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise UserError(SEVERAL_PROCESSES_NEED_POSTGRESQL.format(path=self._database_path)) from None
        # Who holds it, for a person looking at the file; the lock itself is what counts.
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._file = handle

    def try_lead(self) -> bool:
        return True

    def schedule_changed(self) -> bool:
        return False  # one process: its own changes reach its runner directly

    def announce(self) -> None:
        return None

    def close(self) -> None:
        handle, self._file = self._file, None
        if handle is not None:
            handle.close()  # closing the file releases the lock


class AdvisoryLeaderLock:
    """PostgreSQL: `pg_try_advisory_lock` held by a dedicated session, which also LISTENs for schedule changes."""

    def __init__(self, database: Database, *, key: int = LEADER_LOCK_KEY) -> None:
        self._database = database
        self._key = key
        self._connection: Any = None  # the psycopg connection; typed loosely, the driver is optional
        self._leading = False
        self._changed = False
        self._failing = False

    def try_lead(self) -> bool:
        try:
            connection = self._connect()
            if self._leading:
                # A session lock lasts as long as the session: a live session still holds it.
                connection.execute("SELECT 1").fetchone()
            else:
                row = connection.execute("SELECT pg_try_advisory_lock(%s)", (self._key,)).fetchone()
                self._leading = bool(row and row[0])
        except Exception as error:  # the session is gone, and with it any lock it held
            if not self._failing:  # once per outage, not once per try
                _log.warning("The leadership connection to the database failed (%s); trying again.",
                             str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__)
            self._failing = True
            self._drop_connection()
            return False
        self._failing = False
        return self._leading

    def schedule_changed(self) -> bool:
        changed, self._changed = self._changed, False
        return changed

    def announce(self) -> None:
        with self._database.engine.connect() as connection:
            connection.execute(text("SELECT pg_notify(:channel, '')"), {"channel": SCHEDULE_CHANNEL})
            connection.commit()

    def close(self) -> None:
        if self._connection is not None and self._leading:
            with contextlib.suppress(Exception):
                self._connection.execute("SELECT pg_advisory_unlock(%s)", (self._key,))
        self._drop_connection()

    def _connect(self) -> Any:
        if self._connection is not None:
            return self._connection
        # A connection of its own, outside the pool: the pool would hand it to others and reset it.
        raw = self._database.engine.raw_connection()
        connection = raw.driver_connection
        raw.detach()
        if connection is None:
            raise RuntimeError("the database driver gave no connection")
        connection.autocommit = True
        try:
            for setting, value in _KEEPALIVES.items():
                connection.execute(f"SET {setting} = {int(value)}")
            connection.execute("SET application_name = 'newsbrief leadership'")
            connection.add_notify_handler(self._on_notify)
            connection.execute(f"LISTEN {SCHEDULE_CHANNEL}")
        except Exception:
            with contextlib.suppress(Exception):
                connection.close()
            raise
        self._connection = connection
        return connection

    def _on_notify(self, _notification: object) -> None:
        self._changed = True

    def _drop_connection(self) -> None:
        connection, self._connection = self._connection, None
        self._leading = False
        if connection is not None:
            with contextlib.suppress(Exception):
                connection.close()


def leader_lock(database: Database) -> LeaderLock:
    """Return the lock that elects this process's leader: an advisory lock on PostgreSQL, a file lock on SQLite.

    On SQLite the file lock is taken here, so a second process stops before it connects to any platform.
    """
    if database.is_postgresql:
        return AdvisoryLeaderLock(database)
    path = make_url(database.url).database
    if not path or path == ":memory:" or "mode=memory" in database.url:
        return SoleProcessLock(None)
    lock = SoleProcessLock(Path(path).expanduser().resolve())
    lock.acquire()
    return lock

