"""A small briefing the adapter tests post, written for the tests."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.models import Briefing, Facts, Person, Stats


def sample_briefing(title: str = "Harbour council backs night ferry") -> Briefing:
    """Return a short briefing with a summary, a person, a place and a link."""
    return Briefing(
        title=title,
        summary=("The harbour council voted to run a night ferry from June.", "Tickets will cost four dollars."),
        facts=Facts(people=(Person("Mara Quill", "council chair"),), places=("Port Ellery",)),
        stats=Stats(words=420, summary_words=22),
        source="Port Ellery Gazette",
        url="https://gazette.example/night-ferry",
        published=datetime(2025, 5, 2, 9, 30, tzinfo=UTC),
    )
