"""Render briefings and digests as content-only Discord messages, for channels without Embed Links."""

from __future__ import annotations

from bot.models import Briefing, Digest, DigestItem
from bot.render._common import (
    DIGEST_SENTENCES,
    Payload,
    digest_subtitle,
    digest_title,
    facts_line,
    labelled_fact_lines,
    meta_line,
    more_line,
    reported_by_line,
    safe_url,
    stats_line,
    summary_sentences,
    title_of,
)
from bot.render._split import pack, truncate
from bot.render.discord_embeds import CONTENT_LIMIT, TITLE_LIMIT, discord_markdown, no_mentions


def _subtext(text: str) -> list[str]:
    """Return a small grey line for non-empty text, else nothing."""
    return [f"-# {discord_markdown(text)}"] if text else []


def _title_lines(title: str, url: str | None) -> list[str]:
    """Return the bold title, the whole title when it had to be cut, and the URL without a preview."""
    full = discord_markdown(title)
    short = truncate(full, TITLE_LIMIT)
    lines = [f"**{short}**"] + ([] if short == full else [full])
    link = safe_url(url)
    return lines + ([f"<{link}>"] if link else [])


def _fact_lines(briefing: Briefing) -> list[str]:
    """Return the fact lines in Discord markdown, followed by a blank line."""
    lines = labelled_fact_lines(briefing.facts, inert=discord_markdown, bold="**")
    return [*lines, ""] if lines else []


def _briefing_lines(briefing: Briefing) -> list[str]:
    """Return the lines of one briefing, blank strings marking paragraph breaks."""
    lines = _title_lines(title_of(briefing), briefing.url) + _subtext(meta_line(briefing)) + [""]
    lines += [f"• {discord_markdown(s)}" for s in summary_sentences(briefing)] + [""]
    lines += _fact_lines(briefing)
    return lines + _subtext(stats_line(briefing.stats))


def _item_lines(number: int, item: DigestItem) -> list[str]:
    """Return the lines of one numbered digest story."""
    briefing = item.briefing
    lines = _title_lines(f"{number}. {title_of(briefing)}", briefing.url)
    lines += _subtext(meta_line(briefing))
    lines += [f"• {discord_markdown(s)}" for s in summary_sentences(briefing, DIGEST_SENTENCES)]
    extras = (facts_line(briefing.facts), reported_by_line(item))
    return lines + [discord_markdown(extra) for extra in extras if extra] + [""]


def _digest_lines(digest: Digest) -> list[str]:
    """Return the lines of a digest."""
    lines = [f"**{truncate(discord_markdown(digest_title(digest)), TITLE_LIMIT)}**"]
    lines += [*_subtext(digest_subtitle(digest)), ""]
    for number, item in enumerate(digest.items, start=1):
        lines += _item_lines(number, item)
    more = more_line(digest)
    return lines + ([discord_markdown(more)] if more else [])


def render_discord_plain(obj: Briefing | Digest) -> list[Payload]:
    """Render a briefing or digest as content-only Discord payloads of at most 2,000 characters."""
    if isinstance(obj, Briefing):
        lines = _briefing_lines(obj)
    elif isinstance(obj, Digest):
        lines = _digest_lines(obj)
    else:
        raise TypeError(f"cannot render {type(obj).__name__}")
    return [
        {"content": chunk, "embeds": [], "allowed_mentions": no_mentions()}
        for chunk in pack(lines, CONTENT_LIMIT)
    ]
