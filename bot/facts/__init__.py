"""Rule-based, offline fact extraction: people, places, organisations, dates, figures, quotes, sources."""

from bot.facts.entities import Mention, find_entities, find_mentions
from bot.facts.extract import extract_facts
from bot.facts.gazetteer import place_table
from bot.facts.lexicon import given_names, surnames, world_given_names


def preload() -> None:
    """Build the gazetteers and name lists now (a few hundred ms) instead of during the first article."""
    place_table()
    given_names()
    surnames()
    world_given_names()


__all__ = ["Mention", "extract_facts", "find_entities", "find_mentions", "preload"]
