"""Cleaning fast paths give what the general path gave: the pasted-headline split, a lone paragraph."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.text.clean import _INLINE_DATELINE, _NEAR_DUPLICATE, _content_words, _repeats_title, _split_pasted_headline
from bot.text.junk import normalized_words, strip_junk_paragraphs


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


def test_lower_casing_joins_no_two_words():
    # A title copy is ruled out by the paragraph's own word count: the lower-cased words it compares never fewer.
    for character in map(chr, range(sys.maxunicode + 1)):
        assert character.isalnum() == any(map(str.isalnum, character.lower())), hex(ord(character))


def _repeats_title_by_gathered_words(paragraph: str, title: str) -> bool:
    """The title-copy test as first written: both texts' words always gathered."""
    line, full = normalized_words(paragraph), normalized_words(title)
    if not line or not full:
        return False
    if line == full or (len(line) >= 15 and line in full):
        return True
    if full in line and len(line.split()) <= len(full.split()) + 3:
        return True
    title_words = _content_words(title)
    if paragraph.endswith((".", ",", ";", ":")) or len(title_words) < 3:
        return False
    if line.count(" ") > 2 * full.count(" ") + 1:
        return False
    return len(title_words & _content_words(paragraph)) / len(title_words) >= _NEAR_DUPLICATE


_TITLE_WORDS = ["Opinion", "|", "Storm", "hits", "coast", "city", "İstanbul", "-", "Site", "the", "ferry", "—", "."]


_SOME_WORDS = st.lists(st.sampled_from(_TITLE_WORDS), max_size=12)


@settings(max_examples=500, deadline=None)
@given(_SOME_WORDS, _SOME_WORDS, _SOME_WORDS, st.booleans())
def test_the_word_count_bound_decides_title_copies_as_gathering_the_words_did(title_words, before, after, copied):
    # The paragraph is the title with words around it, or other words only.
    title, paragraph = " ".join(title_words), " ".join(before + title_words * copied + after)
    assert _repeats_title(paragraph, title) == _repeats_title_by_gathered_words(paragraph, title)
