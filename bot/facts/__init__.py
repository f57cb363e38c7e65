"""Rule-based, offline fact extraction: people, places, organisations, dates, figures, quotes, sources."""

from bot.facts.cues import cue_indexes
from bot.facts.dates import written_dates
from bot.facts.entities import Mention, find_entities, find_mentions, read_sentence
from bot.facts.extract import extract_facts
from bot.facts.gazetteer import place_table
from bot.facts.lexicon import given_names, surnames, world_given_names
from bot.facts.numbers import figure_candidates
from bot.facts.tokens import tokenize


def preload() -> None:
    """Build the gazetteers and name lists now (a few hundred ms) instead of during the first article."""
    place_table()
    given_names()
    surnames()
    world_given_names()


def clear_caches() -> None:
    """Forget what was read per sentence (tokens, name spans, dates, figures), so a benchmark can time it cold."""
    for cached in (tokenize, read_sentence, cue_indexes, written_dates, figure_candidates):
        cached.cache_clear()


__all__ = ["Mention", "clear_caches", "extract_facts", "find_entities", "find_mentions", "preload"]
