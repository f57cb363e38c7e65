"""Rule-based, offline fact extraction: people, places, organisations, dates, figures, quotes, sources."""

from bot.facts.entities import find_entities, find_mentions
from bot.facts.extract import extract_facts

__all__ = ["extract_facts", "find_entities", "find_mentions"]
