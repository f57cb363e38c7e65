"""Failures phrased for people: one line, the status and what the server called it, never its page."""

from __future__ import annotations

import pytest

from bot.errors import http_failure, one_line

CLOUDFLARE_PAGE = """<!DOCTYPE html>
<html><head>
<title>Access denied | discord.com used Cloudflare to restrict access</title>
</head><body><h1>Error 1015</h1><p>You are being rate limited</p></body></html>"""


@pytest.mark.parametrize(
    ("status", "reason", "body", "expected"),
    [
        (403, "Forbidden", CLOUDFLARE_PAGE, "403 Forbidden (Access denied | discord.com used Cloudflare to restrict access)"),
        (401, "Unauthorized", "<html><head><title>401 Unauthorized</title></head></html>", "401 Unauthorized"),
        (502, "Bad Gateway", "<html><body><h1>Bad gateway</h1></body></html>", "502 Bad Gateway"),
        (429, "Too Many Requests", "You are being rate limited.", "429 Too Many Requests (You are being rate limited.)"),
        (500, None, "", "500"),
        (404, "Not Found", "x" * 500, "404 Not Found (" + "x" * 159 + "…)"),
    ],
)
def test_an_http_failure_is_one_short_line(status, reason, body, expected):
    phrased = http_failure(status, reason, body)
    assert phrased == expected and "\n" not in phrased and "<" not in phrased


def test_one_line_collapses_and_cuts():
    assert one_line("a\n  b\tc") == "a b c"
    assert one_line("word " * 100, limit=20) == "word word word word…"
