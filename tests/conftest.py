"""Fixtures shared across the suite: the loopback fakes of a web site, Discord and Slack (tests/fakes)."""

pytest_plugins = ["tests.fakes.http_server", "tests.fakes.discord_server", "tests.fakes.slack_server"]
