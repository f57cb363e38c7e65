"""What stands around a person's name in a run of capitals, and name shapes the first-name list lacks."""

from __future__ import annotations

from tests.facts.helpers import facts, people


def test_a_nationality_or_creed_before_a_full_name_is_not_part_of_it():
    found = people(
        "Canadian Megan Holt and Buddhist Peter Lang were freed on Tuesday.",
        "Holt and Lang had been held for a year.",
    )
    assert "Megan Holt" in found
    assert "Peter Lang" in found
    assert not any(name.startswith(("Canadian", "Buddhist")) for name in found)


def test_a_team_and_a_position_before_a_name_are_the_players_role():
    found = people("Denver LB Marcus Webb was fined after the game.")
    assert found == {"Marcus Webb": "Denver LB"}


def test_an_outlets_beat_before_a_name_is_the_role():
    found = people("BBC Radio Correspondent Helen Marsh reported the vote.")
    assert "Helen Marsh" in found


def test_a_lone_acronym_before_a_name_is_no_role():
    assert people("Fans gathered to write RIP Stan Hollis on the wall.") == {"Stan Hollis": None}


def test_a_club_name_is_not_split_into_a_place_and_a_person():
    found = facts("Queens Park Rangers signed a striker on Monday.")
    assert "Park Rangers" not in {person.name for person in found.people}


def test_an_arabic_article_belongs_to_the_surname():
    found = people(
        "Officials said Ibrahim Khalil al-Rawi had been arrested.",
        "Provincial governor Saad al-Obeidi said police had found him in a farmhouse.",
    )
    assert "Ibrahim Khalil al-Rawi" in found
    assert "Saad al-Obeidi" in found


def test_a_judges_courtesy_title_keeps_a_hyphenated_surname_whole_and_is_no_role():
    found = people("The appeal was heard by Lord Justice Hale-Brook and Lord Justice Pym.")
    assert found == {"Hale-Brook": None, "Pym": None}


def test_a_two_word_title_before_a_surname_is_read_whole():
    found = people("Attorney General Voss met Chief Justice Rowland on Friday.")
    assert found == {"Voss": "Attorney General", "Rowland": "Chief Justice"}


def test_a_hyphenated_surname_after_a_title_is_the_person_named_in_full_before():
    found = people("Sarah Orr-Ewing won the race.", "Ms Orr-Ewing, a part-time jockey, said she was thrilled.")
    assert list(found) == ["Sarah Orr-Ewing"]


def test_a_party_glued_to_a_surname_is_two_names():
    found = facts(
        "Gordon Ferris has warned voters about a second referendum.",
        "The SNP said that for Labour Ferris's speech changed nothing, and Labour stayed quiet.",
    )
    assert "Labour Ferris" not in {person.name for person in found.people}
    assert "Labour" in found.organizations


def test_a_place_before_a_body_is_one_name_not_two():
    found = facts("Fans in Leeds cheered as the Leeds Rockets won.", "The Rockets face Hull next.")
    assert "Leeds Rockets" in found.organizations
