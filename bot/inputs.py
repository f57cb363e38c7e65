"""Turn what a user typed (a path, `-`, a URL or pasted text) into an Article."""

from __future__ import annotations

import asyncio
import re
import sys
from typing import TextIO

from bot.errors import UserError
from bot.models import Article

_URL_RE = re.compile(r"^https?://\S+$", re.IGNORECASE)
_SCHEME_RE = re.compile(r"^[a-z][a-z0-9+.\-]*://", re.IGNORECASE)


def is_url(text: str) -> bool:
    """Tell whether the text is a single http(s) URL."""
    return bool(_URL_RE.match(text.strip()))


def load_input(name: str, *, settings=None, stdin: TextIO | None = None) -> Article:
    """Read a path, `-` (standard input) or an http(s) URL into an Article."""
    if name == "-":
        from bot.sources.files import read_stdin_article

        return read_stdin_article(stdin or sys.stdin)
    if is_url(name):
        return asyncio.run(fetch_url(name, settings=settings))
    if _SCHEME_RE.match(name):
        raise UserError("Only http:// and https:// links can be briefed.")
    from bot.sources.files import read_article_file

    return read_article_file(name)


async def fetch_url(url: str, *, settings=None) -> Article:
    """Fetch and extract one web page, with the SSRF guard the settings ask for."""
    from bot.settings import load_settings
    from bot.sources.guard import UrlGuard
    from bot.sources.http import make_client
    from bot.sources.web import fetch_article

    settings = settings or load_settings()
    guard = UrlGuard(allow_private=settings.allow_private_urls)
    async with make_client(settings) as client:
        return await fetch_article(url, client=client, guard=guard)
