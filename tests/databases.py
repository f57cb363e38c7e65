"""The databases storage, schedule and fan-out tests run on: a fresh SQLite file, and a fresh PostgreSQL database.

`database_url` is parametrized over both backends. The PostgreSQL variant needs a server: set
NEWSBRIEF_TEST_POSTGRES_URL to an SQLAlchemy URL of a role that may create databases (`.ci/run`
starts a throwaway cluster and sets it); without it those variants skip, saying so.

Each PostgreSQL test gets its own database, copied with `CREATE DATABASE … TEMPLATE` from one the
session migrated once, which is much cheaper than running the migrations per test. Sessions run
in a time zone far from UTC, so a timestamp that leans on the server's zone shows up as a failure.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from bot.storage import Database, open_database

POSTGRES_ENV = "NEWSBRIEF_TEST_POSTGRES_URL"
BACKENDS = ("sqlite", "postgresql")
# UTC+12:45 (+13:45 in its summer): any naive-timestamp mistake moves an instant by hours.
SESSION_TIME_ZONE = "Pacific/Chatham"


class PostgresServer:
    """Create and drop throwaway databases on one PostgreSQL server, copied from a migrated template."""

    def __init__(self, admin_url: str) -> None:
        self._admin = make_url(admin_url).set(drivername="postgresql+psycopg")
        self._engine = create_engine(self._admin, isolation_level="AUTOCOMMIT")
        self._prefix = f"newsbrief_test_{os.getpid()}"
        self._template = f"{self._prefix}_template"
        self._numbers = itertools.count(1)
        self._copy = ""

    def prepare_template(self) -> None:
        """Create the template database and migrate it to the newest schema."""
        self._execute(f"DROP DATABASE IF EXISTS {self._template}")
        self._execute(f"CREATE DATABASE {self._template}")
        # open_database migrates; closing it leaves no connection, which CREATE … TEMPLATE requires.
        open_database(self.url_of(self._template)).close()
        with self._engine.connect() as connection:
            version = int(connection.execute(text("SHOW server_version_num")).scalar_one())
        # PostgreSQL 15 copies a database block by block through the WAL unless told to copy its files,
        # which for a small template (and a test server without fsync) takes half the time.
        self._copy = " STRATEGY FILE_COPY" if version >= 150000 else ""

    def create_database(self, *, migrated: bool = True) -> str:
        """Return the URL of a new database: holding the newest schema, or (`migrated=False`) nothing."""
        name = f"{self._prefix}_{next(self._numbers)}"
        self._execute(f"CREATE DATABASE {name} TEMPLATE {self._template if migrated else 'template0'}{self._copy}")
        return self.url_of(name)

    def drop_database(self, url: str) -> None:
        """Drop a database this server created, even with connections still open to it."""
        self._execute(f"DROP DATABASE IF EXISTS {make_url(url).database} WITH (FORCE)")

    def url_of(self, database: str) -> str:
        """Return the URL of `database` on this server, its sessions in SESSION_TIME_ZONE."""
        url: URL = self._admin.set(database=database).update_query_dict({"options": f"-c timezone={SESSION_TIME_ZONE}"})
        return url.render_as_string(hide_password=False)

    def close(self) -> None:
        """Drop the template and let go of the admin connection."""
        self._execute(f"DROP DATABASE IF EXISTS {self._template} WITH (FORCE)")
        self._engine.dispose()

    def _execute(self, statement: str) -> None:
        with self._engine.connect() as connection:
            connection.execute(text(statement))


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """Yield the PostgreSQL server named by NEWSBRIEF_TEST_POSTGRES_URL; skip when it is not set."""
    admin_url = os.environ.get(POSTGRES_ENV, "").strip()
    if not admin_url:
        pytest.skip(f"{POSTGRES_ENV} is not set, so the PostgreSQL variant does not run (.ci/run sets it)")
    server = PostgresServer(admin_url)
    server.prepare_template()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def postgres_database(postgres_server: PostgresServer) -> Iterator[Database]:
    """Yield an opened, migrated PostgreSQL database of its own (for tests that only make sense there)."""
    url = postgres_server.create_database()
    database = open_database(url)
    try:
        yield database
    finally:
        database.close()
        postgres_server.drop_database(url)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return an SQLite file migrated to the newest schema, to be copied rather than migrated again."""
    path = tmp_path_factory.mktemp("template") / "newsbrief.sqlite3"
    open_database(f"sqlite:///{path}").close()
    return path


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Yield the URL of a fresh, migrated database: an SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        path = tmp_path / "newsbrief.sqlite3"
        # Closing the template's engine checkpointed its WAL, so the one file holds everything.
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = server.create_database()
    try:
        yield url
    finally:
        server.drop_database(url)


def backend_of(url: str) -> str:
    """Return "sqlite" or "postgresql" for a database URL."""
    return make_url(url).get_backend_name()


@pytest.fixture(params=BACKENDS)
def fresh_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Yield the URL of a database nothing has opened yet (an SQLite file in a missing folder, an empty PostgreSQL one)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'data' / 'newsbrief.sqlite3'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = server.create_database(migrated=False)
    try:
        yield url
    finally:
        server.drop_database(url)
