"""Summaries show a quotation whole and with its speaker named, never half of it or after 'she said'."""

from __future__ import annotations

import pytest

from bot.models import Document
from bot.summarize import summarize
from bot.summarize.quotations import quotes_an_unnamed_speaker, read_quotation_marks
from bot.text.tokenize import split_sentences


def _document(*paragraphs: str, title: str | None = None) -> Document:
    return Document(title=title, paragraphs=tuple(tuple(split_sentences(p)) for p in paragraphs))


@pytest.mark.parametrize(
    "sentence",
    ["“We cannot keep patching the same bridges.", '"We will not wait for them.', "‘We are ready to go."],
)
def test_a_sentence_opening_a_quotation_it_does_not_close_leaves_it_open(sentence):
    assert read_quotation_marks(sentence).leaves_open


@pytest.mark.parametrize(
    "sentence",
    ["They were built for a smaller city,” Ms. Ortega said.", "They were built for a smaller city,' she said."],
)
def test_a_sentence_closing_a_quotation_opened_earlier_closes_it(sentence):
    assert read_quotation_marks(sentence).closes_earlier


@pytest.mark.parametrize(
    "sentence",
    ["Kim’s team won’t play the Jones’ side.", "The players' union met on Monday.", "It isn't over, he said."],
)
def test_apostrophes_are_not_quotation_marks(sentence):
    marks = read_quotation_marks(sentence)
    assert not marks.leaves_open
    assert not marks.closes_earlier


@pytest.mark.parametrize(
    ("sentence", "unnamed"),
    [
        ("“We will win the cup,” she said.", True),
        ("'We will win the cup,' said he.", True),
        ("“We will win the cup.”", True),
        ("“We will win the cup,” Mayor Ife Okoro said.", False),
        ("“We will win the cup,” the club's captain said.", False),
        ("The captain said they would “win the cup”.", False),
    ],
)
def test_a_quotation_first_needs_a_speaker_other_than_a_pronoun(sentence, unnamed):
    assert quotes_an_unnamed_speaker(sentence) is unnamed


def test_the_summary_never_opens_with_a_quotation_whose_speaker_it_does_not_name():
    document = _document(
        "“We will rebuild every house on this street,” she said, standing in the mud.",
        "Mayor Ife Okoro toured the flooded district of Ardnagoil on Monday with engineers.",
        "The river rose two metres overnight and 300 homes were flooded.",
        "Repairs will cost about 40 million pounds, the council estimates.",
    )
    summary = summarize(document, count=2)
    assert not quotes_an_unnamed_speaker(summary[0])


def test_the_summary_never_shows_half_a_quotation():
    document = _document(
        "The ferry service will resume in April after a year of repairs, the council said on Tuesday.",
        "“We cannot keep patching the same old bridges every single winter. They were built for a smaller city "
        "and a smaller load,” council leader Ana Ruiz said.",
        "Fares will rise by ten percent to pay for the new boats and the extra crews.",
    )
    assert len(document.sentences) == 4  # the quotation runs over two sentences
    for count in (1, 2, 3):
        summary = summarize(document, count=count)
        for position, sentence in enumerate(summary):
            if read_quotation_marks(sentence).leaves_open:
                assert position + 1 < len(summary)
                assert read_quotation_marks(summary[position + 1]).closes_earlier
