"""The console adapter: read commands line by line, answer them, print scheduled digests here too."""

from __future__ import annotations

import asyncio
import contextlib
import getpass
import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from rich.console import Console

from bot import render
from bot.chat import EMPTY_DIGEST_TEXT, digest_is_empty
from bot.commands.model import CommandHandler, CommandRequest, Reply, apology_reply
from bot.commands.parse import typed_command
from bot.errors import UserError
from bot.models import Briefing, Digest, Matches
from bot.sources.files import read_text_file
from bot.values import ChannelRef, UserRef

PLATFORM = "console"
# The one channel there is: the terminal of the person running the bot.
CHANNEL = ChannelRef(PLATFORM, "local", "terminal")
PROMPT = "newsbrief> "
FACTS_COMMAND = "facts"  # the command table's entry a "More facts" button asks for
FACTS_HINT = "/facts"
# File endings that mark a lone word after /brief as a file name rather than a one-word text.
_ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".md", ".html", ".htm", ".xhtml"})

log = logging.getLogger(__name__)


class ConsoleAdapter:
    """Read commands line by line, answer through the command layer, print with the text renderer."""

    platform = PLATFORM

    def __init__(
        self,
        service: CommandHandler,
        *,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        on_exit: Callable[[], None] | None = None,
        user: str | None = None,
    ) -> None:
        self._service = service
        self._stdin = stdin or sys.stdin
        self._stdout = stdout or sys.stdout
        self._on_exit = on_exit
        self._user = user or _login_name()
        self._interactive = _is_tty(self._stdin) and _is_tty(self._stdout)
        self._lines: asyncio.Queue[str | None] | None = None
        self._shown = ShownRefs()
        self._task: asyncio.Task[None] | None = None

    @property
    def finished(self) -> bool:
        """Tell whether the input has ended (EOF) and every line was answered."""
        return self._task is not None and self._task.done()

    async def start(self) -> None:
        """Start reading standard input in the background and answering each line."""
        loop = asyncio.get_running_loop()
        self._lines = asyncio.Queue()
        # A daemon thread, not the loop's executor: a blocked read must never hold up shutdown.
        reader = threading.Thread(target=self._read_lines, args=(loop, self._lines), name="console-stdin", daemon=True)
        reader.start()
        self._task = asyncio.create_task(self._answer_lines(), name="console-repl")
        if self._interactive:
            self._write("newsbrief console: type /help for the commands, Ctrl-D to quit.\n")
            self._prompt()

    async def stop(self) -> None:
        """Stop answering; a command already running is cancelled."""
        if self._task is not None and not self._task.done():
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def deliver(self, target: ChannelRef, digest: Digest) -> None:
        """Print a scheduled digest in the terminal."""
        self._write(f"\n— Scheduled digest for {target.channel} —\n")
        if digest_is_empty(digest):
            self._write(EMPTY_DIGEST_TEXT + "\n")
        else:
            self._render(digest, compact=True)
            self._offer_more((), None, digest)
        self._write("\n")  # a blank line, as after every reply, so the next answer stands apart
        self._prompt()

    async def send_direct(self, recipient: UserRef, reply: Reply) -> None:
        """Print a direct message (an alert) in the terminal, marked with whom it is for."""
        self._write(f"\nDM to {recipient.user}: ")
        self.show(reply)
        self._prompt()

    def request_for(self, line: str) -> CommandRequest:
        """Turn one typed line into a request: a command (slash or not), or plain words as a direct message."""
        text = line.strip()
        typed = typed_command(text)
        if typed is None:
            return self._request("", text, is_dm=True)
        command, arguments = typed
        if command == "brief":
            arguments = _file_text_or(arguments)
        elif command == FACTS_COMMAND:
            arguments = self._shown.ref_for(arguments)
        return self._request(command, arguments, is_dm=False)

    async def answer(self, line: str) -> None:
        """Answer one line and print the reply."""
        try:
            # In a thread: `/brief FILE` reads the file, and the loop also serves scheduled digests.
            request = await asyncio.to_thread(self.request_for, line)
        except UserError as error:  # a file named on the line could not be read
            self.show(Reply(text=error.message, ephemeral=True, is_error=True))
            return
        self.show(await self._service.handle(request))

    def show(self, reply: Reply) -> None:
        """Print a reply: its text, each briefing (in its chat form), the lookup matches, the digest, any file."""
        if reply.text:
            self._write(reply.text + "\n")
        compact = not reply.fact_card
        for number, briefing in enumerate(reply.briefings):
            if number or reply.text:
                self._write("\n")
            self._render(briefing, compact=compact)
        for shown in (reply.matches, reply.digest):
            if shown is not None:
                self._render(shown, compact=compact)
        if compact:
            self._offer_more(reply.briefings, reply.matches, reply.digest)
        if reply.attachment is not None:
            # A terminal has no attachments: the file's text, between markers, can be copied or piped.
            self._write(f"--- {reply.attachment.filename} ---\n{reply.attachment.text.rstrip()}\n"
                        f"--- end of {reply.attachment.filename} ---\n")
        self._write("\n")

    async def _answer_lines(self) -> None:
        assert self._lines is not None
        try:
            while (line := await self._lines.get()) is not None:
                if line.strip():
                    try:
                        await self.answer(line)
                    except Exception as error:  # one line that fails must not end the console
                        self.show(apology_reply(log, error))
                self._prompt()
        finally:
            if self._on_exit is not None:
                self._on_exit()

    def _read_lines(self, loop: asyncio.AbstractEventLoop, lines: asyncio.Queue[str | None]) -> None:
        try:
            for line in iter(self._stdin.readline, ""):
                loop.call_soon_threadsafe(lines.put_nowait, line)
        except (OSError, ValueError, RuntimeError):
            pass  # stdin closed under us, or the loop is gone: either way there is no more input
        # A closed loop means nobody is waiting for the end-of-input marker.
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(lines.put_nowait, None)

    def _request(self, command: str, text: str, *, is_dm: bool) -> CommandRequest:
        # The person at the terminal runs the bot, so the console channel is always theirs to manage.
        return CommandRequest(
            channel=CHANNEL, user=self._user, command=command, text=text, is_dm=is_dm, can_manage=True
        )

    def _render(self, obj: Briefing | Digest | Matches, *, compact: bool) -> None:
        if self._interactive:
            render.print_rich(obj, Console(file=self._stdout), compact=compact)
        else:
            self._write(render.render_text(obj, compact=compact))
        self._stdout.flush()

    def _offer_more(self, briefings: tuple[Briefing, ...], matches: Matches | None, digest: Digest | None) -> None:
        """Say how to see every fact of what was just shown (the console's "More facts" button)."""
        hint = self._shown.remember(briefings, matches, digest)
        if hint:
            self._write(hint + "\n")

    def _prompt(self) -> None:
        if self._interactive:
            self._write(PROMPT)

    def _write(self, text: str) -> None:
        self._stdout.write(text)
        self._stdout.flush()


