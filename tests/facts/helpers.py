"""Build documents from sentences the way the cleaner would, for the fact tests."""

from __future__ import annotations

from datetime import date

from bot.facts import extract_facts
from bot.models import Document, Facts
from bot.text.tokenize import split_sentences

PUBLISHED = date(2026, 3, 11)


def document(*paragraphs: str, title: str | None = None) -> Document:
    """Return a document of the given paragraphs, each split into sentences."""
    return Document(title=title, paragraphs=tuple(tuple(split_sentences(p)) for p in paragraphs))


def facts(*paragraphs: str, title: str | None = None) -> Facts:
    """Extract the facts of a document made of the given paragraphs."""
    return extract_facts(document(*paragraphs, title=title), PUBLISHED)


def people(*paragraphs: str) -> dict[str, str | None]:
    """Return name → role of the people found in the paragraphs."""
    return {person.name: person.role for person in facts(*paragraphs).people}
