"""The console as a new user meets filters, alerts and exports: `newsbrief run` fed line by line, and in-process."""

from __future__ import annotations

import asyncio
import io
import sys
from pathlib import Path

from adapters.console import ConsoleAdapter
from bot.commands.model import Attachment, Reply
from bot.values import UserRef
from tests.fakes.content import PORT_STORIES
from tests.kit import REPO, briefing_for, subprocess_env

STRIKE = PORT_STORIES["antwerp-strike"][0]
FERRY = PORT_STORIES["ferry-timetable"][0]
_WAIT = 90.0  # the first feed poll comes five seconds after start; a loaded machine may take longer


class ConsoleSession:
    """`newsbrief run` in a child process, typed into line by line, its output read as it comes."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.output = ""

    @classmethod
    async def start(cls, data_dir: Path, **env: str) -> ConsoleSession:
        script = Path(sys.executable).with_name("newsbrief")
        command = [str(script), "run"] if script.exists() else [sys.executable, "-m", "bot.cli.main", "run"]
        process = await asyncio.create_subprocess_exec(
            *command, cwd=REPO, env=subprocess_env(data_dir, **env),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )
        return cls(process)

    async def type(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(f"{line}\n".encode())
        await self.process.stdin.drain()

    async def wait_for(self, text: str, *, after: int = 0) -> int:
        """Read output until `text` appears past position `after`; return where it starts."""
        assert self.process.stdout is not None

        async def read() -> int:
            while (found := self.output.find(text, after)) < 0:
                chunk = await self.process.stdout.read(4096)
                if not chunk:
                    raise AssertionError(f"the console ended before printing {text!r}:\n{self.output}")
                self.output += chunk.decode()
            return found

        return await asyncio.wait_for(read(), _WAIT)

    async def finish(self) -> str:
        """End the input (as Ctrl-D does), wait for the exit, and return everything printed."""
        assert self.process.stdin is not None
        self.process.stdin.close()
        out, err = await asyncio.wait_for(self.process.communicate(), _WAIT)
        self.output += out.decode()
        assert self.process.returncode == 0, err.decode()
        return self.output


async def test_acceptance_follow_then_a_fetch_prints_a_direct_message_and_a_filter_keeps_a_strike_out(
    tmp_path, loopback_site
):
    env = {"NEWSBRIEF_ALLOW_PRIVATE_URLS": "1"}
    port = loopback_site.url("/feeds/port.xml")
    setup = await ConsoleSession.start(tmp_path, **env)
    await setup.type(f"/feeds add {port}")
    await setup.type("/follow antwerp")
    out = await setup.finish()
    assert f"Added feed {port}." in out and "Following antwerp" in out

    loopback_site.port_stories = ["antwerp-strike", "ferry-timetable", "library-laptops"]
    session = await ConsoleSession.start(tmp_path, **env)
    dm = await session.wait_for("DM to ")  # printed after the first poll stores the Antwerp story
    await session.wait_for(STRIKE, after=dm)
    await session.type("/filter exclude strike")
    await session.type("/digest")
    digest = await session.wait_for("News digest", after=dm)
    out = await session.finish()
    assert "A new article about antwerp:" in out[dm:digest]
    assert FERRY in out[digest:] and STRIKE not in out[digest:]
    assert "Filter updated." in out


async def test_a_direct_message_prints_with_whom_it_is_for():
    screen = io.StringIO()
    console = ConsoleAdapter(service=None, stdin=io.StringIO(""), stdout=screen)
    reply = Reply(text="A new article about ferry:", briefings=(briefing_for("Ferry back", "The ferry runs again."),))
    await console.send_direct(UserRef("console", "local", "dana"), reply)
    printed = screen.getvalue()
    assert printed.startswith("\nDM to dana: A new article about ferry:\n")
    assert printed.index("DM to dana") < printed.index("Ferry back")


def test_a_file_answer_prints_its_text_between_markers():
    screen = io.StringIO()
    console = ConsoleAdapter(service=None, stdin=io.StringIO(""), stdout=screen)
    console.show(Reply(text="This channel's 1 feed as OPML:", attachment=Attachment("feeds.opml", b"<opml/>\n")))
    assert screen.getvalue() == (
        "This channel's 1 feed as OPML:\n--- feeds.opml ---\n<opml/>\n--- end of feeds.opml ---\n\n"
    )
