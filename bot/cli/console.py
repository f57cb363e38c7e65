"""The rich Console the command line prints to a terminal with, closed pipes included."""

from __future__ import annotations

from rich.console import Console


class PipeConsole(Console):
    """A rich Console that lets a closed pipe reach `main`, which treats it the same for every command."""

    def on_broken_pipe(self) -> None:
        # rich's own handling exits with status 1; `| head` taking what it wanted is no failure.
        raise BrokenPipeError
