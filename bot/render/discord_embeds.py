"""Render briefings and digests as Discord message payloads with embeds, within every Discord limit."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.models import Briefing, Digest, DigestItem, Matches
from bot.render._common import (
    DIGEST_SENTENCES,
    FactGroup,
    Payload,
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
from bot.render._split import pack, text_size, truncate
from bot.render.buttons import discord_button, discord_rows
from bot.render.chat import chat_form, one_line

COLOR = 0x3B82F6
CONTENT_LIMIT = 2000
EMBEDS_PER_MESSAGE = 10
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELDS_PER_EMBED = 25
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
AUTHOR_LIMIT = 256
EMBEDS_TOTAL_LIMIT = 6000
INLINE_FIELD_MAX = 200
_ITALIC_MAX = 1000  # longer lines may be split, and a split would leave a dangling "*"


def no_mentions() -> Payload:
    """Return a fresh allowed_mentions value that lets nothing ping."""
    return {"parse": []}


def discord_markdown(text: str) -> str:
    """Make article text inert for Discord: no pings, no markdown."""
    return escape_markdown(neutralize_mentions(text))


def embed_size(embed: Payload) -> int:
    """Count the characters Discord charges an embed against the 6,000 per-message total."""
    parts = [embed.get("title", ""), embed.get("description", "")]
    parts += [embed.get("footer", {}).get("text", ""), embed.get("author", {}).get("name", "")]
    for field in embed.get("fields", []):
        parts += [field["name"], field["value"]]
    return sum(text_size(part) for part in parts)


def _timestamp(moment: datetime) -> str:
    """Return an ISO 8601 timestamp, reading a naive time as UTC."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.isoformat()


def _head(title: str, url: str | None, moment: datetime | None) -> tuple[Payload, list[str]]:
    """Return the first embed's title/url/colour and, when the title was cut, a line with it whole."""
    full = discord_markdown(title)
    head = {"title": truncate(full, TITLE_LIMIT), "color": COLOR}
    link = safe_url(url)
    if link:
        head["url"] = link
    if moment:
        head["timestamp"] = _timestamp(moment)
    return head, ([] if head["title"] == full else [full])


def _italic(text: str) -> list[str]:
    """Return the text as an italic line (plain when long), or nothing when empty."""
    if not text:
        return []
    inert = discord_markdown(text)
    return [f"*{inert}*" if text_size(inert) <= _ITALIC_MAX else inert]


def _fields(groups: list[FactGroup]) -> list[Payload]:
    """Return one field per fact group, continued in further fields when a value overflows."""
    fields = []
    for group in groups:
        lines = [discord_markdown(entry) for entry in group.entries]
        lines = [f"• {line}" for line in lines] if group.listed else lines
        values = pack(lines, FIELD_VALUE_LIMIT)
        inline = not group.listed and len(values) == 1 and text_size(values[0]) <= INLINE_FIELD_MAX
        for index, value in enumerate(values):
            name = group.label if index == 0 else f"{group.label} (cont.)"
            fields.append({"name": name, "value": value, "inline": inline})
    return fields


def _assemble(head: Payload, description: list[str], fields: list[Payload], footer: str = "") -> list[Payload]:
    """Lay out description chunks and fields over as many embeds as the limits require."""
    embeds = [dict(head)]
    for index, chunk in enumerate(pack(description, DESCRIPTION_LIMIT)):
        if index:
            embeds.append({"color": COLOR})  # continuations carry no title, so text reads on
        embeds[-1]["description"] = chunk
    footer = truncate(footer, FOOTER_LIMIT)
    reserve = text_size(footer)
    for field in fields:
        current = embeds[-1]
        crowded = len(current.get("fields", [])) >= FIELDS_PER_EMBED
        if crowded or embed_size(current) + embed_size({"fields": [field]}) + reserve > EMBEDS_TOTAL_LIMIT:
            embeds.append({"color": COLOR})
        embeds[-1].setdefault("fields", []).append(field)
    if footer:
        if embed_size(embeds[-1]) + reserve > EMBEDS_TOTAL_LIMIT:
            embeds.append({"color": COLOR})
        embeds[-1]["footer"] = {"text": footer}
    return embeds


def _messages(
    embeds: list[Payload], content: str | None = None, buttons: dict[int, Payload] | None = None
) -> list[Payload]:
    """Group embeds into messages of at most 10 embeds and 6,000 embed characters.

    `buttons` maps an embed's index to the button that belongs under it; each message carries
    the buttons of the embeds it holds.
    """
    batches: list[list[int]] = []
    total = 0
    for index, embed in enumerate(embeds):
        size = embed_size(embed)
        if not batches or len(batches[-1]) == EMBEDS_PER_MESSAGE or total + size > EMBEDS_TOTAL_LIMIT:
            batches.append([])
            total = 0
        batches[-1].append(index)
        total += size
    payloads: list[Payload] = []
    for batch in batches or [[]]:
        payload: Payload = {"content": None, "embeds": [embeds[i] for i in batch], "allowed_mentions": no_mentions()}
        attached = [buttons[i] for i in batch if buttons and i in buttons]
        if attached:
            payload["components"] = discord_rows(attached)
        payloads.append(payload)
    payloads[0]["content"] = content
    return payloads


