"""Fixtures shared across the suite."""

from tests.fakes.http_server import loopback_site  # noqa: F401
