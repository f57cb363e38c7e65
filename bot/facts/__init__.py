"""Rule-based, offline fact extraction: people, places, organisations, dates, figures, quotes, sources."""

import gc
from functools import cache

from bot.facts.cues import cue_indexes
from bot.facts.date_phrases import written_dates
from bot.facts.entities import Mention, find_entities, find_mentions
from bot.facts.extract import extract_facts
from bot.facts.gazetteer import max_place_words, place_table
from bot.facts.lexicon import given_names, surnames, world_given_names
from bot.facts.name_candidates import read_sentence
from bot.facts.numbers import figure_candidates
from bot.facts.tokens import tokenize


@cache  # once per process: the tables are built once, and freezing again would catch garbage
def preload() -> None:
    """Build the gazetteers and name lists now (a few hundred ms) instead of during the first article.

    A long-running process calls this once at start-up. The tables then live as long as the process, so
    they are moved out of the garbage collector's sight: a full collection no longer walks them (measured
    on 75 articles after the seeds: the mean briefing 8.8 → 7.8 ms, the one full collection gone).
    """
    place_table()
    max_place_words()  # 3 ms over the whole table, otherwise paid by the first story with a line in capitals
    given_names()
    surnames()
    world_given_names()
    gc.collect()  # garbage left by start-up would otherwise be frozen with the tables, never to be freed
    gc.freeze()


def clear_caches() -> None:
    """Forget what was read per sentence (tokens, name spans, dates, figures), so a benchmark can time it cold."""
    for cached in (tokenize, read_sentence, cue_indexes, written_dates, figure_candidates):
        cached.cache_clear()


__all__ = ["Mention", "clear_caches", "extract_facts", "find_entities", "find_mentions", "preload"]
