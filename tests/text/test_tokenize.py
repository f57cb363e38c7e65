"""Sentence and word tokenization of English news text, one behaviour per test."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.text import tokenize
from bot.text.tokenize import NewsTokenizer, split_sentences, split_words


def test_plain_sentences_split_on_periods():
    assert split_sentences("The mayor spoke first. The council voted later.") == [
        "The mayor spoke first.",
        "The council voted later.",
    ]


def test_curly_quote_spanning_two_sentences_keeps_closing_quote_with_its_sentence():
    text = "“We see real risks. It is worth a look,” Ms. Alder said. The hearing ended."
    assert split_sentences(text) == [
        "“We see real risks.",
        "It is worth a look,” Ms. Alder said.",
        "The hearing ended.",
    ]


def test_straight_quote_spanning_two_sentences_behaves_like_curly():
    text = '"We see real risks. It is worth a look," Ms. Alder said. The hearing ended.'
    assert split_sentences(text) == [
        '"We see real risks.',
        'It is worth a look," Ms. Alder said.',
        "The hearing ended.",
    ]


def test_closing_quote_after_period_stays_with_sentence():
    assert split_sentences("She said, “The vote is done.” Then she left.") == [
        "She said, “The vote is done.”",
        "Then she left.",
    ]


def test_exclamation_in_quote_followed_by_lowercase_attribution_is_one_sentence():
    assert split_sentences("Was it over? “Not yet!” he shouted. Nobody moved.") == [
        "Was it over?",
        "“Not yet!” he shouted.",
        "Nobody moved.",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Messrs. Ortega and Lind met Mrs. Baker and Dr. Cho at the port.",
        "The U.S. envoy met U.N. officials on Jan. 9 and again on Sept. 14.",
        "Mr. Lind, Ms. Ortega and Gen. Hale signed the accord.",
    ],
)
def test_abbreviations_do_not_end_sentences(sentence):
    assert split_sentences(sentence) == [sentence]


def test_time_abbreviation_before_a_weekday_stays_in_the_sentence():
    assert split_sentences("The ferry left at 8 a.m. Tuesday. It docked at noon.") == [
        "The ferry left at 8 a.m. Tuesday.",
        "It docked at noon.",
    ]


def test_time_abbreviation_before_a_common_capitalized_word_ends_the_sentence():
    assert split_sentences("The match ended at 5 p.m. The fans went home.") == [
        "The match ended at 5 p.m.",
        "The fans went home.",
    ]


def test_country_abbreviation_at_sentence_end_splits_before_a_pronoun():
    assert split_sentences("She moved to the U.S. It was her first trip.") == [
        "She moved to the U.S.",
        "It was her first trip.",
    ]


def test_dotted_acronym_followed_by_a_name_stays_in_the_sentence():
    assert split_sentences("Officials in Washington, D.C. Mayor Reyes agreed.") == [
        "Officials in Washington, D.C. Mayor Reyes agreed."
    ]


def test_decimals_and_prices_do_not_split():
    assert split_sentences("Output rose 3.5 percent to $12.75 a unit. Margins held.") == [
        "Output rose 3.5 percent to $12.75 a unit.",
        "Margins held.",
    ]


def test_initials_stay_with_the_name():
    assert split_sentences("T. J. Moreno scored twice. The crowd cheered.") == [
        "T. J. Moreno scored twice.",
        "The crowd cheered.",
    ]


def test_number_abbreviation_before_a_digit_stays_but_plain_no_ends_a_sentence():
    assert split_sentences("She is ranked No. 3 this year. He said no. Talks ended.") == [
        "She is ranked No. 3 this year.",
        "He said no.",
        "Talks ended.",
    ]


def test_ellipsis_followed_by_capitalized_starter_splits():
    assert split_sentences("He waited... Then the doors opened.") == ["He waited...", "Then the doors opened."]


def test_ellipsis_followed_by_lowercase_continues_the_sentence():
    assert split_sentences("He waited... and waited some more.") == ["He waited... and waited some more."]


def test_em_dashes_do_not_split_sentences():
    sentence = "The bridge — closed since spring — reopened on Friday."
    assert split_sentences(sentence + " Traffic was light.") == [sentence, "Traffic was light."]


def test_blank_line_ends_a_sentence_even_without_punctuation():
    assert split_sentences("Storm warning lifted\n\nResidents returned home.") == [
        "Storm warning lifted",
        "Residents returned home.",
    ]


def test_internal_newlines_and_spaces_are_collapsed():
    assert split_sentences("The council\nmet   on Monday.") == ["The council met on Monday."]


def test_words_drop_bare_punctuation():
    assert split_words("Rates rose, then fell — sharply!") == ["Rates", "rose", "then", "fell", "sharply"]


def test_curly_and_straight_possessives_tokenize_alike():
    assert split_words("Lena’s boat sank.") == split_words("Lena's boat sank.") == ["Lena", "'s", "boat", "sank"]


def test_curly_contraction_splits_like_straight_one():
    assert split_words("They didn’t stop.") == ["They", "did", "n't", "stop"]


def test_cant_and_wont_keep_their_real_stems():
    assert split_words("I can't and won't go.") == ["I", "can", "n't", "and", "will", "n't", "go"]


def test_abbreviations_and_decimals_stay_whole_as_words():
    assert split_words("U.S. output grew 2.5 percent.") == ["U.S.", "output", "grew", "2.5", "percent"]


def test_curly_quotes_around_words_are_not_words():
    assert split_words("He called it ‘bold’ and “new.”") == ["He", "called", "it", "bold", "and", "new"]


def test_news_tokenizer_exposes_what_sumy_needs():
    tokenizer = NewsTokenizer()
    assert tokenizer.language == "english"
    assert tokenizer.to_sentences("One fell. Two rose.") == ("One fell.", "Two rose.")
    assert tokenizer.to_words("Two rose.") == ("Two", "rose")


def test_street_abbreviation_can_end_a_sentence_but_saint_starts_a_name():
    assert split_sentences("He lives on Main St. The house is old. St. Louis won.") == [
        "He lives on Main St.",
        "The house is old.",
        "St. Louis won.",
    ]


def test_word_that_doubles_as_a_state_abbreviation_ends_a_sentence():
    assert split_sentences("He fell ill. Officials said so.") == ["He fell ill.", "Officials said so."]


def test_councillor_and_engineer_titles_do_not_end_a_sentence():
    sentences = split_sentences("The transport lead, Cllr. Priya Nandakumar, backed it. Ing. Marta Ruiz agreed.")
    assert sentences == ["The transport lead, Cllr. Priya Nandakumar, backed it.", "Ing. Marta Ruiz agreed."]


_SPACED_PIECES = ["Dr.", "said", "é", "’", "“", "—", "€", " ", "  ", "\t", "\n", "\xa0", "\u2009", "\u3000", "\x85", "\x1c", "\u200b"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_SPACED_PIECES), max_size=20).map("".join))
def test_a_paragraph_is_single_spaced_throughout_when_squeezing_white_space_leaves_it_as_it_is(paragraph):
    assert tokenize._single_spaced_throughout(paragraph) == (tokenize._SPACES.sub(" ", paragraph) == paragraph)


_ENDING_PIECES = ["Dr", "DR", "no", "No", "pp", "said", "x", "U.S", "é", "K", ".", ".", " ", "(", '"', "”", "’", ")", "'", "-"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_ENDING_PIECES), max_size=10).map("".join))
def test_a_sentence_whose_last_word_is_a_title_or_number_abbreviation_ends_as_one_does(sentence):
    listed = tokenize.TITLE_ABBREVIATIONS | tokenize.NUMBER_ABBREVIATIONS
    if tokenize._last_word(sentence) in listed:
        assert sentence.rstrip(tokenize._CLOSERS)[-3:].lower() in tokenize._LISTED_ABBREVIATION_ENDS


def test_the_written_out_other_spaces_are_every_space_but_the_plain_one() -> None:
    every = {chr(code) for code in range(0x110000) if chr(code).isspace()} - {" "}
    assert set(tokenize._OTHER_SPACES) == every


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aB.D ”’\")'", max_size=12))
def test_a_sentence_is_no_dotted_acronym_unless_a_full_stop_stands_third_from_its_end(sentence):
    if sentence.rstrip(tokenize._CLOSERS)[-3:][:1] != ".":
        assert not tokenize._ends_with_dotted_acronym(sentence)
