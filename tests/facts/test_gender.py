"""Gender from what the text gives: titles, gendered roles and given names that nearly always tell."""

from __future__ import annotations

from bot.facts.gender import FEMALE, MALE, name_gender, person_gender, title_gender


def test_courtesy_titles_and_gendered_roles() -> None:
    assert title_gender("Mrs") == FEMALE
    assert title_gender("Sir") == MALE
    assert title_gender("the club's spokeswoman") == FEMALE
    assert title_gender("Defence Secretary") is None


def test_a_given_name_tells_only_when_it_nearly_always_does() -> None:
    assert name_gender("Margaret Ellison") == FEMALE
    assert name_gender("Tomas Brennan") == MALE
    assert name_gender("Chris Vale") is None  # given to men and women alike
    assert name_gender("Ellison") is None  # a surname alone says nothing


def test_titles_before_the_given_name_are_skipped() -> None:
    assert name_gender("Alabama Sen. Jeff Sessions") == MALE


def test_a_stated_title_outweighs_the_given_name_and_titles_at_odds_give_none() -> None:
    assert person_gender("Sam Okoro", titles=("Ms",)) == FEMALE
    assert person_gender("Sam Okoro", titles=("Ms", "Mr")) is None
