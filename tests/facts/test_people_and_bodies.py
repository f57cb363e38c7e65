"""Whether a name is a person or a body: the cues around it, not a list of either."""

from __future__ import annotations

from tests.facts.helpers import facts, people


def test_post_nominal_letters_make_a_person():
    assert "Fergal Bannon" in people("Fergal Bannon MP and two councillors attended the launch.")


def test_initials_and_a_suffix_with_a_known_first_name_make_a_person():
    assert "Dennis R. Valcourt Jr." in people("Dennis R. Valcourt Jr., 48, of Milton, pleaded guilty on Monday.")


def test_will_inside_a_sentence_is_a_first_name():
    assert "Will Garside" in people("The figures were checked by Will Garside, an economist at the charity.")


def test_a_thing_someone_owns_is_not_a_person():
    found = facts("She parked her Vauxhall Corsa outside the station.", "Tyrell's Carlos Reyes finished fifth.")
    names = {person.name for person in found.people}
    assert "Vauxhall Corsa" not in names
    assert "Tyrell" not in names
    assert "Carlos Reyes" in names


def test_a_surname_alone_does_not_outweigh_a_name_used_as_an_outlet():
    found = facts("The boat stopped for two hours, according to Diario Ramos.")
    assert "Diario Ramos" in found.organizations
    assert found.people == ()


def test_a_name_before_the_party_or_the_network_is_a_body():
    found = facts(
        "Sources close to the ruling Kovo party said the vote would go ahead.",
        "He heads the Harrak network, an insurgent faction.",
        "They met at a Christmas party in Leeds.",
    )
    assert {"Kovo", "Harrak"} <= set(found.organizations)
    assert "Christmas" not in found.organizations


def test_a_newspaper_called_by_its_last_word_is_one_organisation():
    found = facts(
        "The Eastfield Post first reported the story on Monday.",
        "The mayor told the Post he would resign.",
        "He later told the Telegraph that he regretted nothing.",
    )
    assert "Eastfield Post" in found.organizations
    assert "Post" not in found.organizations
    assert "Telegraph" in found.organizations


def test_british_parties_without_a_head_noun_are_organisations():
    found = facts("Voters deserted Labour in the north while the Tories held the south.")
    assert {"Labour", "Tories"} <= set(found.organizations)


def test_a_participle_after_a_quote_keeps_the_subject_named_before_it():
    found = facts(
        "Tove Berg was freed on Tuesday.",
        'Prime Minister Lena Haug said in a statement, "We are relieved and deeply grateful" at the news, '
        "adding that Berg's family thanked the rescuers.",
    )
    assert {quote.speaker for quote in found.quotes} == {"Lena Haug"}


def test_a_unit_glued_to_a_number_is_no_title():
    assert facts("The phone has a 12MP back camera and a 7MP True Depth front camera.").people == ()


def test_an_infirmary_is_a_body_and_a_finals_an_event():
    found = facts("Owen Reid, a doctor at the Aberdeen Royal Infirmary, watched the Davis Cup Finals in Madrid.")
    assert "Aberdeen Royal Infirmary" in found.organizations
    assert {person.name for person in found.people} == {"Owen Reid"}


def test_via_a_single_word_before_a_number_is_no_outlet():
    assert "Class" not in facts("Connect via Class 1 Bluetooth for wireless freedom.").organizations


def test_the_democratic_party_does_not_make_democratic_a_body():
    assert "Democratic" not in facts("He became the new face of the Democratic party this year.").organizations


def test_will_before_a_verb_in_title_case_is_no_name():
    assert facts("The quiz asked Who Will Win the title this year.").people == ()


def test_a_district_attorney_is_a_title_before_the_name():
    assert people("The case was brought by District Attorney Nora Quill on Monday.") == {
        "Nora Quill": "District Attorney"
    }
    assert "Ray Ostrow" in people("Manhattan District Attorney Ray Ostrow declined to comment.")


def test_a_title_runs_to_its_last_head_word_even_past_a_first_name_like_word():
    # "Kent" is a first name as well as a county: the title goes on to "Attorney".
    found = people("'You cannot leave the state,' Deputy Kent County Attorney Lyle Harwick told the station.")
    assert found == {"Lyle Harwick": "Deputy Kent County Attorney"}


def test_a_market_and_its_instrument_code_is_no_person():
    found = facts("Oil fell on Tuesday, with Brent LCOc1 down 40 cents and U.S. crude CLc1 off 1%.")
    assert [person.name for person in found.people] == []


def test_an_outlet_whose_name_ends_in_a_digit_is_still_a_body():
    assert "NewsNet5" in facts("Zoo officials told NewsNet5 the enclosure was closed.").organizations


def test_a_caption_label_glued_after_a_name_is_not_part_of_it():
    found = people("A view of the old quay, by Walter James Pemberton Display: The prints go under the hammer on Friday.")
    assert "Walter James Pemberton" in found
    assert not any("Display" in name for name in found)


def test_a_surname_before_a_colon_stays_in_the_name():
    found = people("The list was signed by Ryan S. Hollwell: the first of six names.")
    assert "Ryan S. Hollwell" in found


def test_a_wire_services_index_code_is_no_body():
    found = facts("The Nasdaq Composite .IXIC added 0.5% and the Dow .DJI was flat on Tuesday.")
    assert "IXIC" not in found.organizations and "DJI" not in found.organizations
