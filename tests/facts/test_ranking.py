"""The prominence signal that orders every fact list, most central first."""

from __future__ import annotations

from bot.facts.ranking import StoryLayout, by_prominence
from tests.facts.helpers import facts


def test_more_mentions_rank_higher():
    layout = StoryLayout(None)
    assert layout.prominence([4, 6, 9]) > layout.prominence([4])


def test_an_earlier_first_mention_ranks_higher():
    layout = StoryLayout(None)
    assert layout.prominence([0]) > layout.prominence([5])


def test_a_mention_in_the_lead_outranks_one_just_after_it():
    layout = StoryLayout(None, lead=3)
    assert layout.prominence([2]) - layout.prominence([3]) > 0.5


def test_a_name_in_the_headline_outranks_one_repeated_in_the_body():
    layout = StoryLayout("Mayor Okoro unveils ferry plan")
    assert layout.prominence([6], ["Okoro"]) > layout.prominence([6, 8, 10], ["Delaney"])


def test_the_headline_must_hold_every_word_of_a_name():
    layout = StoryLayout("Ferry plan unveiled")
    assert not layout.in_title(["Ferry Lane"])
    assert layout.in_title(["Ferry"])


def test_a_fact_only_in_the_headline_still_scores():
    assert StoryLayout("Storm hits Ardnagoil").prominence([], ["Ardnagoil"]) > 0


def test_equal_scores_keep_reading_order():
    assert by_prominence(["first", "second", "third"], lambda _item: 1.0) == ["first", "second", "third"]


def test_people_places_and_organisations_come_most_central_first():
    found = facts(
        "Council members met in Ardnagoil on Monday, where Mayor Ife Okoro presented the plan.",
        "Okoro said the Harbour Trust would pay half. Okoro called it overdue.",
        "A resident, Sam Lee, said the Fenwick Society was consulted in Brennock.",
        title="Okoro backs Harbour Trust ferry plan",
    )
    assert found.people[0].name == "Ife Okoro"
    assert found.organizations[0] == "Harbour Trust"
    assert found.places[0] == "Ardnagoil"
