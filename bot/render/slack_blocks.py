"""Render briefings and digests as Slack Block Kit messages, within every Slack limit."""

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
    neutralize_mentions,
    reported_by_line,
    safe_url,
    slack_escape,
    stats_line,
    summary_sentences,
    title_of,
)
from bot.render._split import pack, split_text, text_size, truncate
from bot.render.buttons import slack_button
from bot.render.chat import chat_form, one_line

HEADER_LIMIT = 150
SECTION_LIMIT = 3000
CONTEXT_ELEMENT_LIMIT = 2000
CONTEXT_ELEMENTS = 10
LINK_TITLE_LIMIT = 256
# Slack allows 50 blocks, but long block sets fail (msg_blocks_too_long) well below the
# documented limits, so each message stays modest.
BLOCKS_PER_MESSAGE = 40
BLOCK_TEXT_PER_MESSAGE = 12_000
FALLBACK_LIMIT = 3000
FALLBACK_TEXT = "News briefing"
DIVIDER = {"type": "divider"}


def slack_mrkdwn(text: str) -> str:
    """Make article text inert in mrkdwn: no pings, no links, no control syntax."""
    return slack_escape(neutralize_mentions(text))


def _mrkdwn(text: str) -> Payload:
    """Return a mrkdwn text object that Slack will not auto-link or auto-mention."""
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def _header(title: str, *, whole_title: bool = True) -> list[Payload]:
    """Return a header block, plus a section with the whole title when the header had to cut it."""
    plain = neutralize_mentions(title)
    short = truncate(plain, HEADER_LIMIT)
    header = {"type": "header", "text": {"type": "plain_text", "text": short, "emoji": False}}
    return [header] + ([] if short == plain or not whole_title else _sections([slack_mrkdwn(title)]))


def _sections(lines: list[str]) -> list[Payload]:
    """Return section blocks holding the mrkdwn lines, split where a section would overflow."""
    return [{"type": "section", "text": _mrkdwn(chunk)} for chunk in pack(lines, SECTION_LIMIT)]


def _context(pieces: list[str]) -> list[Payload]:
    """Return context blocks holding the mrkdwn pieces as small print."""
    elements = [piece for text in pieces if text for piece in split_text(text, CONTEXT_ELEMENT_LIMIT)]
    blocks: list[Payload] = []
    used = 0
    for element in elements:
        size = text_size(element)
        if not blocks or len(blocks[-1]["elements"]) == CONTEXT_ELEMENTS or used + size > SECTION_LIMIT:
            blocks.append({"type": "context", "elements": []})
            used = 0
        blocks[-1]["elements"].append(_mrkdwn(element))
        used += size
    return blocks


def _link(url: str | None, label: str) -> str:
    """Return a mrkdwn link to a usable URL, else the label alone."""
    link = safe_url(url)
    return f"<{link}|{label}>" if link else label


def _fact_lines(briefing: Briefing) -> list[str]:
    """Return the fact lines in Slack mrkdwn."""
    return labelled_fact_lines(briefing.facts, inert=slack_mrkdwn, bold="*")


def _with_button(blocks: list[Payload], ref: str | None, number: int) -> list[Payload]:
    """Put a numbered "More facts" button beside the first section of a story, when it can be fetched."""
    if ref and blocks and blocks[0]["type"] == "section":
        blocks[0] = {**blocks[0], "accessory": slack_button(ref, number)}
    return blocks


def _briefing_blocks(briefing: Briefing, *, whole_title: bool = True) -> list[Payload]:
    """Return the blocks of one briefing."""
    blocks = _header(title_of(briefing), whole_title=whole_title)
    url = safe_url(briefing.url)
    link = f"<{url}|Read the full article>" if url else ""
    blocks += _context([link, slack_mrkdwn(meta_line(briefing))])
    blocks += _sections([f"• {slack_mrkdwn(s)}" for s in summary_sentences(briefing)])
    facts = _fact_lines(briefing)
    blocks += [DIVIDER, *_sections(facts)] if facts else []
    return blocks + _context([slack_mrkdwn(stats_line(briefing.stats))])


def _chat_briefing_blocks(briefing: Briefing) -> list[Payload]:
    """Return the chat form of a briefing, ending with a "More facts" button when there is more."""
    form = chat_form(briefing)
    blocks = _briefing_blocks(form.briefing, whole_title=False)
    if form.offers_more and briefing.ref:
        blocks.append({"type": "actions", "elements": [slack_button(briefing.ref)]})
    return blocks


