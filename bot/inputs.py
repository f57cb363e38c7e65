"""Turn what a user typed (a path, `-`, a URL or pasted text) into an Article."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import TextIO

from bot.errors import UserError
from bot.models import Article
from bot.sources.files import read_article_file, read_stdin_article

_URL_RE = re.compile(r"^https?://\S+$", re.IGNORECASE)
_SCHEME_RE = re.compile(r"^[a-z][a-z0-9+.\-]*://", re.IGNORECASE)


def is_url(text: str) -> bool:
    """Tell whether the text is a single http(s) URL."""
    return bool(_URL_RE.match(text.strip()))


def load_input(name: str, *, fetch_page: Callable[[str], Article], stdin: TextIO | None = None) -> Article:
    """Read a path, `-` (standard input) or an http(s) URL (through `fetch_page`) into an Article."""
    if name == "-":
        return read_stdin_article(stdin or sys.stdin)
    if is_url(name):
        return fetch_page(name)
    if _SCHEME_RE.match(name):
        raise UserError("Only http:// and https:// links can be briefed.")
    return read_article_file(name)
