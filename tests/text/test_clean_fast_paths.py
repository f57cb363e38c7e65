"""Cleaning fast paths give what the general path gave: the pasted-headline split, a lone paragraph."""

from __future__ import annotations

import re

import pytest

from bot.text.clean import _INLINE_DATELINE, _split_pasted_headline
from bot.text.junk import strip_junk_paragraphs


def test_inline_dateline_search_starting_at_a_space_finds_what_the_lookbehind_found():
    by_lookbehind = re.compile(
        r"""(?<=[a-z0-9’'"”?!])\s+(?=[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?:, [A-Z][a-zA-Z.]+)?"""
        r"""\s*(?:\([^)]{1,25}\))?\s*(?:—|–|--)\s+[A-Z“"‘])"""
    )
    for text in (
        "Talks resume in Seoul SEOUL — The two sides met.",
        "Why now?  \n NEW YORK, Ny. (AP) -- A",
        "Rates cut LONDON—No space",
        " LONDON — B",
        "end. LONDON — B",
        "he said” PARIS – Le",
        "nothing to see here at all",
    ):
        old, new = by_lookbehind.search(text), _INLINE_DATELINE.search(text)
        assert (old and old.span()) == (new and new.span()), text


@pytest.mark.parametrize(("words", "split"), [(1, True), (25, True), (26, False)])
def test_a_pasted_headline_of_up_to_25_words_is_split_from_its_dateline(words, split):
    headline = " ".join(["word"] * words)
    line = f"{headline} SEOUL — Talks resumed on Monday. A second SEOUL — line."
    expected = [headline, "SEOUL — Talks resumed on Monday. A second SEOUL — line."] if split else [line]
    assert _split_pasted_headline([line]) == expected


def test_a_lone_paragraph_is_still_judged_as_a_masthead_or_caption():
    assert strip_junk_paragraphs(["Pellston Daily"], source="Pellston Daily") == []
    assert strip_junk_paragraphs(["Talks resumed in Linden on Monday, officials said."]) == ["Talks resumed in Linden on Monday, officials said."]
    assert strip_junk_paragraphs(["Crowds gather outside the court in Linden. Ana Ruiz/Reuters"]) == []
