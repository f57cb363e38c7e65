"""Labels, fact groups, one-line summaries and the escaping every renderer shares."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from bot.models import Briefing, DateMention, Digest, DigestItem, Facts, NumberMention, Stats

# One message, embed or block as the platform's JSON API takes it.
Payload = dict[str, Any]

DIGEST_SENTENCES = 2
MAX_URL = 1000
# What heads a briefing whose article has no headline and no named source: a label, never a cut sentence.
FALLBACK_TITLE = "Briefing"

_ZWSP = "\u200b"
_MENTION_WORD = re.compile(r"@(?=everyone|here|channel)", re.IGNORECASE)
_MENTION_OPEN = re.compile(r"<(?=[@#!])")
_MARKDOWN_SPECIAL = re.compile(r"([\\*_~`|\[\]<>#])")
# Characters a URL may keep as they are; everything else is percent-encoded so no URL can close
# a link, open a mention or carry markdown into a message.
_URL_SAFE = "/:?=&%+,;.-_~!$'"
_HOST = re.compile(r"[a-z0-9.-]+")
_IPV6 = re.compile(r"[0-9a-f:.]+")

LISTED_LABELS = frozenset({"Numbers", "Quotes"})


def clean_inline(text: str | None) -> str:
    """Collapse all whitespace, newlines included, to single spaces."""
    return " ".join((text or "").split())


def neutralize_mentions(text: str) -> str:
    """Break @everyone/@here/@channel and <@…>, <#…>, <!…> so no platform turns them into pings."""
    text = _MENTION_WORD.sub("@" + _ZWSP, text)
    return _MENTION_OPEN.sub("<" + _ZWSP, text)


def slack_escape(text: str) -> str:
    """Escape the three characters Slack mrkdwn reads as control syntax."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_markdown(text: str) -> str:
    """Backslash-escape markdown syntax so article text shows literally in Discord and CommonMark."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _safe_host(hostname: str) -> str | None:
    """Return an ASCII host fit for a URL, or None when it is not a plain host name or address."""
    if ":" in hostname:
        return f"[{hostname}]" if _IPV6.fullmatch(hostname) else None
    try:
        ascii_host = hostname.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    return ascii_host if _HOST.fullmatch(ascii_host) else None


def safe_url(url: str | None) -> str | None:
    """Return an http(s) URL with risky characters percent-encoded, or None when it cannot be linked."""
    try:
        parts = urlsplit(clean_inline(url))
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        return None
    host = _safe_host(parts.hostname)
    if host is None:
        return None
    netloc = f"{host}:{port}" if port else host
    encoded = [quote(piece, safe=_URL_SAFE) for piece in (parts.path, parts.query, parts.fragment)]
    result = urlunsplit((parts.scheme.lower(), netloc, *encoded))
    return result if len(result) <= MAX_URL else None


@dataclass(frozen=True)
class FactGroup:
    """One labelled group of key facts, each entry already phrased for reading."""

    label: str
    entries: tuple[str, ...]

    @property
    def listed(self) -> bool:
        """Tell whether entries read better one per line than run together."""
        return self.label in LISTED_LABELS


def _joined(first: str, second: str | None, joiner: str = " — ") -> str:
    """Join two cleaned pieces, leaving out the joiner when either is empty."""
    return joiner.join(piece for piece in (clean_inline(first), clean_inline(second)) if piece)


def _date_entry(mention: DateMention) -> str:
    """Phrase a date mention as its words, plus the date as people write it when the words need it."""
    words = clean_inline(mention.text)
    shown = mention.label
    if not shown or words == shown:
        return words or shown
    if _ISO_RE.fullmatch(words):
        return shown  # "2024-05-01" reads better as "Wed 1 May 2024"
    if _YEAR_RE.search(words):
        return words  # "in 2016", "March 3, 2021": already written in full
    return f"{words} ({shown})" if words else shown


_ISO_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR_RE = re.compile(r"\b\d{4}\b")


def _number_entry(number: NumberMention) -> str:
    """Phrase a figure in its context, never writing the figure twice ("$21 million — $21 million")."""
    value, context = clean_inline(number.value), clean_inline(number.context)
    if value and value in context:
        return context
    return _joined(value, context)


def _quote_entry(text: str, speaker: str | None) -> str:
    """Phrase a quote as “text” — speaker."""
    words = clean_inline(text)
    return _joined(f"“{words}”", speaker) if words else ""


