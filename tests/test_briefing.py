"""Briefing one article: the pieces put together, and bounds on what is read."""

from __future__ import annotations

from bot.briefing import MAX_ANALYSED_SENTENCES, build_briefing, leading_part
from bot.models import Article, Document


def test_leading_part_keeps_the_first_sentences_across_paragraphs():
    document = Document(title="T", paragraphs=(("a1.", "a2."), ("b1.", "b2.", "b3."), ("c1.",)), dateline="X")
    cut = leading_part(document, 3)
    assert cut.paragraphs == (("a1.", "a2."), ("b1.",))
    assert (cut.title, cut.dateline) == ("T", "X")


def test_leading_part_of_a_short_document_is_the_document():
    document = Document(title=None, paragraphs=(("One sentence here.",),))
    assert leading_part(document, 5) is document


def test_a_very_long_text_is_counted_whole_but_summarized_from_its_opening():
    opening = "The harbour council voted on Tuesday to keep the winter ferry running for commuters. "
    filler = "Residents lined the pier to watch the boats come in. " * (MAX_ANALYSED_SENTENCES + 200)
    briefing = build_briefing(Article(text=opening + filler, title="Ferry stays"))
    assert briefing.stats.words > 10 * (MAX_ANALYSED_SENTENCES + 200)
    assert briefing.summary[0].startswith("The harbour council voted")


def test_many_identical_sentences_give_one_summary_sentence():
    briefing = build_briefing(Article(text="The council met again today. " * 3000))
    assert briefing.summary == ("The council met again today.",)
