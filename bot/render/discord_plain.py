"""Render briefings and digests as content-only Discord messages, for channels without Embed Links."""

from __future__ import annotations

from bot.models import Briefing, Digest, DigestItem, Matches
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
from bot.render.buttons import discord_button, discord_rows
from bot.render.chat import chat_form, one_line
from bot.render.discord_embeds import CONTENT_LIMIT, TITLE_LIMIT, discord_markdown, no_mentions


def _subtext(text: str) -> list[str]:
    """Return a small grey line for non-empty text, else nothing."""
    return [f"-# {discord_markdown(text)}"] if text else []


def _title_lines(title: str, url: str | None, *, whole_title: bool = True) -> list[str]:
    """Return the bold title, the whole title when it had to be cut, and the URL without a preview."""
    full = discord_markdown(title)
    short = truncate(full, TITLE_LIMIT)
    lines = [f"**{short}**"] + ([] if short == full or not whole_title else [full])
    link = safe_url(url)
    return lines + ([f"<{link}>"] if link else [])


def _fact_lines(briefing: Briefing) -> list[str]:
    """Return the fact lines in Discord markdown, followed by a blank line."""
    lines = labelled_fact_lines(briefing.facts, inert=discord_markdown, bold="**")
    return [*lines, ""] if lines else []


def _briefing_lines(briefing: Briefing, *, whole_title: bool = True) -> list[str]:
    """Return the lines of one briefing, blank strings marking paragraph breaks."""
    lines = _title_lines(title_of(briefing), briefing.url, whole_title=whole_title)
    lines += [*_subtext(meta_line(briefing)), ""]
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


def _match_lines(number: int, briefing: Briefing) -> list[str]:
    """Return one lookup match: numbered title, link, one-line summary, where it is from."""
    lines = _title_lines(f"{number}. {title_of(briefing)}", briefing.url)
    return [*lines, discord_markdown(one_line(briefing)), *_subtext(meta_line(briefing)), ""]


def _matches_lines(matches: Matches) -> list[str]:
    """Return the lines of lookup matches under their heading."""
    lines = [discord_markdown(matches.heading), ""] if matches.heading else []
    for number, briefing in enumerate(matches.briefings, start=1):
        lines += _match_lines(number, briefing)
    return lines


def _lines_and_buttons(obj: Briefing | Digest | Matches, compact: bool) -> tuple[list[str], list[Payload]]:
    """Return what to write and the "More facts" buttons that go under it."""
    if isinstance(obj, Briefing):
        if not compact:
            return _briefing_lines(obj), []
        form = chat_form(obj)
        lines = _briefing_lines(form.briefing, whole_title=False)
        return lines, [discord_button(obj.ref)] if form.offers_more and obj.ref else []
    if isinstance(obj, Digest):
        refs = [item.briefing.ref for item in obj.items]
        lines = _digest_lines(obj)
    elif isinstance(obj, Matches):
        refs = [briefing.ref for briefing in obj.briefings]
        lines = _matches_lines(obj)
    else:
        raise TypeError(f"cannot render {type(obj).__name__}")
    buttons = [discord_button(ref, number) for number, ref in enumerate(refs, start=1) if ref] if compact else []
    return lines, buttons


def render_discord_plain(obj: Briefing | Digest | Matches, *, compact: bool = True) -> list[Payload]:
    """Render as content-only Discord payloads of at most 2,000 characters; buttons go under the last."""
    lines, buttons = _lines_and_buttons(obj, compact)
    payloads: list[Payload] = [
        {"content": chunk, "embeds": [], "allowed_mentions": no_mentions()} for chunk in pack(lines, CONTENT_LIMIT)
    ]
    if buttons and payloads:
        payloads[-1]["components"] = discord_rows(buttons)
    return payloads
