"""The quotation layout: a story with no quoted passage is answered without laying its names out."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.facts.entities import find_mentions
from bot.facts.people import PeopleIndex
from bot.facts.quote_layout import QuoteLayout, _joined, _layout, _spans
from bot.facts.quote_marks import find_quote_spans
from bot.facts.quotes import find_quotes
from bot.text.tokenize import split_sentences

_PIECES = st.sampled_from(
    [
        "Ms Ellen Brandt said",
        "the mayor's office",
        "don't",
        "the '90s",
        "'We will rebuild,'",
        "'It is over'",
        '"Not now,"',
        "he said.",
        "Police in Leeds told",
        "the players' union",
        "rock 'n' roll",
        "‘Yes’",
        "Acme Corp",
        "on Monday.",
    ]
)


def _inputs(text: str) -> tuple[tuple[tuple[str, ...], ...], list, PeopleIndex]:
    paragraphs = (tuple(split_sentences(text)),)
    sentences = list(paragraphs[0])
    mentions = find_mentions(sentences)
    return paragraphs, mentions, PeopleIndex(mentions, sentences)


def test_a_story_with_apostrophes_but_no_quotation_lays_no_names_out() -> None:
    paragraphs, mentions, people = _inputs("Ms Ellen Brandt didn't go. The mayor's office in Leeds closed on Monday.")
    layout = QuoteLayout(paragraphs, mentions, people)
    assert layout.laid == [] and layout.spans == []
    assert find_quotes(paragraphs, mentions, people, layout) == ()


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=10).map(" ".join))
def test_the_layout_answers_as_the_full_layout_of_every_name_does(text: str) -> None:
    paragraphs, mentions, people = _inputs(text)
    layout = QuoteLayout(paragraphs, mentions, people)
    joined = _joined(paragraphs)
    full = QuoteLayout((), (), people)  # the same answers from every paragraph laid out with all its names
    full.laid = _layout(joined, mentions, people)
    full.spans = _spans(full.laid, [find_quote_spans(text) for text, _ in joined])
    full._where = {sentence: (0, offset) for sentence, offset in full.laid[0].sentence_starts}
    assert find_quotes(paragraphs, mentions, people, layout) == find_quotes(paragraphs, mentions, people, full)
    for sentence, words in enumerate(paragraphs[0]):
        for offset in range(len(words)):
            assert layout.is_quoted(sentence, offset) == full.is_quoted(sentence, offset)
