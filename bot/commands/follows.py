"""`follow`, `unfollow`, `following`: words a person wants a direct message about as soon as they appear."""

from __future__ import annotations

import asyncio

from bot.commands.context import CommandContext, person
from bot.commands.model import CommandRequest, Reply
from bot.errors import UserError
from bot.topics import MAX_TERMS, parse_terms, show_terms, term_key


async def follow(context: CommandContext, request: CommandRequest) -> Reply:
    """Follow words: new articles that mention one of them reach the person as a direct message."""
    terms = parse_terms(request.text)
    if not terms:
        raise UserError('Give the words to follow, e.g. `follow antwerp "port strike"`.')
    who = person(request)
    current = await asyncio.to_thread(context.follows.follows_of, who)
    if len({term_key(f.term) for f in current} | {term_key(term) for term in terms}) > MAX_TERMS:
        raise UserError(f"You can follow at most {MAX_TERMS} words here; `unfollow` some first.")
    added, known = await asyncio.to_thread(
        context.follows.add_follows, who, request.channel, terms, private=request.is_dm, now=context.now()
    )
    where = "from the feeds of this conversation" if request.is_dm else "from the feeds of the channels here"
    lines = []
    if added:
        it = "one of them" if len(added) > 1 else "it"
        lines.append(
            f"Following {show_terms(added)}: when a new article {where} mentions {it}, I send you a direct message "
            f"(feeds are checked every {context.poll_minutes} minutes)."
        )
    if known:
        lines.append(f"You already follow {show_terms(known)}.")
    return Reply(text="\n".join(lines), ephemeral=True)


async def unfollow(context: CommandContext, request: CommandRequest) -> Reply:
    """Stop following words."""
    terms = parse_terms(request.text)
    if not terms:
        raise UserError("Give the words to stop following; `following` lists them.")
    removed, missing = await asyncio.to_thread(context.follows.remove_follows, person(request), terms)
    lines = []
    if removed:
        lines.append(f"Stopped following {show_terms(removed)}.")
    if missing:
        lines.append(f"You don't follow {show_terms(missing)}; `following` lists what you do.")
    return Reply(text="\n".join(lines), ephemeral=True, is_error=not removed)


async def following(context: CommandContext, request: CommandRequest) -> Reply:
    """List the words the person follows here."""
    current = await asyncio.to_thread(context.follows.follows_of, person(request))
    if not current:
        return Reply(
            text="You follow no words yet. `follow <words>` sends you a direct message when a new article "
                 "mentions them.",
            ephemeral=True,
        )
    return Reply(
        text=f"You follow {show_terms(f.term for f in current)}. New articles that mention them come to you as "
             "a direct message; `unfollow <words>` stops them.",
        ephemeral=True,
    )
