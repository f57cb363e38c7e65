"""`brief`, `lookup` and `facts`: brief one article (and keep it), find stored ones, show one whole."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace

from bot.commands.context import CommandContext
from bot.commands.model import CommandRequest, Reply
from bot.errors import UserError
from bot.inputs import is_url
from bot.models import Article, Briefing, Matches
from bot.refs import parse_ref
from bot.sources.files import article_from_text

LOOKUP_RESULTS = 3
NO_LONGER_STORED = (
    "Sorry, I no longer keep that article, so I can't show its facts. "
    "Brief it again with /brief (its link or its text) to see them."
)
_MAX_QUERY = 200

_log = logging.getLogger("newsbrief.commands")


async def brief(context: CommandContext, request: CommandRequest) -> Reply:
    """Brief a link or pasted text, and store it so `lookup` can find it later."""
    given = request.text.strip()
    if not given:
        raise UserError("Give me a link or paste the article's text after `brief`.")
    if is_url(given):
        article = await context.fetch(given)
    else:
        # A pasted page source is recognised and extracted like a fetched page.
        article = await asyncio.to_thread(article_from_text, given, name="the pasted text")
    briefing = await asyncio.to_thread(context.brief, article)
    return Reply(briefings=(await _keep(context, article, briefing),))


async def lookup(context: CommandContext, request: CommandRequest) -> Reply:
    """Return the briefings of the stored articles that best match the words."""
    words = " ".join(request.text.split())[:_MAX_QUERY]
    if not words:
        raise UserError("Tell me what to look up, e.g. `lookup harbour strike`.")
    hits = await asyncio.to_thread(context.articles.search, words, LOOKUP_RESULTS)
    if not hits:
        return Reply(
            text=f"Nothing I have stored matches “{words}”. Brief an article or add feeds, then try again.",
            ephemeral=True,
        )
    # Compact items (title, one line, link): a lookup answers "which stories?", More facts tells the rest.
    return Reply(matches=Matches.found(tuple(hit.article.briefing for hit in hits), words))


async def facts(context: CommandContext, request: CommandRequest) -> Reply:
    """Return every fact of the stored briefing a "More facts" button (or the console's /facts) names."""
    ref = request.text.strip().lower()
    if parse_ref(ref) is None:
        raise UserError("Press “More facts” under a briefing to see all of its facts.")
    stored = await asyncio.to_thread(context.articles.find_by_ref, ref)
    if stored is None:
        return Reply(text=NO_LONGER_STORED, ephemeral=True)
    return Reply(briefings=(stored.briefing,), fact_card=True, ephemeral=True)


async def _keep(context: CommandContext, article: Article, briefing: Briefing) -> Briefing:
    """Store the article; return the briefing with the reference its stored copy goes by."""
    # The user asked for a briefing, not for storage: a storage failure must not cost them the answer.
    try:
        stored, _ = await asyncio.to_thread(context.articles.add_article, article, briefing, now=context.now())
    except Exception:
        _log.exception("Could not store the briefed article %r; the briefing is still returned.", briefing.title)
        return briefing
    return replace(briefing, ref=stored.briefing.ref)
