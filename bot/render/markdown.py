"""Render briefings and digests as CommonMark, with article text escaped and mentions broken."""

from __future__ import annotations

from bot.models import Briefing, Digest, DigestItem, Matches
from bot.render._common import (
    DIGEST_SENTENCES,
    digest_subtitle,
    digest_title,
    escape_markdown,
    fact_groups,
    facts_line,
    meta_line,
    more_line,
    neutralize_mentions,
    reported_by_line,
    safe_url,
    stats_line,
    summary_sentences,
    title_of,
)
from bot.render.chat import chat_form, one_line


def _md(text: str) -> str:
    """Make article text inert: no pings, no markdown."""
    return escape_markdown(neutralize_mentions(text))


def _linked(title: str, url: str | None) -> str:
    """Return the escaped title as a link when the URL is usable."""
    link = safe_url(url)
    return f"[{_md(title)}]({link})" if link else _md(title)


def _italic(text: str) -> list[str]:
    """Return an italic line for non-empty text, else nothing."""
    return [f"*{_md(text)}*"] if text else []


def _bullets(sentences: list[str]) -> list[str]:
    """Return one list item per sentence, followed by a blank line."""
    return [f"- {_md(s)}" for s in sentences] + [""] if sentences else []


def _facts_lines(briefing: Briefing) -> list[str]:
    """Return the key-facts list, one item per group, long groups nested."""
    groups = fact_groups(briefing.facts)
    if not groups:
        return []
    lines = ["**Key facts**", ""]
    for group in groups:
        if group.listed:
            lines.append(f"- **{group.label}:**")
            lines.extend(f"  - {_md(entry)}" for entry in group.entries)
        else:
            lines.append(f"- **{group.label}:** " + "; ".join(_md(e) for e in group.entries))
    return [*lines, ""]


def _briefing_lines(briefing: Briefing) -> list[str]:
    """Return the lines of one briefing."""
    lines = [f"## {_linked(title_of(briefing), briefing.url)}"]
    lines += [*_italic(meta_line(briefing)), ""]
    lines += _bullets(summary_sentences(briefing))
    lines += _facts_lines(briefing)
    lines += _italic(stats_line(briefing.stats))
    return lines


def _item_lines(number: int, item: DigestItem) -> list[str]:
    """Return the lines of one numbered digest story."""
    briefing = item.briefing
    lines = [f"### {number}. {_linked(title_of(briefing), briefing.url)}"]
    lines += [*_italic(meta_line(briefing)), ""]
    lines += _bullets(summary_sentences(briefing, DIGEST_SENTENCES))
    extras = [_md(line) for line in (facts_line(briefing.facts), reported_by_line(item)) if line]
    # Two trailing spaces make a hard line break, keeping the extras in one paragraph.
    lines += ["  \n".join(extras), ""] if extras else []
    return lines


def _digest_lines(digest: Digest) -> list[str]:
    """Return the lines of a digest."""
    lines = [f"# {_md(digest_title(digest))}", *_italic(digest_subtitle(digest)), ""]
    for number, item in enumerate(digest.items, start=1):
        lines += _item_lines(number, item)
    lines += _italic(more_line(digest))
    return lines


def _matches_lines(matches: Matches, compact: bool) -> list[str]:
    """Return lookup matches: a numbered list of linked titles with one line each, or whole briefings."""
    lines = [_md(matches.heading), ""] if matches.heading else []
    if not compact:
        return lines + [line for briefing in matches.briefings for line in [*_briefing_lines(briefing), ""]]
    for number, briefing in enumerate(matches.briefings, start=1):
        lines.append(f"{number}. {_linked(title_of(briefing), briefing.url)} — {_md(one_line(briefing))}")
        lines += [f"   *{_md(meta)}*" for meta in (meta_line(briefing),) if meta]
    return lines


def render_markdown(obj: Briefing | Digest | Matches, *, compact: bool = False) -> str:
    """Render as a CommonMark document; `compact` gives the chat form of a briefing or lookup."""
    if isinstance(obj, Briefing):
        lines = _briefing_lines(chat_form(obj).briefing if compact else obj)
    elif isinstance(obj, Digest):
        lines = _digest_lines(obj)
    elif isinstance(obj, Matches):
        lines = _matches_lines(obj, compact)
    else:
        raise TypeError(f"cannot render {type(obj).__name__}")
    return "\n".join(lines).rstrip() + "\n"
