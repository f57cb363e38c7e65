"""Errors whose message is a plain sentence a user can act on, and the apology for everything else."""

from __future__ import annotations

import logging
import os


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
