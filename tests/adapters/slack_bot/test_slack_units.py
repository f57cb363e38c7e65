"""Small Slack pieces: reading typed text back, command names, reply rendering and the app manifest."""

from __future__ import annotations

import pytest

from adapters.slack_bot._installs import BOT_SCOPES, REDIRECT_PATH
from adapters.slack_bot._listeners import COMMAND_PATTERN, command_name, needs_manager
from adapters.slack_bot._send import RESPONSE_URL_USES, reply_messages
from adapters.slack_bot._text import plain_text, without_mention
from bot.commands.model import Reply
from bot.commands.table import COMMAND_NAMES, MENU_COMMANDS
from tests.adapters.slack_bot.test_slack_adapter import digest_of
from tests.fakes.samples import sample_briefing
from tests.paths import REPO

MANIFEST = REPO / "adapters" / "slack_bot" / "slack_manifest.yml"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("<https://news.example/a?b=1&amp;c=2|news.example/a>", "https://news.example/a?b=1&c=2"),
        ("see <https://news.example/x>", "see https://news.example/x"),
        ("ask <@U0MEMBER|mara> in <#C0GENERAL|general>", "ask @mara in #general"),
        ("ask <@U0MEMBER>", "ask @U0MEMBER"),
        ("<!here> and <!subteam^S0DESK|@desk>", "@here and @desk"),
        ("<mailto:desk@news.example|desk@news.example>", "desk@news.example"),
        ("a &lt;b&gt; &amp;amp; c", "a <b> &amp; c"),
        ("  plain words  ", "plain words"),
    ],
)
def test_plain_text_reads_slack_markup_back_as_typed(typed, expected):
    assert plain_text(typed) == expected


def test_without_mention_drops_only_the_bot():
    text = "<@U0NEWSBOT> brief this for <@U0MEMBER> <@U0NEWSBOT|newsbrief>"
    assert plain_text(without_mention(text, "U0NEWSBOT")) == "brief this for @U0MEMBER"
    assert without_mention(text, None) == text


@pytest.mark.parametrize(
    ("slash", "name"),
    [("/brief", "brief"), ("/news-status", "status"), ("/nb_feeds", "feeds"), ("/briefing", "briefing")],
)
def test_command_names_accept_a_workspace_prefix(slash, name):
    assert command_name(slash) == name
    assert bool(COMMAND_PATTERN.match(slash)) == (name in COMMAND_NAMES)


@pytest.mark.parametrize(
    ("command", "text", "managed"),
    [
        ("/subscribe", "08:00", True),
        ("/unsubscribe", "", True),
        ("/feeds", "add https://a.example/rss", True),
        ("/feeds", "Remove https://a.example/rss", True),
        ("/feeds", "list", False),
        ("/brief", "subscribe", False),
        ("/status", "", False),
    ],
)
def test_only_changes_to_a_channel_need_a_manager(command, text, managed):
    assert needs_manager({"command": command, "text": text}) is managed


def test_reply_messages_keep_text_first_and_never_come_out_empty():
    messages = reply_messages(Reply(text="Two briefings match:", briefings=(sample_briefing(), sample_briefing("Second"))))
    assert messages[0] == {"text": "Two briefings match:"}
    assert [m["blocks"][0]["text"]["text"] for m in messages[1:]] == ["Harbour council backs night ferry", "Second"]
    assert all(m["text"].strip() for m in messages)
    assert reply_messages(Reply()) == [{"text": "Nothing to show."}]


def test_long_reply_text_is_split_into_messages_within_a_section():
    long_text = "\n".join(f"Line {n} of a long status report, with <angle> & ampersand." for n in range(200))
    messages = reply_messages(Reply(text=long_text))
    assert len(messages) > 1 and all(len(m["text"]) <= 3000 for m in messages)
    assert "<angle>" not in "".join(m["text"] for m in messages)
    assert sum(m["text"].count("Line ") for m in messages) == 200


def test_a_digest_reply_renders_every_story():
    digest = digest_of(*(sample_briefing(f"Story {n}") for n in range(3)))
    text = str(reply_messages(Reply(digest=digest)))
    assert all(f"Story {n}" in text for n in range(3))
    assert RESPONSE_URL_USES == 5


def test_the_manifest_declares_what_the_adapter_listens_for():
    yaml = pytest.importorskip("yaml")
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    commands = {c["command"]: c for c in manifest["features"]["slash_commands"]}
    assert set(commands) == {f"/{command.name}" for command in MENU_COMMANDS}  # the command table, no more, no less
    assert all(c["description"] and len(c["description"]) <= 100 and c["url"].endswith("/slack/events") for c in commands.values())
    assert all(c["should_escape"] is False for c in commands.values())  # text arrives as typed, not as <@U…> ids
    events = {"app_mention", "message.im", "app_uninstalled", "tokens_revoked"}
    assert set(manifest["settings"]["event_subscriptions"]["bot_events"]) == events
    assert manifest["settings"]["socket_mode_enabled"] is True
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"commands", "chat:write", "im:history", "app_mentions:read", "users:read", "channels:read", "groups:read"} <= scopes
    assert manifest["features"]["app_home"]["messages_tab_enabled"] is True  # people can DM the bot
    assert manifest["settings"]["interactivity"]["is_enabled"] is True  # the More facts buttons
    assert set(BOT_SCOPES) == scopes  # an OAuth install asks for exactly the manifest's scopes
    assert all(url.endswith(REDIRECT_PATH) for url in manifest["oauth_config"]["redirect_urls"])
