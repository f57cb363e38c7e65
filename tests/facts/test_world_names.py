"""People whose first names are not American, written with initials or a stage name, are not missed."""

from __future__ import annotations

from bot.facts.lexicon import given_names, load_word_list, world_given_names
from tests.facts.helpers import facts, people


def test_a_first_name_from_abroad_before_an_unknown_surname_is_a_person() -> None:
    found = people("The gallery showed new paintings by Ignazio Varriale on Tuesday.")
    assert "Ignazio Varriale" in found


def test_a_first_name_from_abroad_opening_a_sentence_is_a_person() -> None:
    found = people("Radek Zelinka finished the race in third place.", "The organisers praised the young rider.")
    assert "Radek Zelinka" in found


def test_the_name_written_with_and_without_accents_is_one_person() -> None:
    found = people("Oddvar Šimák scored twice for the visitors.", "Coaches said Oddvar Simak was the best player.")
    assert [name for name in found if "Oddvar" in name] == ["Oddvar Šimák"]


def test_a_school_named_after_a_first_name_is_not_a_person() -> None:
    found = people("Children at Sigrun Primary planted trees on Friday morning.")
    assert found == {}


def test_a_nationality_before_a_noun_is_not_a_first_name() -> None:
    found = people("The shop sold costumes, French Maid outfits among them, to students.")
    assert found == {}


def test_two_initials_without_points_open_a_name() -> None:
    found = people("The winning horse is owned by businessman friend of the trainer, J P Tarrow, who was delighted.")
    assert "J P Tarrow" in found


def test_one_initial_without_a_point_needs_a_known_surname() -> None:
    found = people("The second goal came from M Henderson after the break.")
    assert "M Henderson" in found


def test_an_article_before_a_surname_is_no_initial() -> None:
    found = people("A Henderson spokesman declined to comment on the deal.")
    assert "A Henderson" not in found


def test_a_bank_written_with_initials_stays_a_bank() -> None:
    found = facts("Shares in J P Morgan fell on Monday after the report.")
    assert found.people == ()
    assert "J P Morgan" in found.organizations


def test_stage_name_capitals_open_a_performers_name() -> None:
    found = people("The crowd danced until dawn as DJ Tarrow played the last set.")
    assert "DJ Tarrow" in found


def test_world_names_leave_out_english_words_and_the_american_list() -> None:
    world = load_word_list("world_given_names.txt", "bot.facts.data")
    assert {"ignazio", "radek", "sigrun"} <= world
    assert world.isdisjoint({"will", "grace", "hope", "french", "santa", "monday", "march", "king", "page"})
    assert world_given_names().isdisjoint(given_names())


def test_a_compass_letter_before_a_country_is_no_initial() -> None:
    found = people("Fans travelled from N Ireland to watch the final on Saturday.")
    assert found == {}
