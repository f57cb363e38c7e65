"""Who counts as a person: where a name ends, and what is never a person however it is capitalised."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.facts.classify import PER
from bot.facts.entities import Mention, find_mentions
from bot.facts.people import PeopleIndex, mentions_by_sentence
from tests.facts.helpers import facts, people


def test_a_caption_glued_to_the_next_sentence_ends_the_name_at_its_first_word():
    assert set(people("The court heard from Maria Delgado The hearing resumed on Monday.")) == {"Maria Delgado"}


def test_a_name_repeated_by_the_sentence_after_its_caption_is_one_person():
    assert set(people("Pictured: Lena Holm Holm crossed the line first in the final sprint.")) == {"Lena Holm"}


def test_a_word_in_capitals_after_a_name_is_a_label_not_part_of_the_name():
    assert "Jonas Weller" in people("Reviewed by: Jonas Weller RRP: 30 euros, with a download code.")


def test_a_participle_glued_after_a_name_is_a_caption_word():
    assert set(people("The film starred Carla Brennan Smiling at the premiere in a red gown.")) == {"Carla Brennan"}


def test_a_courtesy_title_inside_a_run_of_capitals_starts_a_new_name():
    found = facts("He lost his appeal at the Court of Appeal Mr Okafor told the hearing.")
    assert "Court of Appeal" in found.organizations
    assert [person.name for person in found.people] == ["Okafor"]


def test_a_title_inside_the_run_leaves_the_name_and_becomes_the_role():
    found = people("Ohio Senate President Kevin Rourke signed the bill on Friday.")
    assert list(found) == ["Kevin Rourke"]
    assert found["Kevin Rourke"] == "Ohio Senate President"


def test_a_title_of_a_place_before_a_full_name_is_the_role():
    found = people("US Secretary of State Dana Whitfield flew to Lima.")
    assert found == {"Dana Whitfield": "US Secretary of State"}


def test_a_title_word_opening_a_body_or_a_card_is_no_person():
    assert people("The Premier League fined the club, and he played the King of Clubs.") == {}


def test_venues_streets_and_grounds_are_not_people():
    assert people("Fans gathered at Westfield Park and marched down Carver Street to Holloway Hall.") == {}


def test_a_first_name_before_a_venue_word_is_still_a_person():
    assert "Brad Hall" in people("Brad Hall, a director, said the play would tour in spring.")


def test_a_title_in_quotation_marks_is_a_work_not_a_person():
    assert people("She closed the night with 'Silver Morrow' and an encore.") == {}


def test_an_opening_adverb_or_participle_is_not_a_first_name():
    assert "Surely Wilson" not in people("Surely Wilson deserved a better result after all that work.")


def test_a_single_letter_a_handle_or_capitals_alone_are_not_names():
    found = people("The witness, known only as Mr X, was questioned by MP aides.", "Follow @Work for more.")
    assert found == {}


def test_an_age_set_off_after_an_unknown_name_makes_a_person():
    assert "Tomasz Wierzbicki" in people("Tomasz Wierzbicki, 41, was fined for speeding.")


def test_brand_shaped_words_and_company_appositives_are_not_people():
    found = facts("BrightPath, a software provider, said sales rose.", "Its rival GreenLedger lost ground.")
    assert found.people == ()
    assert "BrightPath" in found.organizations


def test_first_names_joined_to_a_full_name_share_its_surname():
    found = people("Retired teachers Alan and Ruth Fenwick opened the cafe in May.")
    assert set(found) == {"Alan Fenwick", "Ruth Fenwick"}


def test_a_place_glued_before_a_name_is_split_off():
    found = facts("Spain's ambassador to Canada Luis Ortega said the talks would go on.")
    assert [person.name for person in found.people] == ["Luis Ortega"]
    assert "Canada" in found.places


def test_a_month_name_can_open_a_persons_name():
    assert "Jan Novak" in people("Jan Novak, who heads the port authority, said the strike would end.")


def test_the_surname_of_a_known_person_is_that_person_not_a_place():
    found = facts(
        "Singer Mabel Jordan released an album on Friday.",
        "Jordan said the songs were written on tour.",
        "Her band will play in Jordan next year.",
    )
    assert [person.name for person in found.people] == ["Mabel Jordan"]
    assert "Jordan" in found.places


def test_a_given_name_ending_like_a_participle_stays_in_the_name():
    found = people("China's envoy to Kenya Wang Xiaoming said trade would grow. President Xi Jinping agreed.")
    assert {"Wang Xiaoming", "Xi Jinping"} <= set(found)


def test_a_royal_named_by_title_is_that_person_when_named_again_alone():
    found = facts(
        "Princess Charlotte joined her brother at the service.",
        "Charlotte waved to the crowd outside the church.",
    )
    assert "Charlotte" not in found.places


def test_a_title_with_of_opening_a_sentence_leaves_the_full_name():
    assert people("Secretary of State Dana Whitfield said a deal was close.") == {
        "Dana Whitfield": "Secretary of State"
    }


@given(st.lists(st.integers(0, 4), max_size=12))
def test_mentions_grouped_by_sentence_keep_their_order(sentence_numbers: list[int]) -> None:
    mentions = [Mention(f"Name{i}", PER, sentence, i, i + 1) for i, sentence in enumerate(sentence_numbers)]
    expected: dict[int, list[Mention]] = {}
    for mention in mentions:
        expected.setdefault(mention.sentence, []).append(mention)
    assert mentions_by_sentence(mentions) == expected


def test_each_persons_earliest_form_is_where_they_are_first_mentioned() -> None:
    sentences = [
        "Police said Ms Lane left early.",
        "Donna Lane and Peter Holm met Holm's lawyer, Sara Vik.",
        "Lane said Vik and Peter Holm agreed.",
    ]
    index = PeopleIndex(find_mentions(sentences), sentences)
    for person in index._people:
        assert min(person.forms.values()) == min((m.sentence, m.start) for m in person.mentions)
