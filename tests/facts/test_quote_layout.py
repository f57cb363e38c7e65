"""The quotation layout: a story with no quoted passage is answered without laying its names out."""

from __future__ import annotations

from bot.facts.entities import Mention, find_mentions
from bot.facts.people import PeopleIndex
from bot.facts.quote_layout import QuoteLayout
from bot.facts.quotes import find_quotes
from bot.text.tokenize import split_sentences


def _story(*texts: str) -> tuple[tuple[tuple[str, ...], ...], list[Mention], PeopleIndex]:
    paragraphs = tuple(tuple(split_sentences(text)) for text in texts)
    sentences = [sentence for paragraph in paragraphs for sentence in paragraph]
    mentions = find_mentions(sentences)
    return paragraphs, mentions, PeopleIndex(mentions, sentences)


def _laid_out(*texts: str) -> tuple[QuoteLayout, list[tuple[str, str | None]], list[str]]:
    """Lay a story out; return the layout, its quotes as (text, speaker) and its sentences."""
    paragraphs, mentions, people = _story(*texts)
    layout = QuoteLayout(paragraphs, mentions, people)
    quotes = find_quotes(paragraphs, mentions, people, layout)
    sentences = [sentence for paragraph in paragraphs for sentence in paragraph]
    return layout, [(quote.text, quote.speaker) for quote in quotes], sentences


def test_a_story_with_apostrophes_but_no_quotation_lays_no_names_out() -> None:
    paragraphs, mentions, people = _story("Ms Ellen Brandt didn't go. The mayor's office in Leeds closed on Monday.")
    layout = QuoteLayout(paragraphs, mentions, people)
    assert layout.laid == [] and layout.spans == []
    assert find_quotes(paragraphs, mentions, people, layout) == ()


def test_a_quotation_in_one_paragraph_of_several_is_found_and_placed() -> None:
    layout, quotes, sentences = _laid_out(
        "Ms Ellen Brandt, the mayor of Leeds, opened the new bridge on Monday.",
        '"We will rebuild the old one too," Brandt said. Work starts in May.',
        "The council's budget was not discussed.",
    )
    assert quotes == [("We will rebuild the old one too", "Ellen Brandt")]
    quoted = [[offset for offset in range(len(s)) if layout.is_quoted(index, offset)] for index, s in enumerate(sentences)]
    # The body runs from after the opening mark to the comma before the closing one, in the second sentence only.
    assert quoted == [[], list(range(1, 33)), [], []]


def test_names_in_paragraphs_without_a_quotation_still_resolve_the_speaker() -> None:
    layout, quotes, _ = _laid_out(
        "Police in Leeds said the road had reopened. Ms Ellen Brandt didn't comment.",
        "The mayor's office was closed on Monday.",
        '"The road is open again at last," Brandt told reporters.',
    )
    assert quotes == [("The road is open again at last", "Ellen Brandt")]
    assert not layout.is_quoted(1, 4) and layout.is_quoted(3, 1)
