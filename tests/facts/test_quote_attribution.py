"""Who said a quotation, in the sentence shapes news writing uses around one."""

from __future__ import annotations

from tests.facts.helpers import facts


def _speakers(*paragraphs: str) -> dict[str, str]:
    return {quote.text[:24]: quote.speaker for quote in facts(*paragraphs).quotes}


def test_a_speech_verb_right_before_the_quote_beats_the_office_that_reports_it():
    found = _speakers(
        "Ronald Pike, 61, was charged on Monday.",
        'During the hearing, he leaned forward and said, "you will all regret this day in court," '
        "the district attorney's office said.",
    )
    assert found["you will all regret this"] == "Ronald Pike"


def test_the_one_quoted_as_saying_is_the_speaker_not_the_outlet_quoting_him():
    found = _speakers(
        "The magazine Le Point quoted a junior minister, Paul Morel, as saying the plan was "
        '"dead in the water before anyone saw it".'
    )
    assert found["dead in the water before"] == "Paul Morel"


def test_the_subject_of_a_subordinate_clause_speaks():
    found = _speakers(
        "Mayor Linda Hale visited the flooded school on Friday.",
        'The crowd cheered when she told them, "We will rebuild every school in this county."',
    )
    assert found["We will rebuild every sc"] == "Linda Hale"


def test_the_ministry_is_not_an_official_whose_title_names_the_ministry():
    found = _speakers(
        "Olav Berg, a finance ministry adviser, spoke to the press on Monday.",
        '"Mr. Berg never said that the budget was finished," the ministry said in a statement.',
    )
    assert found["Mr. Berg never said that"] == "the ministry"


def test_the_group_is_the_one_body_just_named_as_a_subject():
    found = _speakers(
        "Greenpeace said on Monday that the spill was worse than reported.",
        '"Our divers found oil along forty kilometres of coast," the group said.',
    )
    assert found["Our divers found oil alo"] == "Greenpeace"


def test_a_body_named_after_a_preposition_is_not_what_the_group_means():
    found = _speakers(
        "The tenants wrote on Facebook that the landlord had ignored them.",
        '"Nobody has answered a single letter since May," the group said.',
    )
    assert found["Nobody has answered a si"] == "the group"


def test_a_participle_after_an_earlier_quote_shares_the_sentence_subject():
    found = _speakers(
        'Dr Anna Ruiz, director of the Coastal Trust, said the plan was a "paper shield" for the port, '
        'adding: "This decision could cost the town its beaches."'
    )
    assert found["This decision could cost"] == "Anna Ruiz"


def test_according_to_before_a_quote_names_its_source():
    found = _speakers('According to the Boston Globe, "the mayor had known about the leak for weeks."')
    assert found["the mayor had known abou"] == "Boston Globe"


def test_an_unnamed_speaker_ends_before_the_clause_after_it():
    found = _speakers('"We are cooperating fully with the inquiry," said a Novabank spokesperson when contacted.')
    assert found["We are cooperating fully"] == "a Novabank spokesperson"


def test_a_name_set_off_after_a_role_speaks():
    found = _speakers(
        'The author of the report, Maria Santos, wrote in her summary: "The river has lost half its fish."'
    )
    assert found["The river has lost half "] == "Maria Santos"


def test_shouts_and_orders_introduce_speech():
    found = _speakers('"Police! Open the door right now!" an officer shouts.', '"Hands where I can see them!" a sergeant ordered.')
    assert found["Police! Open the door ri"] == "an officer"
    assert found["Hands where I can see th"] == "a sergeant"


def test_a_verb_after_and_shares_the_subject_of_its_own_clause():
    found = _speakers(
        "Clara Voss is suing her former neighbour, Hanna Lind.",
        "She alleges that when the dog vanished, Ms Lind laughed and told her 'you can always buy another one'.",
    )
    assert found["you can always buy anoth"] == "Hanna Lind"


def test_a_name_after_a_verb_is_an_object_not_the_subject_that_speaks():
    found = _speakers(
        "Dean Forde, 55, pleaded guilty on Monday.",
        'During the call, he asked about the council, called Mayor Rosa Linde a "liar" and said, '
        '"somebody should run her out of this town," the prosecutor\'s office said.',
    )
    assert found["somebody should run her "] == "Dean Forde"
