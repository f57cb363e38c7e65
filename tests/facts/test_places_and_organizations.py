"""Places and organisations: read from gazetteers, from how a story uses a name, and from sports convention."""

from __future__ import annotations

from tests.facts.helpers import facts

_MATCH = (
    "Portugal beat Norway 2-0 in Lisbon on Friday. The striker scored twice and the coach praised the squad "
    "after the match. Norway's manager blamed the pitch."
)


def test_a_town_after_in_is_a_place_even_when_no_gazetteer_knows_it():
    assert "Ardnagoil" in facts("The flood reached homes in Ardnagoil on Tuesday.").places


def test_a_numbered_district_and_a_quoted_title_are_not_places():
    found = facts("Tanks stand on the roofs in District 8.", 'He starred in "Lost in Marlowe" last year.')
    assert found.places == ()


def test_a_town_before_its_state_is_a_place():
    assert "Brennock" in facts("The first flight left Brennock, Oregon, at dawn.").places


def test_counties_and_provinces_are_places():
    assert "Harlan County" in facts("Deputies in Harlan County found the car.").places


def test_a_compass_word_before_a_place_stays_with_it():
    assert "east Leeds" in facts("Schools in east Leeds closed early.").places


def test_us_in_capitals_is_the_united_states():
    assert "United States" in facts("Talks between the US and Canada resumed on Monday.").places


def test_a_well_known_body_is_never_a_place_of_the_same_name():
    found = facts("White House officials declined to comment.")
    assert found.organizations == ("White House",)
    assert found.places == ()


def test_capitals_are_an_organisation_only_where_they_act_as_one():
    found = facts("The kit has HDMI ports and a VOTE button.", "The BRX said on Monday that fares would rise.")
    assert found.organizations == ("BRX",)


def test_an_acronym_the_story_spells_out_is_an_organisation():
    found = facts(
        "The Northern Rail Partnership published its plan.",
        "Critics said NRP had ignored rural lines.",
    )
    assert {"Northern Rail Partnership", "NRP"} <= set(found.organizations)


def test_national_sides_in_a_match_report_are_organisations_not_places():
    found = facts(_MATCH)
    assert {"Portugal", "Norway"} <= set(found.organizations)
    assert "Lisbon" in found.places
    assert "Portugal" not in found.places


def test_a_club_named_after_a_town_is_an_organisation_and_a_player_is_a_person():
    found = facts(
        "Kingsbridge Villa striker Tom Reyes scored the winner in the league match.",
        "Reyes told fans the season was not over, and the coach praised the squad.",
    )
    assert "Kingsbridge Villa" in found.organizations
    assert "Reyes" not in found.organizations
    assert [person.name for person in found.people] == ["Tom Reyes"]


def test_companies_and_outlets_are_read_from_how_the_story_uses_them():
    found = facts(
        "Brightwell's shares fell 8% on Tuesday.",
        "An analyst at Corvane said the drop was overdone.",
        "The chief executive told Newsdesk Online the plan would stand.",
    )
    assert {"Brightwell", "Corvane", "Newsdesk Online"} <= set(found.organizations)


def test_a_company_written_short_is_listed_once_under_its_full_name():
    found = facts(
        "Halden Logistics raised its forecast.",
        "Halden's chief executive said orders had doubled.",
    )
    assert found.organizations == ("Halden Logistics",)


def test_shares_in_a_company_do_not_make_it_a_place():
    found = facts("Trondvik Energy said profits rose.", "Shares in Trondvik rose 4%.")
    assert found.places == ()


def test_a_town_and_a_plural_name_a_team_but_islands_stay_a_place():
    found = facts("The Ohio Comets signed a guard from the Cayman Islands.")
    assert "Ohio Comets" in found.organizations
    assert "Cayman Islands" in found.places


def test_a_website_is_an_organisation():
    assert "HarbourNews.com" in facts("She told HarbourNews.com that the ferry was late.").organizations


def test_in_inside_a_quoted_slogan_is_no_place():
    assert facts('His motto was "Never Less Than the Client Had in Mind," he said.').places == ()


def test_a_word_the_story_also_writes_in_lower_case_is_no_place():
    found = facts("The boy posed in Stripes for the photo.", "His stripes were painted on.")
    assert found.places == ()


def test_an_acronym_listed_with_a_union_is_an_organisation_too():
    found = facts("The two largest unions, the Dock Workers Union and TKV, called the strike.")
    assert {"Dock Workers Union", "TKV"} <= set(found.organizations)


def test_a_state_in_a_sports_story_stays_a_place_where_it_says_where():
    found = facts(
        "The pitcher was shot while jogging in the rural southern Nebraska city of Ord.",
        "A call was made by Nebraska resident Joan Pike, and the player had a scholarship with "
        "Nebraska's Western Plains University. The coach, the team and the club's fans mourned the player.",
    )
    assert "Nebraska" in found.places
    assert "Nebraska" not in found.organizations
