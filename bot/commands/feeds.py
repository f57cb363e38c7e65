"""`feeds add|remove|list|export`: the RSS/Atom feeds a channel's digests are made from."""

from __future__ import annotations

import asyncio
from datetime import datetime

from bot.commands.context import CommandContext, holder_for
from bot.commands.model import Attachment, CommandRequest, Reply
from bot.errors import UserError
from bot.inputs import is_url
from bot.sources.discovery import FoundFeed
from bot.sources.opml import OPML_MEDIA_TYPE, write_opml
from bot.storage.records import FeedRecord, PollOutcome
from bot.values import ChannelRef

EXPORT_FILENAME = "newsbrief-feeds.opml"


async def add(context: CommandContext, request: CommandRequest) -> Reply:
    """Make the channel's digests draw on one more feed: checked, or found on the web page given."""
    url = _feed_url(request.text, "add")
    channel = request.channel
    found = await context.find_feed(url) if context.find_feed is not None else None
    feed_url = found.url if found is not None else url
    feed, created = await asyncio.to_thread(
        context.feeds.add_feed, feed_url, title=found.poll.title if found else None, now=context.now()
    )
    if created and found is not None and found.reachable:
        await asyncio.to_thread(_poll_soon, context, feed, found)
    # One transaction: a channel without a subscription gets a paused one to hold its feeds, and a
    # `subscribe` arriving at the same moment is neither undone nor lost.
    _, added = await asyncio.to_thread(
        context.subscriptions.follow_feed, channel, feed.id, holder=holder_for(request), now=context.now()
    )
    if not added:
        return Reply(text=f"This channel already follows {feed.url}.", ephemeral=True)
    lines = [f"Added feed {feed.url}." if found is None or found.page is None else found.how_found() + "."]
    if found is not None and not found.reachable:
        lines.append(f"It cannot be read right now ({found.poll.error}); it is tried again with each poll.")
    lines.append(
        f"Its new articles arrive with the next poll (every {context.poll_minutes} minutes) "
        "and go into this channel's digests."
    )
    return Reply(text=" ".join(lines))


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


async def export(context: CommandContext, request: CommandRequest) -> Reply:
    """Answer with the channel's feeds as an OPML file, which any feed reader imports."""
    feeds = await asyncio.to_thread(channel_feeds, context, request.channel)
    if not feeds:
        return Reply(text="This channel follows no feeds yet; add one with `feeds add <url>`.", ephemeral=True)
    data = write_opml([(feed.url, feed.title) for feed in feeds], title="newsbrief feeds", created=context.now())
    noun = "feed" if len(feeds) == 1 else "feeds"
    return Reply(
        text=f"This channel's {len(feeds)} {noun} as OPML, for any feed reader (or `newsbrief feeds import`):",
        attachment=Attachment(EXPORT_FILENAME, data, OPML_MEDIA_TYPE),
    )


def channel_feeds(context: CommandContext, channel: ChannelRef) -> list[FeedRecord]:
    """Return the feeds the channel follows."""
    subscription = context.subscriptions.get_subscription(channel)
    if subscription is None:
        return []
    feeds = [context.feeds.get_feed_by_id(feed_id) for feed_id in subscription.feed_ids]
    return [feed for feed in feeds if feed is not None]


def feed_health_lines(context: CommandContext, channel: ChannelRef, now: datetime) -> list[str]:
    """Return one line per feed the channel follows: its URL and its health."""
    return [f"• {feed.url} — {describe_health(feed, now)}" for feed in channel_feeds(context, channel)]


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


def _poll_soon(context: CommandContext, feed: FeedRecord, found: FoundFeed) -> None:
    # The check just read the feed: keep its title and let the next poll fetch its items. No ETag
    # or Last-Modified on purpose, so that poll gets the items rather than a 304.
    outcome = PollOutcome(ok=True, status=found.poll.status, title=found.poll.title, next_poll_at=context.now())
    context.feeds.update_feed_poll_result(feed.id, outcome, now=context.now())


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
