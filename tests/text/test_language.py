"""One English language module: telling English apart, its stop words and stems."""

from __future__ import annotations

from bot.text.language import content_stems, looks_english, stop_words


def test_english_prose_is_english_and_german_prose_is_not():
    assert looks_english("The council said on Tuesday that the ferry would run every hour from April.")
    german = "Der Rat hat am Dienstag gesagt, dass die Fähre ab April jede Stunde fahren wird und nicht."
    assert not looks_english(german)


def test_content_stems_drop_stop_words_and_punctuation_and_stem_the_rest():
    assert "the" in stop_words()
    assert content_stems(["The", "ferries", "were", "running", "--"]) == ["ferri", "run"]
