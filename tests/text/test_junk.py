"""Page clutter the cleaner removes: subheads, shopping widgets, affiliate notes, promos, inline credits."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.text.clean import clean_text
from bot.text.junk import _INLINE_PROMPT, blank_inline_credits, is_boilerplate, is_heading, strip_inline_prompts


@pytest.mark.parametrize("line", ["Why it matters", "The Road Ahead", "Apple and the new tablets"])
def test_a_short_unpunctuated_line_is_a_heading(line):
    assert is_heading(line)


@pytest.mark.parametrize(
    "line",
    ["Prices rose.", "SEOUL —", "Phones under 300 dollars", "- a list item", "He said: “Wait”", "costs rose"],
)
def test_sentences_datelines_figures_and_list_items_are_not_headings(line):
    assert not is_heading(line)


@pytest.mark.parametrize(
    "line",
    [
        "- See it now: Amazon",
        "Buy now: Best Buy",
        "$129 at Target",
        "Disclosure: The Ledger may earn a commission from products featured on this page.",
        "Listen to the full interview on our weekly podcast, wherever you get your podcasts.",
        "Subscribe to Morning Brief on Apple Podcasts or Spotify.",
    ],
)
def test_shopping_widgets_affiliate_notes_and_audio_promos_are_boilerplate(line):
    assert is_boilerplate(line)


def test_a_sentence_about_a_podcast_is_kept():
    assert not is_boilerplate("The podcast, launched in 2019, has drawn two million listeners, its host said.")


def test_subheads_leave_the_body_but_the_story_stays():
    document = clean_text(
        "Ferry fares to rise in spring\n\nThe council approved the new fares on Tuesday.\n\n"
        "What happens next\n\nThe first boats run at the new price in April."
    )
    assert document.title == "Ferry fares to rise in spring"
    assert document.sentences == (
        "The council approved the new fares on Tuesday.",
        "The first boats run at the new price in April.",
    )


def test_a_text_of_headings_only_is_kept_rather_than_emptied():
    assert clean_text("Ferry fares\n\nWhat happens next").sentences


def test_an_inline_photo_credit_is_blanked_in_place():
    sentence = "The deal was signed, the bank said. AP/Daniel Moreno"
    blanked = blank_inline_credits(sentence)
    assert len(blanked) == len(sentence)
    assert "Moreno" not in blanked
    assert blanked.startswith("The deal was signed, the bank said.")


@pytest.mark.parametrize(
    "paragraph",
    [
        "Scroll down for video. He said. scroll down to watch the video Then",
        "a. scroll down for video. scroll down for video. B",
        "x. SCROLL DOWN FOR MORE",
        "ſcroll down for video Now",  # the long s folds to "s", one letter for one
        "Straße. Scroll Down For Video Then",  # "ß" folds to "ss": positions shift, so the whole pattern runs
        "fans scroll down for video clips",
        "Zürich’s mayor. SCROLL DOWN FOR VIDEO Then",  # ASCII bytes lower-cased among other letters
        "Zürich’s mayor. ſCROLL DOWN FOR VIDEO Then",
        "No prompt here.",
    ],
)
def test_inline_prompts_tried_where_scroll_down_is_written_go_as_the_whole_pattern_would_take_them(paragraph):
    assert strip_inline_prompts(paragraph) == _INLINE_PROMPT.sub("", paragraph).strip()


# The prompt pattern as first written, its place test tried at every character.
_PLACE_FIRST_PROMPT = re.compile(
    r"(?:^|(?<=[.!?”’\"]\s))(?i:scroll down (?:for (?:the )?(?:videos?|more)|to (?:watch|see) (?:the )?videos?))"
    r"[.:]?(?:\s+(?=[A-Z‘“'\"])|\s*$)"
)
_PROMPT_PIECES = ["scroll down for video", "SCROLL DOWN TO WATCH THE VIDEO", "ſcroll down for more", "Scroll", "s", "S"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_PROMPT_PIECES, ". ", "! ", "? ", "” ", "’ ", '" ', "\n", "\t", "\u00a0", " ",
                                  "Then", "x", "K", ":"]), max_size=12))
def test_the_letter_first_prompt_pattern_takes_what_the_place_first_one_took(pieces):
    text = "".join(pieces)
    assert _INLINE_PROMPT.sub("", text) == _PLACE_FIRST_PROMPT.sub("", text)
