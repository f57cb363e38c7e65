"""The one list of chat commands: names, arguments, help, who may use them and who sees the answer.

The help text, the console, Discord's slash-command tree and Slack's listeners are all built from
COMMANDS; the command service binds each full name ("brief", "feeds add") to its handler.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass


class Audience(enum.Enum):
    """Who may use a command."""

    ANYONE = "anyone"
    MANAGERS = "channel managers"  # people who may change what the channel receives


@dataclass(frozen=True)
class Argument:
    """One value a command takes; on Discord, one option of the slash command."""

    name: str
    description: str
    required: bool = True
    # What suggests values as the user types (Discord autocomplete); only "timezone" exists.
    suggest: str | None = None


@dataclass(frozen=True)
class Command:
    """One command, or one action of a command with sub-commands (`feeds add`)."""

    name: str  # the full name: "brief", or "feeds add" for a sub-command
    usage: str  # how the help text shows it: "brief <link or text>"
    help: str  # what the help text says it does
    description: str  # one line for platform menus (Discord and Slack allow 100 characters)
    arguments: tuple[Argument, ...] = ()
    audience: Audience = Audience.ANYONE
    # For MANAGERS commands, what a refused user was trying to do: "Sorry, only people who … can {action}".
    action: str = ""
    private: bool = False  # the answer is for the asker alone, whatever it says
    # Offered as a slash command on Discord and Slack; False for what only a button (or the console) asks.
    in_menus: bool = True
    aliases: tuple[str, ...] = ()
    subcommands: tuple[Command, ...] = ()
    default_subcommand: str | None = None  # what the bare command does ("feeds" lists)

    @property
    def word(self) -> str:
        """Return the last word of the name: what the user types for a sub-command."""
        return self.name.rsplit(" ", 1)[-1]

    @property
    def managers_only(self) -> bool:
        return self.audience is Audience.MANAGERS

    def actions(self) -> Iterator[Command]:
        """Yield the commands a request can end up at: the sub-commands, or this command itself."""
        if self.subcommands:
            yield from self.subcommands
        else:
            yield self


_CHANGE_FEEDS = "change this channel's feeds"
_CHANGE_FILTERS = "change this channel's filters"
_WORDS = 'Words or "quoted phrases", e.g. strike "port of Antwerp"'

COMMANDS: tuple[Command, ...] = (
    Command(
        "brief", "brief <link or text>", "brief one article: paste its text or give its link",
        "Brief an article: give a link or paste its text.",
        arguments=(Argument("input", "A link to the article, or the article's full text"),),
        aliases=("summarize",),
    ),
    Command(
        "lookup", "lookup <words>", "find stored articles about those words",
        "Find briefings of articles you or this server already read.",
        arguments=(Argument("query", "Words to look for, such as a name or a place"),),
        aliases=("search", "find"),
    ),
    Command(
        "digest", "digest", "this channel's news digest, right now (what it has not seen yet)",
        "Show this channel's news digest now.",
    ),
    Command(
        "subscribe", "subscribe <HH:MM> [time zone]",
        "a daily digest here, e.g. subscribe 08:00 Europe/Berlin (default UTC)",
        "Post a daily news digest in this channel.",
        arguments=(
            Argument("time", "Delivery time as HH:MM, 24-hour clock"),
            Argument("timezone", "Time zone, such as Europe/Paris", required=False, suggest="timezone"),
        ),
        audience=Audience.MANAGERS, action="subscribe this channel to a daily digest",
    ),
    Command(
        "unsubscribe", "unsubscribe", "stop the daily digest (the channel's feeds are kept)",
        "Stop this channel's daily digest.",
        audience=Audience.MANAGERS, action="unsubscribe this channel",
    ),
    Command(
        "feeds", usage="", help="",  # the help text shows each sub-command instead
        description="Choose the news feeds this channel's digest draws on.",
        aliases=("feed",),
        default_subcommand="list",
        subcommands=(
            Command(
                "feeds add", "feeds add <url>", "add an RSS/Atom feed to this channel's digests",
                "Add an RSS or Atom feed to this channel's digest.",
                arguments=(Argument("url", "The feed's address (https://…)"),),
                audience=Audience.MANAGERS, action=_CHANGE_FEEDS,
            ),
            Command(
                "feeds remove", "feeds remove <url>", "stop taking news from a feed here",
                "Remove a feed from this channel's digest.",
                arguments=(Argument("url", "The feed's address, as /feeds list shows it"),),
                audience=Audience.MANAGERS, action=_CHANGE_FEEDS, aliases=("rm", "delete"),
            ),
            Command(
                "feeds list", "feeds list", "this channel's feeds and whether they work",
                "List the feeds of this channel's digest.",
                aliases=("ls",),
            ),
            Command(
                "feeds export", "feeds export", "this channel's feeds as an OPML file, for any feed reader",
                "Export this channel's feeds as an OPML file.",
                aliases=("opml",),
            ),
        ),
    ),
    Command(
        "filter", usage="", help="",  # the help text shows each sub-command instead
        description="Choose which articles this channel's digests show, by their words.",
        aliases=("filters",),
        default_subcommand="list",
        subcommands=(
            Command(
                "filter include", "filter include <words>",
                'only articles that mention one of these words or "phrases" (case and accents ignored)',
                "Only show articles that mention one of these words.",
                arguments=(Argument("words", _WORDS),),
                audience=Audience.MANAGERS, action=_CHANGE_FILTERS, aliases=("only",),
            ),
            Command(
                "filter exclude", "filter exclude <words>", "leave out articles that mention any of these",
                "Leave out articles that mention any of these words.",
                arguments=(Argument("words", _WORDS),),
                audience=Audience.MANAGERS, action=_CHANGE_FILTERS, aliases=("without", "skip"),
            ),
            Command(
                "filter list", "filter list", "this channel's filters",
                "Show this channel's filters.",
                aliases=("ls", "show"),
            ),
            Command(
                "filter clear", "filter clear", "remove this channel's filters: every article shows again",
                "Remove this channel's filters.",
                audience=Audience.MANAGERS, action=_CHANGE_FILTERS, aliases=("reset", "off"),
            ),
        ),
    ),
    Command(
        "follow", "follow <words>", "a direct message as soon as a new article here mentions one of these words",
        "Get a direct message when a new article mentions these words.",
        arguments=(Argument("words", _WORDS),),
        private=True, aliases=("watch",),
    ),
    Command(
        "unfollow", "unfollow <words>", "stop those direct messages",
        "Stop direct messages about these words.",
        arguments=(Argument("words", "The words to stop following, as `following` lists them"),),
        private=True, aliases=("unwatch",),
    ),
    Command(
        "following", "following", "the words you get direct messages about",
        "List the words you get direct messages about.",
        private=True, aliases=("follows", "watching"),
    ),
    Command(
        "status", "status", "this channel's subscription, next digest time and feed health",
        "Show this channel's feeds, schedule and last delivery.",
        private=True,
    ),
    Command("help", "help", "this message", "Explain what newsbrief can do.", private=True, aliases=("?",)),
    Command(
        "facts", "facts [number]", "every fact of a briefing shown above (what its More facts button shows)",
        "Show every fact of a briefing.",
        arguments=(Argument("briefing", "Which briefing: its number above, or the reference its button carries"),),
        private=True, in_menus=False, aliases=("more",),
    ),
)

COMMAND_NAMES: tuple[str, ...] = tuple(command.name for command in COMMANDS)
# What Discord's slash-command tree and Slack's listeners offer: the rest is reached by buttons.
MENU_COMMANDS: tuple[Command, ...] = tuple(command for command in COMMANDS if command.in_menus)


def find_command(name: str) -> Command | None:
    """Return the top-level command called `name` or one of its aliases (lowercase, no slash)."""
    for command in COMMANDS:
        if name == command.name or name in command.aliases:
            return command
    return None


def find_subcommand(command: Command, word: str) -> Command | None:
    """Return the sub-command of `command` that `word` names (or the default one for "")."""
    wanted = word or command.default_subcommand or ""
    for sub in command.subcommands:
        if wanted == sub.word or wanted in sub.aliases:
            return sub
    return None


def all_actions() -> Iterator[Command]:
    """Yield every command a request can end up at, sub-commands instead of their parents."""
    for command in COMMANDS:
        yield from command.actions()
