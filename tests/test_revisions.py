"""Telling a story's update (new sentences) from an edit (typos, a corrected figure, re-flowed text)."""

from __future__ import annotations

from bot.revisions import compare_texts
from bot.sources.files import parse_article_text
from tests.fakes.content import PORT_STORIES, PORT_STRIKE_UPDATE
from tests.paths import REPO

STORY = "\n\n".join(PORT_STORIES["antwerp-strike"][1])


def test_added_sentences_are_an_update_and_come_back_in_order():
    revised = compare_texts(STORY, STORY + "\n\n" + " ".join(PORT_STRIKE_UPDATE))
    assert revised.substantial
    assert revised.new_sentences == tuple(PORT_STRIKE_UPDATE)
    assert 0 < revised.new_share < 1


def test_typos_a_corrected_figure_and_reflowed_paragraphs_are_edits():
    edited = (STORY.replace("three hundred", "three hundred and twenty").replace("Scheldt", "Schelde")
              .replace("\n\n", " ").replace("Talks between", "Talks  between"))
    revised = compare_texts(STORY, edited)
    assert revised.new_sentences == () and not revised.substantial


def test_one_new_sentence_is_an_edit_in_a_long_story_but_news_in_a_short_one():
    one = PORT_STRIKE_UPDATE[0]
    long_story = parse_article_text((REPO / "seeds" / "09-antwerp-strike-wire.txt").read_text(), name="seed").text
    assert not compare_texts(long_story, f"{long_story} {one}").substantial
    short = "The ferry runs again from Monday, the harbour office said on Sunday evening."
    assert compare_texts(short, f"{short} {one}").substantial


def test_a_short_line_such_as_read_more_is_never_news():
    assert compare_texts(STORY, STORY + "\n\nRead more: related coverage.").new_sentences == ()
    assert compare_texts(STORY, STORY).new_share == 0.0
