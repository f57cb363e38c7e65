"""Errors whose message is a plain sentence a user can act on, and the apology for everything else."""

from __future__ import annotations

import html
import logging
import os
import re


class UserError(Exception):
    """Raise when the input, not the program, is at fault; the message is shown as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def error_reference() -> str:
    """Return a short reference that ties a user's apology to the logged trace."""
    # os.urandom is what secrets.token_hex reads; importing secrets cost every command ≈5 ms at start-up.
    return os.urandom(3).hex().upper()


def apologize(logger: logging.Logger, error: BaseException, *, level: int = logging.ERROR) -> str:
    """Log an unexpected error with a fresh reference and return the sentence for the user."""
    ref = error_reference()
    logger.log(level, "unexpected error (ref %s)", ref, exc_info=error)
    return f"Sorry, something went wrong (ref {ref})."


_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_DETAIL_LIMIT = 160


def one_line(text: str, limit: int = _DETAIL_LIMIT) -> str:
    """Return text on one line, whitespace collapsed, cut to `limit` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def http_failure(status: int, reason: str | None, body: str | None) -> str:
    """Phrase a refused HTTP request in one line: "403 Forbidden (Access denied)", never the page itself."""
    said = f"{status} {reason or ''}".strip()
    text = (body or "").strip()
    if "<" in text and ">" in text:  # an HTML error page: its title says it all
        match = _TITLE.search(text)
        text = html.unescape(_TAG.sub(" ", match.group(1))) if match else ""
    detail = one_line(text)
    if not detail or detail.lower() in said.lower() or said.lower() in detail.lower():
        return said
    return f"{said} ({detail})"
