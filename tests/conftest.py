"""Fixtures shared across the suite: the loopback fakes of a web site, Discord and Slack (tests/fakes),
and the databases (SQLite and PostgreSQL) storage, schedule and fan-out tests run on (tests/databases.py)."""

pytest_plugins = [
    "tests.databases", "tests.fakes.http_server", "tests.fakes.discord_server", "tests.fakes.slack_server",
]
