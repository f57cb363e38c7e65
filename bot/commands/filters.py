"""`filter include|exclude|list|clear`: which articles a channel's digests (and its members' alerts) show."""

from __future__ import annotations

import asyncio

from bot.commands.context import CommandContext, subscription_or_holder
from bot.commands.model import CommandRequest, Reply
from bot.errors import UserError
from bot.topics import MAX_TERMS, TopicFilter, parse_terms, show_terms, term_key

_EXPLAIN = (
    "Words match whole words, ignoring case and accents; \"quoted phrases\" stay together, "
    "and a trailing * also takes longer words (strike* finds strikes)."
)


async def include(context: CommandContext, request: CommandRequest) -> Reply:
    """Only let in articles that mention one of the words (added to those already required)."""
    return await _add(context, request, "include")


async def exclude(context: CommandContext, request: CommandRequest) -> Reply:
    """Leave out articles that mention any of the words."""
    return await _add(context, request, "exclude")


async def list_filters(context: CommandContext, request: CommandRequest) -> Reply:
    """Show the channel's filters."""
    subscription = await asyncio.to_thread(context.subscriptions.get_subscription, request.channel)
    current = TopicFilter.from_settings(subscription.filters if subscription else None)
    if not current.active:
        return Reply(
            text="This channel has no filters: its digests show every article from its feeds. "
                 "Add one with `filter include <words>` or `filter exclude <words>`.",
            ephemeral=True,
        )
    return Reply(text=describe(current), ephemeral=True)


async def clear(context: CommandContext, request: CommandRequest) -> Reply:
    """Remove the channel's filters."""
    subscription = await asyncio.to_thread(context.subscriptions.get_subscription, request.channel)
    if subscription is None or not TopicFilter.from_settings(subscription.filters).active:
        return Reply(text="This channel has no filters to clear.", ephemeral=True)
    cleared = TopicFilter().to_settings()
    await asyncio.to_thread(context.subscriptions.set_subscription_filters, request.channel, cleared)
    return Reply(text="Filters cleared: this channel's digests show every article from its feeds again.")


def describe(current: TopicFilter) -> str:
    """Phrase a filter the way a channel's members read it."""
    lines = ["Filters of this channel:"]
    if current.include:
        lines.append(f"• only articles that mention one of: {show_terms(current.include)}")
    if current.exclude:
        lines.append(f"• leaving out articles that mention: {show_terms(current.exclude)}")
    lines.append("`filter clear` removes them.")
    return "\n".join(lines)


async def _add(context: CommandContext, request: CommandRequest, kind: str) -> Reply:
    terms = parse_terms(request.text)
    if not terms:
        raise UserError(f'Give the words to {kind}, e.g. `filter {kind} strike "port of Antwerp"`. {_EXPLAIN}')
    subscription = await asyncio.to_thread(subscription_or_holder, context, request)
    before = TopicFilter.from_settings(subscription.filters)
    kept, other = (before.include, before.exclude) if kind == "include" else (before.exclude, before.include)
    if len({term_key(term) for term in (*kept, *terms)}) > MAX_TERMS:
        raise UserError(f"A channel keeps at most {MAX_TERMS} words per filter; `filter clear` starts afresh.")
    after = before.with_terms(kind, terms)
    await asyncio.to_thread(context.subscriptions.set_subscription_filters, request.channel, after.to_settings())
    moved = [term for term in terms if term_key(term) in {term_key(known) for known in other}]
    note = f" ({show_terms(moved)} no longer {'excluded' if kind == 'include' else 'required'}.)" if moved else ""
    return Reply(text=f"Filter updated.{note}\n{describe(after)}")