# Each fact group: the Facts field it reads, its label, and how one entry is phrased for reading.
FACT_FIELDS: tuple[tuple[str, str, Callable[[Any], str]], ...] = (
    ("people", "People", lambda person: _joined(person.name, person.role)),
    ("places", "Places", clean_inline),
    ("organizations", "Organizations", clean_inline),
    ("dates", "When", lambda mention: _date_entry(mention)),
    ("numbers", "Numbers", lambda number: _number_entry(number)),
    ("quotes", "Quotes", lambda quote: _quote_entry(quote.text, quote.speaker)),
    ("sources", "Sources", clean_inline),
)


def fact_groups(facts: Facts) -> list[FactGroup]:
    """List the non-empty fact groups in reading order, each entry phrased for display."""
    groups = [
        FactGroup(label, tuple(entry for entry in map(phrase, getattr(facts, name)) if entry))
        for name, label, phrase in FACT_FIELDS
    ]
    return [group for group in groups if group.entries]


def _top(label: str, names: list[str], per_group: int) -> str:
    """Phrase the first few names of a group, counting the rest."""
    names = [name for name in names if name]
    if not names:
        return ""
    shown = ", ".join(names[:per_group])
    extra = len(names) - per_group
    return f"{label}: {shown}" + (f" (+{extra})" if extra > 0 else "")


def facts_line(facts: Facts, *, per_group: int = 3) -> str:
    """Summarize the top people, places and organizations on one line; empty when there are none."""
    parts = (
        _top("People", [clean_inline(p.name) for p in facts.people], per_group),
        _top("Places", [clean_inline(p) for p in facts.places], per_group),
        _top("Organizations", [clean_inline(o) for o in facts.organizations], per_group),
    )
    return " · ".join(part for part in parts if part)


def stats_line(stats: Stats) -> str:
    """Phrase the length saving, e.g. '612 words → 88 words (86% shorter) · 3 min read'."""
    saving = f" ({stats.reduction:.0f}% shorter)" if stats.reduction > 0 else ""
    return (
        f"{stats.words:,} words → {stats.summary_words:,} words{saving}"
        f" · {stats.reading_minutes} min read"
    )


def meta_line(briefing: Briefing) -> str:
    """Phrase source · published date · dateline, leaving out what is unknown (or already the heading)."""
    published = briefing.published.date().isoformat() if briefing.published else ""
    source = clean_inline(briefing.source) if clean_inline(briefing.title) else ""  # else the source heads it
    parts = (source, published, clean_inline(briefing.dateline))
    return " · ".join(part for part in parts if part)


def title_of(briefing: Briefing) -> str:
    """Return the cleaned title; without one, the source, the site's host or the "Briefing" label."""
    return clean_inline(briefing.title) or clean_inline(briefing.source) or _host_of(briefing.url) or FALLBACK_TITLE


def _host_of(url: str | None) -> str:
    try:
        host = urlsplit(clean_inline(url)).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def summary_sentences(briefing: Briefing, limit: int | None = None) -> list[str]:
    """Return the cleaned, non-empty summary sentences, at most `limit` of them."""
    sentences = [s for s in (clean_inline(raw) for raw in briefing.summary) if s]
    return sentences if limit is None else sentences[:limit]


def reported_by_line(item: DigestItem) -> str:
    """Phrase 'Reported by N sources: …' for merged stories; empty for a single source."""
    if item.source_count <= 1:
        return ""
    names = [clean_inline(n) for n in (item.briefing.source, *item.also_reported_by)]
    names = [name for name in names if name]
    listed = f": {', '.join(names)}" if names else ""
    return f"Reported by {item.source_count} sources{listed}"


def more_line(digest: Digest) -> str:
    """Phrase how many stories the digest left out; empty when none were."""
    if digest.more <= 0:
        return ""
    return f"…and {digest.more} more {'story' if digest.more == 1 else 'stories'}"


def digest_title(digest: Digest) -> str:
    """Return the cleaned digest title, or a default when blank."""
    return clean_inline(digest.title) or "News digest"


def digest_subtitle(digest: Digest) -> str:
    """Phrase the generation date and story count, e.g. '2024-03-12 · 5 stories'."""
    count = len(digest.items)
    stories = f"{count} {'story' if count == 1 else 'stories'}"
    if digest.generated_at is None:
        return stories
    return f"{digest.generated_at.date().isoformat()} · {stories}"


def labelled_fact_lines(facts: Facts, *, inert: Callable[[str], str], bold: str) -> list[str]:
    """Return one line per fact group ("Label: a; b"), or a label and bullets for listed groups."""
    lines: list[str] = []
    for group in fact_groups(facts):
        entries = [inert(entry) for entry in group.entries]
        label = f"{bold}{group.label}:{bold}"
        if group.listed:
            lines += [label] + [f"• {entry}" for entry in entries]
        else:
            lines.append(f"{label} " + "; ".join(entries))
    return lines
