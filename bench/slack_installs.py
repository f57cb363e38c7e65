"""How long finding a workspace's bot token takes: slack_sdk's sync SQLAlchemy store in a worker thread
(what newsbrief uses) against its async store on an async driver (aiosqlite, psycopg's async mode).

    python bench/slack_installs.py [--postgres URL] [--workspaces 200] [--lookups 2000]

Every Slack request in OAuth mode does one such lookup (authorize), and every digest one more.
The async variant runs only when its driver is installed (`pip install aiosqlite` for SQLite).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from adapters.slack_bot._installs import ThreadedInstallationStore
from bot.storage import open_database

CLIENT_ID = "1111.2222"


def installation(n: int) -> Installation:
    return Installation(
        app_id="A0NEWSBRIEF", team_id=f"T{n:06d}", team_name=f"Team {n}", bot_token=f"xoxb-{n}", bot_id=f"B{n}",
        bot_user_id=f"U{n}", bot_scopes="commands,chat:write", user_id="U0ADMIN",
    )


async def timed(find: Callable[[str], Awaitable[object]], teams: list[str]) -> list[float]:
    took = []
    for team in teams:
        began = time.perf_counter()
        found = await find(team)
        took.append((time.perf_counter() - began) * 1000)
        assert found is not None
    return took


async def concurrent(find: Callable[[str], Awaitable[object]], teams: list[str], width: int = 20) -> float:
    """Return lookups per second with `width` at once (a fan-out posting to 20 channels)."""
    began = time.perf_counter()
    for start in range(0, len(teams), width):
        await asyncio.gather(*(find(team) for team in teams[start:start + width]))
    return len(teams) / (time.perf_counter() - began)


def report(name: str, took: list[float], rate: float) -> None:
    took.sort()
    p95 = took[int(len(took) * 0.95)]
    print(f"{name:<50} median {statistics.median(took):6.3f} ms  p95 {p95:6.3f} ms  {rate:7.0f}/s with 20 at once")


async def bench(label: str, url: str, async_url: str | None, workspaces: int, lookups: int) -> None:
    database = open_database(url)
    threaded = ThreadedInstallationStore(CLIENT_ID, database.engine)
    for n in range(workspaces):
        await threaded.async_save(installation(n))
    teams = [f"T{n % workspaces:06d}" for n in range(lookups)]

    async def find_threaded(team: str) -> object:
        return await threaded.async_find_bot(enterprise_id=None, team_id=team)

    await timed(find_threaded, teams[:50])  # warm-up
    took = await timed(find_threaded, teams)
    report(f"{label}: sync store in a thread", took, await concurrent(find_threaded, teams))

    if async_url is None:
        print(f"{label}: async store skipped (its driver is not installed)")
    else:
        engine = create_async_engine(async_url)
        native = AsyncSQLAlchemyInstallationStore(CLIENT_ID, engine)

        async def find_native(team: str) -> object:
            return await native.async_find_bot(enterprise_id=None, team_id=team)

        await timed(find_native, teams[:50])
        report(f"{label}: async store ({make_url(async_url).drivername})", await timed(find_native, teams),
               await concurrent(find_native, teams))
        await engine.dispose()
    database.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", help="an empty PostgreSQL database's URL (postgresql+psycopg://…)")
    parser.add_argument("--workspaces", type=int, default=200)
    parser.add_argument("--lookups", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "installs.sqlite3"
        has_aiosqlite = importlib.util.find_spec("aiosqlite") is not None
        asyncio.run(bench("SQLite", f"sqlite:///{path}", f"sqlite+aiosqlite:///{path}" if has_aiosqlite else None,
                          args.workspaces, args.lookups))
    if args.postgres:
        url = make_url(args.postgres).set(drivername="postgresql+psycopg")
        async_url = url.set(drivername="postgresql+psycopg_async").render_as_string(hide_password=False)
        asyncio.run(bench("PostgreSQL", url.render_as_string(hide_password=False), async_url,
                          args.workspaces, args.lookups))


if __name__ == "__main__":
    main()
