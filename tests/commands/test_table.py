"""The command table is the one place a command is declared: the service, help and parsing all follow it."""

from __future__ import annotations

import pytest

from bot.commands.help import help_text
from bot.commands.parse import action_of, canonical_command, resolve, split_command, typed_command
from bot.commands.service import HANDLERS
from bot.commands.table import COMMANDS, MENU_COMMANDS, all_actions
from bot.errors import UserError


def test_every_command_in_the_table_has_a_handler_and_every_handler_a_command():
    assert set(HANDLERS) == {action.name for action in all_actions()}


def test_the_help_text_lists_every_command_of_the_menus_and_explains_the_button():
    text = help_text()
    for action in all_actions():
        assert (f"/{action.usage} — {action.help}" in text) == (action.name != "facts")
    assert ("/subscribe, /unsubscribe, /feeds add, /feeds remove, /filter include, /filter exclude and "
            "/filter clear need permission") in text
    assert "press More facts" in text


def test_descriptions_fit_the_platform_menus():
    for command in COMMANDS:
        for entry in (command, *command.subcommands):
            assert 0 < len(entry.description) <= 100
            assert all(0 < len(argument.description) <= 100 for argument in entry.arguments)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("/Search ferry", ("lookup", "ferry")), ("summarize  some text ", ("brief", "some text")), ("?", ("help", "")),
     ("/feed add x", ("feeds", "add x")), ("/teleport now", ("teleport", "now"))],
)
def test_aliases_and_slashes_are_read_against_the_table(typed, expected):
    assert split_command(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("subscribe 08:00 Europe/Berlin", ("subscribe", "08:00 Europe/Berlin")),
     ("/subscribe 08:00 Europe/Berlin", ("subscribe", "08:00 Europe/Berlin")),
     ("Feeds add https://a.example/rss", ("feeds", "add https://a.example/rss")), ("status", ("status", "")),
     ("search ferry", ("lookup", "ferry")), ("facts 2", ("facts", "2")), ("/teleport now", ("teleport", "now")),
     ("status of the strike", None), ("harbour strike", None), ("digest of the week", None)],
)
def test_a_typed_line_is_a_command_with_or_without_its_slash(typed, expected):
    assert typed_command(typed) == expected


def test_the_menus_offer_every_command_but_what_only_buttons_ask():
    assert [c.name for c in COMMANDS if c not in MENU_COMMANDS] == ["facts"]


def test_sub_commands_resolve_with_their_aliases_and_a_default():
    assert [(c.name, rest) for c, rest in [resolve("feeds", "ADD https://a.example/rss"), resolve("feeds", "")]] == [
        ("feeds add", "https://a.example/rss"), ("feeds list", ""),
    ]
    assert action_of("feeds", "rm https://a.example/rss").name == "feeds remove"
    assert resolve("teleport", "") is None and canonical_command("/Teleport") == "teleport"
    with pytest.raises(UserError, match=r"I don't know `feeds rename`\. Use `feeds add <url>`, `feeds remove <url>`"):
        resolve("feeds", "rename x")
    assert action_of("feeds", "rename x") is None


def test_who_may_use_a_command_and_who_sees_the_answer_come_from_the_table():
    managed = sorted(action.name for action in all_actions() if action.managers_only)
    private = sorted(action.name for action in all_actions() if action.private)
    assert managed == [
        "feeds add", "feeds remove", "filter clear", "filter exclude", "filter include", "subscribe", "unsubscribe",
    ]
    assert private == ["facts", "follow", "following", "help", "status", "unfollow"]
    assert all(action.action for action in all_actions() if action.managers_only)  # a refusal can say what