def _briefing_embeds(briefing: Briefing, *, whole_title: bool = True) -> list[Payload]:
    """Return the embeds of one briefing: summary, key-fact fields, stats footer."""
    head, full_title = _head(title_of(briefing), briefing.url, briefing.published)
    description = (full_title if whole_title else []) + _italic(meta_line(briefing)) + [""]
    description += [f"• {discord_markdown(s)}" for s in summary_sentences(briefing)]
    fields = _fields(fact_groups(briefing.facts))
    return _assemble(head, description, fields, stats_line(briefing.stats))


def _chat_briefing(briefing: Briefing) -> list[Payload]:
    """Return the chat form of a briefing: one message, a "More facts" button when there is more."""
    form = chat_form(briefing)
    embeds = _briefing_embeds(form.briefing, whole_title=False)
    buttons = {0: discord_button(briefing.ref)} if form.offers_more and briefing.ref else {}
    return _messages(embeds, buttons=buttons)


def _item_embeds(number: int, item: DigestItem) -> list[Payload]:
    """Return the embeds of one numbered digest story."""
    briefing = item.briefing
    head, full_title = _head(f"{number}. {title_of(briefing)}", briefing.url, briefing.published)
    description = full_title + _italic(meta_line(briefing))
    description += [f"• {discord_markdown(s)}" for s in summary_sentences(briefing, DIGEST_SENTENCES)]
    description += [discord_markdown(line) for line in (facts_line(briefing.facts),) if line]
    description += _italic(reported_by_line(item))
    return _assemble(head, description, [])


def _numbered(
    embed_groups: list[tuple[list[Payload], str | None]], with_buttons: bool
) -> tuple[list[Payload], dict[int, Payload]]:
    """Flatten numbered stories' embeds, noting a button under each story's first embed."""
    embeds: list[Payload] = []
    buttons: dict[int, Payload] = {}
    for number, (group, ref) in enumerate(embed_groups, start=1):
        if with_buttons and ref and group:
            buttons[len(embeds)] = discord_button(ref, number)
        embeds += group
    return embeds, buttons


def _digest_payloads(digest: Digest, *, with_buttons: bool) -> list[Payload]:
    """Return the messages of a digest: heading as content, one embed (or more) per story."""
    heading = truncate(discord_markdown(digest_title(digest)), TITLE_LIMIT)
    content = truncate(f"**{heading}**\n{discord_markdown(digest_subtitle(digest))}", CONTENT_LIMIT)
    stories = [(_item_embeds(n, item), item.briefing.ref) for n, item in enumerate(digest.items, 1)]
    embeds, buttons = _numbered(stories, with_buttons)
    more = more_line(digest)
    embeds += [{"description": discord_markdown(more), "color": COLOR}] if more else []
    return _messages(embeds, content, buttons)


def _match_embed(number: int, briefing: Briefing) -> list[Payload]:
    """Return one lookup match: numbered linked title, its one-line summary and where it is from."""
    head, _ = _head(f"{number}. {title_of(briefing)}", briefing.url, briefing.published)
    return _assemble(head, [discord_markdown(one_line(briefing)), *_italic(meta_line(briefing))], [])


def _matches_payloads(matches: Matches, *, with_buttons: bool) -> list[Payload]:
    """Return lookup matches as compact embeds under their heading, a button per match."""
    content = truncate(discord_markdown(matches.heading), CONTENT_LIMIT) if matches.heading else None
    stories = [(_match_embed(n, b), b.ref) for n, b in enumerate(matches.briefings, 1)]
    embeds, buttons = _numbered(stories, with_buttons)
    return _messages(embeds, content, buttons)


def render_discord(obj: Briefing | Digest | Matches, *, compact: bool = True) -> list[Payload]:
    """Render as Discord message payloads (content, embeds, components, allowed_mentions).

    `compact` gives the chat form, with "More facts" buttons; without it a briefing is the whole
    fact card (what the button answers) and nothing carries a button.
    """
    if isinstance(obj, Briefing):
        return _chat_briefing(obj) if compact else _messages(_briefing_embeds(obj))
    if isinstance(obj, Digest):
        return _digest_payloads(obj, with_buttons=compact)
    if isinstance(obj, Matches):
        return _matches_payloads(obj, with_buttons=compact)
    raise TypeError(f"cannot render {type(obj).__name__}")
