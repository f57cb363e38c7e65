"""A list of names is a list of one kind of thing."""

from __future__ import annotations

from tests.facts.helpers import facts


def test_a_list_after_companies_is_a_list_of_companies():
    found = facts(
        "The agency picked four companies: Zentrix, Hollow Robotics, Carver Fielding and Sun Express.",
    )
    assert {"Zentrix", "Hollow Robotics", "Carver Fielding", "Sun Express"} <= set(found.organizations)
    assert found.people == ()


def test_two_sure_companies_make_the_rest_of_the_list_companies():
    found = facts("Bids came from Quell Systems, Arden Aerospace, Carver Fielding and Brightwave.")
    assert {"Carver Fielding", "Brightwave"} <= set(found.organizations)
    assert "Carver Fielding" not in {person.name for person in found.people}


def test_a_list_of_places_takes_its_unknown_towns_along():
    found = facts("Flooding hit places including Harlan County, Brimley, Oak Hollow and Tessford.")
    assert {"Brimley", "Oak Hollow", "Tessford"} <= set(found.places)


def test_a_list_of_men_is_a_list_of_people():
    found = facts("She married four men – namely Oto Berishvili, Kemal Durak, Anwar Siddiq and Levan Gogia.")
    names = {person.name for person in found.people}
    assert {"Oto Berishvili", "Kemal Durak", "Anwar Siddiq", "Levan Gogia"} <= names


def test_a_mixed_list_keeps_each_members_own_kind():
    found = facts("Talks were held with Microsoft, Google, John Harper and Paris officials.")
    assert "John Harper" in {person.name for person in found.people}


def test_clubs_listed_after_players_from_are_not_people():
    found = facts("The tournament drew players from Real Madrid, Bayern Munich, Celtic and Paris Saint-Germain.")
    assert found.people == ()
