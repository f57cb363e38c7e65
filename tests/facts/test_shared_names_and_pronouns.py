"""Quotes whose speaker a reader could get wrong: shared surnames, names in relative clauses, unnamed people."""

from __future__ import annotations

from tests.facts.helpers import facts


def _speakers(*paragraphs: str) -> dict[str, str]:
    return {quote.text[:24]: quote.speaker for quote in facts(*paragraphs).quotes}


def test_a_surname_two_relatives_share_gives_no_speaker():
    found = _speakers(
        "Walter Brandt waited on the pier for his daughter, Greta Brandt, who had rowed alone for a month.",
        "Walter Brandt said the family never gave up hope.",
        '"I counted the waves every single night," Brandt said.',
    )
    assert "I counted the waves every" not in found


def test_a_he_after_a_shared_surname_does_not_fall_back_to_an_earlier_full_name():
    found = _speakers(
        "Omar Haddad spoke to his son, Karim Haddad, on the phone after the rescue.",
        "Haddad said the sea had been calm for days.",
        '"It was the longest month of my life," he said.',
    )
    assert found == {}


def test_a_shared_surname_means_the_only_one_introduced_so_far():
    found = _speakers(
        "Nina Varga watched the bridge collapse from her kitchen window.",
        '"The whole street shook like paper," Varga told reporters.',
        "Her brother, Tomas Varga, arrived an hour later.",
    )
    assert found["The whole street shook l"] == "Nina Varga"


def test_a_title_picks_the_one_of_that_gender_among_a_family():
    found = _speakers(
        "Peter and Anne Walsh run the farm with their son, Joe Walsh.",
        '"We lost half the orchard in one night," Mrs Walsh said.',
    )
    assert found["We lost half the orchard"] == "Anne Walsh"


def test_a_name_inside_a_relative_clause_is_not_whom_he_means():
    found = _speakers(
        "Carl Ostrander, who had served on the council under Peter Lindqvist, told reporters he was ready.",
        'He said: "I have the votes and I intend to use them this spring."',
    )
    assert found["I have the votes and I i"] == "Carl Ostrander"


def test_the_object_of_a_relative_clause_does_not_take_the_quote():
    found = _speakers(
        "A neighbour, Dominic Foyle, who ran across to help Stefan Moreau, said he heard two shots.",
        '"I just held his hand until they came," he said.',
    )
    assert found["I just held his hand unt"] == "Dominic Foyle"


def test_someone_unnamed_brought_in_after_the_subject_leaves_the_pronoun_open():
    found = _speakers(
        "The chef Marco Bellini was praised by diners until a man at the bar shouted at the waiter.",
        '"This soup has been cold for twenty minutes," he said.',
    )
    assert found == {}


def test_every_role_the_text_gives_counts_for_gender():
    found = _speakers(
        "His girlfriend, fitness model Jordan Keane, posted a photo of the couple in Lisbon.",
        "The photographer Luis Prado took the picture at sunset.",
        '"Best holiday we have had in years," she wrote.',
    )
    assert found["Best holiday we have had"] == "Jordan Keane"


def test_a_short_sentence_after_the_attribution_finishes_the_quotation():
    quotes = facts('"It took forever to reach the shore," Elena Ruiz said. "It moved so slowly."').quotes
    assert [q.text for q in quotes] == ["It took forever to reach the shore … It moved so slowly."]


def test_a_longer_sentence_after_the_attribution_is_a_quotation_of_its_own():
    quotes = facts(
        '"It took forever to reach the shore," Elena Ruiz said. '
        '"Nobody on the island had a working radio for the whole week we were there."'
    ).quotes
    assert len(quotes) == 2


def test_a_year_written_short_opens_no_quotation():
    quotes = facts(
        "Born: Surrey, Apr 8, '63. Debut: Lord's, Jun 4, '89.",
        "Colin Webb said: 'I can't promise anything until I know what the job really is.'",
    ).quotes
    assert [(q.text[:20], q.speaker) for q in quotes] == [("I can't promise anyt", "Colin Webb")]


def test_a_whole_quoted_sentence_after_a_verbs_own_object_is_not_its_content():
    found = _speakers(
        "Crowds gathered at the hall where Mayor Tom Reilly announced a new housing fund "
        "'That is why I am voting for change this year.'"
    )
    assert found == {}


def test_a_quote_may_follow_the_listener_of_told_directly():
    found = _speakers("The singer Mary Doyle told the crowd 'We will be back here next summer, I promise.'")
    assert found["We will be back here nex"] == "Mary Doyle"