def _item_blocks(number: int, item: DigestItem, *, with_button: bool = False) -> list[Payload]:
    """Return the blocks of one numbered digest story."""
    briefing = item.briefing
    full = slack_mrkdwn(title_of(briefing))
    short = truncate(full, LINK_TITLE_LIMIT)
    # Only the number is bold: mrkdwn has no escape for "*", so article text never sits inside markers.
    lines = [f"*{number}.* {_link(briefing.url, short)}"] + ([] if short == full else [full])
    lines += [f"• {slack_mrkdwn(s)}" for s in summary_sentences(briefing, DIGEST_SENTENCES)]
    extras = (meta_line(briefing), facts_line(briefing.facts), reported_by_line(item))
    sections = _with_button(_sections(lines), briefing.ref if with_button else None, number)
    return sections + _context([slack_mrkdwn(extra) for extra in extras])


def _digest_blocks(digest: Digest, *, with_buttons: bool) -> list[Payload]:
    """Return the blocks of a digest: heading, stories between dividers, what was left out."""
    blocks = _header(digest_title(digest)) + _context([slack_mrkdwn(digest_subtitle(digest))])
    for number, item in enumerate(digest.items, start=1):
        blocks += [DIVIDER, *_item_blocks(number, item, with_button=with_buttons)]
    return blocks + _context([slack_mrkdwn(more_line(digest))])


def _match_blocks(number: int, briefing: Briefing, *, with_button: bool) -> list[Payload]:
    """Return one lookup match: numbered linked title and one-line summary, then where it is from."""
    full = slack_mrkdwn(title_of(briefing))
    lines = [f"*{number}.* {_link(briefing.url, truncate(full, LINK_TITLE_LIMIT))}", slack_mrkdwn(one_line(briefing))]
    sections = _with_button(_sections(["\n".join(lines)]), briefing.ref if with_button else None, number)
    return sections + _context([slack_mrkdwn(meta_line(briefing))])


def _matches_blocks(matches: Matches, *, with_buttons: bool) -> list[Payload]:
    """Return lookup matches as compact sections under their heading, a button beside each."""
    blocks = _sections([slack_mrkdwn(matches.heading)]) if matches.heading else []
    for number, briefing in enumerate(matches.briefings, start=1):
        blocks += _match_blocks(number, briefing, with_button=with_buttons)
    return blocks


def _block_texts(block: Payload) -> list[str]:
    """Return the texts a block shows, as mrkdwn (plain text escaped)."""
    if block["type"] == "header":
        return [slack_escape(block["text"]["text"])]
    if block["type"] == "section":
        return [block["text"]["text"]]
    if block["type"] == "context":
        return [" ".join(element["text"] for element in block["elements"])]
    return []


def _fallback(blocks: list[Payload]) -> str:
    """Return the notification text for a message: its block texts, shortened to a safe size."""
    text = "\n".join(t for block in blocks for t in _block_texts(block))
    return truncate(text, FALLBACK_LIMIT) if text.strip() else FALLBACK_TEXT


def _messages(blocks: list[Payload]) -> list[Payload]:
    """Group blocks into modest messages, never starting or ending one with a divider."""
    batches: list[list[Payload]] = [[]]
    used = 0
    for block in blocks:
        size = sum(text_size(t) for t in _block_texts(block))
        if batches[-1] and (len(batches[-1]) >= BLOCKS_PER_MESSAGE or used + size > BLOCK_TEXT_PER_MESSAGE):
            batches.append([])
            used = 0
        if block is DIVIDER and not batches[-1]:
            continue
        batches[-1].append(dict(block))
        used += size
    for batch in batches:
        while batch and batch[-1]["type"] == "divider":
            batch.pop()
    return [{"text": _fallback(batch), "blocks": batch} for batch in batches if batch]


def render_slack(obj: Briefing | Digest | Matches, *, compact: bool = True) -> list[Payload]:
    """Render as Slack messages, each {"text": fallback, "blocks": [...]}.

    `compact` gives the chat form, with "More facts" buttons; without it a briefing is the whole
    fact card (what the button answers) and nothing carries a button.
    """
    if isinstance(obj, Briefing):
        return _messages(_chat_briefing_blocks(obj) if compact else _briefing_blocks(obj))
    if isinstance(obj, Digest):
        return _messages(_digest_blocks(obj, with_buttons=compact))
    if isinstance(obj, Matches):
        return _messages(_matches_blocks(obj, with_buttons=compact))
    raise TypeError(f"cannot render {type(obj).__name__}")
