"""Quote marks told from apostrophes: British single quotes, quotes over paragraphs, nesting."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.facts.quote_marks import QuoteSpan, _outermost, _sweep_outermost, find_quote_spans, trim_unclosed


def _bodies(text: str) -> list[str]:
    return [text[s.body_start : s.body_end] for s in (trim_unclosed(text, span) for span in find_quote_spans(text))]


@pytest.mark.parametrize(
    "text",
    [
        "Mr O'Hara didn't say whether the Jones' barn had burned.",
        "Rock 'n' roll ruled the '60s, and the drummers' union never forgot it.",
        "Folks were 'em-dashing like it's the 1890's again.",
    ],
)
def test_apostrophes_never_open_or_close_a_quote(text: str) -> None:
    assert _bodies(text) == []


def test_a_british_quote_keeps_its_apostrophes_inside() -> None:
    text = "She said: 'I don't think the Hendersons' dog ever liked rock 'n' roll from the '70s.' Then she left."
    assert _bodies(text) == ["I don't think the Hendersons' dog ever liked rock 'n' roll from the '70s."]


def test_a_plural_possessive_inside_a_quote_does_not_close_it() -> None:
    text = "'The nurses' rota has been a mess all winter,' the matron said."
    assert _bodies(text) == ["The nurses' rota has been a mess all winter,"]


def test_a_partial_quote_closes_after_a_word() -> None:
    text = "The judge called the scheme 'cynical and entirely deliberate' before sentencing him."
    assert _bodies(text) == ["cynical and entirely deliberate"]


def test_curly_single_quotes_and_a_closing_mark_that_is_also_an_apostrophe() -> None:
    text = "‘We’ve waited for years,’ said the mayor. ‘It’s finally here.’"
    assert _bodies(text) == ["We’ve waited for years,", "It’s finally here."]


def test_a_quote_run_over_paragraphs_repeats_its_opening_mark() -> None:
    text = "He said: 'We lost the first game. 'Then we won the next four. 'Nobody expected that.' The club agreed."
    spans = find_quote_spans(text)
    assert [text[s.body_start : s.body_end] for s in spans] == [
        "We lost the first game.",
        "Then we won the next four.",
        "Nobody expected that.",
    ]
    assert [s.continues for s in spans] == [True, True, False]


def test_an_unclosed_quote_ends_where_the_writer_speaks_again() -> None:
    text = "The lawyer said the reports 'show he is finally listening. He added: 'He has not touched a drink since.'"
    assert _bodies(text) == ["show he is finally listening.", "He has not touched a drink since."]


def test_an_unclosed_quote_at_the_end_keeps_only_sentences_in_the_speakers_voice() -> None:
    text = "She wrote: 'I will never forget that night. My children saw it all. The town council met on Monday."
    assert _bodies(text) == ["I will never forget that night. My children saw it all."]


def test_double_quotes_inside_single_quotes_are_part_of_the_outer_quote() -> None:
    text = "'My son looked up and asked: \"Are we nearly there?\"' the driver recalled."
    assert _bodies(text) == ['My son looked up and asked: "Are we nearly there?"']


def test_single_quotes_inside_double_quotes_are_part_of_the_outer_quote() -> None:
    text = "\"The sign said 'keep off the grass' and we did,\" the gardener said."
    assert _bodies(text) == ["The sign said 'keep off the grass' and we did,"]


# Spans sorted by start, as the sweep takes them; some empty, some meeting the next where it starts.
_SPANS = st.lists(
    st.tuples(st.integers(0, 30), st.integers(0, 12)).map(lambda s: QuoteSpan(s[0], s[0] + s[1], s[0] + 1, s[0] + s[1], "'", True)),
    max_size=8,
).map(lambda spans: sorted(spans, key=lambda span: span.start))


@given(_SPANS)
def test_the_outermost_spans_are_the_ones_the_sweep_keeps(spans: list[QuoteSpan]) -> None:
    assert _outermost(list(spans)) == _sweep_outermost(list(spans))
