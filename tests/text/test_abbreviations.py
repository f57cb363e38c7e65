"""One abbreviation list serves the sentence splitter and the fact tokenizer."""

from __future__ import annotations

from bot.facts.tokens import tokenize
from bot.text.tokenize import split_sentences


def test_the_splitter_keeps_titles_and_months_with_their_full_stop():
    assert split_sentences("Gov. Dana Pike spoke on Jan. 5 in Salem. Drs. Lee and Ruiz agreed.") == [
        "Gov. Dana Pike spoke on Jan. 5 in Salem.",
        "Drs. Lee and Ruiz agreed.",
    ]


def test_the_fact_tokenizer_reads_the_same_abbreviations_as_words():
    words = [token.text for token in tokenize("Gov. Pike met Drs. Lee and the Co. board on Jan. 5")]
    assert {"Gov.", "Drs.", "Co.", "Jan."} <= set(words)
