"""Which attributed quotations are kept: long enough, not a title, each once."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.facts.laid_out import PERSON, Speaker
from bot.facts.quote_marks import QuoteSpan
from bot.facts.quotes import MIN_QUOTE_WORDS, _Found, _is_title, _quotes

_WORDS = st.sampled_from(["we", "Will", "rebuild.", " ", "  ", "\t", "—", "it,", "x"])


@given(st.lists(_WORDS, max_size=12).map(" ".join))
def test_a_quotation_is_kept_when_it_has_enough_words_counted_all_through(text: str) -> None:
    item = _Found(QuoteSpan(0, 1, 0, 1, "'", True), 0, text, Speaker("Ann Lee", PERSON))
    kept = len(text.split()) >= MIN_QUOTE_WORDS and not _is_title(text)
    assert bool(_quotes([item])) == kept
