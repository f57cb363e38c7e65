"""The command service: one `handle(request) -> Reply` for every platform; it never raises."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime, timezone

from bot.commands import articles, channel, feeds
from bot.commands.context import Briefer, Clock, CommandContext, Fetcher, ScheduleHook
from bot.commands.help import help_text
from bot.commands.model import CommandRequest, Reply, apology_reply
from bot.commands.parse import canonical_command, route_direct_message
from bot.errors import UserError
from bot.models import Article, Briefing
from bot.schedule.digests import ChannelDigests
from bot.storage import Store

_log = logging.getLogger("newsbrief.commands")

Handler = Callable[[CommandContext, CommandRequest], Awaitable[Reply]]


async def _help(_context: CommandContext, _request: CommandRequest) -> Reply:
    return Reply(text=help_text(), ephemeral=True)


_HANDLERS: dict[str, Handler] = {
    "brief": articles.brief,
    "lookup": articles.lookup,
    "digest": channel.digest,
    "subscribe": channel.subscribe,
    "unsubscribe": channel.unsubscribe,
    "feeds": feeds.feeds,
    "status": channel.status,
    "help": _help,
}


class CommandService:
    """Answer platform-neutral requests with platform-neutral replies."""

    def __init__(
        self,
        store: Store,
        *,
        settings,
        clock: Clock | None = None,
        fetcher: Fetcher | None = None,
        client=None,
        guard=None,
        briefer: Briefer | None = None,
        schedule: ScheduleHook | None = None,
    ) -> None:
        """Build the service; `fetcher` (or `client` + `guard`) fetches links, `schedule` hears of subscription changes."""
        self.store = store
        self.settings = settings
        self._clock = clock or _utc_now
        self._context = CommandContext(
            store=store,
            digests=ChannelDigests(store, max_items=settings.digest_max_items),
            clock=self._clock,
            fetch=fetcher or _web_fetcher(settings, client, guard),
            brief=briefer or _default_briefer(settings),
            poll_minutes=settings.poll_minutes,
            schedule=schedule,
        )

    def set_schedule(self, schedule: ScheduleHook | None) -> None:
        """Tell `schedule` about every subscription change from now on."""
        self._context = replace(self._context, schedule=schedule)

    async def handle(self, request: CommandRequest) -> Reply:
        """Run the request's command; user mistakes and bugs both come back as replies."""
        try:
            return await self._dispatch(request)
        except UserError as error:
            return Reply(text=error.message, ephemeral=True, is_error=True)
        except Exception as error:  # a bug must cost the user one answer, never the bot
            return apology_reply(_log, error)

    async def _dispatch(self, request: CommandRequest) -> Reply:
        name, text = canonical_command(request.command), request.text
        if not name:
            if not request.is_dm and not text.strip():
                raise UserError("Tell me what to do; `help` lists the commands.")
            name, text = route_direct_message(text)
        handler = _HANDLERS.get(name)
        if handler is None:
            raise UserError(f"I don't know the command “{request.command}”; `help` lists the ones I do.")
        return await handler(self._context, replace(request, command=name, text=text))


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _default_briefer(settings) -> Briefer:
    def brief_article(article: Article) -> Briefing:
        from bot.briefing import build_briefing

        return build_briefing(article, sentences=settings.summary_sentences, algorithm=settings.algorithm)

    return brief_article


def _web_fetcher(settings, client, guard) -> Fetcher:
    async def fetch(url: str) -> Article:
        from bot.sources.guard import UrlGuard
        from bot.sources.http import make_client
        from bot.sources.web import fetch_article

        url_guard = guard or UrlGuard.from_settings(settings)
        if client is not None:
            return await fetch_article(url, client=client, guard=url_guard, max_bytes=settings.max_body_bytes)
        async with make_client(settings, guard=url_guard) as own_client:
            return await fetch_article(url, client=own_client, guard=url_guard, max_bytes=settings.max_body_bytes)

    return fetch
