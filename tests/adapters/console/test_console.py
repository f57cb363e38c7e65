"""The console adapter: `newsbrief run` with no tokens, driven through a pipe as a script would."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from adapters.console import ConsoleAdapter
from bot.app import build_app
from bot.commands.model import CommandRequest, Reply
from bot.commands.table import COMMANDS
from bot.errors import UserError
from bot.models import Digest
from bot.values import ChannelRef
from tests.kit import REPO, FakeClock, add_feed_articles, briefing_for, settings_for, subprocess_env

SEED = "seeds/09-antwerp-strike-wire.txt"
TERMINAL = ChannelRef("console", "local", "terminal")
SEED_TITLE = "Antwerp Dockworkers to Strike for 48 Hours Over Crane Automation Plan"
NEXT_BERLIN_RUN = re.compile(r"next one (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} 08:00 CES?T\.")


def newsbrief_run(stdin: str, data_dir: Path, **env: str) -> subprocess.CompletedProcess:
    """Pipe `stdin` into `newsbrief run` exactly as a shell user would."""
    script = Path(sys.executable).with_name("newsbrief")
    command = [str(script), "run"] if script.exists() else [sys.executable, "-m", "bot.cli.main", "run"]
    return subprocess.run(
        command, input=stdin, capture_output=True, text=True, cwd=REPO, env=subprocess_env(data_dir, **env),
        timeout=120,
    )


def test_acceptance_brief_subscribe_status_lookup_through_a_pipe(tmp_path, database_url):
    # DATABASE_URL as a user sets it: a bare postgresql:// URL on PostgreSQL (it gets psycopg), else SQLite's.
    url = database_url.replace("postgresql+psycopg://", "postgresql://")
    session = f"/brief {SEED}\n/subscribe 08:00 Europe/Berlin\n/status\n/lookup dockworkers\n/lookup Vermeulen\n"
    result = newsbrief_run(session, tmp_path, DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    # The briefing: title, summary bullets, key facts, stats.
    assert out.index(SEED_TITLE) < out.index("Key facts") < out.index("words →")
    # The confirmation, with the next run in Berlin time.
    assert "Subscribed: daily digest at 08:00 Europe/Berlin; next one" in out
    assert NEXT_BERLIN_RUN.search(out), out
    # The status.
    status = out[out.index("Status of this channel"):]
    assert status.splitlines()[1].startswith("Daily digest: every day at 08:00 Europe/Berlin; next one")
    # The lookup finds the article /brief stored.
    lookup = out[out.index("1 match for “dockworkers”:"):]
    assert SEED_TITLE in lookup
    # ...also by a word only its body has (a union leader quoted in it).
    assert SEED_TITLE in out[out.index("1 match for “Vermeulen”:"):]
    assert (tmp_path / "newsbrief.sqlite3").exists() == url.startswith("sqlite")


def test_plain_text_is_a_direct_message_and_state_survives_the_next_run(tmp_path):
    # Nothing listens on port 9 here: the feed is kept, to be tried again with each poll.
    down = "http://127.0.0.1:9/port.xml"
    first = newsbrief_run(f"/brief {SEED}\n/feeds add {down}\n", tmp_path, NEWSBRIEF_ALLOW_PRIVATE_URLS="1")
    assert first.returncode == 0, first.stderr
    assert SEED_TITLE in first.stdout, first.stdout + first.stderr
    assert f"Added feed {down}. It cannot be read right now" in first.stdout
    second = newsbrief_run("crane automation\nhelp\n/feeds list\n/digest\n", tmp_path)
    assert second.returncode == 0, second.stderr
    out = second.stdout
    assert "1 match for “crane automation”:" in out and SEED_TITLE in out
    assert "Commands:" in out and "lookup <words>" in out
    assert f"• {down} — not polled yet" in out
    assert "Nothing new since the last digest." in out


def test_mistakes_are_answered_and_the_console_carries_on(tmp_path):
    result = newsbrief_run("/subscribe 8 o'clock\n/teleport\n/brief\n/status\n", tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "is not a time like 08:00" in out
    assert "I don't know the command “teleport”" in out
    assert "Give me a link or paste the article's text" in out
    assert "Status of this channel" in out


def test_an_empty_pipe_exits_cleanly(tmp_path):
    result = newsbrief_run("", tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""


async def test_a_scheduled_digest_prints_in_the_terminal(tmp_path):
    clock = FakeClock(datetime(2026, 5, 4, 5, 0, tzinfo=UTC))  # 07:00 in Berlin
    settings = settings_for(tmp_path)
    first = build_app(settings, clock=clock, platforms=(), fire_jobs=False)
    await first.start()
    await first.service.handle(CommandRequest(TERMINAL, "me", "subscribe", "08:00 Europe/Berlin", can_manage=True))
    feed, _ = first.store.feeds.add_feed("https://feeds.example/port.xml")
    first.store.subscriptions.add_subscription_feed(TERMINAL, feed.id)
    add_feed_articles(first.store, feed.id, "port", 2, clock())
    await first.stop()

    clock.set(clock() + timedelta(hours=2))  # the bot was down at 08:00 and comes back at 09:00
    screen = io.StringIO()
    second = build_app(settings, clock=clock, platforms=(), fire_jobs=False)
    second.add_adapter(ConsoleAdapter(second.service, stdin=io.StringIO(""), stdout=screen))
    await second.start()
    await second.stop()
    printed = screen.getvalue()
    assert "— Scheduled digest for terminal —" in printed
    assert "Daily news digest" in printed
    assert "Harbour cranes stand idle in port (0)" in printed and "Orchard frost ruins apples in port (1)" in printed


async def test_an_empty_scheduled_digest_prints_one_short_line():
    screen = io.StringIO()
    console = ConsoleAdapter(service=None, stdin=io.StringIO(""), stdout=screen)
    await console.deliver(TERMINAL, Digest(items=()))
    assert "Nothing new since the last digest." in screen.getvalue()


def test_a_path_to_an_existing_file_is_read_and_anything_else_is_sent_as_typed(tmp_path):
    console = ConsoleAdapter(service=None, stdin=io.StringIO(""), stdout=io.StringIO(), user="me")
    article = tmp_path / "note.txt"
    article.write_text("Title: Ferry back\n\nThe ferry runs again from Monday, the harbour office said.")
    from_file = console.request_for(f"/brief {article}")
    assert from_file.command == "brief" and from_file.text.startswith("Title: Ferry back")
    typed = console.request_for("/brief The ferry runs again.")
    assert typed.text == "The ferry runs again."
    dm = console.request_for("ferry timetable")
    assert (dm.command, dm.text, dm.is_dm, dm.can_manage) == ("", "ferry timetable", True, True)
    assert console.request_for("/Subscribe 08:00").command == "subscribe"


def test_commands_read_the_same_with_or_without_their_slash():
    console = ConsoleAdapter(service=None, stdin=io.StringIO(""), stdout=io.StringIO(), user="me")
    examples = {"subscribe": "08:00 Europe/Berlin", "feeds": "add https://feeds.example/port.xml", "lookup": "ferry",
                "brief": "The ferry runs again.", "facts": "a" * 64}
    for command in COMMANDS:
        for word in (command.name, *command.aliases):
            line = f"{word} {examples.get(command.name, '')}".strip()
            bare, slashed = console.request_for(line), console.request_for("/" + line)
            assert bare == slashed and bare.command == command.name and not bare.is_dm, line


def test_the_console_shows_the_chat_form_and_facts_n_shows_the_whole_card(tmp_path):
    result = newsbrief_run(
        f"brief {SEED}\nfacts\nsubscribe 08:00 Europe/Berlin\nlookup dockworkers\nfacts 1\nfacts 5\n", tmp_path
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    chat, rest = out.split("More facts: /facts\n", 1)
    assert SEED_TITLE in chat and "Key facts" in chat and len(chat.split()) < 200
    assert "Hamburg" not in chat and "Belga news agency" not in chat  # left for the card
    card, rest = rest.split("Subscribed: daily digest at 08:00 Europe/Berlin", 1)
    assert SEED_TITLE in card and "Hamburg" in card and "Belga news agency" in card
    lookup, rest = rest.split("1 match for “dockworkers”:", 1)[1].split("More facts: /facts\n", 1)
    assert SEED_TITLE in lookup and "Key facts" not in lookup and len(lookup.split()) < 60
    assert "Hamburg" in rest and "There is no number 5 above; choose 1 to 1." in rest


def test_replies_print_text_then_briefings():
    screen = io.StringIO()
    console = ConsoleAdapter(service=None, stdin=io.StringIO(""), stdout=screen)
    console.show(Reply(text="2 matches for “ice”:", briefings=(
        briefing_for("Glacier retreat measured", "Surveyors logged ninety metres of lost ice."),
        briefing_for("Sea ice algae bloom early", "Divers found green mats under the floes."),
    )))
    printed = screen.getvalue()
    assert printed.index("2 matches") < printed.index("Glacier retreat measured") < printed.index("Sea ice algae")


async def test_the_console_is_what_runs_when_no_platform_token_is_set(tmp_path):
    app = build_app(settings_for(tmp_path), fire_jobs=False)
    try:
        assert [adapter.platform for adapter in app.adapters] == ["console"]
        assert "console" in app.dispatcher.sinks
    finally:
        await app.stop()


def test_a_missing_file_after_brief_is_named_rather_than_briefed_as_text(tmp_path):
    console = ConsoleAdapter(service=None, stdin=io.StringIO(""), stdout=io.StringIO(), user="me")
    missing = tmp_path / "typo.txt"
    with pytest.raises(UserError, match=f"I can't find the file {re.escape(str(missing))}"):
        console.request_for(f"/brief {missing}")
    assert console.request_for("/brief Ferries.").text == "Ferries."  # one plain word is still text


def test_a_folder_after_brief_is_refused_with_a_sentence(tmp_path):
    console = ConsoleAdapter(service=None, stdin=io.StringIO(""), stdout=io.StringIO(), user="me")
    with pytest.raises(UserError, match="is a folder"):
        console.request_for(f"/brief {tmp_path}")


async def test_a_scheduled_digest_ends_with_a_blank_line_like_every_reply():
    screen = io.StringIO()
    console = ConsoleAdapter(service=None, stdin=io.StringIO(""), stdout=screen)
    await console.deliver(TERMINAL, Digest(items=()))
    assert screen.getvalue().endswith("Nothing new since the last digest.\n\n")
