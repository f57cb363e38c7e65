"""`digest`, `subscribe`, `unsubscribe` and `status`: one channel's news and its daily schedule."""

from __future__ import annotations

import asyncio
from datetime import datetime

from bot.chat import EMPTY_DIGEST_TEXT
from bot.commands.context import UNSUBSCRIBED, CommandContext
from bot.commands.feeds import feed_health_lines
from bot.commands.model import CommandRequest, Reply
from bot.errors import UserError
from bot.schedule.channel_digests import channel_filter
from bot.schedule.timing import daily_trigger, describe_moment, format_time, next_fire_time, parse_time, parse_timezone
from bot.storage.records import SubscriptionRecord

_NO_FEEDS = "This channel follows no feeds yet; add one with `feeds add <url>`."


async def digest(context: CommandContext, request: CommandRequest) -> Reply:
    """Digest the channel's undelivered articles now and count them as delivered."""
    channel = request.channel
    subscription = await asyncio.to_thread(context.subscriptions.get_subscription, channel)
    if subscription is None or not subscription.feed_ids:
        return Reply(text=_NO_FEEDS, ephemeral=True)
    accept = channel_filter(subscription)
    now = context.now()
    built = await asyncio.to_thread(context.digests.on_demand, channel, subscription.feed_ids, now, accept=accept)
    if built.items:
        return Reply(digest=built)
    why = await asyncio.to_thread(
        context.digests.why_empty, channel, subscription.feed_ids, now, filtered=accept is not None
    )
    return Reply(text=f"{EMPTY_DIGEST_TEXT[:-1]}: {why}" if why else EMPTY_DIGEST_TEXT)


async def subscribe(context: CommandContext, request: CommandRequest) -> Reply:
    """Schedule the channel's daily digest at HH:MM in a time zone (UTC unless given)."""
    words = request.text.split()
    if not words:
        raise UserError("Give the time for the daily digest, e.g. `subscribe 08:00 Europe/Berlin`.")
    if len(words) > 2:
        raise UserError("Give just a time and a time zone, e.g. `subscribe 08:00 Europe/Berlin`.")
    hhmm = format_time(*parse_time(words[0]))
    zone = parse_timezone(words[1] if len(words) > 1 else None)
    record, _ = await asyncio.to_thread(
        context.subscriptions.save_subscription, request.channel, time=hhmm, timezone=zone.key,
        created_by=request.user, now=context.now(), private=request.is_dm,
    )
    context.subscription_changed(record)
    upcoming = next_fire_time(daily_trigger(hhmm, zone.key), context.now())
    text = f"Subscribed: daily digest at {hhmm} {zone.key}; next one {describe_moment(upcoming, zone)}."
    if not record.feed_ids:
        text += " " + _NO_FEEDS
    return Reply(text=text)


async def unsubscribe(context: CommandContext, request: CommandRequest) -> Reply:
    """Stop the channel's daily digest, keeping its feeds for `digest` or a later `subscribe`."""
    channel = request.channel
    current = await asyncio.to_thread(context.subscriptions.get_subscription, channel)
    if current is None or not current.enabled:
        return Reply(text="This channel has no daily digest to stop.", ephemeral=True)
    record = await asyncio.to_thread(
        context.subscriptions.set_subscription_enabled, channel, False, reason=UNSUBSCRIBED
    )
    if record is not None:
        context.subscription_changed(record)
    return Reply(text="Unsubscribed: no more daily digests here. The channel's feeds are kept; "
                      "`subscribe HH:MM` starts the digest again.")


async def status(context: CommandContext, request: CommandRequest) -> Reply:
    """Describe the channel's daily digest, when the next one comes, and its feeds' health."""
    channel = request.channel
    now = context.now()
    subscription = await asyncio.to_thread(context.subscriptions.get_subscription, channel)
    feed_lines = await asyncio.to_thread(feed_health_lines, context, channel, now)
    lines = ["Status of this channel", _schedule_line(subscription, now)]
    if feed_lines:
        lines += [f"Feeds ({len(feed_lines)}):", *feed_lines]
    else:
        lines.append("Feeds: none yet; add one with `feeds add <url>`.")
    return Reply(text="\n".join(lines), ephemeral=True)


def _schedule_line(subscription: SubscriptionRecord | None, now: datetime) -> str:
    if subscription is None:
        return "Daily digest: none; start one with `subscribe HH:MM [time zone]`."
    if not subscription.enabled:
        reason = subscription.disabled_reason or "paused"
        return f"Daily digest: off ({reason}); start it with `subscribe HH:MM [time zone]`."
    zone = parse_timezone(subscription.timezone)
    upcoming = next_fire_time(daily_trigger(subscription.time, subscription.timezone), now)
    return (
        f"Daily digest: every day at {subscription.time} {subscription.timezone}; "
        f"next one {describe_moment(upcoming, zone)}."
    )