class ShownRefs:
    """What the console last showed, so `/facts` and `/facts 2` can name it as its buttons would."""

    def __init__(self) -> None:
        self._refs: list[str | None] = []

    def remember(self, briefings: tuple[Briefing, ...], matches: Matches | None, digest: Digest | None) -> str:
        """Keep the refs of what was just shown; return the line that says how to see more, or ""."""
        if digest is not None:
            items, noun = [item.briefing for item in digest.items], "story"
        elif matches is not None:
            items, noun = list(matches.briefings), "match"
        else:
            items, noun = [b for b in briefings if render.chat_form(b).offers_more], "briefing"
        if not any(b.ref for b in items):
            return ""
        self._refs = [b.ref for b in items]
        if len(items) == 1:
            return f"More facts: {FACTS_HINT}"
        return f"More facts on a {noun}: {FACTS_HINT} N (1–{len(items)})"

    def ref_for(self, typed: str) -> str:
        """Return the ref `/facts [N]` means; a ref typed in full passes through."""
        wanted = typed.strip()
        if wanted and not wanted.isdigit():
            return wanted
        if not self._refs:
            raise UserError("Nothing shown here has more facts yet: brief an article, look one up or ask for a digest.")
        if not wanted:
            if len(self._refs) > 1:
                raise UserError(f"Which one? Type {FACTS_HINT} 1 to {FACTS_HINT} {len(self._refs)}.")
            wanted = "1"
        number = int(wanted)
        if not 1 <= number <= len(self._refs):
            raise UserError(f"There is no number {number} above; choose 1 to {len(self._refs)}.")
        ref = self._refs[number - 1]
        if ref is None:
            raise UserError(f"Number {number} has nothing more stored; what you see is all of it.")
        return ref


def _file_text_or(argument: str) -> str:
    """Return a file's text when `argument` names an existing file, else the argument itself."""
    candidate = argument.strip()
    if not candidate or "\n" in candidate or len(candidate) > 4096:
        return argument
    path = Path(candidate).expanduser()
    try:
        is_file = path.is_file()
    except (OSError, ValueError):  # e.g. pasted text longer than a file name may be
        is_file = False
    if not is_file:
        _refuse_missing_path(candidate, path)
        return argument
    return read_text_file(path)


def _refuse_missing_path(candidate: str, path: Path) -> None:
    """Raise UserError when one word that can only be a file name names no readable file."""
    # Otherwise "/brief notes.txt" with a typo would be briefed as the text "notes.txt".
    if any(char.isspace() for char in candidate) or "://" in candidate:
        return
    if not (candidate.startswith(("/", "~", ".")) or "/" in candidate or "\\" in candidate
            or path.suffix.lower() in _ARTICLE_SUFFIXES):
        return
    try:
        is_folder, exists = path.is_dir(), path.exists()
    except (OSError, ValueError):
        is_folder = exists = False
    if is_folder:
        raise UserError(
            f"{candidate} is a folder; give the path of one article file, e.g. seeds/01-diplomacy-summit.txt."
        )
    if exists:
        raise UserError(f"{candidate} is not an ordinary file; give the path of a text or HTML article.")
    raise UserError(f"I can't find the file {candidate}; check the path, or paste the article's text instead.")


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers; any stable name will do
        return "console-user"
