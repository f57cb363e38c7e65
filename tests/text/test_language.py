"""One English language module: telling English apart, naming the other languages, its stop words and stems."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bot.text import language
from bot.text.language import content_stems, looks_english, not_english_message, other_language, stop_words
from bot.text.stem import stem


def test_english_prose_is_english_and_german_prose_is_not():
    assert looks_english("The council said on Tuesday that the ferry would run every hour from April.")
    german = "Der Rat hat am Dienstag gesagt, dass die Fähre ab April jede Stunde fahren wird und nicht."
    assert not looks_english(german)


def test_content_stems_drop_stop_words_and_punctuation_and_stem_the_rest():
    assert "the" in stop_words()
    assert content_stems(["The", "ferries", "were", "running", "--"]) == ["ferri", "run"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["The", "the", "Ferries", "ferries", "were", "--", "'s", "2015", "Running", "ran"])
        | st.text(alphabet="aeiYsdn'-’.7 é²", max_size=8)  # "é" and "²" are letters or digits, but not ASCII
    )
)
def test_content_stems_are_the_stems_of_the_content_words_whatever_was_met_before(words):
    stems = (
        stem(word.lower()) for word in words if word.lower() not in stop_words() and re.search("[A-Za-z0-9]", word)
    )
    expected = [found for found in stems if found]  # a word the stemmer empties ("’’s") has no stem to compare
    assert content_stems(words) == expected
    assert content_stems(words) == expected  # every spelling is known the second time


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("市议会周三批准了新的渡轮补贴计划，该计划将使夜间航班延长至午夜。", "Chinese"),
        ("市議会は水曜日、新しいフェリー補助金計画を承認した。市長は通勤者を助けると述べた。", "Japanese"),
        ("시의회는 수요일 새로운 여객선 보조금 계획을 승인했다.", "Korean"),
        ("Городской совет утвердил бюджет на следующий год после долгих споров.", "Russian"),
        ("Міська рада затвердила бюджет на наступний рік, і мер задоволений.", "Ukrainian"),
        ("وافق مجلس المدينة يوم الأربعاء على خطة جديدة لدعم العبارات الليلية.", "Arabic"),
        ("Το δημοτικό συμβούλιο ενέκρινε την Τρίτη το νέο πρόγραμμα.", "Greek"),
        ("«Το δημοτικό συμβούλιο» — ενέκρινε την Τρίτη το “νέο” πρόγραμμα…", "Greek"),
        ("Die Fähre ist am Sonntag in der Nähe des Hafens auf Grund gelaufen und die Leute sind nicht verletzt.", "German"),
        ("Le conseil municipal a voté mardi pour maintenir le ferry en hiver, et les habitants sont satisfaits.", "French"),
        ("El barco encalló cerca del puerto el domingo y los pasajeros llegaron a la playa por la tarde.", "Spanish"),
    ],
)
def test_the_language_of_a_text_that_is_not_english_is_named(text, language):
    assert other_language(text) == language
    assert not_english_message(language) == f"This looks like {language}; newsbrief briefs English articles only."


@pytest.mark.parametrize(
    "text",
    [
        "The council voted on Tuesday to keep the ferry running until March, the mayor said.",
        "MOSCOW (Reuters) — Президент Путин said on Tuesday that talks would resume, officials told reporters.",
        "Ferry runs aground",
        "“It’s over,” the mayor said — and the ferry… stopped.",
        "“ — ’ …",
        "",
    ],
)
def test_english_and_english_with_foreign_names_is_not_called_another_language(text):
    assert other_language(text) is None


def test_a_text_that_is_not_english_but_unnamed_gets_the_general_sentence():
    assert not looks_english("12 34 56 --- 7,8,9")
    assert not_english_message(None) == "This text does not look like English; newsbrief briefs English articles only."


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_PIECES = [
    "the", "of", "and", "was", "said", "der", "die", "und", "nicht", "fähre", "été", "é", "中", "Ⅻ", "ǅ", "X", "1", "²",
    "_", "'", "’", "‘", "''", "’s", "n't", "rock'n'roll", "İ", "£", "€", " ", "  ", "\xa0", "-", ".", "—", "“",
]


def _reads_as_english(text: str) -> bool:
    """Say what looks_english says, with the word pattern the rule is written in (the module counts by bytes)."""
    words = [word.lower() for word in _WORD.findall(text)]
    if not words:
        return False
    english = sum(word in language._ENGLISH for word in words)
    foreign = sum(word in language._FOREIGN for word in words)
    if len(words) < 20:
        return foreign <= english or foreign < 2
    return english / len(words) >= language.MIN_ENGLISH_SHARE and english > foreign


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_words_are_counted_as_the_word_pattern_finds_them(text):
    assert looks_english(text) == _reads_as_english(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_function_words_are_tallied_as_the_word_pattern_finds_them(text):
    lowered = text.lower()
    assume(len(lowered) == len(text))  # "İ" lower-cases to two characters: the caller never passes such a text
    words = [word.lower() for word in language._WORD.findall(text)]
    expected = (
        len(words),
        sum(word in language._ENGLISH for word in words),
        sum(word in language._FOREIGN for word in words),
    )
    assert language._function_word_counts(lowered) == expected
