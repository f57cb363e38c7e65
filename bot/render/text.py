"""Render briefings and digests for a terminal with rich, as coloured output or plain text."""

from __future__ import annotations

import io

from rich.console import Console, Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text

from bot.models import Briefing, Digest, DigestItem, Matches
from bot.render._common import (
    DIGEST_SENTENCES,
    clean_inline,
    digest_subtitle,
    digest_title,
    fact_groups,
    facts_line,
    meta_line,
    more_line,
    reported_by_line,
    stats_line,
    summary_sentences,
    title_of,
)
from bot.render.chat import chat_form, one_line

DEFAULT_WIDTH = 80
MIN_WIDTH = 20


def _line(text: str, style: str | Style = "") -> Text:
    """Return literal text (never markup) that folds words too long for the width."""
    return Text(text, style=style, overflow="fold")


def _grid(rows: list[tuple[Text, RenderableType]]) -> Table:
    """Return a borderless two-column table: a narrow marker and wrapping content."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for marker, content in rows:
        grid.add_row(marker, content)
    return grid


def _bullets(sentences: list[str]) -> Table:
    """Return the sentences as a bulleted list with hanging indents."""
    return _grid([(_line("•"), _line(sentence)) for sentence in sentences])


def _heading(title: str, url: str | None) -> list[RenderableType]:
    """Return the bold title (a hyperlink where terminals allow) and the URL beneath it."""
    link = clean_inline(url)
    heading: list[RenderableType] = [_line(title, Style(bold=True, link=link or None))]
    if not link:
        return heading
    if not _is_copyable_url(link):
        return [*heading, _line(link, "blue underline")]
    # A URL folded over two lines can no longer be copied or clicked, so it alone may run past the width.
    return [*heading, Text(link, style="blue underline", no_wrap=True, overflow="ignore")]


def _optional(text: str, style: str) -> list[RenderableType]:
    """Return a styled line for non-empty text, else nothing."""
    return [_line(text, style)] if text else []


def _facts_table(briefing: Briefing) -> list[RenderableType]:
    """Return the key facts as label/entries rows, or nothing when there are none."""
    rows: list[tuple[Text, RenderableType]] = [
        (_line(group.label, "bold cyan"), _line("\n".join(group.entries)))
        for group in fact_groups(briefing.facts)
    ]
    return [_line(""), _line("Key facts", "bold"), _grid(rows)] if rows else []


def _briefing_view(briefing: Briefing) -> RenderableType:
    """Build the renderable for one briefing."""
    parts = _heading(title_of(briefing), briefing.url)
    parts += _optional(meta_line(briefing), "dim")
    sentences = summary_sentences(briefing)
    parts += [_line(""), _bullets(sentences)] if sentences else []
    parts += _facts_table(briefing)
    parts += [_line(""), _line(stats_line(briefing.stats), "dim italic")]
    return Group(*parts)


def _item_view(item: DigestItem) -> RenderableType:
    """Build the renderable for one digest story."""
    briefing = item.briefing
    parts = _heading(title_of(briefing), briefing.url)
    parts += _optional(meta_line(briefing), "dim")
    sentences = summary_sentences(briefing, DIGEST_SENTENCES)
    parts += [_bullets(sentences)] if sentences else []
    parts += _optional(facts_line(briefing.facts), "cyan")
    parts += _optional(reported_by_line(item), "italic")
    return Group(*parts)


def _digest_view(digest: Digest) -> RenderableType:
    """Build the renderable for a digest: heading, numbered stories, what was left out."""
    rows: list[tuple[Text, RenderableType]] = []
    for number, item in enumerate(digest.items, start=1):
        rows += [(_line(""), _line(""))] if rows else []  # a blank line between stories
        rows.append((_line(f"{number}.", "bold"), _item_view(item)))
    stories = _grid(rows)
    parts: list[RenderableType] = [_line(digest_title(digest), "bold underline")]
    parts += [_line(digest_subtitle(digest), "dim"), _line(""), stories]
    parts += _optional(more_line(digest), "dim italic")
    return Group(*parts)


def _match_view(briefing: Briefing) -> RenderableType:
    """Build the renderable for one lookup match: title, link, one-line summary, where it is from."""
    parts = _heading(title_of(briefing), briefing.url)
    parts += _optional(one_line(briefing), "")
    parts += _optional(meta_line(briefing), "dim")
    return Group(*parts)


def _matches_view(matches: Matches) -> RenderableType:
    """Build the renderable for lookup matches: heading, then numbered compact items."""
    rows: list[tuple[Text, RenderableType]] = []
    for number, briefing in enumerate(matches.briefings, start=1):
        rows += [(_line(""), _line(""))] if rows else []
        rows.append((_line(f"{number}.", "bold"), _match_view(briefing)))
    return Group(*_optional(matches.heading, ""), _grid(rows))


def _view(obj: Briefing | Digest | Matches, compact: bool) -> RenderableType:
    """Build the renderable for a briefing (its chat form when `compact`), digest or lookup matches."""
    if isinstance(obj, Briefing):
        return _briefing_view(chat_form(obj).briefing if compact else obj)
    if isinstance(obj, Digest):
        return _digest_view(obj)
    if isinstance(obj, Matches):
        if compact:
            return _matches_view(obj)
        return Group(*_optional(obj.heading, ""), *map(_briefing_view, obj.briefings))
    raise TypeError(f"cannot render {type(obj).__name__}")


def print_rich(obj: Briefing | Digest | Matches, console: Console, *, compact: bool = False) -> None:
    """Print a briefing, digest or lookup matches with colour to `console` (the chat form when `compact`)."""
    console.print(_view(obj, compact))


def _is_copyable_url(link: str) -> bool:
    return link.lower().startswith(("http://", "https://")) and not any(c.isspace() for c in link)


def _shown_urls(obj: Briefing | Digest | Matches) -> list[str]:
    if isinstance(obj, Briefing):
        briefings = [obj]
    elif isinstance(obj, Matches):
        briefings = list(obj.briefings)
    else:
        briefings = [item.briefing for item in obj.items]
    return [link for link in (clean_inline(b.url) for b in briefings if b.url) if _is_copyable_url(link)]


def _restore_urls(lines: list[str], urls: list[str]) -> list[str]:
    """Put back whole any URL that a table cell cut at the width, so it can still be copied."""
    restored = []
    for line in lines:
        shown = line.strip()
        cut = next((url for url in urls if len(shown) >= 12 and url != shown and url.startswith(shown)), None)
        restored.append(line.replace(shown, cut) if cut else line)
    return restored


def render_text(obj: Briefing | Digest | Matches, *, width: int | None = None, compact: bool = False) -> str:
    """Render as plain terminal text wrapped to `width` columns; `compact` gives the chat form."""
    console = Console(
        file=io.StringIO(),
        width=max(MIN_WIDTH, width or DEFAULT_WIDTH),
        record=True,
        color_system=None,
        force_terminal=False,
        highlight=False,
        markup=False,
        emoji=False,
    )
    console.print(_view(obj, compact), crop=False)
    lines = _restore_urls(console.export_text(styles=False).splitlines(), _shown_urls(obj))
    return "\n".join(line.rstrip() for line in lines).strip("\n") + "\n"
