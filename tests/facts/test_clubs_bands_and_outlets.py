"""Bodies named without a head noun: clubs by their nicknames, bands, weekend papers, an outlet's tag."""

from __future__ import annotations

from bot.facts import extract_facts
from bot.text.clean import clean_text
from tests.facts.helpers import facts


def test_both_sides_of_a_score_line_are_clubs():
    found = facts("Comets 3, Ravens 2: Ole Brandt scored twice in the third period and Tom Fiske made 31 saves.")
    assert {"Comets", "Ravens"} <= set(found.organizations)


def test_a_plural_nickname_written_twice_after_the_is_a_club():
    found = facts(
        "Jon Weller scored twice for the Harriers on Saturday.",
        "The Harriers have now won six straight games, and the reeling Harriers of last winter are forgotten.",
    )
    assert "Harriers" in found.organizations


def test_a_plural_after_the_written_once_is_left_out():
    found = facts("Fans queued outside the Pinnacles before the match on Sunday.")
    assert "Pinnacles" not in found.organizations


def test_a_band_written_twice_after_the_is_a_body():
    found = facts(
        "The Fen Ravens played their first show in a church hall in 1971.",
        "Later that year the Fen Ravens signed with a small label and toured the coast.",
    )
    assert "Fen Ravens" in found.organizations


def test_a_family_by_its_surname_is_no_body():
    found = facts(
        "Paul Brannigan and his wife bought the farm in May.",
        "The Brannigans said the Brannigans would open it to visitors next summer.",
    )
    assert found.organizations == ()


def test_nationalities_and_awards_in_the_plural_are_no_clubs():
    found = facts(
        "The Canadians won the relay, and the Canadians celebrated late.",
        "She thanked the Baftas twice, and the Baftas thanked her back.",
    )
    assert found.organizations == ()


def test_a_clubs_nickname_is_its_full_name_written_short():
    found = facts(
        "Lena Ortiz plays for the Toledo Comets.",
        "The Comets confirmed the transfer, and the Comets will host a farewell game.",
    )
    assert [o for o in found.organizations if "Comets" in o] == ["Toledo Comets"]


def test_a_weekday_before_a_masthead_is_part_of_the_papers_name():
    assert "Sunday Times" in facts("A source told the Sunday Times that the school had closed.").organizations


def test_the_outlet_whose_tag_opens_the_story_is_listed_last():
    document = clean_text("(CNN)Rescuers from the Red Cross reached the stranded hikers on Sunday.")
    assert extract_facts(document).organizations == ("Red Cross", "CNN")


def test_an_outlet_the_story_names_again_is_listed_once():
    document = clean_text("LONDON (AP) — Ministers met on Monday, AP reported.")
    assert extract_facts(document).organizations == ("AP",)


def test_a_county_named_twice_as_a_side_is_its_club_not_a_place():
    found = facts(
        "Ben Ashby is now director of cricket at Kent.",
        "He posed with Kent players before the season, and the Kent team beat Sussex in April.",
    )
    assert "Kent" in found.organizations
    assert "Kent" not in found.places


def test_a_place_once_before_team_is_where_the_team_is_from():
    found = facts("A Texas team of engineers built the probe, and it landed in Houston.")
    assert "Texas" in found.places
