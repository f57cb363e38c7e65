"""Preloading builds the fact tables once and keeps them out of the garbage collector's walks."""

from __future__ import annotations

import gc

from bot.facts import preload
from bot.facts.gazetteer import max_place_words, place_table
from bot.facts.lexicon import given_names


def test_preload_builds_the_tables_and_freezes_them() -> None:
    preload()
    assert place_table.cache_info().currsize == 1
    assert max_place_words.cache_info().currsize == 1
    assert given_names.cache_info().currsize == 1
    assert gc.get_freeze_count() > 0


def test_a_second_preload_freezes_nothing_more() -> None:
    preload()
    frozen = gc.get_freeze_count()
    made_since = [[] for _ in range(100)]  # a second freeze would take these along
    preload()
    assert gc.get_freeze_count() == frozen
    assert len(made_since) == 100
