"""Places as an editor writes them: a district's compass point kept, a describing adjective left out."""

from __future__ import annotations

from tests.facts.helpers import facts, people


def test_an_adjective_of_direction_is_not_part_of_the_place():
    found = facts("Fighting spread across central Moldova and southern Ontario overnight.")
    assert {"Moldova", "Ontario"} <= set(found.places)
    assert not any(place.startswith(("central", "southern")) for place in found.places)


def test_a_compass_point_before_a_city_names_a_district_of_it():
    assert "north Leeds" in facts("Police closed two roads in north Leeds.").places


def test_a_compass_point_before_a_country_only_says_where_in_it():
    found = facts("The village lies in north-west Moldova, near the border.")
    assert "Moldova" in found.places
    assert "north-west Moldova" not in found.places


def test_province_written_after_a_name_belongs_to_it():
    assert "Kandar province" in facts("Troops were sent to Kandar province on Monday.").places


def test_a_surname_after_a_quoted_nickname_is_a_person_not_a_town():
    found = facts('The crash killed Buddy Holly and Robert "The Kid" Irvine in Iowa.')
    assert "Robert Irvine" in {person.name for person in found.people}
    assert "Irvine" not in found.places


def test_a_body_of_a_country_is_not_the_country():
    found = facts("The Recording Industry of Canada praised the album.")
    assert "Recording Industry of Canada" in found.organizations
    assert "Canada" not in found.places


def test_a_nickname_needs_a_first_name_before_it():
    assert "Irvine" not in people('Fans chanted "Go Home" Irvine on Sunday.')


def test_according_to_a_surname_that_is_a_country_names_the_person():
    found = facts(
        "Ruth Jordan sailed alone from Norfolk in March.",
        "The mast broke twice, according to Jordan, before a tanker found her.",
    )
    assert "Jordan" not in found.places


def test_a_name_after_a_persons_age_and_of_is_where_they_live():
    found = facts("The driver, Tomas Bellweather, 41, of Greenhollow, was treated at the scene.")
    assert "Greenhollow" in found.places
    assert "Greenhollow" not in {person.name for person in found.people}
    assert "Greenhollow" not in found.organizations


def test_an_age_then_of_before_a_company_name_keeps_the_company():
    found = facts("Marla Quint, 52, of Google, spoke at the hearing.")
    assert "Google" not in found.places
