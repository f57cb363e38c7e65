"""`feeds add|remove|list <url>`: the RSS/Atom feeds a channel's digests are made from."""

from __future__ import annotations

import asyncio
from datetime import datetime

from bot.commands.context import NOT_SCHEDULED, PLACEHOLDER_TIME, PLACEHOLDER_ZONE, CommandContext
from bot.commands.model import CommandRequest, Reply
from bot.errors import UserError
from bot.inputs import is_url
from bot.storage.records import FeedRecord
from bot.values import ChannelRef


async def add(context: CommandContext, request: CommandRequest) -> Reply:
    """Make the channel's digests draw on one more feed (stored, not polled yet)."""
    url = _feed_url(request.text, "add")
    feed, _ = await asyncio.to_thread(context.feeds.add_feed, url, now=context.now())
    # One transaction: a channel without a subscription gets a paused one to hold its feeds, and a
    # `subscribe` arriving at the same moment is neither undone nor lost.
    _, added = await asyncio.to_thread(
        context.subscriptions.follow_feed, request.channel, feed.id, paused_reason=NOT_SCHEDULED,
        placeholder_time=PLACEHOLDER_TIME, placeholder_zone=PLACEHOLDER_ZONE, created_by=request.user,
        now=context.now(),
    )
    if not added:
        return Reply(text=f"This channel already follows {feed.url}.", ephemeral=True)
    return Reply(
        text=f"Added feed {feed.url}. Its new articles arrive with the next poll "
        f"(every {context.poll_minutes} minutes) and go into this channel's digests."
    )


async def remove(context: CommandContext, request: CommandRequest) -> Reply:
    """Stop the channel's digests drawing on a feed (the feed and its articles stay stored)."""
    url = _feed_url(request.text, "remove")
    channel = request.channel
    feed = await asyncio.to_thread(context.feeds.get_feed, url)
    subscription = await asyncio.to_thread(context.subscriptions.get_subscription, channel)
    if feed is None or subscription is None or feed.id not in subscription.feed_ids:
        raise UserError(f"This channel does not follow {url}; `feeds list` shows the ones it does.")
    await asyncio.to_thread(context.subscriptions.unfollow_feed, channel, feed.id)
    return Reply(text=f"Removed feed {feed.url} from this channel.")


async def list_feeds(context: CommandContext, request: CommandRequest) -> Reply:
    """List the channel's feeds with how their last poll went."""
    lines = await asyncio.to_thread(feed_health_lines, context, request.channel, context.now())
    if not lines:
        return Reply(text="This channel follows no feeds yet; add one with `feeds add <url>`.", ephemeral=True)
    return Reply(text="\n".join([f"Feeds of this channel ({len(lines)}):", *lines]), ephemeral=True)


def feed_health_lines(context: CommandContext, channel: ChannelRef, now: datetime) -> list[str]:
    """Return one line per feed the channel follows: its URL and its health."""
    subscription = context.subscriptions.get_subscription(channel)
    if subscription is None:
        return []
    feeds = [context.feeds.get_feed_by_id(feed_id) for feed_id in subscription.feed_ids]
    return [f"• {feed.url} — {describe_health(feed, now)}" for feed in feeds if feed is not None]


def describe_health(feed: FeedRecord, now: datetime) -> str:
    """Phrase a feed's state: not polled yet, fine (and when), or failing (and why)."""
    if feed.last_polled_at is None:
        return "not polled yet"
    ago = _ago(feed.last_polled_at, now)
    if feed.failures == 0:
        return f"ok, polled {ago}"
    attempts = "attempt" if feed.failures == 1 else "attempts"
    reason = f": {feed.last_error}" if feed.last_error else ""
    return f"failing ({feed.failures} {attempts}, last {ago}){reason}"


def _feed_url(text: str, action: str) -> str:
    url = text.strip()
    if not url:
        raise UserError(f"Give the feed's address, e.g. `feeds {action} https://example.com/rss`.")
    if not is_url(url):
        raise UserError(f"{url} is not an http(s) link; give the feed's full address, e.g. https://example.com/rss.")
    return url


def _ago(moment: datetime, now: datetime) -> str:
    minutes = max(0, int((now - moment).total_seconds() // 60))
    if minutes < 1:
        return "just now"
    if minutes < 120:
        return f"{minutes} min ago"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} h ago"
    return f"{hours // 24} days ago"
