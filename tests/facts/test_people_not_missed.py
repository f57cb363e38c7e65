"""The people a story is about are listed even with rare first names, accents, one name or a caption's pointer."""

from __future__ import annotations

from tests.facts.helpers import facts, people


def test_an_accented_surname_is_looked_up_without_its_accents():
    assert "Nuño Díaz" in people("The talks were chaired by Nuño Díaz on Monday.")


def test_a_caption_pointer_after_an_unknown_name_makes_it_a_person():
    found = people("Ben Elton, left, took a swipe at Myleene Vass, right, during the rally.")
    assert "Myleene Vass" in found


def test_a_pointer_in_brackets_works_for_letters_outside_english():
    assert "Mesut Özkan" in people("Mesut Özkan (pictured) scored twice in the second half.")


def test_a_thing_the_text_calls_the_one_on_the_left_is_no_person():
    assert people("The Magic Box (left) hosted the final on Monday.") == {}


def test_a_descriptor_at_the_start_of_a_sentence_opens_a_name():
    assert people("Schoolboy Frankie Dorne watched the clip twice.") == {"Frankie Dorne": None}


def test_a_descriptor_is_not_shown_as_a_role():
    assert people("Pensioner Ada Brill watched the clip.") == {"Ada Brill": None}


def test_a_sport_before_an_unknown_name_makes_it_a_person():
    found = people("Salina diver Keetan Munsey won the state title.")
    assert found == {"Keetan Munsey": "Salina diver"}


def test_one_name_after_his_son_is_the_sons_name():
    found = people("Alan Lorne learned that his newborn son, Wil, had a heart defect.")
    assert found["Wil"] == "newborn son"


def test_one_word_after_a_role_without_a_possessive_is_not_a_name():
    assert people("He met the minister, Paris, on Friday.") == {}


def test_one_name_in_a_list_of_stars_is_a_person():
    found = people("A host of stars have worn it, including Rihanna, Adele and Lady Gaga.")
    assert "Rihanna" in found
    assert "Adele" in found


def test_a_title_opening_a_captioned_name_is_not_part_of_the_name():
    found = facts("Proud moment: Founder Quan Marsh, pictured, says she works every day.")
    assert "Founder Quan Marsh" not in {person.name for person in found.people}


def test_an_occupation_opening_a_sentence_names_a_first_name_no_list_has():
    assert set(people("Jockey Tadhg Brennan rode the winner at Fairyhouse.")) == {"Tadhg Brennan"}


def test_an_occupation_before_a_common_word_and_a_surname_names_nobody():
    assert people("Pilot Flying Jones was the name of the float.") == {}
