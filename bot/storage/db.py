"""Open the database: engine, SQLite tuning, and migrations to the newest schema."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.engine.url import URL
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from bot.errors import UserError
from bot.storage.revision import SCHEMA_HEAD

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Knowing the newest revision (bot.storage.revision) lets an up-to-date database open without
# importing Alembic, which costs a CLI call half a second.
__all__ = ["MIGRATIONS_DIR", "SCHEMA_HEAD", "Database", "FullText", "current_revision", "migrate", "open_database"]
_BUSY_TIMEOUT_MS = 15_000
# Any fixed 64-bit number will do; it only has to be the same in every newsbrief process.
_MIGRATION_LOCK_KEY = 0x6E6577736272_01
# Drivers newsbrief ships for URLs that name none: `postgresql://` would otherwise ask for psycopg2.
_DEFAULT_DRIVERS = {"postgresql": "postgresql+psycopg", "postgres": "postgresql+psycopg"}
# Execution option read by the `begin` hook: which BEGIN statement SQLite should get.
_BEGIN_OPTION = "newsbrief_sqlite_begin"

_log = logging.getLogger("newsbrief.storage")


# Which full-text index the database has: SQLite's FTS5 table, PostgreSQL's tsvector column, or none.
FullText = Literal["fts5", "tsvector"]


@dataclass
class Database:
    """An open database: the engine plus what it can do (its full-text index, if any)."""

    url: str
    engine: Engine
    fulltext: FullText | None

    @property
    def has_fts(self) -> bool:
        return self.fulltext is not None

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def is_postgresql(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    @contextmanager
    def write(self) -> Iterator[Session]:
        """Yield a session that holds the write lock from the start and commits on success."""
        # BEGIN IMMEDIATE waits (busy_timeout) for other writers up front instead of failing
        # half-way when a read transaction tries to upgrade to a write one.
        with self._session("BEGIN IMMEDIATE") as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """Yield a session that reads one consistent snapshot."""
        with self._session("BEGIN") as session:
            yield session

    def ping(self) -> None:
        """Run a trivial query; raises when the database cannot be reached."""
        with self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            connection.rollback()

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def _session(self, begin: str) -> Iterator[Session]:
        with self.engine.connect() as connection:
            connection.execution_options(**{_BEGIN_OPTION: begin})
            with Session(bind=connection, expire_on_commit=False) as session, session.begin():
                yield session


def open_database(url: str) -> Database:
    """Open (creating if needed) the database at `url` and migrate it to the newest schema."""
    parsed = _parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        _ensure_sqlite_directory(parsed)
    try:
        engine = _create_engine(parsed)
    except (NoSuchModuleError, ImportError) as error:
        raise UserError(
            f"The database URL {_shown(parsed)} needs a driver newsbrief does not have ({error})."
        ) from error
    try:
        migrate(engine)
        fulltext = _fulltext(engine)
    except DBAPIError as error:
        engine.dispose()
        raise UserError(f"Could not open the database {_shown(parsed)}: {error.orig}.") from error
    except Exception:
        engine.dispose()
        raise
    return Database(url=url, engine=engine, fulltext=fulltext)


def migrate(engine: Engine) -> None:
    """Run every Alembic migration the database has not had yet."""
    if current_revision(engine) == SCHEMA_HEAD:
        return
    from alembic import command
    from alembic.config import Config
    from alembic.util.exc import CommandError

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.connect() as connection:
        # Two processes opening a fresh database at once must not both create the tables.
        connection.execution_options(**{_BEGIN_OPTION: "BEGIN IMMEDIATE"})
        with connection.begin():
            if engine.dialect.name == "postgresql":
                # PostgreSQL has no database-wide write lock; a transaction-scoped advisory lock
                # queues the second process until the first has committed the new schema.
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
            config.attributes["connection"] = connection
            try:
                command.upgrade(config, "head")
            except CommandError as error:
                raise UserError(
                    f"The database schema is not one this newsbrief knows ({error}); "
                    "is it from a newer version?"
                ) from error


def current_revision(engine: Engine) -> str | None:
    """Return the schema revision the database is at, or None for a fresh one."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        revisions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        connection.rollback()
    return revisions[0] if len(revisions) == 1 else None


def _parse_url(url: str) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise UserError(f"The database URL {url!r} is not valid.") from error
    driver = _DEFAULT_DRIVERS.get(parsed.drivername)
    return parsed.set(drivername=driver) if driver else parsed


def _is_memory(url: URL) -> bool:
    return url.database in (None, "", ":memory:") or "mode=memory" in str(url)


def _ensure_sqlite_directory(url: URL) -> None:
    if _is_memory(url):
        return
    directory = Path(url.database or ".").expanduser().resolve().parent
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(f"Could not create the data directory {directory}: {error.strerror}.") from error


def _create_engine(url: URL) -> Engine:
    if url.get_backend_name() != "sqlite":
        # Fan-out posts to 20 channels at once (NEWSBRIEF_FANOUT_CONCURRENCY), each from a worker
        # thread with its own connection; a pool smaller than that would queue them.
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
    memory = _is_memory(url)
    # One shared connection in memory, or every session would see its own empty database.
    pool = {"poolclass": StaticPool} if memory else {}
    engine = create_engine(url, connect_args={"check_same_thread": False}, **pool)
    _install_sqlite_hooks(engine, wal=not memory)
    return engine


def _install_sqlite_hooks(engine: Engine, *, wal: bool) -> None:
    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (see `_begin`).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if wal:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql(connection.get_execution_options().get(_BEGIN_OPTION, "BEGIN"))


def _fulltext(engine: Engine) -> FullText | None:
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            columns = {column["name"] for column in inspect(connection).get_columns("articles")}
            found: FullText | None = "tsvector" if "search_vector" in columns else None
        elif engine.dialect.name == "sqlite":
            table = connection.execute(
                text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'articles_fts'")
            ).first()
            found = "fts5" if table is not None else None
        else:
            found = None
        connection.rollback()
    return found


def _shown(url: URL) -> str:
    return url.render_as_string(hide_password=True)
