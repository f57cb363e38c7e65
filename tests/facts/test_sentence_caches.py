"""What is read once per sentence and kept must not carry one document's context into another."""

from __future__ import annotations

from datetime import date

from bot.facts import clear_caches, find_mentions
from bot.facts.dates import find_dates
from bot.facts.name_candidates import read_sentence

_MATCH = "Spain drew 1-1 with Italy in Madrid on Saturday."


def _spain(sentences: list[str]) -> bool:
    return next(m.team for m in find_mentions(sentences) if m.name == "Spain" and m.sentence == len(sentences) - 1)


def test_a_sentence_read_in_a_sports_report_is_read_again_as_news_elsewhere():
    clear_caches()
    assert _spain(["Football: Spain v Italy", _MATCH])
    assert not _spain(["The minister flew home.", _MATCH])


def test_a_sentence_read_as_news_is_read_as_a_sports_report_in_one():
    clear_caches()
    assert not _spain(["The minister flew home.", _MATCH])
    assert _spain(["Football: Spain v Italy", _MATCH])


def test_a_kept_date_phrase_is_resolved_against_each_documents_own_publication_date():
    sentence = "The council will meet on Friday to vote."
    assert find_dates([sentence], date(2024, 5, 6))[0].date == date(2024, 5, 10)
    assert find_dates([sentence], date(2024, 5, 13))[0].date == date(2024, 5, 17)


def test_clearing_the_caches_forgets_every_sentence_read():
    find_mentions([_MATCH])
    assert read_sentence.cache_info().currsize > 0
    clear_caches()
    assert read_sentence.cache_info().currsize == 0
