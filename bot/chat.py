"""The contract between newsbrief and a chat platform: what an adapter does, and how the app finds one.

An adapter turns a platform's events into CommandRequests for a CommandHandler, posts the neutral
Replies back, delivers scheduled digests and sends people direct messages (alerts). It registers
itself as an AdapterPlugin under the `newsbrief.adapters` entry point group, so the engine never
imports it:

    [project.entry-points."newsbrief.adapters"]
    myplatform = "my_package:plugin"

The plugin's module should import no chat library: the app loads every plugin to ask whether it
is configured, and builds (and so imports) only the adapters it will run.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from bot.commands.model import CommandHandler, Reply
from bot.models import Digest
from bot.settings import Settings
from bot.values import ChannelRef, UserRef

if TYPE_CHECKING:
    from bot.storage.db import Database

ENTRY_POINT_GROUP = "newsbrief.adapters"
# What an adapter shows for a digest with no stories (only sent when NEWSBRIEF_SKIP_EMPTY_DIGESTS is off).
EMPTY_DIGEST_TEXT = "Nothing new since the last digest."

_log = logging.getLogger("newsbrief.app")

# Removes what newsbrief keeps for one workspace of a platform (subscriptions, delivery records)
# when the app is uninstalled there; takes (platform, workspace), returns how many subscriptions went.
WorkspaceForgetter = Callable[[str, str], Awaitable[int]]


class ChannelUnavailable(Exception):  # noqa: N818 - names what the platform reported; part of the adapter contract
    """Raise when a channel is gone or the bot lost access; its subscription gets disabled."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class RecipientUnavailable(Exception):  # noqa: N818 - names what the platform reported; part of the adapter contract
    """Raise when a person cannot get direct messages from the bot (gone, blocked it, closed DMs); not retried."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class DigestSink(Protocol):
    """Anything that can post a digest to a channel of its platform (every adapter is one)."""

    @property
    def platform(self) -> str:
        """Return the platform's name, as in ChannelRef.platform ("discord", "slack", "console")."""
        ...

    async def deliver(self, target: ChannelRef, digest: Digest) -> None:
        """Post the digest; raise ChannelUnavailable for a permanent failure, anything else to retry."""
        ...


@runtime_checkable
class DirectMessenger(Protocol):
    """Anything that can send one person a direct message on its platform (every adapter is one)."""

    @property
    def platform(self) -> str:
        """Return the platform's name, as in UserRef.platform."""
        ...

    async def send_direct(self, recipient: UserRef, reply: Reply) -> None:
        """Send the reply privately; raise RecipientUnavailable when that person cannot be reached for good.

        The console prints it as "DM to <user>: …"; Discord opens the DM channel; Slack uses
        conversations.open then chat.postMessage. Anything else raised is retried later.
        """
        ...


class ChatAdapter(DigestSink, DirectMessenger, Protocol):
    """One chat platform, started and stopped with the app."""

    async def start(self) -> None:
        """Connect and start answering; raise UserError with a sentence when a setting is wrong."""
        ...

    async def stop(self) -> None:
        """Stop answering, let answers in flight finish (bounded), and let go of connections."""
        ...


@dataclass(frozen=True)
class AdapterContext:
    """What an adapter is built with: the settings, the command layer, and a way to end the app."""

    settings: Settings
    service: CommandHandler
    request_stop: Callable[[], None]  # the console calls it at the end of its input
    # The open database, for an adapter that keeps platform state there (Slack's workspace installs).
    database: Database | None = None
    forget_workspace: WorkspaceForgetter | None = None


@runtime_checkable
class AdapterPlugin(Protocol):
    """What a `newsbrief.adapters` entry point names: a light object that builds the adapter on demand."""

    @property
    def platform(self) -> str:
        """Return the platform's name, as the adapter it builds reports it."""
        ...

    @property
    def fallback(self) -> bool:
        """Tell whether this adapter runs when no other one is configured (the console does)."""
        ...

    def configured(self, settings: Settings) -> bool:
        """Tell whether the settings ask for this platform (its token is set)."""
        ...

    def create(self, context: AdapterContext) -> ChatAdapter:
        """Build the adapter; may raise ImportError when the platform's library is missing."""
        ...


def installed_plugins() -> list[AdapterPlugin]:
    """Load every plugin registered under `newsbrief.adapters`; one that fails to load is logged and skipped."""
    plugins: list[AdapterPlugin] = []
    for entry in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        try:
            plugin = entry.load()
        except Exception as error:  # a broken adapter must not keep the other platforms down
            _log.error("The %s adapter could not be loaded (%s); it stays off.", entry.name, error)
            continue
        if not isinstance(plugin, AdapterPlugin):
            _log.error("The entry point %s = %s is not a newsbrief adapter plugin; skipped.", entry.name, entry.value)
            continue
        plugins.append(plugin)
    return plugins


def digest_is_empty(digest: Digest) -> bool:
    """Tell whether a digest holds no stories, so an adapter shows EMPTY_DIGEST_TEXT instead."""
    return not digest.items
