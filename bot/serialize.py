"""Briefings to plain dicts and back, for JSON output and storage."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from bot.models import DAY, WEEKEND, Briefing, DateMention, Facts, NumberMention, Person, Quote, Stats


def facts_to_dict(facts: Facts) -> dict[str, Any]:
    """Return the facts as JSON-ready data."""
    return {
        "people": [{"name": p.name, "role": p.role} for p in facts.people],
        "places": list(facts.places),
        "organizations": list(facts.organizations),
        "dates": [_date_to_dict(d) for d in facts.dates],
        "numbers": [{"value": n.value, "context": n.context} for n in facts.numbers],
        "quotes": [{"text": q.text, "speaker": q.speaker} for q in facts.quotes],
        "sources": list(facts.sources),
    }


def _date_to_dict(mention: DateMention) -> dict[str, Any]:
    """Give a date its ISO value at the text's precision, the precision, and the form a reader sees."""
    data: dict[str, Any] = {"text": mention.text, "date": mention.iso, "precision": mention.precision}
    if mention.week:
        data["week"] = mention.week  # a week's `date` is its month; the ISO week keeps the exact one
    data["display"] = mention.label or None
    return data


def _date_from_dict(data: dict[str, Any]) -> DateMention:
    """Rebuild a date from `_date_to_dict` output, or from the older form with a full day in `date`."""
    value, precision = data.get("date"), data.get("precision") or DAY
    if not value:
        return DateMention(data["text"], None, precision)
    if data.get("week"):
        year, week = data["week"].split("-W")
        start = date.fromisocalendar(int(year), int(week), 6 if precision == WEEKEND else 1)
    elif len(value) == 4:
        start = date(int(value), 1, 1)
    elif len(value) == 7:
        start = date(int(value[:4]), int(value[5:7]), 1)
    else:
        start = date.fromisoformat(value)
    return DateMention(data["text"], start, precision, data.get("display") or "")


def facts_from_dict(data: dict[str, Any]) -> Facts:
    """Rebuild facts from `facts_to_dict` output."""
    return Facts(
        people=tuple(Person(p["name"], p.get("role")) for p in data.get("people", ())),
        places=tuple(data.get("places", ())),
        organizations=tuple(data.get("organizations", ())),
        dates=tuple(_date_from_dict(d) for d in data.get("dates", ())),
        numbers=tuple(NumberMention(n["value"], n["context"]) for n in data.get("numbers", ())),
        quotes=tuple(Quote(q["text"], q.get("speaker")) for q in data.get("quotes", ())),
        sources=tuple(data.get("sources", ())),
    )


def briefing_to_dict(briefing: Briefing) -> dict[str, Any]:
    """Return the briefing as JSON-ready data (the `--format json` shape)."""
    return {
        "title": briefing.title or None,  # an article without a headline gets no invented one
        "source": briefing.source,
        "url": briefing.url,
        "published": briefing.published.isoformat() if briefing.published else None,
        "dateline": briefing.dateline,
        "summary": list(briefing.summary),
        "facts": facts_to_dict(briefing.facts),
        "stats": {
            "words": briefing.stats.words,
            "summary_words": briefing.stats.summary_words,
            "reduction": briefing.stats.reduction,
            "reading_minutes": briefing.stats.reading_minutes,
        },
    }


def briefing_from_dict(data: dict[str, Any]) -> Briefing:
    """Rebuild a briefing from `briefing_to_dict` output."""
    published = data.get("published")
    return Briefing(
        title=data.get("title") or "",
        summary=tuple(data.get("summary", ())),
        facts=facts_from_dict(data.get("facts", {})),
        stats=Stats(words=data["stats"]["words"], summary_words=data["stats"]["summary_words"]),
        source=data.get("source"),
        url=data.get("url"),
        published=datetime.fromisoformat(published) if published else None,
        dateline=data.get("dateline"),
    )
